// PDF of the standard forms: written files are checked with poppler's command-line tools (pdfinfo, pdftotext),
// which read them the way a viewer would: page count and size, the text on each page, headings repeated on
// every page, page numbers, footer fields, rows taller than a page cut across pages.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "formats/pdf.h"

namespace lf::formats {
namespace {

// A PDF written to a private temporary file for poppler's tools, removed afterwards.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    path_ = (std::filesystem::temp_directory_path() / "lianfang-pdf-test-XXXXXX").string();
    int fd = mkstemp(path_.data());
    EXPECT_GE(fd, 0);
    close(fd);
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~PdfFile() { std::filesystem::remove(path_); }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  // pdftotext's text of pages [first, last], or of every page when both are 0.
  std::string text(int first = 0, int last = 0) const {
    std::string range = first > 0 ? " -f " + std::to_string(first) + " -l " + std::to_string(last) : "";
    return run("pdftotext -enc UTF-8" + range + " '" + path_ + "' -");
  }
  std::string info() const { return run("pdfinfo '" + path_ + "'"); }
  int pages() const {
    std::string out = info();
    auto at = out.find("Pages:");
    return at == std::string::npos ? 0 : std::atoi(out.c_str() + at + 6);
  }
  // Each page's text, read once.
  const std::vector<std::string>& page_texts() const {
    if (page_texts_.empty())
      for (int p = 1, n = pages(); p <= n; ++p) page_texts_.push_back(text(p, p));
    return page_texts_;
  }

 private:
  // Runs a command and returns its standard output; fails the test if it does not exit with 0.
  static std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    EXPECT_NE(pipe, nullptr) << command;
    if (!pipe) return out;
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    EXPECT_EQ(pclose(pipe), 0) << command << "\n" << out;
    return out;
  }

  std::string path_;
  mutable std::vector<std::string> page_texts_;
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The first page whose text holds `needle`, or 0.
int page_with(const PdfFile& pdf, const std::string& needle) {
  const auto& pages = pdf.page_texts();
  for (size_t p = 0; p < pages.size(); ++p)
    if (contains(pages[p], needle)) return static_cast<int>(p + 1);
  return 0;
}

// "007": numbered texts where no number is the start of another.
std::string number(int i) {
  std::string n = std::to_string(i);
  return std::string(n.size() < 3 ? 3 - n.size() : 0, '0') + n;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// 附件二 as a department fills it: 80 rows, one of them with a cell of several hundred characters.
FormSheet department_form() {
  FormSheet s;
  s.name = "部门工作廉政风险排查表";
  s.title = "福州职业技术学院部门工作廉政风险排查表";
  s.header = {{"部门（盖章）", "财务处"}, {"负责人", "张建国"}, {"填表日期", "2024年3月15日"}};
  s.columns = {"部门职责", "廉政风险点", "表现形式", "原因分析", "风险等级", "防控措施", "备注"};
  s.widths = {16, 22, 24, 22, 10, 28, 10};
  for (int i = 1; i <= 80; ++i) {
    std::string n = number(i);
    s.rows.push_back({"经费报销审核" + n, "审核把关不严" + n, "对不合规票据予以报销", "制度执行不到位",
                      i % 3 == 0 ? "高" : i % 3 == 1 ? "中" : "低", "严格执行财务报销制度，实行双人复核", ""});
  }
  s.rows[10][5] = repeat("在大额资金支付、政府采购、基建工程款拨付等环节，严格执行审批程序，", 9) + "长文本结束标记";
  s.rows.back()[5] = "末行防控措施：季度专项检查";
  s.footer = {{"分管领导审核意见", ""}};
  return s;
}

// 附件三 with no widths given: columns take their share from their content.
FormSheet personal_form() {
  FormSheet s;
  s.name = "个人岗位廉政风险排查表";
  s.title = "福州职业技术学院个人岗位廉政风险排查表";
  s.header = {{"姓名", "李明"}, {"职务", "出纳"}, {"填表日期", "2024年3月16日"}};
  s.columns = {"岗位职责", "廉政风险点", "表现形式", "风险等级", "防控措施"};
  s.rows = {{"现金收付", "坐支现金", "收入不入账", "高", "日清月结，定期盘点"},
            {"票据保管", "票据遗失", "空白票据管理混乱", "中", "专人保管，领用登记"}};
  s.footer = {{"部门负责人", ""}, {"分管校领导", ""}};
  return s;
}

class PdfForm : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto bytes = write_pdf({department_form(), personal_form()});
    ASSERT_TRUE(bytes.ok()) << bytes.error().code << " " << bytes.error().detail;
    bytes_ = new std::string(std::move(bytes).value());
    pdf_ = new PdfFile(*bytes_);
  }
  static void TearDownTestSuite() {
    delete pdf_;
    delete bytes_;
  }
  static std::string* bytes_;
  static PdfFile* pdf_;
};
std::string* PdfForm::bytes_ = nullptr;
PdfFile* PdfForm::pdf_ = nullptr;

