// Loads the demo setting (demo_data.cc) into an empty store: one transaction, plain SQL with `?` placeholders
// and `RETURNING id` (SQLite ≥ 3.35 and PostgreSQL), one audit entry at the end.
#include "modules/demo/demo.h"
#include "modules/demo/demo_powers.h"
#include "modules/demo/demo_measures.h"
#include "modules/demo/demo_monitoring.h"
#include "modules/demo/demo_procurement.h"
#include "modules/demo/demo_risks.h"
#include "modules/demo/demo_warnings.h"

#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "modules/audit/audit.h"
#include "modules/auth/password.h"

namespace lf::demo {
namespace {

using db::Params;
using db::Value;

Value text(const char* s) { return std::string(s ? s : ""); }
Value id_or_null(std::optional<int64_t> id) {
  if (id) return *id;
  return nullptr;
}
int64_t flag(const char* keys, char letter) {
  for (const char* p = keys; p && *p; ++p)
    if (*p == letter) return 1;
  return 0;
}

// The tables resolved to indices and checked once, before anything is written.
struct Plan {
  std::map<std::string, size_t> unit_by_code, dept_by_key, post_by_key, person_by_name;
  std::vector<size_t> dept_unit;     // department index -> unit index
  std::vector<size_t> post_dept;     // post index -> department index
  std::vector<size_t> person_post;   // person index -> post index of the last assignment
  std::vector<std::string> employee_no;
};

Error bad_data(const std::string& what) { return internal_error("demo data: " + what); }

Result<Plan> make_plan() {
  Plan p;
  const auto& units = data::units();
  for (size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    if (u.parent_code && !p.unit_by_code.count(u.parent_code)) return bad_data(std::string("unit parent ") + u.code);
    if (!p.unit_by_code.emplace(u.code, i).second) return bad_data(std::string("duplicate unit ") + u.code);
  }
  const auto& depts = data::departments();
  for (size_t i = 0; i < depts.size(); ++i) {
    const auto& d = depts[i];
    auto u = p.unit_by_code.find(d.unit_code);
    if (u == p.unit_by_code.end()) return bad_data(std::string("department unit ") + d.key);
    if (d.parent_key) {
      auto parent = p.dept_by_key.find(d.parent_key);
      if (parent == p.dept_by_key.end() || p.dept_unit[parent->second] != u->second)
        return bad_data(std::string("department parent ") + d.key);
    }
    if (!p.dept_by_key.emplace(d.key, i).second) return bad_data(std::string("duplicate department ") + d.key);
    p.dept_unit.push_back(u->second);
  }
  const auto& posts = data::posts();
  for (size_t i = 0; i < posts.size(); ++i) {
    const auto& po = posts[i];
    auto d = p.dept_by_key.find(po.department_key);
    if (d == p.dept_by_key.end()) return bad_data(std::string("post department ") + po.key);
    if (!p.post_by_key.emplace(po.key, i).second) return bad_data(std::string("duplicate post ") + po.key);
    p.post_dept.push_back(d->second);
  }
  const auto& people = data::people();
  std::map<size_t, int> seq;  // per unit
  for (size_t i = 0; i < people.size(); ++i) {
    const auto& pe = people[i];
    if (pe.stints.empty()) return bad_data(std::string("no assignment for ") + pe.name);
    if (!p.person_by_name.emplace(pe.name, i).second) return bad_data(std::string("duplicate person ") + pe.name);
    std::optional<size_t> unit;
    std::string prev_end;
    for (const auto& s : pe.stints) {
      auto po = p.post_by_key.find(s.post_key);
      if (po == p.post_by_key.end()) return bad_data(std::string("assignment post ") + s.post_key);
      size_t u = p.dept_unit[p.post_dept[po->second]];
      if (unit && *unit != u) return bad_data(std::string("assignments in two units for ") + pe.name);
      unit = u;
      std::string start = s.start;
      if (!is_valid_date(start) || (s.end && (!is_valid_date(s.end) || std::string(s.end) < start)) ||
          (!prev_end.empty() && start <= prev_end))
        return bad_data(std::string("assignment dates for ") + pe.name);
      prev_end = s.end ? s.end : "9999-12-31";
    }
    bool current = pe.stints.back().end == nullptr;
    if (current != (std::string(pe.status) == "active")) return bad_data(std::string("status of ") + pe.name);
    p.person_post.push_back(p.post_by_key[pe.stints.back().post_key]);
    char no[32];
    std::snprintf(no, sizeof no, "%s%04d%03d", units[*unit].emp_prefix, pe.joined, ++seq[*unit]);
    p.employee_no.emplace_back(no);
  }
  for (const auto& u : data::users()) {
    if (u.scope_unit_code && !p.unit_by_code.count(u.scope_unit_code)) return bad_data(std::string("user unit ") + u.username);
    if (u.scope_department_key && !p.dept_by_key.count(u.scope_department_key))
      return bad_data(std::string("user department ") + u.username);
    if (u.person_name && !p.person_by_name.count(u.person_name)) return bad_data(std::string("user person ") + u.username);
  }
  return p;
}

Result<int64_t> insert_id(db::Connection& c, std::string_view sql, const Params& params) {
  LF_TRY(db::Rows rows, c.query(sql, params));
  if (rows.empty()) return internal_error("demo seed: INSERT returned no id");
  return rows.integer(0, 0);
}

}  // namespace

Status seed(db::Database& db) {
  LF_TRY(Plan plan, make_plan());
  const auto& units = data::units();
  const auto& depts = data::departments();
  const auto& posts = data::posts();
  const auto& people = data::people();
  const auto& users = data::users();

  // Argon2id is slow by design: hash before taking the write lock. Each user gets its own salt.
  std::vector<std::string> hashes;
  for (size_t i = 0; i < users.size(); ++i) {
    LF_TRY(std::string h, auth::hash_password(kPassword));
    hashes.push_back(std::move(h));
  }

  return db.transaction([&](db::Connection& c) -> Status {
    LF_TRY(db::Rows existing, c.query("SELECT COUNT(*) FROM units"));
    if (!existing.empty() && existing.integer(0, 0) > 0) return make_error("demo.not_empty", {}, 409);

    const std::string now = now_utc();
    std::vector<int64_t> unit_id(units.size()), dept_id(depts.size()), post_id(posts.size()), person_id(people.size());
    std::vector<std::string> unit_path(units.size()), dept_path(depts.size());

    for (size_t i = 0; i < units.size(); ++i) {
      const auto& u = units[i];
      std::optional<size_t> parent;
      if (u.parent_code) parent = plan.unit_by_code.at(u.parent_code);
      LF_TRY(unit_id[i], insert_id(c,
                                   "INSERT INTO units (parent_id, path, code, name, kind, sort, created_at, updated_at) "
                                   "VALUES (?, '', ?, ?, ?, ?, ?, ?) RETURNING id",
                                   {parent ? Value(unit_id[*parent]) : Value(nullptr), text(u.code), text(u.name),
                                    text(u.kind), int64_t(i + 1), now, now}));
      unit_path[i] = (parent ? unit_path[*parent] : std::string("/")) + std::to_string(unit_id[i]) + "/";
      LF_CHECK(c.query("UPDATE units SET path = ? WHERE id = ?", {unit_path[i], unit_id[i]}));
    }

    std::map<size_t, int64_t> dept_sort;  // running sort order among siblings, per unit
    for (size_t i = 0; i < depts.size(); ++i) {
      const auto& d = depts[i];
      std::optional<size_t> parent;
      if (d.parent_key) parent = plan.dept_by_key.at(d.parent_key);
      LF_TRY(dept_id[i],
             insert_id(c,
                       "INSERT INTO departments (unit_id, parent_id, path, code, name, sort, created_at, updated_at) "
                       "VALUES (?, ?, '', ?, ?, ?, ?, ?) RETURNING id",
                       {unit_id[plan.dept_unit[i]], parent ? Value(dept_id[*parent]) : Value(nullptr), text(d.code),
                        text(d.name), ++dept_sort[plan.dept_unit[i]], now, now}));
      dept_path[i] = (parent ? dept_path[*parent] : std::string("/")) + std::to_string(dept_id[i]) + "/";
      LF_CHECK(c.query("UPDATE departments SET path = ? WHERE id = ?", {dept_path[i], dept_id[i]}));
    }

    for (size_t i = 0; i < posts.size(); ++i) {
      const auto& po = posts[i];
      size_t d = plan.post_dept[i];
      LF_TRY(post_id[i],
             insert_id(c,
                       "INSERT INTO posts (unit_id, department_id, name, duties, tier, key_people, key_money, key_goods, "
                       "key_approval, key_enforcement, headcount, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       {unit_id[plan.dept_unit[d]], dept_id[d], text(po.name), text(po.duties), text(po.tier),
                        flag(po.keys, 'P'), flag(po.keys, 'M'), flag(po.keys, 'G'), flag(po.keys, 'A'),
                        flag(po.keys, 'E'), int64_t(po.headcount), now, now}));
    }

    int64_t assignments = 0;
    for (size_t i = 0; i < people.size(); ++i) {
      const auto& pe = people[i];
      size_t d = plan.post_dept[plan.person_post[i]];
      LF_TRY(person_id[i],
             insert_id(c,
                       "INSERT INTO people (unit_id, department_id, name, gender, title, employee_no, status, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       {unit_id[plan.dept_unit[d]], dept_id[d], text(pe.name),
                        std::string(pe.gender == 'f' ? "female" : "male"), text(pe.title), plan.employee_no[i],
                        text(pe.status), now, now}));
      for (const auto& s : pe.stints) {
        LF_TRY(int64_t ignored,
               insert_id(c,
                         "INSERT INTO assignments (person_id, post_id, start_date, end_date, note, created_at, "
                         "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         {person_id[i], post_id[plan.post_by_key.at(s.post_key)], text(s.start),
                          s.end ? text(s.end) : Value(nullptr), text(s.note), now, now}));
        (void)ignored;
        ++assignments;
      }
    }

