// Writing the standard forms as XLSX (with libxlsxwriter), laid out the way the offices print them, and finding
// a form's heading row in a sheet that was read back. Reading lives in xlsx_read.cc.
#include "formats/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "base/text.h"

namespace lf::formats {
namespace {

constexpr const char* kFont = "宋体";
constexpr uint8_t kPaperA4 = 9;
constexpr lxw_color_t kHeadingFill = 0xD9E1F2;
constexpr size_t kMaxCellChars = 32767;  // Excel's limit on one cell's text
constexpr size_t kMaxSheetNameChars = 31;
constexpr lxw_row_t kFirstDataRow = 3;   // 0-based: title, header fields, headings come first
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 50;  // longer text wraps instead of widening the page
const char* const kFullWidthColon = "：";

Error write_failed(std::string_view what, lxw_error err) {
  Error e = make_error("xlsx.write_failed", "", 500);
  e.detail = std::string(what) + ": " + lxw_strerror(err);
  return e;
}

// ---- temp file --------------------------------------------------------------------------------------------

// libxlsxwriter 1.1 can only write to a path: a private file from mkstemp, removed when this goes away.
class TempFile {
 public:
  static Result<TempFile> create() {
    std::error_code ec;
    auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) return internal_error("xlsx: no temp directory: " + ec.message());
    std::string path = (dir / "lianfang-xlsx-XXXXXX").string();
    int fd = mkstemp(path.data());
    if (fd < 0) return internal_error("xlsx: mkstemp failed in " + dir.string());
    close(fd);
    return TempFile(std::move(path), dir.string());
  }
  TempFile(TempFile&& o) noexcept : path_(std::exchange(o.path_, {})), dir_(std::move(o.dir_)) {}
  TempFile& operator=(TempFile&&) = delete;
  ~TempFile() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove(path_, ec);
  }
  const std::string& path() const { return path_; }
  const std::string& dir() const { return dir_; }

  Result<std::string> read_all() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    if (!in || !out) return internal_error("xlsx: cannot read back " + path_);
    return out.str();
  }

 private:
  TempFile(std::string path, std::string dir) : path_(std::move(path)), dir_(std::move(dir)) {}
  std::string path_;
  std::string dir_;
};

// ---- text measures ----------------------------------------------------------------------------------------

// Decodes the code points of valid UTF-8 (callers check validity first).
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : b & (0x7F >> n);
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// Width in Excel's character units: CJK and full-width characters take two.
double display_width(std::string_view text) {
  double widest = 0, line = 0;
  for (char32_t cp : code_points(text)) {
    if (cp == U'\n') {
      widest = std::max(widest, line);
      line = 0;
      continue;
    }
    line += cp >= 0x2E80 ? 2 : 1;
  }
  return std::max(widest, line);
}

// The first `n` code points of valid UTF-8.
std::string utf8_prefix(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t count = 0; i < s.size() && count < n; ++count) {
    auto b = static_cast<unsigned char>(s[i]);
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  }
  return std::string(s.substr(0, std::min(i, s.size())));
}

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// ---- checks -----------------------------------------------------------------------------------------------

Status check_text(std::string_view text) {
  if (!is_valid_utf8(text)) return internal_error("xlsx: cell text is not valid UTF-8");
  if (utf8_length(text) > kMaxCellChars) return make_error("xlsx.cell_too_long", "", 400);
  return ok();
}

size_t table_width(const FormSheet& s) {
  size_t w = s.columns.size();
  for (const auto& row : s.rows) w = std::max(w, row.size());
  return std::max<size_t>(w, 1);
}

Status check_sheet(const FormSheet& s) {
  if (s.rows.size() + kFirstDataRow + 1 > LXW_ROW_MAX || table_width(s) > LXW_COL_MAX)
    return make_error("xlsx.too_many_rows", "", 413);
  LF_CHECK(check_text(s.name));
  LF_CHECK(check_text(s.title));
  for (const auto* fields : {&s.header, &s.footer})
    for (const auto& [label, value] : *fields) {
      LF_CHECK(check_text(label));
      LF_CHECK(check_text(value));
    }
  for (const auto& c : s.columns) LF_CHECK(check_text(c));
  for (const auto& row : s.rows)
    for (const auto& cell : row) LF_CHECK(check_text(cell));
  return ok();
}

// ---- sheet names ------------------------------------------------------------------------------------------

// Excel refuses []:*?/\ in sheet names, names over 31 characters, leading or trailing apostrophes and
// duplicates (ignoring case); a form's name is made acceptable rather than refused.
std::string clean_sheet_name(std::string_view wanted, size_t index) {
  std::string name;
  for (char c : wanted)
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) name += c;
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  name = utf8_prefix(name, kMaxSheetNameChars);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (trim(name).empty()) name = "Sheet" + std::to_string(index + 1);
  return name;
}

