// PDF for the standard forms: the same FormSheet as the XLSX writer (formats/xlsx.h), drawn with cairo and
// pango in a CJK font, A4 landscape, headings repeated on every page, page numbers in the footer.
#pragma once
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/xlsx.h"

namespace lf::formats {

// One sheet per section; each section starts on a new page. Returns the file's bytes.
Result<std::string> write_pdf(const std::vector<FormSheet>& sheets);

}  // namespace lf::formats
