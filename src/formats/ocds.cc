// One OCDS compiled release per line, with simdjson's On Demand API. Every value of the line is visited, those
// the indicators need are kept and the rest validated: On Demand only checks what it is asked for, and
// Cardinal skips a line that is not JSON as a whole. Where a key repeats, the last value wins (as in
// serde_json's maps). Numbers go through read_json_number, so that amounts are the doubles Cardinal compares.
#include <simdjson.h>

#include <cstring>
#include <vector>

#include "formats/ocds.h"
#include "formats/ocds_dom.h"
#include "formats/ocds_walk.h"

namespace lf::formats {

namespace od = simdjson::ondemand;
using engine::redflags::Award;
using engine::redflags::Bid;
using engine::redflags::Contract;
using engine::redflags::Money;
using engine::redflags::OptionalId;
using engine::redflags::OrgRef;
using engine::redflags::Party;
using engine::redflags::ProcessFacts;

namespace {

// The release: what the indicators read from it (engine/redflags.h, ProcessFacts), the rest validated.
class Walk : public ocds_walk::JsonWalk {
 public:
  // Parties are read in place: `out` keeps the previous release's parties (their strings keep their buffers)
  // and the first `parties_used` of them are this release's; OcdsReader::read trims the rest.
  size_t parties_used = 0;

  bool party(od::value v, int level, std::vector<Party>& out) {
    if (parties_used == out.size()) out.emplace_back();
    Party& p = out[parties_used];
    for (std::string* f : {&p.id, &p.name, &p.identifier_id, &p.street_address, &p.locality, &p.region,
                           &p.contact_name, &p.email, &p.telephone, &p.fax})
      f->clear();
    p.roles.clear();
    p.founding_date.reset();
    bool is_object = false;
    const bool ok = object(
        v, level,
        [&](std::string_view key, od::value x, int l) {
          if (key == "id") return any_id(x, l, p.id);
          if (key == "name") return text(x, l, p.name);
          if (key == "roles") {
            p.roles.clear();
            return array(x, l, [&](od::value r, int m) {
              std::optional<std::string> role;
              if (!string(r, m, role)) return false;
              if (role) p.roles.push_back(std::move(*role));
              return true;
            });
          }
          if (key == "identifier") {
            p.identifier_id.clear();
            return object(x, l, [&](std::string_view k, od::value y, int m) {
              return k == "id" ? any_id(y, m, p.identifier_id) : skip(y, m);
            });
          }
          if (key == "address") {
            p.street_address.clear();
            p.locality.clear();
            p.region.clear();
            return object(x, l, [&](std::string_view k, od::value y, int m) {
              if (k == "streetAddress") return text(y, m, p.street_address);
              if (k == "locality") return text(y, m, p.locality);
              if (k == "region") return text(y, m, p.region);
              return skip(y, m);
            });
          }
          if (key == "contactPoint") {
            p.contact_name.clear();
            p.email.clear();
            p.telephone.clear();
            p.fax.clear();
            return object(x, l, [&](std::string_view k, od::value y, int m) {
              if (k == "name") return text(y, m, p.contact_name);
              if (k == "email") return text(y, m, p.email);
              if (k == "telephone") return text(y, m, p.telephone);
              if (k == "faxNumber") return text(y, m, p.fax);
              return skip(y, m);
            });
          }
          if (key == "details") {
            p.founding_date.reset();
            return object(x, l, [&](std::string_view k, od::value y, int m) {
              return k == "foundingDate" ? string(y, m, p.founding_date) : skip(y, m);
            });
          }
          return skip(x, l);
        },
        &is_object);
    if (ok && is_object) ++parties_used;
    return ok;
  }

  // amendments[].changes[]: the former value of "value" ({amount, currency}) or "value.amount" (a number, in
  // the contract's currency: its index goes to `in_contract_currency`).
  bool amendment(od::value v, int level, Contract& c, std::vector<size_t>& in_contract_currency) {
    return object(v, level, [&](std::string_view key, od::value x, int l) {
      if (key != "changes") return skip(x, l);
      return array(x, l, [&](od::value change, int m) {
        std::optional<std::string> property;
        Money former;
        std::optional<JsonNumber> former_number;
        bool former_is_number = false;
        if (!object(change, m, [&](std::string_view k, od::value y, int n) {
              if (k == "property") return string(y, n, property);
              if (k != "former_value") return skip(y, n);
              od::json_type t{};
              if (!check(y.type().get(t))) return false;
              former_is_number = t == od::json_type::number;
              former = {};
              former_number.reset();
              if (former_is_number) return number(y, n, former_number);
              return money(y, n, former);
            }))
          return false;
        if (!property) return true;
        if (*property == "value" && !former_is_number && former.amount) c.former_values.push_back(std::move(former));
        if (*property == "value.amount" && former_is_number && former_number) {
          in_contract_currency.push_back(c.former_values.size());
          c.former_values.push_back(Money{former_number->as_double(), std::nullopt});
        }
        return true;
      });
    });
  }

