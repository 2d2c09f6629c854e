// Civil dates as day numbers and the working-day calendar that deadlines run on (办理时限 are counted in
// working days): weekends, public holidays, and the weekend days that China's holiday schedule turns into
// working days (调休). Pure; no time zone here — callers turn instants into local dates first.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lf::engine {

// Days are counted from 1970-01-01 (day 0), UTC civil dates (proleptic Gregorian).
int32_t day_number(int y, int m, int d);
// "YYYY-MM-DD", or the date part of an RFC 3339 time ("2025-01-26T09:00:00+08:00"); nullopt when the text does
// not start with a real date.
std::optional<int32_t> parse_day(std::string_view iso);
std::string format_day(int32_t day);                      // "YYYY-MM-DD"
// 0 = Sunday ... 6 = Saturday.
int weekday(int32_t day);

class WorkCalendar {
 public:
  WorkCalendar();                                         // Mon–Fri, like weekdays()
  // Mainland China's official schedule for 2024, 2025 and 2026 (public holidays and the 调休 make-up working
  // days on weekends, from the State Council's notices); other years: Mon–Fri.
  static WorkCalendar china();
  static WorkCalendar weekdays();                         // Mon–Fri only

  // A unit's own holiday or make-up day; overrides whatever the schedule said for that day.
  void set_day(int32_t day, bool working);
  bool is_working(int32_t day) const;
  // The n-th working day after `day` (n >= 1); n == 0 → day itself; n < 0 → the |n|-th working day before.
  int32_t add_working_days(int32_t day, int n) const;
  // Working days in (from, to]; negative (minus the working days in (to, from]) if to < from.
  int working_days_between(int32_t from, int32_t to) const;

  // The days set explicitly (by the schedule or set_day), for saving a unit's calendar.
  const std::unordered_map<int32_t, bool>& overrides() const { return overrides_; }

 private:
  bool working_slow(int32_t day) const;
  void rebuild_from(int32_t day);

  std::unordered_map<int32_t, bool> overrides_;
  // Within [kFirst, kLast): count_[i] = working days in [kFirst, kFirst + i]; nth_[k] = the (k+1)-th working
  // day from kFirst. Deadlines then cost two array reads instead of a walk over the days.
  std::vector<int32_t> count_;
  std::vector<int32_t> nth_;
};

}  // namespace lf::engine
