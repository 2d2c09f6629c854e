// Runs every tests/cases/grading/*.case (format in the README there): one test per file, named after it
// (GradingCases/GradingCase.Runs/matrix3). A failed expectation is reported at the case file's line.
// Every model a case builds is also round-tripped through model_to_json / model_from_json, and every error
// is checked for a catalogue text with all placeholders filled.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "modules/risks/grading.h"

namespace lf::risks {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

fs::path cases_dir() { return fs::path(LF_SOURCE_DIR) / "tests" / "cases" / "grading"; }

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(cases_dir()))
    if (e.path().extension() == ".case") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Splits "word rest of line" at the first space.
std::pair<std::string, std::string> head(const std::string& s) {
  size_t sp = s.find(' ');
  if (sp == std::string::npos) return {s, ""};
  return {s.substr(0, sp), s.substr(sp + 1)};
}

// Splits "<json> a b" into the JSON and its last two words.
bool json_then_two(const std::string& s, std::string& js, std::string& a, std::string& b) {
  size_t sp2 = s.rfind(' ');
  if (sp2 == std::string::npos) return false;
  size_t sp1 = s.rfind(' ', sp2 - 1);
  if (sp1 == std::string::npos) return false;
  js = s.substr(0, sp1);
  a = s.substr(sp1 + 1, sp2 - sp1 - 1);
  b = s.substr(sp2 + 1);
  return true;
}

std::string show(const Error& e) {
  return e.code + " field=" + (e.field.empty() ? "-" : e.field) + " (" + e.message + " / " + e.message_en + ")";
}

std::string show(const Grade& g) {
  char score[32];
  std::snprintf(score, sizeof score, "%.10g", g.score);
  return g.level + " score=" + score + " (" + g.basis + " / " + g.basis_en + ")";
}

class Runner {
 public:
  explicit Runner(fs::path file) : file_(std::move(file)), shown_("tests/cases/grading/" + file_.filename().string()) {}

  void run() {
    std::ifstream in(file_, std::ios::binary);
    ASSERT_TRUE(in) << "cannot read " << file_;
    std::string line;
    while (std::getline(in, line)) {
      ++line_no_;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      step(line);
    }
    expect_grade_checked();
    if (checks_ == 0) fail() << "the file checks nothing";
  }

  int checks() const { return checks_; }

 private:
  // A failure reported at the current line of the case file.
  struct At {
    const std::string& file;
    int line;
    std::ostringstream text;
    ~At() { ADD_FAILURE_AT(file.c_str(), line) << text.str(); }
    template <class T>
    At& operator<<(const T& v) {
      text << v;
      return *this;
    }
  };
  At fail(int line = 0) { return At{shown_, line ? line : line_no_, {}}; }

