// Optimal alignments (Adriansyah's conformance checking): the cheapest way to explain a trace as a run of the
// net, pairing each event with a transition of the same label (a synchronous move) or leaving it unexplained
// (a log move), and firing transitions the trace does not show (model moves). Found exactly by A* over the
// synchronous product of the trace and the net's reachability graph.
//
// Costs follow PM4Py's standard cost function, so that costs, fitness and log figures equal PM4Py's
// (oracle/pm4py): a log move or a model move on a visible transition 10000, a model move on a silent
// transition 1, a synchronous move 0.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "engine/log.h"
#include "engine/petri_net.h"

namespace lf::engine {

inline constexpr int64_t kDeviationCost = 10000;  // a log move, or a model move on a visible transition
inline constexpr int64_t kSilentMoveCost = 1;     // a model move on a silent transition

struct Move {
  enum class Kind : uint8_t { sync, log, model };
  Kind kind = Kind::sync;
  int32_t transition = -1;  // the net's transition (sync and model moves)
  int32_t activity = -1;    // the log's activity id (sync and log moves)
  bool operator==(const Move&) const = default;
};

struct Alignment {
  int64_t cost = 0;
  std::vector<Move> moves;  // in order; the events of the trace appear in order among the sync and log moves
  size_t states = 0;        // search states expanded, for benchmarks
};

class MarkingGraph;

// Aligns traces of one log against one net. Keeps the part of the net's reachability graph explored so far,
// so successive traces are cheaper: not thread-safe, use one Aligner per thread.
class Aligner {
 public:
  // `activities` is the log's vocabulary (EventLog::activities): traces are given as ids into it. A visible
  // transition whose label is not among them can only be a model move. The aligner keeps its own copy of the net.
  Aligner(const PetriNet& net, const std::vector<std::string>& activities);
  ~Aligner();
  Aligner(Aligner&&) noexcept;

  // The search stops with alignment.too_large after expanding this many states (a net with an unbounded or
  // huge state space); about 300 MB of search memory, generous for the workflow net of a real process.
  size_t max_states = 5'000'000;

  // An optimal alignment of the trace (activity ids). Errors: alignment.no_final_marking (the final marking
  // cannot be reached from the initial one), alignment.too_large.
  Result<Alignment> align(std::span<const int32_t> trace);
  // The cost of the cheapest complete run of the net (initial to final marking): the alignment of the empty
  // trace. Computed once and kept.
  Result<int64_t> cheapest_run();
  // Markings of the net reached so far.
  size_t markings_explored() const;

 private:
  std::unique_ptr<const PetriNet> net_;  // on the heap: the graph points to it, and aligners move
  std::unique_ptr<MarkingGraph> graph_;
  std::vector<int32_t> label_activity_;  // per transition: the log activity id, -1 silent, -2 not in the log
  std::optional<int64_t> cheapest_run_;
  // Log activities that can still occur, as bit sets of `words_` words: after each place, and everywhere.
  size_t words_ = 0;
  std::vector<uint64_t> place_future_, anywhere_future_, future_scratch_;
  void find_futures();
  int64_t estimate(int32_t marking, int32_t pos, std::span<const int32_t> trace);
  void relax(int32_t marking, int32_t pos, int64_t g, int32_t parent, Move::Kind kind, int32_t transition,
             std::span<const int32_t> trace);
  struct Search;
  std::unique_ptr<Search> search_;       // buffers reused from one trace to the next
};

// Alignment figures of one case, as PM4Py reports them.
struct CaseAlignment {
  int64_t cost = 0;
  // "Best worst case": 10000 × events + the cheapest run of the net, the cost of explaining nothing.
  int64_t bwc = 0;
  // 1 − ⌊cost / 10000⌋ / ⌊bwc / 10000⌋: whole deviations only, so silent moves do not lower it.
  double fitness = 1.0;
  bool fitting = true;  // cost < 10000: no log or visible model move
  size_t variant = 0;   // index into LogAlignment::variants
};

struct LogAlignment {
  std::vector<CaseAlignment> cases;  // in the order of EventLog::cases
  std::vector<Variant> variants;
  std::vector<Alignment> alignments;  // one per variant
  int64_t cheapest_run = 0;
  int64_t total_cost = 0, total_bwc = 0;
  double log_fitness = 1.0;            // 1 − Σcost / Σbwc (raw costs, silent moves included)
  double average_trace_fitness = 1.0;  // mean of the cases' fitness, summed in log order
  double percentage_of_fitting_traces = 100.0;
  size_t states = 0;                   // search states expanded, over all variants
};

// Aligns every distinct trace once (on `threads` workers, each with its own Aligner) and reports per case.
// The results do not depend on the number of threads. Errors: those of Aligner::align, for the first variant
// (in log order) that fails.
Result<LogAlignment> align_log(const PetriNet& net, const EventLog& log, int threads = 1);

// PM4Py's per-case fitness from a cost and a bwc.
double alignment_fitness(int64_t cost, int64_t bwc);

}  // namespace lf::engine
