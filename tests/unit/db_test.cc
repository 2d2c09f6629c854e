// The database interface on both backends. Every case runs against a fresh SQLite file and a fresh
// PostgreSQL database (on the server named by LIANFANG_TEST_PG, which `make test` starts).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "db/backends.h"
#include "db/database.h"
#include "test_store.h"

namespace lf::db {

namespace {

namespace fs = std::filesystem;
using testutil::explain;

class DbTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override { store_.open(GetParam()); }

  Result<Rows> q(const std::string& sql, const Params& params = {}) {
    Result<Rows> out = Rows{};
    Status st = store_.db->with([&](Connection& c) -> Status {
      out = c.query(sql, params);
      return ok();
    });
    if (!st.ok()) return std::move(st).error();
    return out;
  }

  // Runs the statement and expects it to work; returns its rows.
  Rows must(const std::string& sql, const Params& params = {}) {
    auto r = q(sql, params);
    EXPECT_TRUE(r.ok()) << sql << " -> " << explain(r.error());
    return r.ok() ? std::move(r).value() : Rows{};
  }

  int64_t count(const std::string& table) {
    Rows r = must("SELECT count(*) FROM " + table);
    return r.empty() ? -1 : r.integer(0, 0);
  }

  // A table for the tests, with the types the application uses. BIGINT and DOUBLE PRECISION: on
  // PostgreSQL, INTEGER and REAL are only 32 bits wide.
  void make_things() {
    const std::string pk = GetParam() == Dialect::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    Status made = store_.db->with([&](Connection& c) {
      return c.exec_script("CREATE TABLE things (id " + pk +
                           ", name TEXT NOT NULL UNIQUE, qty BIGINT, price DOUBLE PRECISION, note TEXT);"
                           "CREATE TABLE parts (id " + pk + ", thing_id BIGINT NOT NULL REFERENCES things(id));");
    });
    ASSERT_TRUE(made.ok()) << explain(made.error());
  }

  int64_t insert_thing(Connection& c, const std::string& name) {
    auto r = c.query("INSERT INTO things(name) VALUES (?) RETURNING id", {name});
    EXPECT_TRUE(r.ok()) << explain(r.error());
    return r.ok() && !r->empty() ? r->integer(0, 0) : -1;
  }

  testutil::TestStore store_;
};

TEST_P(DbTest, OpensWithTheRightDialect) {
  EXPECT_EQ(store_.db->dialect(), GetParam());
  if (GetParam() == Dialect::sqlite) {
    EXPECT_TRUE(fs::exists(store_.url));
    EXPECT_EQ(must("PRAGMA journal_mode").text(0, 0), "wal");
    EXPECT_EQ(must("PRAGMA foreign_keys").integer(0, 0), 1);
    EXPECT_EQ(must("PRAGMA synchronous").integer(0, 0), 2);  // FULL: an acknowledged commit survives a power cut
    EXPECT_EQ(must("PRAGMA busy_timeout").integer(0, 0), 5000);
  }
}

TEST_P(DbTest, MigrateIsIdempotent) {
  auto first = migrate(*store_.db);
  ASSERT_TRUE(first.ok()) << explain(first.error());
  EXPECT_GE(*first, 1);
  auto second = migrate(*store_.db);
  ASSERT_TRUE(second.ok()) << explain(second.error());
  EXPECT_EQ(*second, 0);
  EXPECT_EQ(count("schema_migrations"), *first);
  EXPECT_EQ(count("audit_log"), 0);
}

TEST_P(DbTest, InsertReturningId) {
  make_things();
  int64_t a = -1, b = -1;
  Status st = store_.db->with([&](Connection& c) {
    a = insert_thing(c, "first");
    b = insert_thing(c, "second");
    return ok();
  });
  ASSERT_TRUE(st.ok());
  EXPECT_GT(a, 0);
  EXPECT_GT(b, a);
  Rows r = must("SELECT name FROM things WHERE id = ?", {b});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r.text(0, 0), "second");
}

