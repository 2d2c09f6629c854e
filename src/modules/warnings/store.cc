#include "modules/warnings/store.h"

#include <boost/json.hpp>

#include "base/clock.h"
#include "base/text.h"
#include "modules/auth/scope_sql.h"

namespace lf::warnings::store {

using db::nullable;

namespace {

const char* kSelect =
    "SELECT w.id, w.unit_id, w.department_id, COALESCE(d.name, ''), w.subject_kind, w.subject_person_id, "
    "w.subject_post_id, w.subject_name, w.subject_title, w.power_id, COALESCE(pw.name, ''), w.source, w.source_ref, "
    "w.situation, w.required_measures, w.evidence_json, w.level, w.status, w.recipient_tier, w.recipient_role, "
    "w.recipient_unit_id, w.recipient_department_id, w.recipient_label, w.deadline, w.escalations, w.measures_taken, "
    "w.handler_name, w.handler_title, w.handled_at, w.commitment, w.commitment_due, w.verification, w.note, "
    "w.cancel_reason, w.issued_by, w.issued_by_name, w.issued_at, w.closed_at, w.version, w.updated_at ";
const char* kFrom = "FROM warnings w LEFT JOIN departments d ON d.id = w.department_id LEFT JOIN powers pw ON pw.id = w.power_id";

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('|', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "|") + s;
  return out;
}

Warning from_row(const db::Rows& r, size_t i, const std::string& today) {
  Warning w;
  w.id = r.integer(i, 0);
  w.unit_id = r.integer(i, 1);
  w.department_id = r.opt_integer(i, 2);
  w.department_name = r.text(i, 3);
  w.subject_kind = r.text(i, 4);
  w.subject_person_id = r.opt_integer(i, 5);
  w.subject_post_id = r.opt_integer(i, 6);
  w.subject_name = r.text(i, 7);
  w.subject_title = r.text(i, 8);
  w.power_id = r.opt_integer(i, 9);
  w.power_name = r.text(i, 10);
  w.source = r.text(i, 11);
  w.source_ref = r.text(i, 12);
  w.situation = r.text(i, 13);
  w.required_measures = r.text(i, 14);
  boost::system::error_code ec;
  auto ev = boost::json::parse(r.text(i, 15), ec);
  if (!ec && ev.is_array()) w.evidence = ev.as_array();
  w.level = r.text(i, 16);
  w.status = r.text(i, 17);
  w.recipient_tier = int(r.integer(i, 18));
  w.recipient_role = r.text(i, 19);
  w.recipient_unit_id = r.opt_integer(i, 20);
  w.recipient_department_id = r.opt_integer(i, 21);
  w.recipient_label = r.text(i, 22);
  w.deadline = r.text(i, 23);
  w.escalations = r.integer(i, 24);
  w.measures_taken = split(r.text(i, 25));
  w.handler_name = r.text(i, 26);
  w.handler_title = r.text(i, 27);
  w.handled_at = r.opt_text(i, 28);
  w.commitment = r.text(i, 29);
  w.commitment_due = r.opt_text(i, 30);
  w.verification = r.text(i, 31);
  w.note = r.text(i, 32);
  w.cancel_reason = r.text(i, 33);
  w.issued_by = r.opt_integer(i, 34);
  w.issued_by_name = r.text(i, 35);
  w.issued_at = r.text(i, 36);
  w.closed_at = r.opt_text(i, 37);
  w.version = r.integer(i, 38);
  w.updated_at = r.text(i, 39);
  w.overdue = (w.status == "issued" || w.status == "signed" || w.status == "handling" || w.status == "rectifying") &&
              w.deadline < today;
  return w;
}

// Addressed to the caller: a dept_head for their department, a supervisor for their unit, admin for what no
// office holds.
std::string inbox_sql(const auth::Principal& who, db::Params& p) {
  std::string any;
  if (who.has_role("dept_head") && who.scope.department_id) {
    any += " OR (w.recipient_role = 'dept_head' AND w.recipient_department_id = ?)";
    p.emplace_back(*who.scope.department_id);
  }
  if (who.has_role("supervisor") && who.scope.unit_id) {
    any += " OR (w.recipient_role = 'supervisor' AND w.recipient_unit_id = ?)";
    p.emplace_back(*who.scope.unit_id);
  }
  if (who.has_role("admin")) any += " OR w.recipient_role = 'admin'";
  return "(1 = 0" + any + ")";
}

std::string about_sql(int64_t user_id, const std::string& today, db::Params& p) {
  p.insert(p.end(), {user_id, user_id, today});
  return "(w.subject_person_id = (SELECT person_id FROM users WHERE id = ?) OR w.subject_post_id IN (SELECT x.post_id "
         "FROM assignments x JOIN users u ON u.person_id = x.person_id WHERE u.id = ? AND (x.end_date IS NULL OR "
         "x.end_date >= ?)))";
}

Status load_risks(Connection& c, Warning& w) {
  LF_TRY(db::Rows k, c.query("SELECT r.id, r.description, r.level FROM warning_risks x JOIN risks r ON r.id = x.risk_id "
                             "WHERE x.warning_id = ? ORDER BY r.id",
                             {w.id}));
  for (size_t i = 0; i < k.size(); ++i) w.risks.push_back({k.integer(i, 0), k.text(i, 1), k.text(i, 2)});
  return ok();
}

}  // namespace

