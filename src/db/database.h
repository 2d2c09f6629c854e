// One interface over the two stores: an embedded SQLite file (default) and a PostgreSQL server.
// SQL is written once with `?` placeholders; the PostgreSQL backend renumbers them. Types are kept to what
// both agree on: INTEGER, REAL, TEXT. Booleans are 0/1, times are RFC 3339 UTC text, money is integer fen.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "base/result.h"

namespace lf::db {

using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<Value>;

// An optional as a bound value: NULL when absent.
template <class T>
Value nullable(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_integral_v<T>) return int64_t(*v);
  else return Value{*v};
}

enum class Dialect { sqlite, postgres };

// A fully read result. Cells are text as the server printed them (NULL is nullopt).
class Rows {
 public:
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> cells;

  size_t size() const { return cells.size(); }
  bool empty() const { return cells.empty(); }
  bool is_null(size_t row, size_t col) const { return !cells[row][col].has_value(); }
  std::string text(size_t row, size_t col) const { return cells[row][col].value_or(std::string()); }
  int64_t integer(size_t row, size_t col) const;
  std::optional<int64_t> opt_integer(size_t row, size_t col) const;
  std::optional<std::string> opt_text(size_t row, size_t col) const { return cells[row][col]; }
  std::optional<double> opt_real(size_t row, size_t col) const {
    return is_null(row, col) ? std::nullopt : std::optional<double>(real(row, col));
  }
  double real(size_t row, size_t col) const;
};

// One connection; not shared between threads while in use.
class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement with `?` placeholders and returns all its rows.
  virtual Result<Rows> query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  // Starts a write transaction. SQLite takes the write lock at once (BEGIN IMMEDIATE) so that two writers
  // never deadlock on upgrade; PostgreSQL uses READ COMMITTED plus explicit locks where order matters.
  virtual Status begin() = 0;
  // Starts a read-only transaction: every statement until commit() sees one snapshot (a list's total and
  // its page agree). SQLite: a deferred BEGIN; PostgreSQL: REPEATABLE READ, READ ONLY.
  virtual Status begin_read() = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;
  // Serialises writers that append to a hash chain (the audit log). No-op on SQLite, whose writers are
  // already serialised by BEGIN IMMEDIATE.
  virtual Status lock_chain() = 0;
  virtual Dialect dialect() const = 0;
};

// A pool of connections to one store.
class Database {
 public:
  virtual ~Database() = default;

  // Opens "postgresql://..." / "postgres://..." with libpq, anything else as a SQLite file path.
  static Result<std::unique_ptr<Database>> open(const std::string& url, int pool_size = 4);

  // Borrows a connection for the duration of `fn`.
  virtual Status with(const std::function<Status(Connection&)>& fn) = 0;
  virtual Dialect dialect() const = 0;
  virtual std::string describe() const = 0;  // for logs: file path or host/dbname, never the password

  // Runs `fn` inside one write transaction: commits when it returns ok, rolls back otherwise. Write
  // transactions are serialised (see Connection::lock_chain), so check-then-write in `fn` is safe.
  Status transaction(const std::function<Status(Connection&)>& fn);
};

// Runs `fn(Connection&) -> Result<T>` in a read transaction on a borrowed connection; hands back its value.
template <class T, class F>
Result<T> read(Database& db, F&& fn) {
  std::optional<T> out;
  Status st = db.with([&](Connection& c) -> Status {
    LF_CHECK(c.begin_read());
    Result<T> r = fn(c);
    if (!r.ok()) {
      c.rollback();
      return std::move(r).error();
    }
    out.emplace(std::move(r).value());
    return c.commit();
  });
  if (!st.ok()) return std::move(st).error();
  return std::move(*out);
}

// The same inside one transaction: committed when `fn` succeeds, rolled back otherwise.
template <class T, class F>
Result<T> write(Database& db, F&& fn) {
  std::optional<T> out;
  Status st = db.transaction([&](Connection& c) -> Status {
    Result<T> r = fn(c);
    if (!r.ok()) return std::move(r).error();
    out.emplace(std::move(r).value());
    return Ok{};
  });
  if (!st.ok()) return std::move(st).error();
  return std::move(*out);
}

// Refreshes the query planner's statistics (SQLite's ANALYZE with a row limit, PostgreSQL's ANALYZE). Run at
// startup and after bulk loads: without statistics SQLite sorts whole tables for paged lists.
Status refresh_statistics(Database& db);

// Brings the schema up to the newest version; idempotent. Returns the number of migrations applied.
Result<int> migrate(Database& db);

}  // namespace lf::db
