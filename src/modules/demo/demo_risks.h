// The demo risk register (demo_risks.cc), seeded inside demo::seed's transaction after the powers.
#pragma once
#include <cstdint>

#include "db/database.h"
#include "modules/demo/demo_powers.h"

namespace lf::demo {

// Inserts the demo risk points of the current year's cycle of each unit (year from today's date), each with
// the history of the workflow stages it has passed; returns how many risks.
Result<int64_t> seed_risks(db::Connection& c, const DemoIds& ids);

}  // namespace lf::demo
