// The backend-independent parts of the database interface: reading cells, transactions, opening by URL.
#include "db/database.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "db/backends.h"

namespace lf::db {
namespace {

// Integers as either backend prints them. PostgreSQL booleans ("t"/"f") and numerics with a fraction
// (AVG, SUM over numeric) are accepted too, so that a caller need not know which backend produced a cell.
std::optional<int64_t> parse_integer(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size()) return v;
  if (s == "t" || s == "true") return 1;
  if (s == "f" || s == "false") return 0;
  double d = 0;
  auto [dend, dec] = std::from_chars(s.data(), s.data() + s.size(), d);
  // Outside this range the conversion would be undefined behaviour.
  if (dec == std::errc() && dend == s.data() + s.size() && std::isfinite(d) && d > -9.2e18 && d < 9.2e18)
    return static_cast<int64_t>(d);
  return std::nullopt;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

// A cell that is NULL or not a number reads as 0: the schema decides what a column holds, and a caller that
// must tell NULL apart uses opt_integer.
int64_t Rows::integer(size_t row, size_t col) const { return opt_integer(row, col).value_or(0); }

std::optional<int64_t> Rows::opt_integer(size_t row, size_t col) const {
  const auto& cell = cells[row][col];
  if (!cell) return std::nullopt;
  return parse_integer(*cell);
}

double Rows::real(size_t row, size_t col) const {
  const auto& cell = cells[row][col];
  if (!cell) return 0;
  double d = 0;
  // from_chars also reads PostgreSQL's "Infinity" / "NaN".
  auto [end, ec] = std::from_chars(cell->data(), cell->data() + cell->size(), d);
  if (ec != std::errc()) return 0;
  return d;
}

Status Database::transaction(const std::function<Status(Connection&)>& fn) {
  return with([&](Connection& c) -> Status {
    LF_CHECK(c.begin());
    // Writers line up on the audit chain's lock from their first statement, on PostgreSQL as SQLite's
    // BEGIN IMMEDIATE already makes them: a service's "is this name taken? then insert" holds under
    // concurrency, and the chain is appended in commit order.
    if (Status locked = c.lock_chain(); !locked.ok()) {
      c.rollback();
      return locked;
    }
    Status done = fn(c);
    if (!done.ok()) {
      c.rollback();
      return done;
    }
    Status committed = c.commit();
    if (!committed.ok()) c.rollback();
    return committed;
  });
}

Result<std::unique_ptr<Database>> Database::open(const std::string& url, int pool_size) {
  if (pool_size < 1) pool_size = 1;
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) return open_postgres(url, pool_size);
  if (url.empty()) return internal_error("no database given");

  // A plain file path: make its directory on first run (`--db var/lianfang.db` on a fresh checkout).
  if (url != ":memory:" && !starts_with(url, "file:")) {
    std::filesystem::path dir = std::filesystem::path(url).parent_path();
    if (!dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) return internal_error("cannot create directory " + dir.string() + ": " + ec.message());
    }
  }
  return open_sqlite(url, pool_size);
}

Error constraint_error(std::string_view detail) {
  // The driver's text names tables and values: kept for the log, not shown to the user.
  Error e = make_error("db.constraint", "", 409);
  e.detail = std::string(detail);
  return e;
}

}  // namespace lf::db
