#include "formats/event_csv.h"

#include <fstream>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "formats/xes_date.h"

namespace lf::formats {
namespace {

// Splits CSV text into records, RFC 4180 style, reusing the field buffers between records.
class Records {
 public:
  Records(std::string_view text, char separator) : text_(text), sep_(separator) {}

  // Reads the next non-blank record into `fields`; false at the end of the text. Sets `open_quote` when the
  // text ends inside a quoted field.
  bool next(std::vector<std::string>& fields, size_t& count, bool& open_quote) {
    open_quote = false;
    while (pos_ < text_.size()) {
      line_at_start_ = line_;
      count = 0;
      bool blank = read_record(fields, count, open_quote);
      if (!blank || open_quote) return true;
    }
    return false;
  }
  // The line where the record last returned starts, from 1.
  size_t line() const { return line_at_start_; }

 private:
  // Returns true when the record is a blank line.
  bool read_record(std::vector<std::string>& fields, size_t& count, bool& open_quote) {
    size_t start = pos_;
    auto field = [&]() -> std::string& {
      if (count == fields.size()) fields.emplace_back();
      std::string& f = fields[count++];
      f.clear();
      return f;
    };
    std::string* f = &field();
    bool quoted = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (quoted) {
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            f->push_back('"');
            ++pos_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          f->push_back(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == sep_) {
        f = &field();
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        break;
      } else {
        f->push_back(c);
      }
    }
    if (quoted) open_quote = true;
    std::string_view raw = text_.substr(start, pos_ - start);
    return count == 1 && fields[0].empty() && raw.find('"') == std::string_view::npos;
  }

  std::string_view text_;
  char sep_;
  size_t pos_ = 0;
  size_t line_ = 1, line_at_start_ = 1;
};

Error at_line(std::string_view code, size_t line, std::string_view what = {}) {
  Error e = make_error(code);
  e.detail = "line " + std::to_string(line);
  if (!what.empty()) e.detail += ": " + std::string(what);
  return e;
}

int column_of(const std::vector<std::string>& header, size_t count, const std::string& name) {
  for (size_t i = 0; i < count; ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

char detect_separator(std::string_view text) {
  size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '\n' || c == '\r') break;
    else if (c == ',') ++commas;
    else if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

Result<engine::EventLog> read_event_csv(std::string_view text, const CsvColumns& columns) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Records records(text, detect_separator(text));
  std::vector<std::string> header, fields;
  size_t width = 0, count = 0;
  bool open_quote = false;
  if (!records.next(header, width, open_quote)) return make_error("csv.empty");
  if (open_quote) return at_line("csv.bad_row", records.line(), "unterminated quote");
  header.resize(width);

  int case_col = column_of(header, width, columns.case_id);
  int activity_col = column_of(header, width, columns.activity);
  int time_col = column_of(header, width, columns.time);
  int resource_col = column_of(header, width, columns.resource);
  for (auto [col, name] : {std::pair{case_col, &columns.case_id}, {activity_col, &columns.activity}}) {
    if (col < 0) {
      Error e = make_error("csv.missing_column");
      e.detail = "no column named " + *name;
      return e;
    }
  }

  engine::EventLog log;
  std::unordered_map<std::string, size_t> case_at;
  while (records.next(fields, count, open_quote)) {
    size_t line = records.line();
    if (open_quote) return at_line("csv.bad_row", line, "unterminated quote");
    if (count != width) {
      return at_line("csv.bad_row", line, std::to_string(count) + " fields, the header has " + std::to_string(width));
    }
    const std::string& case_id = fields[static_cast<size_t>(case_col)];
    const std::string& activity = fields[static_cast<size_t>(activity_col)];
    if (case_id.empty()) return at_line("csv.empty_value", line, columns.case_id);
    if (activity.empty()) return at_line("csv.empty_value", line, columns.activity);

    engine::Event e;
    e.activity = log.intern(activity);
    if (time_col >= 0 && !fields[static_cast<size_t>(time_col)].empty()) {
      e.time = parse_timestamp(fields[static_cast<size_t>(time_col)]);
      if (!e.time) return at_line("csv.bad_time", line, fields[static_cast<size_t>(time_col)]);
    }
    if (resource_col >= 0) e.resource = fields[static_cast<size_t>(resource_col)];
    for (size_t i = 0; i < width; ++i) {
      auto col = static_cast<int>(i);
      if (col == case_col || col == activity_col || col == time_col || col == resource_col) continue;
      if (fields[i].empty()) continue;
      e.attrs.push_back({header[i], engine::Attribute::Type::string, fields[i], {}});
    }

    auto [it, added] = case_at.try_emplace(case_id, log.cases.size());
    if (added) log.cases.push_back({case_id, {}, {}});
    log.cases[it->second].events.push_back(std::move(e));
  }
  return log;
}

Result<engine::EventLog> read_event_csv_file(const std::string& path, const CsvColumns& columns) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e = make_error("csv.unreadable");
    e.detail = path;
    return e;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return read_event_csv(s.str(), columns);
}

}  // namespace lf::formats
