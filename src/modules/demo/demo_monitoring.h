// The demo's electronic monitoring: the college's 物资采购 rules (rules/demo/wuzi-caigou.json, with the flow taken
// from the demo power and each rule tied to the risk point it watches) and a few weeks of purchase events, some
// of them deviating, for the server's first monitoring round to find.
#pragma once
#include <cstdint>

#include "db/database.h"
#include "modules/demo/demo_powers.h"

namespace lf::demo {

struct MonitoringCounts {
  int64_t rules = 0, events = 0;
};
Result<MonitoringCounts> seed_monitoring(db::Connection& c, const DemoIds& ids);

}  // namespace lf::demo
