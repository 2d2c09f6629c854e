// The demo setting: seeded into a fresh, migrated store (SQLite file; PostgreSQL too when LIANFANG_TEST_PG
// names a server, as `make test` does), it must be complete, consistent and refuse a second load.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "db/database.h"
#include "modules/audit/audit.h"
#include "modules/auth/password.h"
#include "modules/demo/demo.h"
#include "test_store.h"

namespace lf::demo {
namespace {

using db::Dialect;
using db::Rows;
using testutil::explain;

// The day the rotation checks look from; fixed so the data needs no clock.
constexpr const char* kReferenceDay = "2026-11-01";

class DemoTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override { store_.open(GetParam(), {.prefix = "lf_demo_", .pool_size = 2, .migrate = true}); }

  void seed_ok() {
    Status st = seed(*store_.db);
    ASSERT_TRUE(st.ok()) << explain(st.error());
  }

  Rows must(const std::string& sql, const db::Params& params = {}) {
    Rows out;
    Status st = store_.db->with([&](db::Connection& c) -> Status {
      LF_TRY(out, c.query(sql, params));
      return ok();
    });
    EXPECT_TRUE(st.ok()) << sql << " -> " << explain(st.error());
    return out;
  }

  int64_t scalar(const std::string& sql, const db::Params& params = {}) {
    Rows r = must(sql, params);
    return r.empty() || r.is_null(0, 0) ? -1 : r.integer(0, 0);
  }

  int64_t count(const std::string& table) { return scalar("SELECT COUNT(*) FROM " + table); }

  std::map<std::string, int64_t> all_counts() {
    std::map<std::string, int64_t> m;
    for (const char* t : {"units", "departments", "posts", "people", "assignments", "users", "audit_log"})
      m[t] = count(t);
    return m;
  }