std::vector<std::string> sheet_names(const std::vector<FormSheet>& sheets) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string base = clean_sheet_name(sheets[i].name, i);
    std::string name = base;
    for (int n = 2; taken.count(ascii_lower(name)); ++n) {
      std::string suffix = std::to_string(n);
      suffix = '(' + suffix + ')';
      name = utf8_prefix(base, kMaxSheetNameChars - suffix.size()) + suffix;
    }
    taken.insert(ascii_lower(name));
    names.push_back(name);
  }
  return names;
}

// ---- formats ----------------------------------------------------------------------------------------------

struct Formats {
  lxw_format* title;
  lxw_format* field[3];  // left, centre, right
  lxw_format* heading;
  lxw_format* cell;
};

lxw_format* font_format(lxw_workbook* wb, double size) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, kFont);
  format_set_font_size(f, size);
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.title = font_format(wb, 16);
  format_set_bold(f.title);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);

  const uint8_t aligns[3] = {LXW_ALIGN_LEFT, LXW_ALIGN_CENTER, LXW_ALIGN_RIGHT};
  for (int i = 0; i < 3; ++i) {
    f.field[i] = font_format(wb, 11);
    format_set_align(f.field[i], aligns[i]);
    format_set_align(f.field[i], LXW_ALIGN_VERTICAL_CENTER);
  }

  f.heading = font_format(wb, 11);
  format_set_bold(f.heading);
  format_set_border(f.heading, LXW_BORDER_THIN);
  format_set_text_wrap(f.heading);
  format_set_align(f.heading, LXW_ALIGN_CENTER);
  format_set_align(f.heading, LXW_ALIGN_VERTICAL_CENTER);
  format_set_pattern(f.heading, LXW_PATTERN_SOLID);
  format_set_bg_color(f.heading, kHeadingFill);

  f.cell = font_format(wb, 11);
  format_set_border(f.cell, LXW_BORDER_THIN);
  format_set_text_wrap(f.cell);
  format_set_align(f.cell, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

// ---- layout -----------------------------------------------------------------------------------------------

// Writes `text` across columns [first, last] of `row`, merging when that spans more than one column.
Status write_span(lxw_worksheet* ws, lxw_row_t row, lxw_col_t first, lxw_col_t last, const std::string& text,
                  lxw_format* f) {
  lxw_error err = first == last ? worksheet_write_string(ws, row, first, text.c_str(), f)
                                : worksheet_merge_range(ws, row, first, row, last, text.c_str(), f);
  if (err != LXW_NO_ERROR) return write_failed("write cell", err);
  return ok();
}

// Lays "label：value" fields out on one row the way the paper forms do: the width is cut into as many
// equal spans as there are fields, the first field sits left, the last right, any others centred. With more
// fields than columns several share a span.
Status write_fields(lxw_worksheet* ws, lxw_row_t row, size_t width,
                    const std::vector<std::pair<std::string, std::string>>& fields, const Formats& f) {
  size_t spans = std::min(fields.size(), width);
  for (size_t i = 0; i < spans; ++i) {
    std::string text;
    for (size_t k = i * fields.size() / spans; k < (i + 1) * fields.size() / spans; ++k)
      text += (text.empty() ? "" : "　　") + field_text(fields[k]);
    auto first = static_cast<lxw_col_t>(i * width / spans);
    auto last = static_cast<lxw_col_t>((i + 1) * width / spans - 1);
    lxw_format* align = spans == 1 || i == 0 ? f.field[0] : i + 1 == spans ? f.field[2] : f.field[1];
    LF_CHECK(write_span(ws, row, first, last, text, align));
  }
  if (spans > 0) worksheet_set_row(ws, row, 24, nullptr);
  return ok();
}

// A column's width: as asked, or wide enough for its heading and widest line, within [8, 50].
double column_width(const FormSheet& s, size_t col) {
  if (col < s.widths.size() && s.widths[col] > 0) return s.widths[col];
  double w = col < s.columns.size() ? display_width(s.columns[col]) : 0;
  for (const auto& row : s.rows)
    if (col < row.size()) w = std::max(w, display_width(row[col]));
  return std::clamp(w + 2, kMinWidth, kMaxWidth);
}

Status write_table(lxw_worksheet* ws, const FormSheet& s, size_t width, const Formats& f) {
  const lxw_row_t heading_row = kFirstDataRow - 1;
  for (size_t c = 0; c < width; ++c) {
    const std::string& text = c < s.columns.size() ? s.columns[c] : std::string();
    lxw_error err = worksheet_write_string(ws, heading_row, static_cast<lxw_col_t>(c), text.c_str(), f.heading);
    if (err != LXW_NO_ERROR) return write_failed("write heading", err);
  }
  for (size_t r = 0; r < s.rows.size(); ++r) {
    // Every cell is written, empty ones too, so the ruled grid is complete on paper.
    for (size_t c = 0; c < width; ++c) {
      const std::string& text = c < s.rows[r].size() ? s.rows[r][c] : std::string();
      lxw_error err = worksheet_write_string(ws, static_cast<lxw_row_t>(kFirstDataRow + r), static_cast<lxw_col_t>(c),
                                             text.c_str(), f.cell);
      if (err != LXW_NO_ERROR) return write_failed("write cell", err);
    }
  }
  return ok();
}

void set_up_page(lxw_worksheet* ws, size_t width, const FormSheet& s) {
  for (size_t c = 0; c < width; ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), column_width(s, c), nullptr);
  worksheet_freeze_panes(ws, kFirstDataRow, 0);
  worksheet_set_paper(ws, kPaperA4);
  worksheet_set_landscape(ws);
  worksheet_center_horizontally(ws);
  worksheet_fit_to_pages(ws, 1, 0);  // all columns on one page's width, as many pages down as needed
  worksheet_repeat_rows(ws, kFirstDataRow - 1, kFirstDataRow - 1);
  worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

Status write_sheet(lxw_workbook* wb, const FormSheet& s, const std::string& name, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (!ws) return internal_error("xlsx: cannot add sheet " + name);
  const size_t width = table_width(s);
  LF_CHECK(write_span(ws, 0, 0, static_cast<lxw_col_t>(width - 1), s.title, f.title));
  worksheet_set_row(ws, 0, 30, nullptr);
  LF_CHECK(write_fields(ws, 1, width, s.header, f));
  LF_CHECK(write_table(ws, s, width, f));
  LF_CHECK(write_fields(ws, static_cast<lxw_row_t>(kFirstDataRow + s.rows.size()), width, s.footer, f));
  set_up_page(ws, width, s);
  return ok();
}

struct WorkbookFree {
  void operator()(lxw_workbook* wb) const { lxw_workbook_free(wb); }
};

}  // namespace

