// FlowModel helpers and check_flow. The compiler to Petri nets is in flow_compile.cc.
#include "engine/flow.h"

#include <deque>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "base/result.h"
#include "base/text.h"

namespace lf::engine {

const FlowNode* FlowModel::node(const std::string& node_id) const {
  for (const auto& n : nodes) {
    if (n.id == node_id) return &n;
  }
  return nullptr;
}

std::vector<const FlowNode*> FlowModel::tasks() const {
  std::vector<const FlowNode*> out;
  for (const auto& n : nodes) {
    if (n.kind == NodeKind::task) out.push_back(&n);
  }
  return out;
}

namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

const char* kind_code(NodeKind k) {
  switch (k) {
    case NodeKind::task: return "flow.kind.task";
    case NodeKind::start_event: return "flow.kind.start_event";
    case NodeKind::end_event: return "flow.kind.end_event";
    case NodeKind::intermediate_event: return "flow.kind.intermediate_event";
    default: return "flow.kind.gateway";
  }
}

// Builds issues from the message catalogue, whose texts carry {placeholders}: {node} becomes the node's kind
// and name (步骤“付款” / step “付款”), the others are given by the caller.
class Issues {
 public:
  void add(std::string_view code, const FlowNode* node, std::string element,
           std::vector<std::pair<std::string_view, std::string>> args = {}) {
    Error e = make_error(code);
    FlowIssue issue{std::string(code), std::move(element), std::move(e.message), std::move(e.message_en)};
    if (node != nullptr) {
      Error kind = make_error(kind_code(node->kind));
      const std::string& shown = node->name.empty() ? node->id : node->name;
      replace_all(issue.message, "{node}", kind.message + "“" + shown + "”");
      replace_all(issue.message_en, "{node}", kind.message_en + " “" + shown + "”");
    }
    for (const auto& [key, value] : args) {
      std::string placeholder = "{" + std::string(key) + "}";
      replace_all(issue.message, placeholder, value);
      replace_all(issue.message_en, placeholder, value);
    }
    // English sentences may start with {node} ("step “付款” ..."): capitalise.
    if (!issue.message_en.empty() && issue.message_en[0] >= 'a' && issue.message_en[0] <= 'z') {
      issue.message_en[0] = static_cast<char>(issue.message_en[0] - 'a' + 'A');
    }
    list.push_back(std::move(issue));
  }
  std::vector<FlowIssue> list;
};

// Resolves a post reference against the unit's posts: an id stays, a name unique among the posts becomes its
// id. Returns the code of the problem, or empty when `ref` was resolved (in place).
std::string_view resolve_post(std::string& ref, const PostDirectory& posts) {
  std::string key = trim(ref);
  for (const auto& p : posts.posts) {
    if (p.id == key) {
      ref = key;
      return {};
    }
  }
  const PostDirectory::Entry* found = nullptr;
  int count = 0;
  for (const auto& p : posts.posts) {
    if (p.name == key) {
      found = &p;
      ++count;
    }
  }
  if (count > 1) return "flow.ambiguous_post";
  if (count == 0) return "flow.unknown_post";
  ref = found->id;
  return {};
}

// Marks every node reachable from `from` along `adjacency`.
std::vector<bool> reach(const std::vector<std::vector<size_t>>& adjacency, const std::vector<size_t>& from) {
  std::vector<bool> seen(adjacency.size(), false);
  std::deque<size_t> queue(from.begin(), from.end());
  for (size_t i : from) seen[i] = true;
  while (!queue.empty()) {
    size_t i = queue.front();
    queue.pop_front();
    for (size_t j : adjacency[i]) {
      if (!seen[j]) {
        seen[j] = true;
        queue.push_back(j);
      }
    }
  }
  return seen;
}

void check_step(FlowNode& n, const FlowModel& flow, const PostDirectory& posts, Issues& issues) {
  if (trim(n.name).empty()) issues.add("flow.unnamed_task", &n, n.id);

  if (!trim(n.post).empty()) {
    std::string given = n.post;
    std::string_view problem = resolve_post(n.post, posts);
    if (!problem.empty()) issues.add(problem, &n, n.id, {{"post", given}});
  } else if (!trim(n.lane).empty()) {
    // A step without a post is performed by the post its lane is named after.
    std::string post = n.lane;
    std::string_view problem = resolve_post(post, posts);
    if (problem.empty()) {
      n.post = post;
    } else if (problem == "flow.ambiguous_post") {
      issues.add(problem, &n, n.id, {{"post", n.lane}});
    } else {
      issues.add("flow.no_post", &n, n.id);
    }
  } else {
    issues.add("flow.no_post", &n, n.id);
  }

  if (n.time_limit_days && *n.time_limit_days <= 0) {
    issues.add("flow.time_limit_not_positive", &n, n.id, {{"days", std::to_string(*n.time_limit_days)}});
  }
  for (auto& limit : n.limits) {
    if (limit.amount_fen <= 0) {
      issues.add("flow.limit_not_positive", &n, n.id, {{"amount", std::to_string(limit.amount_fen)}});
    }
    std::string given = limit.post;
    std::string_view problem = resolve_post(limit.post, posts);
    if (!problem.empty()) issues.add(problem, &n, n.id, {{"post", given}});
  }
  if (n.collective_above_fen && *n.collective_above_fen <= 0) {
    issues.add("flow.limit_not_positive", &n, n.id, {{"amount", std::to_string(*n.collective_above_fen)}});
  }
  for (const auto& other : n.different_from) {
    if (other == n.id) {
      issues.add("flow.sod_self", &n, n.id);
      continue;
    }
    const FlowNode* o = flow.node(other);
    if (o == nullptr || o->kind != NodeKind::task) issues.add("flow.sod_unknown_step", &n, n.id, {{"other", other}});
  }
}

}  // namespace

