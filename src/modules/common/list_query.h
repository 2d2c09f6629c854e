// Building blocks of the paged, filtered, scoped lists every module serves: the conditions of a query, the
// total (cached per store version) and the page (a seek once its start is known). See audit/totals.h.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/audit/totals.h"

namespace lf::list {

template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

// "%q%" for LIKE, with the wildcards of q itself escaped (ESCAPE '\').
std::string like_pattern(const std::string& q);

// The conditions of a list query, each " AND ...", and their parameters in order.
struct Where {
  std::string sql = " WHERE 1 = 1";
  db::Params params;

  void equals(const char* col, db::Value v);
  // Any of `cols` contains `q`, ignoring ASCII case; % and _ in q match themselves.
  void contains(std::initializer_list<const char*> cols, const std::string& q);
  // `col` (a department id) lies in the subtree of department `dept_id`.
  Status in_department_subtree(db::Connection& c, const char* col, int64_t dept_id);
};

// One page of `select_where` ordered by `id_col`: a seek when the page's first id is remembered for this filter
// and store version, OFFSET otherwise. Reads one row past the page to remember the next page's start.
Result<db::Rows> page_rows(db::Connection& c, audit::Totals::Snapshot& snap, const std::string& key_sql,
                           const std::string& select_where, const char* id_col, const db::Params& filter,
                           int64_t offset, int64_t limit);

// Total and one page of `select` + conditions, ordered by `id_col`; rows become T through `from_row`.
template <class T, class FromRow>
Result<Page<T>> fetch_page(db::Connection& c, audit::Totals& totals, const std::string& count_from,
                           const std::string& select, const Where& w, const char* id_col, int64_t offset,
                           int64_t limit, FromRow from_row) {
  Page<T> out;
  LF_TRY(auto snap, totals.open(c));
  const std::string key = "SELECT COUNT(*) " + count_from + w.sql;
  LF_TRY(out.total, snap.count(key, w.params));
  if (offset >= out.total) return out;
  LF_TRY(db::Rows r, page_rows(c, snap, key, select + w.sql, id_col, w.params, offset, limit));
  for (size_t i = 0; i < r.size(); ++i) out.items.push_back(from_row(r, i));
  return out;
}

}  // namespace lf::list
