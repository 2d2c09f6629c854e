// SQL for the power catalogue and flows. Reads of powers are confined to the caller's scope through
// auth::scope_filter; `find` ignores scope and serves the service's write checks.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "engine/flow.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/powers/model.h"

namespace lf::powers::store {

using auth::Scope;
using db::Connection;

Result<Page<Power>> list(Connection& c, audit::Totals& totals, const Scope& s, const PowerFilter& f, int64_t offset,
                         int64_t limit);
Result<std::optional<Power>> find(Connection& c, int64_t id);
Result<bool> visible(Connection& c, const Scope& s, int64_t id);
Result<bool> code_taken(Connection& c, int64_t unit_id, const std::string& code, int64_t except_id);
// The power of `unit_id` named `name` in department `dept` (or at unit level), for imports.
Result<std::optional<int64_t>> find_by_name(Connection& c, int64_t unit_id, std::optional<int64_t> dept,
                                            const std::string& name);
// A free code "<unit code>-<NNN>" for a new power of the unit.
Result<std::string> next_code(Connection& c, int64_t unit_id);
// Inserts or updates the row, its posts and its search terms.
Result<int64_t> insert(Connection& c, const Power& p);
Status update(Connection& c, const Power& p);
Status remove(Connection& c, int64_t id);

// The posts of a unit (id and name), for resolving 办理主体 and flow lanes.
Result<std::vector<PostRef>> unit_posts(Connection& c, int64_t unit_id);

Result<std::vector<Category>> categories(Connection& c, int64_t unit_id);
Result<std::optional<Category>> find_category(Connection& c, int64_t id);
Result<int64_t> insert_category(Connection& c, const Category& cat);
Status delete_category(Connection& c, int64_t id);

struct FlowDocument {
  std::string bpmn;
  std::optional<std::string> pnml;  // a net uploaded for monitoring, when it should not be compiled from BPMN
  std::string updated_at;
};
Result<std::optional<FlowDocument>> flow_document(Connection& c, int64_t power_id);
// Stores the BPMN document and replaces the normalised steps derived from `flow` (posts already resolved to ids).
Status save_flow(Connection& c, int64_t power_id, const std::string& bpmn, const engine::FlowModel& flow);
Status save_net(Connection& c, int64_t power_id, const std::string& pnml);
Result<std::vector<Step>> steps(Connection& c, int64_t power_id);
Result<PowerSummary> summary(Connection& c, const Scope& s, const PowerFilter& f);

}  // namespace lf::powers::store
