// The monitor's insides, shared by monitor.cc (cases, dispatch, clock), monitor_checks.cc (one handler per
// rule kind), monitor_text.cc (finding texts) and monitor_state.cc (save / restore). Not for other callers.
#pragma once
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "engine/flow_tracker.h"
#include "engine/monitor.h"

namespace lf::engine {

inline constexpr int64_t kNone = std::numeric_limits<int64_t>::min();   // "no time" in a case word
inline constexpr int64_t kNever = std::numeric_limits<int64_t>::max();  // "no deadline"
inline constexpr int64_t kDayMs = 86400000;

// What an activity is to a rule (a hook's roles).
enum Role : uint16_t {
  kActivity = 1,  // the checked activity (precedence, response trigger, limit, collective, split)
  kThen = 2,      // response: the awaited activity
  kFirst = 4,     // separation: one side
  kSecond = 8,    // separation: the other side
  kFrom = 16,     // time: starts the interval
  kTo = 32,       // time: ends it
  kEnd = 64,      // ends the case
  kFlow = 128,    // flow: every event (arg = the net's label number, -1 = not in the flow)
};

struct Hook {
  uint16_t rule;
  uint16_t roles;
  int32_t arg;
};

// Words per case and rule kind (after the shared "seen" bit words):
//   response:   [since, trigger event index, trigger activity << 1 | reported, deadline]
//   separation: [first side's actor hash, second side's actor hash]   (0 = nobody yet)
//   time:       [start, start event index, start activity << 8 | level reported, reminder at, yellow at, red at]
//   flow:       [state]
inline constexpr uint32_t kResponseWords = 4, kSeparationWords = 2, kTimeWords = 6, kFlowWords = 1;

struct SplitEntry {
  int64_t time_ms;
  double amount;
  int64_t event_index;
};

// Open addressing (linear probing, backward-shift deletion) from a case key's hash to its slot.
class CaseIndex {
 public:
  CaseIndex() : table_(1024) {}
  template <class Same>
  int32_t find(uint64_t hash, Same same) const {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    for (size_t i = hash & mask(); table_[i].slot1 != 0; i = (i + 1) & mask())
      if (table_[i].tag == tag && same(table_[i].slot1 - 1)) return static_cast<int32_t>(table_[i].slot1 - 1);
    return -1;
  }
  void insert(uint64_t hash, uint32_t slot);
  void erase(uint64_t hash, uint32_t slot);
  size_t size() const { return size_; }

 private:
  // Eight bytes, so that the table of a few hundred thousand open cases stays in cache: the low bits of the hash
  // place an entry, the high 32 bits (the tag) make a string comparison on a false match rare.
  struct Entry {
    uint32_t tag = 0;
    uint32_t slot1 = 0;  // slot + 1; 0 = empty
  };
  std::vector<uint64_t> hashes_;  // by slot: the full hash, for moving entries when the table grows or shrinks
  size_t mask() const { return table_.size() - 1; }
  std::vector<Entry> table_;
  size_t size_ = 0;
};

// Split rule windows by (counterparty, group) key. Flat and recycled, like the cases: a purchase costs a probe
// and an append, and a window that empties keeps its buffer for the next group.
class SplitWindows {
 public:
  std::vector<SplitEntry>& at(uint64_t key);  // created empty when new
  // Drops the windows `stale` says so of; calls `f(key, entries)` for the others, in key order when sorted.
  template <class Stale>
  void drop_if(Stale stale) {
    for (uint32_t i = 0; i < keys_.size(); ++i) {
      if (!live_[i] || !stale(entries_[i])) continue;
      index_.erase(keys_[i], i);
      live_[i] = 0;
      entries_[i].clear();
      free_.push_back(i);
    }
  }
  std::vector<std::pair<uint64_t, const std::vector<SplitEntry>*>> sorted() const;

 private:
  CaseIndex index_;
  std::vector<uint64_t> keys_;
  std::vector<std::vector<SplitEntry>> entries_;
  std::vector<char> live_;
  std::vector<uint32_t> free_;
};

struct RuleRuntime {
  const Rule* rule = nullptr;
  uint32_t offset = 0;    // its first word in a case's words
  uint32_t seen_bit = 0;  // its first "seen" bit (precedence: one per requirement; collective: one)
  bool filtered = false;  // has power / source filters
  std::unique_ptr<FlowTracker> flow;
  SplitWindows groups;  // split
};

// A case's record: these header words, then the rules' words, in one block (Impl::records), so that an event
// brings one or two adjacent cache lines of its case into cache rather than one line per structure.
enum CaseWord : uint32_t {
  kCaseHash,   // of the source and the case id
  kCaseSeq,    // order of opening: breaks ties between cases due at the same moment
  kCaseFirst,  // time of the first event
  kCaseLast,   // latest event time
  kCaseDue,    // the next time limit (kNever: none)
  kCaseMeta,   // source number << 32 | case id length; kFree for a free slot
  kCaseId,     // three words: the case id when it fits, else in Impl::long_ids
  kHeaderWords = kCaseId + 3,
};
inline constexpr size_t kInlineId = 3 * sizeof(uint64_t);
inline constexpr uint64_t kFree = ~uint64_t{0};

struct Due {
  int64_t at;
  uint64_t seq;
  uint32_t slot;
  bool operator>(const Due& o) const { return at != o.at ? at > o.at : seq > o.seq; }
};

// Everything one event's handlers need.
// The rule's power and source filters let the event through.
inline bool passes_filters(const Rule& rule, const EventView& e) {
  return (rule.power.empty() || rule.power.matches(e.power)) && (rule.source.empty() || rule.source.matches(e.source));
}

struct TextArg {
  std::string_view key;
  std::string zh, en;
};

struct EventContext {
  const EventView& event;
  int64_t index;
  int32_t activity;
  uint32_t slot;
  uint64_t* words;
  std::vector<Finding>& out;
  bool end = false;  // a handler decided the case ends with this event
};

struct Monitor::Impl {
  std::shared_ptr<const RuleSet> set;
  std::vector<RuleRuntime> rt;
  uint32_t seen_words = 0, words_per_case = 0;
  std::vector<uint64_t> initial_words;
  std::vector<uint32_t> deadline_rules;    // time and response rules, in rule order
  std::vector<uint32_t> case_start_rules;  // time rules counted from the case's first event
  int64_t offset_ms = 0;                   // the unit's UTC offset
  int64_t sweep_every = kNever;            // how often sweep() looks for idle cases and stale windows

