// Subcommands implemented outside main.cc, one file each.
#pragma once
#include <string>

namespace lf::cli {

// `lianfang bench-seed`: bulk posts for the API benchmark.
int bench_seed(const std::string& db_url, int posts);

// `lianfang redflags [--settings S.ini] [--no-meta] [--threads N] FILE.jsonl|-`: Cardinal's procurement indicators
// over OCDS compiled releases; prints one JSON line of results (shape of shared/oracle/cardinal/*.expected).
struct RedflagsOptions {
  std::string settings;  // INI file with Cardinal's keys; empty = every indicator with its defaults
  std::string input;     // a JSON Lines file, or "-" for standard input
  bool no_meta = false;
  int threads = 1;
};
int redflags(const RedflagsOptions& o);

// `lianfang conformance --model M.pnml|M.bpmn --log L.xes|L.xes.gz|L.csv [--method alignments|tokens] ...`:
// checks a log against a model; prints the results as JSON (per case and for the log).
struct ConformanceOptions {
  std::string model;
  std::string log;
  std::string method = "alignments";
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
