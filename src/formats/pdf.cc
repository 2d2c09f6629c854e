// The standard forms as PDF, laid out the way the offices print them: A4 landscape; the title centred in bold;
// the header fields on one line; a ruled table whose headings repeat at the top of every page; the footer
// fields after the last row; "第 N 页 共 M 页" at the bottom of each page. Pango sets the text (Chinese wraps
// between any two characters), cairo draws it into a PDF kept in memory.
//
// Writing takes two steps so that M is known before any page is drawn: every sheet is measured and cut into
// pages first (a plan of what goes where), then the planned pages are drawn.
#include "formats/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "base/text.h"

namespace lf::formats {
namespace {

// ---- page geometry, in PDF points (1/72 inch) -------------------------------------------------------------

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 297 * kMm;  // A4 landscape
constexpr double kPageHeight = 210 * kMm;
constexpr double kMargin = 15 * kMm;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBodyTop = kMargin;
constexpr double kBodyBottom = kPageHeight - kMargin - 7 * kMm;  // the band below holds the page number
constexpr double kPadX = 4;        // between a cell's rules and its text
constexpr double kPadY = 3;
constexpr double kTitleGap = 10;   // below the title
constexpr double kFieldsGap = 6;   // between the header fields and the table, and the table and the footer
constexpr double kRuleWidth = 0.6;
constexpr double kHeadingGrey = 0.88;

// Column widths are weighed in the XLSX writer's unit (a Latin character; a Chinese one counts two) so that
// FormSheet.widths means the same in both formats. Widths taken from the content are kept within these bounds.
constexpr double kMinColumnUnits = 8;
constexpr double kMaxColumnUnits = 50;
constexpr double kMaxGivenUnits = 255;  // Excel's widest column; larger given widths are taken as this
constexpr double kCellFontSize = 10.5;  // 五号
constexpr double kPointsPerUnit = kCellFontSize / 2;

// Same limit as the XLSX writer's, so that a form exported one way exports the other; it also bounds the work
// pango does for one cell.
constexpr size_t kMaxTextChars = 32767;

const char* const kFullWidthColon = "：";

enum Font { kTitleFont, kFieldFont, kHeadingFont, kCellFont, kPageNumberFont, kFontCount };
constexpr std::array<const char*, kFontCount> kFontDescriptions = {
    "Noto Serif CJK SC Bold 16",   // 三号, bold
    "Noto Serif CJK SC 11",
    "Noto Serif CJK SC Bold 10.5",
    "Noto Serif CJK SC 10.5",
    "Noto Serif CJK SC 9",
};

// ---- owning handles for cairo, pango and GLib objects -------------------------------------------------------

template <auto Free>
struct Freer {
  template <class T>
  void operator()(T* p) const { Free(p); }
};
template <class T>
using GObject = std::unique_ptr<T, Freer<g_object_unref>>;
using FontDescription = std::unique_ptr<PangoFontDescription, Freer<pango_font_description_free>>;
using AttrList = std::unique_ptr<PangoAttrList, Freer<pango_attr_list_unref>>;
using LayoutIter = std::unique_ptr<PangoLayoutIter, Freer<pango_layout_iter_free>>;
using Surface = std::unique_ptr<cairo_surface_t, Freer<cairo_surface_destroy>>;
using Cairo = std::unique_ptr<cairo_t, Freer<cairo_destroy>>;

Error write_failed(std::string_view what, cairo_status_t status) {
  Error e = make_error("pdf.write_failed", "", 500);
  e.detail = "pdf: " + std::string(what) + ": " + cairo_status_to_string(status);
  return e;
}

// ---- checks -----------------------------------------------------------------------------------------------

Status check_text(std::string_view text) {
  if (!is_valid_utf8(text) || text.find('\0') != std::string_view::npos)
    return internal_error("pdf: text is not valid UTF-8");
  if (utf8_length(text) > kMaxTextChars) return make_error("pdf.cell_too_long", "", 400);
  return ok();
}

Status check_fields(const std::vector<std::pair<std::string, std::string>>& fields) {
  for (const auto& [label, value] : fields) {
    LF_CHECK(check_text(label));
    LF_CHECK(check_text(value));
  }
  return ok();
}

Status check_sheet(const FormSheet& s) {
  LF_CHECK(check_text(s.name));
  LF_CHECK(check_text(s.title));
  LF_CHECK(check_fields(s.header));
  LF_CHECK(check_fields(s.footer));
  for (const auto& heading : s.columns) LF_CHECK(check_text(heading));
  for (const auto& row : s.rows)
    for (const auto& cell : row) LF_CHECK(check_text(cell));
  return ok();
}

// ---- setting text -----------------------------------------------------------------------------------------

// A paragraph set to a width: pango's layout and where each of its lines lies, measured from the layout's top.
// Keeping the lines lets a row taller than a page be cut between two lines instead of through one.
struct Block {
  struct Line {
    double top, bottom;
  };
  GObject<PangoLayout> layout;
  std::vector<Line> lines;  // never empty: pango gives even an empty text one line

