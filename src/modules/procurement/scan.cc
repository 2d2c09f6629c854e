#include "modules/procurement/scan.h"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "base/clock.h"
#include "formats/ini_redflags.h"
#include "formats/ocds.h"
#include "modules/warnings/service.h"

namespace lf::procurement::detail {

namespace json = boost::json;
namespace rf = engine::redflags;

namespace {

std::string text_at(const json::object& o, std::initializer_list<const char*> path) {
  const json::value* v = nullptr;
  const json::object* cur = &o;
  for (const char* k : path) {
    v = cur ? cur->if_contains(k) : nullptr;
    if (!v) return "";
    cur = v->if_object();
  }
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  return "";
}

std::optional<double> number_at(const json::object& o, std::initializer_list<const char*> path) {
  const json::value* v = nullptr;
  const json::object* cur = &o;
  for (const char* k : path) {
    v = cur ? cur->if_contains(k) : nullptr;
    if (!v) return std::nullopt;
    cur = v->if_object();
  }
  if (v->is_number()) return v->to_number<double>();
  return std::nullopt;
}

// The collusion patterns and a debarred firm are alarms; the rest warnings.
bool grave(const std::string& code) {
  static const std::set<std::string> g = {"BLACKLIST", "SHARED-CONTACT", "IDENTICAL-BID", "PATTERN-BID", "SAME-GROUP", "R028"};
  return g.count(code) > 0;
}

// Where procurement warnings land: the configured buying department and risk point, else the unit's department
// whose name says 采购, and its first risk point on a procurement power (or its first risk point).
struct Target {
  std::string kind;
  int64_t id = 0;
  std::vector<int64_t> risks;
};

Result<Target> target(db::Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows s, c.query("SELECT department_id, risk_id FROM procurement_settings WHERE unit_id = ?", {unit_id}));
  std::optional<int64_t> dept = s.empty() ? std::nullopt : s.opt_integer(0, 0);
  std::optional<int64_t> risk = s.empty() ? std::nullopt : s.opt_integer(0, 1);
  if (!dept) {
    LF_TRY(db::Rows d, c.query("SELECT id FROM departments WHERE unit_id = ? AND name LIKE ? ORDER BY id LIMIT 1",
                               {unit_id, std::string("%采购%")}));
    if (!d.empty()) dept = d.integer(0, 0);
  }
  if (dept && !risk) {
    LF_TRY(db::Rows r, c.query("SELECT r.id FROM risks r LEFT JOIN powers p ON p.id = r.power_id WHERE r.department_id = ? "
                               "ORDER BY CASE WHEN p.name LIKE ? THEN 0 ELSE 1 END, r.id LIMIT 1",
                               {*dept, std::string("%采购%")}));
    if (!r.empty()) risk = r.integer(0, 0);
  }
  Target t{dept ? "department" : "unit", dept ? *dept : unit_id, {}};
  if (risk) t.risks.push_back(*risk);
  return t;
}

Result<std::string> subject_label(db::Connection& c, int64_t unit_id, const std::string& group, const std::string& id) {
  if (group == "OCID") {
    LF_TRY(db::Rows r, c.query("SELECT title FROM procurement_processes WHERE unit_id = ? AND ocid = ?", {unit_id, id}));
    const std::string title = r.empty() ? "" : r.text(0, 0);
    return "采购项目" + (title.empty() ? "" : "“" + title + "”") + "（" + id + "）";
  }
  if (group == "Buyer" || group == "ProcuringEntity") {
    LF_TRY(db::Rows r, c.query("SELECT buyer_name FROM procurement_processes WHERE unit_id = ? AND buyer_id = ? LIMIT 1",
                               {unit_id, id}));
    return std::string(group == "Buyer" ? "采购人" : "采购代理机构") + "“" + (r.empty() ? id : r.text(0, 0)) + "”";
  }
  LF_TRY(db::Rows r, c.query("SELECT party_name FROM procurement_participants WHERE unit_id = ? AND party_id = ? AND "
                             "party_name <> '' LIMIT 1",
                             {unit_id, id}));
  return "供应商“" + (r.empty() ? id : r.text(0, 0)) + "”";
}

}  // namespace

Result<rf::Settings> settings_from(const std::string& ini, const std::string& debarment_csv) {
  // In the platform the unit's debarment list stands in for [BLACKLIST] file: the section's keys are dropped
  // before the INI is read, and the section (or a list) switches the indicator on.
  std::string kept;
  bool blacklist = !debarment_csv.empty(), in_blacklist = false;
  size_t start = 0;
  while (start < ini.size()) {
    size_t end = ini.find('\n', start);
    if (end == std::string::npos) end = ini.size();
    const std::string line = ini.substr(start, end - start);
    start = end + 1;
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] == '[') {
      in_blacklist = line.find("[BLACKLIST]") != std::string::npos;
      blacklist = blacklist || in_blacklist;
      if (in_blacklist) continue;
    }
    if (!in_blacklist) kept += line + "\n";
  }
  rf::Settings s = rf::Settings::all_defaults();
  if (!ini.empty()) {
    LF_TRY(s, formats::read_redflags_settings(kept));
  }
  if (blacklist) {
    s.blacklist.emplace();
    if (!debarment_csv.empty()) LF_CHECK(formats::read_debarment_csv(debarment_csv, *s.blacklist));
  }
  return s;
}

Result<rf::Settings> engine_settings(db::Connection& c, int64_t unit_id) {
  LF_TRY(db::Rows r, c.query("SELECT ini, debarment_csv FROM procurement_settings WHERE unit_id = ?", {unit_id}));
  const std::string ini = r.empty() ? "" : r.text(0, 0);
  const std::string csv = r.empty() ? "" : r.text(0, 1);
  return settings_from(ini, csv);
}

