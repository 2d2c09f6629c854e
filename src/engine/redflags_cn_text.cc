// Text as the Chinese patterns compare it (names, addresses, phones, emails), calendar days, and the rules
// the patterns share (which awards and bids count, who bid, who won).
#include <algorithm>
#include <array>
#include <cstring>

#include "engine/redflags_cn.h"

namespace lf::engine::redflags {

// Code points as the normalisers read them (declared, with what each means, in redflags_cn.h).
char32_t next_code_point(std::string_view s, size_t& at) {
  const auto b0 = static_cast<unsigned char>(s[at]);
  const size_t n = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || at + n > s.size()) {
    ++at;
    return b0;
  }
  char32_t cp = n == 1 ? b0 : n == 2 ? (b0 & 0x1F) : n == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (size_t i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[at + i]);
    if ((b & 0xC0) != 0x80) {
      ++at;
      return b0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  at += n;
  return cp;
}

char32_t half_width(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (cp == 0x3000) return U' ';
  return cp;
}

bool wide_punctuation_or_space(char32_t cp) {
  if (cp >= 0x00A0 && cp <= 0x00BF) return true;
  if (cp >= 0x2000 && cp <= 0x206F) return true;
  if (cp >= 0x3000 && cp <= 0x303F) return !(cp >= 0x3005 && cp <= 0x3007) && !(cp >= 0x3021 && cp <= 0x3029);
  if (cp >= 0xFE10 && cp <= 0xFE1F) return true;
  if (cp >= 0xFE30 && cp <= 0xFE6F) return true;
  if (cp >= 0xFF5F && cp <= 0xFF65) return true;
  return cp == 0x30FB || cp == 0xFEFF;
}

bool separator(char32_t cp) { return cp == U',' || cp == U';' || cp == U'/' || cp == U'、'; }

size_t encoded_length(char32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

namespace {

// `cp` in UTF-8 at `o`; returns the end.
char* write_utf8(char* o, char32_t cp) {
  if (cp < 0x80) {
    *o++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *o++ = static_cast<char>(0xC0 | (cp >> 6));
    *o++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *o++ = static_cast<char>(0xE0 | (cp >> 12));
    *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *o++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *o++ = static_cast<char>(0xF0 | (cp >> 18));
    *o++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *o++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return o;
}

// The normalisers write through a pointer into a buffer sized for the longest result — at most two bytes out
// for a byte in: a sequence keeps or shortens its length, and only a stray byte of 0x80 or more, which stands
// for the code point of its value, grows (to two bytes) — and cut it to length at the end. Appending to a
// std::string byte by byte was most of their cost.
constexpr size_t kMostOutPerByte = 2;

int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

template <class T>
void sort_unique(T& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool has_role(const Party& p, std::string_view role) {
  return std::find(p.roles.begin(), p.roles.end(), role) != p.roles.end();
}

}  // namespace


void normalize_name_into(std::string_view s, std::string& out) {
  out.resize(kMostOutPerByte * s.size());
  char* o = out.data();
  const auto* u = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t at = 0; at < n;) {
    const unsigned char byte = u[at];
    // Most of a Chinese name: a CJK ideograph (U+4000–U+9FFF, lead bytes E4–E9), kept as written — neither
    // full-width nor punctuation, and three bytes is its shortest form.
    if (byte >= 0xE4 && byte <= 0xE9 && at + 2 < n && (u[at + 1] & 0xC0) == 0x80 && (u[at + 2] & 0xC0) == 0x80) {
      o[0] = s[at];
      o[1] = s[at + 1];
      o[2] = s[at + 2];
      o += 3;
      at += 3;
      continue;
    }
    const size_t from = at;
    // ASCII without decoding; everything else in ASCII is a space, a control character or punctuation.
    const char32_t cp = byte < 0x80 ? (++at, char32_t{byte}) : half_width(next_code_point(s, at));
    if (cp < 0x80) {
      if (cp >= U'A' && cp <= U'Z') *o++ = static_cast<char>(cp - U'A' + U'a');
      else if ((cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9')) *o++ = static_cast<char>(cp);
    } else if (!wide_punctuation_or_space(cp)) {
      // Kept as written when that is its shortest encoding (the usual case), re-encoded otherwise.
      if (at - from == encoded_length(cp)) {
        std::memcpy(o, s.data() + from, at - from);
        o += at - from;
      } else {
        o = write_utf8(o, cp);
      }
    }
  }
  out.resize(static_cast<size_t>(o - out.data()));
}

std::string normalized_name(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  normalize_name_into(s, out);
  return out;
}

void normalize_field_into(std::string_view s, std::string& out) {
  normalize_name_into(s, out);
  static constexpr std::array<std::string_view, 10> kPlaceholders = {
      "无", "暂无", "不详", "未知", "无联系人", "na", "none", "null", "nil", "unknown"};
  // The placeholders are 2, 3, 4, 6, 7 or 12 bytes long: a name of three ideographs (9 bytes) is none.
  constexpr uint32_t kLengths = 1U << 2 | 1U << 3 | 1U << 4 | 1U << 6 | 1U << 7 | 1U << 12;
  if (out.size() <= 12 && ((kLengths >> out.size()) & 1U) != 0)
    for (std::string_view p : kPlaceholders)
      if (out == p) {
        out.clear();
        return;
      }
}

std::string normalized_field(std::string_view s) {
  std::string n;
  normalize_field_into(s, n);
  return n;
}

// Phones and emails are read value by value (split at separators), code point by code point in half-width
// form: a phone keeps its digits, an email drops white space and lowers ASCII letters.
void normalize_phones_into(std::string_view s, std::vector<std::string>& out) {
  if (s.empty()) {  // most parties give no fax number
    out.clear();
    return;
  }
  size_t used = 0;  // out's strings are overwritten in place (their buffers kept), then trimmed
  thread_local std::string digits;  // of the number being read (a digit is never longer than its bytes)
  digits.resize(s.size());
  char* const begin = digits.data();
  char* o = begin;
  auto finish = [&] {
    std::string_view d(begin, static_cast<size_t>(o - begin));
    if (d.starts_with("0086") && d.size() >= 14) d.remove_prefix(4);
    else if (d.starts_with("86") && d.size() >= 12) d.remove_prefix(2);
    if (d.starts_with('0')) d.remove_prefix(1);
    if (d.size() >= 7 && d.find_first_not_of(d[0]) != std::string_view::npos) {
      if (used == out.size()) out.emplace_back();
      out[used++].assign(d);
    }
    o = begin;
  };
  for (size_t at = 0; at < s.size();) {
    const auto byte = static_cast<unsigned char>(s[at]);
    // ASCII (most of a phone field) without decoding: half-width already.
    const char32_t cp = byte < 0x80 ? (++at, char32_t{byte}) : half_width(next_code_point(s, at));
    if (separator(cp)) finish();
    else if (cp >= U'0' && cp <= U'9') *o++ = static_cast<char>(cp);
  }
  finish();
  out.resize(used);
  sort_unique(out);
}

std::vector<std::string> normalized_phones(std::string_view s) {
  std::vector<std::string> out;
  normalize_phones_into(s, out);
  return out;
}

void normalize_emails_into(std::string_view s, std::vector<std::string>& out) {
  size_t used = 0;  // out's strings are overwritten in place (their buffers kept), then trimmed
  thread_local std::string address;  // the address being read
  address.resize(kMostOutPerByte * s.size());
  char* const begin = address.data();
  char* o = begin;
  auto finish = [&] {
    const std::string_view e(begin, static_cast<size_t>(o - begin));
    if (e.find('@') != std::string_view::npos) {
      if (used == out.size()) out.emplace_back();
      out[used++].assign(e);
    }
    o = begin;
  };
  for (size_t at = 0; at < s.size();) {
    const auto byte = static_cast<unsigned char>(s[at]);
    // Most of an address at once: lower-case letters, digits, '@', '.', '-', '_' are kept as they are.
    if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || byte == '@' || byte == '.' || byte == '-' ||
        byte == '_') {
      *o++ = static_cast<char>(byte);
      ++at;
      continue;
    }
    // The rest of ASCII without decoding or re-encoding: half-width already.
    const char32_t cp = byte < 0x80 ? (++at, char32_t{byte}) : half_width(next_code_point(s, at));
    if (separator(cp)) finish();
    else if (cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n') continue;
    else if (cp >= U'A' && cp <= U'Z') *o++ = static_cast<char>(cp - U'A' + U'a');
    else if (cp < 0x80) *o++ = static_cast<char>(cp);
    else o = write_utf8(o, cp);
  }
  finish();
  out.resize(used);
  sort_unique(out);
}

std::vector<std::string> normalized_emails(std::string_view s) {
  std::vector<std::string> out;
  normalize_emails_into(s, out);
  return out;
}

std::optional<int64_t> calendar_day(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int64_t v[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  static constexpr int64_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int64_t y = v[0], m = v[1], d = v[2];
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  return days_from_civil(y, m, d);
}

bool award_counts(const Award& a) { return !a.status || equals(*a.status, "active"); }

bool bid_counts(const Bid& b) {
  return !b.status || (!equals(*b.status, "invited") && !equals(*b.status, "withdrawn"));
}

std::string_view buyer_of(const ProcessFacts& p) {
  if (!p.buyer_ref.id.empty()) return p.buyer_ref.id;
  const Party* only = nullptr;
  for (const Party& party : p.parties) {
    if (party.id.empty() || !has_role(party, "buyer")) continue;
    if (only != nullptr && only->id != party.id) return {};
    only = &party;
  }
  return only != nullptr ? std::string_view(only->id) : std::string_view();
}

FewIds bidders_of(const ProcessFacts& p) {
  FewIds out;
  for (const Bid& b : p.bids) {
    if (!bid_counts(b)) continue;
    for (const OrgRef& t : b.tenderer_refs)
      if (!t.id.empty()) out.push_back(t.id);
  }
  for (const OrgRef& t : p.tender_tenderers)
    if (!t.id.empty()) out.push_back(t.id);
  for (const Party& party : p.parties)
    if (!party.id.empty() && has_role(party, "tenderer")) out.push_back(party.id);
  sort_unique_ids(out);
  return out;
}

FewIds winners_of(const ProcessFacts& p) {
  FewIds out;
  for (const Award& a : p.awards) {
    if (!award_counts(a)) continue;
    for (const OrgRef& s : a.supplier_refs)
      if (!s.id.empty()) out.push_back(s.id);
  }
  sort_unique_ids(out);
  return out;
}

const Party* party_of(const ProcessFacts& p, std::string_view id) {
  if (id.empty()) return nullptr;
  for (const Party& party : p.parties)
    if (same_text(party.id, id)) return &party;
  return nullptr;
}

std::optional<int64_t> tender_day(const ProcessFacts& p) {
  if (p.tender_start)
    if (auto d = calendar_day(*p.tender_start)) return d;
  if (p.tender_published) return calendar_day(*p.tender_published);
  return std::nullopt;
}

}  // namespace lf::engine::redflags
