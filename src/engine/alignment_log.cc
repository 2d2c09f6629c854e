// Alignments of a whole log: each distinct trace once, spread over worker threads, then PM4Py's figures.
#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include "engine/alignment.h"

namespace lf::engine {

double alignment_fitness(int64_t cost, int64_t bwc) {
  int64_t deviations = cost / kDeviationCost;
  if (deviations == 0) return 1.0;
  return 1.0 - static_cast<double>(deviations) / static_cast<double>(bwc / kDeviationCost);
}

Result<LogAlignment> align_log(const PetriNet& net, const EventLog& log, int threads) {
  LogAlignment out;
  out.variants = log.variants();
  const size_t variants = out.variants.size();

  Aligner first(net, log.activities);
  LF_TRY(out.cheapest_run, first.cheapest_run());

  // Workers take variants in turn; each result lands in its variant's slot, so the outcome is the same for
  // any number of threads.
  std::vector<std::optional<Result<Alignment>>> results(variants);
  std::atomic<size_t> next{0};
  auto work = [&](Aligner& aligner) {
    for (size_t v = next++; v < variants; v = next++) results[v].emplace(aligner.align(out.variants[v].activities));
  };
  size_t workers = std::clamp<size_t>(threads < 1 ? 1 : static_cast<size_t>(threads), 1, std::max<size_t>(variants, 1));
  std::vector<std::thread> pool;
  std::vector<Aligner> aligners;
  aligners.reserve(workers - 1);
  for (size_t w = 1; w < workers; ++w) aligners.emplace_back(net, log.activities);
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work, std::ref(aligners[w - 1]));
  work(first);
  for (auto& t : pool) t.join();

  out.alignments.reserve(variants);
  for (auto& r : results) {
    if (!r->ok()) return std::move(*r).error();
    out.states += (*r)->states;
    out.alignments.push_back(std::move(**r));
  }

  out.cases.resize(log.cases.size());
  for (size_t v = 0; v < variants; ++v) {
    for (size_t c : out.variants[v].cases) {
      CaseAlignment& ca = out.cases[c];
      ca.variant = v;
      ca.cost = out.alignments[v].cost;
      ca.bwc = kDeviationCost * static_cast<int64_t>(out.variants[v].activities.size()) + out.cheapest_run;
      ca.fitness = alignment_fitness(ca.cost, ca.bwc);
      ca.fitting = ca.cost < kDeviationCost;
    }
  }
  // Summed in log order, as PM4Py does, so that the averages agree to the last bit.
  size_t fitting = 0;
  double fitness_sum = 0.0;
  for (const CaseAlignment& ca : out.cases) {
    fitting += ca.fitting ? 1 : 0;
    fitness_sum += ca.fitness;
    out.total_cost += ca.cost;
    out.total_bwc += ca.bwc;
  }
  if (!out.cases.empty()) {
    auto n = static_cast<double>(out.cases.size());
    out.percentage_of_fitting_traces = 100.0 * static_cast<double>(fitting) / n;
    out.average_trace_fitness = fitness_sum / n;
    if (out.total_bwc > 0) out.log_fitness = 1.0 - static_cast<double>(out.total_cost) / static_cast<double>(out.total_bwc);
  }
  return out;
}

}  // namespace lf::engine
