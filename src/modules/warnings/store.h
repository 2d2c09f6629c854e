// SQL for warnings: scoped lists (the caller's scope, plus what is addressed to them and what is about them),
// the warning with its risk points, history and re-rating proposals.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/warnings/model.h"

namespace lf::warnings::store {

using db::Connection;

Result<Page<Warning>> list(Connection& c, audit::Totals& totals, const auth::Principal& who, const WarningFilter& f,
                           const std::string& today, int64_t offset, int64_t limit);
Result<std::optional<Warning>> find(Connection& c, int64_t id, const std::string& today);
// Readable by `who`: in scope, addressed to them, or about them.
Result<bool> visible(Connection& c, const auth::Principal& who, int64_t id);
// Addressed to `who` (their role and scope match the recipient).
bool addressed_to(const Warning& w, const auth::Principal& who);
// About `who`: the subject is their person, or a post their person holds today.
Result<bool> about(Connection& c, const Warning& w, int64_t user_id, const std::string& today);

Result<int64_t> insert(Connection& c, const Warning& w);
Status update(Connection& c, const Warning& w);
Status link_risks(Connection& c, int64_t warning_id, const std::vector<int64_t>& risk_ids);
Status add_history(Connection& c, int64_t id, const auth::Principal& who, const std::string& action,
                   const std::string& from, const std::string& to, const std::string& level, const std::string& comment);
Result<std::vector<HistoryEntry>> history(Connection& c, int64_t id);

// Open warnings past their deadline in a status that escalates (issued, signed).
Result<std::vector<int64_t>> overdue_unhandled(Connection& c, const std::string& today);

Result<std::vector<Proposal>> proposals(Connection& c, const auth::Principal& who);
Result<int64_t> add_proposal(Connection& c, const Proposal& p);

}  // namespace lf::warnings::store
