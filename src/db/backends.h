// Private to src/db (and its unit tests): the two backends behind Database::open.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "db/database.h"

namespace lf::db {

// `path` is a SQLite file name (its directory must exist), ":memory:" or a "file:" URI.
Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, int pool_size);
// `url` is a libpq connection URI.
Result<std::unique_ptr<Database>> open_postgres(const std::string& url, int pool_size);

// A unique, foreign-key, not-null or check violation: the user's data clashes with what is stored (409).
Error constraint_error(std::string_view detail);

// Rewrites `?` placeholders as $1..$n for PostgreSQL, leaving those inside quoted literals, quoted
// identifiers and comments alone. `count` receives n.
std::string number_placeholders(std::string_view sql, int& count);

// How many prepared statements a connection keeps. The application's SQL is a fixed set of texts, far
// fewer than this; the bound only guards against SQL built at run time (IN lists of varying length).
inline constexpr size_t kStatementCacheLimit = 512;

}  // namespace lf::db
