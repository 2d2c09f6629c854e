#include "base/text.h"

#include <cctype>

namespace lf {

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

std::string trim(std::string_view s) {
  const std::string_view ideographic_space = "\xE3\x80\x80";
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    else if (s.substr(0, 3) == ideographic_space) s.remove_prefix(3);
    else break;
  }
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    else if (s.size() >= 3 && s.substr(s.size() - 3) == ideographic_space) s.remove_suffix(3);
    else break;
  }
  return std::string(s);
}

namespace {

// Decodes the code point at s[i] and advances i; invalid bytes read as U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

bool is_cjk(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF);
}

bool is_word(char32_t cp) { return (cp < 0x80 && std::isalnum(static_cast<int>(cp))) || (cp >= 0xC0 && !is_cjk(cp) && cp < 0x3000); }

// Splits text into runs of CJK characters and runs of word characters (as UTF-8 pieces).
struct Run {
  bool cjk;
  std::vector<std::string> chars;
};

std::vector<Run> runs_of(std::string_view text) {
  std::vector<Run> runs;
  bool joined = false;  // whether the previous character was a term character, so a run may continue
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    const char32_t cp = next_code_point(text, i);
    const bool cjk = is_cjk(cp);
    if (!cjk && !is_word(cp)) {
      joined = false;
      continue;
    }
    std::string piece(text.substr(start, i - start));
    if (!cjk)
      for (auto& ch : piece) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (joined && runs.back().cjk == cjk) runs.back().chars.push_back(std::move(piece));
    else runs.push_back({cjk, {std::move(piece)}});
    joined = true;
  }
  return runs;
}

}  // namespace

std::string search_terms(std::string_view text) {
  std::string out;
  auto add = [&](const std::string& t) {
    if (!out.empty()) out += ' ';
    out += t;
  };
  for (const auto& r : runs_of(text)) {
    if (!r.cjk) {
      std::string word;
      for (const auto& c : r.chars) word += c;
      add(word);
      continue;
    }
    for (size_t k = 0; k < r.chars.size(); ++k) {
      add(r.chars[k]);
      if (k + 1 < r.chars.size()) add(r.chars[k] + r.chars[k + 1]);
    }
  }
  return out;
}

std::vector<std::string> query_terms(std::string_view query) {
  std::vector<std::string> out;
  for (const auto& r : runs_of(query)) {
    if (!r.cjk) {
      std::string word;
      for (const auto& c : r.chars) word += c;
      out.push_back(word);
    } else if (r.chars.size() == 1) {
      out.push_back(r.chars[0]);
    } else {
      for (size_t k = 0; k + 1 < r.chars.size(); ++k) out.push_back(r.chars[k] + r.chars[k + 1]);
    }
  }
  return out;
}

}  // namespace lf