  std::optional<json::object> parse_object(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object()) {
      fail() << "not a JSON object: " << text;
      return std::nullopt;
    }
    return v.get_object();
  }

  // Catalogue text present, placeholders filled, field named.
  void check_error_text(const Error& e) {
    for (const std::string* t : {&e.message, &e.message_en})
      if (t->empty() || t->find('{') != std::string::npos || t->find("risk.") != std::string::npos)
        fail() << "error text missing or unfilled: " << show(e);
    if (e.field.empty()) fail() << "error names no field: " << show(e);
  }

  void check_round_trip(const GradingModel& m) {
    json::object o = model_to_json(m);
    auto back = model_from_json(o);
    if (!back) {
      fail() << "model_from_json(model_to_json(m)) failed: " << show(back.error()) << " for " << json::serialize(o);
      return;
    }
    if (!(*back == m)) fail() << "model_from_json(model_to_json(m)) differs from m: " << json::serialize(o);
    if (model_to_json(*back) != o)
      fail() << "model_to_json does not round-trip: " << json::serialize(o) << " vs "
             << json::serialize(model_to_json(*back));
  }

  void set_model(Result<GradingModel> r, const std::string& what) {
    ++checks_;
    if (!r) {
      fail() << what << " failed: " << show(r.error());
      model_.reset();
      return;
    }
    model_ = std::move(r).value();
    check_round_trip(*model_);
  }

  void expect_error(const std::optional<Error>& got, const std::string& code, const std::string& field,
                    const std::string& what) {
    ++checks_;
    if (!got) return void(fail() << what << ": expected error " << code << " " << field << ", got no error");
    if (got->code != code || got->field != (field == "-" ? "" : field))
      fail() << what << ": expected error " << code << " " << field << ", got " << show(*got);
    check_error_text(*got);
  }

  void expect_grade_checked() {
    if (grade_line_ && !grade_checked_) fail(grade_line_) << "grade has no level or error line after it";
    grade_line_ = 0;
  }

  // The result of the last grade, or a failure when there is none or it was an error.
  const Grade* last_grade(const std::string& what) {
    grade_checked_ = true;
    ++checks_;
    if (!graded_) {
      fail() << what << " without a grade line before it";
      return nullptr;
    }
    if (!*graded_) {
      fail() << "expected " << what << ", got error " << show(graded_->error());
      return nullptr;
    }
    return &graded_->value();
  }

  void step(const std::string& line) {
    auto [word, rest] = head(line);
    if (word == "model") {
      expect_grade_checked();
      auto [kind, arg] = head(rest);
      if (kind == "preset") {
        set_model(preset(arg), "preset " + arg);
      } else if (kind == "json") {
        if (auto o = parse_object(arg)) set_model(model_from_json(*o), "model_from_json");
      } else {
        fail() << "model must be followed by preset or json: " << line;
      }
      last_error_.reset();
    } else if (word == "model-error" || word == "preset-error") {
      expect_grade_checked();
      std::string arg, code, field;
      if (!json_then_two(rest, arg, code, field)) return void(fail() << "expected: " << word << " <arg> <code> <field>");
      std::optional<Error> got;
      if (word == "preset-error") {
        auto r = preset(arg);
        if (!r) got = r.error();
      } else if (auto o = parse_object(arg)) {
        auto r = model_from_json(*o);
        if (!r) got = r.error();
      } else {
        return;
      }
      expect_error(got, code, field, word);
      last_error_ = got;
    } else if (word == "canonical") {
      ++checks_;
      if (!model_) return void(fail() << "canonical without a model");
      auto want = parse_object(rest);
      if (want && model_to_json(*model_) != *want)
        fail() << "model_to_json: expected " << json::serialize(*want) << "\n  actual " << json::serialize(model_to_json(*model_));
    } else if (word == "grade") {
      expect_grade_checked();
      if (!model_) return void(fail() << "grade without a model");
      auto inputs = parse_object(rest);
      if (!inputs) return;
      graded_ = grade(*model_, *inputs);
      grade_line_ = line_no_;
      grade_checked_ = false;
      last_error_.reset();
      if (*graded_) {
        const Grade& g = graded_->value();
        if (g.level != "high" && g.level != "medium" && g.level != "low") fail() << "bad level: " << show(g);
        if (g.basis.empty() || g.basis_en.empty()) fail() << "empty basis: " << show(g);
      } else {
        last_error_ = graded_->error();
      }
    } else if (word == "level") {
      if (const Grade* g = last_grade("level " + rest); g && g->level != rest)
        fail() << "expected level " << rest << ", got " << show(*g);
    } else if (word == "score") {
      char* end = nullptr;
      double want = std::strtod(rest.c_str(), &end);
      if (end == rest.c_str() || *end) return void(fail() << "score needs a number: " << line);
      if (const Grade* g = last_grade("score " + rest); g && std::fabs(g->score - want) > 1e-9 * std::max(1.0, std::fabs(want)))
        fail() << "expected score " << rest << ", got " << show(*g);
    } else if (word == "basis") {
      if (const Grade* g = last_grade("basis"); g && g->basis != rest)
        fail() << "basis differs\n  expected: " << rest << "\n  actual:   " << g->basis;
    } else if (word == "basis-en") {
      if (const Grade* g = last_grade("basis-en"); g && g->basis_en != rest)
        fail() << "basis-en differs\n  expected: " << rest << "\n  actual:   " << g->basis_en;
    } else if (word == "error") {
      grade_checked_ = true;
      auto [code, field] = head(rest);
      if (!graded_) return void(fail() << "error without a grade line before it");
      std::optional<Error> got;
      if (!*graded_) got = graded_->error();
      else fail() << "expected error " << rest << ", got " << show(graded_->value());
      if (got) expect_error(got, code, field, "grade");
    } else if (word == "message" || word == "message-en") {
      ++checks_;
      if (!last_error_) return void(fail() << word << " without an error before it");
      const std::string& got = word == "message" ? last_error_->message : last_error_->message_en;
      if (got != rest) fail() << word << " differs\n  expected: " << rest << "\n  actual:   " << got;
    } else if (word == "label" || word == "label-en") {
      ++checks_;
      auto [display, more] = head(rest);
      auto [level, text] = head(more);
      GradingModel m = model_.value_or(GradingModel{});
      m.display = display;
      std::string got = level_label(m, level, word == "label-en");
      if (got != text) fail() << word << " " << display << " " << level << ": expected " << text << ", got " << got;
    } else {
      fail() << "unknown line: " << line;
    }
  }

  fs::path file_;
  std::string shown_;
  int line_no_ = 0;
  int checks_ = 0;
  std::optional<GradingModel> model_;
  std::optional<Result<Grade>> graded_;
  std::optional<Error> last_error_;
  int grade_line_ = 0;
  bool grade_checked_ = true;
};

class GradingCase : public ::testing::TestWithParam<std::string> {};

TEST_P(GradingCase, Runs) {
  Runner r(cases_dir() / (GetParam() + ".case"));
  r.run();
  RecordProperty("checks", r.checks());
}

INSTANTIATE_TEST_SUITE_P(GradingCases, GradingCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(Grading, CaseFilesExist) { EXPECT_GE(case_names().size(), 5u) << cases_dir(); }

// Every preset is a valid model and survives the JSON form unchanged.
TEST(Grading, PresetsAreValidAndRoundTrip) {
  for (const auto& name : preset_names()) {
    auto m = preset(name);
    ASSERT_TRUE(m.ok()) << name;
    EXPECT_EQ(m->preset, name);
    EXPECT_TRUE(validate_model(*m).ok()) << name;
    auto back = model_from_json(model_to_json(*m));
    ASSERT_TRUE(back.ok()) << name << ": " << back.error().code << " " << back.error().field;
    EXPECT_TRUE(*back == *m) << name;
  }
}

// grade() refuses a model built in code that model_from_json would refuse.
TEST(Grading, GradeValidatesTheModel) {
  GradingModel m;  // matrix 3×3
  m.high_from = 2;
  m.medium_from = 2;
  auto g = grade(m, json::object{{"likelihood", 1}, {"impact", 1}});
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().code, "risk.grading_model_invalid");
  EXPECT_EQ(g.error().field, "high_from");
}

}  // namespace
}  // namespace lf::risks
