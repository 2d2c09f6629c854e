// PNML: the cases in tests/cases/pnml, PM4Py's own files from the oracle directory, and round trips.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "engine/flow.h"
#include "engine_replay.h"
#include "formats/pnml.h"

namespace lf {
namespace {

using formats::read_pnml;
using formats::write_pnml;

namespace fs = std::filesystem;
using engine::PetriNet;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(slurp(p));
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string summary(const PetriNet& net) {
  return "net places=" + std::to_string(net.places.size()) + " transitions=" + std::to_string(net.transitions.size()) +
         " silent=" + std::to_string(net.silent_count()) + " labels=" + join(net.labels(), "|");
}

std::string marking_line(const char* word, const PetriNet& net, const engine::Marking& m) {
  std::string s = word;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m[i] != 0) s += " " + net.places[i].id + "=" + std::to_string(m[i]);
  }
  return s;
}

// "arc a -> b [weight=N]" for the arc from a to b, or "no arc a -> b".
std::string arc_line(const PetriNet& net, const std::string& from, const std::string& to) {
  auto describe = [&](int32_t weight) {
    return "arc " + from + " -> " + to + (weight == 1 ? "" : " weight=" + std::to_string(weight));
  };
  int32_t p = net.place_index(from), t = net.transition_index(to);
  if (p >= 0 && t >= 0) {
    for (auto [q, w] : net.inputs[t]) {
      if (q == p) return describe(w);
    }
  }
  t = net.transition_index(from);
  p = net.place_index(to);
  if (p >= 0 && t >= 0) {
    for (auto [q, w] : net.outputs[t]) {
      if (q == p) return describe(w);
    }
  }
  return "no arc " + from + " -> " + to;
}

void expect_round_trip(const PetriNet& net) {
  std::string xml = write_pnml(net);
  auto again = read_pnml(xml);
  ASSERT_TRUE(again.ok()) << again.error().code << " " << again.error().detail;
  EXPECT_TRUE(*again == net) << "round trip changed the net:\n" << xml;
}

// Compares line lists and shows both as plain UTF-8 (gtest would escape the Chinese in a string diff).
void expect_lines(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  if (got == want) return;
  std::string diff;
  for (size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
    std::string g = i < got.size() ? got[i] : "(none)", w = i < want.size() ? want[i] : "(none)";
    if (g != w) diff += "  expected: " + w + "\n  actual:   " + g + "\n";
  }
  ADD_FAILURE() << "lines differ:\n" << diff;
}

fs::path cases_dir() { return fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "pnml"; }

class PnmlCase : public ::testing::TestWithParam<std::string> {};

TEST_P(PnmlCase, Matches) {
  fs::path base = cases_dir() / GetParam();
  auto net = read_pnml(slurp(fs::path(base) += ".pnml"));
  fs::path issues = fs::path(base) += ".issues";
  if (fs::exists(issues)) {
    ASSERT_FALSE(net.ok()) << "read a net that should be rejected";
    EXPECT_EQ(net.error().code, join(lines_of(issues), "\n"));
    EXPECT_NE(net.error().message, net.error().code) << "no catalogue entry";
    return;
  }
  ASSERT_TRUE(net.ok()) << net.error().code << " " << net.error().detail;
  std::vector<std::string> want = lines_of(fs::path(base) += ".expected"), got;
  for (const auto& line : want) {
    if (line.rfind("net ", 0) == 0) got.push_back(summary(*net));
    else if (line.rfind("initial", 0) == 0) got.push_back(marking_line("initial", *net, net->initial));
    else if (line.rfind("final", 0) == 0) got.push_back(marking_line("final", *net, net->final_marking));
    else if (line.rfind("arc ", 0) == 0) {
      std::istringstream words(line.substr(4));
      std::string from, arrow, to;
      words >> from >> arrow >> to;
      got.push_back(arc_line(*net, from, to));
    } else {
      ADD_FAILURE() << "unknown line: " << line;
    }
  }
  expect_lines(got, want);
  expect_round_trip(*net);
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(cases_dir())) {
    if (entry.path().extension() == ".pnml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(PnmlCases, PnmlCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// PM4Py's files, from the oracle directory (see ../shared/oracle/README.md); skipped where it is absent.
class PnmlOracle : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* env = std::getenv("LIANFANG_ORACLE_DIR");
    dir_ = env != nullptr && *env != '\0' ? fs::path(env) : fs::path(LF_SOURCE_DIR) / ".." / "shared" / "oracle";
    if (!fs::exists(dir_ / "pm4py")) GTEST_SKIP() << "oracle directory " << (dir_ / "pm4py") << " is absent";
  }
  PetriNet load(const std::string& file) {
    auto net = read_pnml(slurp(dir_ / "pm4py" / file));
    EXPECT_TRUE(net.ok()) << file << ": " << net.error().code << " " << net.error().detail;
    return net.ok() ? *net : PetriNet{};
  }
  // One token in one place, which no arc enters (source) or none leaves (sink).
  static void expect_single_token(const PetriNet& net, const engine::Marking& m, const std::string& id, bool source) {
    EXPECT_EQ(std::accumulate(m.begin(), m.end(), 0), 1);
    int32_t p = net.place_index(id);
    ASSERT_GE(p, 0) << id;
    EXPECT_EQ(m[p], 1) << id;
    for (size_t t = 0; t < net.transitions.size(); ++t) {
      for (auto [q, w] : source ? net.outputs[t] : net.inputs[t]) EXPECT_NE(q, p) << net.transitions[t].id;
    }
  }
  fs::path dir_;
};

