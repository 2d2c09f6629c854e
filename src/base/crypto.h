// Hashes and random tokens (libsodium).
#pragma once
#include <string>
#include <string_view>

namespace lf {

std::string sha256_hex(std::string_view data);
// A URL-safe random token carrying `bytes` bytes of entropy.
std::string random_token(size_t bytes = 32);
// Constant-time string comparison, for tokens.
bool same_secret(std::string_view a, std::string_view b);
// Standard base64 (with padding); decoding returns false on anything else.
std::string to_base64(std::string_view bytes);
bool from_base64(std::string_view text, std::string& out);

}  // namespace lf
