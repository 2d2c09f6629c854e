#include "modules/audit/routes.h"

#include "http/json.h"
#include "modules/audit/audit.h"
#include "modules/auth/guard.h"

namespace lf::audit {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {
json::value parse_or_raw(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(text) : v;
}
}  // namespace

void add_routes(http::Router& r, db::Database& db) {
  r.add("GET", "/api/v1/audit", [&db](Request& req) -> Result<Response> {
    LF_TRY(auth::Principal who, auth::require_session(db, req));
    LF_CHECK(auth::require(who, auth::Permission::audit_read));
    LF_TRY(http::Page page, http::read_page(req));
    const std::string entity = req.q("entity").value_or("");
    const std::string entity_id = req.q("entity_id").value_or("");
    db::Rows n, rows;
    LF_CHECK(db.with([&](db::Connection& c) -> Status {
      std::string where;
      db::Params p;
      if (!entity.empty()) {
        where = " WHERE entity = ?";
        p.emplace_back(entity);
        if (!entity_id.empty()) {
          where += " AND entity_id = ?";
          p.emplace_back(entity_id);
        }
      }
      LF_TRY(n, c.query("SELECT COUNT(*) FROM audit_log" + where, p));
      p.emplace_back(page.size);
      p.emplace_back(page.offset());
      LF_TRY(rows, c.query("SELECT id, at, actor, action, entity, entity_id, before_json, after_json, hash "
                           "FROM audit_log" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                           p));
      return ok();
    }));
    json::array items;
    for (size_t i = 0; i < rows.size(); ++i) {
      items.push_back(json::object{{"id", rows.integer(i, 0)},
                                   {"at", rows.text(i, 1)},
                                   {"actor", rows.text(i, 2)},
                                   {"action", rows.text(i, 3)},
                                   {"entity", rows.text(i, 4)},
                                   {"entity_id", rows.text(i, 5)},
                                   {"before", parse_or_raw(rows.text(i, 6))},
                                   {"after", parse_or_raw(rows.text(i, 7))},
                                   {"hash", rows.text(i, 8)}});
    }
    return http::list_response(std::move(items), n.integer(0, 0), page);
  });

  r.add("GET", "/api/v1/audit/verify", [&db](Request& req) -> Result<Response> {
    LF_TRY(auth::Principal who, auth::require_session(db, req));
    LF_CHECK(auth::require(who, auth::Permission::audit_read));
    LF_TRY(Verdict v, verify(db));
    json::object out{{"intact", v.intact}, {"checked", v.checked}, {"first_broken_id", http::id_or_null(v.first_broken_id)}};
    if (!v.intact) out["reason"] = v.reason;
    return http::json_response(out);
  });
}

}  // namespace lf::audit