  double height() const { return lines.back().bottom; }
  // The height of lines [from, to), to > from.
  double span(size_t from, size_t to) const { return lines[to - 1].bottom - lines[from].top; }
};

std::vector<Block::Line> line_positions(PangoLayout* layout) {
  std::vector<Block::Line> lines;
  LayoutIter it(pango_layout_get_iter(layout));
  do {
    int top = 0, bottom = 0;
    pango_layout_iter_get_line_yrange(it.get(), &top, &bottom);
    lines.push_back({pango_units_to_double(top), pango_units_to_double(bottom)});
  } while (pango_layout_iter_next_line(it.get()));
  return lines;
}

// Sets text for one document. Each document gets a font map of its own: pango's default one is shared
// process-wide, and layouts from several threads must not meet in it.
class Typesetter {
 public:
  static Result<Typesetter> create(cairo_t* cr) {
    Typesetter t;
    t.map_.reset(pango_cairo_font_map_new());
    if (!t.map_) return internal_error("pdf: pango_cairo_font_map_new failed");
    // Pango's default is 96 dpi; at 72 a font's size in points is its size in the PDF's units.
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(t.map_.get()), 72);
    t.context_.reset(pango_font_map_create_context(t.map_.get()));
    if (!t.context_) return internal_error("pdf: pango_font_map_create_context failed");
    // Takes the PDF surface's font options (no hinting), so text measured here is as wide as it is drawn.
    pango_cairo_update_context(cr, t.context_.get());
    pango_context_set_language(t.context_.get(), pango_language_from_string("zh-cn"));
    pango_context_set_round_glyph_positions(t.context_.get(), FALSE);
    for (size_t i = 0; i < kFontCount; ++i)
      t.fonts_[i].reset(pango_font_description_from_string(kFontDescriptions[i]));
    // Cutting a long number or code across lines must not add a hyphen that was never typed.
    t.attributes_.reset(pango_attr_list_new());
    pango_attr_list_insert(t.attributes_.get(), pango_attr_insert_hyphens_new(FALSE));
    return t;
  }

  // `text` wrapped to `width` points, anywhere between characters where a word does not fit.
  Block set(std::string_view text, Font font, double width, PangoAlignment align) const {
    GObject<PangoLayout> layout = new_layout(text, font);
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width(layout.get(), pango_units_from_double(std::max(width, 1.0)));
    pango_layout_set_alignment(layout.get(), align);
    std::vector<Block::Line> lines = line_positions(layout.get());
    return Block{std::move(layout), std::move(lines)};
  }

  // The width `text` takes unwrapped (its widest line), in points.
  double natural_width(std::string_view text, Font font) const {
    GObject<PangoLayout> layout = new_layout(text, font);
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return pango_units_to_double(logical.width);
  }

 private:
  Typesetter() = default;

