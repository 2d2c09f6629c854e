// XLSX in and out: forms written with write_xlsx read back cell for cell; hand-built archives exercise the
// reader's string kinds, dates and numbers; broken and oversized uploads are refused.
#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

#include "formats/xlsx.h"

namespace lf::formats {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

// Builds a zip in memory with libzip, deflating every file.
std::string make_zip(const Files& files) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(out);  // zip_close would free it; its bytes are wanted afterwards
  zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &err);
  EXPECT_NE(za, nullptr);
  for (const auto& [name, data] : files) {
    zip_source_t* src = zip_source_buffer(za, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0) << name;
  }
  EXPECT_EQ(zip_close(za), 0);
  zip_stat_t st;
  EXPECT_EQ(zip_source_stat(out, &st), 0);
  std::string bytes(st.size, '\0');
  EXPECT_EQ(zip_source_open(out), 0);
  EXPECT_EQ(zip_source_read(out, bytes.data(), bytes.size()), static_cast<zip_int64_t>(bytes.size()));
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&err);
  return bytes;
}

// One part of a written workbook, for checking layout that cell text does not show.
std::string zip_part(const std::string& bytes, const std::string& name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  std::string out;
  if (zip_file_t* f = za ? zip_fopen(za, name.c_str(), 0) : nullptr) {
    char buf[4096];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
  }
  if (za) zip_discard(za);
  zip_error_fini(&err);
  return out;
}

const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
    R"(</Relationships>)";

const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/other.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";

// Two sheets; the second is listed first in the rels but second in the workbook, and uses an "x:" prefix.
const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
    R"(<sheet name="清单" sheetId="1" r:id="rId1"/><sheet name="其他" sheetId="2" r:id="rId2"/></sheets></workbook>)";

const char* kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">)"
    R"(<si><t>权力名称</t></si>)"
    R"(<si><r><rPr><b/></rPr><t>资金</t></r><r><t xml:space="preserve"> 审批</t></r><rPh sb="0" eb="2"><t>ZIJIN</t></rPh></si>)"
    R"(<si><t>行_x000A_二</t></si>)"
    R"(</sst>)";

// cellXfs: 0 general, 1 built-in date (14), 2 custom 年月日, 3 a time of day (20), 4 a number with decimals.
const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>)"
    R"(<numFmt numFmtId="165" formatCode="[Red]0.00&quot;days&quot;"/></numFmts>)"
    R"(<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="20"/><xf numFmtId="165"/></cellXfs>)"
    R"(</styleSheet>)";

const char* kSheet1 =
    R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>具体内容</t></is></c>)"
    R"(<c r="C1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>)"
    R"(<row r="2"><c r="B2"><v>3.0</v></c><c r="C2"><v>0.1</v></c><c r="D2"><v>001</v></c><c r="E2"><v>1E3</v></c>)"
    R"(<c r="F2"><v>12345678901234567890</v></c><c r="G2" s="4"><v>2.50</v></c></row>)"
    R"(<row r="3"><c r="A3" s="1"><v>46347</v></c><c r="B3" s="2"><v>45000.75</v></c><c r="C3" s="1"><v>59</v></c>)"
    R"(<c r="D3" s="1"><v>60</v></c><c r="E3" s="1"><v>61</v></c><c r="F3" s="3"><v>0.5</v></c><c r="G3" s="1"><v>0</v></c></row>)"
    R"(<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="e"><v>#DIV/0!</v></c><c r="C5" t="str"><f>A1</f><v>公式</v></c>)"
    R"(<c r="D5" t="s"><v>2</v></c><c r="E5" s="1"/></row>)"
    R"(<row><c><v>7</v></c><c><v>8</v></c></row>)"
    R"(</sheetData></worksheet>)";

const char* kSheet2 =
    R"(<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
    R"(<x:row r="2"><x:c r="C2" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row>)"
    R"(</x:sheetData></x:worksheet>)";

