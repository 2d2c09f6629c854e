#include "modules/procurement/service.h"

#include <boost/json.hpp>

#include "base/clock.h"
#include "formats/ini_redflags.h"
#include "formats/ocds.h"
#include "formats/procurement_csv.h"
#include "modules/audit/audit.h"
#include "modules/auth/scope_sql.h"
#include "modules/procurement/release_json.h"
#include "modules/procurement/scan.h"

namespace lf::procurement {

using db::Connection;
namespace json = boost::json;
namespace rf = engine::redflags;

namespace {

// A unit's purchases are read by those over the unit, and by its departments' people (the buying department
// works for the whole unit).
Status may_read(Connection& c, const Principal& who, int64_t unit_id) {
  if (who.scope.department_id) {
    if (who.scope.department_unit_id != unit_id) return make_error("org.unit.not_found", "unit_id", 404);
    return ok();
  }
  LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
  if (!mine) return make_error("org.unit.not_found", "unit_id", 404);
  return ok();
}

// The office and the unit's procurement staff (department heads, liaisons) upload; the office sets the rules.
Status may_write(Connection& c, const Principal& who, int64_t unit_id, bool settings) {
  const bool office = who.has_role("admin") || who.has_role("supervisor");
  if (!office && (settings || (!who.has_role("dept_head") && !who.has_role("liaison"))))
    return make_error("auth.forbidden", "", 403);
  LF_TRY(db::Rows u, c.query("SELECT 1 FROM units WHERE id = ?", {unit_id}));
  if (u.empty()) return make_error("org.unit.not_found", "unit_id", 404);
  if (who.scope.department_id) {
    if (who.scope.department_unit_id != unit_id) return make_error("auth.out_of_scope", "unit_id", 403);
    return ok();
  }
  LF_TRY(bool mine, auth::unit_in_scope(c, who.scope, unit_id));
  if (!mine) return make_error("auth.out_of_scope", "unit_id", 403);
  return ok();
}

Result<UploadOutcome> store_all(Connection& c, const Principal& who, int64_t unit_id,
                                const std::vector<std::pair<std::string, rf::ProcessFacts>>& releases, const char* how) {
  for (const auto& [text, facts] : releases) LF_CHECK(detail::store_process(c, unit_id, text, facts));
  LF_TRY(UploadOutcome out, detail::rescan(c, unit_id));
  out.stored = int64_t(releases.size());
  audit::Entry e{who.id, who.username, how, "procurement", std::to_string(unit_id)};
  e.after_json = json::serialize(json::object{{"stored", out.stored}, {"new_flags", out.new_flags}, {"warnings", out.warnings}});
  LF_CHECK(audit::append(c, e));
  return out;
}

// The flags raised on `id` in any of `groups`, oldest first.
Result<std::vector<Flag>> flags_of(Connection& c, int64_t unit_id, std::initializer_list<const char*> groups,
                                   const std::string& id) {
  std::vector<Flag> out;
  for (const char* group : groups) {
    LF_TRY(db::Rows r, c.query("SELECT grp, subject_id, indicator, value, warning_id, first_seen FROM procurement_flags "
                               "WHERE unit_id = ? AND grp = ? AND subject_id = ? ORDER BY id",
                               {unit_id, std::string(group), id}));
    for (size_t i = 0; i < r.size(); ++i)
      out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), indicator_name(r.text(i, 2)), r.opt_real(i, 3),
                     r.opt_integer(i, 4), r.text(i, 5)});
  }
  return out;
}

Process process_from(const db::Rows& r, size_t i) {
  Process p;
  p.id = r.integer(i, 0);
  p.ocid = r.text(i, 1);
  p.buyer_id = r.text(i, 2);
  p.buyer_name = r.text(i, 3);
  p.title = r.text(i, 4);
  p.method = r.text(i, 5);
  if (!r.is_null(i, 6)) p.value = r.real(i, 6);
  p.currency = r.text(i, 7);
  p.published = r.text(i, 8);
  p.bids = r.integer(i, 9);
  return p;
}

const char* kProcessSelect =
    "SELECT p.id, p.ocid, p.buyer_id, p.buyer_name, p.title, p.method, p.value_amount, p.currency, p.published, p.bids "
    "FROM procurement_processes p";

}  // namespace