  testutil::TestStore store_;
};

TEST_P(DemoTest, SeedsTheSetting) {
  seed_ok();
  EXPECT_EQ(count("units"), 3);
  EXPECT_GE(count("departments"), 20);
  EXPECT_GE(count("posts"), 55);
  EXPECT_LE(count("posts"), 70);
  EXPECT_GE(count("people"), 110);
  EXPECT_LE(count("people"), 130);
  EXPECT_EQ(count("users"), 7);
  EXPECT_GE(count("assignments"), count("people"));

  // The three units: the commission at the root, the college and the bureau under it.
  Rows u = must("SELECT code, name, kind, parent_id FROM units ORDER BY id");
  ASSERT_EQ(u.size(), 3u);
  EXPECT_EQ(u.text(0, 0), "SJW");
  EXPECT_EQ(u.text(0, 1), "某市纪委");
  EXPECT_EQ(u.text(0, 2), "commission");
  EXPECT_TRUE(u.is_null(0, 3));
  EXPECT_EQ(u.text(1, 0), "ZYXY");
  EXPECT_EQ(u.text(1, 2), "school");
  EXPECT_EQ(u.text(2, 0), "XZSPJ");
  EXPECT_EQ(u.text(2, 2), "bureau");
  EXPECT_FALSE(u.is_null(1, 3));

  // Nested departments exist (行政审批科 → two groups).
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM departments WHERE parent_id IS NOT NULL"), 2);
  // Every tier is represented, every post has duties of a sensible length.
  for (const char* tier : {"leader", "middle", "staff"})
    EXPECT_GT(scalar("SELECT COUNT(*) FROM posts WHERE tier = ?", {std::string(tier)}), 0) << tier;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM posts WHERE tier NOT IN ('leader', 'middle', 'staff')"), 0);
  for (const auto& p : data::posts()) {
    size_t chars = 0;  // UTF-8 code points
    for (const char* c = p.duties; *c; ++c) chars += (static_cast<unsigned char>(*c) & 0xC0) != 0x80;
    EXPECT_GE(chars, 20u) << p.key;
    EXPECT_LE(chars, 80u) << p.key;
  }
  for (const char* k : {"key_people", "key_money", "key_goods", "key_approval", "key_enforcement"})
    EXPECT_GT(scalar(std::string("SELECT COUNT(*) FROM posts WHERE ") + k + " = 1"), 0) << k;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM people WHERE gender NOT IN ('male', 'female')"), 0);
  EXPECT_GT(scalar("SELECT COUNT(*) FROM people WHERE status <> 'active'"), 0);

  // One audit entry by the system, counting what was written; the chain holds.
  // The demo's warnings are issued through the warnings module, which records each in the chain like any other.
  Rows others = must("SELECT DISTINCT entity FROM audit_log WHERE action <> 'seed' ORDER BY entity");
  for (size_t i = 0; i < others.size(); ++i)
    EXPECT_TRUE(others.text(i, 0) == "warning" || others.text(i, 0) == "warning_proposal" || others.text(i, 0) == "risk")
        << others.text(i, 0);
  Rows a = must("SELECT actor, action, entity, entity_id, after_json FROM audit_log WHERE action = 'seed'");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a.text(0, 0), "system");
  EXPECT_EQ(a.text(0, 1), "seed");
  EXPECT_EQ(a.text(0, 2), "demo");
  EXPECT_EQ(a.text(0, 3), "1");
  const std::string expected = "{\"units\":3,\"departments\":" + std::to_string(count("departments")) +
                               ",\"posts\":" + std::to_string(count("posts")) +
                               ",\"people\":" + std::to_string(count("people")) +
                               ",\"assignments\":" + std::to_string(count("assignments")) + ",\"users\":7" +
                               ",\"powers\":" + std::to_string(count("powers")) +
                               ",\"risks\":" + std::to_string(count("risks")) +
                               ",\"measures\":" + std::to_string(count("measures")) +
                               ",\"tasks\":" + std::to_string(count("measure_tasks")) +
                               ",\"measurements\":" + std::to_string(count("measurements")) +
                               ",\"warnings\":" + std::to_string(count("warnings")) +
                               ",\"monitor_rules\":" + std::to_string(count("monitor_rules")) +
                               ",\"events\":" + std::to_string(count("events")) +
                               ",\"procurement_processes\":" + std::to_string(count("procurement_processes")) + "}";
  EXPECT_GT(count("procurement_flags"), 0) << "the demo's planted procurement patterns are flagged";
  EXPECT_GE(count("powers"), 20) << "the powers issue asks for at least 20 demo powers";
  // The measures issue: every demo risk has measures, some tasks overdue, some measurements.
  EXPECT_EQ(count("risks"), must("SELECT COUNT(DISTINCT risk_id) FROM measures").integer(0, 0));
  EXPECT_GT(must("SELECT COUNT(*) FROM measure_tasks WHERE status = 'open' AND due_date < '" + today_utc() + "'").integer(0, 0), 0);
  EXPECT_GT(count("measurements"), 0);
  // The warnings issue: warnings in every state, some escalated, from rules, complaints and by hand.
  for (const char* status : {"issued", "signed", "handling", "rectifying", "verified", "closed", "cancelled"})
    EXPECT_GT(must(std::string("SELECT COUNT(*) FROM warnings WHERE status = '") + status + "'").integer(0, 0), 0) << status;
  EXPECT_GT(must("SELECT COUNT(*) FROM warnings WHERE escalations > 0").integer(0, 0), 0);
  for (const char* source : {"rule", "complaint", "manual"})
    EXPECT_GT(must(std::string("SELECT COUNT(*) FROM warnings WHERE source = '") + source + "'").integer(0, 0), 0) << source;
  EXPECT_EQ(a.text(0, 4), expected);
  auto verdict = audit::verify(*store_.db);
  ASSERT_TRUE(verdict.ok()) << explain(verdict.error());
  EXPECT_TRUE(verdict->intact) << verdict->reason;
}

