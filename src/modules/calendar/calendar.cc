#include "modules/calendar/calendar.h"

#include <boost/json.hpp>
#include <map>

#include "base/clock.h"
#include "base/text.h"
#include "http/json.h"
#include "modules/audit/audit.h"
#include "modules/auth/guard.h"

namespace lf::calendar {
namespace json = boost::json;

Result<engine::WorkCalendar> load(db::Connection& c) {
  auto cal = engine::WorkCalendar::china();
  LF_TRY(db::Rows r, c.query("SELECT day, working FROM calendar_days"));
  for (size_t i = 0; i < r.size(); ++i)
    if (auto d = engine::parse_day(r.text(i, 0))) cal.set_day(*d, r.integer(i, 1) != 0);
  return cal;
}

std::string add_working_days(const engine::WorkCalendar& cal, const std::string& date, int n) {
  auto d = engine::parse_day(date);
  if (!d) return date;
  return engine::format_day(cal.add_working_days(*d, n));
}

namespace {

Result<std::vector<Day>> year_days(db::Connection& c, int year) {
  const auto official = engine::WorkCalendar::china();
  const auto plain = engine::WorkCalendar::weekdays();
  std::map<std::string, Day> out;
  const int32_t first = engine::day_number(year, 1, 1), last = engine::day_number(year, 12, 31);
  for (int32_t d = first; d <= last; ++d)
    if (official.is_working(d) != plain.is_working(d))
      out[engine::format_day(d)] = {engine::format_day(d), official.is_working(d), "official", ""};
  LF_TRY(db::Rows r, c.query("SELECT day, working, note FROM calendar_days WHERE day >= ? AND day <= ? ORDER BY day",
                             {engine::format_day(first), engine::format_day(last)}));
  for (size_t i = 0; i < r.size(); ++i) out[r.text(i, 0)] = {r.text(i, 0), r.integer(i, 1) != 0, "unit", r.text(i, 2)};
  std::vector<Day> days;
  for (auto& [k, v] : out) days.push_back(std::move(v));
  return days;
}

json::value days_json(int year, const std::vector<Day>& days) {
  json::array items;
  for (const auto& d : days)
    items.push_back(json::object{{"date", d.date}, {"working", d.working}, {"source", d.source}, {"note", d.note}});
  return json::object{{"year", year}, {"days", std::move(items)}};
}

}  // namespace

void add_routes(http::Router& r, db::Database& db) {
  r.add("GET", "/api/v1/calendar", [&db](http::Request& req) -> Result<http::Response> {
    LF_TRY(auth::Principal who, auth::require_session(db, req));
    (void)who;
    LF_TRY(auto year, http::query_id(req, "year"));
    const int y = year ? int(*year) : std::stoi(today_utc().substr(0, 4));
    if (y < 2000 || y > 2100) return make_error("request.field_type", "year");
    LF_TRY(auto days, db::read<std::vector<Day>>(db, [&](db::Connection& c) { return year_days(c, y); }));
    return http::json_response(days_json(y, days));
  });
  r.add("PUT", "/api/v1/calendar", [&db](http::Request& req) -> Result<http::Response> {
    LF_TRY(auth::Principal who, auth::require_session(db, req));
    if (!who.has_role("admin") && !who.has_role("supervisor")) return make_error("auth.forbidden", "", 403);
    LF_TRY(http::Body b, http::Body::parse(req.body));
    LF_TRY(auto year, b.integer("year"));
    if (!year || *year < 2000 || *year > 2100) return make_error("request.field_type", "year");
    const json::value body = json::parse(req.body);
    const auto* list = body.as_object().if_contains("days");
    if (!list || !list->is_array()) return make_error("request.field_type", "days");
    std::vector<Day> days;
    for (const auto& v : list->as_array()) {
      if (!v.is_object()) return make_error("request.field_type", "days");
      LF_TRY(http::Body d, http::Body::parse(json::serialize(v)));
      LF_TRY(auto date, d.str("date"));
      LF_TRY(auto working, d.boolean("working"));
      LF_TRY(auto note, d.str("note"));
      if (!date || !is_valid_date(*date) || date->substr(0, 4) != std::to_string(*year))
        return make_error("calendar.date_invalid", "days");
      if (!working) return make_error("request.field_type", "working");
      days.push_back({*date, *working, "unit", trim(note.value_or(""))});
    }
    LF_TRY(auto saved, db::write<std::vector<Day>>(db, [&](db::Connection& c) -> Result<std::vector<Day>> {
      const std::string first = std::to_string(*year) + "-01-01", last = std::to_string(*year) + "-12-31";
      LF_TRY(db::Rows del, c.query("DELETE FROM calendar_days WHERE day >= ? AND day <= ?", {first, last}));
      for (const auto& d : days) {
        LF_TRY(db::Rows ins, c.query("INSERT INTO calendar_days(day, working, note) VALUES (?, ?, ?) ON CONFLICT (day) "
                                     "DO UPDATE SET working = excluded.working, note = excluded.note",
                                     {d.date, int64_t(d.working), d.note}));
      }
      audit::Entry e{who.id, who.username, "update", "calendar", std::to_string(*year)};
      e.after_json = json::serialize(days_json(int(*year), days));
      LF_CHECK(audit::append(c, e));
      return year_days(c, int(*year));
    }));
    return http::json_response(days_json(int(*year), saved));
  });
}

}  // namespace lf::calendar
