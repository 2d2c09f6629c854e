#include "base/clock.h"

#include <atomic>
#include <chrono>
#include <cstdio>

namespace lf {

std::string format_utc(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  auto secs = floor<seconds>(t);
  auto day = floor<days>(secs);
  year_month_day ymd{day};
  hh_mm_ss hms{secs - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), long(hms.hours().count()), long(hms.minutes().count()),
                long(hms.seconds().count()));
  return buf;
}

namespace {
std::atomic<long long> clock_offset_s{0};
}

std::chrono::system_clock::time_point clock_now() {
  return std::chrono::system_clock::now() + std::chrono::seconds(clock_offset_s.load(std::memory_order_relaxed));
}

std::string now_utc() { return format_utc(clock_now()); }

std::string today_utc() { return now_utc().substr(0, 10); }

namespace {
bool parse_date(const std::string& s, std::chrono::year_month_day& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(s.substr(0, 4));
  unsigned m = unsigned(std::stoi(s.substr(5, 2))), d = unsigned(std::stoi(s.substr(8, 2)));
  out = std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  return out.ok() && y >= 1900 && y <= 2200;
}
}  // namespace

bool set_clock(const std::string& at) {
  using namespace std::chrono;
  year_month_day d;
  if (at.size() < 10 || !parse_date(at.substr(0, 10), d)) return false;
  int hh = 0, mm = 0, ss = 0;
  if (at.size() > 10) {
    if (at.size() < 19 || (at[10] != 'T' && at[10] != ' ') ||
        std::sscanf(at.c_str() + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3)
      return false;
  }
  const auto target = sys_days{d} + hours(hh) + minutes(mm) + seconds(ss);
  clock_offset_s.store((target - floor<seconds>(system_clock::now())).count());
  return true;
}

bool is_valid_date(const std::string& ymd) {
  std::chrono::year_month_day d;
  return parse_date(ymd, d);
}

long days_between(const std::string& a, const std::string& b) {
  std::chrono::year_month_day da, db;
  if (!parse_date(a, da) || !parse_date(b, db)) return 0;
  return (std::chrono::sys_days{db} - std::chrono::sys_days{da}).count();
}

std::string add_days(const std::string& ymd, long n) {
  std::chrono::year_month_day d;
  if (!parse_date(ymd, d)) return ymd;
  return format_utc(std::chrono::sys_days{d} + std::chrono::days(n)).substr(0, 10);
}

}  // namespace lf
