// The pieces under every module: routing, request parsing, text rules, passwords, subtree ranges, the audit
// chain and the list cache it versions.
#include <gtest/gtest.h>

#include "base/text.h"
#include "db/database.h"
#include "http/json.h"
#include "http/router.h"
#include "modules/audit/audit.h"
#include "modules/audit/read_cache.h"
#include "modules/audit/totals.h"
#include "modules/audit/version.h"
#include "modules/auth/password.h"
#include "modules/auth/scope_sql.h"
#include "test_store.h"

namespace lf {
namespace {

TEST(Router, MatchesPatternsAndCapturesIds) {
  http::Router r;
  r.add("GET", "/api/v1/posts", [](http::Request&) -> Result<http::Response> { http::Response res; res.status = 200; return res; });
  r.add("GET", "/api/v1/posts/{id}", [](http::Request&) -> Result<http::Response> { http::Response res; res.status = 201; return res; });
  http::Request req;
  req.method = "GET";
  req.path = "/api/v1/posts/42";
  bool known = false;
  const http::Handler* h = r.match(req, known);
  ASSERT_NE(h, nullptr);
  EXPECT_EQ((*h)(req)->status, 201);
  ASSERT_EQ(req.params.size(), 1u);
  EXPECT_EQ(req.params[0], "42");

  req.method = "DELETE";  // path exists, method does not: 405, not 404
  EXPECT_EQ(r.match(req, known), nullptr);
  EXPECT_TRUE(known);
  req.path = "/api/v1/nothing";
  EXPECT_EQ(r.match(req, known), nullptr);
  EXPECT_FALSE(known);
}

TEST(Request, ReadsOneCookieAmongMany) {
  http::Request req;
  req.headers["cookie"] = "theme=dark; lf_session=abc123; lang=zh";
  EXPECT_EQ(req.cookie("lf_session"), "abc123");
  EXPECT_EQ(req.cookie("lang"), "zh");
  EXPECT_EQ(req.cookie("missing"), "");
}

TEST(Body, ReportsTheFieldWithTheWrongType) {
  auto b = http::Body::parse(R"({"name":"会计","headcount":"three","keys":["money",1],"flag":true})");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->str("name")->value(), "会计");
  auto count = b->integer("headcount");
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.error().field, "headcount");
  EXPECT_FALSE(b->strings("keys").ok());
  EXPECT_TRUE(b->boolean("flag")->value());
  EXPECT_FALSE(b->str("absent")->has_value());
  EXPECT_FALSE(http::Body::parse("{not json").ok());
  EXPECT_FALSE(http::Body::parse("[1,2]").ok());  // a body must be an object
}

TEST(Paging, SizeIsBoundedAndPageIsPositive) {
  http::Request req;
  EXPECT_EQ(http::read_page(req)->size, 20);
  req.query["size"] = "500";
  req.query["page"] = "3";
  auto p = http::read_page(req);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->offset(), 1000);
  req.query["size"] = "501";
  EXPECT_EQ(http::read_page(req).error().field, "size");
  req.query["size"] = "20";
  req.query["page"] = "0";
  EXPECT_EQ(http::read_page(req).error().field, "page");
  req.query["page"] = "1x";
  EXPECT_FALSE(http::read_page(req).ok());
}

TEST(Errors, CarryBothLanguagesFromTheCatalogue) {
  Error e = make_error("org.post.tier_invalid", "tier");
  EXPECT_EQ(e.status, 400);
  EXPECT_NE(e.message.find("岗位层级"), std::string::npos);
  EXPECT_NE(e.message_en.find("tier"), std::string::npos);
  EXPECT_EQ(e.field, "tier");
}

TEST(Text, CountsCharactersNotBytesAndTrimsFullWidthSpaces) {
  EXPECT_EQ(utf8_length("财务处"), 3u);
  EXPECT_EQ(trim("\xE3\x80\x80 会计 \xE3\x80\x80"), "会计");
  EXPECT_TRUE(is_valid_utf8("岗位"));
  EXPECT_FALSE(is_valid_utf8("\xE5\xB2"));  // a cut-off character
}

TEST(Passwords, Argon2idRoundTripAndStrength) {
  auto h = auth::hash_password("Lianfang@2026");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(auth::verify_password("Lianfang@2026", *h));
  EXPECT_FALSE(auth::verify_password("lianfang@2026", *h));
  EXPECT_NE(auth::hash_password("Lianfang@2026").value(), *h);  // salted
  EXPECT_FALSE(auth::check_password_strength("short1").ok());
  EXPECT_FALSE(auth::check_password_strength("onlyletters").ok());
  EXPECT_FALSE(auth::check_password_strength("1234567890").ok());
  EXPECT_TRUE(auth::check_password_strength("abc12345").ok());
}

