// A business event as the monitoring engine sees it: what a business system (finance, procurement, approvals)
// reports about one step of one case. Two shapes: BusinessEvent owns its text (the server's queue, tests);
// EventView borrows it from a parser's buffer, so that the streaming path reads millions of events without
// copying a string. (engine/log.h's Event is the leaner per-trace record the offline conformance checks use.)
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lf::engine {

using AttrView = std::pair<std::string_view, std::string_view>;

struct EventView {
  std::string_view source;        // the reporting system ("finance", "oa"); part of the case's identity
  std::string_view case_id;
  std::string_view activity;
  int64_t time_ms = 0;            // UTC milliseconds since 1970
  std::string_view time;          // as written (RFC 3339), for display and evidence
  std::string_view actor;         // the person who did the step
  std::string_view role;          // the actor's role or post name, for authorisation limits
  std::string_view unit;          // unit or department
  std::string_view power;         // the power's code (职权编码), when the system knows it
  std::optional<double> amount;   // in the unit of `currency` (yuan unless said otherwise)
  std::string_view currency;
  std::string_view counterparty;  // supplier, payee, applicant
  std::span<const AttrView> attrs;

  // The value of an attribute, or an empty view when absent (linear: events carry a handful).
  std::string_view attr(std::string_view key) const {
    for (const auto& [k, v] : attrs)
      if (k == key) return v;
    return {};
  }
};

struct BusinessEvent {
  std::string source, case_id, activity;
  int64_t time_ms = 0;
  std::string time;
  std::string actor, role, unit, power;
  std::optional<double> amount;
  std::string currency, counterparty;
  std::map<std::string, std::string> attrs;

  // A view of this event; `scratch` holds the attribute pairs and must outlive the view.
  EventView view(std::vector<AttrView>& scratch) const {
    scratch.clear();
    for (const auto& [k, v] : attrs) scratch.emplace_back(k, v);
    return EventView{source, case_id, activity, time_ms, time, actor, role, unit, power, amount, currency,
                     counterparty, scratch};
  }
  static BusinessEvent from(const EventView& v) {
    BusinessEvent e{std::string(v.source), std::string(v.case_id), std::string(v.activity), v.time_ms,
                    std::string(v.time), std::string(v.actor), std::string(v.role), std::string(v.unit),
                    std::string(v.power), v.amount, std::string(v.currency), std::string(v.counterparty), {}};
    for (const auto& [k, val] : v.attrs) e.attrs[std::string(k)] = std::string(val);
    return e;
  }
};

}  // namespace lf::engine