Status store_process(db::Connection& c, int64_t unit_id, const std::string& text, const rf::ProcessFacts& f) {
  boost::system::error_code ec;
  const json::value v = json::parse(text, ec);
  const json::object empty;
  const json::object& o = (!ec && v.is_object()) ? v.as_object() : empty;
  const std::string published = text_at(o, {"tender", "datePublished"});
  LF_TRY(db::Rows del, c.query("DELETE FROM procurement_processes WHERE unit_id = ? AND ocid = ?", {unit_id, f.ocid}));
  LF_TRY(db::Rows ins, c.query(
      "INSERT INTO procurement_processes(unit_id, ocid, buyer_id, buyer_name, title, method, value_amount, currency, "
      "published, bids, release_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {unit_id, f.ocid, f.buyer.value_or(f.buyer_ref.id), text_at(o, {"buyer", "name"}), text_at(o, {"tender", "title"}),
       f.procurement_method.value_or(""), db::nullable(number_at(o, {"tender", "value", "amount"})),
       text_at(o, {"tender", "value", "currency"}), published.empty() ? text_at(o, {"date"}) : published,
       int64_t(f.bids.size()), text, now_utc()}));
  LF_TRY(db::Rows gone, c.query("DELETE FROM procurement_participants WHERE unit_id = ? AND ocid = ?", {unit_id, f.ocid}));
  auto add = [&](const rf::OrgRef& who, const char* role, std::optional<double> amount, const std::optional<std::string>& cur,
                 const std::optional<std::string>& status) -> Status {
    if (who.id.empty()) return ok();
    std::string name = who.name;
    for (const auto& p : f.parties)
      if (name.empty() && p.id == who.id) name = p.name;
    LF_TRY(db::Rows r, c.query("INSERT INTO procurement_participants(unit_id, ocid, party_id, party_name, role, amount, "
                               "currency, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               {unit_id, f.ocid, who.id, name, std::string(role), db::nullable(amount),
                                cur.value_or(""), status.value_or("")}));
    return ok();
  };
  for (const auto& b : f.bids)
    for (const auto& t : b.tenderer_refs) LF_CHECK(add(t, "tenderer", b.amount, b.currency, b.status));
  for (const auto& a : f.awards)
    for (const auto& s : a.supplier_refs) LF_CHECK(add(s, "supplier", a.amount, a.currency, a.status));
  // Tenderers the tender lists without a bid of theirs in the release (many publishers give only the list).
  for (const auto& t : f.tender_tenderers) {
    bool bid = false;
    for (const auto& b : f.bids)
      for (const auto& r : b.tenderer_refs) bid = bid || r.id == t.id;
    if (!bid) LF_CHECK(add(t, "candidate", std::nullopt, std::nullopt, std::nullopt));
  }
  return ok();
}

Result<UploadOutcome> rescan(db::Connection& c, int64_t unit_id) {
  LF_TRY(rf::Settings settings, engine_settings(c, unit_id));
  UploadOutcome out;
  rf::RedflagScan scan(settings);
  {
    formats::OcdsReader reader;
    rf::ProcessFacts facts;
    LF_TRY(db::Rows rows, c.query("SELECT release_json FROM procurement_processes WHERE unit_id = ? ORDER BY id", {unit_id}));
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string line = rows.text(i, 0);
      if (reader.read(line, facts) == formats::LineKind::Release) scan.add(facts);
    }
  }
  const rf::Results results = std::move(scan).finish();
  LF_TRY(db::Rows known, c.query("SELECT grp, subject_id, indicator FROM procurement_flags WHERE unit_id = ?", {unit_id}));
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (size_t i = 0; i < known.size(); ++i) seen.insert({known.text(i, 0), known.text(i, 1), known.text(i, 2)});
  LF_TRY(Target to, target(c, unit_id));
  auth::Principal system;
  system.username = "system";
  system.display_name = "采购监测";
  system.scope = auth::Scope::everything();
  for (size_t g = 0; g < rf::kGroupCount; ++g) {
    const auto group = rf::Group(g);
    const std::string gname(rf::name(group));
    for (const auto& [id, flags] : results.group(group).entries()) {
      std::vector<std::pair<std::string, double>> fresh;
      for (size_t k = 0; k < rf::kIndicatorCount; ++k) {
        const auto ind = rf::Indicator(k);
        if (!flags.has(ind)) continue;
        const std::string code(rf::code(ind));
        if (seen.count({gname, id, code})) continue;
        fresh.emplace_back(code, flags.value(ind));
      }
      if (fresh.empty()) continue;
      warnings::WarningInput in;
      in.subject_kind = to.kind;
      in.subject_id = to.id;
      in.risk_ids = to.risks;
      in.source = "rule";
      in.source_ref = "redflags:" + fresh.front().first;
      in.level = "warning";
      std::string names;
      json::object values;
      for (const auto& [code, value] : fresh) {
        names += (names.empty() ? "" : "；") + indicator_name(code) + "（" + code + "）";
        values[code] = value;
        if (grave(code)) in.level = "alarm";
      }
      LF_TRY(std::string who, subject_label(c, unit_id, gname, id));
      in.situation = who + "出现采购红旗：" + names;
      in.evidence = json::array{json::object{{"group", gname}, {"id", id}, {"indicators", values}}};
      LF_TRY(int64_t warning, warnings::issue_in(c, system, in));
      ++out.warnings;
      for (const auto& [code, value] : fresh) {
        LF_TRY(db::Rows r, c.query("INSERT INTO procurement_flags(unit_id, grp, subject_id, indicator, value, warning_id, "
                                   "first_seen) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   {unit_id, gname, id, code, value, warning, now_utc()}));
        ++out.new_flags;
      }
    }
  }
  return out;
}

}  // namespace lf::procurement::detail
