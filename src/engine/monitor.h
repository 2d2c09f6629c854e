// The streaming monitor (实时动态监控): business events in, findings out, one event at a time. Keeps per open
// case only what the rules need (a few machine words: activity bits, actors' hashes, interval starts, the
// flow's state), so memory follows the number of open cases, not the number of events. A case opens at its
// first event and closes when a rule's `end` activity happens or its flow reaches the end; close_after_days
// drops cases left idle. Within a case events are taken in arrival order; their times only matter for the
// time limits and windows.
//
// Time limits fire from two sources: the case's own events, and advance_clock(now), which the server calls
// from a timer (and the CLI once at the end of a log) so that a case nobody touches still gets its reminder,
// yellow and red cards on time. Each level is reported once per interval; when a check happens after several
// levels have passed, only the highest is reported.
//
// The state can be saved and restored (save_state / restore_state): a server that checkpoints the state with
// the events it has acknowledged resumes after a restart with no finding lost or repeated. One thread at a time:
// partition the cases (by unit, or by hash of the case id) to use several.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "engine/event.h"
#include "engine/rules.h"

namespace lf::engine {

struct Finding {
  std::string rule;        // the rule's code
  std::string check;       // what was found: FLOW-ORDER, FLOW-EXTRA, PRECEDENCE, RESPONSE, SOD, AUTH-LIMIT,
                           // COLLECTIVE, TIME-STEP, TIME-CASE, SPLIT (domain/rules.md)
  std::string source;
  std::string case_id;
  int64_t event_index = -1;  // 0-based position in the event stream of the event that is the evidence (for a
                             // time limit passed on the clock: the event that started the interval)
  std::string activity;    // that event's activity
  int64_t time_ms = 0;     // when it happened: the event's time, or the moment a limit passed
  std::string time;        // the event's time as written, or that moment in RFC 3339 in the unit's time zone
  std::string actor;       // the event's actor; empty for limits passed on the clock
  std::string level;       // reminder | yellow | red
  std::string message;     // zh-CN
  std::string message_en;
};

class Monitor {
 public:
  explicit Monitor(std::shared_ptr<const RuleSet> rules);
  ~Monitor();
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;

  // Checks one event against every rule and appends what it finds to `out`. The event's index is the number
  // of events processed before it (so indices continue across save/restore).
  void process(const EventView& event, std::vector<Finding>& out);
  // Moves the clock to `now_ms` (never back) and appends the time-limit findings of open cases whose limits
  // passed; drops cases idle longer than close_after_days (looked for every quarter of that period).
  void advance_clock(int64_t now_ms, std::vector<Finding>& out);

  int64_t events() const;        // processed so far
  int64_t cases_opened() const;  // cases opened so far (a case id seen again after its case closed counts again)
  size_t open_cases() const;
  int64_t clock() const;         // the latest advance_clock time (INT64_MIN before the first)

  // The whole state as JSON: counters, open cases, split windows, the flows' reached markings.
  std::string save_state() const;
  // Restores a saved state into a monitor that has processed nothing yet. Errors: monitor.state_invalid
  // (not a saved state), monitor.state_mismatch (saved under other rules or models).
  Status restore_state(std::string_view state);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace lf::engine
