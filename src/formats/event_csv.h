// Event logs as CSV, one event per row, as exported from business systems, PM4Py or Disco: a header row naming
// the columns, then rows in any order of cases. Columns are found by name (PM4Py's names by default); the
// separator is ',' or ';', whichever the header uses more; fields may be quoted ("a;b", "say ""yes""") and
// quoted fields may span lines. A case's events are taken in file order; cases in order of first appearance.
// Columns other than the four named ones become string attributes of the event (empty cells are left out).
#pragma once
#include <string>
#include <string_view>

#include "base/result.h"
#include "engine/log.h"

namespace lf::formats {

struct CsvColumns {
  std::string case_id = "case:concept:name";
  std::string activity = "concept:name";
  std::string time = "time:timestamp";   // optional: a log without it has no times
  std::string resource = "org:resource";  // optional
};

// Errors (detail names the line or column): csv.empty (no header row), csv.missing_column (no case or
// activity column), csv.bad_row (a row with more or fewer fields than the header, or a quote left open),
// csv.empty_value (a row without a case id or an activity), csv.bad_time (a time that is not a timestamp in
// one of the forms of formats/xes_date.h). Timestamps may carry different UTC offsets. A UTF-8 byte order mark
// is skipped; blank lines are ignored; "\r\n" ends a row like "\n".
Result<engine::EventLog> read_event_csv(std::string_view text, const CsvColumns& columns = {});
// Errors: those of read_event_csv, csv.unreadable.
Result<engine::EventLog> read_event_csv_file(const std::string& path, const CsvColumns& columns = {});

// ';' when the header line holds more semicolons than commas outside quotes, else ','.
char detect_separator(std::string_view text);

}  // namespace lf::formats
