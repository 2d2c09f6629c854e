#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "http/json.h"

namespace lf::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// Static files of the web UI, read once and kept in memory: web/dist is a few megabytes at most.
class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}

  // Fills `res` for a GET of `path`; unknown paths fall back to index.html (the SPA router handles them).
  bool serve(const std::string& path, Response& res) {
    if (root_.empty()) return false;
    std::string rel = path == "/" ? "/index.html" : path;
    if (rel.find("..") != std::string::npos) return false;
    const File* f = load(rel);
    bool fallback = false;
    if (!f) {
      f = load("/index.html");
      fallback = true;
    }
    if (!f) return false;
    res.status = 200;
    res.content_type = f->type;
    res.body = f->body;
    // Vite puts content hashes in asset names: those may be cached for good; index.html never.
    const bool immutable = !fallback && rel.rfind("/assets/", 0) == 0;
    res.headers.emplace_back("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return true;
  }

 private:
  struct File {
    std::string body;
    std::string type;
  };

  const File* load(const std::string& rel) {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(rel); it != cache_.end()) return it->second ? &*it->second : nullptr;
    std::filesystem::path p = std::filesystem::path(root_) / rel.substr(1);
    std::optional<File> f;
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      f = File{ss.str(), mime(p.extension().string())};
    }
    auto [it, _] = cache_.emplace(rel, std::move(f));
    return it->second ? &*it->second : nullptr;
  }

  static std::string mime(const std::string& ext) {
    static const std::unordered_map<std::string, std::string> m = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
        {".svg", "image/svg+xml"},             {".png", "image/png"},
        {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
        {".woff", "font/woff"},                {".ttf", "font/ttf"},
        {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"}};
    auto it = m.find(ext);
    return it == m.end() ? "application/octet-stream" : it->second;
  }

  std::string root_;
  std::mutex mu_;
  std::unordered_map<std::string, std::optional<File>> cache_;
};

Request to_request(const bhttp::request<bhttp::string_body>& in, const std::string& remote) {
  Request r;
  r.method = std::string(in.method_string());
  r.remote = remote;
  // Clients should percent-encode, but some send raw UTF-8 (curl, scripts): encode those bytes and parse.
  std::string raw(in.target());
  std::string encoded;
  for (unsigned char ch : raw) {
    if (ch >= 0x80 || ch == ' ') {
      static const char* hex = "0123456789ABCDEF";
      encoded += '%';
      encoded += hex[ch >> 4];
      encoded += hex[ch & 15];
    } else {
      encoded += char(ch);
    }
  }
  auto target = boost::urls::parse_origin_form(encoded);
  if (target) {
    r.path = std::string(target->encoded_path().decode());
    for (auto p : target->params()) r.query[std::string(p.key)] = std::string(p.value);
  } else {
    r.path = std::string(in.target());
  }
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    r.headers[name] = std::string(f.value());
  }
  r.body = in.body();
  return r;
}

}  // namespace

struct Server::Impl {
  ServerOptions opt;
  const Router& router;
  StaticFiles files;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};

  Impl(ServerOptions o, const Router& r) : opt(std::move(o)), router(r), files(opt.web_root) {}

  Response dispatch(Request& req) {
    if (req.path.rfind("/api/", 0) == 0) {
      bool known = false;
      const Handler* h = router.match(req, known);
      if (!h) return error_response(make_error(known ? "request.method" : "request.not_found", "", known ? 405 : 404));
      try {
        auto out = (*h)(req);
        return out.ok() ? std::move(out).value() : error_response(out.error());
      } catch (const std::exception& e) {
        std::cerr << "error: " << req.method << " " << req.path << ": " << e.what() << "\n";
        return error_response(internal_error("unexpected exception"));
      }
    }
    Response res;
    if ((req.method == "GET" || req.method == "HEAD") && files.serve(req.path, res)) return res;
    return error_response(make_error("request.not_found", "", 404));
  }

  bhttp::response<bhttp::string_body> render(Response&& r, unsigned version, bool keep_alive, bool head) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::server, "lianfang");
    res.set(bhttp::field::content_type, r.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "same-origin");
    res.set("Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:");
    if (r.content_type.rfind("application/json", 0) == 0) res.set(bhttp::field::cache_control, "no-store");
    for (auto& [k, v] : r.headers) res.insert(k, v);
    res.keep_alive(keep_alive);
    res.body() = head ? std::string() : std::move(r.body);
    res.prepare_payload();
    if (head) res.content_length(r.body.size());
    return res;
  }

  // One connection: read a request, answer it, repeat while keep-alive holds.
  struct Session : std::enable_shared_from_this<Session> {
    Impl& srv;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser;
    std::string remote;

    Session(Impl& s, tcp::socket sock) : srv(s), stream(std::move(sock)) {
      boost::system::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }

    void read() {
      parser.emplace();
      parser->body_limit(srv.opt.body_limit);
      parser->header_limit(64 * 1024);
      stream.expires_after(std::chrono::seconds(60));
      bhttp::async_read(stream, buffer, *parser,
                        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset) {
        return close();
      }
      if (ec) {
        // Malformed or oversized request: answer once, then close.
        Response bad = error_response(make_error(ec == bhttp::error::body_limit ? "request.too_large" : "request.bad_json",
                                                 "", ec == bhttp::error::body_limit ? 413 : 400));
        return write(srv.render(std::move(bad), 11, false, false));
      }
      auto msg = parser->release();
      Request req = to_request(msg, remote);
      Response out = srv.dispatch(req);
      write(srv.render(std::move(out), msg.version(), msg.keep_alive(), msg.method() == bhttp::verb::head));
    }

    void write(bhttp::response<bhttp::string_body>&& res) {
      auto sp = std::make_shared<bhttp::response<bhttp::string_body>>(std::move(res));
      bhttp::async_write(stream, *sp, [self = shared_from_this(), sp](beast::error_code ec, size_t) {
        if (ec || !sp->keep_alive()) return self->close();
        self->read();
      });
    }

    void close() {
      beast::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  };

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket sock) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(*this, std::move(sock))->read();
      accept();
    });
  }
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}
Server::~Server() = default;

Result<uint16_t> Server::listen() {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(impl_->opt.host, ec);
  if (ec) return internal_error("bad listen address " + impl_->opt.host);
  tcp::endpoint ep{addr, impl_->opt.port};
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return internal_error("cannot listen on " + impl_->opt.host + ":" + std::to_string(impl_->opt.port) + ": " + ec.message());
  return a.local_endpoint().port();
}

void Server::run() {
  impl_->signals.async_wait([this](beast::error_code, int) { stop(); });
  impl_->accept();
  std::vector<std::thread> extra;
  for (int i = 1; i < impl_->opt.threads; ++i) extra.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : extra) t.join();
}

void Server::stop() {
  asio::post(impl_->ioc, [this] {
    boost::system::error_code ec;
    impl_->acceptor.close(ec);
    impl_->signals.cancel(ec);
    impl_->ioc.stop();
  });
}

}  // namespace lf::http
