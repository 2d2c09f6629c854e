// `lianfang monitor --rules R.json --log L`: runs the monitoring rules over an event log, as the server would
// over the events business systems push, and prints every finding and a summary per rule as one JSON object.
// NDJSON logs are read block by block (memory follows the open cases, not the file); XES and CSV logs are
// read whole by their readers. At the end the clock is moved to --now (default: the latest event time), so that
// open cases past their time limits are reported too. With --live-clock the clock also follows the events'
// times as they come, ticking once a minute of event time (for logs in time order, as a live feed is); progress
// goes to standard error when it is a terminal. With LIANFANG_TIMING=1 the time spent goes to standard error as one JSON line (bench/monitor.sh);
// --in-memory reads the whole file before the clock starts and --parse-only only parses it (the baseline).
#include <simdjson.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/describe.h"
#include "engine/monitor.h"
#include "formats/event_csv.h"
#include "formats/event_logs.h"
#include "formats/event_ndjson.h"
#include "formats/monitor_files.h"
#include "formats/xes.h"
#include "formats/xes_date.h"

namespace lf::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

// The baseline of bench/monitor.sh: every line parsed by the same simdjson parser the reader uses, every field
// visited, nothing checked.
Result<uint64_t> parse_only(std::string_view text) {
  simdjson::dom::parser parser;
  uint64_t lines = 0, bytes = 0;
  for (const char* p = text.data(); p < text.data() + text.size();) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(text.data() + text.size() - p)));
    const size_t len = static_cast<size_t>((nl ? nl : text.data() + text.size()) - p);
    simdjson::dom::object obj;
    if (len > 0) {
      if (parser.parse(p, len, false).get_object().get(obj)) return make_error("event.not_json");
      for (auto [key, value] : obj) bytes += key.size() + (value.is_string() ? value.get_string().value_unsafe().size() : 1);
      ++lines;
    }
    p = nl ? nl + 1 : text.data() + text.size();
  }
  static volatile uint64_t visited = 0;
  visited = visited + bytes;  // keeps the visits from being optimised away
  return lines;
}

class Run {
 public:
  Run(const MonitorOptions& o, std::shared_ptr<const engine::RuleSet> rules)
      : o_(o), monitor_(rules), report_(*rules, !o.summary_only), tty_(isatty(STDERR_FILENO) == 1) {}

  void event(const engine::EventView& e) {
    // The clock ticks once a minute of event time, as the server's timer does in real time.
    if (o_.live_clock && e.time_ms >= next_tick_) {
      monitor_.advance_clock(e.time_ms, found_);
      next_tick_ = e.time_ms + 60000;
    }
    latest_ = std::max(latest_, e.time_ms);
    monitor_.process(e, found_);
    if (!found_.empty()) take();
    if (tty_ && (monitor_.events() & 0xFFFFF) == 0) progress();
  }

  void finish(int64_t now) {
    monitor_.advance_clock(now, found_);
    take();
    if (tty_) std::cerr << "\r" << std::string(60, ' ') << "\r";
  }

  int64_t latest() const { return latest_; }
  void set_size(uint64_t total) { total_bytes_ = total; }
  void read_bytes(uint64_t n) { bytes_ = n; }
  const engine::Monitor& monitor() const { return monitor_; }

  std::string output() const { return json::serialize(report_.to_json(monitor_)); }

 private:
  void take() {
    for (const auto& f : found_) report_.add(f);
    found_.clear();
  }

  void progress() {
    std::cerr << "\r已处理 " << monitor_.events() << " 个事件 / events processed";
    if (total_bytes_ > 0) std::cerr << " (" << bytes_ * 100 / total_bytes_ << "%)";
    std::cerr << std::flush;
  }

  const MonitorOptions& o_;
  engine::Monitor monitor_;
  formats::MonitorReport report_;
  bool tty_;
  std::vector<engine::Finding> found_;
  int64_t latest_ = std::numeric_limits<int64_t>::min();
  int64_t next_tick_ = std::numeric_limits<int64_t>::min();
  uint64_t total_bytes_ = 0, bytes_ = 0;
};

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

}  // namespace

