// The store's version: the id of the newest audit row. Every write appends to the audit log inside its own
// transaction, so the version moves exactly when something was written, on every instance that shares the
// store. Caches of read results (list totals, page anchors, sessions, list responses) key on it and are
// therefore never stale, only sometimes cold.
//
// Limit: a change made behind the server's back (raw SQL, not through a service) is not seen until the next
// audited write. Nothing in Lianfang writes that way.
#pragma once
#include <cstdint>

#include "db/database.h"

namespace lf::audit {

Result<int64_t> store_version(db::Connection& c);

// Switches every version-keyed read cache on or off (on by default; `serve --no-read-cache` turns them off to
// measure the path through the tables).
void set_read_caches(bool on);
bool read_caches_on();

}  // namespace lf::audit
