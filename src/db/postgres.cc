// The server store: a pool of libpq connections. Each connection prepares a statement once per SQL text
// and afterwards only sends its parameters.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/backends.h"
#include "db/pool.h"

namespace lf::db {

std::string number_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  size_t i = 0;
  // Copies sql[i, end) unchanged and moves past it.
  auto copy_to = [&](size_t end) {
    end = std::min(end, sql.size());
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      // A doubled quote inside ('it''s') reads as two adjacent literals here, which copies the same text.
      size_t close = sql.find(c, i + 1);
      copy_to(close == std::string_view::npos ? sql.size() : close + 1);
    } else if (c == '-' && next == '-') {
      size_t eol = sql.find('\n', i);
      copy_to(eol == std::string_view::npos ? sql.size() : eol + 1);
    } else if (c == '/' && next == '*') {
      size_t close = sql.find("*/", i + 2);
      copy_to(close == std::string_view::npos ? sql.size() : close + 2);
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++count);
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

namespace {

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;
PgResult hold(PGresult* r) { return PgResult(r, &PQclear); }

void ignore_notice(void*, const char*) {}  // "relation already exists, skipping" and the like

// libpq messages end with a newline.
std::string trimmed(const char* s) {
  std::string t = s != nullptr ? s : "";
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t;
}

struct Prepared {
  std::string name;
  int params = 0;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) { PQsetNoticeProcessor(conn_, ignore_notice, nullptr); }
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  static Result<std::unique_ptr<PgConnection>> open(const std::string& url) {
    // The URL comes last so that its own settings win over these defaults.
    const char* keys[] = {"connect_timeout", "fallback_application_name", "client_encoding", "dbname", nullptr};
    const char* values[] = {"10", "lianfang", "UTF8", url.c_str(), nullptr};
    PGconn* raw = PQconnectdbParams(keys, values, 1);
    if (raw == nullptr) return internal_error("postgres: out of memory");
    auto conn = std::make_unique<PgConnection>(raw);
    if (PQstatus(raw) != CONNECTION_OK) return internal_error("postgres: cannot connect: " + trimmed(PQerrorMessage(raw)));
    return conn;
  }

  Result<Rows> query(std::string_view sql, const Params& params) override {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (!print(params[i], texts[i])) continue;  // NULL stays a null pointer
      values[i] = texts[i].c_str();
    }
    const int n = static_cast<int>(params.size());

    auto known = cache_.find(sql);
    if (known == cache_.end() && cache_.size() < kStatementCacheLimit) {
      LF_TRY(Prepared p, prepare(sql));
      known = cache_.emplace(std::string(sql), std::move(p)).first;
    }
    PgResult res = hold(nullptr);
    if (known != cache_.end()) {
      if (known->second.params != n) return arity(known->second.params, n);
      res = hold(PQexecPrepared(conn_, known->second.name.c_str(), n, values.data(), nullptr, nullptr, 0));
    } else {
      // Cache full: an unnamed statement, parsed for this one use.
      int want = 0;
      std::string numbered = number_placeholders(sql, want);
      if (want != n) return arity(want, n);
      res = hold(PQexecParams(conn_, numbered.c_str(), n, nullptr, values.data(), nullptr, nullptr, 0));
    }
    return read(res.get());
  }

  Status exec_script(std::string_view sql) override {
    // The simple protocol runs several statements in one call; it reports the first failure.
    PgResult res = hold(PQexec(conn_, std::string(sql).c_str()));
    auto st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return ok();
    return failure(res.get());
  }

  Status begin() override { return exec_script("BEGIN"); }
  Status begin_read() override { return exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }

  Status commit() override {
    // After a failed statement PostgreSQL answers COMMIT with a silent ROLLBACK; say so instead.
    if (PQtransactionStatus(conn_) == PQTRANS_INERROR) {
      rollback();
      return internal_error("postgres: transaction was aborted by an earlier error and has been rolled back");
    }
    PgResult res = hold(PQexec(conn_, "COMMIT"));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return failure(res.get());
    if (std::strcmp(PQcmdStatus(res.get()), "ROLLBACK") == 0)
      return internal_error("postgres: transaction was rolled back instead of committed");
    return ok();
  }