TEST(Scope, SubtreeRangeHoldsDescendantsOnly) {
  db::Params p;
  auth::subtree("path", "/1/4/", p);
  ASSERT_EQ(p.size(), 2u);
  const auto lo = std::get<std::string>(p[0]), hi = std::get<std::string>(p[1]);
  auto inside = [&](const std::string& path) { return path >= lo && path < hi; };
  EXPECT_TRUE(inside("/1/4/"));
  EXPECT_TRUE(inside("/1/4/9/"));
  EXPECT_TRUE(inside("/1/4/99/123/"));
  EXPECT_FALSE(inside("/1/40/"));  // a sibling whose id starts with the same digit
  EXPECT_FALSE(inside("/1/5/"));
  EXPECT_FALSE(inside("/1/"));
}

// A migrated SQLite store in a temporary directory.
class Store : public ::testing::Test {
 protected:
  void SetUp() override { store_.open(db::Dialect::sqlite, {.prefix = "lf_core_", .pool_size = 2, .migrate = true}); }
  void append(const std::string& after) {
    ASSERT_TRUE(store_.db->transaction([&](db::Connection& c) {
      return audit::append(c, {7, "jiwei", "update", "post", "3", R"({"name":"a"})", after});
    }).ok());
  }
  Status exec(const std::string& sql) {
    return store_.db->with([&](db::Connection& c) -> Status {
      LF_CHECK(c.query(sql));
      return ok();
    });
  }
  testutil::TestStore store_;
};

TEST_F(Store, AuditChainShowsAnEditedRow) {
  for (int i = 0; i < 5; ++i) append(R"({"name":"b)" + std::to_string(i) + R"("})");
  auto v = audit::verify(*store_.db);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->checked, 5);

  ASSERT_TRUE(exec(R"(UPDATE audit_log SET after_json = '{"name":"forged"}' WHERE id = 3)").ok());
  v = audit::verify(*store_.db);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_EQ(v->first_broken_id.value_or(0), 3);
}

TEST_F(Store, AuditChainShowsARemovedRow) {
  for (int i = 0; i < 4; ++i) append("{}");
  ASSERT_TRUE(exec("DELETE FROM audit_log WHERE id = 2").ok());
  auto v = audit::verify(*store_.db);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_EQ(v->first_broken_id.value_or(0), 3);  // row 3 no longer links to its predecessor
}

TEST_F(Store, CachedTotalsFollowAuditedWritesOnly) {
  ASSERT_TRUE(exec("CREATE TABLE things (id INTEGER PRIMARY KEY)").ok());
  ASSERT_TRUE(exec("INSERT INTO things VALUES (1), (2)").ok());
  audit::Totals totals;
  auto count = [&]() -> int64_t {
    int64_t n = -1;
    EXPECT_TRUE(store_.db->with([&](db::Connection& c) -> Status {
      LF_TRY(auto snap, totals.open(c));
      LF_TRY(n, snap.count("SELECT COUNT(*) FROM things", {}));
      return ok();
    }).ok());
    return n;
  };
  EXPECT_EQ(count(), 2);
  ASSERT_TRUE(exec("INSERT INTO things VALUES (3)").ok());
  EXPECT_EQ(count(), 2) << "an unaudited write is invisible to the cache (documented limit)";
  append("{}");  // every service write appends to the audit log in the same transaction
  EXPECT_EQ(count(), 3);
}

TEST(ReadCache, AnswersOnlyForTheVersionItWasStoredAt) {
  audit::ReadCache cache(2);
  cache.put("posts|page=1", 7, "[1]");
  ASSERT_NE(cache.get("posts|page=1", 7), nullptr);
  EXPECT_EQ(*cache.get("posts|page=1", 7), "[1]");
  EXPECT_EQ(cache.get("posts|page=1", 8), nullptr) << "a write moved the version";
  EXPECT_EQ(cache.get("posts|page=2", 7), nullptr);
  audit::set_read_caches(false);
  EXPECT_EQ(cache.get("posts|page=1", 7), nullptr) << "--no-read-cache";
  audit::set_read_caches(true);
  cache.put("a", 7, "x");
  cache.put("b", 7, "y");  // over capacity: starts over
  EXPECT_EQ(cache.get("posts|page=1", 7), nullptr);
  EXPECT_NE(cache.get("b", 7), nullptr);
}

TEST_F(Store, VersionMovesWithEveryAuditedWrite) {
  auto version = [&]() {
    int64_t v = -1;
    EXPECT_TRUE(store_.db->with([&](db::Connection& c) -> Status {
      LF_TRY(v, audit::store_version(c));
      return ok();
    }).ok());
    return v;
  };
  EXPECT_EQ(version(), 0);
  append("{}");
  const int64_t one = version();
  EXPECT_GT(one, 0);
  append("{}");
  EXPECT_GT(version(), one);
}

}  // namespace
}  // namespace lf
