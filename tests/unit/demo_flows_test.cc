// Every demo power's flow, as stored, reads back from BPMN, passes the checks against its unit's posts and
// compiles to a sound workflow net: the final marking is reachable and every step can happen.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/flow.h"
#include "formats/bpmn.h"
#include "modules/demo/demo.h"
#include "test_store.h"

namespace lf {
namespace {

// Explores the reachable markings (the demo nets are small and safe) and reports whether the final marking is
// among them and which transitions ever fire.
struct Exploration {
  bool final_reachable = false;
  std::set<int32_t> fired;
  size_t markings = 0;
};

Exploration explore(const engine::PetriNet& net) {
  Exploration out;
  std::set<engine::Marking> seen{net.initial};
  std::vector<engine::Marking> todo{net.initial};
  while (!todo.empty() && seen.size() < 100000) {
    engine::Marking m = todo.back();
    todo.pop_back();
    if (m == net.final_marking) out.final_reachable = true;
    for (int32_t t = 0; t < int32_t(net.transitions.size()); ++t) {
      if (!net.enabled(m, t)) continue;
      out.fired.insert(t);
      engine::Marking next = m;
      net.fire(next, t);
      if (seen.insert(next).second) todo.push_back(std::move(next));
    }
  }
  out.markings = seen.size();
  return out;
}

TEST(DemoFlows, EveryFlowIsSoundAndCarriesItsControls) {
  testutil::TestStore store;
  testutil::StoreOptions opts;
  opts.prefix = "lf_flows_";
  opts.migrate = true;
  store.open(db::Dialect::sqlite, opts);
  ASSERT_TRUE(demo::seed(*store.db).ok());

  db::Rows flows;
  ASSERT_TRUE(store.db->with([&](db::Connection& c) -> Status {
    LF_TRY(flows, c.query("SELECT pw.id, pw.name, pw.unit_id, f.bpmn FROM powers pw JOIN power_flows f ON "
                          "f.power_id = pw.id ORDER BY pw.id"));
    return ok();
  }).ok());
  ASSERT_GE(flows.size(), 20u) << "the issue asks for at least 20 demo powers with flows";

  std::map<std::string, engine::FlowModel> by_name;
  for (size_t i = 0; i < flows.size(); ++i) {
    const std::string name = flows.text(i, 1);
    SCOPED_TRACE(name);
    auto model = formats::read_bpmn(flows.text(i, 3));
    ASSERT_TRUE(model.ok()) << model.error().message_en;
    engine::PostDirectory dir;
    ASSERT_TRUE(store.db->with([&](db::Connection& c) -> Status {
      LF_TRY(db::Rows posts, c.query("SELECT id, name FROM posts WHERE unit_id = ?", {flows.integer(i, 2)}));
      for (size_t k = 0; k < posts.size(); ++k) dir.posts.push_back({posts.text(k, 0), posts.text(k, 1)});
      return ok();
    }).ok());
    const auto issues = engine::check_flow(*model, dir);
    EXPECT_TRUE(issues.empty()) << (issues.empty() ? "" : issues.front().code + " " + issues.front().message_en);

    const engine::PetriNet net = engine::compile_flow(*model);
    const Exploration e = explore(net);
    EXPECT_TRUE(e.final_reachable) << "no way to finish";
    for (int32_t t = 0; t < int32_t(net.transitions.size()); ++t)
      if (!net.transitions[size_t(t)].silent()) {
        EXPECT_TRUE(e.fired.count(t)) << "step never possible: " << net.transitions[size_t(t)].label;
      }
    EXPECT_EQ(net.labels().size(), model->tasks().size()) << "one visible transition per step";
    by_name[name] = std::move(*model);
  }

  // The purchasing flow of the issue, with its controls.
  ASSERT_TRUE(by_name.count("物资采购"));
  const auto& buy = by_name["物资采购"];
  std::map<std::string, const engine::FlowNode*> step;
  for (const auto* t : buy.tasks()) step[t->name] = t;
  for (const char* s : {"申请", "部门审核", "采购方式确定", "询价", "招标", "评审", "合同签订", "验收", "付款"})
    EXPECT_TRUE(step.count(s)) << s;
  ASSERT_TRUE(step.count("验收") && step.count("付款"));
  EXPECT_EQ(step["验收"]->different_from, std::vector<std::string>{step["申请"]->id});
  EXPECT_EQ(step["付款"]->different_from, std::vector<std::string>{step["部门审核"]->id});
  EXPECT_EQ(step["合同签订"]->collective_above_fen.value_or(0), 50000000);  // 500,000 yuan
  EXPECT_FALSE(step["合同签订"]->limits.empty());

  // The bureau's licence: 20 working days promised, steps within it.
  ASSERT_TRUE(by_name.count("建设工程施工许可"));
  int days = 0;
  for (const auto* t : by_name["建设工程施工许可"].tasks()) days += t->time_limit_days.value_or(0);
  EXPECT_GT(days, 0);
}

}  // namespace
}  // namespace lf
