// Shared steps of the org service: audit rows and field checks.
#pragma once
#include <boost/json.hpp>
#include <string>

#include "base/text.h"
#include "modules/audit/audit.h"
#include "modules/auth/principal.h"

namespace lf::org::detail {

// One audit row for a write, with the object as the API shows it before and after.
template <class Before, class After>
Status audit_write(db::Connection& c, const auth::Principal& who, const char* action, const char* entity, int64_t id,
                   const Before* before, const After* after) {
  audit::Entry e{who.id, who.username, action, entity, std::to_string(id)};
  if (before) e.before_json = boost::json::serialize(to_json(*before));
  if (after) e.after_json = boost::json::serialize(to_json(*after));
  return audit::append(c, e);
}

// A required name: trimmed, non-empty, valid UTF-8, at most `max` characters.
inline Status check_text(std::string& value, const char* field, const char* required_code, const char* long_code,
                         size_t max, bool required = true) {
  value = trim(value);
  if (!is_valid_utf8(value)) return make_error("request.field_type", field);
  if (required && value.empty()) return make_error(required_code, field);
  if (utf8_length(value) > max) return make_error(long_code, field);
  return ok();
}

inline bool one_of(const std::string& v, const std::vector<std::string>& allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

}  // namespace lf::org::detail
