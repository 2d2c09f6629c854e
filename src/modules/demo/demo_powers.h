// The demo power catalogue and flows (demo_powers.cc), seeded inside demo::seed's transaction.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "db/database.h"

namespace lf::demo {

// Ids the org part of the seed produced, by the keys of demo_data.cc.
struct DemoIds {
  std::map<std::string, std::pair<int64_t, std::string>> posts;     // post key -> (id, name)
  std::map<std::string, std::pair<int64_t, int64_t>> departments;   // department key -> (id, unit id)
};

// Inserts the demo powers with their flows; returns how many.
Result<int64_t> seed_powers(db::Connection& c, const DemoIds& ids);

}  // namespace lf::demo
