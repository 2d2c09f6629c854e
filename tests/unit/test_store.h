// Fresh stores for the unit tests: a SQLite file in a temporary directory, or a throwaway database on the
// PostgreSQL server named by LIANFANG_TEST_PG (which `make test` starts with scripts/pg-test). Header only:
// CMake compiles tests/unit/*_test.cc and nothing else there.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <random>
#include <string>
#include <system_error>
#include <utility>

#include "base/result.h"
#include "db/database.h"

namespace lf::db {
// For gtest's messages ("where GetParam() = postgres").
inline void PrintTo(Dialect d, std::ostream* os) { *os << (d == Dialect::sqlite ? "sqlite" : "postgres"); }
}  // namespace lf::db

namespace lf::testutil {

// Names the parametrised cases ".../sqlite" and ".../postgres" (INSTANTIATE_TEST_SUITE_P's last argument).
inline std::string backend_name(const ::testing::TestParamInfo<db::Dialect>& info) {
  return info.param == db::Dialect::sqlite ? "sqlite" : "postgres";
}

inline std::string explain(const Error& e) { return e.code + ": " + e.message_en; }

// Twelve random hex digits, for names no other run uses.
inline std::string random_suffix() {
  std::random_device rd;
  std::uniform_int_distribution<uint64_t> pick;
  const char* hex = "0123456789abcdef";
  std::string s;
  for (uint64_t v = pick(rd), i = 0; i < 12; ++i, v >>= 4) s += hex[v & 15];
  return s;
}

// "<server>/<db>", keeping any "?options" of the server URL at the end.
inline std::string with_database(const std::string& server, const std::string& name) {
  std::string base = server, options;
  if (auto q = base.find('?'); q != std::string::npos) {
    options = base.substr(q);
    base.resize(q);
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + name + options;
}

struct StoreOptions {
  std::string prefix = "lf_unit_";  // of the temporary directory and the PostgreSQL database: [a-z0-9_] only
  int pool_size = 4;
  bool migrate = false;             // run db::migrate once it is open
};

// A fresh store, removed again when this goes (or on close()): the PostgreSQL database dropped, the SQLite
// directory deleted.
//
// open() reports through gtest, so it is void: a failure to make the store is a fatal failure, and a
// PostgreSQL case without LIANFANG_TEST_PG fails with an explanation, unless LIANFANG_SKIP_PG=1 skips it.
// Called from SetUp(), either stops the test body; a caller that does more after it checks
// `HasFatalFailure() || IsSkipped()` (or that `db` is set) first.
class TestStore {
 public:
  std::unique_ptr<db::Database> db;
  std::string url;            // what db was opened with: the SQLite file's path or the PostgreSQL URL
  std::string pg_name;        // PostgreSQL: the throwaway database's name
  std::filesystem::path dir;  // SQLite: the temporary directory that holds the file

  TestStore() = default;
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;
  ~TestStore() { close(); }

  void open(db::Dialect dialect, const StoreOptions& opts = {}) {
    if (dialect == db::Dialect::sqlite) {
      dir = std::filesystem::temp_directory_path() / (opts.prefix + random_suffix());
      // A directory that does not exist yet: Database::open must create it.
      url = (dir / "nested" / "test.db").string();
    } else {
      const char* server = std::getenv("LIANFANG_TEST_PG");
      if (server == nullptr || *server == '\0') {
        const char* skip = std::getenv("LIANFANG_SKIP_PG");
        if (skip != nullptr && std::string(skip) == "1")
          GTEST_SKIP() << "PostgreSQL cases skipped because LIANFANG_SKIP_PG=1";
        FAIL() << "LIANFANG_TEST_PG is not set, so the PostgreSQL cases cannot run. Run the tests through "
                  "`make test` (it starts a throwaway server with scripts/pg-test), or point LIANFANG_TEST_PG at "
                  "a server URL such as postgresql://postgres@127.0.0.1:5432, or set LIANFANG_SKIP_PG=1 to skip "
                  "them on purpose.";
      }
      auto admin = db::Database::open(with_database(server, "postgres"), 1);
      ASSERT_TRUE(admin.ok()) << explain(admin.error());
      admin_ = std::move(admin).value();
      const std::string name = opts.prefix + random_suffix();
      Status made = admin_->with([&](db::Connection& c) { return c.exec_script("CREATE DATABASE " + name); });
      ASSERT_TRUE(made.ok()) << explain(made.error());
      pg_name = name;  // set only once it exists, so close() drops only what open() made
      url = with_database(server, pg_name);
    }
    auto opened = db::Database::open(url, opts.pool_size);
    ASSERT_TRUE(opened.ok()) << explain(opened.error());
    db = std::move(opened).value();
    if (opts.migrate) {
      auto migrated = db::migrate(*db);
      ASSERT_TRUE(migrated.ok()) << explain(migrated.error());
    }
  }

  void close() {
    db.reset();  // closes the pool before the database goes
    if (admin_ && !pg_name.empty()) {
      Status dropped = admin_->with(
          [&](db::Connection& c) { return c.exec_script("DROP DATABASE IF EXISTS " + pg_name + " WITH (FORCE)"); });
      EXPECT_TRUE(dropped.ok()) << explain(dropped.error());
      pg_name.clear();
    }
    admin_.reset();
    if (!dir.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
      dir.clear();
    }
  }

 private:
  std::unique_ptr<db::Database> admin_;  // PostgreSQL: on the server's "postgres" database, to create and drop
};

}  // namespace lf::testutil