TEST_P(DbTest, ParamsOfEveryTypeRoundTrip) {
  make_things();
  const std::string name = "名字 'quoted' ? ; -- not a comment\n第二行";
  const int64_t big = std::numeric_limits<int64_t>::max();
  const int64_t small = std::numeric_limits<int64_t>::min();
  must("INSERT INTO things(name, qty, price, note) VALUES (?, ?, ?, ?)", {name, big, 0.1, std::string()});
  must("INSERT INTO things(name, qty, price, note) VALUES (?, ?, ?, ?)", {std::string("b"), small, -2.5e300, std::string("x")});
  must("INSERT INTO things(name, qty, price, note) VALUES (?, ?, ?, ?)", {std::string("c"), int64_t{0}, 3.0, std::string("y")});

  Rows r = must("SELECT name, qty, price, note FROM things ORDER BY id");
  ASSERT_EQ(r.size(), 3u);
  ASSERT_EQ(r.columns, (std::vector<std::string>{"name", "qty", "price", "note"}));
  EXPECT_EQ(r.text(0, 0), name);
  EXPECT_EQ(r.integer(0, 1), big);
  EXPECT_EQ(r.real(0, 2), 0.1);
  EXPECT_FALSE(r.is_null(0, 3));  // empty text is not NULL
  EXPECT_EQ(r.text(0, 3), "");
  EXPECT_EQ(r.integer(1, 1), small);
  EXPECT_EQ(r.real(1, 2), -2.5e300);
  EXPECT_EQ(r.integer(2, 1), 0);
  // Both backends print the same text for the same number.
  EXPECT_EQ(r.text(2, 2), "3");
  EXPECT_EQ(r.text(0, 2), "0.1");

  // Parameters used in expressions, not only stored.
  Rows sum = must("SELECT qty + ? FROM things WHERE name = ?", {int64_t{5}, std::string("c")});
  EXPECT_EQ(sum.integer(0, 0), 5);
  Rows found = must("SELECT count(*) FROM things WHERE price > ?", {0.05});
  EXPECT_EQ(found.integer(0, 0), 2);
}

TEST_P(DbTest, NullsReadAsNullopt) {
  make_things();
  must("INSERT INTO things(name, qty, price, note) VALUES (?, ?, ?, ?)", {std::string("n"), nullptr, nullptr, nullptr});
  Rows r = must("SELECT qty, price, note FROM things");
  ASSERT_EQ(r.size(), 1u);
  for (size_t c = 0; c < 3; ++c) EXPECT_TRUE(r.is_null(0, c)) << c;
  EXPECT_EQ(r.opt_integer(0, 0), std::nullopt);
  EXPECT_EQ(r.integer(0, 0), 0);
  EXPECT_EQ(r.text(0, 2), "");
  EXPECT_EQ(must("SELECT count(*) FROM things WHERE note IS NULL").integer(0, 0), 1);
  // Setting a value back to NULL through a parameter.
  must("UPDATE things SET qty = ? WHERE name = ?", {int64_t{4}, std::string("n")});
  EXPECT_EQ(must("SELECT qty FROM things").opt_integer(0, 0), 4);
  must("UPDATE things SET qty = ? WHERE name = ?", {nullptr, std::string("n")});
  EXPECT_TRUE(must("SELECT qty FROM things").is_null(0, 0));
}

TEST_P(DbTest, TransactionCommits) {
  make_things();
  Status st = store_.db->transaction([&](Connection& c) {
    insert_thing(c, "a");
    insert_thing(c, "b");
    return ok();
  });
  ASSERT_TRUE(st.ok()) << explain(st.error());
  EXPECT_EQ(count("things"), 2);
}

