// XES (IEEE 1849, the eXtensible Event Stream) event logs, plain or gzip-compressed (.xes.gz), as ProM,
// PM4Py, Disco and Celonis export them. A trace is a case, named by its concept:name; its events are taken in
// file order, each with its concept:name as the activity, time:timestamp as the time and org:resource as the
// resource (under whatever prefixes the file's <extension> declarations give those extensions). Attributes
// of every XES type (string, date, int, float, boolean, id, list, container, nested meta-attributes) are kept.
// <global> declarations supply the values of attributes an element leaves out, as the standard prescribes.
// Classifiers are not applied: the activity is always concept:name, as in PM4Py.
#pragma once
#include <string>
#include <string_view>

#include "base/result.h"
#include "engine/log.h"

namespace lf::formats {

// Errors: xes.not_xml, xes.no_log (the root is not <log>), xes.event_without_activity (an event with no
// concept:name, even from a global), xes.bad_date (a time:timestamp that is not an xs:dateTime).
// A trace without a concept:name is named by its position in the log, from 1.
Result<engine::EventLog> read_xes(std::string_view xml);
// The same, parsing in place in a buffer it takes over: no copy of a large document.
Result<engine::EventLog> read_xes_in_place(std::string xml);

// Reads a file, decompressing it first when it starts with gzip's magic bytes, whatever its name.
// Errors: those of read_xes, xes.unreadable (the file cannot be read), xes.bad_gzip.
Result<engine::EventLog> read_xes_file(const std::string& path);

// Inflates gzip data (several members one after another are joined, as gunzip does). Errors: xes.bad_gzip.
Result<std::string> gunzip(std::string_view data);
bool is_gzip(std::string_view data);

}  // namespace lf::formats
