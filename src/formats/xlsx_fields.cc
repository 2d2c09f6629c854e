// Header and footer fields of the standard forms, read back from a sheet.
#include "base/text.h"
#include "formats/xlsx.h"

namespace lf::formats {

std::optional<std::string> header_field(const SheetCells& sheet, int heading_row, const std::vector<std::string>& labels) {
  for (const auto& label : labels)
    for (int r = 0; r < heading_row && size_t(r) < sheet.rows.size(); ++r)
      for (const auto& cell : sheet.rows[size_t(r)])
        for (const char* colon : {"：", ":"}) {
          const std::string key = label + colon;
          // A form may put several fields in one cell ("部门：财务处    填表日期：…"): cut at the next wide gap.
          if (auto at = cell.find(key); at != std::string::npos) {
            std::string value = cell.substr(at + key.size());
            if (auto gap = value.find("  "); gap != std::string::npos) value.resize(gap);
            return trim(value);
          }
        }
  return std::nullopt;
}

std::string field_text(const std::pair<std::string, std::string>& field) {
  const auto& [label, value] = field;
  const bool has_colon = label.ends_with("：") || label.ends_with(":");
  return label + (has_colon ? "" : "：") + value;
}

bool is_footer_row(const std::vector<std::string>& row, const std::vector<std::string>& labels) {
  for (const auto& cell : row)
    for (const auto& label : labels)
      if (trim(cell).rfind(label, 0) == 0) return true;
  return false;
}

}  // namespace lf::formats