TEST_P(DbTest, FailingTransactionLeavesNothing) {
  make_things();
  Status st = store_.db->transaction([&](Connection& c) -> Status {
    insert_thing(c, "a");
    insert_thing(c, "b");
    return make_error("test.refused", "", 422);
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "test.refused");  // the caller's error comes back unchanged
  EXPECT_EQ(st.error().status, 422);
  EXPECT_EQ(count("things"), 0);

  // A statement failing half-way through rolls back what came before it.
  st = store_.db->transaction([&](Connection& c) -> Status {
    insert_thing(c, "c");
    LF_CHECK(c.query("INSERT INTO things(name) VALUES (?)", {std::string("c")}));
    return ok();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "db.constraint");
  EXPECT_EQ(count("things"), 0);
}

TEST_P(DbTest, UniqueViolationIsAConflict) {
  make_things();
  must("INSERT INTO things(name) VALUES (?)", {std::string("same")});
  auto again = q("INSERT INTO things(name) VALUES (?)", {std::string("same")});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "db.constraint");
  EXPECT_EQ(again.error().status, 409);
  EXPECT_EQ(again.error().message.rfind("数据冲突", 0), 0u) << again.error().message;
  EXPECT_NE(again.error().message_en.find("Conflict"), std::string::npos) << again.error().message_en;
  // The driver's text stays out of what users see, and is kept for the log.
  EXPECT_EQ(again.error().message_en.find("UNIQUE"), std::string::npos) << again.error().message_en;
  EXPECT_EQ(again.error().message_en.find("unique"), std::string::npos) << again.error().message_en;
  EXPECT_FALSE(again.error().detail.empty());
}

TEST_P(DbTest, ForeignKeyViolationIsAConflict) {
  make_things();
  auto orphan = q("INSERT INTO parts(thing_id) VALUES (?)", {int64_t{12345}});
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, "db.constraint");
  EXPECT_EQ(orphan.error().status, 409);
}

TEST_P(DbTest, OtherFailuresAreInternalErrors) {
  auto bad = q("SELECT nonsense FROM nowhere");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().status, 500);
  EXPECT_NE(bad.error().code, "db.constraint");

  Status script = store_.db->with([](Connection& c) { return c.exec_script("CREATE TABLE t1 (a TEXT); CREATE TABL oops"); });
  EXPECT_FALSE(script.ok());

  // Too few or too many parameters is an error, never undefined behaviour.
  EXPECT_FALSE(q("SELECT ?, ?", {int64_t{1}}).ok());
  EXPECT_FALSE(q("SELECT ?", {int64_t{1}, int64_t{2}}).ok());
}

TEST_P(DbTest, SameSqlReusesItsPreparedStatement) {
  make_things();
  const std::string sql = "SELECT name FROM things WHERE id = ?";
  Status st = store_.db->with([&](Connection& c) -> Status {
    const int64_t a = insert_thing(c, "a"), b = insert_thing(c, "b");
    for (int round = 0; round < 3; ++round) {
      LF_TRY(Rows ra, c.query(sql, {a}));
      LF_TRY(Rows rb, c.query(sql, {b}));
      EXPECT_EQ(ra.text(0, 0), "a");
      EXPECT_EQ(rb.text(0, 0), "b");
    }
    // The connection holds the statement once, however often it ran.
    Rows held;
    if (c.dialect() == Dialect::sqlite) {
      LF_TRY(held, c.query("SELECT count(*) FROM sqlite_stmt WHERE sql = ?", {sql}));
    } else {
      LF_TRY(held, c.query("SELECT count(*) FROM pg_prepared_statements WHERE statement = ?",
                           {std::string("SELECT name FROM things WHERE id = $1")}));
    }
    EXPECT_EQ(held.integer(0, 0), 1);

    // A cached statement that failed is usable again right after.
    const std::string insert = "INSERT INTO things(name) VALUES (?)";
    EXPECT_EQ(c.query(insert, {std::string("a")}).error().code, "db.constraint");
    LF_CHECK(c.query(insert, {std::string("c")}));
    return ok();
  });
  ASSERT_TRUE(st.ok()) << explain(st.error());
  EXPECT_EQ(count("things"), 3);
}

TEST_P(DbTest, MoreDistinctStatementsThanTheCacheHolds) {
  // Past the cache limit statements run unprepared; the results must not change.
  Status st = store_.db->with([&](Connection& c) -> Status {
    for (size_t i = 0; i < kStatementCacheLimit + 40; ++i) {
      LF_TRY(Rows r, c.query("SELECT ? + " + std::to_string(i), {int64_t{1}}));
      EXPECT_EQ(r.integer(0, 0), static_cast<int64_t>(i) + 1);
    }
    LF_TRY(Rows again, c.query("SELECT ? + 3", {int64_t{1}}));
    EXPECT_EQ(again.integer(0, 0), 4);
    return ok();
  });
  ASSERT_TRUE(st.ok()) << explain(st.error());
}

