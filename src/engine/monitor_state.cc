// Saving and restoring the monitor. The case words are saved as they are: the activity numbers and flow states
// they hold stay valid because the activities and the flows' markings are saved in the order they were
// numbered and renumbered the same way on restore.
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>

#include "engine/monitor_internal.h"
#include "engine/text_hash.h"

namespace lf::engine {

namespace json = boost::json;

namespace {

constexpr const char* kFormat = "lianfang.monitor.v1";

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

json::value time_or_null(int64_t t) { return t == kNone || t == kNever ? json::value(nullptr) : json::value(t); }

// The numbers a case's words point with (activities, flow states) exist.
bool words_valid(const Monitor::Impl& m, const uint64_t* words) {
  const size_t activities = m.activity_names.size();
  for (const RuleRuntime& r : m.rt) {
    const uint64_t* w = words + r.offset;
    switch (r.rule->kind) {
      case RuleKind::flow:
        if (w[0] >= r.flow->state_count()) return false;
        break;
      case RuleKind::time:
        if (static_cast<int64_t>(w[0]) != kNone && (w[2] >> 8) >= activities) return false;
        break;
      case RuleKind::response:
        if (static_cast<int64_t>(w[0]) != kNone && (w[2] >> 1) >= activities) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

}  // namespace

std::string Monitor::save_state() const {
  const Impl& m = *impl_;
  json::object o;
  o["format"] = kFormat;
  o["fingerprint"] = hex(m.set->fingerprint);
  o["events"] = m.events;
  o["cases_opened"] = m.cases_opened;
  o["next_seq"] = m.next_seq;
  o["clock"] = time_or_null(m.clock);
  o["last_sweep"] = time_or_null(m.last_sweep);
  json::array activities;
  for (const auto& a : m.activity_names) activities.emplace_back(a);
  o["activities"] = std::move(activities);

  json::array flows, splits;
  for (size_t i = 0; i < m.rt.size(); ++i) {
    const RuleRuntime& r = m.rt[i];
    if (r.flow) {
      json::array markings;
      for (size_t s = 0; s < r.flow->state_count(); ++s) {
        json::array tokens;
        for (int32_t t : r.flow->marking(static_cast<int32_t>(s))) tokens.emplace_back(t);
        markings.emplace_back(std::move(tokens));
      }
      flows.emplace_back(json::object{{"rule", i}, {"markings", std::move(markings)}});
    }
    if (r.rule->kind == RuleKind::split) {
      // Groups sorted by key, so that equal states save equal text.
      json::array groups;
      for (const auto& [k, window] : r.groups.sorted()) {
        json::array entries;
        for (const auto& e : *window) entries.emplace_back(json::array{e.time_ms, e.amount, e.event_index});
        groups.emplace_back(json::object{{"key", k}, {"entries", std::move(entries)}});
      }
      splits.emplace_back(json::object{{"rule", i}, {"groups", std::move(groups)}});
    }
  }
  o["flows"] = std::move(flows);
  o["split"] = std::move(splits);

  std::vector<uint32_t> open;
  for (uint32_t s = 0; s < m.slots(); ++s)
    if (m.live(s)) open.push_back(s);
  std::sort(open.begin(), open.end(), [&](uint32_t a, uint32_t b) { return m.record(a)[kCaseSeq] < m.record(b)[kCaseSeq]; });
  json::array cases;
  for (uint32_t s : open) {
    const uint64_t* r = m.record(s);
    json::array words;
    for (uint32_t i = 0; i < m.words_per_case; ++i) words.emplace_back(r[kHeaderWords + i]);
    cases.emplace_back(json::object{{"source", m.source_of(s)},
                                    {"case", m.case_id(s)},
                                    {"seq", r[kCaseSeq]},
                                    {"first", static_cast<int64_t>(r[kCaseFirst])},
                                    {"last", static_cast<int64_t>(r[kCaseLast])},
                                    {"due", time_or_null(static_cast<int64_t>(r[kCaseDue]))},
                                    {"words", std::move(words)}});
  }
  o["cases"] = std::move(cases);
  return json::serialize(o);
}

Status Monitor::restore_state(std::string_view text) {
  const Error invalid = make_error("monitor.state_invalid");
  if (impl_->events != 0 || !impl_->activity_names.empty()) return invalid;
  // Into a fresh copy, swapped in at the end: a bad state leaves the monitor as it was.
  auto fresh = std::make_unique<Impl>(impl_->set);
  Impl& m = *fresh;
  boost::system::error_code ec;
  json::value doc = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec || !doc.is_object()) return invalid;
  try {
    const json::object& o = doc.as_object();
    if (o.at("format") != kFormat) return invalid;
    if (o.at("fingerprint") != json::value(hex(m.set->fingerprint))) return make_error("monitor.state_mismatch");
    auto time = [](const json::value& v) { return v.is_null() ? kNone : v.to_number<int64_t>(); };
    m.events = o.at("events").to_number<int64_t>();
    m.cases_opened = o.at("cases_opened").to_number<int64_t>();
    m.next_seq = o.at("next_seq").to_number<uint64_t>();
    m.clock = time(o.at("clock"));
    m.last_sweep = time(o.at("last_sweep"));
    const auto& activities = o.at("activities").as_array();
    for (size_t i = 0; i < activities.size(); ++i)
      if (m.activity_id(activities[i].as_string()) != static_cast<int32_t>(i)) return invalid;
    for (const auto& f : o.at("flows").as_array()) {
      const auto rule = f.at("rule").to_number<size_t>();
      if (rule >= m.rt.size() || !m.rt[rule].flow) return invalid;
      FlowTracker& flow = *m.rt[rule].flow;
      const auto& markings = f.at("markings").as_array();
      for (size_t s = 0; s < markings.size(); ++s) {
        Marking mk;
        for (const auto& t : markings[s].as_array()) mk.push_back(t.to_number<int32_t>());
        if (mk.size() != flow.net().places.size() || flow.intern(mk) != static_cast<int32_t>(s)) return invalid;
      }
    }
    for (const auto& sp : o.at("split").as_array()) {
      const auto rule = sp.at("rule").to_number<size_t>();
      if (rule >= m.rt.size() || m.rt[rule].rule->kind != RuleKind::split) return invalid;
      for (const auto& g : sp.at("groups").as_array()) {
        auto& entries = m.rt[rule].groups.at(g.at("key").to_number<uint64_t>());
        for (const auto& e : g.at("entries").as_array()) {
          const auto& a = e.as_array();
          entries.push_back(SplitEntry{a.at(0).to_number<int64_t>(), a.at(1).to_number<double>(), a.at(2).to_number<int64_t>()});
        }
      }
    }
    for (const auto& cv : o.at("cases").as_array()) {
      const auto& words = cv.at("words").as_array();
      if (words.size() != m.words_per_case) return invalid;
      const uint32_t slot = m.add_case(cv.at("source").as_string(), cv.at("case").as_string(),
                                       cv.at("seq").to_number<uint64_t>(), cv.at("first").to_number<int64_t>(),
                                       cv.at("last").to_number<int64_t>());
      uint64_t* r = m.record(slot);
      for (size_t i = 0; i < words.size(); ++i) r[kHeaderWords + i] = words[i].to_number<uint64_t>();
      if (!words_valid(m, r + kHeaderWords)) return invalid;
      const int64_t due = time(cv.at("due"));
      r[kCaseDue] = static_cast<uint64_t>(due == kNone ? kNever : due);
      if (due != kNone) {
        m.dues.push_back(Due{due, r[kCaseSeq], slot});
        std::push_heap(m.dues.begin(), m.dues.end(), std::greater<>{});
      }
    }
  } catch (const std::exception&) {  // a missing key or a value of the wrong type: Boost.JSON throws
    return invalid;
  }
  impl_ = std::move(fresh);
  return ok();
}

}  // namespace lf::engine