    int64_t user_count = 0;
    for (size_t i = 0; i < users.size(); ++i) {
      const auto& u = users[i];
      // An account created before seeding (a bootstrap admin) is left as it is.
      LF_TRY(db::Rows taken, c.query("SELECT id FROM users WHERE username = ?", {text(u.username)}));
      if (!taken.empty()) continue;
      std::optional<int64_t> scope_unit, scope_dept, person;
      if (u.scope_unit_code) scope_unit = unit_id[plan.unit_by_code.at(u.scope_unit_code)];
      if (u.scope_department_key) scope_dept = dept_id[plan.dept_by_key.at(u.scope_department_key)];
      if (u.person_name) person = person_id[plan.person_by_name.at(u.person_name)];
      LF_TRY(int64_t ignored,
             insert_id(c,
                       "INSERT INTO users (username, display_name, password_hash, roles, scope_unit_id, "
                       "scope_department_id, person_id, disabled, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
                       {text(u.username), text(u.display_name), hashes[i], text(u.roles), id_or_null(scope_unit),
                        id_or_null(scope_dept), id_or_null(person), now, now}));
      (void)ignored;
      ++user_count;
    }

    DemoIds ids;
    for (size_t i = 0; i < posts.size(); ++i) ids.posts[posts[i].key] = {post_id[i], posts[i].name};
    for (size_t i = 0; i < depts.size(); ++i) ids.departments[depts[i].key] = {dept_id[i], unit_id[plan.dept_unit[i]]};
    LF_TRY(int64_t power_count, seed_powers(c, ids));
    LF_TRY(int64_t risk_count, seed_risks(c, ids));
    LF_TRY(MeasureCounts measures, seed_measures(c));
    LF_TRY(int64_t warning_count, seed_warnings(c, ids));
    LF_TRY(MonitoringCounts monitoring, seed_monitoring(c, ids));
    LF_TRY(int64_t processes, seed_procurement(c, ids));
    (void)warning_count;  // the procurement scan issues more: count them all
    LF_TRY(db::Rows all_warnings, c.query("SELECT COUNT(*) FROM warnings"));

