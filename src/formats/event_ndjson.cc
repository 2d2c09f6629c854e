#include "formats/event_ndjson.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>

#include "formats/xes_date.h"

namespace lf::formats {

static_assert(kNdjsonPadding >= simdjson::SIMDJSON_PADDING);

namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// An error naming the line and the field, from the catalogue's {line} and {field} placeholders.
Error line_error(std::string_view code, std::string_view field, uint64_t line, std::string_view why = {}) {
  Error e = make_error(code, field);
  const std::string n = std::to_string(line);
  for (std::string* text : {&e.message, &e.message_en}) {
    replace_all(*text, "{line}", n);
    replace_all(*text, "{field}", field);
  }
  e.detail = "line " + n;
  if (!why.empty()) e.detail += ": " + std::string(why);
  return e;
}

bool blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

enum class Field { source, case_id, activity, time, actor, role, unit, power, amount, currency, counterparty, attrs, other };

Field field_of(std::string_view k) {
  switch (k.size()) {
    case 4:
      if (k == "time") return Field::time;
      if (k == "role") return Field::role;
      if (k == "unit") return Field::unit;
      break;
    case 5:
      if (k == "actor") return Field::actor;
      if (k == "power") return Field::power;
      if (k == "attrs") return Field::attrs;
      break;
    case 6:
      if (k == "source") return Field::source;
      if (k == "amount") return Field::amount;
      break;
    case 7:
      if (k == "case_id") return Field::case_id;
      break;
    case 8:
      if (k == "activity") return Field::activity;
      if (k == "currency") return Field::currency;
      break;
    case 12:
      if (k == "counterparty") return Field::counterparty;
      break;
  }
  return Field::other;
}

}  // namespace

struct EventNdjsonReader::Impl {
  // The DOM parser dispatches to the best kernel at run time (AVX-512 / AVX2 where the CPU has them); On Demand
  // would be compiled for the baseline x86-64 target of this build and was slower per line when measured.
  simdjson::dom::parser parser;
  std::vector<engine::AttrView> attrs;
  std::vector<std::pair<std::string_view, simdjson::dom::element>> raw_attrs;
  std::string numbers;  // attrs numbers and booleans, written out
  std::string padded;   // parse_line's copy of a line that has no padding after it
  engine::EventView event;

  // A string field; null counts as absent.
  static bool text(simdjson::dom::element v, std::string_view& out) {
    if (v.is_null()) {
      out = {};
      return true;
    }
    return !v.get_string().get(out);
  }

  static bool number(simdjson::dom::element v, std::optional<double>& out) {
    double d = 0;
    if (v.is_null()) return true;
    if (v.is_number()) {
      if (v.get_double().get(d)) return false;
    } else {
      std::string_view s;
      if (v.get_string().get(s)) return false;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
      if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return false;
    }
    out = d;
    return true;
  }

  // attrs: string values as they are, numbers and booleans written out, nulls left out.
  Status read_attrs(simdjson::dom::element v, uint64_t line) {
    simdjson::dom::object obj;
    if (v.get_object().get(obj)) return line_error("event.field_type", "attrs", line);
    raw_attrs.clear();
    for (auto [key, value] : obj) {
      if (value.is_null()) continue;
      if (value.is_array() || value.is_object()) return line_error("event.field_type", "attrs." + std::string(key), line);
      raw_attrs.emplace_back(key, value);
    }
    // Numbers are written into one buffer sized first, so that the views into it stay valid.
    numbers.assign(raw_attrs.size() * 32, '\0');
    char* at = numbers.data();
    for (auto [key, value] : raw_attrs) {
      std::string_view out;
      if (value.is_string()) {
        out = value.get_string().value_unsafe();
      } else {
        char* end = at;
        if (value.is_bool()) end = std::strcpy(at, value.get_bool().value_unsafe() ? "true" : "false") + std::strlen(at);
        else if (value.is_int64()) end = std::to_chars(at, at + 32, value.get_int64().value_unsafe()).ptr;
        else if (value.is_uint64()) end = std::to_chars(at, at + 32, value.get_uint64().value_unsafe()).ptr;
        else end = std::to_chars(at, at + 32, value.get_double().value_unsafe()).ptr;
        out = std::string_view(at, static_cast<size_t>(end - at));
        at += 32;
      }
      attrs.emplace_back(key, out);
    }
    return ok();
  }