  GObject<PangoLayout> new_layout(std::string_view text, Font font) const {
    GObject<PangoLayout> layout(pango_layout_new(context_.get()));
    pango_layout_set_font_description(layout.get(), fonts_[font].get());
    pango_layout_set_attributes(layout.get(), attributes_.get());
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));  // size checked: ≤ 32767 chars
    return layout;
  }

  // Declared in the order they depend on each other: the context is released before its font map.
  GObject<PangoFontMap> map_;
  GObject<PangoContext> context_;
  std::array<FontDescription, kFontCount> fonts_;
  AttrList attributes_;
};

// ---- one sheet, measured ----------------------------------------------------------------------------------

// A line of "label：value" fields spread across the page: the width is cut into equal spans, the first field
// sits left, the last right, any between centred (one field alone sits left).
struct Fields {
  std::vector<Block> blocks;
  double height = 0;

  bool empty() const { return blocks.empty(); }
  double x(size_t i) const { return kMargin + kContentWidth * static_cast<double>(i) / static_cast<double>(blocks.size()); }
};

struct Table {
  std::vector<double> x, width;  // per column
  std::vector<Block> headings;
  std::vector<std::vector<Block>> rows;
};

struct SheetLayout {
  std::optional<Block> title;
  Fields header, footer;
  Table table;
  std::string outline;  // the sheet's entry in the PDF's bookmarks
};

PangoAlignment field_alignment(size_t i, size_t count) {
  if (i == 0) return PANGO_ALIGN_LEFT;
  return i + 1 == count ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER;
}

Fields set_fields(const Typesetter& t, const std::vector<std::pair<std::string, std::string>>& fields) {
  Fields out;
  const double span = kContentWidth / static_cast<double>(std::max<size_t>(fields.size(), 1));
  for (size_t i = 0; i < fields.size(); ++i) {
    out.blocks.push_back(t.set(field_text(fields[i]), kFieldFont, span, field_alignment(i, fields.size())));
    out.height = std::max(out.height, out.blocks.back().height());
  }
  return out;
}

size_t column_count(const FormSheet& s) {
  size_t n = s.columns.size();
  for (const auto& row : s.rows) n = std::max(n, row.size());
  return std::max<size_t>(n, 1);
}

const std::string& text_at(const std::vector<std::string>& texts, size_t i) {
  static const std::string kEmpty;
  return i < texts.size() ? texts[i] : kEmpty;
}

// A column's share of the width: as asked, or by its widest heading or unwrapped cell.
double column_weight(const Typesetter& t, const FormSheet& s, size_t col) {
  if (col < s.widths.size() && s.widths[col] > 0) return std::min(s.widths[col], kMaxGivenUnits);  // NaN fails > 0
  const double cap = kMaxColumnUnits * kPointsPerUnit;
  double widest = t.natural_width(text_at(s.columns, col), kHeadingFont);
  for (size_t r = 0; r < s.rows.size() && widest < cap; ++r)
    widest = std::max(widest, t.natural_width(text_at(s.rows[r], col), kCellFont));
  return std::clamp(widest / kPointsPerUnit + 2, kMinColumnUnits, kMaxColumnUnits);
}

void place_columns(const Typesetter& t, const FormSheet& s, Table& table) {
  const size_t n = column_count(s);
  std::vector<double> weights(n);
  for (size_t c = 0; c < n; ++c) weights[c] = column_weight(t, s, c);
  double total = 0;
  for (double w : weights) total += w;
  double x = kMargin;
  for (double w : weights) {
    table.x.push_back(x);
    table.width.push_back(kContentWidth * w / total);
    x += table.width.back();
  }
}

std::vector<Block> set_row(const Typesetter& t, const Table& table, const std::vector<std::string>& texts, Font font,
                           PangoAlignment align) {
  std::vector<Block> cells;
  for (size_t c = 0; c < table.width.size(); ++c)
    cells.push_back(t.set(text_at(texts, c), font, table.width[c] - 2 * kPadX, align));
  return cells;
}

