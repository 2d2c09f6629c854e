// Reading an uploaded XLSX: libzip opens the archive in memory, pugixml reads the parts. Uploads come from
// anyone, so sizes are checked before anything is inflated and every read is capped at what was declared.
#include <zip.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>

#include "formats/xlsx.h"

namespace lf::formats {
namespace {

constexpr zip_uint64_t kMaxUncompressed = 64u << 20;  // all parts together, inflated
constexpr size_t kMaxCells = 1'000'000;               // cells in the file, and cells in the grids we build
constexpr uint32_t kMaxRow = 1048576;
constexpr uint32_t kMaxCol = 16384;

Error not_xlsx(std::string_view why) {
  Error e = make_error("xlsx.not_xlsx", "", 400);
  e.detail = std::string(why);
  return e;
}

Error too_large(std::string_view why) {
  Error e = make_error("xlsx.too_large", "", 413);
  e.detail = std::string(why);
  return e;
}

// ---- archive ----------------------------------------------------------------------------------------------

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

class Archive {
 public:
  // Opens the bytes (which must outlive the Archive) and refuses archives that would inflate too far.
  static Result<Archive> open(std::string_view bytes) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) {
      zip_error_fini(&err);
      return internal_error("xlsx: zip_source_buffer_create failed");
    }
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!za) {
      std::string why = zip_error_strerror(&err);
      zip_source_free(src);
      zip_error_fini(&err);
      return not_xlsx("zip: " + why);
    }
    zip_error_fini(&err);
    Archive a(za);
    LF_CHECK(a.check_sizes());
    return a;
  }

  // The named part's bytes, or nullopt when the archive has no such part.
  Result<std::optional<std::string>> read(const std::string& name) const {
    zip_int64_t idx = zip_name_locate(za_.get(), name.c_str(), 0);
    if (idx < 0) idx = zip_name_locate(za_.get(), name.c_str(), ZIP_FL_NOCASE);
    if (idx < 0) return std::optional<std::string>();
    zip_stat_t st;
    if (zip_stat_index(za_.get(), static_cast<zip_uint64_t>(idx), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
      return not_xlsx("zip: cannot stat " + name);
    std::unique_ptr<zip_file_t, ZipFileClose> f(zip_fopen_index(za_.get(), static_cast<zip_uint64_t>(idx), 0));
    if (!f) return not_xlsx("zip: cannot open " + name);
    return read_capped(f.get(), st.size, name);
  }

 private:
  explicit Archive(zip_t* za) : za_(za) {}

  // The sizes a zip declares are checked before inflating anything; read_capped makes sure they were true.
  Status check_sizes() const {
    zip_int64_t n = zip_get_num_entries(za_.get(), 0);
    zip_uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
      zip_stat_t st;
      if (zip_stat_index(za_.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return not_xlsx("zip: cannot stat entry");
      if (st.size > kMaxUncompressed || total + st.size > kMaxUncompressed)
        return too_large("zip: declared sizes exceed 64 MiB");
      total += st.size;
    }
    return ok();
  }

  // Reads at most `declared` bytes; an entry that inflates to more than it declared is refused.
  static Result<std::optional<std::string>> read_capped(zip_file_t* f, zip_uint64_t declared,
                                                        const std::string& name) {
    std::string data(static_cast<size_t>(declared), '\0');
    size_t got = 0;
    while (got < data.size()) {
      zip_int64_t n = zip_fread(f, data.data() + got, data.size() - got);
      if (n < 0) return not_xlsx("zip: cannot read " + name);
      if (n == 0) break;
      got += static_cast<size_t>(n);
    }
    data.resize(got);
    char extra;
    zip_int64_t more = zip_fread(f, &extra, 1);
    if (more > 0) return too_large("zip: " + name + " inflates beyond its declared size");
    if (more < 0) return not_xlsx("zip: cannot read " + name);
    return std::optional<std::string>(std::move(data));
  }

  std::unique_ptr<zip_t, ZipDiscard> za_;
};

// ---- XML helpers ------------------------------------------------------------------------------------------

// Element names without their namespace prefix: some writers use "x:c" where Excel writes "c".
std::string_view local_name(const char* name) {
  std::string_view s(name);
  auto colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node n, std::string_view name) {
  for (pugi::xml_node c : n.children())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  return {};
}

template <class F>
void for_each_child(pugi::xml_node n, std::string_view name, F&& f) {
  for (pugi::xml_node c : n.children())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) f(c);
}

pugi::xml_attribute attribute(pugi::xml_node n, std::string_view name) {
  for (pugi::xml_attribute a : n.attributes())
    if (local_name(a.name()) == name) return a;
  return {};
}

// A parsed part; the document points into `text`, so both live together.
struct Xml {
  std::string text;
  pugi::xml_document doc;
};

Result<std::unique_ptr<Xml>> parse_part(const Archive& zip, const std::string& name, bool required) {
  LF_TRY(auto data, zip.read(name));
  if (!data) {
    if (required) return not_xlsx("missing part " + name);
    return std::unique_ptr<Xml>();
  }
  auto xml = std::make_unique<Xml>();
  xml->text = std::move(*data);
  // parse_ws_pcdata keeps text that is only spaces, e.g. <t xml:space="preserve"> </t>.
  auto parsed = xml->doc.load_buffer_inplace(xml->text.data(), xml->text.size(),
                                             pugi::parse_default | pugi::parse_ws_pcdata);
  if (!parsed) return not_xlsx(name + ": " + parsed.description());
  return xml;
}

// Undoes the _xHHHH_ escapes OOXML uses for characters XML cannot hold (control characters mostly).
std::string unescape_ooxml(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned cp = 0;
    if (s[i] == '_' && i + 7 <= s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
        std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16).ptr == s.data() + i + 6) {
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
      i += 7;
      continue;
    }
    out += s[i++];
  }
  return out;
}

