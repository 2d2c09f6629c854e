// OCDS compiled releases, one JSON text per line, read into the facts the red-flag engine needs
// (engine/redflags.h). Lines are judged as Cardinal judges them: a line is valid JSON exactly when Cardinal's
// JSON library (serde_json) accepts it — numbers included, down to how a decimal becomes a double — so that
// the same lines are skipped and the same amounts compared.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/redflags.h"

namespace lf::formats {

// A JSON number as serde_json (without its float_roundtrip feature) reads it: a non-negative integer that
// fits 64 bits is unsigned, a negative one that fits is signed, anything else a double built from the
// decimal significand and a power of ten (exact for up to 15 digits and exponents up to 22, as most amounts).
struct JsonNumber {
  enum class Kind : uint8_t { Unsigned, Signed, Double } kind = Kind::Unsigned;
  uint64_t u = 0;
  int64_t i = 0;
  double d = 0;
  double as_double() const;
};
// nullopt when `token` (surrounding whitespace allowed) is not a JSON number, or when serde_json refuses it
// as out of range (1e400): the whole line is then invalid JSON.
std::optional<JsonNumber> read_json_number(std::string_view token);

// The simdjson kernel runtime dispatch chose for this CPU ("icelake", "haswell", "westmere"; "fallback" only on
// a CPU without SSE4.2 and CLMUL, or when SIMDJSON_FORCE_IMPLEMENTATION says so). It finds the structure of each
// line, validates its UTF-8 and unescapes its strings. On Demand's iteration itself is inlined into the reader
// and compiled for the build's baseline target (its namespace is simdjson::fallback::ondemand in profiles);
// that part is scalar code either way (docs/redflags.md, "How it is built").
std::string simdjson_kernel();

enum class LineKind : uint8_t {
  Release,     // an object with a string ocid: the facts are filled
  Blank,       // only whitespace: skipped silently
  NotRelease,  // valid JSON, but not an object or without a string ocid: skipped silently
  Invalid,     // not JSON: skipped, and the caller reports it
};

// Reads lines one at a time; one reader per thread (it keeps simdjson's parser and buffers).
class OcdsReader {
 public:
  // `chinese_patterns`: also read what the Chinese patterns need (parties, contracts, award values and dates,
  // tender.tenderers, references whose ids are numbers); Cardinal's indicators alone run faster without.
  // `dom_fast_path` false: every line takes the exact On Demand walk (for tests that compare the two paths).
  explicit OcdsReader(bool chinese_patterns = true, bool dom_fast_path = true);
  ~OcdsReader();
  OcdsReader(const OcdsReader&) = delete;
  OcdsReader& operator=(const OcdsReader&) = delete;

  // `facts` is cleared and, for a Release, filled. For Invalid, `why` (if given) says what is wrong.
  LineKind read(std::string_view line, engine::redflags::ProcessFacts& facts, std::string* why = nullptr);

 private:
  struct InPlace {  // how many of the reused parties, bids, awards and contracts are the release's
    size_t parties = 0, bids = 0, awards = 0, contracts = 0;
  };
  LineKind read_line(std::string_view line, engine::redflags::ProcessFacts& facts, std::string* why, InPlace& used);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lf::formats