SheetLayout set_sheet(const Typesetter& t, const FormSheet& s) {
  SheetLayout out;
  if (!s.title.empty()) out.title = t.set(s.title, kTitleFont, kContentWidth, PANGO_ALIGN_CENTER);
  out.header = set_fields(t, s.header);
  out.footer = set_fields(t, s.footer);
  place_columns(t, s, out.table);
  out.table.headings = set_row(t, out.table, s.columns, kHeadingFont, PANGO_ALIGN_CENTER);
  for (const auto& row : s.rows) out.table.rows.push_back(set_row(t, out.table, row, kCellFont, PANGO_ALIGN_LEFT));
  out.outline = s.title.empty() ? s.name : s.title;
  return out;
}

// ---- cutting sheets into pages ----------------------------------------------------------------------------

// The lines [from, to) of one cell shown on a page.
struct LineRange {
  size_t from = 0, to = 0;
};

// A table row, or the headings, as drawn on one page: the whole row, or a part of one taller than a page.
struct Slice {
  const std::vector<Block>* cells;
  std::vector<LineRange> lines;  // per cell; empty ranges where a cell's text ended on an earlier page
  double y = 0, height = 0;
  bool heading = false;
  bool whole = true;  // a whole row's text is centred vertically; parts of a split row sit at the top
};

struct Page {
  const SheetLayout* sheet;
  std::optional<double> title_y, header_y, footer_y;
  std::vector<Slice> slices;
};

double row_height(const std::vector<Block>& cells) {
  double h = 0;
  for (const auto& cell : cells) h = std::max(h, cell.height());
  return h + 2 * kPadY;
}

bool finished(const std::vector<Block>& cells, const std::vector<size_t>& next) {
  for (size_t c = 0; c < cells.size(); ++c)
    if (next[c] < cells[c].lines.size()) return false;
  return true;
}

// Lays one sheet onto pages, appending them to `pages`.
class Paginator {
 public:
  Paginator(const SheetLayout& sheet, std::vector<Page>& pages) : sheet_(sheet), pages_(pages) {}

  void run() {
    open_first_page();
    for (const auto& row : sheet_.table.rows) place_row(row);
    place_footer();
  }

 private:
  Page& page() { return pages_.back(); }
  double room() const { return kBodyBottom - y_; }

  void open_first_page() {
    pages_.push_back(Page{&sheet_, {}, {}, {}, {}});
    y_ = kBodyTop;
    if (sheet_.title) {
      page().title_y = y_;
      y_ += sheet_.title->height() + kTitleGap;
    }
    if (!sheet_.header.empty()) {
      page().header_y = y_;
      y_ += sheet_.header.height + kFieldsGap;
    }
    place_headings();
  }

  void new_page(bool with_headings) {
    pages_.push_back(Page{&sheet_, {}, {}, {}, {}});
    y_ = kBodyTop;
    rows_on_page_ = 0;
    if (with_headings) place_headings();
  }

  void place_headings() {
    const auto& cells = sheet_.table.headings;
    Slice s{&cells, {}, y_, row_height(cells), true, true};
    for (const auto& cell : cells) s.lines.push_back({0, cell.lines.size()});
    page().slices.push_back(std::move(s));
    y_ += page().slices.back().height;
  }

  // A row that does not fit below the previous one moves to the next page; only a row taller than a whole
  // page is cut, between lines, starting right below the previous row.
  void place_row(const std::vector<Block>& cells) {
    const double fresh_room = kBodyBottom - kBodyTop - row_height(sheet_.table.headings);
    const double whole = row_height(cells);
    if (whole > room() && whole <= fresh_room) new_page(true);
    std::vector<size_t> next(cells.size(), 0);
    bool first_part = true;
    while (!finished(cells, next)) {
      Slice s = take_slice(cells, next, rows_on_page_ == 0);
      if (s.height == 0) {  // not even one line fits below the previous row
        new_page(true);
        continue;
      }
      s.whole = first_part && finished(cells, next);
      first_part = false;
      y_ += s.height;
      ++rows_on_page_;
      page().slices.push_back(std::move(s));
      if (!finished(cells, next)) new_page(true);
    }
  }