TEST_P(DemoTest, SecondSeedIsRefusedAndChangesNothing) {
  seed_ok();
  auto before = all_counts();
  Status again = seed(*store_.db);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "demo.not_empty");
  EXPECT_EQ(again.error().status, 409);
  EXPECT_EQ(all_counts(), before);
}

TEST_P(DemoTest, PostsAndPeopleSitInTheirUnit) {
  seed_ok();
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM posts p JOIN departments d ON d.id = p.department_id "
                   "WHERE d.unit_id <> p.unit_id"),
            0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM people p JOIN departments d ON d.id = p.department_id "
                   "WHERE d.unit_id <> p.unit_id"),
            0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM people WHERE department_id IS NULL"), 0);
  // Assignments never cross units.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM assignments a JOIN people pe ON pe.id = a.person_id "
                   "JOIN posts po ON po.id = a.post_id WHERE po.unit_id <> pe.unit_id"),
            0);
  // A person's department is that of their current post (or their last post once they have left).
  Rows r = must("SELECT pe.id, pe.department_id, po.department_id, a.start_date FROM people pe "
                "JOIN assignments a ON a.person_id = pe.id JOIN posts po ON po.id = a.post_id "
                "ORDER BY pe.id, a.start_date");
  std::map<int64_t, std::pair<int64_t, int64_t>> last;  // person -> (own department, last post's department)
  for (size_t i = 0; i < r.size(); ++i) last[r.integer(i, 0)] = {r.integer(i, 1), r.integer(i, 2)};
  EXPECT_EQ(static_cast<int64_t>(last.size()), count("people"));
  for (const auto& [person, d] : last) EXPECT_EQ(d.first, d.second) << "person " << person;
}

TEST_P(DemoTest, PathsFollowParents) {
  seed_ok();
  Rows u = must("SELECT id, parent_id, path FROM units ORDER BY id");
  std::map<int64_t, std::string> upath;
  for (size_t i = 0; i < u.size(); ++i) upath[u.integer(i, 0)] = u.text(i, 2);
  for (size_t i = 0; i < u.size(); ++i) {
    const std::string own = std::to_string(u.integer(i, 0)) + "/";
    const std::string want = u.is_null(i, 1) ? "/" + own : upath[u.integer(i, 1)] + own;
    EXPECT_EQ(u.text(i, 2), want) << "unit " << u.integer(i, 0);
  }
  Rows d = must("SELECT id, parent_id, path, unit_id FROM departments ORDER BY id");
  std::map<int64_t, std::pair<std::string, int64_t>> dinfo;
  for (size_t i = 0; i < d.size(); ++i) dinfo[d.integer(i, 0)] = {d.text(i, 2), d.integer(i, 3)};
  for (size_t i = 0; i < d.size(); ++i) {
    const std::string own = std::to_string(d.integer(i, 0)) + "/";
    if (d.is_null(i, 1)) {
      EXPECT_EQ(d.text(i, 2), "/" + own) << "department " << d.integer(i, 0);
    } else {
      const auto& parent = dinfo[d.integer(i, 1)];
      EXPECT_EQ(d.text(i, 2), parent.first + own) << "department " << d.integer(i, 0);
      EXPECT_EQ(d.integer(i, 3), parent.second) << "department " << d.integer(i, 0) << " leaves its unit";
    }
  }
  // The nested groups sit under 行政审批科.
  Rows nested = must("SELECT c.name, p.name FROM departments c JOIN departments p ON p.id = c.parent_id ORDER BY c.id");
  ASSERT_EQ(nested.size(), 2u);
  EXPECT_EQ(nested.text(0, 0), "投资建设审批组");
  EXPECT_EQ(nested.text(0, 1), "行政审批科");
  EXPECT_EQ(nested.text(1, 0), "社会事务审批组");
}

