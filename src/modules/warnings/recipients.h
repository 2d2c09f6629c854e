// Who receives a warning at a routing tier: the subject's department head (tier 0), the discipline office of the
// subject's unit or the nearest unit above that has one (tier 1), the office one level higher (tier 2).
#pragma once
#include <optional>
#include <string>

#include "db/database.h"

namespace lf::warnings {

struct Recipient {
  int tier = 0;
  std::string role;  // dept_head | supervisor | admin
  std::optional<int64_t> unit_id, department_id;
  std::string label;
};

// A tier with nobody to hold it falls through to the next one up (no department head → the office; no office at
// all → the administrators).
Result<Recipient> resolve(db::Connection& c, int tier, int64_t unit_id, std::optional<int64_t> department_id);

}  // namespace lf::warnings