  Result<engine::EventView> parse(const char* data, size_t size, uint64_t line) {
    event = engine::EventView{};
    attrs.clear();
    simdjson::dom::element root;
    simdjson::dom::object obj;
    if (auto err = parser.parse(data, size, false).get(root); err)
      return line_error("event.not_json", "", line, simdjson::error_message(err));
    if (root.get_object().get(obj)) return line_error("event.not_json", "", line, "not an object");
    for (auto [key, v] : obj) {
      bool good = true;
      switch (field_of(key)) {
        case Field::source: good = text(v, event.source); break;
        case Field::case_id: good = text(v, event.case_id); break;
        case Field::activity: good = text(v, event.activity); break;
        case Field::time: good = text(v, event.time); break;
        case Field::actor: good = text(v, event.actor); break;
        case Field::role: good = text(v, event.role); break;
        case Field::unit: good = text(v, event.unit); break;
        case Field::power: good = text(v, event.power); break;
        case Field::currency: good = text(v, event.currency); break;
        case Field::counterparty: good = text(v, event.counterparty); break;
        case Field::amount: good = number(v, event.amount); break;
        case Field::attrs:
          if (!v.is_null()) LF_CHECK(read_attrs(v, line));
          break;
        case Field::other: break;  // unknown fields are for other readers
      }
      if (!good) return line_error("event.field_type", key, line);
    }
    for (auto [name, value] : {std::pair{"case_id", event.case_id}, {"activity", event.activity}, {"time", event.time}})
      if (value.empty()) return line_error("event.field_missing", name, line);
    auto t = parse_timestamp(event.time);
    if (!t) return line_error("event.bad_time", "time", line, event.time);
    // Milliseconds, rounded towards minus infinity so that times before 1970 order correctly too.
    event.time_ms = t->utc_us >= 0 ? t->utc_us / 1000 : -((-t->utc_us + 999) / 1000);
    event.attrs = attrs;
    return event;
  }

  // Lines of text[0, size), which simdjson's padding follows. Advances `line` past the lines read.
  Status read_lines(const char* text, size_t size, const EventSink& sink, uint64_t& line) {
    const char* p = text;
    const char* end = text + size;
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      const char* stop = nl != nullptr ? nl : end;
      size_t len = static_cast<size_t>(stop - p);
      if (len > 0 && p[len - 1] == '\r') --len;
      if (len > 0 && (*p == '{' || !blank({p, len}))) {
        auto e = parse(p, len, line);
        if (!e.ok()) return std::move(e).error();
        sink(*e, line);
      }
      p = nl != nullptr ? nl + 1 : end;
      ++line;
    }
    return ok();
  }
};

EventNdjsonReader::EventNdjsonReader() : impl_(std::make_unique<Impl>()) {}
EventNdjsonReader::~EventNdjsonReader() = default;

Status EventNdjsonReader::read(std::string_view text, const EventSink& sink, uint64_t first_line) {
  uint64_t line = first_line;
  return impl_->read_lines(text.data(), text.size(), sink, line);
}

Result<engine::EventView> EventNdjsonReader::parse_line(std::string_view line, uint64_t line_number) {
  impl_->padded.assign(line);
  impl_->padded.append(kNdjsonPadding, ' ');
  return impl_->parse(impl_->padded.data(), line.size(), line_number);
}

Status read_event_ndjson(std::istream& in, const EventSink& sink, const std::function<void(uint64_t)>& progress) {
  constexpr size_t kBlock = size_t{8} << 20;
  EventNdjsonReader reader;
  std::vector<char> buf(kBlock + kNdjsonPadding, ' ');
  size_t filled = 0;
  uint64_t line = 1, bytes = 0;
  for (bool eof = false; !eof;) {
    if (buf.size() - kNdjsonPadding - filled < kBlock / 2) buf.resize(buf.size() * 2, ' ');  // a very long line
    in.read(buf.data() + filled, static_cast<std::streamsize>(buf.size() - kNdjsonPadding - filled));
    const auto got = static_cast<size_t>(in.gcount());
    if (in.bad()) return make_error("event.read_failed");
    eof = got == 0 || in.eof();
    filled += got;
    bytes += got;
    // Whole lines only, except at the end of the input.
    size_t upto = filled;
    if (!eof) {
      while (upto > 0 && buf[upto - 1] != '\n') --upto;
      if (upto == 0) continue;
    }
    std::memset(buf.data() + filled, ' ', std::min(kNdjsonPadding, buf.size() - filled));
    LF_CHECK(reader.impl_->read_lines(buf.data(), upto, sink, line));
    std::memmove(buf.data(), buf.data() + upto, filled - upto);
    filled -= upto;
    if (progress) progress(bytes);
  }
  return ok();
}

Status read_event_ndjson_file(const std::string& path, const EventSink& sink,
                              const std::function<void(uint64_t)>& progress) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error_arg("event.unreadable", "", path);
  return read_event_ndjson(in, sink, progress);
}

Result<std::vector<engine::BusinessEvent>> parse_event_ndjson(std::string_view text) {
  const PaddedText padded = padded_copy(text);
  std::vector<engine::BusinessEvent> out;
  EventNdjsonReader reader;
  LF_CHECK(reader.read(padded.text(), [&](const engine::EventView& e, uint64_t) {
    out.push_back(engine::BusinessEvent::from(e));
  }));
  return out;
}

PaddedText padded_copy(std::string_view text) {
  PaddedText p;
  p.bytes.reserve(text.size() + kNdjsonPadding);
  p.bytes.assign(text);
  p.bytes.append(kNdjsonPadding, ' ');
  return p;
}

Result<PaddedText> read_padded_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return make_error_arg("event.unreadable", "", path);
  const auto size = static_cast<size_t>(in.tellg());
  in.seekg(0);
  PaddedText p;
  p.bytes.assign(size + kNdjsonPadding, ' ');
  if (!in.read(p.bytes.data(), static_cast<std::streamsize>(size))) return make_error_arg("event.unreadable", "", path);
  return p;
}

}  // namespace lf::formats