TEST_P(DemoTest, AccountsWorkAndAreScoped) {
  seed_ok();
  Rows r = must("SELECT u.username, u.password_hash, u.roles, su.code, sd.name, pe.name, u.disabled "
                "FROM users u LEFT JOIN units su ON su.id = u.scope_unit_id "
                "LEFT JOIN departments sd ON sd.id = u.scope_department_id "
                "LEFT JOIN people pe ON pe.id = u.person_id ORDER BY u.id");
  ASSERT_EQ(r.size(), 7u);
  std::map<std::string, size_t> row;
  for (size_t i = 0; i < r.size(); ++i) {
    row[r.text(i, 0)] = i;
    EXPECT_TRUE(auth::verify_password(kPassword, r.text(i, 1))) << r.text(i, 0);
    EXPECT_FALSE(auth::verify_password("wrong-password-1", r.text(i, 1))) << r.text(i, 0);
    EXPECT_EQ(r.integer(i, 6), 0);
  }
  struct Want {
    const char* username;
    const char* roles;
    const char* unit;  // scope unit code or ""
    const char* dept;  // scope department name or ""
  };
  for (const Want& w : {Want{"admin", "admin", "", ""}, Want{"jiwei", "supervisor", "SJW", ""},
                        Want{"lingdao", "leader", "ZYXY", ""}, Want{"caiwu", "dept_head", "", "财务处"},
                        Want{"lianluo", "liaison", "", "资产与采购管理处"}, Want{"zhiyuan", "staff", "", "财务处"},
                        Want{"shenji", "auditor", "ZYXY", ""}}) {
    ASSERT_TRUE(row.count(w.username)) << w.username;
    size_t i = row[w.username];
    EXPECT_EQ(r.text(i, 2), w.roles) << w.username;
    EXPECT_EQ(r.text(i, 3), w.unit) << w.username;
    EXPECT_EQ(r.text(i, 4), w.dept) << w.username;
  }
  // caiwu is the person who currently heads 财务处.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM users u JOIN assignments a ON a.person_id = u.person_id "
                   "JOIN posts p ON p.id = a.post_id JOIN departments d ON d.id = p.department_id "
                   "WHERE u.username = 'caiwu' AND a.end_date IS NULL AND p.name = '处长' AND d.name = '财务处'"),
            1);
  // The banner list matches what was written.
  ASSERT_EQ(accounts().size(), 7u);
  for (const auto& a : accounts()) {
    ASSERT_TRUE(row.count(a.username)) << a.username;
    EXPECT_EQ(r.text(row[a.username], 2), a.role);
    EXPECT_FALSE(a.display_name.empty());
    EXPECT_FALSE(a.scope_label.empty());
  }
  EXPECT_EQ(accounts()[3].scope_label, "某市职业技术学院 / 财务处");
  EXPECT_TRUE(auth::check_password_strength(kPassword).ok());
}

TEST_P(DemoTest, RotationCasesArePresent) {
  seed_ok();
  // At least five people have held a key post, still current, for five years or more.
  const int64_t long_tenure = scalar(
      "SELECT COUNT(*) FROM assignments a JOIN posts p ON p.id = a.post_id WHERE a.end_date IS NULL "
      "AND a.start_date <= ? AND (p.key_people + p.key_money + p.key_goods + p.key_approval + p.key_enforcement) > 0",
      {std::string("2021-11-01")});
  EXPECT_GE(long_tenure, 5);
  EXPECT_LE(long_tenure, 20);  // several, not most
  Rows money = must("SELECT a.start_date FROM assignments a JOIN posts p ON p.id = a.post_id "
                    "WHERE a.end_date IS NULL AND a.start_date <= '2021-11-01' AND p.key_money = 1");
  EXPECT_GE(money.size(), 3u);
  for (size_t i = 0; i < money.size(); ++i) EXPECT_GE(days_between(money.text(i, 0), kReferenceDay), 5 * 365);

  // A couple of people moved twice or more within one year.
  Rows r = must("SELECT person_id, start_date FROM assignments ORDER BY person_id, start_date");
  std::map<int64_t, std::vector<std::string>> starts;
  for (size_t i = 0; i < r.size(); ++i) starts[r.integer(i, 0)].push_back(r.text(i, 1));
  int frequent = 0;
  for (const auto& [person, s] : starts) {
    bool hit = false;
    // moves = starts after the first; two moves within 365 days
    for (size_t i = 1; i + 1 < s.size(); ++i)
      if (days_between(s[i], s[i + 1]) <= 365) hit = true;
    frequent += hit;
  }
  EXPECT_GE(frequent, 2);
  // Some people have a history (an ended assignment as well as a current one).
  EXPECT_GE(scalar("SELECT COUNT(DISTINCT person_id) FROM assignments WHERE end_date IS NOT NULL"), 30);
}

