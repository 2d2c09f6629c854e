// Inside the OCDS reader (formats/ocds.cc): the fast path. simdjson's DOM parser validates the whole line (the
// benchmark's baseline does exactly this parse), then a walk over its tape copies out the fields the indicators
// read. Only lines where the DOM's reading could differ from serde_json's — or from the On Demand walk that
// emulates it (ocds_walk.h) — are left to that walk: a line simdjson refuses, a number whose double serde_json
// could round differently, an id written as a number (kept as written, which the tape no longer knows).
#pragma once
#include <simdjson.h>

#include <vector>

#include "engine/redflags.h"

namespace lf::formats::ocds_dom {

enum class DomRead : uint8_t {
  Release,     // the facts are filled
  NotRelease,  // valid JSON, not an object with a string ocid
  Fallback,    // read it with the On Demand walk instead
};

// serde_json builds a double from the decimal significand and one power of ten; that equals the correctly
// rounded value simdjson gives when the significand has at most 15 digits and there is no exponent part (so
// at most 15 digits after the point too). Numbers outside that — and "-0", an integer token that serde_json
// reads as a double — are "hard"; a line with one goes to the exact walk. Looks at every number token of the
// document just parsed (the parser's structural indexes point at each token's first byte).
bool has_hard_numbers(const simdjson::dom::parser& parser, const char* text);

class DomWalk {
 public:
  bool chinese = true;
  // Recycled references (OcdsReader keeps them between releases, for their string buffers).
  std::vector<engine::redflags::OrgRef>* spare_refs = nullptr;
  // Parties, bids, awards and contracts are overwritten in place (their strings and vectors keep their
  // buffers); the first parties_used, bids_used ... of them are this release's.
  size_t parties_used = 0, bids_used = 0, awards_used = 0, contracts_used = 0;

  DomRead release(simdjson::dom::element root, engine::redflags::ProcessFacts& p);

 private:
  using Element = simdjson::dom::element;
  bool fallback_ = false;

  engine::redflags::OrgRef recycled_ref();
  void any_id(Element v, std::string& out, engine::redflags::OptionalId* cardinal = nullptr);
  void id_of(Element v, engine::redflags::OptionalId& out);
  void ids(Element v, std::vector<engine::redflags::OptionalId>& out, std::vector<engine::redflags::OrgRef>* refs);
  void org_refs(Element v, std::vector<engine::redflags::OrgRef>& out);
  void money(Element v, engine::redflags::Money& out);
  void tender(Element v, engine::redflags::ProcessFacts& p);
  // The tender's fields a tender object did not give (bits below), reset; all of them when there is no tender.
  enum : uint32_t { kStatus = 1, kMethod = 2, kDetails = 4, kPeriod = 8, kEntity = 16, kTenderers = 32, kValue = 64,
                    kPublished = 128 };
  void reset_unseen(engine::redflags::ProcessFacts& p, uint32_t seen);
  void tender_absent(engine::redflags::ProcessFacts& p);
  void party(Element v, std::vector<engine::redflags::Party>& out);
  void contract(Element v, std::vector<engine::redflags::Contract>& out);
  void amendment(Element v, engine::redflags::Contract& c, std::vector<size_t>& in_contract_currency);
  void award(Element v, std::vector<engine::redflags::Award>& out);
  void bid(Element v, std::vector<engine::redflags::Bid>& out);
};

}  // namespace lf::formats::ocds_dom