TEST_P(DbTest, QuestionMarksInLiteralsAreNotPlaceholders) {
  Rows r = must("SELECT '?' AS a, ? AS b, 'it''s ?' AS c, ? AS \"d?\" -- why?\n", {std::string("x"), int64_t{7}});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r.text(0, 0), "?");
  EXPECT_EQ(r.text(0, 1), "x");
  EXPECT_EQ(r.text(0, 2), "it's ?");
  EXPECT_EQ(r.text(0, 3), "7");
  EXPECT_EQ(r.columns[3], "d?");
}

TEST_P(DbTest, ConcurrentWritersAllLand) {
  make_things();
  constexpr int kThreads = 4, kEach = 200;
  std::atomic<int> failures{0};
  std::string first_failure;
  std::mutex failure_mu;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        // Half of the rows in transactions that also take the chain lock, half in autocommit. (std::string("w")
        // rather than "w" + ...: GCC 12 gives a false -Wrestrict warning on the latter here.)
        Status st = i % 2 == 0 ? store_.db->transaction([&](Connection& c) -> Status {
          LF_CHECK(c.lock_chain());
          LF_CHECK(c.query("INSERT INTO things(name, qty) VALUES (?, ?)",
                           {std::string("w") + std::to_string(t) + "-" + std::to_string(i), int64_t{t}}));
          return ok();
        })
                               : store_.db->with([&](Connection& c) -> Status {
          LF_CHECK(c.query("INSERT INTO things(name, qty) VALUES (?, ?)",
                           {std::string("w") + std::to_string(t) + "-" + std::to_string(i), int64_t{t}}));
          return ok();
        });
        if (!st.ok() && failures++ == 0) {
          std::lock_guard lock(failure_mu);
          first_failure = explain(st.error());
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failures.load(), 0) << first_failure;
  EXPECT_EQ(count("things"), kThreads * kEach);
  EXPECT_EQ(must("SELECT count(DISTINCT id) FROM things").integer(0, 0), kThreads * kEach);
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(must("SELECT count(*) FROM things WHERE qty = ?", {int64_t{t}}).integer(0, 0), kEach);
}

TEST_P(DbTest, ConnectionComesBackCleanAfterAnOpenTransaction) {
  make_things();
  // A borrower that forgets to commit: its writes must not survive, nor its transaction.
  Status st = store_.db->with([&](Connection& c) -> Status {
    LF_CHECK(c.begin());
    insert_thing(c, "forgotten");
    return ok();
  });
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(count("things"), 0);

  // Same for one that throws; the exception becomes an Error.
  st = store_.db->with([&](Connection& c) -> Status {
    LF_CHECK(c.begin());
    insert_thing(c, "thrown");
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().detail.find("boom"), std::string::npos);
  EXPECT_EQ(count("things"), 0);

  // Every connection of the pool still starts transactions.
  for (int i = 0; i < 8; ++i) EXPECT_TRUE(store_.db->transaction([](Connection&) { return ok(); }).ok());
}

TEST_P(DbTest, CommitAfterAFailedStatementIsAnError) {
  make_things();
  must("INSERT INTO things(name) VALUES (?)", {std::string("a")});
  Status st = store_.db->with([&](Connection& c) -> Status {
    LF_CHECK(c.begin());
    insert_thing(c, "b");
    EXPECT_FALSE(c.query("INSERT INTO things(name) VALUES (?)", {std::string("a")}).ok());
    Status committed = c.commit();
    if (c.dialect() == Dialect::postgres) {
      // PostgreSQL aborted the whole transaction at the failed statement.
      EXPECT_FALSE(committed.ok());
    } else {
      // SQLite undoes only the failed statement; the rest commits.
      EXPECT_TRUE(committed.ok());
    }
    return ok();
  });
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(count("things"), GetParam() == Dialect::postgres ? 1 : 2);
}

TEST_P(DbTest, NestedBorrowsUseDifferentConnections) {
  make_things();
  // Reading what another connection committed while holding one: needs two connections of the pool.
  Status st = store_.db->with([&](Connection& outer) -> Status {
    insert_thing(outer, "outer");
    return store_.db->with([&](Connection& inner) -> Status {
      EXPECT_NE(&inner, &outer);
      LF_TRY(Rows r, inner.query("SELECT count(*) FROM things"));
      EXPECT_EQ(r.integer(0, 0), 1);
      return ok();
    });
  });
  ASSERT_TRUE(st.ok()) << explain(st.error());
}

TEST_P(DbTest, DescribeNeverShowsThePassword) {
  if (GetParam() == Dialect::sqlite) {
    EXPECT_NE(store_.db->describe().find("test.db"), std::string::npos);
    return;
  }
  // The test server trusts every local connection, so any password is accepted and then ignored.
  std::string url = store_.url;
  const size_t scheme = url.find("://") + 3, at = url.find('@', scheme);
  ASSERT_NE(at, std::string::npos) << "expected a user in " << url;
  if (url.substr(scheme, at - scheme).find(':') == std::string::npos) url.insert(at, ":s3cret-pw");
  auto db = Database::open(url, 1);
  ASSERT_TRUE(db.ok()) << explain(db.error());
  const std::string shown = (*db)->describe();
  EXPECT_EQ(shown.find("s3cret"), std::string::npos) << shown;
  EXPECT_NE(shown.find(store_.pg_name), std::string::npos) << shown;
}

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, ::testing::Values(Dialect::sqlite, Dialect::postgres),
                         testutil::backend_name);

