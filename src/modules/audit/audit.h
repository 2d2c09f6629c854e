// The audit chain: every write appends one row whose hash covers the row's content and the previous row's
// hash, so that editing or deleting a row behind the server's back shows up in `lianfang audit verify`.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "db/database.h"

namespace lf::audit {

struct Entry {
  std::optional<int64_t> actor_id;  // nullopt for the system (migrations, demo seeding)
  std::string actor;                // username, or "system"
  std::string action;               // create | update | delete | login | logout | login_failed | ...
  std::string entity;               // "post", "user", ...
  std::string entity_id;
  std::string before_json = "null";  // the object before the write (JSON), "null" on create
  std::string after_json = "null";   // the object after the write (JSON), "null" on delete
};

// Appends `e` inside the caller's open transaction; takes the chain lock first so that concurrent writers
// line up. Must be the last statement before commit is not required, but it must be in the same transaction
// as the write it records.
Status append(db::Connection& c, const Entry& e);

struct Verdict {
  bool intact = true;
  int64_t checked = 0;
  std::optional<int64_t> first_broken_id;
  std::string reason;  // why that row is broken (hash mismatch, broken link)
};

// Walks the chain from the first row and reports the first row whose hash or link does not hold.
Result<Verdict> verify(db::Database& db);

}  // namespace lf::audit
