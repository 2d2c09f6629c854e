// INI files as Cardinal's settings use them: `[section]` headers (dots allowed: `[R003.procurement_method_details]`),
// `key = value` lines (`:` also separates), comments from `;` or `#` at the start of a line or after a space,
// values optionally in double quotes. Keys before the first header belong to the top level (section "").
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace lf::formats {

struct IniSection {
  std::string name;  // "" for the top level
  int line = 0;
};

struct IniEntry {
  std::string section;
  std::string key;
  std::string value;
  int line = 0;
};

struct IniFile {
  std::vector<IniSection> sections;  // in file order, each header as written (a repeated one appears twice)
  std::vector<IniEntry> entries;     // in file order
};

// Errors: ini.syntax (field: the line number) — a line that is neither a header, a comment nor `key = value`.
Result<IniFile> parse_ini(std::string_view text);

}  // namespace lf::formats
