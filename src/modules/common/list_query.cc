#include "modules/common/list_query.h"

#include "modules/auth/scope_sql.h"

namespace lf::list {

std::string like_pattern(const std::string& q) {
  std::string out = "%";
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

void Where::equals(const char* col, db::Value v) {
  sql += std::string(" AND ") + col + " = ?";
  params.push_back(std::move(v));
}

void Where::contains(std::initializer_list<const char*> cols, const std::string& q) {
  std::string any;
  for (const char* col : cols) {
    any += std::string(any.empty() ? "" : " OR ") + "lower(" + col + ") LIKE lower(?) ESCAPE '\\'";
    params.emplace_back(like_pattern(q));
  }
  sql += " AND (" + any + ")";
}

Status Where::in_department_subtree(db::Connection& c, const char* col, int64_t dept_id) {
  LF_TRY(db::Rows r, c.query("SELECT path FROM departments WHERE id = ?", {dept_id}));
  if (r.empty()) {
    sql += " AND 1 = 0";
    return ok();
  }
  sql += std::string(" AND ") + col + " IN (SELECT id FROM departments WHERE " +
         auth::subtree("path", r.text(0, 0), params) + ")";
  return ok();
}

Result<db::Rows> page_rows(db::Connection& c, audit::Totals::Snapshot& snap, const std::string& key_sql,
                           const std::string& select_where, const char* id_col, const db::Params& filter,
                           int64_t offset, int64_t limit) {
  db::Params p = filter;
  db::Rows r;
  const std::string order = std::string(" ORDER BY ") + id_col;
  if (auto anchor = snap.anchor(key_sql, filter, offset)) {
    p.emplace_back(*anchor);
    p.emplace_back(limit + 1);
    LF_TRY(r, c.query(select_where + " AND " + id_col + " >= ?" + order + " LIMIT ?", p));
  } else {
    p.emplace_back(limit + 1);
    p.emplace_back(offset);
    LF_TRY(r, c.query(select_where + order + " LIMIT ? OFFSET ?", p));
    if (!r.empty()) snap.remember(key_sql, filter, offset, r.integer(0, 0));
  }
  if (int64_t(r.size()) > limit) {
    snap.remember(key_sql, filter, offset + limit, r.integer(size_t(limit), 0));
    r.cells.resize(size_t(limit));
  }
  return r;
}

}  // namespace lf::list
