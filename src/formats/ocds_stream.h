// Cardinal's indicators over a stream of OCDS compiled releases (JSON Lines): lines are read in batches,
// batches are parsed and scanned on worker threads, and the scans are joined in file order — so the results
// (and the order of the reported lines) are the same for any number of threads.
#pragma once
#include <cstdint>
#include <functional>
#include <istream>
#include <string>

#include "base/result.h"
#include "engine/redflags.h"

namespace lf::formats {

// Where the time of a one-thread scan goes (bench/redflags.sh; LIANFANG_TIMING=1 `lianfang redflags`).
struct ScanTiming {
  double read_s = 0;    // cutting the input into lines
  double parse_s = 0;   // simdjson and the reader: lines into ProcessFacts
  double scan_s = 0;    // the indicators, release by release
  double finish_s = 0;  // joining and the indicators that need every release
};

struct ScanOptions {
  int threads = 1;
  size_t batch_bytes = size_t{4} << 20;  // a batch ends after the line that reaches this size...
  size_t batch_lines = 0;                // ...or after this many lines (0 = no limit); small values are for tests
  ScanTiming* timing = nullptr;          // filled when given and threads is 1
};

struct LineProblem {
  uint64_t line;    // 1-based
  std::string why;  // the parser's reason
};

// Reads `in` to the end. Lines that are not JSON are skipped and passed to `on_problem`, in line order.
// Errors: redflags.input_read (the stream failed while reading).
Result<engine::redflags::Results> scan_releases(std::istream& in, const engine::redflags::Settings& settings,
                                                const ScanOptions& options,
                                                const std::function<void(const LineProblem&)>& on_problem);

// The benchmark's baseline: every line parsed by simdjson's DOM parser (its whole parse, runtime-dispatched to
// the best kernel of the CPU) and nothing else, with the same line cutting and padding as scan_releases.
struct ParseCounts {
  uint64_t documents = 0;  // lines simdjson accepted
  uint64_t invalid = 0;    // lines it refused
  uint64_t bytes = 0;
};
Result<ParseCounts> parse_lines_only(std::istream& in, const ScanOptions& options);

}  // namespace lf::formats
