// Text helpers for validation: lengths count characters (UTF-8 code points), not bytes.
#pragma once
#include <string>
#include <string_view>

namespace lf {

size_t utf8_length(std::string_view s);
bool is_valid_utf8(std::string_view s);
// Removes leading and trailing ASCII and full-width (U+3000) spaces.
std::string trim(std::string_view s);

}  // namespace lf
