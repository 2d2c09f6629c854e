// The streaming pipeline behind `lianfang redflags`: batches of whole lines, a scan per batch, joined in order.
#include "formats/ocds_stream.h"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "formats/ocds.h"

namespace lf::formats {

using engine::redflags::ProcessFacts;
using engine::redflags::RedflagScan;
using engine::redflags::Settings;

namespace {

struct Batch {
  uint64_t first_line = 1;
  std::string text;  // whole lines, '\n'-terminated except perhaps the input's last
};

class LineBatcher {
 public:
  LineBatcher(std::istream& in, const ScanOptions& o)
      : in_(in), max_bytes_(std::max<size_t>(o.batch_bytes, 1)), max_lines_(o.batch_lines) {}

  // The next batch; false at the end of the input (or when reading failed: see failed()).
  bool next(Batch& b) {
    for (;;) {
      size_t pos = 0, lines = 0;
      bool full = false;
      for (;;) {
        const size_t nl = pending_.find('\n', pos);
        if (nl == std::string::npos) break;
        pos = nl + 1;
        ++lines;
        if ((max_lines_ != 0 && lines >= max_lines_) || pos >= max_bytes_) {
          full = true;
          break;
        }
      }
      if (lines > 0 && (full || eof_)) return take(b, pos, lines);
      if (eof_) return pending_.empty() ? false : take(b, pending_.size(), 1);  // a last line without '\n'
      read_more();
    }
  }

  bool failed() const { return failed_; }

 private:
  bool take(Batch& b, size_t bytes, size_t lines) {
    b.first_line = next_line_;
    // The batch takes the buffer and hands back its own: only the unfinished line after it is copied, not the
    // batch (the input is gigabytes on the benchmark).
    std::swap(b.text, pending_);
    pending_.assign(b.text, bytes, std::string::npos);
    b.text.resize(bytes);
    next_line_ += lines;
    return true;
  }

  void read_more() {
    const size_t chunk = std::max<size_t>(max_bytes_, size_t{1} << 16);
    const size_t old = pending_.size();
    pending_.resize(old + chunk);
    in_.read(pending_.data() + old, static_cast<std::streamsize>(chunk));
    const auto got = static_cast<size_t>(in_.gcount());
    pending_.resize(old + got);
    if (in_.bad()) failed_ = true;
    if (got == 0 || in_.eof() || failed_) eof_ = true;
  }

  std::istream& in_;
  size_t max_bytes_, max_lines_;
  std::string pending_;
  uint64_t next_line_ = 1;
  bool eof_ = false, failed_ = false;
};

struct BatchScan {
  RedflagScan scan;
  std::vector<LineProblem> problems;
};

using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Parses one batch with a thread's own reader and adds its releases to `out`; `timing` (if given) gets the
// parse and scan times.
void scan_batch(const Batch& batch, OcdsReader& reader, ProcessFacts& facts, BatchScan& out,
                ScanTiming* timing = nullptr) {
  std::string why;
  uint64_t line_no = batch.first_line;
  std::string_view text = batch.text;
  Clock::duration parse{}, scan{};
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    const auto t0 = timing != nullptr ? Clock::now() : Clock::time_point{};
    const LineKind kind = reader.read(line, facts, &why);
    const auto t1 = timing != nullptr ? Clock::now() : Clock::time_point{};
    switch (kind) {
      case LineKind::Release: out.scan.add(facts); break;
      case LineKind::Invalid: out.problems.push_back({line_no, why}); break;
      case LineKind::Blank:
      case LineKind::NotRelease: break;
    }
    if (timing != nullptr) {
      const auto t2 = Clock::now();
      parse += t1 - t0;
      scan += t2 - t1;
    }
    ++line_no;
  }
  if (timing != nullptr) {
    timing->parse_s += seconds(parse);
    timing->scan_s += seconds(scan);
  }
}

}  // namespace

