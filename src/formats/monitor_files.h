// The monitor's files: a rule file with the flow models it names (engine/rules.h), and the results as JSON —
// what `lianfang monitor` prints, the data-driven cases expect, and the server will show.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "base/result.h"
#include "engine/monitor.h"
#include "engine/rules.h"

namespace lf::formats {

// A model by its file name: .bpmn / .bpmn20.xml compiled from BPMN, anything else read as PNML.
// Errors: rules.model_unreadable, and the readers'.
Result<engine::PetriNet> read_model_file(const std::string& path);

// A rule file; a flow rule's "model" is a path relative to the rule file's folder, and `default_model` serves
// the flow rules that name none. Errors: rules.unreadable, those of parse_rules and read_model_file.
Result<engine::RuleSet> read_rule_file(const std::string& path, const std::string& default_model = {});

// Collects findings and writes
//   {"events": N, "cases": M, "open_cases": K, "findings": [{"rule", "check", "source"?, "case", "event_index",
//    "activity", "time", "actor", "level", "message", "message_en"}], "summary": {"R1": {"findings": n, "cases": k}}}
// with every rule of the file in the summary, in file order.
class MonitorReport {
 public:
  MonitorReport(const engine::RuleSet& rules, bool keep_findings);
  void add(const engine::Finding& f);
  boost::json::object to_json(const engine::Monitor& monitor) const;
  size_t findings() const { return total_; }

 private:
  struct Tally {
    size_t findings = 0;
    std::set<std::string> cases;
  };
  std::vector<std::string> codes_;
  bool keep_;
  boost::json::array findings_;
  std::map<std::string, Tally> tally_;
  size_t total_ = 0;
};

}  // namespace lf::formats
