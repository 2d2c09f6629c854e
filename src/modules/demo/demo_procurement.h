// The demo's procurement: the college's purchases of the last months as OCDS releases, with the patterns the
// red flags look for planted in them (bidders sharing a phone, a supplier winning most awards, a purchase split
// under the tender threshold, identical bids across tenders), and the warnings the first scan raises.
#pragma once
#include <cstdint>

#include "db/database.h"
#include "modules/demo/demo_powers.h"

namespace lf::demo {

Result<int64_t> seed_procurement(db::Connection& c, const DemoIds& ids);

}  // namespace lf::demo