Result<engine::redflags::Results> scan_releases(std::istream& in, const Settings& settings, const ScanOptions& options,
                                                const std::function<void(const LineProblem&)>& on_problem) {
  LineBatcher batcher(in, options);
  BatchScan total{RedflagScan(settings), {}};
  auto report = [&](const std::vector<LineProblem>& problems) {
    if (on_problem)
      for (const auto& p : problems) on_problem(p);
  };
  Batch batch;

  ScanTiming* timing = options.threads <= 1 ? options.timing : nullptr;
  if (options.threads <= 1) {
    // One scan for the whole input: what joining the scans of its parts would give, without the joining.
    OcdsReader reader(settings.any_chinese_pattern());
    ProcessFacts facts;
    for (;;) {
      const auto t0 = Clock::now();
      if (!batcher.next(batch)) break;
      if (timing != nullptr) timing->read_s += seconds(Clock::now() - t0);
      scan_batch(batch, reader, facts, total, timing);
      report(total.problems);
      total.problems.clear();
    }
  } else {
    // Workers take batches from `jobs` and leave their scans in `done`; this thread reads ahead and joins the
    // scans in sequence. At most `limit` batches are between reading and joining, to bound memory.
    std::mutex m;
    std::condition_variable work_cv, done_cv;
    std::deque<std::pair<uint64_t, Batch>> jobs;
    std::map<uint64_t, BatchScan> done;
    bool closed = false;
    const uint64_t limit = static_cast<uint64_t>(options.threads) * 2;
    std::vector<std::thread> workers;
    for (int i = 0; i < options.threads; ++i) {
      workers.emplace_back([&] {
        OcdsReader reader(settings.any_chinese_pattern());
        ProcessFacts facts;
        for (;;) {
          std::unique_lock lk(m);
          work_cv.wait(lk, [&] { return !jobs.empty() || closed; });
          if (jobs.empty()) return;
          auto [seq, job] = std::move(jobs.front());
          jobs.pop_front();
          lk.unlock();
          BatchScan b{RedflagScan(settings), {}};
          scan_batch(job, reader, facts, b);
          lk.lock();
          done.emplace(seq, std::move(b));
          done_cv.notify_one();
        }
      });
    }
    uint64_t pushed = 0, joined = 0;
    auto join_ready = [&](std::unique_lock<std::mutex>& lk) {
      for (auto it = done.find(joined); it != done.end(); it = done.find(joined)) {
        BatchScan b = std::move(it->second);
        done.erase(it);
        lk.unlock();
        total.scan.absorb(std::move(b.scan));
        report(b.problems);
        lk.lock();
        ++joined;
      }
    };
    while (batcher.next(batch)) {
      std::unique_lock lk(m);
      for (;;) {
        join_ready(lk);
        if (pushed - joined < limit) break;
        done_cv.wait(lk);
      }
      jobs.emplace_back(pushed++, std::move(batch));
      work_cv.notify_one();
    }
    {
      std::unique_lock lk(m);
      closed = true;
      work_cv.notify_all();
      for (;;) {
        join_ready(lk);
        if (joined == pushed) break;
        done_cv.wait(lk);
      }
    }
    for (auto& w : workers) w.join();
  }
  if (batcher.failed()) return make_error("redflags.input_read");
  const auto t0 = Clock::now();
  auto results = std::move(total.scan).finish();
  if (timing != nullptr) timing->finish_s += seconds(Clock::now() - t0);
  return results;
}

Result<ParseCounts> parse_lines_only(std::istream& in, const ScanOptions& options) {
  LineBatcher batcher(in, options);
  simdjson::dom::parser parser;
  std::vector<char> buffer;
  ParseCounts counts;
  Batch batch;
  while (batcher.next(batch)) {
    counts.bytes += batch.text.size();
    std::string_view text = batch.text;
    while (!text.empty()) {
      const size_t nl = text.find('\n');
      const std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      // Copied with padding, as OcdsReader does.
      buffer.resize(line.size() + simdjson::SIMDJSON_PADDING);
      std::memcpy(buffer.data(), line.data(), line.size());
      std::memset(buffer.data() + line.size(), 0, simdjson::SIMDJSON_PADDING);
      simdjson::dom::element doc;
      if (parser.parse(buffer.data(), line.size(), false).get(doc) == simdjson::SUCCESS) ++counts.documents;
      else ++counts.invalid;
    }
  }
  if (batcher.failed()) return make_error("redflags.input_read");
  return counts;
}

}  // namespace lf::formats
