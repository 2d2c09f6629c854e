// A monitoring finding becomes a warning: the rule's risk point, the person who acted (or the risk's post), the
// level by the card (reminder 提醒, yellow 预警, red 报警), and the event as evidence.
#pragma once
#include "db/database.h"
#include "engine/monitor.h"

namespace lf::monitoring {

// Issues the warning for `f` inside the caller's transaction. `first_seq` maps the monitor's event indices onto
// the unit's event sequence.
Status warn(db::Connection& c, int64_t unit_id, const engine::Finding& f, int64_t first_seq);

}  // namespace lf::monitoring
