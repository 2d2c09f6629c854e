// Password hashing with Argon2id (libsodium's crypto_pwhash_str): the PHC string holds salt and costs,
// so the costs can be raised later without invalidating stored hashes.
#pragma once
#include <string>

#include "base/result.h"

namespace lf::auth {

// Hashes with Argon2id, t=2, m=19 MiB (OWASP's minimum recommendation).
Result<std::string> hash_password(const std::string& password);
// Constant-time check of `password` against a stored PHC string.
bool verify_password(const std::string& password, const std::string& phc);
// Letters and digits, at least 8 characters; returns auth.password_weak otherwise.
Status check_password_strength(const std::string& password);

}  // namespace lf::auth