  // As many lines of each cell as fit in the room left, advancing `next`. At the top of a page at least one
  // line of each cell is taken, so a row always makes progress.
  Slice take_slice(const std::vector<Block>& cells, std::vector<size_t>& next, bool page_top) {
    Slice s{&cells, {}, y_, 0, false, true};
    const double avail = room() - 2 * kPadY;
    double content = 0;
    for (size_t c = 0; c < cells.size(); ++c) {
      const Block& cell = cells[c];
      size_t from = next[c], to = from;
      while (to < cell.lines.size() && cell.span(from, to + 1) <= avail) ++to;
      if (to == from && from < cell.lines.size() && page_top) ++to;
      s.lines.push_back({from, to});
      if (to > from) content = std::max(content, cell.span(from, to));
    }
    if (content == 0) return s;
    for (size_t c = 0; c < cells.size(); ++c) next[c] = s.lines[c].to;
    s.height = content + 2 * kPadY;
    return s;
  }

  // The footer fields go below the last row, or at the top of a page of their own when they do not fit.
  void place_footer() {
    if (sheet_.footer.empty()) return;
    if (kFieldsGap + sheet_.footer.height > room()) {
      new_page(false);
    } else {
      y_ += kFieldsGap;
    }
    page().footer_y = y_;
    y_ += sheet_.footer.height;
  }

  const SheetLayout& sheet_;
  std::vector<Page>& pages_;
  double y_ = kBodyTop;
  int rows_on_page_ = 0;
};

// ---- drawing ----------------------------------------------------------------------------------------------

void draw_block(cairo_t* cr, const Block& block, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, block.layout.get());
}

void draw_fields(cairo_t* cr, const Fields& fields, double y) {
  for (size_t i = 0; i < fields.blocks.size(); ++i) draw_block(cr, fields.blocks[i], fields.x(i), y);
}

// One cell's lines [from, to), clipped to exactly those lines (and the cell's width) so that neither the lines
// of a split row's other parts nor text too wide for a narrow column show.
void draw_cell_text(cairo_t* cr, const Block& cell, LineRange lines, double x, double width, const Slice& s) {
  if (lines.to == lines.from) return;
  const double content = cell.span(lines.from, lines.to);
  const double top = s.whole ? s.y + (s.height - content) / 2 : s.y + kPadY;
  cairo_save(cr);
  cairo_rectangle(cr, x, top, width, content);
  cairo_clip(cr);
  draw_block(cr, cell, x + kPadX, top - cell.lines[lines.from].top);
  cairo_restore(cr);
}

double table_right(const Table& table) { return table.x.back() + table.width.back(); }

void rule(cairo_t* cr, double x0, double y0, double x1, double y1) {
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
}

// A slice's rules: the line above it and those between its cells. Every rule is drawn once (the line below
// a slice is the next one's line above, or the page's closing line), as a line stroked twice comes out darker.
void draw_slice_rules(cairo_t* cr, const Table& table, const Slice& s) {
  rule(cr, table.x.front(), s.y, table_right(table), s.y);
  for (double x : table.x) rule(cr, x, s.y, x, s.y + s.height);
  rule(cr, table_right(table), s.y, table_right(table), s.y + s.height);
  cairo_stroke(cr);
}

void draw_slice(cairo_t* cr, const Table& table, const Slice& s) {
  if (s.heading) {
    cairo_rectangle(cr, table.x.front(), s.y, table_right(table) - table.x.front(), s.height);
    cairo_set_source_rgb(cr, kHeadingGrey, kHeadingGrey, kHeadingGrey);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
  }
  for (size_t c = 0; c < s.cells->size(); ++c)
    draw_cell_text(cr, (*s.cells)[c], s.lines[c], table.x[c], table.width[c], s);
  draw_slice_rules(cr, table, s);
}

void draw_table(cairo_t* cr, const Table& table, const std::vector<Slice>& slices) {
  if (slices.empty()) return;
  for (const auto& slice : slices) draw_slice(cr, table, slice);
  const double bottom = slices.back().y + slices.back().height;
  rule(cr, table.x.front(), bottom, table_right(table), bottom);
  cairo_stroke(cr);
}