  bool contract(od::value v, int level, std::vector<Contract>& out) {
    Contract c;
    bool is_object = false;
    std::vector<size_t> in_contract_currency;  // the currency may come after the amendments
    const bool ok = object(
        v, level,
        [&](std::string_view key, od::value x, int l) {
          if (key == "awardID") return any_id(x, l, c.award_id);
          if (key == "status") return string(x, l, c.status);
          if (key == "value") return money(x, l, c.value);
          if (key == "dateSigned") return string(x, l, c.date_signed);
          if (key == "amendments") {
            c.former_values.clear();
            in_contract_currency.clear();
            return array(x, l, [&](od::value a, int m) { return amendment(a, m, c, in_contract_currency); });
          }
          return skip(x, l);
        },
        &is_object);
    for (size_t i : in_contract_currency) c.former_values[i].currency = c.value.currency;
    if (ok && is_object) out.push_back(std::move(c));
    return ok;
  }

  bool tender(od::value v, int level, ProcessFacts& p) {
    p.tender_status.reset();
    p.procurement_method.reset();
    p.procurement_method_details.reset();
    p.tender_start.reset();
    p.tender_end.reset();
    p.single_tenderer = false;
    p.procuring_entity.reset();
    p.tender_tenderers.clear();
    p.tender_value = {};
    p.tender_published.reset();
    return object(v, level, [&](std::string_view key, od::value x, int l) {
      if (key == "status") return string(x, l, p.tender_status);
      if (key == "procurementMethod") return string(x, l, p.procurement_method);
      if (key == "procurementMethodDetails") return string(x, l, p.procurement_method_details);
      if (key == "numberOfTenderers") {
        std::optional<JsonNumber> n;
        if (!number(x, l, n)) return false;
        // Cardinal asks for the unsigned integer 1: not 1.0, not 1e0.
        p.single_tenderer = n && n->kind == JsonNumber::Kind::Unsigned && n->u == 1;
        return true;
      }
      if (key == "tenderPeriod") {
        p.tender_start.reset();
        p.tender_end.reset();
        return object(x, l, [&](std::string_view k, od::value y, int m) {
          if (k == "startDate") return string(y, m, p.tender_start);
          if (k == "endDate") return string(y, m, p.tender_end);
          return skip(y, m);
        });
      }
      if (key == "procuringEntity") return id_of(x, l, p.procuring_entity);
      if (chinese) {
        if (key == "tenderers") return org_refs(x, l, p.tender_tenderers);
        if (key == "value") return money(x, l, p.tender_value);
        if (key == "datePublished") return string(x, l, p.tender_published);
      }
      return skip(x, l);
    });
  }

  bool award(od::value v, int level, std::vector<Award>& out) {
    Award a;
    bool is_object = false;
    const bool ok = object(
        v, level,
        [&](std::string_view key, od::value x, int l) {
          if (key == "status") return string(x, l, a.status);
          if (key == "suppliers") return ids(x, l, a.suppliers, &a.supplier_refs);
          if (chinese) {
            if (key == "id") return any_id(x, l, a.id);
            if (key == "date") return string(x, l, a.date);
            if (key == "value") {
              Money m;
              if (!money(x, l, m)) return false;
              a.amount = m.amount;
              a.currency = std::move(m.currency);
              return true;
            }
          }
          if (key == "items") {
            a.classification_ids.clear();
            return array(x, l, [&](od::value item, int m) { return classification(item, m, a.classification_ids); });
          }
          return skip(x, l);
        },
        &is_object);
    if (ok && is_object) out.push_back(std::move(a));
    return ok;
  }

  bool classification(od::value item, int level, std::vector<std::string>& out) {
    OptionalId id;
    if (!object(item, level, [&](std::string_view key, od::value x, int l) {
          return key == "classification" ? id_of(x, l, id) : skip(x, l);
        }))
      return false;
    if (id) out.push_back(std::move(*id));
    return true;
  }

  // Bids too are read in place (as parties): the first `bids_used` of `out` are this release's.
  size_t bids_used = 0;