// The text of a shared string item or inline string: plain <t>, or rich-text runs <r><t>; phonetic
// guides (<rPh>) are not part of the text.
std::string string_item_text(pugi::xml_node item) {
  std::string out;
  for (pugi::xml_node c : item.children()) {
    if (c.type() != pugi::node_element) continue;
    auto name = local_name(c.name());
    if (name == "t") out += c.text().get();
    if (name == "r") out += child(c, "t").text().get();
  }
  return unescape_ooxml(out);
}

// ---- package structure ------------------------------------------------------------------------------------

struct Relationship {
  std::string target;  // a part name inside the zip
  std::string type;
};
using Relationships = std::map<std::string, Relationship>;

std::string directory_of(const std::string& part) {
  auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// Resolves a relationship target against the directory of its source part ("../" included).
std::string resolve(const std::string& base_dir, const std::string& target) {
  if (target.starts_with("/")) return target.substr(1);
  std::vector<std::string> parts;
  std::string path = base_dir + target;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string rels_part_for(const std::string& part) {
  auto dir = directory_of(part);
  return dir + "_rels/" + part.substr(dir.size()) + ".rels";
}

Result<Relationships> read_relationships(const Archive& zip, const std::string& source_part) {
  LF_TRY(auto xml, parse_part(zip, rels_part_for(source_part), false));
  Relationships rels;
  if (!xml) return rels;
  const std::string base = directory_of(source_part);
  for_each_child(child(xml->doc, "Relationships"), "Relationship", [&](pugi::xml_node r) {
    if (std::string_view(r.attribute("TargetMode").value()) == "External") return;
    rels[r.attribute("Id").value()] = {resolve(base, r.attribute("Target").value()), r.attribute("Type").value()};
  });
  return rels;
}

// The first relationship whose type ends with "/<kind>" (types differ between strict and transitional).
std::optional<std::string> target_of_type(const Relationships& rels, std::string_view kind) {
  for (const auto& [id, rel] : rels) {
    std::string_view type = rel.type;
    if (type.ends_with(kind) && type.substr(0, type.size() - kind.size()).ends_with('/')) return rel.target;
  }
  return std::nullopt;
}

Result<std::string> workbook_part(const Archive& zip) {
  LF_TRY(auto root, read_relationships(zip, ""));
  return target_of_type(root, "officeDocument").value_or("xl/workbook.xml");
}

// ---- cell values ------------------------------------------------------------------------------------------

std::vector<std::string> read_shared_strings(const Xml* xml) {
  std::vector<std::string> out;
  if (!xml) return out;
  for_each_child(child(xml->doc, "sst"), "si", [&](pugi::xml_node si) { out.push_back(string_item_text(si)); });
  return out;
}

bool is_builtin_date_format(unsigned id) {
  // 14–17 and 22 everywhere; 27–31, 36, 50–54, 57–58 are the zh-CN dates (年/月/日); 18–21, 32–35, 45–47,
  // 55–56 are times of day and stay numbers.
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
         id == 57 || id == 58;
}

// A custom number format shows a date when, outside quoted text, escapes and [..] sections, it has a year or
// day token (or the 星期 token aaa). "m" alone could be minutes, so it does not count.
bool is_date_format_code(std::string_view code) {
  std::string bare;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';') break;  // the first section decides
    if (c == '"') {
      size_t end = code.find('"', i + 1);
      i = end == std::string_view::npos ? code.size() : end;
    } else if (c == '[') {
      size_t end = code.find(']', i + 1);
      i = end == std::string_view::npos ? code.size() : end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal, or padding
    } else {
      bare += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  return bare.find_first_of("yd") != std::string::npos || bare.find("aaa") != std::string::npos;
}

// For each cell style index: whether numbers in that style display as dates.
std::vector<bool> read_date_styles(const Xml* xml) {
  std::vector<bool> out;
  if (!xml) return out;
  pugi::xml_node sheet = child(xml->doc, "styleSheet");
  std::map<unsigned, bool> custom;
  for_each_child(child(sheet, "numFmts"), "numFmt", [&](pugi::xml_node f) {
    custom[f.attribute("numFmtId").as_uint()] = is_date_format_code(f.attribute("formatCode").value());
  });
  for_each_child(child(sheet, "cellXfs"), "xf", [&](pugi::xml_node xf) {
    unsigned id = xf.attribute("numFmtId").as_uint();
    auto it = custom.find(id);
    out.push_back(it != custom.end() ? it->second : is_builtin_date_format(id));
  });
  return out;
}

std::optional<double> parse_number(std::string_view text) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Numbers keep the text the file has, except that integral values lose a trailing ".0" or exponent
// ("3.0", "1E3"); beyond 15 digits doubles are not exact, so those stay as written.
std::string number_text(std::string_view raw) {
  auto v = parse_number(raw);
  if (!v || *v != std::trunc(*v) || std::fabs(*v) >= 1e15) return std::string(raw);
  return std::to_string(static_cast<long long>(*v));
}

std::string format_date(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

// An Excel serial day number as YYYY-MM-DD, or nullopt when it is no date Excel would show. The 1900 system
// counts 1900-01-01 as day 1 and, copying Lotus 1-2-3, has a 29 February 1900; days after it are one ahead.
std::optional<std::string> serial_date(double serial, bool date1904) {
  using namespace std::chrono;
  // Times are fractions of a day; half a millisecond of slack keeps 45000.99999999999 from losing a day.
  auto day = static_cast<long long>(std::floor(serial + 0.5 / 86'400'000));
  if (day > 2'958'465 || day < (date1904 ? 0 : 1)) return std::nullopt;  // past 9999-12-31, or before day 1
  if (date1904) return format_date(sys_days(year(1904) / January / 1) + days(day));
  if (day == 60) return "1900-02-29";
  const sys_days epoch = day < 60 ? sys_days(year(1899) / December / 31) : sys_days(year(1899) / December / 30);
  return format_date(epoch + days(day));
}

struct ValueContext {
  const std::vector<std::string>& shared;
  const std::vector<bool>& date_styles;
  bool date1904;
};

std::string cell_text(pugi::xml_node c, const ValueContext& ctx) {
  std::string_view type = c.attribute("t").value();
  if (type == "inlineStr") return string_item_text(child(c, "is"));
  std::string_view v = child(c, "v").text().get();
  if (type == "s") {
    auto index = parse_number(v);
    if (!index || *index < 0 || *index >= static_cast<double>(ctx.shared.size())) return "";
    return ctx.shared[static_cast<size_t>(*index)];
  }
  if (type == "str") return unescape_ooxml(v);
  if (type == "b") return v == "1" || v == "true" ? "TRUE" : "FALSE";
  if (type == "e") return std::string(v);
  if (type == "d") return v.size() >= 10 && v[4] == '-' && v[7] == '-' ? std::string(v.substr(0, 10)) : std::string(v);
  // A number; its style decides whether it shows as a date.
  unsigned style = c.attribute("s").as_uint();
  if (style < ctx.date_styles.size() && ctx.date_styles[style])
    if (auto serial = parse_number(v))
      if (auto date = serial_date(*serial, ctx.date1904)) return *date;
  return number_text(v);
}

// ---- sheets -----------------------------------------------------------------------------------------------

// "AB12" → column 28, row 12 (1-based); nullopt unless letters then digits, within Excel's limits.
struct CellRef {
  uint32_t row = 0;
  uint32_t col = 0;
};

std::optional<CellRef> parse_ref(std::string_view ref) {
  CellRef out;
  size_t i = 0;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i) {
    out.col = out.col * 26 + static_cast<uint32_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (out.col > kMaxCol) return std::nullopt;
  }
  if (i == 0 || i == ref.size()) return std::nullopt;
  auto [ptr, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), out.row);
  if (ec != std::errc() || ptr != ref.data() + ref.size() || out.row < 1 || out.row > kMaxRow) return std::nullopt;
  return out;
}

struct PlacedText {
  CellRef at;
  std::string text;
};

// Collects a sheet's non-empty cells. Cells and rows may omit their r attribute; they then follow the one
// before. `cells_seen` counts every <c> across the workbook, empty or not.
Result<std::vector<PlacedText>> read_cells(const pugi::xml_document& doc, const ValueContext& ctx,
                                           size_t& cells_seen) {
  std::vector<PlacedText> out;
  uint32_t row = 0;
  for_each_child(child(child(doc, "worksheet"), "sheetData"), "row", [&](pugi::xml_node r) {
    uint32_t given = r.attribute("r").as_uint();
    row = given >= 1 && given <= kMaxRow ? given : row + 1;
    uint32_t col = 0;
    for_each_child(r, "c", [&](pugi::xml_node c) {
      ++cells_seen;
      auto ref = parse_ref(c.attribute("r").value());
      CellRef at = ref ? *ref : CellRef{row, col + 1};
      col = at.col;
      if (at.row > kMaxRow || at.col > kMaxCol || cells_seen > kMaxCells) return;
      std::string text = cell_text(c, ctx);
      if (!text.empty()) out.push_back({at, std::move(text)});
    });
  });
  if (cells_seen > kMaxCells) return too_large("more than 1,000,000 cells");
  return out;
}

// Lays the cells out as rows of equal length, up to the last non-empty row and column. The grid is what costs
// memory, so its size counts against the cell limit too.
Result<std::vector<std::vector<std::string>>> to_grid(std::vector<PlacedText> cells, size_t& grid_cells) {
  uint32_t rows = 0, cols = 0;
  for (const auto& c : cells) {
    rows = std::max(rows, c.at.row);
    cols = std::max(cols, c.at.col);
  }
  grid_cells += static_cast<size_t>(rows) * cols;
  if (grid_cells > kMaxCells) return too_large("the sheets span more than 1,000,000 cells");
  std::vector<std::vector<std::string>> grid(rows, std::vector<std::string>(cols));
  for (auto& c : cells) grid[c.at.row - 1][c.at.col - 1] = std::move(c.text);
  return grid;
}

struct SheetEntry {
  std::string name;
  std::string part;
};

// The worksheets in workbook order (chartsheets and dialog sheets hold no cells and are left out).
std::vector<SheetEntry> list_sheets(const pugi::xml_document& workbook, const Relationships& rels) {
  std::vector<SheetEntry> out;
  for_each_child(child(child(workbook, "workbook"), "sheets"), "sheet", [&](pugi::xml_node s) {
    auto it = rels.find(attribute(s, "id").value());
    if (it == rels.end() || !it->second.type.ends_with("/worksheet")) return;
    out.push_back({s.attribute("name").value(), it->second.target});
  });
  return out;
}

bool uses_1904_dates(const pugi::xml_document& workbook) {
  return child(child(workbook, "workbook"), "workbookPr").attribute("date1904").as_bool();
}

}  // namespace

