#include "modules/warnings/recipients.h"

namespace lf::warnings {

namespace {

// Display names of the active accounts with `role` on a scope column = id, joined with 、.
Result<std::string> holders(db::Connection& c, const char* role, const char* column, int64_t id) {
  LF_TRY(db::Rows r, c.query(std::string("SELECT display_name FROM users WHERE disabled = 0 AND ") + column +
                                 " = ? AND (',' || roles || ',') LIKE ? ORDER BY id",
                             {id, std::string("%,") + role + ",%"}));
  std::string out;
  for (size_t i = 0; i < r.size(); ++i) out += (out.empty() ? "" : "、") + r.text(i, 0);
  return out;
}

// The nearest unit from `unit_id` upwards (itself included unless `above`) with a supervisor account.
Result<std::optional<std::pair<int64_t, std::string>>> office_from(db::Connection& c, int64_t unit_id, bool above) {
  std::optional<int64_t> u = unit_id;
  bool skip = above;
  for (int guard = 0; u && guard < 64; ++guard) {
    LF_TRY(db::Rows r, c.query("SELECT name, parent_id FROM units WHERE id = ?", {*u}));
    if (r.empty()) break;
    if (!skip) {
      LF_TRY(std::string names, holders(c, "supervisor", "scope_unit_id", *u));
      if (!names.empty()) return std::optional<std::pair<int64_t, std::string>>{{*u, r.text(0, 0)}};
    }
    skip = false;
    u = r.opt_integer(0, 1);
  }
  return std::optional<std::pair<int64_t, std::string>>{};
}

}  // namespace

Result<Recipient> resolve(db::Connection& c, int tier, int64_t unit_id, std::optional<int64_t> department_id) {
  if (tier <= 0 && department_id) {
    // The nearest department upwards with a department head account.
    std::optional<int64_t> d = department_id;
    for (int guard = 0; d && guard < 64; ++guard) {
      LF_TRY(db::Rows r, c.query("SELECT name, parent_id FROM departments WHERE id = ?", {*d}));
      if (r.empty()) break;
      LF_TRY(std::string names, holders(c, "dept_head", "scope_department_id", *d));
      if (!names.empty()) return Recipient{0, "dept_head", unit_id, *d, r.text(0, 0) + "负责人（" + names + "）"};
      d = r.opt_integer(0, 1);
    }
  }
  LF_TRY(auto office, office_from(c, unit_id, false));
  if (!office) return Recipient{tier, "admin", std::nullopt, std::nullopt, "系统管理员"};
  if (tier >= 2) {
    LF_TRY(auto higher, office_from(c, office->first, true));
    if (higher) office = higher;
  }
  LF_TRY(std::string names, holders(c, "supervisor", "scope_unit_id", office->first));
  return Recipient{std::max(tier, 1), "supervisor", office->first, std::nullopt,
                   office->second + "纪检监察机构（" + names + "）"};
}

}  // namespace lf::warnings
