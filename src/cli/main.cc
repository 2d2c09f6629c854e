// lianfang: one binary, subcommands. `serve` runs the HTTP server with the web UI and the API.
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <thread>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/describe.h"
#include "db/database.h"
#include "http/server.h"
#include "modules/api.h"
#include "modules/audit/audit.h"
#include "modules/audit/version.h"
#include "modules/demo/demo.h"
#include "base/clock.h"


namespace {

using lf::cli::describe;

std::unique_ptr<lf::db::Database> open_store(const std::string& url, int pool) {
  auto db = lf::db::Database::open(url, pool);
  if (!db.ok()) {
    std::cerr << "无法打开数据库 / cannot open the store " << url << ": " << describe(db.error()) << "\n";
    return nullptr;
  }
  auto applied = lf::db::migrate(**db);
  if (!applied.ok()) {
    std::cerr << "数据库迁移失败 / migration failed: " << describe(applied.error()) << "\n";
    return nullptr;
  }
  return std::move(*db);
}

// Seeds the demo setting into an empty store; a store that already has data keeps it.
bool ensure_demo(lf::db::Database& db) {
  auto st = lf::demo::seed(db);
  if (st.ok()) {
    std::cout << "已载入演示数据 / demo data loaded\n";
    return true;
  }
  if (st.error().code == "demo.not_empty") return true;
  std::cerr << "演示数据载入失败 / demo seeding failed: " << describe(st.error()) << "\n";
  return false;
}

std::string default_web_root() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto beside = exe.parent_path().parent_path() / "web" / "dist";
    if (std::filesystem::exists(beside / "index.html")) return beside.string();
  }
  return "web/dist";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Lianfang 廉防 — integrity-risk prevention and control platform"};
  app.require_subcommand(1);
  std::string db_url = "var/lianfang.db";

  auto* serve = app.add_subcommand("serve", "Run the web server (UI + API)");
  std::string host = "127.0.0.1", web_root;
  int port = 8080, threads = 2;
  bool demo = false;
  serve->add_option("--db", db_url, "SQLite file or postgresql:// URL")->capture_default_str();
  serve->add_option("--host", host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", port, "Port (0 = any free port)")->capture_default_str();
  serve->add_option("--web", web_root, "Directory of the built web UI (web/dist)");
  serve->add_option("--threads", threads, "Worker threads")->capture_default_str();
  serve->add_flag("--demo", demo, "Load the demo data into an empty store");
  std::string clock_at;
  serve->add_option("--now", clock_at, "Run the clock from this time (RFC 3339 or YYYY-MM-DD; tests and demos)");
  bool no_read_cache = false;
  serve->add_flag("--no-read-cache", no_read_cache, "Answer every read from the tables (to measure that path)");

  auto* init = app.add_subcommand("init", "Create or upgrade the store");
  bool init_demo = false;
  init->add_option("--db", db_url, "SQLite file or postgresql:// URL")->capture_default_str();
  init->add_flag("--demo", init_demo, "Load the demo data");

  auto* audit = app.add_subcommand("audit", "The audit chain");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Check every row's hash and link; exit 1 at the first broken row");
  verify->add_option("--db", db_url, "SQLite file or postgresql:// URL")->capture_default_str();

  auto* routes = app.add_subcommand("routes", "Print the API's routes");

  auto* seed = app.add_subcommand("bench-seed", "Add many posts for benchmarks");
  int seed_posts = 100000;
  seed->add_option("--db", db_url)->capture_default_str();
  seed->add_option("--posts", seed_posts)->capture_default_str();

  auto* redflags = app.add_subcommand("redflags", "Procurement red flags (Cardinal's indicators) over OCDS releases");
  lf::cli::RedflagsOptions rf;
  redflags->add_option("input", rf.input, "OCDS compiled releases, one per line (- for standard input)");
  redflags->add_option("--csv", rf.csv, "Instead of OCDS: a folder with tenders.csv, bids.csv and awards.csv");
  redflags->add_flag("--parse-only", rf.parse_only, "Only parse the input with simdjson (benchmark baseline)");
  redflags->add_option("--settings", rf.settings, "INI file with Cardinal's settings");
  redflags->add_flag("--no-meta", rf.no_meta, "Leave out the Meta object (quartiles and fences)");
  redflags->add_option("--threads", rf.threads, "Worker threads")->capture_default_str();

  auto* gen_ocds = app.add_subcommand("bench-gen-ocds", "Synthetic OCDS releases for the red-flag benchmark");
  lf::cli::BenchOcdsOptions go;
  gen_ocds->add_option("--releases", go.releases)->capture_default_str();
  gen_ocds->add_option("--seed", go.seed)->capture_default_str();
  gen_ocds->add_option("--out", go.output, "JSON Lines file (default: standard output)");
  gen_ocds->add_option("--debarred", go.debarred, "Also write a debarment list (CSV) here");

  auto* conformance = app.add_subcommand("conformance", "Check an event log against a process model");
  lf::cli::ConformanceOptions cf;
  conformance->add_option("--model", cf.model, "PNML or BPMN model")->required();
  conformance->add_option("--log", cf.log, "XES, XES.gz or CSV event log")->required();
  conformance->add_option("--method", cf.method, "alignments | tokens (or token-replay)")->capture_default_str();
  conformance->add_option("--format", cf.format, "json (the only format)")->capture_default_str();
  conformance->add_option("--threads", cf.threads, "Worker threads")->capture_default_str();
  conformance->add_option("--case-column", cf.case_column)->capture_default_str();
  conformance->add_option("--activity-column", cf.activity_column)->capture_default_str();
  conformance->add_option("--time-column", cf.time_column)->capture_default_str();
  conformance->add_option("--resource-column", cf.resource_column)->capture_default_str();
  conformance->add_flag("!--no-cases", cf.per_case, "Only the log-level figures");

  auto* monitor = app.add_subcommand("monitor", "Run monitoring rules over an event log");
  lf::cli::MonitorOptions mo;
  monitor->add_option("--rules", mo.rules, "Rule file (JSON)")->required();
  monitor->add_option("--log", mo.log, "NDJSON, XES, XES.gz or CSV event log")->required();
  monitor->add_option("--model", mo.model, "BPMN or PNML model for flow rules that name none");
  monitor->add_option("--format", mo.format, "json (the only format)")->capture_default_str();
  monitor->add_option("--now", mo.now, "Clock at the end (RFC 3339); default: the latest event time");
  monitor->add_flag("--summary-only", mo.summary_only, "Counts per rule only");
  monitor->add_flag("--live-clock", mo.live_clock, "Advance the clock with the events' times (logs in time order)");
  monitor->add_flag("--in-memory", mo.in_memory, "Read the whole NDJSON log first (benchmarks)");
  monitor->add_flag("--parse-only", mo.parse_only, "Only parse the NDJSON log (benchmark baseline)");

  auto* gen_events = app.add_subcommand("bench-gen-events", "Write a synthetic 物资采购 event log (NDJSON)");
  lf::cli::BenchEventsOptions ge;
  gen_events->add_option("--cases", ge.cases)->capture_default_str();
  gen_events->add_option("--seed", ge.seed)->capture_default_str();
  gen_events->add_option("--deviations", ge.deviations, "Share of cases with a planted deviation")->capture_default_str();
  gen_events->add_option("--out", ge.output, "Output file (default: standard output)");

  auto* ingest = app.add_subcommand("ingest", "Store a file of business events (NDJSON) for a unit's monitoring");
  lf::cli::IngestOptions io;
  ingest->add_option("file", io.file, "NDJSON events, one per line")->required();
  ingest->add_option("--db", io.db, "SQLite file or postgresql:// URL")->capture_default_str();
  ingest->add_option("--unit", io.unit, "The unit's code (e.g. ZYXY)")->required();
  ingest->add_flag("--process", io.process, "Check them against the unit's rules at once");

  auto* version = app.add_subcommand("version", "Print the version");

  CLI11_PARSE(app, argc, argv);

  if (*version) {
    std::cout << "lianfang " << LF_VERSION << "\n";
    return 0;
  }
  if (*routes) {
    auto db = lf::db::Database::open(":memory:", 1);
    lf::http::Router r;
    lf::add_api_routes(r, **db);
    for (const auto& line : r.describe()) std::cout << line << "\n";
    return 0;
  }
  if (*seed) return lf::cli::bench_seed(db_url, seed_posts);
  if (*ingest) return lf::cli::ingest(io);
  if (*redflags) return lf::cli::redflags(rf);
  if (*gen_ocds) return lf::cli::bench_gen_ocds(go);
  if (*conformance) return lf::cli::conformance(cf);
  if (*monitor) return lf::cli::monitor(mo);
  if (*gen_events) return lf::cli::bench_gen_events(ge);

  if (*verify) {
    auto db = open_store(db_url, 1);
    if (!db) return 2;
    auto v = lf::audit::verify(*db);
    if (!v.ok()) {
      std::cerr << describe(v.error()) << "\n";
      return 2;
    }
    if (v->intact) {
      std::cout << "审计链完整 / audit chain intact: " << v->checked << " rows checked\n";
      return 0;
    }
    std::cout << "审计链在第 " << *v->first_broken_id << " 行断开 / audit chain broken at row " << *v->first_broken_id
              << ": " << v->reason << "\n";
    return 1;
  }

  if (*init) {
    auto db = open_store(db_url, 1);
    if (!db) return 2;
    if (init_demo && !ensure_demo(*db)) return 2;
    std::cout << "数据库已就绪 / store ready: " << db->describe() << "\n";
    return 0;
  }

  // serve
  if (!clock_at.empty() && !lf::set_clock(clock_at)) {
    std::cerr << "时间格式无效 / --now is not a date or RFC 3339 time: " << clock_at << "\n";
    return 2;
  }
  auto db = open_store(db_url, std::max(2, threads + 1));
  if (!db) return 2;
  if (demo && !ensure_demo(*db)) return 2;
  lf::audit::set_read_caches(!no_read_cache);
  if (auto st = lf::db::refresh_statistics(*db); !st.ok()) std::cerr << "warning: " << describe(st.error()) << "\n";
  // Before the first request, so that nobody reads a rating that has expired or misses a task now due.
  lf::cli::housekeeping_round(*db);
  lf::cli::monitoring_round(*db, true);
  lf::http::Router router;
  lf::add_api_routes(router, *db);
  lf::http::ServerOptions opt;
  opt.host = host;
  opt.port = static_cast<uint16_t>(port);
  opt.web_root = web_root.empty() ? default_web_root() : web_root;
  opt.threads = std::max(1, threads);
  lf::http::Server server(opt, router);
  auto bound = server.listen();
  if (!bound.ok()) {
    std::cerr << describe(bound.error()) << "\n";
    return 2;
  }
  const std::string url = "http://" + host + ":" + std::to_string(*bound);
  std::cout << "Lianfang " << LF_VERSION << " listening on " << url << "\n"
            << "  数据库 / store: " << db->describe() << "\n";
  if (demo) {
    std::cout << "  演示账号 / demo accounts (密码 / password " << lf::demo::kPassword << "):\n";
    for (const auto& a : lf::demo::accounts())
      std::cout << "    " << a.username << "  —  " << a.display_name << " (" << a.role << ", " << a.scope_label << ")\n";
  }
  std::cout << std::flush;
  // Housekeeping every few minutes (expired ratings, check tasks now due, warnings past their deadline).
  std::atomic<bool> stopping{false};
  // Monitoring checks new events every 2 seconds and the clock every minute.
  std::thread housekeeping([&] {
    for (int64_t second = 1; !stopping; ++second) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      if (second % lf::cli::kMonitoringSeconds == 0)
        lf::cli::monitoring_round(*db, second % lf::cli::kClockSeconds == 0);
      if (second % (60 * lf::cli::kHousekeepingMinutes) == 0) lf::cli::housekeeping_round(*db);
    }
  });
  server.run();
  stopping = true;
  housekeeping.join();
  std::cout << "stopped\n";
  return 0;
}
