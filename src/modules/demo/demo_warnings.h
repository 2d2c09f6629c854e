// The demo's warnings, seeded inside demo::seed's transaction after the measures.
#pragma once
#include <cstdint>

#include "db/database.h"
#include "modules/demo/demo_powers.h"

namespace lf::demo {

// Warnings in every state — issued, signed, handling, rectifying, verified, closed with a full record, cancelled,
// overdue and escalated — from rule hits, complaints, inspections, audits and by hand; returns how many.
Result<int64_t> seed_warnings(db::Connection& c, const DemoIds& ids);

}  // namespace lf::demo
