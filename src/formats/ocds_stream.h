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

struct ScanOptions {
  int threads = 1;
  size_t batch_bytes = size_t{4} << 20;  // a batch ends after the line that reaches this size...
  size_t batch_lines = 0;                // ...or after this many lines (0 = no limit); small values are for tests
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

}  // namespace lf::formats
