#include "engine/calendar.h"

#include <cstdio>

namespace lf::engine {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (400-year eras of 146097 days).
constexpr int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(int32_t z, int& y, int& m, int& d) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int32_t doe = z - era * 146097;
  const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int32_t mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = yoe + era * 400 + (m <= 2);
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// The span the lookup tables cover; days outside it are walked one by one (still correct, only slower).
constexpr int32_t kFirst = days_from_civil(1990, 1, 1);
constexpr int32_t kLast = days_from_civil(2101, 1, 1);

struct Span {
  int y, m, d;  // first day
  int days;     // how many consecutive days
};
struct Year {
  std::vector<Span> holidays;  // 法定节假日 with the days around them that the notice makes rest days
  std::vector<Span> workdays;  // 调休: weekend days made working days
};

// From the State Council General Office's notices on the holiday arrangements for 2024, 2025 and 2026.
const std::vector<Year>& china_schedule() {
  static const std::vector<Year> years = {
      // 2024
      {{{2024, 1, 1, 1}, {2024, 2, 10, 8}, {2024, 4, 4, 3}, {2024, 5, 1, 5}, {2024, 6, 10, 1}, {2024, 9, 15, 3},
        {2024, 10, 1, 7}},
       {{2024, 2, 4, 1}, {2024, 2, 18, 1}, {2024, 4, 7, 1}, {2024, 4, 28, 1}, {2024, 5, 11, 1}, {2024, 9, 14, 1},
        {2024, 9, 29, 1}, {2024, 10, 12, 1}}},
      // 2025
      {{{2025, 1, 1, 1}, {2025, 1, 28, 8}, {2025, 4, 4, 3}, {2025, 5, 1, 5}, {2025, 5, 31, 3}, {2025, 10, 1, 8}},
       {{2025, 1, 26, 1}, {2025, 2, 8, 1}, {2025, 4, 27, 1}, {2025, 9, 28, 1}, {2025, 10, 11, 1}}},
      // 2026
      {{{2026, 1, 1, 3}, {2026, 2, 15, 9}, {2026, 4, 4, 3}, {2026, 5, 1, 5}, {2026, 6, 19, 3}, {2026, 9, 25, 3},
        {2026, 10, 1, 7}},
       {{2026, 1, 4, 1}, {2026, 2, 14, 1}, {2026, 2, 28, 1}, {2026, 5, 9, 1}, {2026, 9, 20, 1}, {2026, 10, 10, 1}}},
  };
  return years;
}

}  // namespace

int32_t day_number(int y, int m, int d) { return days_from_civil(y, m, d); }

std::optional<int32_t> parse_day(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  int v[3] = {0, 0, 0};
  const int at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (int i = 0; i < len[f]; ++i) {
      const char c = s[static_cast<size_t>(at[f] + i)];
      if (c < '0' || c > '9') return std::nullopt;
      v[f] = v[f] * 10 + (c - '0');
    }
  }
  if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1])) return std::nullopt;
  return days_from_civil(v[0], v[1], v[2]);
}

std::string format_day(int32_t day) {
  int y = 0, m = 0, d = 0;
  civil_from_days(day, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int weekday(int32_t day) { return static_cast<int>(((day + 4) % 7 + 7) % 7); }  // 1970-01-01 was a Thursday

WorkCalendar::WorkCalendar() { rebuild_from(kFirst); }

WorkCalendar WorkCalendar::weekdays() { return WorkCalendar(); }

WorkCalendar WorkCalendar::china() {
  WorkCalendar c;
  for (const Year& y : china_schedule()) {
    for (const Span& s : y.holidays)
      for (int i = 0; i < s.days; ++i) c.overrides_[days_from_civil(s.y, s.m, s.d) + i] = false;
    for (const Span& s : y.workdays)
      for (int i = 0; i < s.days; ++i) c.overrides_[days_from_civil(s.y, s.m, s.d) + i] = true;
  }
  c.rebuild_from(kFirst);
  return c;
}

void WorkCalendar::set_day(int32_t day, bool working) {
  overrides_[day] = working;
  rebuild_from(day);
}

bool WorkCalendar::working_slow(int32_t day) const {
  if (auto it = overrides_.find(day); it != overrides_.end()) return it->second;
  const int w = weekday(day);
  return w != 0 && w != 6;
}

void WorkCalendar::rebuild_from(int32_t day) {
  if (day >= kLast) return;
  if (day < kFirst) day = kFirst;
  count_.resize(static_cast<size_t>(kLast - kFirst));
  const size_t start = static_cast<size_t>(day - kFirst);
  int32_t n = start == 0 ? 0 : count_[start - 1];
  nth_.resize(static_cast<size_t>(n));
  for (size_t i = start; i < count_.size(); ++i) {
    const int32_t d = kFirst + static_cast<int32_t>(i);
    if (working_slow(d)) {
      ++n;
      nth_.push_back(d);
    }
    count_[i] = n;
  }
}

bool WorkCalendar::is_working(int32_t day) const {
  if (day >= kFirst && day < kLast) {
    const size_t i = static_cast<size_t>(day - kFirst);
    return count_[i] != (i == 0 ? 0 : count_[i - 1]);
  }
  return working_slow(day);
}

int32_t WorkCalendar::add_working_days(int32_t day, int n) const {
  if (n == 0) return day;
  if (day >= kFirst && day < kLast) {
    const int64_t upto = count_[static_cast<size_t>(day - kFirst)];  // working days in [kFirst, day]
    // Working days before `day` when going back; the n-th one after has index upto + n - 1 in nth_.
    const int64_t index = n > 0 ? upto + n - 1 : upto - (is_working(day) ? 1 : 0) + n;
    if (index >= 0 && index < static_cast<int64_t>(nth_.size())) return nth_[static_cast<size_t>(index)];
  }
  const int step = n > 0 ? 1 : -1;
  for (int left = n > 0 ? n : -n; left > 0;) {
    day += step;
    if (is_working(day)) --left;
  }
  return day;
}

int WorkCalendar::working_days_between(int32_t from, int32_t to) const {
  if (from >= kFirst && from < kLast && to >= kFirst && to < kLast)
    return count_[static_cast<size_t>(to - kFirst)] - count_[static_cast<size_t>(from - kFirst)];
  if (to < from) return -working_days_between(to, from);
  int n = 0;
  for (int32_t d = from + 1; d <= to; ++d) n += is_working(d) ? 1 : 0;
  return n;
}

}  // namespace lf::engine
