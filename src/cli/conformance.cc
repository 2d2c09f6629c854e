// `lianfang conformance`: a log against a model, offline. Reads the model (PNML, or BPMN compiled to a net) and
// the log (XES, XES.gz or CSV), runs alignments or token replay, and prints one JSON object: the log-level
// figures and, unless --no-cases, one entry per case in log order. With LIANFANG_TIMING=1 in the environment the
// time spent in each phase goes to standard error as one JSON line (bench/conformance.sh reads it).
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
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

// JSON written field by field: doubles in their shortest round-trip form ("0.8453709947665561", as Python
// prints them, rather than Boost.JSON's "8.453709947665561E-1").
class Out {
 public:
  Out& field(std::string_view key) {
    text_ += first_ ? "" : ",";
    first_ = false;
    text_ += json::serialize(json::string_view(key.data(), key.size()));
    text_ += ':';
    return *this;
  }
  Out& str(std::string_view v) {
    text_ += json::serialize(json::string_view(v.data(), v.size()));
    return *this;
  }
  Out& num(int64_t v) {
    text_ += std::to_string(v);
    return *this;
  }
  Out& num(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    std::string_view t(buf, static_cast<size_t>(end - buf));
    text_ += t;
    if (t.find_first_of(".eEn") == std::string_view::npos) text_ += ".0";  // 1.0, not 1: still a float
    return *this;
  }
  Out& boolean(bool v) {
    text_ += v ? "true" : "false";
    return *this;
  }
  Out& open(char bracket) {
    text_ += bracket;
    first_ = true;
    return *this;
  }
  Out& close(char bracket) {
    text_ += bracket;
    first_ = false;
    return *this;
  }
  // Starts the next element of an array.
  Out& item() {
    text_ += first_ ? "" : ",";
    first_ = true;
    return *this;
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  bool first_ = true;
};

void alignments(Out& out, const engine::LogAlignment& r, const engine::EventLog& log, bool per_case) {
  out.field("method").str("alignments");
  out.field("variants").num(static_cast<int64_t>(r.variants.size()));
  out.field("log_fitness").num(r.log_fitness);
  out.field("average_trace_fitness").num(r.average_trace_fitness);
  out.field("percentage_of_fitting_traces").num(r.percentage_of_fitting_traces);
  out.field("total_cost").num(r.total_cost);
  out.field("total_bwc").num(r.total_bwc);
  out.field("cheapest_run").num(r.cheapest_run);
  if (!per_case) return;
  out.field("per_case").open('[');
  for (size_t c = 0; c < r.cases.size(); ++c) {
    const auto& x = r.cases[c];
    out.item().open('{');
    out.field("case").str(log.cases[c].id);
    out.field("cost").num(x.cost);
    out.field("bwc").num(x.bwc);
    out.field("fitness").num(x.fitness);
    out.field("fitting").boolean(x.fitting);
    out.close('}');
  }
  out.close(']');
}

void tokens(Out& out, const engine::LogReplay& r, const engine::EventLog& log, bool per_case) {
  out.field("method").str("tokens");
  out.field("variants").num(static_cast<int64_t>(r.variants.size()));
  out.field("log_fitness").num(r.log_fitness);
  out.field("average_trace_fitness").num(r.average_trace_fitness);
  out.field("percentage_of_fitting_traces").num(r.percentage_of_fitting_traces);
  out.field("produced").num(r.produced);
  out.field("consumed").num(r.consumed);
  out.field("missing").num(r.missing);
  out.field("remaining").num(r.remaining);
  if (!per_case) return;
  out.field("per_case").open('[');
  for (size_t c = 0; c < r.cases.size(); ++c) {
    const auto& x = r.cases[c];
    out.item().open('{');
    out.field("case").str(log.cases[c].id);
    out.field("produced").num(x.produced);
    out.field("consumed").num(x.consumed);
    out.field("missing").num(x.missing);
    out.field("remaining").num(x.remaining);
    out.field("fitness").num(x.fitness);
    out.field("fitting").boolean(x.fitting);
    out.close('}');
  }
  out.close(']');
}

}  // namespace

int conformance(const ConformanceOptions& options) {
  ConformanceOptions o = options;
  if (o.method == "token-replay") o.method = "tokens";  // the name PM4Py and the issue use
  if (o.method != "alignments" && o.method != "tokens") {
    std::cerr << "--method must be alignments or tokens (token-replay)\n";
    return 2;
  }
  if (o.format != "json") {
    std::cerr << "--format: json is the only format\n";
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
  Out out;
  out.open('{');
  // The sizes first, for a reader skimming the output.
  out.field("model").str(o.model);
  out.field("log").str(o.log);
  out.field("cases").num(static_cast<int64_t>(log->cases.size()));
  out.field("events").num(static_cast<int64_t>(log->event_count()));
  if (o.method == "alignments") {
    auto r = engine::align_log(*net, *log, o.threads);
    if (!r.ok()) {
      std::cerr << describe(r.error()) << "\n";
      return 2;
    }
    alignments(out, *r, *log, o.per_case);
  } else {
    tokens(out, engine::replay_log(*net, *log, o.threads), *log, o.per_case);
  }
  double check_ms = ms_since(t2);
  out.close('}');
  std::cout << out.text() << "\n";

  if (timing) {
    Out t;
    t.open('{');
    t.field("read_model_ms").num(model_ms);
    t.field("read_log_ms").num(log_ms);
    t.field("check_ms").num(check_ms);
    t.field("events").num(static_cast<int64_t>(log->event_count()));
    t.field("threads").num(static_cast<int64_t>(o.threads));
    t.close('}');
    std::cerr << t.text() << "\n";
  }
  return 0;
}

}  // namespace lf::cli
