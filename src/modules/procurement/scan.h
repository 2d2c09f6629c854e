// Storing a unit's processes and running the red-flag engine over all of them; new flags become warnings.
#pragma once
#include <string>

#include "db/database.h"
#include "engine/redflags.h"
#include "modules/procurement/service.h"

namespace lf::procurement::detail {

// The unit's settings for the engine: its INI (Cardinal's keys; empty = every indicator with its defaults) and
// its debarment list.
Result<engine::redflags::Settings> engine_settings(db::Connection& c, int64_t unit_id);
Result<engine::redflags::Settings> settings_from(const std::string& ini, const std::string& debarment_csv);
// Saves one process (replacing an earlier one with its ocid) and who took part in it.
Status store_process(db::Connection& c, int64_t unit_id, const std::string& release_json,
                     const engine::redflags::ProcessFacts& facts);
// Runs every indicator over the unit's processes; flags not seen before are stored and become warnings.
Result<UploadOutcome> rescan(db::Connection& c, int64_t unit_id);

}  // namespace lf::procurement::detail
