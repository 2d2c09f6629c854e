// Tenders, bids and awards as three CSV files, for units whose systems do not publish OCDS: tenders.csv (one
// row per procurement process), bids.csv (one row per bid) and awards.csv (one row per award), joined by the
// `ocid` column. Each process becomes the same ProcessFacts the OCDS reader gives for a compiled release with
// those fields (docs/redflags.md, "CSV instead of OCDS", has the column ↔ OCDS table), so that every indicator
// runs on it unchanged.
//
// The files are read all or nothing: the first problem stops the reading, with an error that names the file,
// the row (as a spreadsheet numbers it: the header is row 1) and the column, in Chinese and English.
#pragma once
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "engine/redflags.h"

namespace lf::formats {

// The three files' texts; bids and awards may be absent (no bids or awards known yet). Processes come in the
// order of tenders.csv; bids and awards in the order of their files.
// Errors (procurement_csv.*): not_utf8, unclosed_quote, no_header, row_width, unknown_column, duplicate_column,
// missing_column (no ocid), empty_value (an empty ocid), duplicate_ocid (in tenders.csv), unknown_ocid (a bid
// or award for a process tenders.csv lacks), bad_amount, bad_date, bad_code (a status or method outside the
// OCDS code list), bad_currency, bad_integer.
Result<std::vector<engine::redflags::ProcessFacts>> read_procurement_csv(std::string_view tenders,
                                                                         std::optional<std::string_view> bids,
                                                                         std::optional<std::string_view> awards);

// tenders.csv, bids.csv and awards.csv from a folder (the last two may be missing).
// Errors: those of read_procurement_csv; procurement_csv.file_missing (no tenders.csv, or `dir` is not a
// folder), procurement_csv.unreadable.
Result<std::vector<engine::redflags::ProcessFacts>> read_procurement_csv_dir(const std::filesystem::path& dir);

}  // namespace lf::formats
