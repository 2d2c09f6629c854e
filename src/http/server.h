// The HTTP server: JSON API through the Router, the built web UI from a directory with SPA fallback.
// The only place that includes Boost.Beast (it is heavy to compile).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "http/router.h"

namespace lf::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;       // 0 picks a free port
  std::string web_root;       // web/dist; empty serves no UI
  int threads = 2;
  size_t body_limit = 8u << 20;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  // Binds and listens; returns the port actually bound.
  Result<uint16_t> listen();
  // Serves until SIGINT/SIGTERM or stop().
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lf::http