Result<std::string> write_xlsx(const std::vector<FormSheet>& sheets) {
  for (const auto& s : sheets) LF_CHECK(check_sheet(s));
  LF_TRY(TempFile file, TempFile::create());

  lxw_workbook_options options{};
  options.tmpdir = const_cast<char*>(file.dir().c_str());  // libxlsxwriter only reads it
  std::unique_ptr<lxw_workbook, WorkbookFree> wb(workbook_new_opt(file.path().c_str(), &options));
  if (!wb) return internal_error("xlsx: workbook_new_opt failed");

  const Formats formats = make_formats(wb.get());
  const auto names = sheet_names(sheets);
  for (size_t i = 0; i < sheets.size(); ++i) LF_CHECK(write_sheet(wb.get(), sheets[i], names[i], formats));
  // An XLSX needs at least one sheet for Excel to open it.
  if (sheets.empty() && !workbook_add_worksheet(wb.get(), nullptr)) return internal_error("xlsx: no sheet");

  lxw_error err = workbook_close(wb.release());  // writes the file and frees the workbook
  if (err != LXW_NO_ERROR) return write_failed("close workbook", err);
  return file.read_all();
}

// ---- headings ---------------------------------------------------------------------------------------------

namespace {

// Headings on paper forms get spaced out and broken over lines ("权 力\n名 称"); compare without whitespace.
std::string heading_key(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (text.substr(i).starts_with("\u3000")) {  // ideographic space
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

int find_heading_row(const SheetCells& sheet, const std::vector<std::string>& columns) {
  if (columns.empty()) return -1;
  const size_t limit = std::min<size_t>(sheet.rows.size(), 20);
  for (size_t r = 0; r < limit; ++r) {
    const auto found = heading_columns(sheet, static_cast<int>(r), columns);
    if (std::none_of(found.begin(), found.end(), [](int c) { return c < 0; })) return static_cast<int>(r);
  }
  return -1;
}

std::vector<int> heading_columns(const SheetCells& sheet, int row, const std::vector<std::string>& columns) {
  std::vector<int> out(columns.size(), -1);
  if (row < 0 || static_cast<size_t>(row) >= sheet.rows.size()) return out;
  std::map<std::string, int> index;  // the first cell wins when a heading repeats
  const auto& cells = sheet.rows[static_cast<size_t>(row)];
  for (size_t c = 0; c < cells.size(); ++c) index.emplace(heading_key(cells[c]), static_cast<int>(c));
  for (size_t i = 0; i < columns.size(); ++i)
    if (auto it = index.find(heading_key(columns[i])); it != index.end()) out[i] = it->second;
  return out;
}

}  // namespace lf::formats
