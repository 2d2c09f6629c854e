// Monitoring rules as data (科技防控模型库): what a unit switched on, with its parameters. A rule file is JSON:
//   {"timezone": "+08:00", "close_after_days": 180, "calendar": {"base": "china", "holidays": [], "workdays": []},
//    "rules": [{"code": "R1", "kind": "precedence", "name": "付款前须经验收", "level": "red",
//               "activity": "付款", "requires": ["验收"]}, ...]}
// Every rule has code (unique), kind and name; level (reminder | yellow | red, default yellow) for the kinds that
// do not grade by time; optional filters "power" and "source" (patterns the event's power code / source must
// match); optional "end": activities that end the case (its state is then dropped). Activity patterns are exact
// names or globs with '*'; where a field takes "any of" it accepts a string or an array.
//
//  kind        fields                                                       finding (check)
//  precedence  activity; requires (all, each earlier in the case)          PRECEDENCE
//  response    activity; then (any); within_hours | within_working_days    RESPONSE
//  separation  activities [a, b]: done by different actors                 SOD
//  limit       activity; field (amount | attribute); by (role | post | unit | actor | attribute);
//              limits {key: max} ("*" = anyone else)                       AUTH-LIMIT
//  collective  activity; threshold; decision (any, earlier in the case)   COLLECTIVE
//  time        from (absent: the case's first event); to; working_days; follow_up_days (3); a `from`
//              while the interval runs keeps the first start                TIME-STEP / TIME-CASE
//  split       activity; threshold; window_days (30); group_by (unit | attribute); min_count (2)
//                                                                           SPLIT
//  flow        model (a BPMN or PNML file relative to the rule file, or the CLI's --model)
//                                                                           FLOW-ORDER / FLOW-EXTRA
// Amounts and thresholds are in the events' own unit (yuan unless the business system says otherwise).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "engine/calendar.h"
#include "engine/petri_net.h"

namespace lf::engine {

// An activity name, or a glob where '*' stands for any run of characters (none included).
class ActivityPattern {
 public:
  explicit ActivityPattern(std::string text);
  bool matches(std::string_view activity) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  bool glob_ = false;
};

// Several patterns; matches when any does. Empty matches nothing.
struct PatternSet {
  std::vector<ActivityPattern> any;
  bool matches(std::string_view s) const;
  bool empty() const { return any.empty(); }
  std::string text() const;  // "a、b" for messages
};

enum class RuleKind : uint8_t { precedence, response, separation, limit, collective, time, split, flow };

struct Rule {
  std::string code, name;
  RuleKind kind = RuleKind::precedence;
  std::string level = "yellow";
  PatternSet power, source;  // filters on the event; empty = every event
  PatternSet end;            // activities that end the case
  PatternSet activity;       // the activity checked (precedence, response, limit, collective, split)

  std::vector<PatternSet> requires_;  // precedence: each one must have happened earlier
  PatternSet then;                    // response
  int64_t within_ms = 0;              // response: within_hours, in milliseconds...
  int within_working_days = 0;        // ...or in working days (end of the n-th working day)
  PatternSet first, second;           // separation
  std::string field = "amount";       // limit: the attribute compared
  std::string by = "role";            // limit: whose limit
  std::map<std::string, double, std::less<>> limits;  // limit
  double threshold = 0;               // collective, split
  PatternSet decision;                // collective
  PatternSet from, to;                // time; `from` empty = from the case's first event
  int working_days = 0;               // time
  int follow_up_days = 3;             // time: 督办 period after the limit before the red card
  int window_days = 30;               // split
  std::string group_by = "unit";      // split
  int min_count = 2;                  // split
  std::string model;                  // flow: the model reference, as written
  std::shared_ptr<const PetriNet> net;  // flow

  // The catalogue code of what the rule checks (domain/rules.md): SOD, AUTH-LIMIT, TIME-CASE, ...
  std::string check() const;
};

struct RuleSet {
  std::vector<Rule> rules;
  int utc_offset_minutes = 480;  // the unit's time zone for working days (Asia/Shanghai)
  int close_after_days = 0;      // drop a case this many days after its last event; 0 = keep it until it ends
  WorkCalendar calendar = WorkCalendar::china();
  uint64_t fingerprint = 0;      // of the rules and models: saved state only restores into the same rules
};

// Loads a flow rule's model; `ref` is the rule's "model" text (empty when the rule names none).
using ModelLoader = std::function<Result<PetriNet>(const std::string& ref)>;

// Errors: rules.not_json, rules.no_rules, rules.field_invalid (names the rule and the field),
// rules.kind_unknown, rules.code_duplicate, rules.model_missing, rules.setting_invalid, and the loader's.
Result<RuleSet> parse_rules(std::string_view json, const ModelLoader& load_model = {});

}  // namespace lf::engine