bool addressed_to(const Warning& w, const auth::Principal& who) {
  if (w.recipient_role == "dept_head")
    return who.has_role("dept_head") && who.scope.department_id && w.recipient_department_id == who.scope.department_id;
  if (w.recipient_role == "supervisor")
    return who.has_role("supervisor") && who.scope.unit_id && w.recipient_unit_id == who.scope.unit_id;
  return who.has_role("admin");
}

Result<bool> about(Connection& c, const Warning& w, int64_t user_id, const std::string& today) {
  db::Params p{w.id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM warnings w WHERE w.id = ? AND " + about_sql(user_id, today, p), p));
  return !r.empty();
}

Result<Page<Warning>> list(Connection& c, audit::Totals& totals, const auth::Principal& who, const WarningFilter& f,
                           const std::string& today, int64_t offset, int64_t limit) {
  list::Where w;
  if (f.inbox) {
    w.sql += " AND " + inbox_sql(who, w.params);
  } else if (f.mine) {
    w.sql += " AND " + about_sql(who.id, today, w.params);
  } else {
    db::Params scope;
    const std::string in_scope = auth::scope_filter(who.scope, "w.unit_id", "w.department_id", scope);
    if (!in_scope.empty()) {
      // In scope, or addressed to them, or about them. (Each fragment in its own statement: the parameters must be
      // appended in the order the fragments appear, and the operands of + are not evaluated in a set order.)
      const std::string inbox = inbox_sql(who, scope);
      const std::string mine = about_sql(who.id, today, scope);
      w.sql += " AND ((1 = 1" + in_scope + ") OR " + inbox + " OR " + mine + ")";
      w.params.insert(w.params.end(), scope.begin(), scope.end());
    }
  }
  if (f.unit_id) w.equals("w.unit_id", *f.unit_id);
  if (f.department_id) LF_CHECK(w.in_department_subtree(c, "w.department_id", *f.department_id));
  if (f.subject_person_id) w.equals("w.subject_person_id", *f.subject_person_id);
  if (f.risk_id) {
    w.sql += " AND w.id IN (SELECT warning_id FROM warning_risks WHERE risk_id = ?)";
    w.params.emplace_back(*f.risk_id);
  }
  if (!f.level.empty()) w.equals("w.level", f.level);
  if (!f.status.empty()) w.equals("w.status", f.status);
  if (!f.source.empty()) w.equals("w.source", f.source);
  if (f.open) w.sql += " AND w.status NOT IN ('closed', 'cancelled')";
  if (f.overdue) {
    w.sql += " AND w.status IN ('issued', 'signed', 'handling', 'rectifying') AND w.deadline < ?";
    w.params.emplace_back(today);
  }
  if (!f.subject.empty()) w.contains({"w.subject_name"}, f.subject);
  if (!f.q.empty()) w.contains({"w.situation", "w.subject_name"}, f.q);
  Page<Warning> out;
  LF_TRY(auto snap, totals.open(c));
  LF_TRY(out.total, snap.count(std::string("SELECT COUNT(*) ") + kFrom + w.sql, w.params));
  if (offset >= out.total) return out;
  db::Params p = w.params;
  p.emplace_back(limit);
  p.emplace_back(offset);
  LF_TRY(db::Rows r, c.query(std::string(kSelect) + kFrom + w.sql + " ORDER BY w.id DESC LIMIT ? OFFSET ?", p));
  for (size_t i = 0; i < r.size(); ++i) out.items.push_back(from_row(r, i, today));
  for (auto& w : out.items) LF_CHECK(load_risks(c, w));
  return out;
}

Result<std::optional<Warning>> find(Connection& c, int64_t id, const std::string& today) {
  LF_TRY(db::Rows r, c.query(std::string(kSelect) + kFrom + " WHERE w.id = ?", {id}));
  if (r.empty()) return std::optional<Warning>{};
  Warning w = from_row(r, 0, today);
  LF_CHECK(load_risks(c, w));
  return std::optional<Warning>{std::move(w)};
}

Result<bool> visible(Connection& c, const auth::Principal& who, int64_t id) {
  db::Params p{id};
  db::Params scope;
  const std::string in_scope = auth::scope_filter(who.scope, "w.unit_id", "w.department_id", scope);
  if (in_scope.empty()) return true;
  const std::string inbox = inbox_sql(who, scope);  // in order: see list()
  const std::string mine = about_sql(who.id, today_utc(), scope);
  const std::string sql = "SELECT 1 FROM warnings w WHERE w.id = ? AND ((1 = 1" + in_scope + ") OR " + inbox + " OR " + mine + ")";
  p.insert(p.end(), scope.begin(), scope.end());
  LF_TRY(db::Rows r, c.query(sql, p));
  return !r.empty();
}

namespace {
db::Params values(const Warning& w) {
  return {w.unit_id,
          nullable(w.department_id),
          w.subject_kind,
          nullable(w.subject_person_id),
          nullable(w.subject_post_id),
          w.subject_name,
          w.subject_title,
          nullable(w.power_id),
          w.source,
          w.source_ref,
          w.situation,
          w.required_measures,
          boost::json::serialize(w.evidence),
          w.level,
          w.status,
          int64_t(w.recipient_tier),
          w.recipient_role,
          nullable(w.recipient_unit_id),
          nullable(w.recipient_department_id),
          w.recipient_label,
          w.deadline,
          w.escalations,
          join(w.measures_taken),
          w.handler_name,
          w.handler_title,
          nullable(w.handled_at),
          w.commitment,
          nullable(w.commitment_due),
          w.verification,
          w.note,
          w.cancel_reason,
          nullable(w.closed_at)};
}
}  // namespace

Result<int64_t> insert(Connection& c, const Warning& w) {
  db::Params p = values(w);
  p.insert(p.end(), {nullable(w.issued_by), w.issued_by_name, w.issued_at, now_utc()});
  LF_TRY(db::Rows r, c.query(
      "INSERT INTO warnings(unit_id, department_id, subject_kind, subject_person_id, subject_post_id, subject_name, "
      "subject_title, power_id, source, source_ref, situation, required_measures, evidence_json, level, status, "
      "recipient_tier, recipient_role, recipient_unit_id, recipient_department_id, recipient_label, deadline, "
      "escalations, measures_taken, handler_name, handler_title, handled_at, commitment, commitment_due, verification, "
      "note, cancel_reason, closed_at, issued_by, issued_by_name, issued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      p));
  return r.integer(0, 0);
}

Status update(Connection& c, const Warning& w) {
  db::Params p = values(w);
  p.emplace_back(now_utc());
  p.emplace_back(w.id);
  LF_TRY(db::Rows r, c.query(
      "UPDATE warnings SET unit_id = ?, department_id = ?, subject_kind = ?, subject_person_id = ?, subject_post_id = ?, "
      "subject_name = ?, subject_title = ?, power_id = ?, source = ?, source_ref = ?, situation = ?, "
      "required_measures = ?, evidence_json = ?, level = ?, status = ?, recipient_tier = ?, recipient_role = ?, "
      "recipient_unit_id = ?, recipient_department_id = ?, recipient_label = ?, deadline = ?, escalations = ?, "
      "measures_taken = ?, handler_name = ?, handler_title = ?, handled_at = ?, commitment = ?, commitment_due = ?, "
      "verification = ?, note = ?, cancel_reason = ?, closed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
      p));
  return ok();
}

Status link_risks(Connection& c, int64_t warning_id, const std::vector<int64_t>& risk_ids) {
  for (int64_t r : risk_ids) {
    LF_TRY(db::Rows x, c.query("INSERT INTO warning_risks(warning_id, risk_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                               {warning_id, r}));
  }
  return ok();
}

Status add_history(Connection& c, int64_t id, const auth::Principal& who, const std::string& action,
                   const std::string& from, const std::string& to, const std::string& level, const std::string& comment) {
  LF_TRY(db::Rows r, c.query("INSERT INTO warning_history(warning_id, at, actor_id, actor, action, from_status, "
                             "to_status, level, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             {id, now_utc(), who.id ? db::Value(who.id) : db::Value(nullptr),
                              who.display_name.empty() ? (who.username.empty() ? "系统" : who.username) : who.display_name,
                              action, from, to, level, comment}));
  return ok();
}

Result<std::vector<HistoryEntry>> history(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query("SELECT id, at, actor, action, from_status, to_status, level, comment FROM warning_history "
                             "WHERE warning_id = ? ORDER BY id",
                             {id}));
  std::vector<HistoryEntry> out;
  for (size_t i = 0; i < r.size(); ++i)
    out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6),
                   r.text(i, 7)});
  return out;
}

