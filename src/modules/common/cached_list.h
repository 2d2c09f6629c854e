// Answers of list routes, cached per store version (audit/read_cache.h). A list depends only on the caller's
// scope, the query, today's date (current holders, overdue marks) and the store's content, so that is the key.
#pragma once
#include <map>
#include <string>

#include "base/clock.h"
#include "http/message.h"
#include "modules/audit/read_cache.h"
#include "modules/auth/principal.h"

namespace lf::list {

inline std::string answer_key(const auth::Principal& who, const http::Request& req) {
  const auth::Scope& s = who.scope;
  std::string key = s.all ? "*" : s.department_id ? "d" + s.department_path : "u" + s.unit_path;
  key += '|' + req.path + '|' + today_utc();
  std::map<std::string, std::string> sorted(req.query.begin(), req.query.end());
  for (const auto& [k, v] : sorted) key += '|' + k + '=' + v;
  return key;
}

// The cached answer for this request at the version the session was read at, or `compute()`'s, stored.
template <class F>
Result<http::Response> cached_answer(audit::ReadCache& cache, const auth::Principal& who, const http::Request& req,
                                     F compute) {
  const std::string key = answer_key(who, req);
  if (auto hit = cache.get(key, who.store_version)) {
    http::Response res;
    res.body = *hit;
    return res;
  }
  LF_TRY(http::Response res, compute());
  cache.put(key, who.store_version, res.body);
  return res;
}

}  // namespace lf::list
