// RFC 3339 date-times for R003, read as Cardinal's date library (chrono) reads them: YYYY-MM-DD, then T, t or
// a space, HH:MM:SS with an optional fraction of any length (digits past the ninth are ignored), then Z, z
// or ±HH:MM (offsets up to 23:59). Second 60 is a leap second. Nothing may follow.
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/redflags_internal.h"

namespace lf::engine::redflags {
namespace {

struct Instant {
  int64_t days;     // since 1970-01-01, in UTC
  int64_t seconds;  // of the UTC day, 0..86399
  int64_t nanos;    // 0..1'999'999'999; a leap second keeps second 59 and adds 1e9 here, as chrono does
};

bool digits(std::string_view s, size_t at, size_t n, int64_t& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool leap_year(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t days_in_month(int64_t y, int64_t m) {
  static constexpr int64_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap_year(y) ? 29 : kDays[m - 1];
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<Instant> parse_rfc3339(std::string_view s) {
  int64_t year, month, day, hour, minute, second;
  if (!digits(s, 0, 4, year) || s.size() < 5 || s[4] != '-' || !digits(s, 5, 2, month) || s.size() < 8 ||
      s[7] != '-' || !digits(s, 8, 2, day))
    return std::nullopt;
  if (s.size() < 11 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
  if (!digits(s, 11, 2, hour) || s.size() < 14 || s[13] != ':' || !digits(s, 14, 2, minute) || s.size() < 17 ||
      s[16] != ':' || !digits(s, 17, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  size_t at = 19;
  int64_t nanos = 0;
  if (at < s.size() && s[at] == '.') {
    ++at;
    const size_t first = at;
    int64_t scale = 100'000'000;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
      nanos += (s[at] - '0') * scale;
      scale /= 10;
      ++at;
    }
    if (at == first) return std::nullopt;
  }
  int64_t offset = 0;  // seconds east of UTC
  std::string_view rest = s.substr(at);
  if (rest == "Z" || rest == "z") {
    offset = 0;
  } else {
    int sign = 0;
    size_t used = 0;
    if (rest.starts_with("+")) sign = 1, used = 1;
    else if (rest.starts_with("-")) sign = -1, used = 1;
    else if (rest.starts_with("\u2212")) sign = -1, used = 3;  // chrono also takes the minus sign U+2212
    if (sign == 0) return std::nullopt;
    int64_t oh, om;
    if (!digits(rest, used, 2, oh) || rest.size() != used + 5 || rest[used + 2] != ':' || !digits(rest, used + 3, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset = sign * (oh * 3600 + om * 60);
  }
  if (second == 60) {  // a leap second: 59 seconds and a fraction of one second or more
    second = 59;
    nanos += 1'000'000'000;
  }
  // The offset moves the seconds of the day; the fraction (and a leap second) stays as it is.
  const int64_t local = hour * 3600 + minute * 60 + second - offset;
  const int64_t day_shift = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  return Instant{days_from_civil(year, month, day) + day_shift, local - day_shift * 86400, nanos};
}

}  // namespace

std::optional<int64_t> whole_days_between(std::string_view start, std::string_view end) {
  const auto a = parse_rfc3339(start);
  const auto b = parse_rfc3339(end);
  if (!a || !b) return std::nullopt;
  // chrono's difference: days, plus the difference of the times of day, where a leap second counts as one
  // more second when the other time of day is later than its second (chrono compares the times of day only).
  int64_t secs = (b->days - a->days) * 86400 + (b->seconds - a->seconds);
  if (b->seconds > a->seconds) secs += a->nanos >= 1'000'000'000 ? 1 : 0;
  if (b->seconds < a->seconds) secs -= b->nanos >= 1'000'000'000 ? 1 : 0;
  const int64_t frac = b->nanos - a->nanos;  // within ±2e9
  // Whole seconds of secs + frac/1e9, truncated toward zero, then whole days, truncated toward zero.
  const __int128 total = static_cast<__int128>(secs) * 1'000'000'000 + frac;
  const auto whole_seconds = static_cast<int64_t>(total / 1'000'000'000);
  return whole_seconds / 86400;
}

}  // namespace lf::engine::redflags
