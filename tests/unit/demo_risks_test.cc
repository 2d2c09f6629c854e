// The demo risk register: seeded with the rest of the demo setting, every risk graded by the default model
// (or overridden with a reason), placed on a stage its history leads to, linked to real flow steps where it
// names a power, and the register checks find each of the defects the demo plants.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>

#include "base/clock.h"
#include "modules/auth/principal.h"
#include "modules/demo/demo.h"
#include "modules/risks/grading.h"
#include "modules/risks/model.h"
#include "modules/risks/service.h"
#include "test_store.h"

namespace lf {
namespace {

class DemoRisks : public ::testing::Test {
 protected:
  void SetUp() override {
    testutil::StoreOptions opts;
    opts.prefix = "lf_demo_risks_";
    opts.migrate = true;
    store_.open(db::Dialect::sqlite, opts);
    ASSERT_TRUE(store_.db);
    Status st = demo::seed(*store_.db);
    ASSERT_TRUE(st.ok()) << testutil::explain(st.error());
  }

  db::Rows must(const std::string& sql, const db::Params& params = {}) {
    db::Rows out;
    Status st = store_.db->with([&](db::Connection& c) -> Status {
      LF_TRY(out, c.query(sql, params));
      return ok();
    });
    EXPECT_TRUE(st.ok()) << sql << " -> " << testutil::explain(st.error());
    return out;
  }

  int64_t scalar(const std::string& sql, const db::Params& params = {}) {
    db::Rows r = must(sql, params);
    return r.empty() || r.is_null(0, 0) ? -1 : r.integer(0, 0);
  }

  testutil::TestStore store_;
};

TEST_F(DemoRisks, RegisterCoversEveryStageAndIsGradedConsistently) {
  const int64_t total = scalar("SELECT COUNT(*) FROM risks");
  EXPECT_GE(total, 130);
  EXPECT_LE(total, 180);

  // This year's cycle of each unit holds them all.
  const int64_t year = std::stoi(today_utc().substr(0, 4));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM risk_cycles"), 3);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM risk_cycles WHERE year = ? AND status = 'open'", {year}), 3);

  std::map<std::string, int64_t> by_stage, by_level, by_scope;
  using Tally = std::pair<std::map<std::string, int64_t>*, const char*>;
  for (const Tally& t : {Tally{&by_stage, "stage"}, Tally{&by_level, "level"}, Tally{&by_scope, "scope_level"}}) {
    auto& [map, column] = t;
    db::Rows r = must(std::string("SELECT ") + column + ", COUNT(*) FROM risks GROUP BY " + column);
    for (size_t i = 0; i < r.size(); ++i) (*map)[r.text(i, 0)] = r.integer(i, 1);
  }
  for (const auto& stage : risks::stages()) EXPECT_GT(by_stage[stage], 0) << stage;
  EXPECT_EQ(by_stage.size(), risks::stages().size());
  for (const auto& level : risks::levels()) EXPECT_GT(by_level[level], 0) << level;
  EXPECT_EQ(by_level.size(), 3u);
  EXPECT_GE(by_scope["department"], 12);
  EXPECT_GE(by_scope["unit"], 3);
  EXPECT_GT(by_scope["post"], by_scope["department"] + by_scope["unit"]) << "mostly post risks";

  // Every level is the default model's verdict on the inputs, unless the office overrode it with a reason.
  auto model = risks::preset("matrix3");
  ASSERT_TRUE(model.ok());
  const std::set<std::string> categories = {"思想道德", "岗位职责", "业务流程", "制度机制", "外部环境", "工作效率", "管理风险"};
  db::Rows r = must("SELECT id, grading_inputs, computed_level, grading_basis, level, override_reason, category, "
                    "risk_class, finding_method, causes, measures_text, duty, manifestation FROM risks ORDER BY id");
  int overrides = 0, management = 0;
  std::map<std::string, int> methods;
  for (size_t i = 0; i < r.size(); ++i) {
    SCOPED_TRACE("risk " + std::to_string(r.integer(i, 0)));
    auto inputs = boost::json::parse(r.text(i, 1)).as_object();
    auto g = risks::grade(*model, inputs);
    ASSERT_TRUE(g.ok()) << testutil::explain(g.error());
    EXPECT_EQ(r.text(i, 2), g->level);
    EXPECT_EQ(r.text(i, 3), g->basis);
    if (r.text(i, 5).empty()) {
      EXPECT_EQ(r.text(i, 4), g->level);
    } else {
      EXPECT_NE(r.text(i, 4), g->level);
      ++overrides;
    }
    EXPECT_TRUE(categories.count(r.text(i, 6))) << r.text(i, 6);
    EXPECT_EQ(r.text(i, 7), r.text(i, 6) == "管理风险" ? "management" : "integrity");
    management += r.text(i, 7) == "management";
    ++methods[r.text(i, 8)];
    for (size_t col : {9u, 10u, 11u, 12u}) EXPECT_FALSE(r.text(i, col).empty()) << col;
  }
  EXPECT_GE(overrides, 1);
  EXPECT_GE(management, 3);
  EXPECT_EQ(methods.size(), risks::finding_methods().size());
  EXPECT_GT(methods["自己找"], int(r.size()) / 3) << "自己找 mostly";

  // Dates follow the stage: due dates while in the workflow, validity once filed, publicity running ahead.
  const std::string today = today_utc();
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM risks WHERE stage <> 'filed' AND stage_due IS NULL"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM risks WHERE stage = 'filed' AND (stage_due IS NOT NULL OR valid_until IS NULL)"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM risks WHERE stage = 'publicity' AND (publicity_until IS NULL OR publicity_until <= ?)",
                   {today}),
            0);
  EXPECT_GT(scalar("SELECT COUNT(*) FROM risks WHERE stage = 'filed' AND valid_until >= ?", {today}),
            2 * scalar("SELECT COUNT(*) FROM risks WHERE stage = 'filed' AND valid_until < ?", {today}))
      << "most filed ratings still valid";
}