TEST_F(PdfForm, IsAPdfThatPopplerReads) {
  EXPECT_TRUE(bytes_->starts_with("%PDF-"));
  std::string info = pdf_->info();
  EXPECT_TRUE(contains(info, "841.89 x 595.276 pts (A4)")) << info;  // landscape: wider than tall
  EXPECT_TRUE(contains(info, "福州职业技术学院部门工作廉政风险排查表")) << info;  // the document's title
  EXPECT_GT(pdf_->pages(), 1);
}

TEST_F(PdfForm, HoldsTheFormsText) {
  std::string text = pdf_->text();
  for (const char* expected : {"福州职业技术学院部门工作廉政风险排查表", "部门（盖章）：财务处", "负责人：张建国",
                               "填表日期：2024年3月15日", "廉政风险点", "防控措施", "第 1 页", "分管领导审核意见：",
                               "末行防控措施：季度专项检查", "长文本结束标记", "福州职业技术学院个人岗位廉政风险排查表",
                               "分管校领导：", "日清月结，定期盘点"})
    EXPECT_TRUE(contains(text, expected)) << expected;
}

TEST_F(PdfForm, NumbersEveryPageOutOfTheTotal) {
  const int pages = pdf_->pages();
  for (int p = 1; p <= pages; ++p) {
    std::string expected = "第 " + std::to_string(p) + " 页 共 " + std::to_string(pages) + " 页";
    EXPECT_TRUE(contains(pdf_->text(p, p), expected)) << expected;
  }
}

TEST_F(PdfForm, RepeatsTheHeadingsOnEveryPageOfTheTable) {
  const int last_of_first_sheet = page_with(*pdf_, "末行防控措施");
  ASSERT_GT(last_of_first_sheet, 1);
  for (int p = 1; p <= last_of_first_sheet; ++p) {
    std::string text = pdf_->text(p, p);
    for (const char* heading : {"部门职责", "廉政风险点", "表现形式", "原因分析", "风险等级", "备注"})
      EXPECT_TRUE(contains(text, heading)) << "page " << p << ": " << heading;
  }
  // Title and header fields only open the form.
  EXPECT_FALSE(contains(pdf_->text(2, 2), "福州职业技术学院部门工作廉政风险排查表"));
  EXPECT_FALSE(contains(pdf_->text(2, 2), "负责人："));
}

TEST_F(PdfForm, KeepsRowsWholeAndInOrder) {
  // Rows are whole on one page each and never out of order.
  int previous = 0;
  for (int i = 1; i <= 80; ++i) {
    int p = page_with(*pdf_, "审核把关不严" + number(i));
    ASSERT_GT(p, 0) << i;
    EXPECT_EQ(p, page_with(*pdf_, "经费报销审核" + number(i))) << i;
    EXPECT_GE(p, previous) << i;
    previous = p;
  }
  // The row with the long cell does not fit below row 10; it moves to page 2 whole instead of being cut.
  EXPECT_EQ(page_with(*pdf_, "审核把关不严010"), 1);
  EXPECT_EQ(page_with(*pdf_, "审核把关不严011"), 2);
  EXPECT_EQ(page_with(*pdf_, "长文本结束标记"), 2);
}

TEST_F(PdfForm, StartsEachSheetOnANewPageWithTheFooterAfterTheLastRow) {
  const int last_row = page_with(*pdf_, "末行防控措施");
  const int footer = page_with(*pdf_, "分管领导审核意见");
  const int second = page_with(*pdf_, "福州职业技术学院个人岗位廉政风险排查表");
  EXPECT_GE(footer, last_row);
  EXPECT_EQ(second, footer + 1);
  std::string text = pdf_->text(second, second);
  EXPECT_FALSE(contains(text, "审核把关不严"));
  EXPECT_TRUE(contains(text, "姓名：李明"));
  EXPECT_TRUE(contains(text, "部门负责人："));
}

