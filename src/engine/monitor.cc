// The monitor's core: the layout of a case's words, activities and their hooks, the open cases, the clock.
#include <algorithm>
#include <cstring>
#include <functional>

#include "engine/monitor_internal.h"
#include "engine/text_hash.h"

namespace lf::engine {

void CaseIndex::insert(uint64_t hash, uint32_t slot) {
  if (hashes_.size() <= slot) hashes_.resize(size_t{slot} + 1);
  hashes_[slot] = hash;
  if ((size_ + 1) * 2 > table_.size()) {  // keep the load under one half
    std::vector<Entry> old(table_.size() * 2);
    old.swap(table_);
    for (const Entry& e : old) {
      if (e.slot1 == 0) continue;
      size_t i = hashes_[e.slot1 - 1] & mask();
      while (table_[i].slot1 != 0) i = (i + 1) & mask();
      table_[i] = e;
    }
  }
  size_t i = hash & mask();
  while (table_[i].slot1 != 0) i = (i + 1) & mask();
  table_[i] = Entry{static_cast<uint32_t>(hash >> 32), slot + 1};
  ++size_;
}

void CaseIndex::erase(uint64_t hash, uint32_t slot) {
  size_t i = hash & mask();
  while (table_[i].slot1 != slot + 1) i = (i + 1) & mask();
  // Backward shift: pull later entries of the probe run into the hole, so lookups never need tombstones.
  for (size_t j = (i + 1) & mask(); table_[j].slot1 != 0; j = (j + 1) & mask()) {
    const size_t home = hashes_[table_[j].slot1 - 1] & mask();
    const bool between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
    if (!between) {
      table_[i] = table_[j];
      i = j;
    }
  }
  table_[i] = Entry{};
  --size_;
}

std::vector<SplitEntry>& SplitWindows::at(uint64_t key) {
  const int32_t found = index_.find(key, [&](uint32_t i) { return keys_[i] == key; });
  if (found >= 0) return entries_[static_cast<size_t>(found)];
  uint32_t i;
  if (!free_.empty()) {
    i = free_.back();
    free_.pop_back();
    keys_[i] = key;
    live_[i] = 1;
  } else {
    i = static_cast<uint32_t>(keys_.size());
    keys_.push_back(key);
    entries_.emplace_back();
    live_.push_back(1);
  }
  index_.insert(key, i);
  return entries_[i];
}

std::vector<std::pair<uint64_t, const std::vector<SplitEntry>*>> SplitWindows::sorted() const {
  std::vector<std::pair<uint64_t, const std::vector<SplitEntry>*>> out;
  for (size_t i = 0; i < keys_.size(); ++i)
    if (live_[i] && !entries_[i].empty()) out.emplace_back(keys_[i], &entries_[i]);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

Monitor::Impl::Impl(std::shared_ptr<const RuleSet> rules) : set(std::move(rules)) {
  offset_ms = int64_t{set->utc_offset_minutes} * 60000;
  uint32_t seen_bits = 0;
  rt.resize(set->rules.size());
  for (size_t i = 0; i < set->rules.size(); ++i) {
    const Rule& rule = set->rules[i];
    RuleRuntime& r = rt[i];
    r.rule = &rule;
    r.filtered = !rule.power.empty() || !rule.source.empty();
    r.seen_bit = seen_bits;
    if (rule.kind == RuleKind::precedence) seen_bits += static_cast<uint32_t>(rule.requires_.size());
    if (rule.kind == RuleKind::collective) seen_bits += 1;
    if (rule.kind == RuleKind::flow) r.flow = std::make_unique<FlowTracker>(rule.net);
    if (rule.kind == RuleKind::time || rule.kind == RuleKind::response) deadline_rules.push_back(static_cast<uint32_t>(i));
    if (rule.kind == RuleKind::time && rule.from.empty()) case_start_rules.push_back(static_cast<uint32_t>(i));
  }
  seen_words = (seen_bits + 63) / 64;
  int64_t every = set->close_after_days > 0 ? int64_t{set->close_after_days} * kDayMs / 4 : kNever;
  for (const Rule& rule : set->rules)
    if (rule.kind == RuleKind::split) every = std::min(every, int64_t{rule.window_days} * kDayMs / 2);
  sweep_every = every == kNever ? kNever : std::max(every, kDayMs);
  uint32_t at = seen_words;
  for (auto& r : rt) {
    r.offset = at;
    switch (r.rule->kind) {
      case RuleKind::response: at += kResponseWords; break;
      case RuleKind::separation: at += kSeparationWords; break;
      case RuleKind::time: at += kTimeWords; break;
      case RuleKind::flow: at += kFlowWords; break;
      default: break;
    }
  }
  words_per_case = std::max<uint32_t>(at, 1);
  stride = kHeaderWords + words_per_case;
  initial_words.assign(words_per_case, 0);
  for (auto& r : rt) {
    if (r.rule->kind == RuleKind::response) initial_words[r.offset] = static_cast<uint64_t>(kNone);
    if (r.rule->kind == RuleKind::time) initial_words[r.offset] = static_cast<uint64_t>(kNone);
    if (r.rule->kind == RuleKind::flow) initial_words[r.offset] = FlowTracker::kInitial;
  }
}

// Every event looks its activity up here, so a flat table of (hash, id) rather than a node-based map.
int32_t Monitor::Impl::activity_id(std::string_view name) {
  const uint64_t h = hash_text(name);
  size_t mask = activity_table.size() - 1, i = h & mask;
  for (; activity_table[i].second >= 0; i = (i + 1) & mask)
    if (activity_table[i].first == h && activity_names[static_cast<size_t>(activity_table[i].second)] == name)
      return activity_table[i].second;
  const auto id = static_cast<int32_t>(activity_names.size());
  activity_names.emplace_back(name);
  activity_table[i] = {h, id};
  if (activity_names.size() * 2 > activity_table.size()) {  // grow, keeping the load under one half
    std::vector<std::pair<uint64_t, int32_t>> old(activity_table.size() * 2, {0, -1});
    old.swap(activity_table);
    mask = activity_table.size() - 1;
    for (const auto& e : old) {
      if (e.second < 0) continue;
      size_t j = e.first & mask;
      while (activity_table[j].second >= 0) j = (j + 1) & mask;
      activity_table[j] = e;
    }
  }
  add_hooks(id);
  return id;
}

// Matches a new activity against every rule once; events then only walk the hooks of their activity.
void Monitor::Impl::add_hooks(int32_t a) {
  const std::string& name = activity_names[static_cast<size_t>(a)];
  seen_masks.resize(seen_masks.size() + seen_words, 0);
  uint64_t* seen = seen_masks.data() + size_t(a) * seen_words;
  auto set_bit = [&](uint32_t bit) { seen[bit / 64] |= uint64_t{1} << (bit % 64); };
  for (size_t i = 0; i < rt.size(); ++i) {
    const RuleRuntime& r = rt[i];
    const Rule& rule = *r.rule;
    uint16_t roles = rule.end.matches(name) ? kEnd : 0;
    int32_t arg = 0;
    switch (rule.kind) {
      case RuleKind::precedence:
        for (size_t q = 0; q < rule.requires_.size(); ++q)
          if (rule.requires_[q].matches(name)) set_bit(r.seen_bit + static_cast<uint32_t>(q));
        if (rule.activity.matches(name)) roles |= kActivity;
        break;
      case RuleKind::collective:
        if (rule.decision.matches(name)) set_bit(r.seen_bit);
        if (rule.activity.matches(name)) roles |= kActivity;
        break;
      case RuleKind::response:
        if (rule.activity.matches(name)) roles |= kActivity;
        if (rule.then.matches(name)) roles |= kThen;
        break;
      case RuleKind::separation:
        if (rule.first.matches(name)) roles |= kFirst;
        if (rule.second.matches(name)) roles |= kSecond;
        break;
      case RuleKind::time:
        if (rule.from.matches(name)) roles |= kFrom;
        if (rule.to.matches(name)) roles |= kTo;
        break;
      case RuleKind::limit:
      case RuleKind::split:
        if (rule.activity.matches(name)) roles |= kActivity;
        break;
      case RuleKind::flow:
        roles |= kFlow;
        arg = r.flow->label_of(name);
        break;
    }
    if (roles != 0) hooks.push_back(Hook{static_cast<uint16_t>(i), roles, arg});
  }
  hook_begin.push_back(static_cast<uint32_t>(hooks.size()));
}

int32_t Monitor::Impl::local_day(int64_t ms) const {
  const int64_t local = ms + offset_ms;
  return static_cast<int32_t>(local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs));
}

uint32_t Monitor::Impl::source_number(std::string_view source) {
  if (last_source < sources.size() && sources[last_source] == source) return last_source;
  for (uint32_t i = 0; i < sources.size(); ++i)
    if (sources[i] == source) return last_source = i;
  sources.emplace_back(source);
  return last_source = static_cast<uint32_t>(sources.size() - 1);
}

bool Monitor::Impl::is_case(uint32_t slot, uint32_t source, std::string_view id) const {
  const uint64_t* r = record(slot);
  if (r[kCaseMeta] != (uint64_t{source} << 32 | id.size())) return false;
  if (id.size() > kInlineId) return long_ids[slot] == id;
  return id.empty() || std::memcmp(r + kCaseId, id.data(), id.size()) == 0;
}

std::string_view Monitor::Impl::case_id(uint32_t slot) const {
  const uint64_t* r = record(slot);
  const size_t length = r[kCaseMeta] & 0xFFFFFFFFu;
  if (length > kInlineId) return long_ids[slot];
  return {reinterpret_cast<const char*>(r + kCaseId), length};
}

uint32_t Monitor::Impl::add_case(std::string_view source, std::string_view id, uint64_t seq, int64_t first,
                                 int64_t last) {
  uint32_t slot;
  if (!free_slots.empty()) {
    slot = free_slots.back();
    free_slots.pop_back();
  } else {
    slot = static_cast<uint32_t>(slots());
    records.resize(records.size() + stride);
    long_ids.emplace_back();
  }
  uint64_t* r = record(slot);
  const uint64_t hash = hash_text(id, hash_text(source));
  r[kCaseHash] = hash;
  r[kCaseSeq] = seq;
  r[kCaseFirst] = static_cast<uint64_t>(first);
  r[kCaseLast] = static_cast<uint64_t>(last);
  r[kCaseDue] = static_cast<uint64_t>(kNever);
  r[kCaseMeta] = uint64_t{source_number(source)} << 32 | id.size();
  r[kCaseId] = r[kCaseId + 1] = r[kCaseId + 2] = 0;
  if (id.size() > kInlineId) long_ids[slot].assign(id);
  else if (!id.empty()) std::memcpy(r + kCaseId, id.data(), id.size());
  std::memcpy(r + kHeaderWords, initial_words.data(), words_per_case * sizeof(uint64_t));
  index.insert(hash, slot);
  return slot;
}

uint32_t Monitor::Impl::open_case(const EventView& e) {
  ++cases_opened;
  return add_case(e.source, e.case_id, next_seq++, e.time_ms, e.time_ms);
}

void Monitor::Impl::close_case(uint32_t slot, EventContext* at) {
  if (at != nullptr)
    for (uint32_t i : deadline_rules)
      if (rt[i].rule->kind == RuleKind::response) response_open_at_end(rt[i], *at);
  uint64_t* r = record(slot);
  index.erase(r[kCaseHash], slot);
  if ((r[kCaseMeta] & 0xFFFFFFFFu) > kInlineId) long_ids[slot].clear();
  r[kCaseMeta] = kFree;
  r[kCaseDue] = static_cast<uint64_t>(kNever);
  free_slots.push_back(slot);
}

void Monitor::Impl::update_due(uint32_t slot) {
  uint64_t* r = record(slot);
  const uint64_t* w = r + kHeaderWords;
  int64_t due = kNever;
  for (uint32_t i : deadline_rules) due = std::min(due, next_deadline(rt[i], w));
  if (due == static_cast<int64_t>(r[kCaseDue])) return;
  r[kCaseDue] = static_cast<uint64_t>(due);
  if (due != kNever) {
    dues.push_back(Due{due, r[kCaseSeq], slot});
    std::push_heap(dues.begin(), dues.end(), std::greater<>{});
  }
}

void Monitor::Impl::fire_due(uint32_t slot, int64_t now, std::vector<Finding>& out) {
  for (uint32_t i : deadline_rules) {
    if (rt[i].rule->kind == RuleKind::time) time_due(rt[i], slot, now, out);
    else response_due(rt[i], slot, now, out);
  }
  update_due(slot);
}

// Idle cases and split windows nobody can still join, every sweep_every of clock time: a case is dropped between
// close_after_days and a quarter more, a window between its length and half more. So a replay of a year of
// events in seconds (the clock following the events) does not scan the open cases at every tick.
void Monitor::Impl::sweep(int64_t now) {
  if (sweep_every == kNever || (last_sweep != kNone && now - last_sweep < sweep_every)) return;
  last_sweep = now;
  if (set->close_after_days > 0) {
    const int64_t idle = now - int64_t{set->close_after_days} * kDayMs;
    for (uint32_t slot = 0; slot < slots(); ++slot)
      if (live(slot) && static_cast<int64_t>(record(slot)[kCaseLast]) < idle) close_case(slot, nullptr);
  }
  for (auto& r : rt) {
    if (r.rule->kind != RuleKind::split) continue;
    const int64_t oldest = now - int64_t{r.rule->window_days} * kDayMs;
    r.groups.drop_if([&](const std::vector<SplitEntry>& e) { return e.empty() || e.back().time_ms < oldest; });
  }
}

Monitor::Monitor(std::shared_ptr<const RuleSet> rules) : impl_(std::make_unique<Impl>(std::move(rules))) {}
Monitor::~Monitor() = default;

void Monitor::process(const EventView& e, std::vector<Finding>& out) {
  Impl& m = *impl_;
  const int64_t index = m.events++;
  const int32_t a = m.activity_id(e.activity);
  const uint64_t hash = hash_text(e.case_id, hash_text(e.source));
  const uint32_t source = m.source_number(e.source);
  const int32_t found = m.index.find(hash, [&](uint32_t s) { return m.is_case(s, source, e.case_id); });
  const bool fresh = found < 0;
  const uint32_t slot = fresh ? m.open_case(e) : static_cast<uint32_t>(found);
  EventContext x{e, index, a, slot, m.case_words(slot), out};
  if (fresh)
    for (uint32_t i : m.case_start_rules)
      if (!m.rt[i].filtered || passes_filters(*m.rt[i].rule, e)) m.start_interval(m.rt[i], x);
  const Hook* h = m.hooks.data() + m.hook_begin[static_cast<size_t>(a)];
  const Hook* h_end = m.hooks.data() + m.hook_begin[static_cast<size_t>(a) + 1];
  for (; h != h_end; ++h) m.check(m.rt[h->rule], *h, x);
  // Seen after the checks: "earlier in the case" excludes the event itself.
  const uint64_t* seen = m.seen_masks.data() + size_t(a) * m.seen_words;
  for (uint32_t i = 0; i < m.seen_words; ++i) x.words[i] |= seen[i];
  uint64_t* r = m.record(slot);
  r[kCaseLast] = static_cast<uint64_t>(std::max(static_cast<int64_t>(r[kCaseLast]), e.time_ms));
  if (static_cast<int64_t>(r[kCaseDue]) <= e.time_ms) m.fire_due(slot, e.time_ms, out);
  if (x.end) m.close_case(slot, &x);
  else if (!m.deadline_rules.empty()) m.update_due(slot);
}

void Monitor::advance_clock(int64_t now, std::vector<Finding>& out) {
  Impl& m = *impl_;
  if (m.clock != kNone && now < m.clock) return;
  m.clock = now;
  while (!m.dues.empty() && m.dues.front().at <= now) {
    const Due d = m.dues.front();
    std::pop_heap(m.dues.begin(), m.dues.end(), std::greater<>{});
    m.dues.pop_back();
    const uint64_t* r = m.record(d.slot);
    if (r[kCaseMeta] == kFree || r[kCaseSeq] != d.seq || static_cast<int64_t>(r[kCaseDue]) != d.at) continue;  // stale
    m.fire_due(d.slot, now, out);
  }
  m.sweep(now);
}

int64_t Monitor::events() const { return impl_->events; }
int64_t Monitor::cases_opened() const { return impl_->cases_opened; }
size_t Monitor::open_cases() const { return impl_->index.size(); }
int64_t Monitor::clock() const { return impl_->clock; }

}  // namespace lf::engine
