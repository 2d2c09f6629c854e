// One handler per rule kind: what an event means for a rule, given the words the case keeps for it.
#include <charconv>

#include "engine/monitor_internal.h"
#include "engine/text_hash.h"

namespace lf::engine {
namespace {

}  // namespace

Finding Monitor::Impl::base(const Rule& rule, std::string check, uint32_t slot) const {
  Finding f;
  f.rule = rule.code;
  f.check = std::move(check);
  f.source = source_of(slot);
  f.case_id = std::string(case_id(slot));
  f.level = rule.level;
  return f;
}

// A finding whose evidence is the event being processed.
Finding Monitor::Impl::at_event(const Rule& rule, std::string check, const EventContext& x) const {
  Finding f = base(rule, std::move(check), x.slot);
  f.event_index = x.index;
  f.activity = std::string(x.event.activity);
  f.time_ms = x.event.time_ms;
  f.time = std::string(x.event.time);
  f.actor = std::string(x.event.actor);
  return f;
}

namespace {

std::optional<double> number(std::string_view s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return d;
}

std::string_view field_of(const EventView& e, std::string_view name) {
  if (name == "role") return e.role;
  if (name == "unit") return e.unit;
  if (name == "actor") return e.actor;
  if (name == "counterparty") return e.counterparty;
  if (name == "source") return e.source;
  if (name == "power") return e.power;
  return e.attr(name);
}

const char* level_name(uint64_t level) { return level == 3 ? "red" : level == 2 ? "yellow" : "reminder"; }

}  // namespace

void Monitor::Impl::check(RuleRuntime& r, const Hook& h, EventContext& x) {
  const Rule& rule = *r.rule;
  if (r.filtered && !passes_filters(rule, x.event)) return;
  if (h.roles & kEnd) x.end = true;
  const EventView& e = x.event;
  uint64_t* w = x.words + r.offset;
  auto seen = [&](uint32_t bit) { return (x.words[bit / 64] >> (bit % 64)) & 1; };
  switch (rule.kind) {
    case RuleKind::precedence: {
      if (!(h.roles & kActivity)) return;
      std::vector<std::string> missing;
      for (size_t q = 0; q < rule.requires_.size(); ++q)
        if (!seen(r.seen_bit + static_cast<uint32_t>(q))) missing.push_back(rule.requires_[q].text());
      if (missing.empty()) return;
      Finding f = at_event(rule, rule.check(), x);
      fill_message(f, rule, "monitor.precedence", {{"missing", quoted_all(missing, true), quoted_all(missing, false)}});
      x.out.push_back(std::move(f));
      return;
    }
    case RuleKind::response: {
      if ((h.roles & kThen) && static_cast<int64_t>(w[0]) != kNone) {
        if (!(w[2] & 1) && e.time_ms > static_cast<int64_t>(w[3])) {
          Finding f = at_event(rule, rule.check(), x);
          const std::string& trigger = activity_names[w[2] >> 1];
          fill_message(f, rule, "monitor.response_late", {{"trigger", trigger, trigger}});
          x.out.push_back(std::move(f));
        }
        w[0] = static_cast<uint64_t>(kNone);
      }
      if ((h.roles & kActivity) && static_cast<int64_t>(w[0]) == kNone) {
        w[0] = static_cast<uint64_t>(e.time_ms);
        w[1] = static_cast<uint64_t>(x.index);
        w[2] = static_cast<uint64_t>(x.activity) << 1;
        w[3] = static_cast<uint64_t>(
            rule.within_ms > 0 ? e.time_ms + rule.within_ms
                               : local_midnight(set->calendar.add_working_days(local_day(e.time_ms), rule.within_working_days) + 1) - 1);
      }
      return;
    }
    case RuleKind::separation: {
      if (e.actor.empty()) return;
      const uint64_t who = hash_text(e.actor) | 1;  // 0 means nobody
      const uint64_t first = w[0], second = w[1];
      const char* other = nullptr;
      if ((h.roles & kFirst) && second == who) other = "second";
      else if ((h.roles & kSecond) && first == who) other = "first";
      if (h.roles & kFirst) w[0] = who;
      if (h.roles & kSecond) w[1] = who;
      if (other == nullptr) return;
      Finding f = at_event(rule, rule.check(), x);
      const PatternSet& side = std::string_view(other) == "first" ? rule.first : rule.second;
      std::vector<std::string> names;
      for (const auto& p : side.any) names.push_back(p.text());
      fill_message(f, rule, "monitor.sod", {{"other", quoted_any(names, true), quoted_any(names, false)}});
      x.out.push_back(std::move(f));
      return;
    }
    case RuleKind::limit: {
      const std::optional<double> value = rule.field == "amount" ? e.amount : number(field_of(e, rule.field));
      if (!value) return;
      const std::string_view key = field_of(e, rule.by);
      auto it = rule.limits.find(key);
      if (it == rule.limits.end()) it = rule.limits.find("*");
      if (it == rule.limits.end() || *value <= it->second) return;
      Finding f = at_event(rule, rule.check(), x);
      fill_message(f, rule, "monitor.limit", {{"key", std::string(key), std::string(key)},
                                        {"value", format_amount(*value), format_amount(*value)},
                                        {"limit", format_amount(it->second), format_amount(it->second)}});
      x.out.push_back(std::move(f));
      return;
    }
    case RuleKind::collective: {
      if (!e.amount || *e.amount <= rule.threshold || seen(r.seen_bit)) return;
      Finding f = at_event(rule, rule.check(), x);
      fill_message(f, rule, "monitor.collective", {{"value", format_amount(*e.amount), format_amount(*e.amount)}});
      x.out.push_back(std::move(f));
      return;
    }
    case RuleKind::time: {
      const int64_t start = static_cast<int64_t>(w[0]);
      if ((h.roles & kTo) && start != kNone) {
        // Completed: yellow or red if it ended late and that was not reported yet (no reminder after the fact).
        const int64_t t = e.time_ms;
        const uint64_t level = t >= static_cast<int64_t>(w[5]) ? 3 : t >= static_cast<int64_t>(w[4]) ? 2 : 0;
        if (level > (w[2] & 0xff)) {
          Finding f = at_event(rule, rule.check(), x);
          f.level = level_name(level);
          fill_message(f, rule, level == 3 ? "monitor.time_red" : "monitor.time_yellow", due_args(w));
          x.out.push_back(std::move(f));
        }
        w[0] = static_cast<uint64_t>(kNone);
        return;
      }
      if ((h.roles & kFrom) && start == kNone) start_interval(r, x);
      return;
    }
    case RuleKind::split: {
      if (!e.amount || *e.amount >= rule.threshold || e.counterparty.empty()) return;
      const std::string_view group = field_of(e, rule.group_by);
      auto& entries = r.groups.at(hash_text(e.counterparty, hash_text(group)));
      const int64_t oldest = e.time_ms - int64_t{rule.window_days} * kDayMs;
      std::erase_if(entries, [&](const SplitEntry& s) { return s.time_ms < oldest; });
      entries.push_back(SplitEntry{e.time_ms, *e.amount, x.index});
      double sum = 0;
      for (const auto& s : entries) sum += s.amount;
      if (static_cast<int>(entries.size()) < rule.min_count || sum <= rule.threshold) return;
      Finding f = at_event(rule, rule.check(), x);
      const std::string count = std::to_string(entries.size());
      fill_message(f, rule, "monitor.split", {{"count", count, count},
                                        {"counterparty", std::string(e.counterparty), std::string(e.counterparty)},
                                        {"group", std::string(group), std::string(group)},
                                        {"sum", format_amount(sum), format_amount(sum)}});
      x.out.push_back(std::move(f));
      entries.clear();  // the next finding needs a new run of purchases
      return;
    }
    case RuleKind::flow: {
      const auto& step = r.flow->step(static_cast<int32_t>(w[0]), h.arg);
      const auto outcome = step.outcome;
      const int32_t missing = step.missing;
      w[0] = static_cast<uint64_t>(step.next);
      if (outcome == FlowTracker::Outcome::unknown) {
        Finding f = at_event(rule, "FLOW-EXTRA", x);
        fill_message(f, rule, "monitor.flow_extra", {});
        x.out.push_back(std::move(f));
      } else if (outcome == FlowTracker::Outcome::out_of_order) {
        Finding f = at_event(rule, "FLOW-ORDER", x);
        const auto& groups = r.flow->missing_steps(missing);
        std::string zh, en;
        for (const auto& g : groups) {
          zh += (zh.empty() ? "" : "、") + quoted_any(g, true);
          en += (en.empty() ? "" : ", ") + quoted_any(g, false);
        }
        fill_message(f, rule, groups.empty() ? "monitor.flow_order_plain" : "monitor.flow_order", {{"missing", zh, en}});
        x.out.push_back(std::move(f));
      }
      if (r.flow->complete(static_cast<int32_t>(w[0]))) x.end = true;
      return;
    }
  }
}

// A time interval starts: its thresholds are fixed now, on the working-day calendar in the unit's time zone.
// The limit ends with the working_days-th working day after the start day: a reminder when that day begins,
// the yellow card when it is over, the red card when follow_up_days more working days are over too.
void Monitor::Impl::start_interval(const RuleRuntime& r, EventContext& x) {
  const Rule& rule = *r.rule;
  uint64_t* w = x.words + r.offset;
  const int32_t day = local_day(x.event.time_ms);
  const int32_t due = set->calendar.add_working_days(day, rule.working_days);
  const int32_t red = set->calendar.add_working_days(day, rule.working_days + rule.follow_up_days);
  w[0] = static_cast<uint64_t>(x.event.time_ms);
  w[1] = static_cast<uint64_t>(x.index);
  w[2] = static_cast<uint64_t>(x.activity) << 8;
  w[3] = static_cast<uint64_t>(local_midnight(due));
  w[4] = static_cast<uint64_t>(local_midnight(due + 1));
  w[5] = static_cast<uint64_t>(local_midnight(red + 1));
}

std::vector<TextArg> Monitor::Impl::due_args(const uint64_t* w) const {
  const std::string due = format_day(local_day(static_cast<int64_t>(w[3])));
  const std::string red = format_day(local_day(static_cast<int64_t>(w[5])) - 1);
  return {{"due", due, due}, {"red_due", red, red}};
}

int64_t Monitor::Impl::next_deadline(const RuleRuntime& r, const uint64_t* all) const {
  const uint64_t* w = all + r.offset;
  if (static_cast<int64_t>(w[0]) == kNone) return kNever;
  if (r.rule->kind == RuleKind::response) return (w[2] & 1) ? kNever : static_cast<int64_t>(w[3]) + 1;
  const uint64_t level = w[2] & 0xff;
  return level >= 3 ? kNever : static_cast<int64_t>(w[3 + level]);
}

void Monitor::Impl::time_due(const RuleRuntime& r, uint32_t slot, int64_t now, std::vector<Finding>& out) {
  uint64_t* w = case_words(slot) + r.offset;
  if (static_cast<int64_t>(w[0]) == kNone) return;
  uint64_t level = 0;
  for (uint64_t l = 1; l <= 3; ++l)
    if (now >= static_cast<int64_t>(w[2 + l])) level = l;
  if (level <= (w[2] & 0xff)) return;
  w[2] = (w[2] & ~uint64_t{0xff}) | level;
  Finding f = base(*r.rule, r.rule->check(), slot);
  f.level = level_name(level);
  f.event_index = static_cast<int64_t>(w[1]);
  f.activity = activity_names[w[2] >> 8];
  f.time_ms = static_cast<int64_t>(w[2 + level]);
  f.time = format_instant(f.time_ms, set->utc_offset_minutes);
  fill_message(f, *r.rule, level == 1 ? "monitor.time_reminder" : level == 2 ? "monitor.time_yellow" : "monitor.time_red",
               due_args(w));
  out.push_back(std::move(f));
}

void Monitor::Impl::response_due(const RuleRuntime& r, uint32_t slot, int64_t now, std::vector<Finding>& out) {
  uint64_t* w = case_words(slot) + r.offset;
  if (static_cast<int64_t>(w[0]) == kNone || (w[2] & 1) || now <= static_cast<int64_t>(w[3])) return;
  w[2] |= 1;
  Finding f = base(*r.rule, r.rule->check(), slot);
  f.event_index = static_cast<int64_t>(w[1]);
  f.activity = activity_names[w[2] >> 1];
  f.time_ms = static_cast<int64_t>(w[3]) + 1;
  f.time = format_instant(f.time_ms, set->utc_offset_minutes);
  fill_message(f, *r.rule, "monitor.response_late", {{"trigger", f.activity, f.activity}});
  out.push_back(std::move(f));
}

void Monitor::Impl::response_open_at_end(const RuleRuntime& r, EventContext& x) {
  uint64_t* w = x.words + r.offset;
  if (static_cast<int64_t>(w[0]) == kNone || (w[2] & 1)) return;
  Finding f = at_event(*r.rule, r.rule->check(), x);
  const std::string& trigger = activity_names[w[2] >> 1];
  fill_message(f, *r.rule, "monitor.response_open", {{"trigger", trigger, trigger}});
  x.out.push_back(std::move(f));
}

}  // namespace lf::engine
