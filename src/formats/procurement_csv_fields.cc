#include "formats/procurement_csv_fields.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>

#include "engine/redflags.h"
#include "formats/event_csv.h"
#include "formats/ocds.h"

namespace lf::formats::procurement_csv {
namespace {

void replace_all(std::string& text, std::string_view what, std::string_view with) {
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string two_digits(std::string_view s) {
  std::string out(s.size() == 1 ? 1 : 0, '0');
  return out.append(s);
}

// Splits the text into records; `line` counts physical lines from 1. Returns false at the end.
bool next_record(std::string_view& text, char sep, int& line, int& first_line, std::vector<std::string>& out,
                 bool& open_quote) {
  out.assign(1, {});
  open_quote = false;
  if (text.empty()) return false;
  first_line = line;
  bool quoted = false;
  size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == sep) {
      out.emplace_back();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  ++line;
  open_quote = quoted;
  text.remove_prefix(std::min(text.size(), i + 1));
  return true;
}

bool blank(const std::vector<std::string>& cells) { return cells.size() == 1 && trim(cells[0]).empty(); }

bool blank_line(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

Error csv_error(std::string_view code, const Where& at, std::string_view value) {
  Error e = make_error(code, at.column);
  const std::string row = std::to_string(at.row);
  for (std::string* text : {&e.message, &e.message_en}) {
    replace_all(*text, "{file}", at.file);
    replace_all(*text, "{row}", row);
    replace_all(*text, "{column}", at.column);
    replace_all(*text, "{value}", value);
  }
  e.detail.assign(at.file);
  if (at.row > 0) e.detail.append(":").append(row);
  if (!at.column.empty()) e.detail.append(":").append(at.column);
  return e;
}

Result<Table> read_table(std::string_view text, std::string_view file) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  // Spreadsheets in China often save CSV as GBK: say so instead of reading mojibake.
  if (!simdjson::validate_utf8(text.data(), text.size())) {
    int line = 1;
    for (std::string_view rest = text; !rest.empty(); ++line) {
      const size_t nl = rest.find('\n');
      const std::string_view l = rest.substr(0, nl);
      if (!simdjson::validate_utf8(l.data(), l.size())) break;
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    }
    return csv_error("procurement_csv.not_utf8", {file, line, {}});
  }
  Table t;
  int line = 1, first = 1;
  bool open_quote = false;
  std::vector<std::string> cells;
  // The header: the first line that is not blank; it also decides the separator.
  char sep = ',';
  for (;;) {
    const size_t nl = text.find('\n');
    if (!blank_line(text.substr(0, nl))) {
      sep = detect_separator(text);
      break;
    }
    if (nl == std::string_view::npos) return csv_error("procurement_csv.no_header", {file, 0, {}});
    text.remove_prefix(nl + 1);
    ++line;
  }
  next_record(text, sep, line, first, cells, open_quote);
  if (open_quote) return csv_error("procurement_csv.unclosed_quote", {file, first, {}});
  for (const std::string& c : cells) {
    std::string name(trim(c));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; });
    t.header.push_back(std::move(name));
  }
  while (next_record(text, sep, line, first, cells, open_quote)) {
    if (open_quote) return csv_error("procurement_csv.unclosed_quote", {file, first, {}});
    if (blank(cells)) continue;
    if (cells.size() > t.header.size()) {
      // Empty cells past the header (a trailing separator) are harmless; anything else is a shifted row.
      if (std::any_of(cells.begin() + static_cast<std::ptrdiff_t>(t.header.size()), cells.end(),
                      [](const std::string& c) { return !trim(c).empty(); }))
        return csv_error("procurement_csv.row_width", {file, first, {}}, std::to_string(t.header.size()));
    }
    cells.resize(t.header.size());
    Row r{first, {}};
    r.cells.reserve(cells.size());
    for (const std::string& c : cells) r.cells.emplace_back(trim(c));
    t.rows.push_back(std::move(r));
  }
  return t;
}

Result<std::optional<double>> amount(std::string_view cell, const Where& at) {
  if (cell.empty()) return std::optional<double>();
  std::string token;
  const size_t point = std::min(cell.find_first_of(".eE"), cell.size());
  if (cell.substr(0, point).find(',') != std::string_view::npos) {
    // Grouping commas: 1,234,567 — every group after the first exactly three digits.
    std::string_view whole = cell.substr(0, point);
    const bool negative = whole.starts_with('-');
    if (negative) whole.remove_prefix(1);
    size_t at_comma = whole.find(',');
    bool grouped = at_comma >= 1 && at_comma <= 3 && digits(whole.substr(0, at_comma));
    token.assign(negative ? "-" : "").append(whole.substr(0, at_comma));
    while (grouped && at_comma != std::string_view::npos) {
      const std::string_view group = whole.substr(at_comma + 1, 3);
      grouped = group.size() == 3 && digits(group) &&
                (at_comma + 4 == whole.size() || whole[at_comma + 4] == ',');
      token += group;
      at_comma = at_comma + 4 < whole.size() ? at_comma + 4 : std::string_view::npos;
    }
    if (!grouped) return csv_error("procurement_csv.bad_amount", at, cell);
    token += cell.substr(point);
  } else {
    token = cell;
  }
  const auto n = read_json_number(token);
  if (!n || token.find_first_of(" \t") != std::string::npos) return csv_error("procurement_csv.bad_amount", at, cell);
  return std::optional<double>(n->as_double());
}

Result<std::optional<std::string>> date(std::string_view cell, const Where& at) {
  if (cell.empty()) return std::optional<std::string>();
  auto bad = [&] { return csv_error("procurement_csv.bad_date", at, cell); };
  // The date: YYYY-MM-DD, or YYYY/M/D.
  const size_t end = std::min(cell.find_first_of(" T"), cell.size());
  std::string_view d = cell.substr(0, end);
  std::string day;
  if (d.size() == 10 && d[4] == '-' && d[7] == '-') {
    day = d;
  } else if (const size_t a = d.find('/'), b = d.rfind('/'); a == 4 && b > a && digits(d.substr(0, 4)) &&
                                                              b - a - 1 >= 1 && b - a - 1 <= 2 && d.size() - b - 1 >= 1 &&
                                                              d.size() - b - 1 <= 2) {
    day = std::string(d.substr(0, 4)) + "-" + two_digits(d.substr(a + 1, b - a - 1)) + "-" + two_digits(d.substr(b + 1));
  } else {
    return bad();
  }
  if (!engine::redflags::calendar_day(day) || !digits(day.substr(5, 2)) || !digits(day.substr(8, 2))) return bad();
  if (end == cell.size()) return std::optional<std::string>(day);
  std::string_view time = cell.substr(end + 1);
  if (cell[end] == 'T') {
    // An RFC 3339 date-time: kept as written after the date (R003 reads it; anything odd there it skips).
    if (time.size() < 8 || time[2] != ':' || time[5] != ':' || !digits(time.substr(0, 2)) ||
        !digits(time.substr(3, 2)) || !digits(time.substr(6, 2)))
      return bad();
    return std::optional<std::string>(day + "T" + std::string(time));
  }
  // A spreadsheet's local time: H:MM or HH:MM, optionally :SS, read as China Standard Time.
  time = trim(time);
  const size_t colon = time.find(':');
  if (colon == std::string_view::npos || colon < 1 || colon > 2 || !digits(time.substr(0, colon))) return bad();
  std::string_view minutes = time.substr(colon + 1), seconds = "00";
  if (minutes.size() == 5 && minutes[2] == ':') {
    seconds = minutes.substr(3);
    minutes = minutes.substr(0, 2);
  }
  const std::string hh = two_digits(time.substr(0, colon));
  if (minutes.size() != 2 || !digits(minutes) || !digits(seconds) || hh > "23" || minutes > "59" || seconds > "59")
    return bad();
  return std::optional<std::string>(day + "T" + hh + ":" + std::string(minutes) + ":" + std::string(seconds) + "+08:00");
}

Result<std::optional<std::string>> code(std::string_view cell, std::string_view allowed, const Where& at) {
  if (cell.empty()) return std::optional<std::string>();
  for (std::string_view rest = allowed; !rest.empty();) {
    const size_t bar = rest.find('|');
    if (rest.substr(0, bar) == cell) return std::optional<std::string>(std::string(cell));
    rest.remove_prefix(bar == std::string_view::npos ? rest.size() : bar + 1);
  }
  Error e = csv_error("procurement_csv.bad_code", at, cell);
  std::string list(allowed);
  replace_all(list, "|", ", ");
  for (std::string* text : {&e.message, &e.message_en}) replace_all(*text, "{allowed}", list);
  return e;
}

Result<std::optional<std::string>> currency(std::string_view cell, const Where& at) {
  if (cell.empty()) return std::optional<std::string>();
  if (cell.size() != 3 || !std::all_of(cell.begin(), cell.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return csv_error("procurement_csv.bad_currency", at, cell);
  return std::optional<std::string>(std::string(cell));
}

Result<std::optional<uint64_t>> whole_number(std::string_view cell, const Where& at) {
  if (cell.empty()) return std::optional<uint64_t>();
  uint64_t n = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), n);
  if (!digits(cell) || ec != std::errc() || end != cell.data() + cell.size())
    return csv_error("procurement_csv.bad_integer", at, cell);
  return std::optional<uint64_t>(n);
}

}  // namespace lf::formats::procurement_csv