  // Activities, interned in order of first appearance, each with its hooks (hooks_[begin[a], begin[a+1]))
  // and the "seen" bits it sets.
  std::vector<std::string> activity_names;
  std::vector<std::pair<uint64_t, int32_t>> activity_table{64, {0, -1}};  // open addressing: (hash, id)
  std::vector<uint32_t> hook_begin{0};
  std::vector<Hook> hooks;
  std::vector<uint64_t> seen_masks;

  CaseIndex index;
  uint32_t stride = 0;                 // words per record: kHeaderWords + words_per_case
  std::vector<uint64_t> records;       // by slot
  std::vector<std::string> long_ids;   // by slot, for case ids longer than kInlineId
  std::vector<std::string> sources;    // source names by number
  uint32_t last_source = 0;            // the previous event's source number (most events share one)
  std::vector<uint32_t> free_slots;
  std::vector<Due> dues;  // a min-heap; stale entries are skipped when popped

  int64_t events = 0, cases_opened = 0;
  uint64_t next_seq = 0;
  int64_t clock = kNone, last_sweep = kNone;

  explicit Impl(std::shared_ptr<const RuleSet> rules);
  int32_t activity_id(std::string_view name);
  void add_hooks(int32_t activity);
  uint32_t open_case(const EventView& e);
  void close_case(uint32_t slot, EventContext* at);
  void fire_due(uint32_t slot, int64_t now, std::vector<Finding>& out);
  void update_due(uint32_t slot);
  void sweep(int64_t now);
  uint64_t* record(uint32_t slot) { return records.data() + size_t{slot} * stride; }
  const uint64_t* record(uint32_t slot) const { return records.data() + size_t{slot} * stride; }
  uint64_t* case_words(uint32_t slot) { return record(slot) + kHeaderWords; }
  size_t slots() const { return stride == 0 ? 0 : records.size() / stride; }
  bool live(uint32_t slot) const { return record(slot)[kCaseMeta] != kFree; }
  uint32_t source_number(std::string_view source);
  bool is_case(uint32_t slot, uint32_t source, std::string_view id) const;
  std::string_view case_id(uint32_t slot) const;
  const std::string& source_of(uint32_t slot) const { return sources[record(slot)[kCaseMeta] >> 32]; }
  // Opens a case in a free slot; `seq` and times as given (restore_state passes saved ones).
  uint32_t add_case(std::string_view source, std::string_view id, uint64_t seq, int64_t first, int64_t last);

  // Findings about a case, and about the event being processed (monitor_checks.cc).
  Finding base(const Rule& rule, std::string check, uint32_t slot) const;
  Finding at_event(const Rule& rule, std::string check, const EventContext& x) const;
  // Handlers (monitor_checks.cc).
  void check(RuleRuntime& r, const Hook& h, EventContext& x);
  void start_interval(const RuleRuntime& r, EventContext& x);
  // Time limits and response deadlines of one case at `now` (the clock, or a later event of the case).
  void time_due(const RuleRuntime& r, uint32_t slot, int64_t now, std::vector<Finding>& out);
  void response_due(const RuleRuntime& r, uint32_t slot, int64_t now, std::vector<Finding>& out);
  void response_open_at_end(const RuleRuntime& r, EventContext& x);
  int64_t next_deadline(const RuleRuntime& r, const uint64_t* w) const;

  int32_t local_day(int64_t ms) const;
  // {due} and {red_due} of a time rule's words: the last day of the limit and of the follow-up period.
  std::vector<TextArg> due_args(const uint64_t* time_words) const;
  int64_t local_midnight(int32_t day) const { return int64_t{day} * kDayMs - offset_ms; }
};

// Finding texts (monitor_text.cc), from the message catalogue's monitor.* entries. Placeholders the rule and
// the finding answer ({rule}, {activity}, {actor}, {then}, {limit}, {what}, {days}, {follow}, {threshold},
// {window}, {decision}, {by}) are filled here; `args` (placeholder, Chinese value, English value) the rest.
void fill_message(Finding& f, const Rule& rule, std::string_view code, const std::vector<TextArg>& args);
std::string format_amount(double v);
std::string format_instant(int64_t ms, int offset_minutes);
// Lists of steps for the messages: alternatives ("“a”或“b”") and requirements ("“a”、“b”和“c”").
std::string quoted_any(const std::vector<std::string>& names, bool chinese);
std::string quoted_all(const std::vector<std::string>& names, bool chinese);

}  // namespace lf::engine
