#include "formats/ini.h"

namespace lf::formats {
namespace {

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// A value ends at a comment that follows whitespace (`2 # default`); quotes keep `;` and `#` as text.
std::string_view value_text(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && s.front() == '"') {
    const size_t close = s.find('"', 1);
    if (close != std::string_view::npos) return s.substr(1, close - 1);
  }
  for (size_t i = 1; i < s.size(); ++i)
    if ((s[i] == ';' || s[i] == '#') && (s[i - 1] == ' ' || s[i - 1] == '\t')) return trim(s.substr(0, i));
  return s;
}

}  // namespace

Result<IniFile> parse_ini(std::string_view text) {
  IniFile file;
  std::string section;
  int line_no = 0;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte order mark, as Windows editors write
  while (!text.empty()) {
    ++line_no;
    const size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.empty() || line.front() == ';' || line.front() == '#') continue;
    if (line.front() == '[') {
      const size_t close = line.find(']');
      std::string_view after = close == std::string_view::npos ? "" : trim(line.substr(close + 1));
      if (close == std::string_view::npos || !(after.empty() || after.front() == ';' || after.front() == '#'))
        return make_error_arg("ini.syntax", "", std::to_string(line_no));
      section = std::string(trim(line.substr(1, close - 1)));
      file.sections.push_back({section, line_no});
      continue;
    }
    const size_t sep = line.find_first_of("=:");
    if (sep == std::string_view::npos || trim(line.substr(0, sep)).empty())
      return make_error_arg("ini.syntax", "", std::to_string(line_no));
    file.entries.push_back(
        {section, std::string(trim(line.substr(0, sep))), std::string(value_text(line.substr(sep + 1))), line_no});
  }
  return file;
}

}  // namespace lf::formats
