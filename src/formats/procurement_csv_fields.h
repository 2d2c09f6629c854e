// Inside the procurement CSV reader (formats/procurement_csv.h): one CSV file read whole into rows, and the
// cell values checked and converted (amounts, dates, codes), every failure an Error that names the file, the
// row and the column in both languages.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace lf::formats::procurement_csv {

// A cell's place, for messages: file name as the user knows it, row as a spreadsheet numbers it (the
// header is row 1; a row whose quoted field spans lines is numbered by its first line), column by its header.
struct Where {
  std::string_view file;
  int row = 0;
  std::string_view column;
};

// The catalogue's message for `code` with {file}, {row}, {column} and {value} filled in; field = the column.
Error csv_error(std::string_view code, const Where& at, std::string_view value = {});

struct Row {
  int line = 0;
  std::vector<std::string> cells;  // as many as the header has
};
struct Table {
  std::vector<std::string> header;  // trimmed, lower case
  std::vector<Row> rows;            // blank lines left out
};

// RFC 4180 with a UTF-8 byte order mark allowed, ',' or ';' as the separator (whichever the header uses more),
// quoted fields (which may hold separators, "" and line breaks), "\r\n" or "\n". Cells are trimmed of spaces.
// Errors: procurement_csv.not_utf8, procurement_csv.unclosed_quote, procurement_csv.no_header,
// procurement_csv.row_width (a row with more cells than the header; fewer are padded with empty cells).
Result<Table> read_table(std::string_view text, std::string_view file);

// An amount: digits with an optional sign, decimal point and exponent; "1,234,567.89" with exact groups of three
// when the separator is not ',' or the cell was quoted (the grouping commas are dropped). Converted as the OCDS
// reader converts JSON numbers, so that the same amount gives the same double. Empty = no amount.
// Errors: procurement_csv.bad_amount.
Result<std::optional<double>> amount(std::string_view cell, const Where& at);

// A date or a date-time, as OCDS writes it: "2024-03-01" and "2024-03-01T09:00:00+08:00" as written;
// "2024/3/1" becomes "2024-03-01"; "2024-03-01 09:00[:00]" (a spreadsheet's date-time, in China Standard Time)
// becomes "2024-03-01T09:00:00+08:00". Empty = no date. Errors: procurement_csv.bad_date.
Result<std::optional<std::string>> date(std::string_view cell, const Where& at);

// A value from a code list (`allowed`, separated by '|'); empty = none. Errors: procurement_csv.bad_code.
Result<std::optional<std::string>> code(std::string_view cell, std::string_view allowed, const Where& at);

// Three capital letters (ISO 4217); empty = none. Errors: procurement_csv.bad_currency.
Result<std::optional<std::string>> currency(std::string_view cell, const Where& at);

// A whole number ≥ 0; empty = none. Errors: procurement_csv.bad_integer.
Result<std::optional<uint64_t>> whole_number(std::string_view cell, const Where& at);

}  // namespace lf::formats::procurement_csv
