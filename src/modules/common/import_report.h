// The outcome of an all-or-nothing spreadsheet import: counts when it went in, or every row error when nothing did.
#pragma once
#include <string>
#include <vector>

namespace lf::list {

struct ImportRowError {
  int row = 0;          // 1-based spreadsheet row
  std::string column;   // heading of the column at fault
  std::string sheet;
  std::string message, message_en;
};

struct ImportOutcome {
  bool imported = false;
  int created = 0, updated = 0, unchanged = 0;
  std::vector<ImportRowError> errors;
};

}  // namespace lf::list
