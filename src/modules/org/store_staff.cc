// SQL for posts, people and assignments.
#include <algorithm>
#include <cmath>
#include <map>

#include "base/clock.h"
#include "modules/auth/scope_sql.h"
#include "modules/common/list_query.h"
#include "modules/org/store.h"

namespace lf::org::store {
using list::fetch_page;
using list::Where;

namespace {


// The smallest and largest id of a non-empty list of rows.
template <class T>
std::pair<int64_t, int64_t> id_span(const std::vector<T>& rows) {
  auto [lo, hi] = std::minmax_element(rows.begin(), rows.end(), [](const T& a, const T& b) { return a.id < b.id; });
  return {lo->id, hi->id};
}

double years_between(const std::string& start, const std::optional<std::string>& end) {
  return std::round(double(days_between(start, end.value_or(today_utc()))) / 365.25 * 10.0) / 10.0;
}

// ---- posts ----

const char* kPostColumns =
    "SELECT p.id, p.unit_id, p.department_id, d.name, p.name, p.duties, p.tier, p.key_people, p.key_money, "
    "p.key_goods, p.key_approval, p.key_enforcement, p.headcount FROM posts p JOIN departments d ON d.id = "
    "p.department_id";

Post post_from(const db::Rows& r, size_t i) {
  Post p;
  p.id = r.integer(i, 0);
  p.unit_id = r.integer(i, 1);
  p.department_id = r.integer(i, 2);
  p.department_name = r.text(i, 3);
  p.name = r.text(i, 4);
  p.duties = r.text(i, 5);
  p.tier = r.text(i, 6);
  for (size_t k = 0; k < key_flags().size(); ++k)
    if (r.integer(i, 7 + k) != 0) p.keys.push_back(key_flags()[k]);
  p.headcount = r.integer(i, 12);
  return p;
}

// Fills the current holders of the given posts with one query.
Status fill_holders(Connection& c, std::vector<Post>& posts) {
  if (posts.empty()) return ok();
  auto [lo, hi] = id_span(posts);
  // A page's ids are mostly contiguous: one index range, filtered here, beats an IN list (which SQLite turns
  // into a temporary table) and a sort.
  LF_TRY(db::Rows r, c.query("SELECT a.post_id, pe.id, pe.name, a.start_date FROM assignments a JOIN people pe ON "
                             "pe.id = a.person_id WHERE a.post_id BETWEEN ? AND ? AND (a.end_date IS NULL OR "
                             "a.end_date >= ?)",
                             {lo, hi, today_utc()}));
  std::map<int64_t, std::vector<Holder>> by_post;
  for (size_t i = 0; i < r.size(); ++i) by_post[r.integer(i, 0)].push_back({r.integer(i, 1), r.text(i, 2), r.text(i, 3)});
  for (auto& p : posts) {
    if (auto it = by_post.find(p.id); it != by_post.end()) {
      p.holders = std::move(it->second);
      std::sort(p.holders.begin(), p.holders.end(), [](const Holder& a, const Holder& b) { return a.since < b.since; });
    }
  }
  return ok();
}

db::Params post_values(const Post& p) {
  auto has = [&](const char* k) { return int64_t{std::find(p.keys.begin(), p.keys.end(), k) != p.keys.end()}; };
  return {p.unit_id,        p.department_id,   p.name,        p.duties,
          p.tier,           has("people"),     has("money"),  has("goods"),
          has("approval"),  has("enforcement"), p.headcount};
}

// ---- people ----

const char* kPersonColumns =
    "SELECT pe.id, pe.unit_id, pe.department_id, COALESCE(d.name, ''), pe.name, pe.gender, pe.title, "
    "pe.employee_no, pe.status FROM people pe LEFT JOIN departments d ON d.id = pe.department_id";

Person person_from(const db::Rows& r, size_t i) {
  return Person{r.integer(i, 0), r.integer(i, 1), r.opt_integer(i, 2), r.text(i, 3), r.text(i, 4),
                r.text(i, 5),    r.text(i, 6),    r.text(i, 7),        r.text(i, 8), {}};
}

Status fill_current_posts(Connection& c, std::vector<Person>& people) {
  if (people.empty()) return ok();
  auto [lo, hi] = id_span(people);
  LF_TRY(db::Rows r, c.query("SELECT a.person_id, po.id, po.name, a.start_date FROM assignments a JOIN posts po ON "
                             "po.id = a.post_id WHERE a.person_id BETWEEN ? AND ? AND (a.end_date IS NULL OR "
                             "a.end_date >= ?)",
                             {lo, hi, today_utc()}));
  std::map<int64_t, std::vector<CurrentPost>> by_person;
  for (size_t i = 0; i < r.size(); ++i)
    by_person[r.integer(i, 0)].push_back({r.integer(i, 1), r.text(i, 2), r.text(i, 3)});
  for (auto& p : people) {
    if (auto it = by_person.find(p.id); it != by_person.end()) {
      p.current_posts = std::move(it->second);
      std::sort(p.current_posts.begin(), p.current_posts.end(),
                [](const CurrentPost& a, const CurrentPost& b) { return a.since < b.since; });
    }
  }
  return ok();
}

// ---- assignments ----

const char* kAssignmentColumns =
    "SELECT a.id, a.person_id, pe.name, a.post_id, po.name, d.name, a.start_date, a.end_date, a.note, po.tier, "
    "po.key_people, po.key_money, po.key_goods, po.key_approval, po.key_enforcement "
    "FROM assignments a JOIN people pe ON pe.id = a.person_id JOIN posts po ON po.id = a.post_id "
    "JOIN departments d ON d.id = po.department_id";

Assignment assignment_from(const db::Rows& r, size_t i) {
  Assignment a;
  a.id = r.integer(i, 0);
  a.person_id = r.integer(i, 1);
  a.person_name = r.text(i, 2);
  a.post_id = r.integer(i, 3);
  a.post_name = r.text(i, 4);
  a.department_name = r.text(i, 5);
  a.start_date = r.text(i, 6);
  if (!r.is_null(i, 7)) a.end_date = r.text(i, 7);
  a.note = r.text(i, 8);
  a.post_tier = r.text(i, 9);
  for (size_t k = 0; k < key_flags().size(); ++k)
    if (r.integer(i, 10 + k) != 0) a.post_keys.push_back(key_flags()[k]);
  a.years = years_between(a.start_date, a.end_date);
  return a;
}

// Visible when the post or the person lies in scope.
std::string assignment_scope(const Scope& s, db::Params& p) {
  if (s.all) return {};
  std::string post = auth::scope_filter(s, "po.unit_id", "po.department_id", p);
  std::string person = auth::scope_filter(s, "pe.unit_id", "pe.department_id", p);
  // Each fragment starts with " AND "; join them with OR.
  return " AND ((1 = 1" + post + ") OR (1 = 1" + person + "))";
}

}  // namespace

Result<Page<Post>> list_posts(Connection& c, audit::Totals& totals, const Scope& s, const PostFilter& f,
                              int64_t offset, int64_t limit) {
  Where w;
  w.sql += auth::scope_filter(s, "p.unit_id", "p.department_id", w.params);
  if (f.unit_id) w.equals("p.unit_id", *f.unit_id);
  if (f.department_id) LF_CHECK(w.in_department_subtree(c, "p.department_id", *f.department_id));
  if (!f.tier.empty()) w.equals("p.tier", f.tier);
  if (!f.key.empty()) w.sql += " AND p.key_" + f.key + " = 1";  // f.key is validated against key_flags()
  if (!f.q.empty()) w.contains({"p.name", "p.duties"}, f.q);
  LF_TRY(Page<Post> out, fetch_page<Post>(c, totals, "FROM posts p", kPostColumns, w, "p.id", offset, limit, post_from));
  LF_CHECK(fill_holders(c, out.items));
  return out;
}

Result<std::optional<Post>> find_post(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kPostColumns) + " WHERE p.id = ?", {id}));
  if (r.empty()) return std::optional<Post>();
  std::vector<Post> one{post_from(r, 0)};
  LF_CHECK(fill_holders(c, one));
  return std::optional<Post>(std::move(one[0]));
}

