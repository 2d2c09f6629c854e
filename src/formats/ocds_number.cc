// JSON numbers the way serde_json reads them (its default, non-float_roundtrip path): the decimal significand
// is gathered into 64 bits (digits past that are dropped, or counted into the exponent before the point), then
// converted to a double and multiplied or divided once by a power of ten from a table. That is exact for the
// usual amounts; for long significands or large exponents it can differ from the correctly rounded value by
// a unit in the last place, and Cardinal's amounts differ with it, so ours do too.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "formats/ocds.h"

namespace lf::formats {
namespace {

// 1e0 ... 1e308, each correctly rounded (as the compiler rounds the literals of serde_json's table).
const double* powers_of_ten() {
  static const auto table = [] {
    static double t[309];
    for (int e = 0; e <= 308; ++e) {
      const std::string text = "1e" + std::to_string(e);
      std::from_chars(text.data(), text.data() + text.size(), t[e]);
    }
    return t;
  }();
  return table;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// serde_json's overflow! macro: would a * 10 + b exceed max?
template <class T>
bool overflows(T a, T b, T max) {
  return a >= max / 10 && (a > max / 10 || b > max % 10);
}

int32_t saturating(int64_t v) {
  return static_cast<int32_t>(std::clamp<int64_t>(v, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
}

class NumberText {
 public:
  explicit NumberText(std::string_view s) : s_(s) {}

  std::optional<JsonNumber> read() {
    if (peek() == '-') {
      positive_ = false;
      ++at_;
    }
    if (at_ >= s_.size()) return std::nullopt;
    uint64_t significand = 0;
    if (s_[at_] == '0') {
      ++at_;
      if (is_digit(peek())) return std::nullopt;  // no leading zeros
    } else if (is_digit(s_[at_])) {
      significand = static_cast<uint64_t>(s_[at_++] - '0');
      while (is_digit(peek())) {
        const auto digit = static_cast<uint64_t>(peek() - '0');
        if (overflows<uint64_t>(significand, digit, std::numeric_limits<uint64_t>::max()))
          return as_double(long_integer(significand));
        ++at_;
        significand = significand * 10 + digit;
      }
    } else {
      return std::nullopt;
    }
    if (peek() == '.') return as_double(decimal(significand, 0));
    if (peek() == 'e' || peek() == 'E') return as_double(exponent(significand, 0));
    if (at_ != s_.size()) return std::nullopt;
    JsonNumber n;
    if (positive_) {
      n.kind = JsonNumber::Kind::Unsigned;
      n.u = significand;
      return n;
    }
    const auto negated = static_cast<int64_t>(0ULL - significand);
    if (negated >= 0) {  // -0, or below the smallest int64: a double, as serde_json does
      n.kind = JsonNumber::Kind::Double;
      n.d = -static_cast<double>(significand);
    } else {
      n.kind = JsonNumber::Kind::Signed;
      n.i = negated;
    }
    return n;
  }

 private:
  char peek() const { return at_ < s_.size() ? s_[at_] : '\0'; }

  std::optional<JsonNumber> as_double(std::optional<double> d) const {
    if (!d || at_ != s_.size()) return std::nullopt;
    JsonNumber n;
    n.kind = JsonNumber::Kind::Double;
    n.d = *d;
    return n;
  }

  // Integer digits beyond 64 bits: dropped, each one raising the exponent.
  std::optional<double> long_integer(uint64_t significand) {
    int64_t exp = 0;
    while (is_digit(peek())) {
      ++at_;
      ++exp;
    }
    if (peek() == '.') return decimal(significand, saturating(exp));
    if (peek() == 'e' || peek() == 'E') return exponent(significand, saturating(exp));
    return from_parts(significand, saturating(exp));
  }

  std::optional<double> decimal(uint64_t significand, int32_t exp_before_point) {
    ++at_;  // '.'
    int64_t exp_after_point = 0;
    bool any = false;
    while (is_digit(peek())) {
      const auto digit = static_cast<uint64_t>(peek() - '0');
      any = true;
      if (overflows<uint64_t>(significand, digit, std::numeric_limits<uint64_t>::max())) {
        while (is_digit(peek())) ++at_;  // further digits are ignored
        break;
      }
      ++at_;
      significand = significand * 10 + digit;
      --exp_after_point;
    }
    if (!any) return std::nullopt;
    const int32_t exp = saturating(exp_before_point + exp_after_point);
    if (peek() == 'e' || peek() == 'E') return exponent(significand, exp);
    return from_parts(significand, exp);
  }

  std::optional<double> exponent(uint64_t significand, int32_t starting) {
    ++at_;  // 'e'
    bool positive_exp = true;
    if (peek() == '+') {
      ++at_;
    } else if (peek() == '-') {
      positive_exp = false;
      ++at_;
    }
    if (!is_digit(peek())) return std::nullopt;
    int32_t exp = peek() - '0';
    ++at_;
    while (is_digit(peek())) {
      const int32_t digit = peek() - '0';
      if (overflows<int32_t>(exp, digit, std::numeric_limits<int32_t>::max())) {
        // An exponent past 32 bits: zero, or out of range when it would be infinite.
        if (significand != 0 && positive_exp) return std::nullopt;
        while (is_digit(peek())) ++at_;
        return positive_ ? 0.0 : -0.0;
      }
      ++at_;
      exp = exp * 10 + digit;
    }
    const int64_t total = positive_exp ? int64_t{starting} + exp : int64_t{starting} - exp;
    return from_parts(significand, saturating(total));
  }

  std::optional<double> from_parts(uint64_t significand, int32_t exp) const {
    const double* pow10 = powers_of_ten();
    auto f = static_cast<double>(significand);
    for (;;) {
      const uint64_t index = exp == std::numeric_limits<int32_t>::min() ? uint64_t{1} << 31
                                                                        : static_cast<uint64_t>(exp < 0 ? -exp : exp);
      if (index <= 308) {
        if (exp >= 0) {
          f *= pow10[index];
          if (std::isinf(f)) return std::nullopt;  // serde_json: number out of range
        } else {
          f /= pow10[index];
        }
        break;
      }
      if (f == 0.0) break;
      if (exp >= 0) return std::nullopt;
      f /= 1e308;
      exp += 308;
    }
    return positive_ ? f : -f;
  }

  std::string_view s_;
  size_t at_ = 0;
  bool positive_ = true;
};

std::string_view trim_json_space(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

double JsonNumber::as_double() const {
  switch (kind) {
    case Kind::Unsigned: return static_cast<double>(u);
    case Kind::Signed: return static_cast<double>(i);
    case Kind::Double: return d;
  }
  return d;
}

std::optional<JsonNumber> read_json_number(std::string_view token) { return NumberText(trim_json_space(token)).read(); }

}  // namespace lf::formats
