#include "modules/measures/settings.h"

#include <algorithm>
#include <boost/json.hpp>

#include "base/text.h"

namespace lf::measures {
namespace json = boost::json;

namespace {

bool in(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

Result<std::map<std::string, std::string>> string_map(const json::object& o, const char* key,
                                                       const std::vector<std::string>& keys, bool values_abc) {
  std::map<std::string, std::string> out;
  if (!o.contains(key)) return out;
  const auto* m = o.at(key).if_object();
  if (!m) return make_error("measure.settings_invalid", key);
  for (const auto& [k, v] : *m) {
    const auto* s = v.if_string();
    if (!in(keys, std::string(k)) || !s || s->empty() || utf8_length(std::string(*s)) > 100)
      return make_error("measure.settings_invalid", key);
    if (values_abc && *s != "A" && *s != "B" && *s != "C") return make_error("measure.settings_invalid", key);
    out[std::string(k)] = std::string(*s);
  }
  return out;
}

}  // namespace

Settings default_settings() {
  Settings s;
  s.control_types = default_control_types();
  s.control_types.push_back("监督检查");  // seed 003's spot and regular checks by the discipline office
  s.supervision = {{"A", "纪检监察机关直接监督"},
                   {"B", "派驻纪检组会同单位主要负责人监督"},
                   {"C", "分管领导会同派驻纪检组监督"}};
  s.supervision_by_level = {{"high", "A"}, {"medium", "B"}, {"low", "C"}};
  return s;
}

Result<Settings> settings_from_json(const json::object& o) {
  Settings s = default_settings();
  if (o.contains("control_types")) {
    const auto* a = o.at("control_types").if_array();
    if (!a || a->empty()) return make_error("measure.settings_invalid", "control_types");
    s.control_types.clear();
    for (const auto& v : *a) {
      const auto* t = v.if_string();
      if (!t) return make_error("measure.settings_invalid", "control_types");
      std::string name = trim(std::string(*t));
      if (name.empty() || utf8_length(name) > 30 || in(s.control_types, name))
        return make_error("measure.settings_invalid", "control_types");
      s.control_types.push_back(name);
    }
  }
  LF_TRY(auto sup, string_map(o, "supervision", {"A", "B", "C"}, false));
  for (auto& [k, v] : sup) s.supervision[k] = v;
  LF_TRY(auto by, string_map(o, "supervision_by_level", {"high", "medium", "low"}, true));
  for (auto& [k, v] : by) s.supervision_by_level[k] = v;
  if (o.contains("residual")) {
    const auto* r = o.at("residual").if_object();
    if (!r) return make_error("measure.settings_invalid", "residual");
    LF_TRY(s.residual, residual_rule_from_json(*r));
  }
  return s;
}

json::object to_json(const Settings& s) {
  json::array types;
  for (const auto& t : s.control_types) types.emplace_back(t);
  json::object sup, by;
  for (const auto& [k, v] : s.supervision) sup[k] = v;
  for (const auto& [k, v] : s.supervision_by_level) by[k] = v;
  return {{"control_types", std::move(types)},
          {"supervision", std::move(sup)},
          {"supervision_by_level", std::move(by)},
          {"residual", to_json(s.residual)}};
}

const std::vector<Template>& preset_templates() {
  static const std::vector<Template> t = {
      {"low", "low.talk", "monitor", "廉政谈话", "有不良反映时及时进行提醒谈话", "per_case", "general", "谈话记录"},
      {"low", "low.spot", "monitor", "监督检查", "纪检部门不定期抽查", "yearly", "general", "抽查记录"},
      {"medium", "medium.appoint_talk", "prevent", "廉政谈话", "任前廉政谈话", "once", "specific", "谈话记录"},
      {"medium", "medium.spot", "monitor", "监督检查", "纪检部门不定期抽查", "quarterly", "general", "抽查记录"},
      {"medium", "medium.report", "monitor", "书面报告", "定期书面报告廉洁自律情况", "yearly", "specific",
       "书面报告"},
      {"high", "high.appoint_talk", "prevent", "廉政谈话", "任前廉政谈话", "once", "specific", "谈话记录"},
      {"high", "high.talk", "monitor", "廉政谈话", "定期廉政谈话", "quarterly", "specific", "谈话记录"},
      {"high", "high.check", "monitor", "监督检查", "纪检部门定期检查", "quarterly", "specific", "检查记录"},
      {"high", "high.explain", "monitor", "书面报告", "在民主生活会上就廉洁从业情况作出说明", "yearly", "general",
       "民主生活会记录"},
      {"high", "high.public", "prevent", "公开", "重点工作在单位内部公开", "monthly", "general", "公开材料或截图"},
      {"high", "high.rotate", "prevent", "轮岗交流", "定期轮岗交流", "yearly", "specific", "轮岗计划和任职文件"},
  };
  return t;
}

Status validate_template(const Template& t, const Settings& s) {
  if (t.level != "high" && t.level != "medium" && t.level != "low") return make_error("risk.level_invalid", "level");
  if (t.code.empty() || t.code.size() > 50) return make_error("measure.template_invalid", "code");
  if (!in(lines(), t.line)) return make_error("measure.line_invalid", "line");
  if (!in(s.control_types, t.control_type)) return make_error("measure.control_type_invalid", "control_type");
  if (trim(t.description).empty() || utf8_length(t.description) > 500)
    return make_error("measure.description_required", "description");
  if (!in(frequencies(), t.frequency)) return make_error("measure.frequency_invalid", "frequency");
  if (t.specificity != "specific" && t.specificity != "general") return make_error("measure.specificity_invalid", "specificity");
  return ok();
}

}  // namespace lf::measures