Result<bool> post_visible(Connection& c, const Scope& s, int64_t id) {
  db::Params p{id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM posts p WHERE p.id = ?" + auth::scope_filter(s, "p.unit_id", "p.department_id", p), p));
  return !r.empty();
}

Result<int64_t> insert_post(Connection& c, const Post& post) {
  db::Params p = post_values(post);
  const auto now = now_utc();
  p.emplace_back(now);
  p.emplace_back(now);
  LF_TRY(db::Rows r, c.query("INSERT INTO posts(unit_id, department_id, name, duties, tier, key_people, key_money, "
                             "key_goods, key_approval, key_enforcement, headcount, created_at, updated_at) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                             p));
  return r.integer(0, 0);
}

Status update_post(Connection& c, const Post& post) {
  db::Params p = post_values(post);
  p.emplace_back(now_utc());
  p.emplace_back(post.id);
  LF_CHECK(c.query("UPDATE posts SET unit_id = ?, department_id = ?, name = ?, duties = ?, tier = ?, key_people = ?, "
                   "key_money = ?, key_goods = ?, key_approval = ?, key_enforcement = ?, headcount = ?, updated_at = ? "
                   "WHERE id = ?",
                   p));
  return ok();
}

Result<bool> post_has_assignments(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM assignments WHERE post_id = ? LIMIT 1", {id}));
  return !r.empty();
}

Status delete_post(Connection& c, int64_t id) {
  LF_CHECK(c.query("DELETE FROM posts WHERE id = ?", {id}));
  return ok();
}

Result<Page<Person>> list_people(Connection& c, audit::Totals& totals, const Scope& s, const PersonFilter& f,
                                 int64_t offset, int64_t limit) {
  Where w;
  w.sql += auth::scope_filter(s, "pe.unit_id", "pe.department_id", w.params);
  if (f.unit_id) w.equals("pe.unit_id", *f.unit_id);
  if (f.department_id) LF_CHECK(w.in_department_subtree(c, "pe.department_id", *f.department_id));
  if (!f.status.empty()) w.equals("pe.status", f.status);
  if (!f.q.empty()) w.contains({"pe.name", "pe.employee_no"}, f.q);
  LF_TRY(Page<Person> out,
         fetch_page<Person>(c, totals, "FROM people pe", kPersonColumns, w, "pe.id", offset, limit, person_from));
  LF_CHECK(fill_current_posts(c, out.items));
  return out;
}

Result<std::optional<Person>> find_person(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kPersonColumns) + " WHERE pe.id = ?", {id}));
  if (r.empty()) return std::optional<Person>();
  std::vector<Person> one{person_from(r, 0)};
  LF_CHECK(fill_current_posts(c, one));
  return std::optional<Person>(std::move(one[0]));
}