// Cells as text, read as numbers whichever backend printed them.
TEST(Rows, ReadsNumbersFromEitherBackend) {
  Rows r;
  r.columns = {"v"};
  for (const char* v : {"42", "-7", "t", "f", "2.5000", "abc", "9223372036854775807", "Infinity", "1e-3"})
    r.cells.push_back({std::string(v)});
  r.cells.push_back({std::nullopt});
  EXPECT_EQ(r.integer(0, 0), 42);
  EXPECT_EQ(r.integer(1, 0), -7);
  EXPECT_EQ(r.integer(2, 0), 1);
  EXPECT_EQ(r.integer(3, 0), 0);
  EXPECT_EQ(r.integer(4, 0), 2);
  EXPECT_EQ(r.opt_integer(5, 0), std::nullopt);
  EXPECT_EQ(r.integer(6, 0), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(r.real(4, 0), 2.5);
  EXPECT_EQ(r.real(7, 0), std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.real(8, 0), 0.001);
  EXPECT_EQ(r.opt_integer(9, 0), std::nullopt);
  EXPECT_EQ(r.real(9, 0), 0.0);
}

TEST(Placeholders, NumberedOutsideLiteralsAndComments) {
  int n = 0;
  EXPECT_EQ(number_placeholders("SELECT ?, '?', \"?\", ? -- ?\n, ? /* ? */ WHERE x = 'a''?' AND y = ?", n),
            "SELECT $1, '?', \"?\", $2 -- ?\n, $3 /* ? */ WHERE x = 'a''?' AND y = $4");
  EXPECT_EQ(n, 4);
  EXPECT_EQ(number_placeholders("SELECT 1", n), "SELECT 1");
  EXPECT_EQ(n, 0);
  // An unterminated literal swallows the rest rather than running past the end.
  EXPECT_EQ(number_placeholders("SELECT ? || 'oops?", n), "SELECT $1 || 'oops?");
  EXPECT_EQ(n, 1);
}

TEST(Open, SqliteMemoryIsOneStore) {
  auto db = Database::open(":memory:", 4);
  ASSERT_TRUE(db.ok()) << explain(db.error());
  Status st = (*db)->with([](Connection& c) { return c.exec_script("CREATE TABLE t (a INTEGER)"); });
  ASSERT_TRUE(st.ok());
  st = (*db)->with([](Connection& c) -> Status {
    LF_TRY(Rows r, c.query("SELECT count(*) FROM t"));
    EXPECT_EQ(r.integer(0, 0), 0);
    return ok();
  });
  EXPECT_TRUE(st.ok()) << explain(st.error());
}

TEST(Open, UnreachablePostgresIsAnError) {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  auto db = Database::open("postgresql://nobody:pw@127.0.0.1:1/none?connect_timeout=2", 1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().message_en.find("pw@"), std::string::npos);
}

}  // namespace
}  // namespace lf::db
