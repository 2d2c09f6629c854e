#include "modules/measures/schedule.h"

#include <chrono>
#include <cstdio>

namespace lf::measures {

namespace {

using namespace std::chrono;

std::optional<year_month_day> parse(const std::string& s) {
  int y = 0, m = 0, d = 0;
  if (s.size() < 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return std::nullopt;
  year_month_day ymd{year{y}, month{unsigned(m)}, day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string format(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()), unsigned(d.day()));
  return buf;
}

std::string last_day(year y, month m) { return format(year_month_day{year_month_day_last{y, month_day_last{m}}}); }

}  // namespace

std::vector<TaskSlot> task_slots(const std::string& frequency, const std::string& start,
                                 const std::optional<std::string>& due, const std::string& today) {
  std::vector<TaskSlot> out;
  const auto from = parse(start);
  const auto now = parse(today);
  if (!from || !now) return out;
  if (frequency == "once") {
    if (sys_days(*from) > sys_days(*now)) return out;
    const auto end = due ? parse(*due) : std::nullopt;
    out.push_back({"once", end ? format(*end) : format(year_month_day{sys_days(*from) + days(30)})});
    return out;
  }
  const int months = frequency == "monthly" ? 1 : frequency == "quarterly" ? 3 : frequency == "yearly" ? 12 : 0;
  if (months == 0) return out;
  const auto stop = due ? parse(*due) : std::nullopt;
  // Periods are aligned to the calendar: months, quarters starting in Jan/Apr/Jul/Oct, years.
  year_month p{from->year(), from->month()};
  if (months == 3) p = year_month{p.year(), month{(unsigned(p.month()) - 1) / 3 * 3 + 1}};
  if (months == 12) p = year_month{p.year(), January};
  const year_month last{now->year(), now->month()};
  for (; p <= last; p += std::chrono::months(months)) {
    if (stop && sys_days(year_month_day{p / 1}) > sys_days(*stop)) break;
    const year_month end = p + std::chrono::months(months - 1);
    char label[16];
    if (months == 1) std::snprintf(label, sizeof label, "%04d-%02u", int(p.year()), unsigned(p.month()));
    else if (months == 3) std::snprintf(label, sizeof label, "%04d-Q%u", int(p.year()), (unsigned(p.month()) + 2) / 3);
    else std::snprintf(label, sizeof label, "%04d", int(p.year()));
    out.push_back({label, last_day(end.year(), end.month())});
  }
  return out;
}

}  // namespace lf::measures
