#include "http/router.h"

namespace lf::http {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool is_param(const std::string& seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

}  // namespace

std::string Request::cookie(std::string_view name) const {
  auto it = headers.find("cookie");
  if (it == headers.end()) return {};
  std::string_view all = it->second;
  while (!all.empty()) {
    size_t semi = all.find(';');
    std::string_view pair = all.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    all.remove_prefix(semi + 1);
  }
  return {};
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  auto segs = split_path(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segs), std::move(handler)});
}

const Handler* Router::match(Request& req, bool& path_known) const {
  path_known = false;
  const auto segs = split_path(req.path);
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::vector<std::string> params;
    bool hit = true;
    for (size_t i = 0; i < segs.size() && hit; ++i) {
      if (is_param(r.segments[i])) params.push_back(segs[i]);
      else hit = r.segments[i] == segs[i];
    }
    if (!hit) continue;
    path_known = true;
    if (r.method != req.method) continue;
    req.params = std::move(params);
    return &r.handler;
  }
  return nullptr;
}

std::vector<std::string> Router::describe() const {
  std::vector<std::string> out;
  for (const auto& r : routes_) out.push_back(r.method + " " + r.pattern);
  return out;
}

}  // namespace lf::http
