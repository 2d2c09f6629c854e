// Steps shared by the warning service's files.
#pragma once
#include <string>

#include "db/database.h"
#include "modules/auth/principal.h"
#include "modules/warnings/model.h"
#include "modules/warnings/recipients.h"
#include "modules/warnings/service.h"

namespace lf::warnings::detail {

Result<Warning> reload(db::Connection& c, int64_t id);
// 404 unless the caller may read it (in scope, addressed to them, or about them).
Result<Warning> readable(db::Connection& c, const auth::Principal& who, int64_t id);
void address(Warning& w, const Recipient& to);
Status audit_warning(db::Connection& c, const auth::Principal& who, const char* action, int64_t id,
                     const Warning* before, const Warning* after);
Result<Settings> load_settings(db::Connection& c);
// The system as an actor (escalation, the engine).
auth::Principal system();

}  // namespace lf::warnings::detail
