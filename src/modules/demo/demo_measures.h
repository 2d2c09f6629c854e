// The demo's control measures, seeded inside demo::seed's transaction after the risks.
#pragma once
#include <cstdint>

#include "db/database.h"

namespace lf::demo {

struct MeasureCounts {
  int64_t measures = 0, tasks = 0, measurements = 0;
};

// Every demo risk takes the template measures of its level plus the measure written on its form; measures of
// risks past the draft stage are in force since about seven months ago, with their check tasks mostly done, a
// few overdue (one for each demo account's post), and indicators with measurements on high and medium risks.
Result<MeasureCounts> seed_measures(db::Connection& c);

}  // namespace lf::demo
