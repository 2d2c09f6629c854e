// XES and CSV event logs (formats/xes.h, formats/event_csv.h) as the business events the monitor reads, so that
// a log exported from ProM, PM4Py or Disco runs through the same rules as NDJSON from a business system.
#pragma once
#include "engine/log.h"
#include "formats/event_ndjson.h"

namespace lf::formats {

// Hands every event to `sink`: cases in log order, each case's events in file order (the `line` argument is
// the event's 1-based position in that order). case_id = the trace's concept:name, activity = concept:name,
// time = time:timestamp (written back in RFC 3339 with its offset), actor = org:resource, role = org:role,
// unit = org:group; attributes named like an event field (source, unit, power, amount, currency,
// counterparty) fill it, amount parsed as a number; every other attribute goes into attrs as text, the
// trace's attributes under "case:<key>".
void for_each_business_event(const engine::EventLog& log, const EventSink& sink);

}  // namespace lf::formats