Result<bool> person_visible(Connection& c, const Scope& s, int64_t id) {
  db::Params p{id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM people pe WHERE pe.id = ?" + auth::scope_filter(s, "pe.unit_id", "pe.department_id", p), p));
  return !r.empty();
}

Result<bool> employee_no_taken(Connection& c, int64_t unit_id, const std::string& no, int64_t except_id) {
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM people WHERE unit_id = ? AND employee_no = ? AND id <> ?", {unit_id, no, except_id}));
  return !r.empty();
}

Result<int64_t> insert_person(Connection& c, const Person& pe) {
  const auto now = now_utc();
  LF_TRY(db::Rows r, c.query("INSERT INTO people(unit_id, department_id, name, gender, title, employee_no, status, "
                             "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                             {pe.unit_id, db::nullable(pe.department_id), pe.name, pe.gender, pe.title, pe.employee_no,
                              pe.status, now, now}));
  return r.integer(0, 0);
}

Status update_person(Connection& c, const Person& pe) {
  LF_CHECK(c.query("UPDATE people SET unit_id = ?, department_id = ?, name = ?, gender = ?, title = ?, employee_no = ?, "
                   "status = ?, updated_at = ? WHERE id = ?",
                   {pe.unit_id, db::nullable(pe.department_id), pe.name, pe.gender, pe.title, pe.employee_no, pe.status,
                    now_utc(), pe.id}));
  return ok();
}

