#include "formats/ini_redflags.h"

#include <charconv>
#include <map>
#include <set>

#include "formats/ini.h"

namespace lf::formats {

using engine::redflags::NameSet;
using engine::redflags::Settings;

namespace {

// Sections of Cardinal's `prepare` command, with their keys (empty = any key).
const std::map<std::string_view, std::set<std::string_view>>& prepare_sections() {
  static const std::map<std::string_view, std::set<std::string_view>> m = {
      {"defaults", {"currency", "item_classification_scheme", "bid_status", "award_status", "party_roles"}},
      {"redactions", {"amount", "organization_id"}},
      {"corrections", {"award_status_by_contract_status"}},
      {"modifications",
       {"move_auctions", "prefix_buyer_or_procuring_entity_id", "prefix_tenderer_or_supplier_id",
        "split_procurement_method_details"}},
      {"codelists.bid_status", {}},
      {"codelists.award_status", {}},
  };
  return m;
}

std::string qualified(const IniEntry& e) { return e.section.empty() ? e.key : e.section + "." + e.key; }

Error bad_value(const IniEntry& e, std::string_view expected) {
  Error err = make_error_arg("redflags.settings_bad_value", qualified(e), qualified(e));
  err.detail = "line " + std::to_string(e.line) + ": \"" + e.value + "\" is not " + std::string(expected);
  return err;
}

Result<uint64_t> whole(const IniEntry& e) {
  uint64_t v = 0;
  const char* end = e.value.data() + e.value.size();
  auto [ptr, ec] = std::from_chars(e.value.data(), end, v);
  if (e.value.empty() || ec != std::errc() || ptr != end) return bad_value(e, "a whole number");
  return v;
}

Result<int64_t> signed_whole(const IniEntry& e) {
  int64_t v = 0;
  const char* end = e.value.data() + e.value.size();
  auto [ptr, ec] = std::from_chars(e.value.data(), end, v);
  if (e.value.empty() || ec != std::errc() || ptr != end) return bad_value(e, "a whole number");
  return v;
}

Result<double> decimal(const IniEntry& e) {
  std::string_view s = e.value;
  if (s.starts_with('+')) s.remove_prefix(1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return bad_value(e, "a number");
  return v;
}

Error unknown_key(const IniEntry& e) {
  Error err = make_error_arg("redflags.settings_unknown_key", qualified(e), qualified(e));
  err.detail = "line " + std::to_string(e.line);
  return err;
}

// Applies one key of an indicator's section.
Status apply(Settings& s, const IniEntry& e) {
  const std::string_view sec = e.section, key = e.key;
  if (sec.empty()) {
    if (key == "currency") s.currency = e.value;
    else if (key == "no_price_comparison_procurement_methods") s.no_price_comparison_procurement_methods = split_pipe_list(e.value);
    else if (key == "price_comparison_procurement_methods") s.price_comparison_procurement_methods = split_pipe_list(e.value);
    else return unknown_key(e);
    return ok();
  }
  if (sec == "exclusions") {
    if (key != "procurement_method_details") return unknown_key(e);
    s.excluded_procurement_method_details = split_pipe_list(e.value);
    return ok();
  }
  if (sec == "R003.procurement_method_details") {
    LF_TRY(const int64_t days, signed_whole(e));
    s.r003->method_details_threshold[e.key] = days;
    return ok();
  }
  if (sec == "R003" && key == "threshold") {
    LF_TRY(s.r003->threshold, signed_whole(e));
  } else if (sec == "R003" && key == "procurement_methods") {
    s.r003->procurement_methods = split_pipe_list(e.value);
  } else if (sec == "R018" && key == "procurement_methods") {
    s.r018->procurement_methods = split_pipe_list(e.value);
  } else if ((sec == "R024" || sec == "R058") && key == "threshold") {
    LF_TRY(const double t, decimal(e));
    (sec == "R024" ? s.r024 : s.r058)->threshold = t;
  } else if (sec == "R025" && key == "percentile") {
    LF_TRY(s.r025->percentile, whole(e));
  } else if (sec == "R025" && key == "threshold") {
    LF_TRY(s.r025->threshold, decimal(e));
  } else if (sec == "R035" && key == "threshold") {
    LF_TRY(s.r035->threshold, whole(e));
  } else if (sec == "R038" && key == "threshold") {
    LF_TRY(s.r038->threshold, decimal(e));
  } else if (sec == "R038" && key == "minimum_submitted_bids") {
    LF_TRY(s.r038->minimum_submitted_bids, whole(e));
  } else if (sec == "R038" && key == "minimum_contracting_processes") {
    LF_TRY(s.r038->minimum_contracting_processes, whole(e));
  } else if (sec == "R048" && key == "digits") {
    LF_TRY(s.r048->digits, whole(e));
  } else if (sec == "R048" && key == "threshold") {
    LF_TRY(s.r048->threshold, whole(e));
  } else if (sec == "R048" && key == "minimum_contracting_processes") {
    LF_TRY(s.r048->minimum_contracting_processes, whole(e));
  } else {
    return unknown_key(e);
  }
  return ok();
}

// Switches on the indicator a section belongs to; false for a section Cardinal does not know.
bool enable(Settings& s, std::string_view section) {
  if (section == "R003" || section == "R003.procurement_method_details") {
    if (!s.r003) s.r003.emplace();
  } else if (section == "R018") {
    if (!s.r018) s.r018.emplace();
  } else if (section == "R024") {
    if (!s.r024) s.r024.emplace();
  } else if (section == "R025") {
    if (!s.r025) s.r025.emplace();
  } else if (section == "R028") {
    s.r028 = true;
  } else if (section == "R030") {
    s.r030 = true;
  } else if (section == "R035") {
    if (!s.r035) s.r035.emplace();
  } else if (section == "R036") {
    s.r036 = true;
  } else if (section == "R038") {
    if (!s.r038) s.r038.emplace();
  } else if (section == "R048") {
    if (!s.r048) s.r048.emplace();
  } else if (section == "R058") {
    if (!s.r058) s.r058.emplace();
  } else if (section != "exclusions" && !prepare_sections().contains(section)) {
    return false;
  }
  return true;
}

}  // namespace

NameSet split_pipe_list(std::string_view value) {
  NameSet out;
  while (!value.empty()) {
    const size_t bar = value.find('|');
    out.emplace(value.substr(0, bar));
    value.remove_prefix(bar == std::string_view::npos ? value.size() : bar + 1);
  }
  return out;
}

Result<Settings> read_redflags_settings(std::string_view ini_text) {
  LF_TRY(const IniFile file, parse_ini(ini_text));
  Settings s;
  for (const IniSection& sec : file.sections) {
    if (enable(s, sec.name)) continue;
    Error err = make_error_arg("redflags.settings_unknown_section", sec.name, sec.name);
    err.detail = "line " + std::to_string(sec.line);
    return err;
  }
  for (const IniEntry& e : file.entries) {
    auto prepare = prepare_sections().find(e.section);
    if (prepare != prepare_sections().end()) {
      if (!prepare->second.empty() && !prepare->second.contains(e.key)) return unknown_key(e);
      continue;  // the `prepare` command's settings: not ours
    }
    LF_CHECK(apply(s, e));
  }
  return s;
}

}  // namespace lf::formats