  bool bid(od::value v, int level, std::vector<Bid>& out) {
    if (bids_used == out.size()) out.emplace_back();
    Bid& b = out[bids_used];
    b.status.reset();
    b.amount.reset();
    b.currency.reset();
    b.tenderers.clear();
    b.date.reset();
    b.tenderer_refs.clear();
    bool is_object = false;
    const bool ok = object(
        v, level,
        [&](std::string_view key, od::value x, int l) {
          if (key == "status") return string(x, l, b.status);
          if (key == "date") return string(x, l, b.date);
          if (key == "tenderers") return ids(x, l, b.tenderers, &b.tenderer_refs);
          if (key == "value") {
            b.amount.reset();
            b.currency.reset();
            return object(x, l, [&](std::string_view k, od::value y, int m) {
              if (k == "currency") return string(y, m, b.currency);
              if (k != "amount") return skip(y, m);
              std::optional<JsonNumber> n;
              if (!number(y, m, n)) return false;
              b.amount.reset();
              if (n) b.amount = n->as_double();
              return true;
            });
          }
          return skip(x, l);
        },
        &is_object);
    if (ok && is_object) ++bids_used;
    return ok;
  }

  // The members of the release; `has_ocid` tells whether the (last) ocid is a string.
  bool release(od::value v, ProcessFacts& p, bool& has_ocid) {
    return object(v, 1, [&](std::string_view key, od::value x, int l) {
      if (key == "ocid") {
        std::optional<std::string> ocid;
        if (!string(x, l, ocid)) return false;
        has_ocid = ocid.has_value();
        if (ocid) p.ocid = std::move(*ocid);
        return true;
      }
      if (key == "tender") return tender(x, l, p);
      if (key == "buyer") {
        if (!chinese) return id_of(x, l, p.buyer);
        // Both readings of one object: Cardinal's string id, and the id that may be a number.
        p.buyer.reset();
        p.buyer_ref = {};
        return object(x, l, [&](std::string_view k, od::value y, int m) {
          if (k == "id") return any_id(y, m, p.buyer_ref.id, &p.buyer);
          if (k == "name") return text(y, m, p.buyer_ref.name);
          return skip(y, m);
        });
      }
      if (chinese && key == "parties") {
        parties_used = 0;
        return array(x, l, [&](od::value a, int m) { return party(a, m, p.parties); });
      }
      if (chinese && key == "contracts") {
        p.contracts.clear();
        return array(x, l, [&](od::value a, int m) { return contract(a, m, p.contracts); });
      }
      if (key == "awards") {
        p.awards.clear();
        return array(x, l, [&](od::value a, int m) { return award(a, m, p.awards); }, &p.has_awards);
      }
      if (key == "bids") {
        p.has_bid_details = false;
        bids_used = 0;
        return object(x, l, [&](std::string_view k, od::value y, int m) {
          if (k != "details") return skip(y, m);
          bids_used = 0;
          return array(y, m, [&](od::value b, int n) { return bid(b, n, p.bids); }, &p.has_bid_details);
        });
      }
      return skip(x, l);
    });
  }
};

// Rust's idea of whitespace for "skip empty lines silently": includes form feed, which JSON does not.
bool blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
  return true;
}

}  // namespace

struct OcdsReader::Impl {
  bool chinese = true;
  std::vector<OrgRef> spare_refs;

  // The previous release's references, kept for their buffers (Walk::recycled_ref); parties are reused in
  // place (Walk::party).
  void recycle(ProcessFacts& f) {
    auto refs = [&](std::vector<OrgRef>& v) {
      for (OrgRef& r : v) spare_refs.push_back(std::move(r));
      v.clear();
    };
    refs(f.tender_tenderers);
    for (Bid& b : f.bids) refs(b.tenderer_refs);
    for (Award& a : f.awards) refs(a.supplier_refs);
  }
  // The previous release's facts made ready for the next: references recycled, parties and bids kept for
  // their buffers (both walks overwrite them in place), the rest cleared.
  void prepare(ProcessFacts& facts) {
    std::vector<Party> parties;
    std::vector<Bid> bids;
    std::vector<Award> awards;
    std::vector<Contract> contracts;
    if (chinese) recycle(facts);
    parties.swap(facts.parties);
    bids.swap(facts.bids);
    awards.swap(facts.awards);
    contracts.swap(facts.contracts);
    facts.clear();
    facts.parties.swap(parties);
    facts.bids.swap(bids);
    facts.awards.swap(awards);
    facts.contracts.swap(contracts);
  }

  od::parser parser;
  // The fast path (ocds_dom.h), and lines whose top level is a string, true, false or null. Its nesting
  // limit is below serde_json's 128, so that whatever it accepts serde_json accepts; deeper lines go to the
  // exact walk.
  simdjson::dom::parser dom;
  bool fast = true;  // false: every line takes the exact walk (asked for, or the DOM parser's allocation failed)
  std::vector<char> buffer;
};

