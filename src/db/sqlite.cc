// The embedded store: a pool of SQLite connections to one file in WAL mode, so that readers never wait for
// the writer and writers queue on the busy timeout.
#include <sqlite3.h>

#include <charconv>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/backends.h"
#include "db/pool.h"

namespace lf::db {
namespace {

// Lets the statement cache be searched with the caller's string_view without building a std::string.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <class T>
std::string print_number(T v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

// Only whitespace and semicolons may follow the one statement query() runs.
bool only_separators(const char* tail) {
  for (; tail != nullptr && *tail != '\0'; ++tail)
    if (*tail != ';' && *tail != ' ' && *tail != '\n' && *tail != '\r' && *tail != '\t') return false;
  return true;
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path) {
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string why = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
      sqlite3_close_v2(raw);
      return internal_error("sqlite: cannot open " + path + ": " + why);
    }
    sqlite3_extended_result_codes(raw, 1);
    auto conn = std::make_unique<SqliteConnection>(raw);
    // The timeout first, so that switching the journal mode waits for another process holding the file.
    sqlite3_busy_timeout(raw, 5000);
    LF_TRY(Rows mode, conn->query("PRAGMA journal_mode=WAL", {}));
    std::string got = mode.empty() ? "" : mode.text(0, 0);
    if (got != "wal" && got != "memory")
      return internal_error("sqlite: " + path + " cannot use WAL journal mode (got '" + got + "')");
    // synchronous=FULL: a commit is on disk when it returns (WAL's NORMAL may lose the last commits on power
    // loss), so that whatever the API acknowledges — events above all — survives.
    LF_CHECK(conn->exec_script("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;"));
    return conn;
  }

  Result<Rows> query(std::string_view sql, const Params& params) override {
    auto cached = cache_.find(sql);
    sqlite3_stmt* st = nullptr;
    bool keep = true;
    if (cached != cache_.end()) {
      st = cached->second;
    } else {
      keep = cache_.size() < kStatementCacheLimit;
      LF_TRY(st, prepare(sql, keep));
      if (keep) cache_.emplace(std::string(sql), st);
    }
    // Whatever happens below, the statement goes back ready for its next use (or is dropped if uncached).
    struct Tidy {
      sqlite3_stmt* st;
      bool keep;
      ~Tidy() {
        if (keep) {
          sqlite3_reset(st);
          sqlite3_clear_bindings(st);
        } else {
          sqlite3_finalize(st);
        }
      }
    } tidy{st, keep};

    LF_CHECK(bind(st, params));
    Rows rows;
    const int ncol = sqlite3_column_count(st);
    for (int i = 0; i < ncol; ++i) {
      const char* name = sqlite3_column_name(st, i);
      rows.columns.emplace_back(name != nullptr ? name : "");
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      auto& row = rows.cells.emplace_back();
      row.reserve(ncol);
      for (int i = 0; i < ncol; ++i) row.push_back(cell(st, i));
    }
    if (rc != SQLITE_DONE) return failure(rc, sqlite3_errmsg(db_));
    return rows;
  }

  Status exec_script(std::string_view sql) override {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return ok();
    std::string why = message != nullptr ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return failure(rc, why);
  }

  // IMMEDIATE takes the write lock now: a deferred transaction that reads and then writes can fail with
  // SQLITE_BUSY at once (without waiting) when another writer got in between.
  Status begin() override { return run("BEGIN IMMEDIATE"); }
  Status begin_read() override { return run("BEGIN"); }
  Status commit() override { return run("COMMIT"); }
  void rollback() override {
    // Some errors (a full disk, an interrupted statement) already ended the transaction.
    if (in_transaction()) (void)run("ROLLBACK");
  }
  Status lock_chain() override { return ok(); }
  Dialect dialect() const override { return Dialect::sqlite; }

  Status ready() { return ok(); }
  void settle() { rollback(); }

 private:
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

  Status run(std::string_view sql) {
    auto r = query(sql, {});
    if (!r.ok()) return std::move(r).error();
    return ok();
  }

  Result<sqlite3_stmt*> prepare(std::string_view sql, bool persistent) {
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st, &tail);
    if (rc != SQLITE_OK) return failure(rc, sqlite3_errmsg(db_));
    if (st == nullptr) return internal_error("sqlite: empty statement");
    // tail points into `sql`, which is not NUL-terminated: compare by position.
    std::string rest(tail, sql.data() + sql.size());
    if (!only_separators(rest.c_str())) {
      sqlite3_finalize(st);
      return internal_error("sqlite: query() runs one statement; use exec_script for several");
    }
    return st;
  }

  Status bind(sqlite3_stmt* st, const Params& params) {
    const int want = sqlite3_bind_parameter_count(st);
    if (want != static_cast<int>(params.size()))
      return internal_error("sqlite: statement takes " + std::to_string(want) + " parameters, given " +
                            std::to_string(params.size()));
    for (int i = 0; i < want; ++i) {
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(v)) {
        rc = sqlite3_bind_null(st, i + 1);
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(st, i + 1, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(st, i + 1, *d);
      } else {
        const auto& s = std::get<std::string>(v);
        // STATIC: `params` outlives the statement's use, and the bindings are cleared before query() returns.
        rc = sqlite3_bind_text64(st, i + 1, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return failure(rc, sqlite3_errmsg(db_));
    }
    return ok();
  }

  // Numbers are printed the way PostgreSQL prints them (shortest round-trip form), so both backends give
  // the same text for the same value.
  static std::optional<std::string> cell(sqlite3_stmt* st, int i) {
    switch (sqlite3_column_type(st, i)) {
      case SQLITE_NULL:
        return std::nullopt;
      case SQLITE_INTEGER:
        return print_number(static_cast<int64_t>(sqlite3_column_int64(st, i)));
      case SQLITE_FLOAT:
        return print_number(sqlite3_column_double(st, i));
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
        const int len = sqlite3_column_bytes(st, i);  // after column_text, so it counts the text form
        return text != nullptr ? std::string(text, len) : std::string();
      }
    }
  }

  static Error failure(int rc, const std::string& why) {
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return constraint_error(why);
    return internal_error("sqlite: " + why);
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::vector<std::unique_ptr<SqliteConnection>> conns)
      : path_(std::move(path)), pool_(std::move(conns)) {}

  Status with(const std::function<Status(Connection&)>& fn) override { return borrow(pool_, fn); }
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return path_; }

 private:
  std::string path_;
  Pool<SqliteConnection> pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, int pool_size) {
  // Every connection to ":memory:" would be a separate empty database; one connection keeps one store.
  if (path == ":memory:") pool_size = 1;
  std::vector<std::unique_ptr<SqliteConnection>> conns;
  // One after another: the first switches the file to WAL, which the others then find already set.
  for (int i = 0; i < pool_size; ++i) {
    LF_TRY(auto conn, SqliteConnection::open(path));
    conns.push_back(std::move(conn));
  }
  return std::unique_ptr<Database>(std::make_unique<SqliteDatabase>(path, std::move(conns)));
}

}  // namespace lf::db