Result<bool> person_has_dependents(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query("SELECT (SELECT COUNT(*) FROM assignments WHERE person_id = ?) + "
                             "(SELECT COUNT(*) FROM users WHERE person_id = ?)",
                             {id, id}));
  return r.integer(0, 0) > 0;
}

Status delete_person(Connection& c, int64_t id) {
  LF_CHECK(c.query("DELETE FROM people WHERE id = ?", {id}));
  return ok();
}

Result<Page<Assignment>> list_assignments(Connection& c, audit::Totals& totals, const Scope& s, const AssignmentFilter& f, int64_t offset,
                                          int64_t limit) {
  db::Params p;
  std::string where = " WHERE 1 = 1" + assignment_scope(s, p);
  if (f.person_id) {
    where += " AND a.person_id = ?";
    p.emplace_back(*f.person_id);
  }
  if (f.post_id) {
    where += " AND a.post_id = ?";
    p.emplace_back(*f.post_id);
  }
  if (f.current_only) {
    where += " AND (a.end_date IS NULL OR a.end_date >= ?)";
    p.emplace_back(today_utc());
  }
  const std::string from =
      " FROM assignments a JOIN people pe ON pe.id = a.person_id JOIN posts po ON po.id = a.post_id";
  Page<Assignment> out;
  LF_TRY(auto snap, totals.open(c));
  LF_TRY(out.total, snap.count("SELECT COUNT(*)" + from + where, p));
  if (offset >= out.total) return out;
  p.emplace_back(limit);
  p.emplace_back(offset);
  LF_TRY(db::Rows r, c.query(kAssignmentColumns + where + " ORDER BY a.start_date DESC, a.id DESC LIMIT ? OFFSET ?", p));
  for (size_t i = 0; i < r.size(); ++i) out.items.push_back(assignment_from(r, i));
  return out;
}

Result<std::optional<Assignment>> find_assignment(Connection& c, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string(kAssignmentColumns) + " WHERE a.id = ?", {id}));
  if (r.empty()) return std::optional<Assignment>();
  return std::optional<Assignment>(assignment_from(r, 0));
}

Result<bool> assignment_visible(Connection& c, const Scope& s, int64_t id) {
  db::Params p{id};
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM assignments a JOIN people pe ON pe.id = a.person_id JOIN posts po ON "
                             "po.id = a.post_id WHERE a.id = ?" + assignment_scope(s, p), p));
  return !r.empty();
}

Result<bool> assignment_overlaps(Connection& c, const Assignment& a) {
  // Two ranges [s1, e1] and [s2, e2] (open end = far future) overlap when s1 <= e2 and s2 <= e1.
  const std::string end = a.end_date.value_or("9999-12-31");
  LF_TRY(db::Rows r, c.query("SELECT 1 FROM assignments WHERE person_id = ? AND post_id = ? AND id <> ? "
                             "AND start_date <= ? AND COALESCE(end_date, '9999-12-31') >= ?",
                             {a.person_id, a.post_id, a.id, end, a.start_date}));
  return !r.empty();
}

Result<int64_t> insert_assignment(Connection& c, const Assignment& a) {
  const auto now = now_utc();
  db::Value end = a.end_date ? db::Value{*a.end_date} : db::Value{nullptr};
  LF_TRY(db::Rows r, c.query("INSERT INTO assignments(person_id, post_id, start_date, end_date, note, created_at, "
                             "updated_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                             {a.person_id, a.post_id, a.start_date, end, a.note, now, now}));
  return r.integer(0, 0);
}

Status update_assignment(Connection& c, const Assignment& a) {
  db::Value end = a.end_date ? db::Value{*a.end_date} : db::Value{nullptr};
  LF_CHECK(c.query("UPDATE assignments SET person_id = ?, post_id = ?, start_date = ?, end_date = ?, note = ?, "
                   "updated_at = ? WHERE id = ?",
                   {a.person_id, a.post_id, a.start_date, end, a.note, now_utc(), a.id}));
  return ok();
}

Status delete_assignment(Connection& c, int64_t id) {
  LF_CHECK(c.query("DELETE FROM assignments WHERE id = ?", {id}));
  return ok();
}

}  // namespace lf::org::store