std::vector<FlowIssue> check_flow(FlowModel& flow, const PostDirectory& posts) {
  Issues issues;
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < flow.nodes.size(); ++i) index.emplace(flow.nodes[i].id, i);

  std::vector<size_t> starts, ends;
  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    if (flow.nodes[i].kind == NodeKind::start_event) starts.push_back(i);
    if (flow.nodes[i].kind == NodeKind::end_event) ends.push_back(i);
  }
  if (starts.empty()) issues.add("flow.no_start", nullptr, "");
  if (ends.empty()) issues.add("flow.no_end", nullptr, "");

  std::vector<std::vector<size_t>> forward(flow.nodes.size()), backward(flow.nodes.size());
  for (const auto& e : flow.edges) {
    auto from = index.find(e.from), to = index.find(e.to);
    if (from == index.end() || to == index.end()) {
      const std::string& missing = from == index.end() ? e.from : e.to;
      issues.add("flow.edge_dangling", nullptr, e.id, {{"edge", e.id}, {"other", missing}});
      continue;
    }
    forward[from->second].push_back(to->second);
    backward[to->second].push_back(from->second);
  }
  std::vector<bool> reachable = reach(forward, starts);
  std::vector<bool> finishes = reach(backward, ends);

  for (size_t i = 0; i < flow.nodes.size(); ++i) {
    FlowNode& n = flow.nodes[i];
    if (n.kind == NodeKind::start_event && !starts.empty() && starts[0] != i) {
      issues.add("flow.many_starts", &n, n.id);
    }
    // Without a start (or an end) every node would be reported; the flow-level issue says it all.
    if (!starts.empty() && !reachable[i]) issues.add("flow.unreachable", &n, n.id);
    if (!ends.empty() && !finishes[i]) issues.add("flow.dead_end", &n, n.id);
    if (n.kind == NodeKind::task) check_step(n, flow, posts, issues);
  }
  return std::move(issues.list);
}

}  // namespace lf::engine
