// Runs every case in tests/cases/bpmn (see the README there): read, check against the post directory,
// compile, compare with NAME.expected or NAME.issues, replay traces, and round-trip through write_bpmn.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/flow.h"
#include "engine_replay.h"
#include "formats/bpmn.h"

namespace lf {
namespace {

using formats::read_bpmn;
using formats::write_bpmn;

namespace fs = std::filesystem;
using engine::FlowModel;
using engine::NodeKind;

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

fs::path cases_dir() { return fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "bpmn"; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Lines of a case file without comments and blank lines.
std::vector<std::string> lines_of(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(slurp(p));
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

template <class Range>
std::string join(const Range& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + std::string(i);
  return out;
}

engine::PostDirectory directory() {
  engine::PostDirectory d;
  for (const auto& line : lines_of(cases_dir() / "posts.txt")) {
    size_t space = line.find(' ');
    d.posts.push_back({line.substr(0, space), line.substr(space + 1)});
  }
  return d;
}

// The model lines of NAME.expected, rendered from what was read, checked and compiled.
std::vector<std::string> describe(const FlowModel& flow, const engine::PetriNet& net) {
  std::vector<std::string> out;
  out.push_back("process " + flow.process_id + " \"" + flow.name + "\"");
  out.push_back("lanes " + (flow.lanes.empty() ? std::string("-") : join(flow.lanes, "|")));
  std::map<NodeKind, int> count;
  for (const auto& n : flow.nodes) ++count[n.kind];
  out.push_back("nodes start=" + std::to_string(count[NodeKind::start_event]) +
                " end=" + std::to_string(count[NodeKind::end_event]) + " task=" + std::to_string(count[NodeKind::task]) +
                " xor=" + std::to_string(count[NodeKind::exclusive_gateway]) +
                " and=" + std::to_string(count[NodeKind::parallel_gateway]) +
                " or=" + std::to_string(count[NodeKind::inclusive_gateway]) +
                " event=" + std::to_string(count[NodeKind::intermediate_event]) +
                " edges=" + std::to_string(flow.edges.size()));
  for (const auto* n : flow.tasks()) {
    std::string s = "step " + n->id + " \"" + n->name + "\"";
    if (!n->lane.empty()) s += " lane=\"" + n->lane + "\"";
    if (!n->post.empty()) s += " post=" + n->post;
    if (n->time_limit_days) s += " limit=" + std::to_string(*n->time_limit_days) + "d";
    if (!n->different_from.empty()) s += " sod=" + join(n->different_from, ",");
    if (!n->limits.empty()) {
      std::vector<std::string> limits;
      for (const auto& l : n->limits) limits.push_back(l.post + ":" + std::to_string(l.amount_fen));
      s += " limits=" + join(limits, ",");
    }
    if (n->collective_above_fen) s += " collective=" + std::to_string(*n->collective_above_fen);
    if (!n->materials.empty()) s += " materials=\"" + n->materials + "\"";
    if (n->supervision_point) s += " supervision";
    out.push_back(s);
  }
  for (const auto& e : flow.edges) {
    if (!e.condition.empty()) out.push_back("cond " + e.id + " \"" + e.condition + "\"");
  }
  out.push_back("net places=" + std::to_string(net.places.size()) +
                " transitions=" + std::to_string(net.transitions.size()) +
                " silent=" + std::to_string(net.silent_count()) + " labels=" + join(net.labels(), "|"));
  return out;
}

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

// write_bpmn then read_bpmn gives the same model, and the diagram draws every node and flow.
void expect_round_trip(const FlowModel& flow) {
  std::string xml = write_bpmn(flow);
  auto again = read_bpmn(xml);
  ASSERT_TRUE(again.ok()) << again.error().code << " " << again.error().detail << "\n" << xml;
  EXPECT_TRUE(*again == flow) << "round trip changed the model:\n" << xml;
  for (const auto& n : flow.nodes) {
    EXPECT_EQ(count_of(xml, "<bpmndi:BPMNShape id=\"" + n.id + "_di\" bpmnElement=\"" + n.id + "\""), 1u) << n.id;
  }
  for (const auto& e : flow.edges) {
    EXPECT_EQ(count_of(xml, "<bpmndi:BPMNEdge id=\"" + e.id + "_di\" bpmnElement=\"" + e.id + "\""), 1u) << e.id;
  }
}

class BpmnCase : public ::testing::TestWithParam<std::string> {};

TEST_P(BpmnCase, Matches) {
  const std::string name = GetParam();
  const fs::path base = cases_dir() / name;
  fs::path expected = base, issues_file = base;
  expected += ".expected";
  issues_file += ".issues";
  ASSERT_TRUE(fs::exists(expected) || fs::exists(issues_file)) << name << " has neither .expected nor .issues";

  auto read = read_bpmn(slurp(fs::path(base) += ".bpmn"));
  std::vector<std::string> issues;
  if (!read.ok()) {
    EXPECT_FALSE(read.error().message.empty());
    EXPECT_NE(read.error().message, read.error().code) << "no catalogue entry for " << read.error().code;
    issues.push_back(read.error().code);
    expect_lines(issues, lines_of(issues_file));
    return;
  }
  FlowModel flow = *read;
  expect_round_trip(flow);

  for (const auto& issue : engine::check_flow(flow, directory())) {
    issues.push_back(issue.element.empty() ? issue.code : issue.code + " " + issue.element);
    EXPECT_FALSE(issue.message.empty() || issue.message_en.empty()) << issue.code;
    EXPECT_EQ(issue.message.find('{'), std::string::npos) << "placeholder left in " << issue.message;
    if (const auto* n = flow.node(issue.element); n != nullptr && !n->name.empty()) {
      EXPECT_NE(issue.message.find("“" + n->name + "”"), std::string::npos) << issue.message;
      EXPECT_NE(issue.message_en.find("“" + n->name + "”"), std::string::npos) << issue.message_en;
    }
  }
  std::vector<std::string> want_issues = fs::exists(issues_file) ? lines_of(issues_file) : std::vector<std::string>{};
  expect_lines(issues, want_issues);
  if (!fs::exists(expected)) return;

  expect_round_trip(flow);  // with the posts resolved as well
  engine::PetriNet net = engine::compile_flow(flow);
  std::vector<std::string> want;
  for (const auto& line : lines_of(expected)) {
    if (line.rfind("accepts ", 0) == 0 || line.rfind("rejects ", 0) == 0) continue;
    want.push_back(line);
  }
  expect_lines(describe(flow, net), want);

  for (const auto& line : lines_of(expected)) {
    bool accept = line.rfind("accepts ", 0) == 0;
    if (!accept && line.rfind("rejects ", 0) != 0) continue;
    EXPECT_EQ(engine::testing::accepts(net, split(line.substr(8), '|')), accept) << line;
  }
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(cases_dir())) {
    if (entry.path().extension() == ".bpmn") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(BpmnCases, BpmnCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace lf