TEST_F(PnmlOracle, RunningExampleAsPm4pyReadsIt) {
  PetriNet net = load("running-example.pnml");
  EXPECT_EQ(net.places.size(), 9u);
  EXPECT_EQ(net.transitions.size(), 10u);
  EXPECT_EQ(net.silent_count(), 2u);
  EXPECT_EQ(net.labels(), (std::vector<std::string>{"check ticket", "decide", "examine casually", "examine thoroughly",
                                                     "pay compensation", "register request", "reinitiate request",
                                                     "reject request"}));
  expect_single_token(net, net.initial, "n1", true);  // "source 45"
  expect_single_token(net, net.final_marking, "n2", false);  // "sink 46"
  EXPECT_EQ(net.places[net.place_index("n1")].name, "source 45");
  // Case 3 of running-example.xes fits; deciding before any examination does not.
  EXPECT_TRUE(engine::testing::accepts(
      net, {"register request", "examine casually", "check ticket", "decide", "reinitiate request",
            "examine thoroughly", "check ticket", "decide", "pay compensation"}));
  EXPECT_FALSE(engine::testing::accepts(net, {"register request", "check ticket", "decide", "reject request"}));
  expect_round_trip(net);
}

TEST_F(PnmlOracle, ReceiptAsPm4pyReadsIt) {
  PetriNet net = load("receipt.pnml");
  EXPECT_EQ(net.places.size(), 33u);
  EXPECT_EQ(net.transitions.size(), 42u);
  EXPECT_EQ(net.silent_count(), 17u);
  EXPECT_EQ(net.id, "imdf_net_1795292725.5122275");
  expect_single_token(net, net.initial, "source", true);
  expect_single_token(net, net.final_marking, "sink", false);
  expect_round_trip(net);
}

TEST(Pnml, CompiledFlowRoundTrips) {
  engine::FlowModel flow;
  flow.process_id = "Process_1";
  flow.name = "付款";
  auto node = [&](std::string id, engine::NodeKind kind, std::string name = {}) {
    engine::FlowNode n;
    n.id = std::move(id);
    n.kind = kind;
    n.name = std::move(name);
    flow.nodes.push_back(std::move(n));
  };
  node("s", engine::NodeKind::start_event);
  node("a", engine::NodeKind::task, "申请 & \"审批\" <初审>");
  node("x", engine::NodeKind::exclusive_gateway);
  node("e", engine::NodeKind::end_event);
  flow.edges = {{"f1", "s", "a", ""}, {"f2", "a", "x", ""}, {"f3", "x", "a", "退回"}, {"f4", "x", "e", "通过"}};
  PetriNet net = engine::compile_flow(flow);
  expect_round_trip(net);
  std::string xml = write_pnml(net);
  EXPECT_NE(xml.find("activity=\"$invisible$\""), std::string::npos);
  EXPECT_NE(xml.find("<finalmarkings>"), std::string::npos);
}

}  // namespace
}  // namespace lf
