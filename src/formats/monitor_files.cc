#include "formats/monitor_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/flow.h"
#include "formats/bpmn.h"
#include "formats/pnml.h"

namespace lf::formats {

namespace json = boost::json;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

Result<std::string> slurp(const std::string& path, std::string_view error_code) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error_arg(error_code, "", path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

Result<engine::PetriNet> read_model_file(const std::string& path) {
  LF_TRY(std::string text, slurp(path, "rules.model_unreadable"));
  if (ends_with(path, ".bpmn") || ends_with(path, ".bpmn20.xml")) {
    LF_TRY(engine::FlowModel flow, read_bpmn(text));
    return engine::compile_flow(flow);
  }
  return read_pnml(text);
}

Result<engine::RuleSet> read_rule_file(const std::string& path, const std::string& default_model) {
  LF_TRY(std::string text, slurp(path, "rules.unreadable"));
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  return engine::parse_rules(text, [&](const std::string& ref) -> Result<engine::PetriNet> {
    if (ref.empty() && default_model.empty()) return make_error_arg("rules.model_unreadable", "model", "");
    return read_model_file(ref.empty() ? default_model : (dir / ref).string());
  });
}

MonitorReport::MonitorReport(const engine::RuleSet& rules, bool keep_findings) : keep_(keep_findings) {
  for (const auto& r : rules.rules) {
    codes_.push_back(r.code);
    tally_[r.code];
  }
}

void MonitorReport::add(const engine::Finding& f) {
  ++total_;
  Tally& t = tally_[f.rule];
  ++t.findings;
  t.cases.insert(f.source + '\x1f' + f.case_id);
  if (!keep_) return;
  json::object j{{"rule", f.rule}, {"check", f.check}};
  if (!f.source.empty()) j["source"] = f.source;
  j["case"] = f.case_id;
  j["event_index"] = f.event_index;
  j["activity"] = f.activity;
  j["time"] = f.time;
  j["actor"] = f.actor;
  j["level"] = f.level;
  j["message"] = f.message;
  j["message_en"] = f.message_en;
  findings_.emplace_back(std::move(j));
}

json::object MonitorReport::to_json(const engine::Monitor& monitor) const {
  json::object out;
  out["events"] = monitor.events();
  out["cases"] = monitor.cases_opened();
  out["open_cases"] = monitor.open_cases();
  if (keep_) out["findings"] = findings_;
  json::object summary;
  for (const auto& code : codes_) {
    const Tally& t = tally_.at(code);
    summary[code] = json::object{{"findings", t.findings}, {"cases", t.cases.size()}};
  }
  out["summary"] = std::move(summary);
  return out;
}

}  // namespace lf::formats
