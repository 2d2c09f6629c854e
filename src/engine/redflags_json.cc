// Results as one JSON line, byte for byte as Cardinal (serde_json, ryu) writes numbers and strings.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "engine/redflags_internal.h"

namespace lf::engine::redflags {
namespace {

void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_flags(std::string& out, const Flags& f) {
  out += '{';
  bool first = true;
  for (size_t i = 0; i < kIndicatorCount; ++i) {
    if (!f.has(static_cast<Indicator>(i))) continue;
    if (!first) out += ',';
    first = false;
    append_string(out, code(static_cast<Indicator>(i)));
    out += ':';
    out += format_number(f.value(static_cast<Indicator>(i)));
  }
  out += '}';
}

}  // namespace

std::string format_number(double v) {
  if (!std::isfinite(v)) return "null";  // serde_json writes NaN and infinities as null
  if (v == 0.0) return std::signbit(v) ? "-0.0" : "0.0";
  // The shortest digits that read back as v (what ryu finds), laid out the way ryu lays them out.
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  std::string out;
  if (sci.front() == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  const size_t e_at = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_at))
    if (c != '.') digits += c;
  const int exp10 = std::atoi(std::string(sci.substr(e_at + 1)).c_str());
  const int length = static_cast<int>(digits.size());
  const int k = exp10 - (length - 1);  // v = digits × 10^k
  const int kk = length + k;           // 10^(kk-1) <= |v| < 10^kk
  if (k >= 0 && kk <= 16) {
    out += digits;
    out.append(static_cast<size_t>(k), '0');
    out += ".0";
  } else if (kk > 0 && kk <= 16) {
    out += digits.substr(0, static_cast<size_t>(kk));
    out += '.';
    out += digits.substr(static_cast<size_t>(kk));
  } else if (kk > -5 && kk <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-kk), '0');
    out += digits;
  } else {
    out += digits[0];
    if (length > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += std::to_string(kk - 1);
  }
  return out;
}

std::string to_json(const Results& r, bool with_meta) {
  std::string out = "{";
  bool first_group = true;
  for (size_t g = 0; g < kGroupCount; ++g) {
    const FlaggedIds& ids = r.groups[g];
    if (ids.empty()) continue;
    if (!first_group) out += ',';
    first_group = false;
    append_string(out, name(static_cast<Group>(g)));
    out += ":{";
    bool first = true;
    for (const auto& [id, flags] : ids.entries()) {
      if (!first) out += ',';
      first = false;
      append_string(out, id);
      out += ':';
      append_flags(out, flags);
    }
    out += '}';
  }
  if (with_meta) {
    if (!first_group) out += ',';
    out += "\"Meta\":{";
    bool first = true;
    for (const auto& [indicator, entries] : r.meta) {
      if (!first) out += ',';
      first = false;
      append_string(out, code(indicator));
      out += ":{";
      for (size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) out += ',';
        append_string(out, entries[i].key);
        out += ':';
        // Cardinal rounds Meta to 4 decimals (half away from zero).
        out += format_number(std::round(entries[i].value * 10000.0) / 10000.0);
      }
      out += '}';
    }
    out += '}';
  }
  out += '}';
  return out;
}

}  // namespace lf::engine::redflags
