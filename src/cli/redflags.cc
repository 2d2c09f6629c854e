// `lianfang redflags [--settings S.ini] [--no-meta] [--threads N] FILE.jsonl|-|--csv DIR`: the procurement
// indicators over OCDS compiled releases (or the CSV files of formats/procurement_csv.h). One JSON line of
// results on standard output; lines that are not JSON are reported on standard error with their number, and
// skipped. `--parse-only` is bench/redflags.sh's baseline: simdjson alone over the same lines.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/describe.h"
#include "formats/ini_redflags.h"
#include "formats/ocds.h"
#include "formats/ocds_stream.h"
#include "formats/procurement_csv.h"

namespace lf::cli {
namespace {

using engine::redflags::Results;
using engine::redflags::Settings;

int fail(const Error& e) {
  std::cerr << describe(e) << "\n";
  return 2;
}

// The CSV files are a unit's own data, small: read whole, all or nothing, then scanned in order.
Result<Results> scan_csv(const std::string& dir, const Settings& settings) {
  LF_TRY(const auto processes, formats::read_procurement_csv_dir(dir));
  engine::redflags::RedflagScan scan(settings);
  for (const auto& p : processes) scan.add(p);
  return std::move(scan).finish();
}

}  // namespace

int redflags(const RedflagsOptions& o) {
  Settings settings = Settings::all_defaults();
  if (!o.settings.empty()) {
    auto read = formats::read_redflags_settings_file(o.settings);
    if (!read.ok()) return fail(read.error());
    settings = std::move(read).value();
  }
  if (o.input.empty() == o.csv.empty()) return fail(make_error("redflags.input_missing"));

  if (!o.csv.empty()) {
    auto results = scan_csv(o.csv, settings);
    if (!results.ok()) return fail(results.error());
    std::cout << engine::redflags::to_json(*results, !o.no_meta) << "\n" << std::flush;
    return 0;
  }

  std::ifstream file;
  std::istream* in = &std::cin;
  if (o.input != "-") {
    file.open(o.input, std::ios::binary);
    if (!file) return fail(make_error_arg("redflags.input_unreadable", "input", o.input));
    in = &file;
  }

  formats::ScanOptions options;
  options.threads = std::max(1, o.threads);
  if (o.parse_only) {
    auto counts = formats::parse_lines_only(*in, options);
    if (!counts.ok()) return fail(counts.error());
    std::cout << "{\"documents\":" << counts->documents << ",\"invalid\":" << counts->invalid
              << ",\"bytes\":" << counts->bytes << ",\"simdjson\":\"" << formats::simdjson_kernel() << "\"}\n";
    return 0;
  }
  // LIANFANG_TIMING=1: where the time went, as one JSON line on standard error (one thread only).
  formats::ScanTiming timing;
  const char* timing_env = std::getenv("LIANFANG_TIMING");
  const bool timed = timing_env != nullptr && std::string_view(timing_env) == "1";
  if (timed) options.timing = &timing;
  auto results = formats::scan_releases(*in, settings, options, [](const formats::LineProblem& p) {
    Error e = make_error_arg("redflags.line_invalid", "", std::to_string(p.line));
    e.detail = p.why;
    std::cerr << describe(e) << "\n";
  });
  if (!results.ok()) return fail(results.error());
  std::cout << engine::redflags::to_json(*results, !o.no_meta) << "\n" << std::flush;
  if (timed)
    std::cerr << "{\"read_s\":" << timing.read_s << ",\"parse_s\":" << timing.parse_s << ",\"scan_s\":" << timing.scan_s
              << ",\"finish_s\":" << timing.finish_s << ",\"simdjson\":\"" << formats::simdjson_kernel() << "\"}\n";
  return 0;
}

}  // namespace lf::cli
