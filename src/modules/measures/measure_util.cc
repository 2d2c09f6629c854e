#include "modules/measures/measure_util.h"

#include <boost/json.hpp>

#include "base/clock.h"
#include "modules/audit/audit.h"
#include "modules/measures/schedule.h"
#include "modules/measures/service.h"
#include "modules/measures/store.h"
#include "modules/risks/risk_util.h"

namespace lf::measures::detail {

Result<Measure> reload(db::Connection& c, int64_t id) {
  LF_TRY(auto m, store::find(c, id, today_utc()));
  if (!m) return make_error("measure.not_found", "", 404);
  derive_applied(*m);
  return *m;
}

Result<Measure> readable(db::Connection& c, const auth::Principal& who, int64_t id) {
  LF_TRY(Measure m, reload(c, id));
  LF_TRY(bool seen, store::visible(c, who.scope, id));
  if (!seen) {
    LF_TRY(bool own, store::owned_by(c, m, who.id, today_utc()));
    if (!own) return make_error("measure.not_found", "", 404);
  }
  return m;
}

Result<bool> may_check(db::Connection& c, const auth::Principal& who, const Measure& m) {
  LF_TRY(bool own, store::owned_by(c, m, who.id, today_utc()));
  if (own) return true;
  if (!risks::detail::is_office(who)) return false;
  return store::visible(c, who.scope, m.id);
}

Status schedule(db::Connection& c, const Measure& m, const std::string& today) {
  if (m.status != "in_force") return ok();
  LF_TRY(int64_t added, store::ensure_tasks(c, m.id, task_slots(m.frequency, m.start_date, m.due_date, today)));
  (void)added;
  return ok();
}

Status audit_measure(db::Connection& c, const auth::Principal& who, const char* action, int64_t id,
                     const Measure* before, const Measure* after) {
  audit::Entry e{who.id ? std::optional<int64_t>(who.id) : std::nullopt, who.username.empty() ? "system" : who.username,
                 action, "measure", std::to_string(id)};
  if (before) e.before_json = boost::json::serialize(to_json(*before));
  if (after) e.after_json = boost::json::serialize(to_json(*after));
  return audit::append(c, e);
}

}  // namespace lf::measures::detail
