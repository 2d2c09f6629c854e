// Grading models and levels (see grading.h). Error texts come from the catalogue (base/messages.cc):
// risk.grading_model_invalid and risk.grading_input_invalid carry a {why}, filled from the
// risk.grading_why.model.<field> / risk.grading_why.input.<field> entries, whose {max} / {n} / {preset}
// become numbers and names here. The bases (how a level was reached) are built here in both languages.
#include "modules/risks/grading.h"

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <set>
#include <utility>

#include "base/text.h"

namespace lf::risks {
namespace json = boost::json;
namespace {

constexpr const char* kPresetNames[] = {"matrix3", "matrix5", "criteria5", "consequence", "lec"};

// The five criteria universities use (domain/README.md, Grading).
const std::vector<std::string>& university_criteria() {
  static const std::vector<std::string> c = {"掌握权力或公共资源", "自由裁量权较大", "需要公开或集体决策",
                                             "可不直接掌握人财物而利用岗位谋利", "案件多发或社会关注度高"};
  return c;
}

// Power types that make a point 一级 whatever the consequence (seed 003: by power type … → 一级).
const std::vector<std::string>& high_power_types() {
  static const std::vector<std::string> t = {"直接执法", "行政许可", "行政处罚", "收费",
                                             "项目审批", "人事",     "财务",     "采购"};
  return t;
}

constexpr size_t kCriteriaCount = 5;
constexpr size_t kCriterionMaxChars = 200;
constexpr size_t kPowerTypeMaxChars = 50;
constexpr double kLecFactorMax = 1000;  // L, E, C; the usual tables stop at 10, 10 and 100
constexpr double kLecBandMax = 1e9;

using Args = std::initializer_list<std::pair<std::string_view, std::string>>;

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// `code`'s error with {why} replaced by the reason risk.grading_why.<why> and the placeholders by `args`.
Error reasoned(std::string_view code, const std::string& why, std::string_view field, Args args) {
  Error e = make_error(code, field);
  Error reason = make_error("risk.grading_why." + why);
  replace_all(e.message, "{why}", reason.message);
  replace_all(e.message_en, "{why}", reason.message_en);
  for (const auto& [name, value] : args) {
    replace_all(e.message, name, value);
    replace_all(e.message_en, name, value);
  }
  return e;
}

Error model_error(const std::string& field, Args args = {}) {
  return reasoned("risk.grading_model_invalid", "model." + field, field, args);
}

Error input_error(const std::string& field, Args args = {}) {
  return reasoned("risk.grading_input_invalid", "input." + field, field, args);
}

const char* method_name(Method m) {
  switch (m) {
    case Method::matrix: return "matrix";
    case Method::criteria: return "criteria";
    case Method::consequence: return "consequence";
    case Method::lec: return "lec";
  }
  return "matrix";
}

std::optional<Method> method_from_name(std::string_view s) {
  if (s == "matrix") return Method::matrix;
  if (s == "criteria") return Method::criteria;
  if (s == "consequence") return Method::consequence;
  if (s == "lec") return Method::lec;
  return std::nullopt;
}

// The preset a model of `m` starts from when the JSON names no preset.
const char* first_preset(Method m) {
  switch (m) {
    case Method::matrix: return "matrix3";
    case Method::criteria: return "criteria5";
    case Method::consequence: return "consequence";
    case Method::lec: return "lec";
  }
  return "matrix3";
}

// A JSON number as a finite double.
std::optional<double> number(const json::value& v) {
  double d;
  if (v.is_int64()) d = static_cast<double>(v.get_int64());
  else if (v.is_uint64()) d = static_cast<double>(v.get_uint64());
  else if (v.is_double()) d = v.get_double();
  else return std::nullopt;
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

// A JSON number with no fraction (3 or 3.0) that fits an int comfortably.
std::optional<int> whole(const json::value& v) {
  auto d = number(v);
  if (!d || std::floor(*d) != *d || std::fabs(*d) > 1e9) return std::nullopt;
  return static_cast<int>(*d);
}

// A field of `o`; null counts as absent.
const json::value* field_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

// Numbers in bases: 6, 0.5, 126.5 (never 6.000000 or 1.6E2).
std::string fmt(double x) {
  char buf[64];
  if (std::floor(x) == x && std::fabs(x) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", x);
  else std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

json::value json_number(double x) {
  if (std::floor(x) == x && std::fabs(x) < 1e15) return json::value(static_cast<std::int64_t>(x));
  return json::value(x);
}

const char* level_for(double score, double high_from, double medium_from) {
  return score >= high_from ? "high" : score >= medium_from ? "medium" : "low";
}

// "，≥ 3 且 < 6 为中" / ", ≥ 3 and < 6 is Medium"; `unit` follows the numbers in Chinese ("≥ 3 条为高").
void add_band(Grade& g, const GradingModel& m, const std::string& high_from, const std::string& medium_from,
              const char* unit = "") {
  std::string zh, en;
  if (g.level == "high") {
    zh = "≥ " + high_from + " " + unit;
    en = "≥ " + high_from;
  } else if (g.level == "medium") {
    zh = "≥ " + medium_from + " 且 < " + high_from + " " + unit;
    en = "≥ " + medium_from + " and < " + high_from;
  } else {
    zh = "< " + medium_from + " " + unit;
    en = "< " + medium_from;
  }
  g.basis += "，" + zh + "为" + level_label(m, g.level);
  g.basis_en += ", " + en + " is " + level_label(m, g.level, true);
}

Result<Grade> grade_matrix(const GradingModel& m, const json::object& in) {
  int values[2];
  const char* keys[2] = {"likelihood", "impact"};
  for (int k = 0; k < 2; ++k) {
    const json::value* v = field_of(in, keys[k]);
    std::optional<int> w = v ? whole(*v) : std::nullopt;
    if (!w || *w < 1 || *w > m.size) return input_error(keys[k], {{"{max}", std::to_string(m.size)}});
    values[k] = *w;
  }
  Grade g;
  g.score = values[0] * values[1];
  g.level = level_for(g.score, m.high_from, m.medium_from);
  std::string l = std::to_string(values[0]), i = std::to_string(values[1]), s = fmt(g.score);
  g.basis = "可能性 " + l + " × 影响 " + i + " = " + s;
  g.basis_en = "likelihood " + l + " × impact " + i + " = " + s;
  add_band(g, m, std::to_string(m.high_from), std::to_string(m.medium_from));
  return g;
}

Result<Grade> grade_criteria(const GradingModel& m, const json::object& in) {
  const size_t n = m.criteria.size();
  const json::value* v = field_of(in, "criteria");
  Error bad = input_error("criteria", {{"{n}", std::to_string(n)}});
  if (!v || !v->is_array() || v->get_array().size() != n) return bad;
  std::vector<size_t> met;
  for (size_t i = 0; i < n; ++i) {
    const json::value& a = v->get_array()[i];
    if (!a.is_bool()) return bad;
    if (a.get_bool()) met.push_back(i);
  }
  Grade g;
  g.score = static_cast<double>(met.size());
  g.level = level_for(g.score, m.criteria_high, m.criteria_medium);
  std::string count = std::to_string(met.size()), total = std::to_string(n);
  if (met.empty()) {
    g.basis = "不符合任何一条标准";
  } else {
    std::string labels, numbers;
    for (size_t i : met) {
      labels += (labels.empty() ? "" : "；") + m.criteria[i];
      numbers += (numbers.empty() ? "" : ", ") + std::to_string(i + 1);
    }
    g.basis = "符合 " + count + " 条标准（" + labels + "）";
    g.basis_en = " (" + numbers + ")";
  }
  g.basis_en = count + " of " + total + " criteria met" + g.basis_en;
  add_band(g, m, std::to_string(m.criteria_high), std::to_string(m.criteria_medium), "条");
  return g;
}

Result<Grade> grade_consequence(const GradingModel& m, const json::object& in) {
  struct Consequence {
    const char* code;
    const char* level;
    double score;
    const char* zh;
    const char* en;
  };
  static const Consequence kConsequences[] = {
      {"crime", "high", 3, "后果可能构成犯罪", "the consequence may be a crime"},
      {"discipline", "medium", 2, "后果可能受到党纪政务处分", "the consequence may be a disciplinary sanction"},
      {"minor", "low", 1, "后果影响较小、可在部门内解决", "the consequence is minor and can be solved inside the department"},
  };
  const json::value* v = field_of(in, "consequence");
  const Consequence* c = nullptr;
  if (v && v->is_string())
    for (const auto& k : kConsequences)
      if (trim(v->get_string()) == k.code) c = &k;
  if (!c) return input_error("consequence");

  std::string power;
  if (const json::value* p = field_of(in, "power_type")) {
    if (!p->is_string()) return input_error("power_type");
    power = trim(p->get_string());
  }
  bool high_power = false;
  for (const auto& t : m.high_power_types) high_power = high_power || (!power.empty() && trim(t) == power);

  Grade g;
  g.level = c->level;
  g.score = c->score;
  const std::string quoted = "“" + power + "”";
  if (high_power && g.level != "high") {
    g.level = "high";
    g.score = 3;
    g.basis = "权力类型" + quoted + "属于高风险类型，为" + level_label(m, g.level) + "（" + c->zh + "）";
    g.basis_en = "the power type " + quoted + " is a high-risk type: " + level_label(m, g.level, true) + " (" +
                 c->en + ")";
    return g;
  }
  g.basis = std::string(c->zh) + "，为" + level_label(m, g.level);
  g.basis_en = std::string(c->en) + ": " + level_label(m, g.level, true);
  if (high_power) {
    g.basis += "（权力类型" + quoted + "也属于高风险类型）";
    g.basis_en += " (the power type " + quoted + " is a high-risk type too)";
  } else if (!power.empty()) {
    g.basis += "（权力类型" + quoted + "不属于高风险类型）";
    g.basis_en += " (the power type " + quoted + " is not a high-risk type)";
  }
  return g;
}

Result<Grade> grade_lec(const GradingModel& m, const json::object& in) {
  double f[3];
  const char* keys[3] = {"L", "E", "C"};
  for (int k = 0; k < 3; ++k) {
    const json::value* v = field_of(in, keys[k]);
    std::optional<double> d = v ? number(*v) : std::nullopt;
    if (!d || !(*d > 0) || *d > kLecFactorMax) return input_error(keys[k], {{"{max}", fmt(kLecFactorMax)}});
    f[k] = *d;
  }
  Grade g;
  // Rounded to a millionth so that 0.57 × 1 × 100 is 57, not 56.99999999999999.
  g.score = std::round(f[0] * f[1] * f[2] * 1e6) / 1e6;
  g.level = level_for(g.score, m.lec_high, m.lec_medium);
  std::string formula = "D = L × E × C = " + fmt(f[0]) + " × " + fmt(f[1]) + " × " + fmt(f[2]) + " = " + fmt(g.score);
  g.basis = formula;
  g.basis_en = formula;
  add_band(g, m, fmt(m.lec_high), fmt(m.lec_medium));
  return g;
}

// Reads an optional whole-number field into `out`; false when present but not a whole number.
bool read_whole(const json::object& o, std::string_view key, int& out) {
  const json::value* v = field_of(o, key);
  if (!v) return true;
  auto w = whole(*v);
  if (!w) return false;
  out = *w;
  return true;
}

bool read_number(const json::object& o, std::string_view key, double& out) {
  const json::value* v = field_of(o, key);
  if (!v) return true;
  auto d = number(*v);
  if (!d) return false;
  out = *d;
  return true;
}

// An optional list of strings, trimmed; false when present but not an array of strings.
bool read_strings(const json::object& o, std::string_view key, std::vector<std::string>& out) {
  const json::value* v = field_of(o, key);
  if (!v) return true;
  if (!v->is_array()) return false;
  std::vector<std::string> list;
  for (const auto& item : v->get_array()) {
    if (!item.is_string()) return false;
    list.push_back(trim(item.get_string()));
  }
  out = std::move(list);
  return true;
}

// Non-empty, at most `max_chars` characters each, no surrounding spaces, no two alike.
bool distinct_labels(const std::vector<std::string>& list, size_t max_chars) {
  std::set<std::string> seen;
  for (const auto& s : list) {
    if (s.empty() || s != trim(s) || utf8_length(s) > max_chars || !seen.insert(s).second) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> preset_names() { return {std::begin(kPresetNames), std::end(kPresetNames)}; }

Result<GradingModel> preset(const std::string& name) {
  GradingModel m;
  m.preset = name;
  if (name == "matrix3") {
    m.method = Method::matrix;
    m.size = 3, m.high_from = 6, m.medium_from = 3;
  } else if (name == "matrix5") {
    m.method = Method::matrix;
    m.size = 5, m.high_from = 15, m.medium_from = 6;
  } else if (name == "criteria5") {
    m.method = Method::criteria;
    m.criteria = university_criteria();
    m.criteria_high = 3, m.criteria_medium = 2;
  } else if (name == "consequence") {
    m.method = Method::consequence;
    m.high_power_types = high_power_types();
  } else if (name == "lec") {
    m.method = Method::lec;
    m.lec_high = 160, m.lec_medium = 70;
  } else {
    return make_error_arg("risk.grading_preset_unknown", "preset", name);
  }
  return m;
}

Status validate_model(const GradingModel& m) {
  if (!m.preset.empty()) {
    auto p = preset(m.preset);
    if (!p) return p.error();
    if (p->method != m.method) return model_error("preset", {{"{preset}", m.preset}});
  }
  switch (m.method) {
    case Method::matrix: {
      if (m.size < 3 || m.size > 5) return model_error("size");
      const std::string max = std::to_string(m.size * m.size);
      if (m.medium_from < 1 || m.medium_from > m.size * m.size) return model_error("medium_from", {{"{max}", max}});
      if (m.high_from <= m.medium_from || m.high_from > m.size * m.size)
        return model_error("high_from", {{"{max}", max}});
      break;
    }
    case Method::criteria: {
      const std::string n = std::to_string(kCriteriaCount), chars = std::to_string(kCriterionMaxChars);
      if (m.criteria.size() != kCriteriaCount || !distinct_labels(m.criteria, kCriterionMaxChars))
        return model_error("criteria", {{"{n}", n}, {"{max}", chars}});
      if (m.criteria_medium < 1 || m.criteria_medium > static_cast<int>(kCriteriaCount))
        return model_error("criteria_medium", {{"{n}", n}});
      if (m.criteria_high <= m.criteria_medium || m.criteria_high > static_cast<int>(kCriteriaCount))
        return model_error("criteria_high", {{"{n}", n}});
      break;
    }
    case Method::consequence:
      if (!distinct_labels(m.high_power_types, kPowerTypeMaxChars))
        return model_error("high_power_types", {{"{max}", std::to_string(kPowerTypeMaxChars)}});
      break;
    case Method::lec:
      if (!std::isfinite(m.lec_medium) || !(m.lec_medium > 0) || m.lec_medium > kLecBandMax)
        return model_error("lec_medium");
      if (!std::isfinite(m.lec_high) || !(m.lec_high > m.lec_medium) || m.lec_high > kLecBandMax)
        return model_error("lec_high");
      break;
  }
  if (m.display != "gzd" && m.display != "level123" && m.display != "abc") return model_error("display");
  if (m.validity_years < 1 || m.validity_years > 5) return model_error("validity_years");
  return ok();
}

Result<GradingModel> model_from_json(const json::object& o) {
  std::string preset_name;
  if (const json::value* p = field_of(o, "preset")) {
    if (!p->is_string()) return make_error_arg("risk.grading_preset_unknown", "preset", json::serialize(*p));
    preset_name = trim(p->get_string());
  }
  std::optional<Method> method;
  if (const json::value* v = field_of(o, "method")) {
    if (!v->is_string() || !(method = method_from_name(v->get_string()))) return model_error("method");
  }
  if (!method && preset_name.empty()) return model_error("method");

  // Fields the JSON leaves out keep the values of the preset it names (or of the method's first preset).
  auto start = preset(preset_name.empty() ? first_preset(*method) : preset_name);
  if (!start) return start.error();
  GradingModel m = std::move(start).value();
  if (method && *method != m.method) return model_error("preset", {{"{preset}", preset_name}});
  m.preset = preset_name;

  // Fields of other methods are ignored.
  const std::string n = std::to_string(kCriteriaCount);
  switch (m.method) {
    case Method::matrix: {
      if (!read_whole(o, "size", m.size) || m.size < 3 || m.size > 5) return model_error("size");
      const std::string max = std::to_string(m.size * m.size);
      if (!read_whole(o, "medium_from", m.medium_from)) return model_error("medium_from", {{"{max}", max}});
      if (!read_whole(o, "high_from", m.high_from)) return model_error("high_from", {{"{max}", max}});
      break;
    }
    case Method::criteria:
      if (!read_strings(o, "criteria", m.criteria))
        return model_error("criteria", {{"{n}", n}, {"{max}", std::to_string(kCriterionMaxChars)}});
      if (!read_whole(o, "criteria_medium", m.criteria_medium)) return model_error("criteria_medium", {{"{n}", n}});
      if (!read_whole(o, "criteria_high", m.criteria_high)) return model_error("criteria_high", {{"{n}", n}});
      break;
    case Method::consequence:
      if (!read_strings(o, "high_power_types", m.high_power_types))
        return model_error("high_power_types", {{"{max}", std::to_string(kPowerTypeMaxChars)}});
      break;
    case Method::lec:
      if (!read_number(o, "lec_medium", m.lec_medium)) return model_error("lec_medium");
      if (!read_number(o, "lec_high", m.lec_high)) return model_error("lec_high");
      break;
  }
  if (const json::value* d = field_of(o, "display")) {
    if (!d->is_string()) return model_error("display");
    m.display = std::string(d->get_string());
  }
  if (!read_whole(o, "validity_years", m.validity_years)) return model_error("validity_years");
  LF_CHECK(validate_model(m));
  return m;
}

json::object model_to_json(const GradingModel& m) {
  json::object o;
  o["method"] = method_name(m.method);
  o["preset"] = m.preset;
  switch (m.method) {
    case Method::matrix:
      o["size"] = m.size;
      o["high_from"] = m.high_from;
      o["medium_from"] = m.medium_from;
      break;
    case Method::criteria: {
      json::array c;
      for (const auto& s : m.criteria) c.emplace_back(s);
      o["criteria"] = std::move(c);
      o["criteria_high"] = m.criteria_high;
      o["criteria_medium"] = m.criteria_medium;
      break;
    }
    case Method::consequence: {
      json::array t;
      for (const auto& s : m.high_power_types) t.emplace_back(s);
      o["high_power_types"] = std::move(t);
      break;
    }
    case Method::lec:
      o["lec_high"] = json_number(m.lec_high);
      o["lec_medium"] = json_number(m.lec_medium);
      break;
  }
  o["display"] = m.display;
  o["validity_years"] = m.validity_years;
  return o;
}

Result<Grade> grade(const GradingModel& m, const json::object& inputs) {
  LF_CHECK(validate_model(m));
  switch (m.method) {
    case Method::matrix: return grade_matrix(m, inputs);
    case Method::criteria: return grade_criteria(m, inputs);
    case Method::consequence: return grade_consequence(m, inputs);
    case Method::lec: return grade_lec(m, inputs);
  }
  return model_error("method");
}

std::string level_label(const GradingModel& m, const std::string& level, bool english) {
  int i = level == "high" ? 0 : level == "medium" ? 1 : level == "low" ? 2 : -1;
  if (i < 0) return level;
  static const char* const kZh[3][3] = {{"高", "中", "低"}, {"一级", "二级", "三级"}, {"A", "B", "C"}};
  static const char* const kEn[3][3] = {{"High", "Medium", "Low"}, {"Level 1", "Level 2", "Level 3"}, {"A", "B", "C"}};
  int d = m.display == "level123" ? 1 : m.display == "abc" ? 2 : 0;
  return english ? kEn[d][i] : kZh[d][i];
}

}  // namespace lf::risks