  void rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)exec_script("ROLLBACK");
  }

  // Writers appending to the audit hash chain take this lock in turn; it ends with their transaction.
  Status lock_chain() override {
    auto r = query("SELECT pg_advisory_xact_lock(7700002)", {});
    if (!r.ok()) return std::move(r).error();
    return ok();
  }

  Dialect dialect() const override { return Dialect::postgres; }

  // A server restart or a dropped socket leaves the connection bad; reconnect before lending it again.
  // The server forgets prepared statements with the old session, so the cache goes too.
  Status ready() {
    if (PQstatus(conn_) == CONNECTION_OK) return ok();
    cache_.clear();
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK)
      return internal_error("postgres: connection lost and reconnecting failed: " + trimmed(PQerrorMessage(conn_)));
    return ok();
  }

  void settle() {
    auto state = PQtransactionStatus(conn_);
    if (state == PQTRANS_INTRANS || state == PQTRANS_INERROR) rollback();
  }

  PGconn* raw() const { return conn_; }

 private:
  Result<Prepared> prepare(std::string_view sql) {
    Prepared p;
    std::string numbered = number_placeholders(sql, p.params);
    p.name = "lf" + std::to_string(++prepared_);
    PgResult res = hold(PQprepare(conn_, p.name.c_str(), numbered.c_str(), 0, nullptr));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return failure(res.get());
    return p;
  }

  // Text format for every parameter; the server infers each one's type from where it stands.
  static bool print(const Value& v, std::string& out) {
    char buf[32];
    if (std::holds_alternative<std::nullptr_t>(v)) return false;
    if (const auto* n = std::get_if<int64_t>(&v)) {
      out.assign(buf, std::to_chars(buf, buf + sizeof buf, *n).ptr);
    } else if (const auto* d = std::get_if<double>(&v)) {
      out.assign(buf, std::to_chars(buf, buf + sizeof buf, *d).ptr);  // "inf"/"nan" are valid float8 input
    } else {
      out = std::get<std::string>(v);
    }
    return true;
  }

  Result<Rows> read(const PGresult* res) {
    auto st = res != nullptr ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return failure(res);
    Rows rows;
    const int ncol = PQnfields(res), nrow = PQntuples(res);
    for (int c = 0; c < ncol; ++c) rows.columns.emplace_back(PQfname(res, c));
    rows.cells.resize(nrow);
    for (int r = 0; r < nrow; ++r) {
      auto& row = rows.cells[r];
      row.reserve(ncol);
      for (int c = 0; c < ncol; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
        }
      }
    }
    return rows;
  }

  Error failure(const PGresult* res) const {
    if (res == nullptr) return internal_error("postgres: " + trimmed(PQerrorMessage(conn_)));
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    const char* detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    std::string why = primary != nullptr ? primary : trimmed(PQresultErrorMessage(res));
    if (why.empty()) why = trimmed(PQerrorMessage(conn_));
    if (detail != nullptr) why += std::string(" (") + detail + ")";
    // SQLSTATE class 23: integrity constraint violation (unique, foreign key, not null, check).
    if (state != nullptr && std::strncmp(state, "23", 2) == 0) return constraint_error(why);
    return internal_error("postgres: " + why);
  }

  static Error arity(int want, int given) {
    return internal_error("postgres: statement takes " + std::to_string(want) + " parameters, given " +
                          std::to_string(given));
  }

  PGconn* conn_;
  std::unordered_map<std::string, Prepared, TextHash, std::equal_to<>> cache_;
  uint64_t prepared_ = 0;  // names the next prepared statement; never reused within a session
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string where, std::vector<std::unique_ptr<PgConnection>> conns)
      : where_(std::move(where)), pool_(std::move(conns)) {}

  Status with(const std::function<Status(Connection&)>& fn) override { return borrow(pool_, fn); }
  Dialect dialect() const override { return Dialect::postgres; }
  std::string describe() const override { return where_; }

 private:
  std::string where_;
  Pool<PgConnection> pool_;
};

// Built from what the live connection reports rather than from the URL, so the password cannot appear.
std::string where(PGconn* c) {
  auto str = [](const char* s) { return std::string(s != nullptr ? s : ""); };
  return "postgresql://" + str(PQuser(c)) + "@" + str(PQhost(c)) + ":" + str(PQport(c)) + "/" + str(PQdb(c));
}

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const std::string& url, int pool_size) {
  std::vector<std::unique_ptr<PgConnection>> conns;
  for (int i = 0; i < pool_size; ++i) {
    LF_TRY(auto conn, PgConnection::open(url));
    conns.push_back(std::move(conn));
  }
  std::string described = where(conns.front()->raw());
  return std::unique_ptr<Database>(std::make_unique<PgDatabase>(std::move(described), std::move(conns)));
}

}  // namespace lf::db
