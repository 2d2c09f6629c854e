// `lianfang ingest --db DB --unit CODE FILE`: stores a file of business events (NDJSON) for a unit, as POST
// /api/v1/events does over HTTP: every event or none, durable when it says "accepted". The server's monitor
// checks them on its next round (or at once with --process).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "base/clock.h"
#include "cli/commands.h"
#include "cli/describe.h"
#include "db/database.h"
#include "formats/event_ndjson.h"
#include "modules/monitoring/service.h"

namespace lf::cli {

int ingest(const IngestOptions& o) {
  auto db = db::Database::open(o.db, 2);
  if (!db.ok()) {
    std::cerr << "无法打开数据库 / cannot open the store: " << describe(db.error()) << "\n";
    return 2;
  }
  if (auto m = db::migrate(**db); !m.ok()) {
    std::cerr << describe(m.error()) << "\n";
    return 2;
  }
  auto unit = db::read<int64_t>(**db, [&](db::Connection& c) -> Result<int64_t> {
    LF_TRY(db::Rows r, c.query("SELECT id FROM units WHERE code = ?", {o.unit}));
    if (r.empty()) return make_error_arg("cli.unit_unknown", "unit", o.unit);
    return r.integer(0, 0);
  });
  if (!unit.ok()) {
    std::cerr << describe(unit.error()) << "\n";
    return 2;
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(o.file, ec);
  const bool tty = isatty(STDERR_FILENO) == 1;
  std::vector<engine::BusinessEvent> events;
  auto read = formats::read_event_ndjson_file(
      o.file, [&](const engine::EventView& e, uint64_t) { events.push_back(engine::BusinessEvent::from(e)); },
      [&](uint64_t bytes) {
        if (tty && size > 0)
          std::fprintf(stderr, "\r读取 / reading %5.1f%%  %zu events", 100.0 * double(bytes) / double(size), events.size());
      });
  if (tty) std::fprintf(stderr, "\n");
  if (!read.ok()) {
    std::cerr << "未导入任何事件 / nothing stored: " << describe(read.error()) << "\n";
    return 1;
  }
  monitoring::MonitoringService svc(**db);
  auto n = svc.ingest_for_unit(*unit, events);
  if (!n.ok()) {
    std::cerr << "未导入任何事件 / nothing stored: " << describe(n.error()) << "\n";
    return 1;
  }
  std::cout << "{\"accepted\": " << *n << "}\n";
  if (o.process) {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(clock_now().time_since_epoch()).count();
    auto found = svc.process(now);
    if (!found.ok()) {
      std::cerr << describe(found.error()) << "\n";
      return 2;
    }
    std::cerr << "监控发现 / findings: " << *found << "\n";
  }
  return 0;
}

}  // namespace lf::cli
