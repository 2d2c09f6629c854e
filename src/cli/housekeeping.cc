// The server's scheduled work, run before the first request and every few minutes after.
#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "cli/describe.h"
#include "base/clock.h"
#include "db/database.h"
#include "modules/measures/service.h"
#include "modules/monitoring/service.h"
#include "modules/risks/service.h"
#include "modules/warnings/service.h"

namespace lf::cli {

void housekeeping_round(db::Database& db) {
  auto reopened = risks::RiskService(db).reopen_expired();
  if (!reopened.ok()) std::cerr << "housekeeping: " << describe(reopened.error()) << "\n";
  else if (*reopened > 0) std::cout << "reopened " << *reopened << " expired risk ratings\n";
  auto tasks = measures::MeasureService(db).generate_tasks(today_utc());
  if (!tasks.ok()) std::cerr << "housekeeping: " << describe(tasks.error()) << "\n";
  else if (*tasks > 0) std::cout << "created " << *tasks << " check tasks\n";
  auto escalated = warnings::WarningService(db).escalate_overdue(today_utc());
  if (!escalated.ok()) std::cerr << "housekeeping: " << describe(escalated.error()) << "\n";
  else if (*escalated > 0) std::cout << "escalated " << *escalated << " overdue warnings\n";
  std::cout << std::flush;
}

void monitoring_round(db::Database& db, bool check_clock) {
  const auto now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_now().time_since_epoch()).count();
  auto found = monitoring::MonitoringService(db).process(now_ms, check_clock);
  if (!found.ok()) std::cerr << "monitoring: " << describe(found.error()) << "\n" << std::flush;
  else if (*found > 0) std::cout << "monitoring: " << *found << " findings\n" << std::flush;
}

}  // namespace lf::cli
