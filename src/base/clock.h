// Wall-clock helpers. Stored times are RFC 3339 UTC text ("2026-11-21T08:00:00Z"), dates are "YYYY-MM-DD".
#pragma once
#include <chrono>
#include <string>

namespace lf {

// The service's clock: the system clock, shifted when `serve --now` (tests, demos of escalation) set it.
std::chrono::system_clock::time_point clock_now();
// Sets the clock to read `rfc3339_or_date` now and run on from there; false (and no change) if unreadable.
bool set_clock(const std::string& rfc3339_or_date);
std::string now_utc();                                           // current time, second precision
std::string format_utc(std::chrono::system_clock::time_point t);  // RFC 3339, 'Z'
std::string today_utc();                                          // YYYY-MM-DD
bool is_valid_date(const std::string& ymd);                       // a real calendar date in YYYY-MM-DD
// Days from a to b (b - a) for valid YYYY-MM-DD dates.
long days_between(const std::string& a, const std::string& b);
// The date `n` days after a valid YYYY-MM-DD date (n may be negative).
std::string add_days(const std::string& ymd, long n);

}  // namespace lf