Result<std::vector<int64_t>> overdue_unhandled(Connection& c, const std::string& today) {
  LF_TRY(db::Rows r, c.query("SELECT id FROM warnings WHERE status IN ('issued', 'signed') AND deadline < ? ORDER BY id",
                             {today}));
  std::vector<int64_t> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.integer(i, 0));
  return out;
}

Result<std::vector<Proposal>> proposals(Connection& c, const auth::Principal& who) {
  (void)who;  // proposals name posts and powers only; the risks they reopen carry their own scope
  LF_TRY(db::Rows r, c.query("SELECT id, kind, target_id, target_name, warnings, reopened, created_at FROM "
                             "warning_proposals ORDER BY id DESC LIMIT 200"));
  std::vector<Proposal> out;
  for (size_t i = 0; i < r.size(); ++i) {
    Proposal p{r.integer(i, 0), r.text(i, 1), r.integer(i, 2), r.text(i, 3), r.integer(i, 4), {}, r.text(i, 6)};
    boost::system::error_code ec;
    auto v = boost::json::parse(r.text(i, 5), ec);
    if (!ec && v.is_array())
      for (const auto& x : v.as_array())
        if (x.is_int64()) p.reopened.push_back(x.as_int64());
    out.push_back(std::move(p));
  }
  return out;
}

Result<int64_t> add_proposal(Connection& c, const Proposal& p) {
  boost::json::array reopened;
  for (auto id : p.reopened) reopened.emplace_back(id);
  LF_TRY(db::Rows r, c.query("INSERT INTO warning_proposals(kind, target_id, target_name, warnings, reopened, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                             {p.kind, p.target_id, p.target_name, p.warnings, boost::json::serialize(reopened), now_utc()}));
  return r.integer(0, 0);
}

}  // namespace lf::warnings::store
