// `lianfang redflags [--settings S.ini] [--no-meta] [--threads N] FILE.jsonl|-`: Cardinal's procurement
// indicators over OCDS compiled releases. One JSON line of results on standard output; lines that are not
// JSON are reported on standard error with their number, and skipped.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/describe.h"
#include "formats/ini_redflags.h"
#include "formats/ocds_stream.h"

namespace lf::cli {

int redflags(const RedflagsOptions& o) {
  using engine::redflags::Settings;
  Settings settings = Settings::all_defaults();
  if (!o.settings.empty()) {
    std::ifstream file(o.settings, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file) {
      std::cerr << describe(make_error_arg("redflags.settings_unreadable", "settings", o.settings)) << "\n";
      return 2;
    }
    auto read = formats::read_redflags_settings(text.str());
    if (!read.ok()) {
      std::cerr << describe(read.error()) << "\n";
      return 2;
    }
    settings = std::move(read).value();
  }

  std::ifstream file;
  std::istream* in = &std::cin;
  if (o.input != "-") {
    file.open(o.input, std::ios::binary);
    if (!file) {
      std::cerr << describe(make_error_arg("redflags.input_unreadable", "input", o.input)) << "\n";
      return 2;
    }
    in = &file;
  }

  formats::ScanOptions options;
  options.threads = std::max(1, o.threads);
  auto results = formats::scan_releases(*in, settings, options, [](const formats::LineProblem& p) {
    Error e = make_error_arg("redflags.line_invalid", "", std::to_string(p.line));
    e.detail = p.why;
    std::cerr << describe(e) << "\n";
  });
  if (!results.ok()) {
    std::cerr << describe(results.error()) << "\n";
    return 2;
  }
  std::cout << engine::redflags::to_json(*results, !o.no_meta) << "\n" << std::flush;
  return 0;
}

}  // namespace lf::cli
