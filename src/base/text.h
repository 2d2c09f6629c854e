// Text helpers for validation: lengths count characters (UTF-8 code points), not bytes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace lf {

size_t utf8_length(std::string_view s);
bool is_valid_utf8(std::string_view s);
// Removes leading and trailing ASCII and full-width (U+3000) spaces.
std::string trim(std::string_view s);

// Terms for full-text search without a word segmenter: Chinese (and other CJK) runs give every character and
// every pair of adjacent characters; runs of letters and digits give one lower-cased word. Space-separated.
std::string search_terms(std::string_view text);
// The terms a query must all match: a CJK run of one character gives that character, a longer run its
// adjacent pairs; letters and digits give lower-cased words. Empty when the query has no terms.
std::vector<std::string> query_terms(std::string_view query);

}  // namespace lf
