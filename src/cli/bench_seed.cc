// `lianfang bench-seed`: bulk posts for the API benchmark, spread over the existing departments.
#include <iostream>

#include "base/clock.h"
#include "cli/commands.h"
#include "cli/describe.h"
#include "db/database.h"
#include "modules/audit/audit.h"

namespace lf::cli {

int bench_seed(const std::string& db_url, int posts) {
  auto db = db::Database::open(db_url, 1);
  if (!db.ok()) {
    std::cerr << describe(db.error()) << "\n";
    return 2;
  }
  if (auto m = db::migrate(**db); !m.ok()) {
    std::cerr << describe(m.error()) << "\n";
    return 2;
  }
  static const char* kTiers[] = {"staff", "staff", "staff", "middle", "leader"};
  Status st = (*db)->transaction([&](db::Connection& c) -> Status {
    LF_TRY(db::Rows depts, c.query("SELECT id, unit_id FROM departments ORDER BY id"));
    if (depts.empty()) return make_error("org.department.not_found", "", 404);
    const auto now = now_utc();
    for (int i = 0; i < posts; ++i) {
      size_t d = size_t(i) % depts.size();
      LF_CHECK(c.query("INSERT INTO posts(unit_id, department_id, name, duties, tier, key_money, key_approval, "
                       "headcount, created_at, updated_at) VALUES (?,?,?,?,?,?,?,1,?,?)",
                       {depts.integer(d, 1), depts.integer(d, 0), "基准岗位" + std::to_string(i + 1),
                        std::string("用于性能测试的批量岗位"), std::string(kTiers[i % 5]), int64_t{i % 3 == 0},
                        int64_t{i % 7 == 0}, now, now}));
    }
    return audit::append(c, {std::nullopt, "system", "bench_seed", "post", "*", "null",
                             "{\"posts\":" + std::to_string(posts) + "}"});
  });
  if (!st.ok()) {
    std::cerr << describe(st.error()) << "\n";
    return 2;
  }
  if (auto a = db::refresh_statistics(**db); !a.ok()) std::cerr << describe(a.error()) << "\n";
  std::cout << "added " << posts << " posts\n";
  return 0;
}

}  // namespace lf::cli
