// Finding texts: the catalogue's monitor.* sentences (base/messages.cc) with the rule's and the finding's words.
#include <charconv>
#include <cstdio>

#include "engine/monitor_internal.h"

namespace lf::engine {
namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

std::vector<std::string> texts(const PatternSet& p) {
  std::vector<std::string> out;
  for (const auto& a : p.any) out.push_back(a.text());
  return out;
}

std::string limit_text(const Rule& r, bool zh) {
  if (r.within_ms > 0) {
    const std::string h = format_amount(static_cast<double>(r.within_ms) / 3600000.0);
    return zh ? h + " 小时" : h + (h == "1" ? " hour" : " hours");
  }
  const std::string n = std::to_string(r.within_working_days);
  return zh ? n + " 个工作日" : n + (r.within_working_days == 1 ? " working day" : " working days");
}

std::string what_text(const Rule& r, bool zh) {
  if (r.from.empty()) return zh ? "案件办理" : "The case";
  const std::string from = quoted_any(texts(r.from), zh), to = quoted_any(texts(r.to), zh);
  return zh ? "自" + from + "至" + to : "From " + from + " to " + to;
}

std::string by_text(const std::string& by, bool zh) {
  if (by == "role") return zh ? "角色" : "role";
  if (by == "post") return zh ? "岗位" : "post";
  if (by == "unit") return zh ? "部门" : "department";
  if (by == "actor") return zh ? "人员" : "person";
  return by;
}

}  // namespace

std::string quoted_any(const std::vector<std::string>& names, bool zh) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += zh ? "或" : " or ";
    out += "“" + names[i] + "”";
  }
  return out;
}

std::string quoted_all(const std::vector<std::string>& names, bool zh) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += zh ? (i + 1 == names.size() ? "和" : "、") : (i + 1 == names.size() ? " and " : ", ");
    out += "“" + names[i] + "”";
  }
  return out;
}

std::string format_amount(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (ec != std::errc()) return "?";
  return std::string(buf, end);
}

std::string format_instant(int64_t ms, int offset_minutes) {
  const int64_t local = ms + int64_t{offset_minutes} * 60000;
  const int64_t day = local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
  const int64_t rest = local - day * kDayMs;
  char buf[48];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", static_cast<int>(rest / 3600000), static_cast<int>(rest / 60000 % 60),
                static_cast<int>(rest / 1000 % 60));
  std::string out = format_day(static_cast<int32_t>(day)) + buf;
  if (rest % 1000 != 0) {
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(rest % 1000));
    out += buf;
  }
  if (offset_minutes == 0) return out + "Z";
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return out + buf;
}

void fill_message(Finding& f, const Rule& rule, std::string_view code, const std::vector<TextArg>& args) {
  const Error text = make_error(code);
  f.message = text.message;
  f.message_en = text.message_en;
  for (int lang = 0; lang < 2; ++lang) {
    const bool zh = lang == 0;
    std::string& s = zh ? f.message : f.message_en;
    for (const auto& a : args) replace_all(s, "{" + std::string(a.key) + "}", zh ? a.zh : a.en);
    if (s.find('{') == std::string::npos) continue;
    replace_all(s, "{rule}", rule.name);
    replace_all(s, "{activity}", f.activity);
    replace_all(s, "{actor}", f.actor);
    replace_all(s, "{then}", quoted_any(texts(rule.then), zh));
    replace_all(s, "{decision}", quoted_any(texts(rule.decision), zh));
    replace_all(s, "{limit}", limit_text(rule, zh));
    replace_all(s, "{what}", what_text(rule, zh));
    replace_all(s, "{days}", std::to_string(rule.working_days));
    replace_all(s, "{follow}", std::to_string(rule.follow_up_days));
    replace_all(s, "{threshold}", format_amount(rule.threshold));
    replace_all(s, "{window}", std::to_string(rule.window_days));
    replace_all(s, "{by}", by_text(rule.by, zh));
  }
}

}  // namespace lf::engine
