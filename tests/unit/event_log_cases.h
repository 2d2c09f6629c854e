// Test helper for the event-log reader cases (tests/cases/xes, tests/cases/csv): a log written out as lines
// that a person can read and diff, and the case runner shared by the XES and CSV tests.
#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/result.h"
#include "engine/log.h"
#include "formats/xes_date.h"

namespace lf::testing {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Non-blank lines without trailing spaces; lines starting with '#' are comments.
inline std::vector<std::string> lines_of(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(slurp(p));
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

inline const char* type_name(engine::Attribute::Type t) {
  switch (t) {
    case engine::Attribute::Type::string: return "string";
    case engine::Attribute::Type::date: return "date";
    case engine::Attribute::Type::integer: return "int";
    case engine::Attribute::Type::real: return "float";
    case engine::Attribute::Type::boolean: return "boolean";
    case engine::Attribute::Type::id: return "id";
    case engine::Attribute::Type::list: return "list";
    case engine::Attribute::Type::container: return "container";
  }
  return "?";
}

// A value on one line: newlines print as \n.
inline std::string one_line(const std::string& v) {
  std::string out;
  for (char c : v) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

// key=value for strings, key(type)=value otherwise, nested attributes in brackets after the value.
inline std::string attribute_text(const engine::Attribute& a) {
  std::string s = a.key;
  if (a.type != engine::Attribute::Type::string) s += std::string("(") + type_name(a.type) + ")";
  s += "=" + one_line(a.value);
  if (!a.children.empty()) {
    s += "[";
    for (size_t i = 0; i < a.children.size(); ++i) s += (i ? " " : "") + attribute_text(a.children[i]);
    s += "]";
  }
  return s;
}

// log cases=N events=N activities=a|b|...     (activities in order of first appearance)
// case ID attr...
// event ACTIVITY [time=AS-WRITTEN utc=UTC] [resource=R] attr...
inline std::vector<std::string> dump(const engine::EventLog& log) {
  std::vector<std::string> out;
  std::string activities;
  for (const auto& a : log.activities) activities += (activities.empty() ? "" : "|") + a;
  out.push_back("log cases=" + std::to_string(log.cases.size()) + " events=" + std::to_string(log.event_count()) +
                " activities=" + activities);
  for (const auto& a : log.attrs) out.push_back("attr " + attribute_text(a));
  for (const auto& c : log.cases) {
    std::string line = "case " + c.id;
    for (const auto& a : c.attrs) line += " " + attribute_text(a);
    out.push_back(line);
    for (const auto& e : c.events) {
      std::string ev = "event " + one_line(log.activity_name(e.activity));
      if (e.time) {
        engine::Timestamp utc = *e.time;
        utc.offset_minutes = 0;
        ev += " time=" + formats::format_timestamp(*e.time) + " utc=" + formats::format_timestamp(utc);
      }
      if (!e.resource.empty()) ev += " resource=" + one_line(e.resource);
      for (const auto& a : e.attrs) ev += " " + attribute_text(a);
      out.push_back(ev);
    }
  }
  return out;
}

inline void expect_lines(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  if (got == want) return;
  std::string diff;
  for (size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
    std::string g = i < got.size() ? got[i] : "(none)", w = i < want.size() ? want[i] : "(none)";
    if (g != w) diff += "  line " + std::to_string(i + 1) + "\n  expected: " + w + "\n  actual:   " + g + "\n";
  }
  ADD_FAILURE() << "lines differ:\n" << diff;
}

// NAME.expected holds the dump of the log read; NAME.issues the error code, and optionally a second line with
// text the error's detail must contain.
inline void check_case(const fs::path& base, const Result<engine::EventLog>& log) {
  fs::path issues = fs::path(base) += ".issues";
  if (fs::exists(issues)) {
    ASSERT_FALSE(log.ok()) << "read a log that should be rejected";
    std::vector<std::string> want = lines_of(issues);
    ASSERT_FALSE(want.empty());
    EXPECT_EQ(log.error().code, want[0]);
    if (want.size() > 1) {
      EXPECT_NE(log.error().detail.find(want[1]), std::string::npos) << log.error().detail;
    }
    return;
  }
  ASSERT_TRUE(log.ok()) << log.error().code << " " << log.error().detail;
  expect_lines(dump(log.value()), lines_of(fs::path(base) += ".expected"));
}

inline std::vector<std::string> case_names(const fs::path& dir, const std::string& extension) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == extension) names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace lf::testing