Files minimal_xlsx_files() {
  return {{"[Content_Types].xml", R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
          {"_rels/.rels", kRootRels},
          {"xl/workbook.xml", kWorkbook},
          {"xl/_rels/workbook.xml.rels", kWorkbookRels},
          {"xl/sharedStrings.xml", kSharedStrings},
          {"xl/styles.xml", kStyles},
          {"xl/worksheets/sheet1.xml", kSheet1},
          {"xl/worksheets/other.xml", kSheet2}};
}

std::vector<FormSheet> two_forms(const std::string& long_text) {
  FormSheet powers;
  powers.name = "职权目录";
  powers.title = "福州职业技术学院廉政风险防控职权目录";
  powers.header = {{"部门", "财务处"}, {"填表日期", "2026-11-21"}};
  powers.columns = {"权力名称", "具体内容", "办理主体", "制度依据"};
  powers.rows = {{"经费报销审核", long_text, "财务处", "《财务管理办法》"},
                 {"预算编制", "", "财务处", "001"},
                 {"票据管理", "领用、核销\n第二行"}};  // short row: the rest is blank
  powers.footer = {{"分管校领导", ""}, {"部门负责人：", "张三"}};

  FormSheet risks;
  risks.name = "部门排查表";
  risks.title = "福州职业技术学院部门工作廉政风险排查表";
  risks.header = {{"部门（盖章）", "基建处"}, {"负责人", "李四"}, {"填表日期", ""}};
  risks.columns = {"部门职责", "廉政风险点", "表现形式", "原因分析", "风险等级", "防控措施", "备注"};
  risks.rows = {{"工程招标", "围标串标", "泄露标底", "监督不到位", "高", "集体决策、全程留痕", ""}};
  risks.widths = {20, 20, 20, 20, 8, 30, 10};
  return {powers, risks};
}

TEST(XlsxWrite, FormsReadBackCellForCell) {
  std::string long_text;
  for (int i = 0; i < 120; ++i) long_text += "对报销单据的真实性、合法性进行审核。";
  auto bytes = write_xlsx(two_forms(long_text));
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  auto sheets = read_xlsx(*bytes);
  ASSERT_TRUE(sheets.ok()) << sheets.error().code << " " << sheets.error().detail;
  ASSERT_EQ(sheets->size(), 2u);

  const SheetCells& a = (*sheets)[0];
  EXPECT_EQ(a.name, "职权目录");
  using Row = std::vector<std::string>;
  std::vector<Row> expected = {
      {"福州职业技术学院廉政风险防控职权目录", "", "", ""},
      {"部门：财务处", "", "填表日期：2026-11-21", ""},
      {"权力名称", "具体内容", "办理主体", "制度依据"},
      {"经费报销审核", long_text, "财务处", "《财务管理办法》"},
      {"预算编制", "", "财务处", "001"},
      {"票据管理", "领用、核销\n第二行", "", ""},
      {"分管校领导：", "", "部门负责人：张三", ""},
  };
  EXPECT_EQ(a.rows, expected);

  const SheetCells& b = (*sheets)[1];
  EXPECT_EQ(b.name, "部门排查表");
  ASSERT_EQ(b.rows.size(), 4u);  // no footer fields: no footer row
  EXPECT_EQ(b.rows[0], (Row{"福州职业技术学院部门工作廉政风险排查表", "", "", "", "", "", ""}));
  EXPECT_EQ(b.rows[1], (Row{"部门（盖章）：基建处", "", "负责人：李四", "", "填表日期：", "", ""}));
  EXPECT_EQ(b.rows[2], (Row{"部门职责", "廉政风险点", "表现形式", "原因分析", "风险等级", "防控措施", "备注"}));
  EXPECT_EQ(b.rows[3], (Row{"工程招标", "围标串标", "泄露标底", "监督不到位", "高", "集体决策、全程留痕", ""}));
}

TEST(XlsxWrite, LaysOutThePageLikeThePaperForm) {
  auto bytes = write_xlsx(two_forms("长"));
  ASSERT_TRUE(bytes.ok());
  std::string sheet = zip_part(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find(R"(<mergeCell ref="A1:D1"/>)"), std::string::npos);
  EXPECT_NE(sheet.find(R"(<mergeCell ref="A2:B2"/>)"), std::string::npos);
  EXPECT_NE(sheet.find(R"(ySplit="3")"), std::string::npos);  // frozen below the headings
  EXPECT_NE(sheet.find(R"(paperSize="9")"), std::string::npos);
  EXPECT_NE(sheet.find(R"(orientation="landscape")"), std::string::npos);
  EXPECT_NE(sheet.find(R"(<col min="2" max="2" width=")"), std::string::npos);
  std::string wb = zip_part(*bytes, "xl/workbook.xml");
  EXPECT_NE(wb.find("_xlnm.Print_Titles"), std::string::npos);
  EXPECT_NE(wb.find("$3:$3"), std::string::npos);  // the headings repeat on every printed page
  std::string styles = zip_part(*bytes, "xl/styles.xml");
  EXPECT_NE(styles.find(R"(<name val="宋体"/>)"), std::string::npos);
  EXPECT_NE(styles.find(R"(<sz val="16"/>)"), std::string::npos);
  std::string second = zip_part(*bytes, "xl/worksheets/sheet2.xml");
  EXPECT_NE(second.find(R"(<col min="5" max="5" width="8.)"), std::string::npos);  // widths as asked
  EXPECT_NE(second.find(R"(<col min="6" max="6" width="30.)"), std::string::npos);
}

TEST(XlsxWrite, MakesSheetNamesExcelAccepts) {
  std::vector<FormSheet> sheets(3);
  sheets[0].name = "附件一/职权目录[2026]:财务处?";
  sheets[1].name = "附件一职权目录";
  sheets[2].name = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三";
  sheets.push_back(sheets[2]);
  auto bytes = write_xlsx(sheets);
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  auto read = read_xlsx(*bytes);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 4u);
  EXPECT_EQ((*read)[0].name, "附件一职权目录2026财务处");
  EXPECT_EQ((*read)[1].name, "附件一职权目录");
  EXPECT_EQ((*read)[2].name, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
  EXPECT_EQ((*read)[3].name, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)");
}

TEST(XlsxWrite, RefusesTextExcelCannotHold) {
  std::vector<FormSheet> sheets(1);
  sheets[0].columns = {"备注"};
  sheets[0].rows = {{std::string(32768, 'x')}};
  auto bytes = write_xlsx(sheets);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().code, "xlsx.cell_too_long");
}

TEST(XlsxHeadings, FindsTheHeadingRowInAnyOrder) {
  auto bytes = write_xlsx(two_forms("x"));
  ASSERT_TRUE(bytes.ok());
  auto sheets = read_xlsx(*bytes);
  ASSERT_TRUE(sheets.ok());
  const SheetCells& a = (*sheets)[0];
  EXPECT_EQ(find_heading_row(a, {"权力名称", "具体内容", "办理主体", "制度依据"}), 2);
  EXPECT_EQ(find_heading_row(a, {"制度依据", "权力名称", "办理主体", "具体内容"}), 2);
  EXPECT_EQ(find_heading_row(a, {"办理主体", "权力名称"}), 2);
  EXPECT_EQ(find_heading_row(a, {"权力名称", "具体内容", "办理主体", "制度依据", "风险等级"}), -1);
  EXPECT_EQ(find_heading_row((*sheets)[1], {"权力名称"}), -1);

  SheetCells spaced;  // headings as people type them on forms: spaced out, broken over lines
  spaced.rows = {{"说明"}, {"权 力\n名 称", "具体内容　"}};
  EXPECT_EQ(find_heading_row(spaced, {"具体内容", "权力名称"}), 1);

  EXPECT_EQ(heading_columns(spaced, 1, {"具体内容", "权力名称", "备注"}), (std::vector<int>{1, 0, -1}));
  EXPECT_EQ(heading_columns(spaced, 5, {"具体内容"}), (std::vector<int>{-1}));

  SheetCells deep;  // only the first 20 rows are searched
  deep.rows.assign(25, {""});
  deep.rows[21] = {"权力名称"};
  EXPECT_EQ(find_heading_row(deep, {"权力名称"}), -1);
}

TEST(XlsxRead, ReadsSharedAndInlineStringsNumbersAndDates) {
  auto sheets = read_xlsx(make_zip(minimal_xlsx_files()));
  ASSERT_TRUE(sheets.ok()) << sheets.error().code << " " << sheets.error().detail;
  ASSERT_EQ(sheets->size(), 2u);
  const SheetCells& s = (*sheets)[0];
  EXPECT_EQ(s.name, "清单");
  ASSERT_EQ(s.rows.size(), 6u);
  for (const auto& row : s.rows) EXPECT_EQ(row.size(), 7u);  // padded to the widest row
  using Row = std::vector<std::string>;
  EXPECT_EQ(s.rows[0], (Row{"权力名称", "具体内容", "资金 审批", "富文本", "", "", ""}));
  EXPECT_EQ(s.rows[1], (Row{"", "3", "0.1", "1", "1000", "12345678901234567890", "2.50"}));
  // 46347 is 2026-11-21; day 59 is 1900-02-28, day 60 the 29 February 1900 Excel believes in, day 61 1 March.
  EXPECT_EQ(s.rows[2], (Row{"2026-11-21", "2023-03-15", "1900-02-28", "1900-02-29", "1900-03-01", "0.5", "0"}));
  EXPECT_EQ(s.rows[3], (Row(7, "")));  // a missing row
  EXPECT_EQ(s.rows[4], (Row{"TRUE", "#DIV/0!", "公式", "行\n二", "", "", ""}));
  EXPECT_EQ(s.rows[5], (Row{"7", "8", "", "", "", "", ""}));  // cells without references follow on

  const SheetCells& t = (*sheets)[1];
  EXPECT_EQ(t.name, "其他");
  EXPECT_EQ(t.rows, (std::vector<Row>{{"", "", ""}, {"", "", "前缀"}}));
}

TEST(XlsxRead, Reads1904Dates) {
  Files files = minimal_xlsx_files();
  files[2].second = std::string(kWorkbook).replace(std::string(kWorkbook).find("<sheets>"), 8,
                                                   R"(<workbookPr date1904="1"/><sheets>)");
  auto sheets = read_xlsx(make_zip(files));
  ASSERT_TRUE(sheets.ok()) << sheets.error().detail;
  EXPECT_EQ((*sheets)[0].rows[2][0], "2030-11-22");  // 46347 days after 1904-01-01
}

TEST(XlsxRead, RefusesWhatIsNotAWorkbook) {
  for (std::string bytes : {std::string("这不是 Excel 文件，只是一段文字"), std::string(), std::string("PK\x03\x04garbage"),
                            make_zip({{"hello.txt", "hello"}}),
                            make_zip({{"xl/workbook.xml", "<workbook><sheets>"}})}) {
    auto sheets = read_xlsx(bytes);
    ASSERT_FALSE(sheets.ok());
    EXPECT_EQ(sheets.error().code, "xlsx.not_xlsx");
    EXPECT_EQ(sheets.error().status, 400);
    EXPECT_FALSE(sheets.error().message.empty());
    EXPECT_NE(sheets.error().message, "xlsx.not_xlsx");  // the catalogue has its text
  }
  Files missing_sheet = minimal_xlsx_files();
  missing_sheet.pop_back();
  EXPECT_EQ(read_xlsx(make_zip(missing_sheet)).error().code, "xlsx.not_xlsx");
}

// Patches every size field of a zip (local headers, central directory) to claim `size` bytes inflated.
std::string claim_size(std::string zip, uint32_t size) {
  auto put = [&](size_t at) {
    for (int i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  };
  for (size_t at = zip.find("PK\x01\x02"); at != std::string::npos; at = zip.find("PK\x01\x02", at + 4)) put(at + 24);
  for (size_t at = zip.find("PK\x03\x04"); at != std::string::npos; at = zip.find("PK\x03\x04", at + 4)) put(at + 22);
  return zip;
}

TEST(XlsxRead, RefusesArchivesThatInflateTooFar) {
  // A normal workbook whose sheet claims 2 GB.
  auto huge_claim = read_xlsx(claim_size(make_zip({{"xl/worksheets/sheet1.xml", kSheet1}}), 0x7FFFFFFF));
  ASSERT_FALSE(huge_claim.ok());
  EXPECT_EQ(huge_claim.error().code, "xlsx.too_large");
  EXPECT_EQ(huge_claim.error().status, 413);

  // Parts that are honestly large: three of 22 MiB of zeros deflate to a few hundred KB.
  Files files = minimal_xlsx_files();
  const std::string zeros(22u << 20, '\0');
  for (const char* name : {"xl/media/a.bin", "xl/media/b.bin", "xl/media/c.bin"}) files.push_back({name, zeros});
  std::string bomb = make_zip(files);
  EXPECT_LT(bomb.size(), 1u << 20);
  auto big = read_xlsx(bomb);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "xlsx.too_large");

  // A part that claims less than it inflates to.
  Files liar = minimal_xlsx_files();
  std::string padded = std::string(kSheet1) + std::string(100000, ' ');
  liar[6].second = padded;
  std::string bytes = make_zip(liar);
  // Rewrite only sheet1's sizes: find its central-directory entry by name.
  size_t cd = bytes.find("PK\x01\x02");
  while (cd != std::string::npos && bytes.compare(cd + 46, 24, "xl/worksheets/sheet1.xml") != 0)
    cd = bytes.find("PK\x01\x02", cd + 4);
  ASSERT_NE(cd, std::string::npos);
  for (int i = 0; i < 4; ++i) bytes[cd + 24 + i] = static_cast<char>((1000u >> (8 * i)) & 0xFF);
  auto lied = read_xlsx(bytes);
  ASSERT_FALSE(lied.ok());
  EXPECT_TRUE(lied.error().code == "xlsx.too_large" || lied.error().code == "xlsx.not_xlsx") << lied.error().code;
}

TEST(XlsxRead, RefusesSheetsWithTooManyCells) {
  // Two cells, but far apart: the grid they span is 26 × 50,000 = 1.3 million cells.
  Files files = minimal_xlsx_files();
  files[6].second =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
      R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="50000"><c r="Z50000"><v>2</v></c></row></sheetData></worksheet>)";
  auto sparse = read_xlsx(make_zip(files));
  ASSERT_FALSE(sparse.ok());
  EXPECT_EQ(sparse.error().code, "xlsx.too_large");

  // Over a million cell elements, even empty ones.
  std::string many = R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
  for (int r = 1; r <= 1001; ++r) {
    many += "<row r=\"" + std::to_string(r) + "\">";
    for (int c = 0; c < 1000; ++c) many += "<c/>";
    many += "</row>";
  }
  many += "</sheetData></worksheet>";
  files[6].second = many;
  auto dense = read_xlsx(make_zip(files));
  ASSERT_FALSE(dense.ok());
  EXPECT_EQ(dense.error().code, "xlsx.too_large");
}

}  // namespace
}  // namespace lf::formats