Result<UploadOutcome> ProcurementService::upload_ocds(const Principal& who, int64_t unit_id, const std::string& jsonl) {
  // Every line read first: one that is not a release refuses the whole upload.
  std::vector<std::pair<std::string, rf::ProcessFacts>> releases;
  formats::OcdsReader reader;
  size_t line_no = 0, start = 0;
  while (start <= jsonl.size()) {
    size_t end = jsonl.find('\n', start);
    if (end == std::string::npos) end = jsonl.size();
    std::string line = jsonl.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++line_no;
    start = end + 1;
    rf::ProcessFacts facts;
    std::string why;
    switch (reader.read(line, facts, &why)) {
      case formats::LineKind::Release: releases.emplace_back(line, std::move(facts)); break;
      case formats::LineKind::Blank: break;
      case formats::LineKind::NotRelease:
        return make_error_arg("procurement.line_not_release", "line", std::to_string(line_no));
      case formats::LineKind::Invalid: {
        Error e = make_error_arg("procurement.line_invalid", "line", std::to_string(line_no));
        e.detail = why;
        return e;
      }
    }
    if (end == jsonl.size()) break;
  }
  if (releases.empty()) return make_error("procurement.empty", "file");
  return db::write<UploadOutcome>(db_, [&](Connection& c) -> Result<UploadOutcome> {
    LF_CHECK(may_write(c, who, unit_id, false));
    return store_all(c, who, unit_id, releases, "upload_ocds");
  });
}

Result<UploadOutcome> ProcurementService::upload_csv(const Principal& who, int64_t unit_id, const std::string& tenders,
                                                     std::optional<std::string> bids, std::optional<std::string> awards) {
  LF_TRY(auto processes, formats::read_procurement_csv(tenders, bids, awards));
  if (processes.empty()) return make_error("procurement.empty", "tenders");
  std::vector<std::pair<std::string, rf::ProcessFacts>> releases;
  formats::OcdsReader reader;
  for (auto& p : processes) {
    // Stored as the release it stands for, and read back so that what is scanned is what is kept.
    std::string text = release_json(p);
    rf::ProcessFacts back;
    if (reader.read(text, back) != formats::LineKind::Release) return internal_error("csv release not readable: " + p.ocid);
    releases.emplace_back(std::move(text), std::move(back));
  }
  return db::write<UploadOutcome>(db_, [&](Connection& c) -> Result<UploadOutcome> {
    LF_CHECK(may_write(c, who, unit_id, false));
    return store_all(c, who, unit_id, releases, "upload_csv");
  });
}

Result<list::Page<Process>> ProcurementService::processes(const Principal& who, int64_t unit_id, const ProcessFilter& f,
                                                           int64_t offset, int64_t limit) {
  return db::read<list::Page<Process>>(db_, [&](Connection& c) -> Result<list::Page<Process>> {
    LF_CHECK(may_read(c, who, unit_id));
    list::Where w;
    w.equals("p.unit_id", unit_id);
    if (f.buyer_id) w.equals("p.buyer_id", *f.buyer_id);
    if (f.party_id) {
      w.sql += " AND EXISTS (SELECT 1 FROM procurement_participants x WHERE x.unit_id = p.unit_id AND x.ocid = p.ocid AND x.party_id = ?)";
      w.params.emplace_back(*f.party_id);
    }
    if (f.flagged || !f.indicator.empty()) {
      w.sql += " AND EXISTS (SELECT 1 FROM procurement_flags g WHERE g.unit_id = p.unit_id AND g.grp = 'OCID' AND "
               "g.subject_id = p.ocid" + std::string(f.indicator.empty() ? "" : " AND g.indicator = ?") + ")";
      if (!f.indicator.empty()) w.params.emplace_back(f.indicator);
    }
    if (!f.q.empty()) w.contains({"p.title", "p.ocid", "p.buyer_name"}, f.q);
    list::Page<Process> out;
    LF_TRY(db::Rows n, c.query("SELECT COUNT(*) FROM procurement_processes p" + w.sql, w.params));
    out.total = n.integer(0, 0);
    db::Params p = w.params;
    p.emplace_back(limit);
    p.emplace_back(offset);
    LF_TRY(db::Rows r, c.query(std::string(kProcessSelect) + w.sql + " ORDER BY p.id DESC LIMIT ? OFFSET ?", p));
    for (size_t i = 0; i < r.size(); ++i) {
      Process x = process_from(r, i);
      LF_TRY(x.flags, flags_of(c, unit_id, {"OCID"}, x.ocid));
      out.items.push_back(std::move(x));
    }
    return out;
  });
}

Result<Process> ProcurementService::process(const Principal& who, int64_t id) {
  return db::read<Process>(db_, [&](Connection& c) -> Result<Process> {
    LF_TRY(db::Rows u, c.query("SELECT unit_id, release_json FROM procurement_processes WHERE id = ?", {id}));
    if (u.empty()) return make_error("procurement.not_found", "", 404);
    const int64_t unit_id = u.integer(0, 0);
    auto readable = may_read(c, who, unit_id);
    if (!readable.ok()) return make_error("procurement.not_found", "", 404);
    LF_TRY(db::Rows r, c.query(std::string(kProcessSelect) + " WHERE p.id = ?", {id}));
    Process x = process_from(r, 0);
    LF_TRY(x.flags, flags_of(c, unit_id, {"OCID"}, x.ocid));
    boost::system::error_code ec;
    auto v = json::parse(u.text(0, 1), ec);
    if (!ec && v.is_object()) x.release = v.as_object();
    return x;
  });
}

