// Maps (method, path pattern) to a handler. Patterns use {name} for one path segment: "/api/v1/posts/{id}".
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "http/message.h"

namespace lf::http {

using Handler = std::function<Result<Response>(Request&)>;

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  // Finds the handler for `req` and fills req.params. Returns nullptr and sets `path_known` when the path
  // exists with another method (for 405).
  const Handler* match(Request& req, bool& path_known) const;
  // "METHOD pattern" for every route, in registration order (for `lianfang routes` and the OpenAPI check).
  std::vector<std::string> describe() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace lf::http
