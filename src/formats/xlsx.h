// XLSX in and out for the standard forms (附件一 ... 四 and their variants).
#pragma once
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace lf::formats {

// One sheet of a form as people fill it on paper: a title, header fields above the table (部门, 填表日期 ...),
// the table's column headings and rows, and footer fields below it (分管校领导, 部门负责人 ...).
struct FormSheet {
  std::string name;                                          // sheet name (≤ 31 characters)
  std::string title;                                         // merged across the table's width
  std::vector<std::pair<std::string, std::string>> header;   // label, value — laid out on one row
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::pair<std::string, std::string>> footer;   // label, value — laid out on one row
  std::vector<double> widths;                                // column widths in characters (optional)
};

// Writes a workbook with the given sheets; returns the file's bytes.
// Layout of each sheet, as the offices print these forms: row 1 the title, merged across the table; row 2 the
// header fields as "label：value" spread across the width (blank when there are none); row 3 the headings;
// rows 4.. the data, every cell written as text (so "001" stays "001"); then one row of footer fields, if any.
// Sheet names are made acceptable to Excel (bad characters dropped, cut to 31 characters, duplicates numbered).
// Errors: xlsx.cell_too_long (a text over 32,767 characters), xlsx.too_many_rows, xlsx.write_failed.
Result<std::string> write_xlsx(const std::vector<FormSheet>& sheets);

// A sheet as read: every non-empty cell's text by (row, column), 1-based like a spreadsheet shows them.
struct SheetCells {
  std::string name;
  std::vector<std::vector<std::string>> rows;  // rows[r-1][c-1]; short rows are padded with ""
};

// Reads every sheet's cell text (shared strings, inline strings, numbers as written, booleans, dates as
// YYYY-MM-DD when the cell is date-formatted). Errors: xlsx.not_xlsx, xlsx.too_large.
// Rows run to the last non-empty row and are all as long as the sheet's widest; "3.0" reads "3". Refused as
// too large: over 64 MiB inflated, over 1,000,000 cells, or grids spanning over 1,000,000 cells.
Result<std::vector<SheetCells>> read_xlsx(std::string_view bytes);

// Finds the row holding `columns` as headings (in any order, all present) within the first 20 rows and
// returns its 0-based index into sheet.rows, or -1. Whitespace does not count ("权 力\n名 称" is 权力名称).
int find_heading_row(const SheetCells& sheet, const std::vector<std::string>& columns);

// For each of `columns`, its 0-based column index in sheet.rows[row] matched the way find_heading_row matches,
// or -1 when absent (or when `row` is out of range).
std::vector<int> heading_columns(const SheetCells& sheet, int row, const std::vector<std::string>& columns);

}  // namespace lf::formats

namespace lf::formats {

// The value of a header field above the table ("部门：财务处" → "财务处") for the first of `labels` found in the rows
// before `heading_row`; full-width and ASCII colons both count.
std::optional<std::string> header_field(const SheetCells& sheet, int heading_row, const std::vector<std::string>& labels);
// "label：value" as a form prints a header or footer field (no second colon when the label has one).
std::string field_text(const std::pair<std::string, std::string>& field);
// Whether a row below the table is the footer (it starts with one of `labels`, e.g. 分管领导审核意见).
bool is_footer_row(const std::vector<std::string>& row, const std::vector<std::string>& labels);

}  // namespace lf::formats
