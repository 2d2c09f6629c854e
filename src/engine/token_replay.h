// Token-based replay (Rozinat and van der Aalst): events fire their transitions in order; a transition that is
// not enabled gets the tokens it lacks created and counted as missing; tokens left beyond the final marking at
// the end are remaining. Cheaper than alignments and less exact: which silent transitions fire to enable the
// next event is decided by a heuristic. The heuristic is PM4Py's (shortest chains of silent transitions between
// places, tried in PM4Py's order), so that the counts equal PM4Py's on the oracle's running example
// (oracle/pm4py): the initial marking counts as produced and the final marking as consumed, and
// fitness = ½(1 − missing/consumed) + ½(1 − remaining/produced).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/log.h"
#include "engine/petri_net.h"

namespace lf::engine {

struct CaseReplay {
  int64_t produced = 0, consumed = 0, missing = 0, remaining = 0;
  double fitness = 1.0;
  bool fitting = true;  // no missing and no remaining tokens
  size_t variant = 0;   // index into LogReplay::variants
};

// Replays traces of one log on one net. Immutable after construction: one replayer serves any number of threads.
class TokenReplayer {
 public:
  // `activities` is the log's vocabulary; events whose activity no transition carries are skipped, as in PM4Py.
  // The replayer keeps its own copy of the net.
  TokenReplayer(const PetriNet& net, const std::vector<std::string>& activities);
  CaseReplay replay(std::span<const int32_t> trace) const;

  // The chain of silent transitions PM4Py would fire to carry a token from one place to another (empty when
  // there is none), for tests and diagnostics.
  const std::vector<int32_t>& silent_path(int32_t from, int32_t to) const;

 private:
  struct Run;
  void find_silent_paths();

  PetriNet net_;
  std::vector<std::vector<int32_t>> by_activity_;  // per log activity: transitions with its label, in net order
  std::vector<int32_t> place_rank_;                // places ordered by id, as PM4Py sorts them
  std::vector<std::vector<int32_t>> consumers_;    // per place: transitions it feeds, in net order
  // Per place: (target place, chain of silent transitions), sorted by target.
  std::vector<std::vector<std::pair<int32_t, std::vector<int32_t>>>> paths_;
};

struct LogReplay {
  std::vector<CaseReplay> cases;  // in the order of EventLog::cases
  std::vector<Variant> variants;
  int64_t produced = 0, consumed = 0, missing = 0, remaining = 0;
  double log_fitness = 1.0;            // ½(1 − Σmissing/Σconsumed) + ½(1 − Σremaining/Σproduced)
  double average_trace_fitness = 1.0;  // mean of the cases' fitness, summed in log order
  double percentage_of_fitting_traces = 100.0;
};

// Replays every distinct trace once and reports per case; the same for any number of threads.
LogReplay replay_log(const PetriNet& net, const EventLog& log, int threads = 1);

}  // namespace lf::engine