    const std::string after = "{\"units\":" + std::to_string(units.size()) +
                              ",\"departments\":" + std::to_string(depts.size()) +
                              ",\"posts\":" + std::to_string(posts.size()) +
                              ",\"people\":" + std::to_string(people.size()) +
                              ",\"assignments\":" + std::to_string(assignments) +
                              ",\"users\":" + std::to_string(user_count) +
                              ",\"powers\":" + std::to_string(power_count) +
                              ",\"risks\":" + std::to_string(risk_count) +
                              ",\"measures\":" + std::to_string(measures.measures) +
                              ",\"tasks\":" + std::to_string(measures.tasks) +
                              ",\"measurements\":" + std::to_string(measures.measurements) +
                              ",\"warnings\":" + std::to_string(all_warnings.integer(0, 0)) +
                              ",\"monitor_rules\":" + std::to_string(monitoring.rules) +
                              ",\"events\":" + std::to_string(monitoring.events) +
                              ",\"procurement_processes\":" + std::to_string(processes) + "}";
    return audit::append(c, audit::Entry{std::nullopt, "system", "seed", "demo", "1", "null", after});
  });
}

const std::vector<Account>& accounts() {
  static const std::vector<Account> all = [] {
    std::map<std::string, std::string> unit_name, dept_label;
    for (const auto& u : data::units()) unit_name[u.code] = u.name;
    for (const auto& d : data::departments()) dept_label[d.key] = unit_name[d.unit_code] + " / " + d.name;
    std::vector<Account> v;
    for (const auto& u : data::users()) {
      std::string scope = "全部单位";
      if (u.scope_department_key) scope = dept_label[u.scope_department_key];
      else if (u.scope_unit_code) scope = unit_name[u.scope_unit_code];
      v.push_back({u.username, u.display_name, u.roles, scope});
    }
    return v;
  }();
  return all;
}

}  // namespace lf::demo
