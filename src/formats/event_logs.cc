#include "formats/event_logs.h"

#include <charconv>

#include "formats/xes_date.h"

namespace lf::formats {
namespace {

std::optional<double> to_number(std::string_view s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return d;
}

// Fills the event field an attribute is named after; false when the attribute is none of them.
bool take_field(engine::EventView& e, const engine::Attribute& a) {
  const std::string& k = a.key;
  std::string_view v = a.value;
  if (k == "org:role" || k == "role") e.role = v;
  else if (k == "org:group" || k == "unit") e.unit = v;
  else if (k == "source") e.source = v;
  else if (k == "power") e.power = v;
  else if (k == "currency") e.currency = v;
  else if (k == "counterparty") e.counterparty = v;
  else if (k == "amount") e.amount = to_number(v);
  else return false;
  return true;
}

}  // namespace

void for_each_business_event(const engine::EventLog& log, const EventSink& sink) {
  std::vector<engine::AttrView> attrs;
  std::vector<std::string> case_keys;
  std::string time;
  uint64_t n = 0;
  for (const auto& c : log.cases) {
    case_keys.clear();
    for (const auto& a : c.attrs) case_keys.push_back("case:" + a.key);
    for (const auto& ev : c.events) {
      engine::EventView e;
      attrs.clear();
      for (size_t i = 0; i < c.attrs.size(); ++i) attrs.emplace_back(case_keys[i], c.attrs[i].value);
      for (const auto& a : ev.attrs)
        if (!take_field(e, a)) attrs.emplace_back(a.key, a.value);
      e.case_id = c.id;
      e.activity = log.activity_name(ev.activity);
      e.actor = ev.resource;
      if (ev.time) {
        time = format_timestamp(*ev.time);
        e.time = time;
        const int64_t us = ev.time->utc_us;
        e.time_ms = us >= 0 ? us / 1000 : -((-us + 999) / 1000);
      }
      e.attrs = attrs;
      sink(e, ++n);
    }
  }
}

}  // namespace lf::formats
