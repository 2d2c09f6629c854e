#include "formats/xes_date.h"

#include <cstdio>

namespace lf::formats {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (the era-based method: 400-year cycles of 146097 days).
int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int64_t& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2);
}

int days_in_month(int64_t y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += n;
  return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

std::optional<engine::Timestamp> parse_timestamp(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int64_t micros = 0;
  if (!digits(s, pos, 4, year) || pos >= s.size() || (s[pos] != '-' && s[pos] != '/')) return std::nullopt;
  const char date_separator = s[pos++];  // '-', or '/' as Disco and spreadsheets write dates
  if (!digits(s, pos, 2, month) || !expect(s, pos, date_separator) || !digits(s, pos, 2, day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  int offset = 0;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    ++pos;
    if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute)) return std::nullopt;
    if (expect(s, pos, ':')) {
      if (!digits(s, pos, 2, second)) return std::nullopt;
      if (expect(s, pos, '.') || expect(s, pos, ',')) {
        size_t start = pos;
        int64_t scale = 100000;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          micros += (s[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
        if (pos == start) return std::nullopt;
      }
    }
    // 24:00:00 is not accepted: logs write the next day's 00:00.
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    if (second == 60) second = 59;  // a leap second keeps its place before the next minute
    if (expect(s, pos, 'Z') || expect(s, pos, 'z')) {
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      int sign = s[pos++] == '-' ? -1 : 1;
      int oh = 0, om = 0;
      if (!digits(s, pos, 2, oh)) return std::nullopt;
      if (expect(s, pos, ':')) {
        if (!digits(s, pos, 2, om)) return std::nullopt;
      } else if (pos < s.size()) {
        if (!digits(s, pos, 2, om)) return std::nullopt;
      }
      if (oh > 18 || om > 59) return std::nullopt;
      offset = sign * (oh * 60 + om);
    }
  }
  if (pos != s.size()) return std::nullopt;
  int64_t local_seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  engine::Timestamp t;
  t.utc_us = (local_seconds - int64_t{offset} * 60) * 1000000 + micros;
  t.offset_minutes = offset;
  return t;
}

std::string format_timestamp(const engine::Timestamp& t) {
  int64_t local_us = t.utc_us + int64_t{t.offset_minutes} * 60 * 1000000;
  int64_t secs = local_us >= 0 ? local_us / 1000000 : -((-local_us + 999999) / 1000000);
  int64_t micros = local_us - secs * 1000000;
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rest = secs - days * 86400;
  int64_t y = 0;
  int m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d", static_cast<long long>(y), m, d,
                        static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  std::string out(buf, static_cast<size_t>(n));
  if (micros % 1000 != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(micros));
    out += buf;
  } else if (micros != 0) {
    std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(micros / 1000));
    out += buf;
  }
  if (t.offset_minutes == 0) return out + "Z";
  int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", t.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return out + buf;
}

}  // namespace lf::formats