TEST_F(DemoRisks, HistoryLeadsFromCreateToTheStage) {
  std::map<int64_t, std::string> stage_of;
  db::Rows risks = must("SELECT id, stage FROM risks ORDER BY id");
  for (size_t i = 0; i < risks.size(); ++i) stage_of[risks.integer(i, 0)] = risks.text(i, 1);
  db::Rows h = must("SELECT risk_id, action, from_stage, to_stage, actor FROM risk_history ORDER BY risk_id, id");
  std::map<int64_t, std::vector<size_t>> rows;
  std::set<std::string> actors;
  for (size_t i = 0; i < h.size(); ++i) {
    rows[h.integer(i, 0)].push_back(i);
    actors.insert(h.text(i, 4));
  }
  ASSERT_EQ(rows.size(), stage_of.size()) << "every risk has a history";
  for (const auto& [id, list] : rows) {
    SCOPED_TRACE("risk " + std::to_string(id));
    ASSERT_FALSE(list.empty());
    EXPECT_EQ(h.text(list.front(), 1), "create");
    EXPECT_EQ(h.text(list.front(), 2), "");
    EXPECT_EQ(h.text(list.front(), 3), "draft");
    for (size_t k = 1; k < list.size(); ++k) EXPECT_EQ(h.text(list[k], 2), h.text(list[k - 1], 3)) << "chain breaks";
    EXPECT_EQ(h.text(list.back(), 3), stage_of[id]);
  }
  // The demo accounts act where their roles do.
  for (const char* who : {"zhiyuan", "lianluo", "caiwu", "jiwei", "lingdao"}) EXPECT_TRUE(actors.count(who)) << who;
  EXPECT_GT(scalar("SELECT COUNT(*) FROM risk_history WHERE action = 'return'"), 0);
  EXPECT_GT(scalar("SELECT COUNT(*) FROM risk_history WHERE action = 'object'"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM risk_objections"), scalar("SELECT COUNT(*) FROM risk_history WHERE action = 'object'"));
  // 纪委界定 and the appraisal are the office's (jiwei), the department review the department head's.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM risk_history WHERE to_stage IN ('appraisal', 'leadership_review') AND actor <> 'jiwei'"), 0);
  EXPECT_GT(scalar("SELECT COUNT(*) FROM risk_history WHERE from_stage = 'dept_review' AND to_stage = 'commission_review' "
                   "AND actor = 'caiwu'"),
            0);
}

TEST_F(DemoRisks, PostsCarryOneToFourRisksAndPowerLinksNameRealSteps) {
  db::Rows per_post = must("SELECT po.id, (SELECT COUNT(*) FROM risks r WHERE r.post_id = po.id) FROM posts po");
  int without = 0;
  for (size_t i = 0; i < per_post.size(); ++i) {
    EXPECT_LE(per_post.integer(i, 1), 4) << "post " << per_post.integer(i, 0);
    without += per_post.integer(i, 1) == 0;
  }
  EXPECT_GE(without, 1);
  EXPECT_LE(without, 6) << "a few posts without risk, not many";

  db::Rows linked = must("SELECT r.id, r.power_id, r.step_element, r.unit_id, pw.unit_id FROM risks r "
                         "JOIN powers pw ON pw.id = r.power_id");
  EXPECT_GE(linked.size(), 20u);
  for (size_t i = 0; i < linked.size(); ++i) {
    SCOPED_TRACE("risk " + std::to_string(linked.integer(i, 0)));
    EXPECT_EQ(linked.integer(i, 3), linked.integer(i, 4)) << "power of another unit";
    ASSERT_FALSE(linked.text(i, 2).empty());
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM flow_steps WHERE power_id = ? AND element_id = ?",
                     {linked.integer(i, 1), linked.text(i, 2)}),
              1);
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM risks WHERE power_id IS NULL AND step_element <> ''"), 0);
}

TEST_F(DemoRisks, RegisterChecksFindThePlantedDefects) {
  auth::Principal admin;
  admin.id = 1;
  admin.username = "admin";
  admin.roles = {"admin"};
  admin.scope = auth::Scope::everything();
  auto findings = risks::RiskService(*store_.db).quality(admin, std::nullopt);
  ASSERT_TRUE(findings.ok()) << testutil::explain(findings.error());
  std::map<std::string, int> by_code;
  std::set<int64_t> rank_only;
  for (const auto& f : *findings) {
    ++by_code[f.code];
    if (f.code == "rank_only_grading") rank_only.insert(f.entity_id);
  }
  for (const char* code : {"posts_without_risk", "key_post_without_high", "rank_only_grading", "measure_vague",
                           "rating_expired", "stage_overdue"})
    EXPECT_GE(by_code[code], 1) << code;
  EXPECT_EQ(by_code["risk_without_measure"], 0);
  EXPECT_LE(by_code["measure_vague"], 10) << "a handful of vague measures, the rest concrete";
  // Rank-only grading is planted in 后勤管理处 alone.
  const int64_t hqc = scalar("SELECT id FROM departments WHERE name = '后勤管理处'");
  EXPECT_EQ(rank_only, std::set<int64_t>{hqc});
  // A key post is among those without any risk.
  EXPECT_GT(scalar("SELECT COUNT(*) FROM posts po WHERE po.key_people + po.key_money + po.key_goods + po.key_approval "
                   "+ po.key_enforcement > 0 AND NOT EXISTS (SELECT 1 FROM risks r WHERE r.post_id = po.id)"),
            0);
}

}  // namespace
}  // namespace lf
