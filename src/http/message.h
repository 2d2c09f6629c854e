// The request and response seen by routes. Beast stays inside server.cc; routes see only these.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lf::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query
  std::unordered_map<std::string, std::string> query;    // decoded query parameters (last one wins)
  std::unordered_map<std::string, std::string> headers;  // keys in lower case
  std::string body;
  std::string remote;                  // peer address
  std::vector<std::string> params;     // values of {placeholders} in the matched route, in order

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::optional<std::string> q(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
  // The value of cookie `name`, or empty.
  std::string cookie(std::string_view name) const;
  bool is_mutating() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, Cache-Control)
};

}  // namespace lf::http