Result<std::vector<SheetCells>> read_xlsx(std::string_view bytes) {
  LF_TRY(Archive zip, Archive::open(bytes));
  LF_TRY(std::string wb_part, workbook_part(zip));
  LF_TRY(auto workbook, parse_part(zip, wb_part, true));
  if (!child(workbook->doc, "workbook")) return not_xlsx("no workbook element in " + wb_part);
  LF_TRY(Relationships rels, read_relationships(zip, wb_part));

  const std::string dir = directory_of(wb_part);
  const std::string sst_part = target_of_type(rels, "sharedStrings").value_or(dir + "sharedStrings.xml");
  const std::string styles_part = target_of_type(rels, "styles").value_or(dir + "styles.xml");
  LF_TRY(auto sst_xml, parse_part(zip, sst_part, false));
  LF_TRY(auto styles_xml, parse_part(zip, styles_part, false));
  const auto shared = read_shared_strings(sst_xml.get());
  sst_xml.reset();  // the strings are copied out; the DOM can go before the sheets are parsed
  const auto date_styles = read_date_styles(styles_xml.get());
  const ValueContext ctx{shared, date_styles, uses_1904_dates(workbook->doc)};

  std::vector<SheetCells> out;
  size_t cells_seen = 0, grid_cells = 0;
  for (const auto& entry : list_sheets(workbook->doc, rels)) {
    LF_TRY(auto sheet_xml, parse_part(zip, entry.part, true));
    LF_TRY(auto cells, read_cells(sheet_xml->doc, ctx, cells_seen));
    LF_TRY(auto grid, to_grid(std::move(cells), grid_cells));
    out.push_back({entry.name, std::move(grid)});
  }
  return out;
}

}  // namespace lf::formats
