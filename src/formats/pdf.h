// PDF for the standard forms: the same FormSheet as the XLSX writer (formats/xlsx.h), drawn with cairo and
// pango in a CJK font, A4 landscape, headings repeated on every page, page numbers in the footer.
#pragma once
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/xlsx.h"

namespace lf::formats {

// One sheet per section; each section starts on a new page. Returns the file's bytes.
// Layout, as the offices print these forms: A4 landscape, 15 mm margins, Noto Serif CJK SC; the title centred
// in bold; the header fields on one line as "label：value" (first left, last right, others centred); the table
// across the page, columns as wide as FormSheet.widths asks relative to each other (or as their text, when not
// given), headings bold on grey and repeated at the top of every page, text wrapped between any two Chinese
// characters; a row that does not fit moves to the next page (only a row taller than a page is cut, between
// lines); the footer fields after the last row; "第 N 页 共 M 页" at the bottom of every page, N and M counted
// over the whole file. Each sheet's first page is bookmarked under its title. No sheets give one blank page.
// Errors: pdf.cell_too_long (a text over 32,767 characters), pdf.write_failed; text that is not UTF-8 is an
// internal error.
Result<std::string> write_pdf(const std::vector<FormSheet>& sheets);

}  // namespace lf::formats
