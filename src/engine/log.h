// An event log: what business systems recorded, case by case. Conformance checks read only the activity of
// each event, so activities are interned to small integers (ids into EventLog::activities); times, resources
// and the other attributes are kept for the rules and for display. Built by the readers in formats/ (XES, CSV).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lf::engine {

// An instant as written in the source: UTC microseconds since 1970 plus the UTC offset it was written with,
// so that logs mixing offsets order correctly and still print as recorded.
struct Timestamp {
  int64_t utc_us = 0;
  int32_t offset_minutes = 0;
  auto operator<=>(const Timestamp& o) const { return utc_us <=> o.utc_us; }
  bool operator==(const Timestamp& o) const { return utc_us == o.utc_us; }
};

// An attribute the log holds besides the activity, time and resource. XES types are kept with the text as
// written ("2.5", "true", "2011-10-11T13:42:22.688+02:00"); lists and nested (meta-)attributes are children.
struct Attribute {
  enum class Type : uint8_t { string, date, integer, real, boolean, id, list, container };
  std::string key;
  Type type = Type::string;
  std::string value;
  std::vector<Attribute> children;
  bool operator==(const Attribute&) const = default;
};

struct Event {
  int32_t activity = -1;  // index into EventLog::activities
  std::optional<Timestamp> time;
  std::string resource;   // empty when the log does not say
  std::vector<Attribute> attrs;
};

struct Case {
  std::string id;
  std::vector<Event> events;   // in the order of the file
  std::vector<Attribute> attrs;  // case-level attributes other than the id
};

// Cases that did the same activities in the same order: checked once, reported for each case.
struct Variant {
  std::vector<int32_t> activities;
  std::vector<size_t> cases;  // indices into EventLog::cases, ascending
};

class EventLog {
 public:
  std::vector<Case> cases;            // in the order of the file (first appearance for CSV)
  std::vector<std::string> activities;  // distinct activity names, in order of first appearance
  std::vector<Attribute> attrs;       // log-level attributes (XES)

  // The id of an activity name, adding it when new.
  int32_t intern(std::string_view activity);
  // The id of an activity name, or -1 when the log never mentions it.
  int32_t activity_id(std::string_view activity) const;
  const std::string& activity_name(int32_t id) const { return activities[static_cast<size_t>(id)]; }

  size_t event_count() const;
  // The activity ids of a case's events, in order.
  std::vector<int32_t> trace(size_t case_index) const;
  // Distinct traces in order of first appearance; every case belongs to exactly one.
  std::vector<Variant> variants() const;

 private:
  // Looks names up by string_view without building a std::string per event.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> index_;
};

}  // namespace lf::engine
