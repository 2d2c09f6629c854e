// When a recurring measure owes a check. Pure: a function of the frequency, the measure's dates and today.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace lf::measures {

struct TaskSlot {
  std::string period;    // "2026-11", "2026-Q4", "2026", "once"
  std::string due_date;  // the period's last day (a one-off: the measure's due date, else 30 days after start)
};

// The checks owed from `start` up to and including the period that contains `today`. A recurring measure's
// `due` ends the series (no period starting after it). per_case and unspecified frequencies owe none: their
// checks are recorded as measurements when a case happens.
std::vector<TaskSlot> task_slots(const std::string& frequency, const std::string& start,
                                 const std::optional<std::string>& due, const std::string& today);

}  // namespace lf::measures
