#include "modules/auth/password.h"

#include <sodium.h>

#include <cctype>

namespace lf::auth {
namespace {
constexpr unsigned long long kOps = 2;
constexpr size_t kMem = 19u * 1024u * 1024u;

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}
}  // namespace

Result<std::string> hash_password(const std::string& password) {
  if (!sodium_ready()) return internal_error("libsodium init failed");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOps, kMem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return internal_error("argon2id: out of memory");
  return std::string(out);
}

bool verify_password(const std::string& password, const std::string& phc) {
  if (!sodium_ready() || phc.empty() || phc.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(phc.c_str(), password.data(), password.size()) == 0;
}

Status check_password_strength(const std::string& password) {
  bool letter = false, digit = false;
  for (unsigned char ch : password) {
    if (std::isalpha(ch)) letter = true;
    if (std::isdigit(ch)) digit = true;
  }
  if (password.size() < 8 || password.size() > 128 || !letter || !digit)
    return make_error("auth.password_weak", "password");
  return ok();
}

}  // namespace lf::auth