TEST_P(DemoTest, AssignmentsAreConsistent) {
  seed_ok();
  Rows r = must("SELECT a.person_id, a.post_id, a.start_date, a.end_date, pe.status FROM assignments a "
                "JOIN people pe ON pe.id = a.person_id ORDER BY a.person_id, a.start_date");
  std::map<int64_t, std::string> prev_end;
  std::map<int64_t, int> current_by_person;
  std::map<int64_t, std::string> status;
  for (size_t i = 0; i < r.size(); ++i) {
    const int64_t person = r.integer(i, 0);
    const std::string start = r.text(i, 2);
    EXPECT_TRUE(is_valid_date(start)) << start;
    if (!r.is_null(i, 3)) {
      EXPECT_TRUE(is_valid_date(r.text(i, 3)));
      EXPECT_LE(start, r.text(i, 3));
    }
    // One post at a time, in order: each starts after the previous one ended.
    if (prev_end.count(person)) {
      EXPECT_LT(prev_end[person], start) << "person " << person;
    }
    prev_end[person] = r.is_null(i, 3) ? "9999-12-31" : r.text(i, 3);
    current_by_person[person] += r.is_null(i, 3);
    status[person] = r.text(i, 4);
  }
  for (const auto& [person, n] : current_by_person) {
    EXPECT_EQ(n, status[person] == "active" ? 1 : 0) << "person " << person;
  }
  // No post has more current holders than its headcount.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM posts p WHERE p.headcount < "
                   "(SELECT COUNT(*) FROM assignments a WHERE a.post_id = p.id AND a.end_date IS NULL)"),
            0);
  // Most posts are filled.
  EXPECT_GE(scalar("SELECT COUNT(DISTINCT post_id) FROM assignments WHERE end_date IS NULL"), count("posts") - 3);
}

TEST_P(DemoTest, EmployeeNumbersAreUniquePerUnit) {
  seed_ok();
  EXPECT_TRUE(must("SELECT unit_id, employee_no FROM people GROUP BY unit_id, employee_no HAVING COUNT(*) > 1").empty());
  Rows r = must("SELECT u.code, p.employee_no FROM people p JOIN units u ON u.id = p.unit_id");
  const std::map<std::string, std::string> prefix = {{"SJW", "SJ"}, {"ZYXY", "ZY"}, {"XZSPJ", "SP"}};
  for (size_t i = 0; i < r.size(); ++i) {
    const std::string no = r.text(i, 1);
    ASSERT_EQ(no.size(), 9u) << no;
    EXPECT_EQ(no.substr(0, 2), prefix.at(r.text(i, 0))) << no;
    EXPECT_TRUE(std::all_of(no.begin() + 2, no.end(), [](char c) { return c >= '0' && c <= '9'; })) << no;
  }
  // Names are unique in the setting (users are linked by name).
  EXPECT_TRUE(must("SELECT name FROM people GROUP BY name HAVING COUNT(*) > 1").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoTest, ::testing::Values(Dialect::sqlite, Dialect::postgres),
                         testutil::backend_name);

}  // namespace
}  // namespace lf::demo