int monitor(const MonitorOptions& o) {
  if (o.format != "json") {
    std::cerr << "--format: json is the only format\n";
    return 2;
  }
  const char* timing_env = std::getenv("LIANFANG_TIMING");
  const bool timing = timing_env != nullptr && std::string_view(timing_env) == "1";
  const bool ndjson = ends_with(o.log, ".ndjson") || ends_with(o.log, ".jsonl") || ends_with(o.log, ".json");

  auto rules = formats::read_rule_file(o.rules, o.model);
  if (!rules.ok()) {
    std::cerr << o.rules << ": " << describe(rules.error()) << "\n";
    return 2;
  }
  auto set = std::make_shared<const engine::RuleSet>(std::move(rules).value());
  Run run(o, set);
  auto sink = [&](const engine::EventView& e, uint64_t) { run.event(e); };
  Status read = ok();
  double read_ms = 0, check_ms = 0;
  uint64_t bytes = 0;
  if (ndjson && (o.in_memory || o.parse_only)) {
    const auto t0 = Clock::now();
    auto buffer = formats::read_padded_file(o.log);
    if (!buffer.ok()) {
      std::cerr << describe(buffer.error()) << "\n";
      return 2;
    }
    read_ms = ms_since(t0);
    bytes = buffer->text().size();
    const auto t1 = Clock::now();
    if (o.parse_only) {
      auto lines = parse_only(buffer->text());
      check_ms = ms_since(t1);
      if (!lines.ok()) {
        std::cerr << describe(lines.error()) << "\n";
        return 2;
      }
      std::cout << "{\"events\":" << *lines << ",\"bytes\":" << bytes << "}\n";
      if (timing)
        std::cerr << "{\"mode\":\"parse-only\",\"read_ms\":" << read_ms << ",\"check_ms\":" << check_ms
                  << ",\"events\":" << *lines << ",\"events_per_s\":" << *lines / (check_ms / 1000) << "}\n";
      return 0;
    }
    formats::EventNdjsonReader reader;
    read = reader.read(buffer->text(), sink);
    check_ms = ms_since(t1);
  } else if (ndjson) {
    std::error_code ec;
    run.set_size(fs::file_size(o.log, ec));
    const auto t1 = Clock::now();
    read = formats::read_event_ndjson_file(o.log, sink, [&](uint64_t n) { run.read_bytes(bytes = n); });
    check_ms = ms_since(t1);
  } else {
    const auto t0 = Clock::now();
    auto log = ends_with(o.log, ".csv") ? formats::read_event_csv_file(o.log) : formats::read_xes_file(o.log);
    if (!log.ok()) {
      std::cerr << o.log << ": " << describe(log.error()) << "\n";
      return 2;
    }
    read_ms = ms_since(t0);
    const auto t1 = Clock::now();
    formats::for_each_business_event(*log, sink);
    check_ms = ms_since(t1);
  }
  if (!read.ok()) {
    std::cerr << o.log << ": " << describe(read.error()) << "\n";
    return 2;
  }
  int64_t now = run.latest();
  if (!o.now.empty()) {
    auto t = formats::parse_timestamp(o.now);
    if (!t) {
      std::cerr << "--now: RFC 3339 time expected (2025-03-01T00:00:00+08:00)\n";
      return 2;
    }
    now = t->utc_us / 1000;
  }
  if (run.monitor().events() > 0 || !o.now.empty()) run.finish(now);
  std::cout << run.output() << "\n";
  if (timing) {
    const auto events = run.monitor().events();
    std::cerr << "{\"mode\":\"" << (o.in_memory ? "in-memory" : "stream") << "\",\"read_ms\":" << read_ms
              << ",\"check_ms\":" << check_ms << ",\"events\":" << events << ",\"bytes\":" << bytes
              << ",\"events_per_s\":" << events / (check_ms / 1000) << ",\"open_cases\":" << run.monitor().open_cases()
              << "}\n";
  }
  return 0;
}

}  // namespace lf::cli