// "第 N 页 共 M 页" spaced with en spaces (half an em, as a space is in 宋体, the font the paper forms are typed
// in). The CJK font's own space is a quarter em, narrow enough that text extraction (pdftotext, a viewer's
// copy and search) reads "第1页共8页".
std::string page_number_text(size_t number, size_t total) {
  const std::string gap = "\u2002";
  return "第" + gap + std::to_string(number) + gap + "页" + gap + "共" + gap + std::to_string(total) + gap + "页";
}

void draw_page(cairo_t* cr, const Typesetter& t, const Page& page, size_t number, size_t total) {
  const SheetLayout& sheet = *page.sheet;
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, kRuleWidth);
  if (page.title_y) draw_block(cr, *sheet.title, kMargin, *page.title_y);
  if (page.header_y) draw_fields(cr, sheet.header, *page.header_y);
  draw_table(cr, sheet.table, page.slices);
  if (page.footer_y) draw_fields(cr, sheet.footer, *page.footer_y);
  Block footer = t.set(page_number_text(number, total), kPageNumberFont, kContentWidth, PANGO_ALIGN_CENTER);
  draw_block(cr, footer, kMargin, kPageHeight - kMargin - footer.height());
  cairo_show_page(cr);
}

// Each sheet's first page in the PDF's bookmarks, under its title.
void add_outline(cairo_surface_t* surface, const std::vector<Page>& pages) {
  const SheetLayout* previous = nullptr;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].sheet == previous) continue;
    previous = pages[i].sheet;
    if (previous->outline.empty()) continue;
    std::string link = "page=" + std::to_string(i + 1);
    cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, previous->outline.c_str(), link.c_str(),
                                  static_cast<cairo_pdf_outline_flags_t>(0));
  }
}

// cairo's output callback. It must not let an exception unwind through cairo's C frames.
cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) noexcept {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

void set_metadata(cairo_surface_t* surface, const std::vector<FormSheet>& sheets) {
  if (!sheets.empty() && !sheets.front().title.empty())
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, sheets.front().title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "廉防 Lianfang");
}

// Plans and draws every page onto the surface behind `cr`.
Status draw_document(cairo_t* cr, cairo_surface_t* surface, const std::vector<FormSheet>& sheets) {
  LF_TRY(Typesetter t, Typesetter::create(cr));
  std::vector<SheetLayout> layouts;
  layouts.reserve(sheets.size());  // pages point into it
  for (const auto& s : sheets) layouts.push_back(set_sheet(t, s));
  std::vector<Page> pages;
  for (const auto& layout : layouts) Paginator(layout, pages).run();
  for (size_t i = 0; i < pages.size(); ++i) draw_page(cr, t, pages[i], i + 1, pages.size());
  add_outline(surface, pages);
  if (cairo_status_t st = cairo_status(cr); st != CAIRO_STATUS_SUCCESS) return write_failed("drawing", st);
  return ok();
}

}  // namespace

Result<std::string> write_pdf(const std::vector<FormSheet>& sheets) {
  for (const auto& s : sheets) LF_CHECK(check_sheet(s));
  std::string bytes;  // outlives the surface, which writes into it until finished
  Surface surface(cairo_pdf_surface_create_for_stream(append_bytes, &bytes, kPageWidth, kPageHeight));
  if (cairo_status_t st = cairo_surface_status(surface.get()); st != CAIRO_STATUS_SUCCESS)
    return write_failed("creating the surface", st);
  set_metadata(surface.get(), sheets);
  {
    Cairo cr(cairo_create(surface.get()));
    LF_CHECK(draw_document(cr.get(), surface.get(), sheets));
  }
  cairo_surface_finish(surface.get());
  if (cairo_status_t st = cairo_surface_status(surface.get()); st != CAIRO_STATUS_SUCCESS)
    return write_failed("finishing", st);
  return bytes;
}

}  // namespace lf::formats
