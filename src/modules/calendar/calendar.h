// The working-day calendar deadlines run on: China's official schedule (engine/calendar.h) with the
// platform's own overrides (a local holiday, a make-up working day) kept in calendar_days.
#pragma once
#include <string>
#include <vector>

#include "db/database.h"
#include "engine/calendar.h"
#include "http/router.h"
#include "modules/auth/principal.h"

namespace lf::calendar {

// The official schedule plus the stored overrides.
Result<engine::WorkCalendar> load(db::Connection& c);
// The date `n` working days after `date` (YYYY-MM-DD) on `cal`.
std::string add_working_days(const engine::WorkCalendar& cal, const std::string& date, int n);

struct Day {
  std::string date;
  bool working = false;
  std::string source;  // official | unit
  std::string note;
};

// GET /api/v1/calendar?year= → the year's days that differ from plain Mon–Fri (official and own);
// PUT /api/v1/calendar {"year", "days": [{"date","working","note"}]} (admin, supervisor) replaces the year's own days.
void add_routes(http::Router& r, db::Database& db);

}  // namespace lf::calendar
