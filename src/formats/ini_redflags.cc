#include "formats/ini_redflags.h"

#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

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

Result<bool> boolean(const IniEntry& e) {
  if (e.value == "true" || e.value == "yes" || e.value == "on" || e.value == "1") return true;
  if (e.value == "false" || e.value == "no" || e.value == "off" || e.value == "0") return false;
  return bad_value(e, "true or false");
}

// A list whose values must come from `allowed`.
Result<NameSet> list_of(const IniEntry& e, const NameSet& allowed) {
  NameSet v = split_pipe_list(e.value);
  for (const auto& x : v)
    if (!allowed.contains(x)) {
      std::string names;
      for (const auto& a : allowed) names += (names.empty() ? "" : "|") + a;
      return bad_value(e, "a list of " + names);
    }
  return v;
}

Error unknown_key(const IniEntry& e) {
  Error err = make_error_arg("redflags.settings_unknown_key", qualified(e), qualified(e));
  err.detail = "line " + std::to_string(e.line);
  return err;
}

// Applies one key of a Chinese pattern's section.
Status apply_chinese(Settings& s, const IniEntry& e) {
  const std::string_view sec = e.section, key = e.key;
  if (sec == "SHARED-CONTACT" && key == "fields") {
    LF_TRY(s.shared_contact->fields, list_of(e, {"address", "telephone", "email", "contact_name"}));
  } else if (sec == "SHARED-CONTACT" && key == "minimum_shared") {
    LF_TRY(s.shared_contact->minimum_shared, whole(e));
  } else if (sec == "IDENTICAL-BID" && key == "minimum_amount") {
    LF_TRY(s.identical_bid->minimum_amount, decimal(e));
  } else if (sec == "PATTERN-BID" && key == "minimum_bids") {
    LF_TRY(s.pattern_bid->minimum_bids, whole(e));
  } else if (sec == "PATTERN-BID" && key == "spread") {
    LF_TRY(s.pattern_bid->spread, decimal(e));
  } else if (sec == "PATTERN-BID" && key == "arithmetic_progression") {
    LF_TRY(s.pattern_bid->arithmetic_progression, boolean(e));
  } else if (sec == "REPEAT-AWARD" && key == "share") {
    LF_TRY(s.repeat_award->share, decimal(e));
  } else if (sec == "REPEAT-AWARD" && key == "minimum_awards") {
    LF_TRY(s.repeat_award->minimum_awards, whole(e));
  } else if (sec == "REPEAT-AWARD" && key == "count") {
    LF_TRY(s.repeat_award->count, whole(e));
  } else if (sec == "COVER-BIDDER" && key == "minimum_processes") {
    LF_TRY(s.cover_bidder->minimum_processes, whole(e));
  } else if (sec == "COVER-BIDDER" && key == "maximum_win_ratio") {
    LF_TRY(s.cover_bidder->maximum_win_ratio, decimal(e));
  } else if (sec == "SAME-GROUP" && key == "group_size") {
    LF_TRY(const uint64_t n, whole(e));
    if (n < 2) return bad_value(e, "a whole number of at least 2");
    s.same_group->group_size = n;
  } else if (sec == "SAME-GROUP" && key == "minimum_tenders") {
    LF_TRY(s.same_group->minimum_tenders, whole(e));
  } else if (sec == "SAME-GROUP" && key == "maximum_bidders") {
    LF_TRY(s.same_group->maximum_bidders, whole(e));
  } else if (sec == "SPLIT" && key == "threshold") {
    LF_TRY(s.split->threshold, decimal(e));
  } else if (sec == "SPLIT" && key == "currency") {
    s.split->currency = e.value;
  } else if (sec == "SPLIT" && key == "window") {
    LF_TRY(const uint64_t days, whole(e));
    s.split->window = static_cast<int64_t>(days);
  } else if (sec == "CONTRACT-CHANGE" && key == "threshold") {
    LF_TRY(s.contract_change->threshold, decimal(e));
  } else if (sec == "NEW-FIRM" && key == "days") {
    LF_TRY(s.new_firm->days, signed_whole(e));
  } else if (sec == "BLACKLIST" && key == "file") {
    if (e.value.empty()) return bad_value(e, "a file path");
    s.blacklist->file = e.value;
  } else if (sec == "BLACKLIST" && key == "match") {
    LF_TRY(const NameSet match, list_of(e, {"id", "name"}));
    if (match.empty()) return bad_value(e, "id, name or id|name");
    s.blacklist->match_ids = match.contains("id");
    s.blacklist->match_names = match.contains("name");
  } else {
    return unknown_key(e);
  }
  return ok();
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
    return apply_chinese(s, e);
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
  } else if (section == "SHARED-CONTACT") {
    if (!s.shared_contact) s.shared_contact.emplace();
  } else if (section == "IDENTICAL-BID") {
    if (!s.identical_bid) s.identical_bid.emplace();
  } else if (section == "PATTERN-BID") {
    if (!s.pattern_bid) s.pattern_bid.emplace();
  } else if (section == "REPEAT-AWARD") {
    if (!s.repeat_award) s.repeat_award.emplace();
  } else if (section == "COVER-BIDDER") {
    if (!s.cover_bidder) s.cover_bidder.emplace();
  } else if (section == "SAME-GROUP") {
    if (!s.same_group) s.same_group.emplace();
  } else if (section == "SPLIT") {
    if (!s.split) s.split.emplace();
  } else if (section == "CONTRACT-CHANGE") {
    if (!s.contract_change) s.contract_change.emplace();
  } else if (section == "NEW-FIRM") {
    if (!s.new_firm) s.new_firm.emplace();
  } else if (section == "BLACKLIST") {
    if (!s.blacklist) s.blacklist.emplace();
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

Result<Settings> read_redflags_settings(std::string_view ini_text, const std::filesystem::path& base_dir) {
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
  if (s.blacklist) {
    if (s.blacklist->file.empty()) return make_error_arg("redflags.settings_missing_key", "BLACKLIST.file", "BLACKLIST.file");
    std::filesystem::path path(s.blacklist->file);
    if (path.is_relative() && !base_dir.empty()) path = base_dir / path;
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open() || std::filesystem::is_directory(path))
      return make_error_arg("redflags.blacklist_unreadable", "BLACKLIST.file", s.blacklist->file);
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return make_error_arg("redflags.blacklist_unreadable", "BLACKLIST.file", s.blacklist->file);
    auto read = read_debarment_csv(text.str(), *s.blacklist);
    if (!read.ok()) {
      Error err = make_error_arg("redflags.blacklist_invalid", "BLACKLIST.file", s.blacklist->file);
      err.detail = read.error().detail;
      return err;
    }
  }
  return s;
}

Result<Settings> read_redflags_settings_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.is_open() || in.bad() || std::filesystem::is_directory(path))
    return make_error_arg("redflags.settings_unreadable", "settings", path.string());
  // The settings and the lists they name travel together: `file = debarred.csv` is next to the settings
  // file, wherever the command runs from.
  return read_redflags_settings(text.str(), path.parent_path());
}

}  // namespace lf::formats