TEST(Pdf, CutsARowTallerThanAPageBetweenLines) {
  FormSheet s;
  s.title = "超长内容测试表";
  s.columns = {"序号", "内容"};
  s.widths = {6, 60};
  s.rows = {{"1", "第一行"},
            {"2", "开头标记" + repeat("廉政风险防控工作要求各部门认真查找岗位职责中的风险点。", 250) + "结尾标记"},
            {"3", "第三行"}};
  auto bytes = write_pdf({s});
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  PdfFile pdf(*bytes);
  const int start = page_with(pdf, "开头标记");
  const int end = page_with(pdf, "结尾标记");
  EXPECT_EQ(start, 1);  // begun right below the first row rather than on a page of its own
  EXPECT_GT(end, start);
  EXPECT_EQ(page_with(pdf, "第三行"), end);
  for (int p = 1; p <= pdf.pages(); ++p) EXPECT_TRUE(contains(pdf.text(p, p), "内容")) << p;
}

TEST(Pdf, PutsTheFooterOnANewPageWhenNoRoomIsLeft) {
  // Without a title every page holds the same number of rows; count those on page 1.
  FormSheet s;
  s.columns = {"事项名称"};
  for (int i = 0; i < 100; ++i) s.rows.push_back({"事项" + number(i)});
  auto probe = write_pdf({s});
  ASSERT_TRUE(probe.ok()) << probe.error().detail;
  int per_page = 0;
  {
    PdfFile pdf(*probe);
    while (per_page < 100 && page_with(pdf, "事项" + number(per_page)) == 1) ++per_page;
  }
  ASSERT_GT(per_page, 10);
  ASSERT_LT(per_page, 100);

  // A full page of rows leaves less room than one row, and the footer is taller than a row.
  s.rows.resize(static_cast<size_t>(per_page));
  s.footer = {{"审核意见", "同意\n\n\n"}};
  auto bytes = write_pdf({s});
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  PdfFile pdf(*bytes);
  EXPECT_EQ(pdf.pages(), 2);
  EXPECT_TRUE(contains(pdf.text(1, 1), "事项" + number(per_page - 1)));
  std::string second = pdf.text(2, 2);
  EXPECT_TRUE(contains(second, "审核意见：同意"));
  EXPECT_TRUE(contains(second, "第 2 页 共 2 页"));
  EXPECT_FALSE(contains(second, "事项名称"));  // no headings above a table that has no rows on the page
}

TEST(Pdf, WritesSheetsWithoutRowsHeaderOrFooter) {
  FormSheet bare;
  bare.columns = {"权力名称", "具体内容"};
  FormSheet nothing;
  auto bytes = write_pdf({bare, nothing});
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  PdfFile pdf(*bytes);
  EXPECT_EQ(pdf.pages(), 2);
  EXPECT_TRUE(contains(pdf.text(1, 1), "权力名称"));
  EXPECT_TRUE(contains(pdf.text(2, 2), "第 2 页 共 2 页"));
}

TEST(Pdf, WritesOneBlankPageForNoSheets) {
  auto bytes = write_pdf({});
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  EXPECT_EQ(PdfFile(*bytes).pages(), 1);
}

TEST(Pdf, KeepsTextAsTyped) {
  FormSheet s;
  s.columns = {"编号", "说明", "号码"};
  s.widths = {8, 30, 3};  // the last column is far too narrow for its number
  s.rows = {{"001", "<b>不是标记</b> & 说明", "1234567890123456789012345678901234567890"}};
  auto bytes = write_pdf({s});
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  std::string text = PdfFile(*bytes).text();
  EXPECT_TRUE(contains(text, "001"));
  EXPECT_TRUE(contains(text, "<b>不是标记</b> & 说明"));
  EXPECT_TRUE(contains(text, "12345"));
  EXPECT_FALSE(contains(text, "1234567890123456789012345678901234567890"));  // the number is cut across lines
  EXPECT_FALSE(contains(text, "-"));             // without gaining a hyphen
}

TEST(Pdf, RefusesBadText) {
  FormSheet s;
  s.columns = {"内容"};
  s.rows = {{"\xff\xfe"}};
  auto bad = write_pdf({s});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "internal");

  s.rows = {{std::string(32768, 'x')}};
  auto too_long = write_pdf({s});
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, "pdf.cell_too_long");
  EXPECT_FALSE(too_long.error().message.empty());
}

TEST(Pdf, WritesFromSeveralThreadsAtOnce) {
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (auto& out : outputs)
    threads.emplace_back([&out] {
      auto bytes = write_pdf({personal_form(), department_form()});
      if (bytes.ok()) out = std::move(bytes).value();
    });
  for (auto& t : threads) t.join();
  for (const auto& out : outputs) {
    ASSERT_TRUE(out.starts_with("%PDF-"));
    PdfFile pdf(out);
    EXPECT_TRUE(contains(pdf.text(), "末行防控措施：季度专项检查"));
  }
}

}  // namespace
}  // namespace lf::formats
