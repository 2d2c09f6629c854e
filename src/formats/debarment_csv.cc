// The debarment list of [BLACKLIST] (formats/ini_redflags.h): a CSV file of organisations and the days their
// listing is in force.
#include <map>
#include <string>
#include <vector>

#include "formats/ini_redflags.h"

namespace lf::formats {

using engine::redflags::BlacklistSettings;
using engine::redflags::Debarment;

namespace {

// One CSV record (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks); `line` is the
// record's last line. False at the end of the text.
bool csv_record(std::string_view& text, int& line, std::vector<std::string>& fields, bool& open_quote) {
  fields.assign(1, {});
  open_quote = false;
  if (text.empty()) return false;
  ++line;
  bool quoted = false;
  size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  open_quote = quoted;
  text.remove_prefix(std::min(text.size(), i + 1));
  return true;
}

std::string trimmed(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

Error list_invalid(int line, const std::string& why) {
  // Names the line; a settings file's reader wraps this into blacklist_invalid naming the file.
  Error err = make_error_arg("redflags.debarment_line_invalid", "debarment_csv", std::to_string(line));
  err.detail = "line " + std::to_string(line) + ": " + why;
  return err;
}

}  // namespace

Status read_debarment_csv(std::string_view text, BlacklistSettings& into) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  static const std::map<std::string, std::string, std::less<>> kColumns = {
      {"id", "id"},         {"统一社会信用代码", "id"}, {"信用代码", "id"},   {"name", "name"},
      {"名称", "name"},     {"企业名称", "name"},       {"单位名称", "name"}, {"start", "start"},
      {"开始日期", "start"}, {"end", "end"},             {"结束日期", "end"}};
  int line = 0;
  std::vector<std::string> fields;
  bool open_quote = false;
  // The header: the first line that is not blank.
  std::map<std::string, size_t> column;
  while (csv_record(text, line, fields, open_quote)) {
    if (fields.size() == 1 && trimmed(fields[0]).empty()) continue;
    for (size_t i = 0; i < fields.size(); ++i) {
      auto it = kColumns.find(lower(trimmed(fields[i])));
      if (it != kColumns.end() && !column.contains(it->second)) column[it->second] = i;
    }
    break;
  }
  if (!column.contains("id") && !column.contains("name"))
    return list_invalid(std::max(line, 1), "the header names neither an id nor a name column");
  auto field = [&](const char* name) -> std::string {
    auto it = column.find(name);
    return it == column.end() || it->second >= fields.size() ? std::string() : trimmed(fields[it->second]);
  };
  while (csv_record(text, line, fields, open_quote)) {
    if (open_quote) return list_invalid(line, "a quote is not closed");
    if (fields.size() == 1 && trimmed(fields[0]).empty()) continue;
    Debarment d;
    d.id = field("id");
    d.name_key = engine::redflags::normalized_name(field("name"));
    if (d.id.empty() && d.name_key.empty()) continue;  // nothing to match
    for (auto [name, day] : {std::pair{"start", &d.start_day}, std::pair{"end", &d.end_day}}) {
      const std::string v = field(name);
      if (v.empty()) continue;
      *day = engine::redflags::calendar_day(v);
      if (!*day || v.size() != 10) return list_invalid(line, std::string("the ") + name + " date \"" + v + "\" is not YYYY-MM-DD");
    }
    into.add(std::move(d));
  }
  return ok();
}

}  // namespace lf::formats
