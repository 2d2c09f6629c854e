// The working-day calendar: civil dates, China's 2024–2026 schedule (holidays and 调休 make-up days), deadlines.
#include <gtest/gtest.h>

#include "engine/calendar.h"

namespace lf::engine {
namespace {

int32_t D(const char* iso) { return *parse_day(iso); }

TEST(CivilDays, NumbersFormatsAndParses) {
  EXPECT_EQ(day_number(1970, 1, 1), 0);
  EXPECT_EQ(day_number(2000, 3, 1), 11017);
  EXPECT_EQ(day_number(1969, 12, 31), -1);
  EXPECT_EQ(format_day(day_number(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(format_day(-1), "1969-12-31");
  EXPECT_EQ(parse_day("2025-01-26"), day_number(2025, 1, 26));
  EXPECT_EQ(parse_day("2025-01-26T23:59:59+08:00"), day_number(2025, 1, 26));
  EXPECT_EQ(parse_day("2025-01-26 08:00"), day_number(2025, 1, 26));
  EXPECT_FALSE(parse_day("2025-02-29"));  // not a leap year
  EXPECT_FALSE(parse_day("2025-1-26"));
  EXPECT_FALSE(parse_day("2025-01-26X"));
  EXPECT_FALSE(parse_day(""));
  EXPECT_EQ(weekday(0), 4);                    // Thursday
  EXPECT_EQ(weekday(D("2025-01-26")), 0);      // Sunday
  EXPECT_EQ(weekday(D("1969-12-27")), 6);      // a Saturday before day 0
}

TEST(WorkCalendar, WeekdaysSkipWeekends) {
  const auto c = WorkCalendar::weekdays();
  EXPECT_TRUE(c.is_working(D("2025-01-24")));   // Friday
  EXPECT_FALSE(c.is_working(D("2025-01-25")));  // Saturday
  EXPECT_FALSE(c.is_working(D("2025-01-26")));  // Sunday, even though China works that day
  EXPECT_EQ(c.add_working_days(D("2025-01-24"), 1), D("2025-01-27"));
  EXPECT_EQ(c.add_working_days(D("2025-01-25"), 1), D("2025-01-27"));  // from a weekend day
  EXPECT_EQ(c.add_working_days(D("2025-01-24"), 0), D("2025-01-24"));
  EXPECT_EQ(c.add_working_days(D("2025-01-27"), -1), D("2025-01-24"));
  EXPECT_EQ(c.working_days_between(D("2025-01-24"), D("2025-01-31")), 5);
  EXPECT_EQ(c.working_days_between(D("2025-01-31"), D("2025-01-24")), -5);
  EXPECT_EQ(c.working_days_between(D("2025-01-25"), D("2025-01-26")), 0);
}

TEST(WorkCalendar, China2025SpringFestivalAndMakeUpDays) {
  const auto c = WorkCalendar::china();
  EXPECT_TRUE(c.is_working(D("2025-01-26")));   // Sunday made a working day (调休)
  EXPECT_TRUE(c.is_working(D("2025-02-08")));   // Saturday made a working day
  for (int32_t d = D("2025-01-28"); d <= D("2025-02-04"); ++d) EXPECT_FALSE(c.is_working(d)) << format_day(d);
  EXPECT_TRUE(c.is_working(D("2025-02-05")));
  // Friday + 1 is the make-up Sunday; + 3 jumps the whole holiday.
  EXPECT_EQ(c.add_working_days(D("2025-01-24"), 1), D("2025-01-26"));
  EXPECT_EQ(c.add_working_days(D("2025-01-24"), 2), D("2025-01-27"));
  EXPECT_EQ(c.add_working_days(D("2025-01-24"), 3), D("2025-02-05"));
  EXPECT_EQ(c.working_days_between(D("2025-01-24"), D("2025-02-05")), 3);
  EXPECT_EQ(c.working_days_between(D("2025-02-05"), D("2025-01-24")), -3);
  EXPECT_EQ(c.add_working_days(D("2025-02-05"), -3), D("2025-01-24"));
}

TEST(WorkCalendar, ChinaEveryNotice) {
  const auto c = WorkCalendar::china();
  const char* holidays[] = {"2024-01-01", "2024-02-10", "2024-02-17", "2024-04-04", "2024-04-05", "2024-05-01",
                            "2024-05-03", "2024-06-10", "2024-09-16", "2024-09-17", "2024-10-01", "2024-10-07",
                            "2025-01-01", "2025-04-04", "2025-05-05", "2025-06-02", "2025-10-01", "2025-10-08",
                            "2026-01-02", "2026-02-16", "2026-02-23", "2026-04-06", "2026-05-05", "2026-06-19",
                            "2026-09-25", "2026-10-07"};
  for (const char* d : holidays) EXPECT_FALSE(c.is_working(D(d))) << d;
  const char* make_up[] = {"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
                           "2024-09-29", "2024-10-12", "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28",
                           "2025-10-11", "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                           "2026-10-10"};
  for (const char* d : make_up) {
    const int w = weekday(D(d));
    EXPECT_TRUE(w == 0 || w == 6) << d << " is not a weekend day";
    EXPECT_TRUE(c.is_working(D(d))) << d;
  }
  EXPECT_TRUE(c.is_working(D("2024-02-09")));   // 除夕 2024 was a Friday and a working day by the notice
  EXPECT_FALSE(c.is_working(D("2025-09-27")));  // an ordinary Saturday
  EXPECT_TRUE(c.is_working(D("2023-10-02")));   // 2023 is not in the schedule: Mon–Fri
  EXPECT_TRUE(c.is_working(D("2027-10-01")));   // nor is 2027
}

TEST(WorkCalendar, CrossesAYear) {
  const auto c = WorkCalendar::china();
  EXPECT_EQ(c.add_working_days(D("2024-12-31"), 1), D("2025-01-02"));  // 元旦
  EXPECT_EQ(c.add_working_days(D("2025-12-31"), 1), D("2026-01-04"));  // Jan 1–3 off, Sunday the 4th worked
  EXPECT_EQ(c.add_working_days(D("2025-12-31"), 2), D("2026-01-05"));
  EXPECT_EQ(c.working_days_between(D("2025-12-30"), D("2026-01-05")), 3);
}

TEST(WorkCalendar, UnitDaysOverrideTheSchedule) {
  auto c = WorkCalendar::china();
  c.set_day(D("2025-03-03"), false);  // a unit's own rest day (Monday)
  c.set_day(D("2025-03-08"), true);   // and a Saturday it works
  EXPECT_FALSE(c.is_working(D("2025-03-03")));
  EXPECT_TRUE(c.is_working(D("2025-03-08")));
  EXPECT_EQ(c.add_working_days(D("2025-02-28"), 1), D("2025-03-04"));
  EXPECT_EQ(c.add_working_days(D("2025-03-07"), 1), D("2025-03-08"));
  EXPECT_EQ(c.working_days_between(D("2025-02-28"), D("2025-03-10")), 6);
  c.set_day(D("2025-01-26"), false);  // undo a make-up day
  EXPECT_EQ(c.add_working_days(D("2025-01-24"), 1), D("2025-01-27"));
}

// The tables and the day-by-day walk agree, also across the ends of the tables.
TEST(WorkCalendar, FastPathMatchesAWalk) {
  const auto c = WorkCalendar::china();
  auto walk = [&](int32_t day, int n) {
    for (int left = n; left > 0;)
      if (c.is_working(++day)) --left;
    return day;
  };
  for (int32_t d = D("2023-12-01"); d <= D("2027-01-31"); ++d)
    for (int n : {1, 2, 3, 5, 10, 30}) ASSERT_EQ(c.add_working_days(d, n), walk(d, n)) << format_day(d) << " + " << n;
  for (const char* iso : {"1989-12-20", "2100-12-20", "2250-06-01"}) {
    const int32_t d = D(iso);
    EXPECT_EQ(c.add_working_days(d, 20), walk(d, 20)) << iso;
    EXPECT_EQ(c.working_days_between(d, walk(d, 20)), 20) << iso;
    const int32_t back = c.add_working_days(walk(d, 20), -20);  // the last working day on or before d
    EXPECT_TRUE(back <= d && c.is_working(back) && c.working_days_between(back, d) == 0) << iso;
  }
}

}  // namespace
}  // namespace lf::engine
