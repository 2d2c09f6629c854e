#include "modules/audit/audit.h"

#include <string>

#include "base/clock.h"
#include "base/crypto.h"

namespace lf::audit {
namespace {

const std::string kGenesis(64, '0');

// The hashed content of a row. Fields are length-prefixed so that no two different rows serialise alike.
std::string row_digest(const std::string& prev, const std::string& at, const std::string& actor_id,
                       const std::string& actor, const std::string& action, const std::string& entity,
                       const std::string& entity_id, const std::string& before, const std::string& after) {
  std::string s;
  for (const std::string* f : {&prev, &at, &actor_id, &actor, &action, &entity, &entity_id, &before, &after}) {
    s += std::to_string(f->size());
    s += ':';
    s += *f;
    s += '|';
  }
  return sha256_hex(s);
}

}  // namespace

Status append(db::Connection& c, const Entry& e) {
  LF_CHECK(c.lock_chain());
  LF_TRY(db::Rows last, c.query("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
  const std::string prev = last.empty() ? kGenesis : last.text(0, 0);
  const std::string at = now_utc();
  const std::string actor_id = e.actor_id ? std::to_string(*e.actor_id) : "";
  const std::string hash =
      row_digest(prev, at, actor_id, e.actor, e.action, e.entity, e.entity_id, e.before_json, e.after_json);
  db::Value aid = e.actor_id ? db::Value{*e.actor_id} : db::Value{nullptr};
  LF_TRY(db::Rows ins, c.query("INSERT INTO audit_log(at, actor_id, actor, action, entity, entity_id, before_json, "
                               "after_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                               {at, aid, e.actor, e.action, e.entity, e.entity_id, e.before_json, e.after_json, prev,
                                hash}));
  return ok();
}

Result<Verdict> verify(db::Database& db) {
  Verdict v;
  std::string prev = kGenesis;
  int64_t after_id = 0;
  constexpr int64_t kChunk = 5000;
  for (;;) {
    db::Rows rows;
    LF_CHECK(db.with([&](db::Connection& c) -> Status {
      LF_TRY(rows, c.query("SELECT id, at, actor_id, actor, action, entity, entity_id, before_json, after_json, "
                           "prev_hash, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                           {after_id, kChunk}));
      return ok();
    }));
    for (size_t r = 0; r < rows.size(); ++r) {
      const int64_t id = rows.integer(r, 0);
      ++v.checked;
      if (rows.text(r, 9) != prev) {
        v.intact = false;
        v.first_broken_id = id;
        v.reason = "prev_hash does not match the previous row (a row was removed or reordered)";
        return v;
      }
      const std::string want = row_digest(prev, rows.text(r, 1), rows.text(r, 2), rows.text(r, 3), rows.text(r, 4),
                                          rows.text(r, 5), rows.text(r, 6), rows.text(r, 7), rows.text(r, 8));
      if (want != rows.text(r, 10)) {
        v.intact = false;
        v.first_broken_id = id;
        v.reason = "content does not match its hash (the row was edited)";
        return v;
      }
      prev = rows.text(r, 10);
      after_id = id;
    }
    if (static_cast<int64_t>(rows.size()) < kChunk) break;
  }
  return v;
}

}  // namespace lf::audit
