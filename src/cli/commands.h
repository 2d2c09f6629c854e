// Subcommands implemented outside main.cc, one file each.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace lf::db {
class Database;
}

namespace lf::cli {

// One round of the server's housekeeping: expired ratings back to re-rating, check tasks now due, warnings past
// their deadline escalated. Errors are logged, never fatal.
void housekeeping_round(db::Database& db);
inline constexpr int kHousekeepingMinutes = 10;
// `lianfang ingest --db DB --unit CODE [--process] FILE.ndjson`: stores a file of events for a unit, all or none.
struct IngestOptions {
  std::string db = "var/lianfang.db";
  std::string unit;  // the unit's code
  std::string file;
  bool process = false;  // check them against the unit's rules now, rather than on the server's next round
};
int ingest(const IngestOptions& o);

// One round of electronic monitoring: every unit's new events, and with `check_clock` the time limits on the clock
// (the cards are days apart: once a minute is on time).
void monitoring_round(db::Database& db, bool check_clock);
inline constexpr int kMonitoringSeconds = 2;
inline constexpr int kClockSeconds = 60;

// `lianfang bench-seed`: bulk posts for the API benchmark.
int bench_seed(const std::string& db_url, int posts);

// `lianfang redflags [--settings S.ini] [--no-meta] [--threads N] FILE.jsonl|-`: Cardinal's procurement indicators
// over OCDS compiled releases; prints one JSON line of results (shape of shared/oracle/cardinal/*.expected).
struct RedflagsOptions {
  std::string settings;  // INI file with Cardinal's keys; empty = every indicator with its defaults
  std::string input;     // a JSON Lines file, or "-" for standard input
  std::string csv;       // instead of input: a folder with tenders.csv, bids.csv, awards.csv (formats/procurement_csv.h)
  bool no_meta = false;
  int threads = 1;
  bool parse_only = false;  // only parse every line with simdjson (bench/redflags.sh's baseline); prints counts
};
int redflags(const RedflagsOptions& o);

// `lianfang bench-gen-ocds [--releases N] [--seed S] [--out FILE] [--debarred FILE.csv]`: synthetic OCDS
// compiled releases (JSON Lines) with planted red-flag patterns, for bench/redflags.sh.
struct BenchOcdsOptions {
  size_t releases = 100000;
  uint64_t seed = 8;
  std::string output;    // "" or "-" = standard output
  std::string debarred;  // also write a debarment list of some of the firms here
};
int bench_gen_ocds(const BenchOcdsOptions& o);

// `lianfang monitor --rules R.json --log L.ndjson|.jsonl|.xes|.xes.gz|.csv [--model M] [--summary-only]`: the
// monitoring rules over an event log; prints {"events", "cases", "findings": [...], "summary": {...}} (cli/monitor.cc).
struct MonitorOptions {
  std::string rules;
  std::string log;
  std::string model;    // for flow rules that name no model
  std::string format = "json";
  std::string now;      // the clock at the end (RFC 3339); default: the latest event time
  bool summary_only = false;
  bool live_clock = false;  // the clock follows the events' times (logs in time order)
  bool in_memory = false;   // benchmarks: read the whole NDJSON file before timing
  bool parse_only = false;  // benchmarks: only parse it (the baseline)
};
int monitor(const MonitorOptions& o);

// `lianfang bench-gen-events [--cases N] [--seed S] [--deviations R] [--out FILE]`: a synthetic NDJSON log of the
// demo 物资采购 flow with planted deviations, for bench/monitor.sh (cli/bench_events.cc).
struct BenchEventsOptions {
  size_t cases = 1000000;
  uint64_t seed = 7;
  double deviations = 0.05;
  std::string output;  // "" or "-" = standard output
};
int bench_gen_events(const BenchEventsOptions& o);

// `lianfang conformance --model M.pnml|M.bpmn --log L.xes|L.xes.gz|L.csv [--method alignments|tokens] ...`:
// checks a log against a model; prints the results as JSON (per case and for the log).
struct ConformanceOptions {
  std::string model;
  std::string log;
  std::string method = "alignments";  // alignments | tokens (token-replay is the same)
  std::string format = "json";        // the only format
  int threads = 1;
  // CSV columns (defaults: case:concept:name, concept:name, time:timestamp, org:resource); separator , or ;
  std::string case_column = "case:concept:name";
  std::string activity_column = "concept:name";
  std::string time_column = "time:timestamp";
  std::string resource_column = "org:resource";
  bool per_case = true;
};
int conformance(const ConformanceOptions& o);

}  // namespace lf::cli
