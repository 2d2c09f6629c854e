// Business events as NDJSON (one JSON object per line), the way business systems push them:
//   {"source": "oa", "case_id": "CG-2025-001", "activity": "合同签订", "time": "2025-03-04T10:00:00+08:00",
//    "actor": "张三", "role": "资产处处长", "unit": "资产处", "power": "ZY-012", "amount": 180000,
//    "currency": "CNY", "counterparty": "某某公司", "attrs": {"post": "处长"}}
// case_id, activity and time are required; the others may be absent or null. amount is a number (a numeric
// string is accepted); attrs values are strings (numbers and booleans are kept as written). Unknown fields are
// ignored. time is RFC 3339 (also the looser forms of formats/xes_date.h; a time without an offset is UTC).
// Blank lines are skipped; "\r\n" ends a line like "\n". Parsed with simdjson On Demand, without copying:
// the events handed out borrow the reader's buffers and live until the callback returns.
#pragma once
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "engine/event.h"

namespace lf::formats {

// Called once per event, in file order. `line` is 1-based.
using EventSink = std::function<void(const engine::EventView& event, uint64_t line)>;

// Errors name the line (Error::detail "line N", and the message) and the field (Error::field):
// event.not_json (not a JSON object), event.field_missing (case_id, activity or time absent or empty),
// event.field_type (a field of the wrong type), event.bad_time (time not a timestamp).
class EventNdjsonReader {
 public:
  EventNdjsonReader();
  ~EventNdjsonReader();
  EventNdjsonReader(const EventNdjsonReader&) = delete;
  EventNdjsonReader& operator=(const EventNdjsonReader&) = delete;

  // Reads every line of `text`, which must be followed by at least kNdjsonPadding readable bytes (simdjson's
  // padding: a PaddedText, or a simdjson::padded_string). Stops at the first bad line, whose error it
  // returns; the events before it have been handed to `sink`. Lines are numbered from `first_line`.
  Status read(std::string_view text, const EventSink& sink, uint64_t first_line = 1);
  // Parses one line (without its '\n'); the view lives until the next call.
  Result<engine::EventView> parse_line(std::string_view line, uint64_t line_number);

 private:
  friend Status read_event_ndjson(std::istream&, const EventSink&, const std::function<void(uint64_t)>&);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads a stream block by block (memory: a block plus the longest line), handing events to `sink`.
// `progress`, if given, is told the bytes read so far after each block. Errors: those of the reader, and
// event.read_failed.
Status read_event_ndjson(std::istream& in, const EventSink& sink,
                         const std::function<void(uint64_t bytes)>& progress = {});
// The same from a file. Errors: event.unreadable (cannot open), and the above.
Status read_event_ndjson_file(const std::string& path, const EventSink& sink,
                              const std::function<void(uint64_t bytes)>& progress = {});

// Every event of a batch, owned; all or nothing (the server's ingest: a bad line rejects the whole batch).
Result<std::vector<engine::BusinessEvent>> parse_event_ndjson(std::string_view text);

// Text followed by simdjson's padding, ready for EventNdjsonReader::read.
inline constexpr size_t kNdjsonPadding = 64;
struct PaddedText {
  std::string bytes;  // the text, then kNdjsonPadding spaces
  std::string_view text() const { return {bytes.data(), bytes.size() - kNdjsonPadding}; }
};
PaddedText padded_copy(std::string_view text);
// A whole file in memory (benchmarks: parsing from a buffer). Errors: event.unreadable.
Result<PaddedText> read_padded_file(const std::string& path);

}  // namespace lf::formats