namespace {

// Parties of the unit's processes with their counts and flags; `party_id` narrows to one.
Result<list::Page<Party>> party_rows(Connection& c, int64_t unit_id, const std::string& q,
                                     const std::optional<std::string>& party_id, int64_t offset, int64_t limit) {
  list::Where w;
  w.equals("x.unit_id", unit_id);
  if (party_id) w.equals("x.party_id", *party_id);
  if (!q.empty()) w.contains({"x.party_name", "x.party_id"}, q);
  list::Page<Party> out;
  LF_TRY(db::Rows n, c.query("SELECT COUNT(DISTINCT x.party_id) FROM procurement_participants x" + w.sql, w.params));
  out.total = n.integer(0, 0);
  db::Params p = w.params;
  p.emplace_back(limit);
  p.emplace_back(offset);
  LF_TRY(db::Rows r, c.query(
      "SELECT x.party_id, MAX(x.party_name), SUM(CASE WHEN x.role = 'tenderer' THEN 1 ELSE 0 END), "
      "COUNT(DISTINCT CASE WHEN x.role = 'supplier' THEN x.ocid END), COUNT(DISTINCT x.ocid), "
      "COALESCE(SUM(CASE WHEN x.role = 'supplier' THEN x.amount END), 0) FROM procurement_participants x" + w.sql +
          " GROUP BY x.party_id ORDER BY 4 DESC, 3 DESC, x.party_id LIMIT ? OFFSET ?",
      p));
  for (size_t i = 0; i < r.size(); ++i) {
    Party x{r.text(i, 0), r.text(i, 1), r.integer(i, 2), r.integer(i, 3), r.integer(i, 4), r.real(i, 5), {}, {}};
    LF_TRY(x.flags, flags_of(c, unit_id, {"Tenderer"}, x.id));
    out.items.push_back(std::move(x));
  }
  return out;
}

// Buyers of the unit's processes with their statistics; `buyer_id` narrows to one.
Result<std::vector<BuyerStats>> buyer_rows(Connection& c, int64_t unit_id, const std::optional<std::string>& buyer_id) {
  db::Params p{unit_id};
  if (buyer_id) p.emplace_back(*buyer_id);
  LF_TRY(db::Rows r, c.query(
      "SELECT p.buyer_id, MAX(p.buyer_name), COUNT(*), COALESCE(SUM(p.value_amount), 0), "
      "SUM(CASE WHEN p.bids = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN EXISTS (SELECT 1 FROM procurement_flags g WHERE "
      "g.unit_id = p.unit_id AND g.grp = 'OCID' AND g.subject_id = p.ocid) THEN 1 ELSE 0 END) "
      "FROM procurement_processes p WHERE p.unit_id = ?" + std::string(buyer_id ? " AND p.buyer_id = ?" : "") +
          " GROUP BY p.buyer_id ORDER BY 3 DESC",
      p));
  std::vector<BuyerStats> out;
  for (size_t i = 0; i < r.size(); ++i) {
    BuyerStats b;
    b.id = r.text(i, 0);
    b.name = r.text(i, 1);
    b.processes = r.integer(i, 2);
    b.total_value = r.real(i, 3);
    b.single_bid = r.integer(i, 4);
    b.flagged_processes = r.integer(i, 5);
    // As buyer, and as procuring entity (often the same organisation).
    LF_TRY(b.flags, flags_of(c, unit_id, {"Buyer", "ProcuringEntity"}, b.id));
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

Result<list::Page<Party>> ProcurementService::suppliers(const Principal& who, int64_t unit_id, const std::string& q,
                                                        int64_t offset, int64_t limit) {
  return db::read<list::Page<Party>>(db_, [&](Connection& c) -> Result<list::Page<Party>> {
    LF_CHECK(may_read(c, who, unit_id));
    return party_rows(c, unit_id, q, std::nullopt, offset, limit);
  });
}

Result<Party> ProcurementService::supplier(const Principal& who, int64_t unit_id, const std::string& party_id) {
  return db::read<Party>(db_, [&](Connection& c) -> Result<Party> {
    LF_CHECK(may_read(c, who, unit_id));
    LF_TRY(auto one, party_rows(c, unit_id, "", party_id, 0, 1));
    if (one.items.empty()) return make_error("procurement.not_found", "party_id", 404);
    Party p = std::move(one.items.front());
    LF_TRY(db::Rows r, c.query("SELECT x.ocid, COALESCE(p.title, ''), x.role, x.status, x.currency, x.amount FROM "
                               "procurement_participants x LEFT JOIN procurement_processes p ON p.unit_id = x.unit_id "
                               "AND p.ocid = x.ocid WHERE x.unit_id = ? AND x.party_id = ? ORDER BY x.id",
                               {unit_id, party_id}));
    for (size_t i = 0; i < r.size(); ++i)
      p.history.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.opt_real(i, 5)});
    return p;
  });
}

Result<std::vector<BuyerStats>> ProcurementService::buyers(const Principal& who, int64_t unit_id) {
  return db::read<std::vector<BuyerStats>>(db_, [&](Connection& c) -> Result<std::vector<BuyerStats>> {
    LF_CHECK(may_read(c, who, unit_id));
    return buyer_rows(c, unit_id, std::nullopt);
  });
}

Result<BuyerStats> ProcurementService::buyer(const Principal& who, int64_t unit_id, const std::string& buyer_id) {
  return db::read<BuyerStats>(db_, [&](Connection& c) -> Result<BuyerStats> {
    LF_CHECK(may_read(c, who, unit_id));
    LF_TRY(auto one, buyer_rows(c, unit_id, buyer_id));
    if (one.empty()) return make_error("procurement.not_found", "buyer_id", 404);
    BuyerStats b = std::move(one.front());
    LF_TRY(db::Rows m, c.query("SELECT method, COUNT(*) FROM procurement_processes WHERE unit_id = ? AND buyer_id = ? "
                               "GROUP BY method ORDER BY 2 DESC",
                               {unit_id, buyer_id}));
    for (size_t i = 0; i < m.size(); ++i) b.by_method.emplace_back(m.text(i, 0), m.integer(i, 1));
    LF_TRY(db::Rows s, c.query("SELECT MAX(x.party_name), COALESCE(SUM(x.amount), 0) FROM procurement_participants x JOIN "
                               "procurement_processes p ON p.unit_id = x.unit_id AND p.ocid = x.ocid WHERE x.unit_id = ? "
                               "AND p.buyer_id = ? AND x.role = 'supplier' GROUP BY x.party_id ORDER BY 2 DESC LIMIT 10",
                               {unit_id, buyer_id}));
    for (size_t i = 0; i < s.size(); ++i) b.top_suppliers.emplace_back(s.text(i, 0), s.real(i, 1));
    return b;
  });
}

Result<Settings> ProcurementService::settings(const Principal& who, int64_t unit_id) {
  return db::read<Settings>(db_, [&](Connection& c) -> Result<Settings> {
    LF_CHECK(may_read(c, who, unit_id));
    LF_TRY(db::Rows r, c.query("SELECT ini, debarment_csv, department_id, risk_id FROM procurement_settings WHERE unit_id = ?",
                               {unit_id}));
    Settings s;
    if (!r.empty()) s = {r.text(0, 0), r.text(0, 1), r.opt_integer(0, 2), r.opt_integer(0, 3)};
    return s;
  });
}

Result<Settings> ProcurementService::set_settings(const Principal& who, int64_t unit_id, const Settings& s) {
  return db::write<Settings>(db_, [&](Connection& c) -> Result<Settings> {
    LF_CHECK(may_write(c, who, unit_id, true));
    // Checked before anything is written: the engine reads them exactly as it will at the next upload.
    LF_TRY(auto parsed, detail::settings_from(s.ini, s.debarment_csv));
    (void)parsed;
    if (s.department_id) {
      LF_TRY(db::Rows d, c.query("SELECT unit_id FROM departments WHERE id = ?", {*s.department_id}));
      if (d.empty() || d.integer(0, 0) != unit_id) return make_error("procurement.department_invalid", "department_id");
    }
    if (s.risk_id) {
      LF_TRY(db::Rows k, c.query("SELECT unit_id FROM risks WHERE id = ?", {*s.risk_id}));
      if (k.empty() || k.integer(0, 0) != unit_id) return make_error("monitor.risk_invalid", "risk_id");
    }
    LF_TRY(db::Rows r, c.query("INSERT INTO procurement_settings(unit_id, ini, debarment_csv, department_id, risk_id) VALUES "
                               "(?, ?, ?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET ini = excluded.ini, debarment_csv = "
                               "excluded.debarment_csv, department_id = excluded.department_id, risk_id = excluded.risk_id",
                               {unit_id, s.ini, s.debarment_csv, db::nullable(s.department_id), db::nullable(s.risk_id)}));
    LF_TRY(UploadOutcome again, detail::rescan(c, unit_id));
    audit::Entry e{who.id, who.username, "update", "procurement_settings", std::to_string(unit_id)};
    e.after_json = json::serialize(json::object{{"ini", s.ini}, {"debarment_entries_bytes", int64_t(s.debarment_csv.size())},
                                                {"new_flags", again.new_flags}});
    LF_CHECK(audit::append(c, e));
    return s;
  });
}

}  // namespace lf::procurement