std::string simdjson_kernel() { return simdjson::get_active_implementation()->name(); }

OcdsReader::OcdsReader(bool chinese_patterns, bool dom_fast_path) : impl_(std::make_unique<Impl>()) {
  impl_->chinese = chinese_patterns;
  impl_->fast = dom_fast_path;
  if (impl_->dom.allocate(size_t{1} << 16, 64) != simdjson::SUCCESS) impl_->fast = false;
}
OcdsReader::~OcdsReader() = default;

LineKind OcdsReader::read(std::string_view line, ProcessFacts& facts, std::string* why) {
  // References go back to the spare list; the rest of the previous release's facts stays for the fast path to
  // overwrite in place (the exact walk clears them first).
  if (impl_->chinese) impl_->recycle(facts);
  InPlace used;
  const LineKind kind = read_line(line, facts, why, used);
  if (kind == LineKind::Release) {
    facts.parties.resize(used.parties);
    facts.bids.resize(used.bids);
    facts.awards.resize(used.awards);
    facts.contracts.resize(used.contracts);
  } else {
    facts.clear();
  }
  return kind;
}

LineKind OcdsReader::read_line(std::string_view line, ProcessFacts& facts, std::string* why, InPlace& used) {
  auto invalid = [&](std::string_view reason) {
    if (why != nullptr) *why = reason;
    facts.clear();
    return LineKind::Invalid;
  };
  if (blank(line)) return LineKind::Blank;
  if (line.starts_with("\xEF\xBB\xBF")) return invalid("byte order mark");

  // simdjson reads up to SIMDJSON_PADDING bytes past the end.
  auto& buf = impl_->buffer;
  buf.resize(line.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(buf.data(), line.data(), line.size());
  std::memset(buf.data() + line.size(), 0, simdjson::SIMDJSON_PADDING);

  // The fast path: simdjson's DOM parser validates the line, a walk over its tape reads the facts.
  simdjson::dom::element root;
  if (impl_->fast && impl_->dom.parse(buf.data(), line.size(), false).get(root) == simdjson::SUCCESS &&
      !ocds_dom::has_hard_numbers(impl_->dom, buf.data())) {
    ocds_dom::DomWalk fast;
    fast.chinese = impl_->chinese;
    fast.spare_refs = &impl_->spare_refs;
    switch (fast.release(root, facts)) {
      case ocds_dom::DomRead::Release:
        used.parties = fast.parties_used;
        used.bids = fast.bids_used;
        used.awards = fast.awards_used;
        used.contracts = fast.contracts_used;
        return LineKind::Release;
      case ocds_dom::DomRead::NotRelease: return LineKind::NotRelease;
      case ocds_dom::DomRead::Fallback: break;
    }
  }
  // The exact walk starts from cleared facts (parties and bids kept, reused in place) and appends awards and
  // contracts.
  impl_->prepare(facts);
  facts.awards.clear();
  facts.contracts.clear();

  Walk walk;
  walk.chinese = impl_->chinese;
  walk.spare_refs = &impl_->spare_refs;
  od::document doc;
  if (!walk.check(impl_->parser.iterate(buf.data(), line.size(), buf.size()).get(doc))) return invalid(walk.why);
  od::json_type top{};
  if (!walk.check(doc.type().get(top))) return invalid(walk.why);

  bool has_ocid = false;
  switch (top) {
    case od::json_type::object: {
      od::value v;
      if (!walk.check(doc.get_value().get(v)) || !walk.release(v, facts, has_ocid)) return invalid(walk.why);
      break;
    }
    case od::json_type::array: {
      od::value v;
      if (!walk.check(doc.get_value().get(v)) || !walk.skip(v, 1)) return invalid(walk.why);
      break;
    }
    case od::json_type::number:
      return read_json_number(line) ? LineKind::NotRelease : invalid("invalid number or number out of range");
    default: {  // a string, true, false or null alone on its line
      simdjson::dom::element e;
      if (!walk.check(impl_->dom.parse(buf.data(), line.size(), false).get(e))) return invalid(walk.why);
      return LineKind::NotRelease;
    }
  }
  // Anything after the top-level value (On Demand stops at its end).
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == simdjson::SUCCESS) return invalid("trailing characters");
  if (top != od::json_type::object || !has_ocid) {
    facts.clear();
    return LineKind::NotRelease;
  }
  used.parties = walk.parties_used;
  used.bids = walk.bids_used;
  used.awards = facts.awards.size();
  used.contracts = facts.contracts.size();
  return LineKind::Release;
}

}  // namespace lf::formats
