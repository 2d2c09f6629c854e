// `lianfang conformance`: a log against a model, offline. Reads the model (PNML, or BPMN compiled to a net) and
// the log (XES, XES.gz or CSV), runs alignments or token replay, and prints one JSON object: the log-level
// figures and, unless --no-cases, one entry per case in log order. With LIANFANG_TIMING=1 in the environment the
// time spent in each phase goes to standard error as one JSON line (bench/conformance.sh reads it).
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/describe.h"
#include "engine/alignment.h"
#include "engine/flow.h"
#include "engine/token_replay.h"
#include "formats/bpmn.h"
#include "formats/event_csv.h"
#include "formats/pnml.h"
#include "formats/xes.h"

namespace lf::cli {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

Result<engine::PetriNet> read_model(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e = make_error("conformance.model_unreadable");
    e.detail = path;
    return e;
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (ends_with_ci(path, ".bpmn") || ends_with_ci(path, ".bpmn20.xml")) {
    LF_TRY(engine::FlowModel flow, formats::read_bpmn(s.str()));
    return engine::compile_flow(flow);
  }
  return formats::read_pnml(s.str());
}

Result<engine::EventLog> read_log(const ConformanceOptions& o) {
  if (ends_with_ci(o.log, ".csv")) {
    formats::CsvColumns columns{o.case_column, o.activity_column, o.time_column, o.resource_column};
    return formats::read_event_csv_file(o.log, columns);
  }
  return formats::read_xes_file(o.log);
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

json::object alignments(const engine::LogAlignment& r, const engine::EventLog& log, bool per_case) {
  json::object out;
  out["method"] = "alignments";
  out["variants"] = r.variants.size();
  out["log_fitness"] = r.log_fitness;
  out["average_trace_fitness"] = r.average_trace_fitness;
  out["percentage_of_fitting_traces"] = r.percentage_of_fitting_traces;
  out["total_cost"] = r.total_cost;
  out["total_bwc"] = r.total_bwc;
  out["cheapest_run"] = r.cheapest_run;
  if (per_case) {
    json::array cases;
    cases.reserve(r.cases.size());
    for (size_t c = 0; c < r.cases.size(); ++c) {
      const auto& x = r.cases[c];
      cases.push_back(json::object{{"case", log.cases[c].id}, {"cost", x.cost}, {"bwc", x.bwc},
                                   {"fitness", x.fitness}, {"fitting", x.fitting}});
    }
    out["per_case"] = std::move(cases);
  }
  return out;
}

json::object tokens(const engine::LogReplay& r, const engine::EventLog& log, bool per_case) {
  json::object out;
  out["method"] = "tokens";
  out["variants"] = r.variants.size();
  out["log_fitness"] = r.log_fitness;
  out["average_trace_fitness"] = r.average_trace_fitness;
  out["percentage_of_fitting_traces"] = r.percentage_of_fitting_traces;
  out["produced"] = r.produced;
  out["consumed"] = r.consumed;
  out["missing"] = r.missing;
  out["remaining"] = r.remaining;
  if (per_case) {
    json::array cases;
    cases.reserve(r.cases.size());
    for (size_t c = 0; c < r.cases.size(); ++c) {
      const auto& x = r.cases[c];
      cases.push_back(json::object{{"case", log.cases[c].id}, {"produced", x.produced}, {"consumed", x.consumed},
                                   {"missing", x.missing}, {"remaining", x.remaining}, {"fitness", x.fitness},
                                   {"fitting", x.fitting}});
    }
    out["per_case"] = std::move(cases);
  }
  return out;
}

}  // namespace

int conformance(const ConformanceOptions& o) {
  if (o.method != "alignments" && o.method != "tokens") {
    std::cerr << "--method must be alignments or tokens\n";
    return 2;
  }
  const char* timing_env = std::getenv("LIANFANG_TIMING");
  const bool timing = timing_env != nullptr && *timing_env != '\0' && *timing_env != '0';

  auto t0 = Clock::now();
  auto net = read_model(o.model);
  if (!net.ok()) {
    std::cerr << o.model << ": " << describe(net.error()) << "\n";
    return 2;
  }
  double model_ms = ms_since(t0);
  auto t1 = Clock::now();
  auto log = read_log(o);
  if (!log.ok()) {
    std::cerr << o.log << ": " << describe(log.error()) << "\n";
    return 2;
  }
  double log_ms = ms_since(t1);

  auto t2 = Clock::now();
  json::object out;
  if (o.method == "alignments") {
    auto r = engine::align_log(*net, *log, o.threads);
    if (!r.ok()) {
      std::cerr << describe(r.error()) << "\n";
      return 2;
    }
    out = alignments(*r, *log, o.per_case);
  } else {
    out = tokens(engine::replay_log(*net, *log, o.threads), *log, o.per_case);
  }
  double check_ms = ms_since(t2);
  // Put the sizes first for a reader skimming the output.
  json::object result;
  result["model"] = o.model;
  result["log"] = o.log;
  result["cases"] = log->cases.size();
  result["events"] = log->event_count();
  for (auto& kv : out) result[kv.key()] = std::move(kv.value());
  std::cout << json::serialize(result) << "\n";

  if (timing) {
    json::object t{{"read_model_ms", model_ms}, {"read_log_ms", log_ms}, {"check_ms", check_ms},
                   {"events", log->event_count()}, {"threads", o.threads}};
    std::cerr << json::serialize(t) << "\n";
  }
  return 0;
}

}  // namespace lf::cli
