// The DOM walk: the same readings as the On Demand walk in ocds.cc (Walk), key by key — a repeated key read
// again and the last one kept, a value of another type left empty — over a tape simdjson has already
// validated, so nothing is visited twice and nothing but the fields the indicators need is touched.
#include "formats/ocds_dom.h"

namespace lf::formats::ocds_dom {

namespace dom = simdjson::dom;
using engine::redflags::Award;
using engine::redflags::Bid;
using engine::redflags::Contract;
using engine::redflags::Money;
using engine::redflags::OptionalId;
using engine::redflags::OrgRef;
using engine::redflags::Party;
using engine::redflags::ProcessFacts;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `s` into `out`, into the string it already holds when it holds one (its buffer kept: a date is longer than
// a short string's inline room, and allocating one per bid and award showed in profiles).
void assign(std::optional<std::string>& out, std::string_view s) {
  if (out) out->assign(s);
  else out.emplace(s);
}

// A string or nothing (the value is of another type).
void string(dom::element v, std::optional<std::string>& out) {
  if (v.type() == dom::element_type::STRING) assign(out, v.get_string().value_unsafe());
  else out.reset();
}

// A string into `out` in place ("" when of another type): a recycled string keeps its buffer.
void text(dom::element v, std::string& out) {
  if (v.type() == dom::element_type::STRING) out.assign(v.get_string().value_unsafe());
  else out.clear();
}

std::optional<double> number(dom::element v) {
  switch (v.type()) {
    case dom::element_type::INT64: return static_cast<double>(v.get_int64().value_unsafe());
    case dom::element_type::UINT64: return static_cast<double>(v.get_uint64().value_unsafe());
    case dom::element_type::DOUBLE: return v.get_double().value_unsafe();
    default: return std::nullopt;
  }
}

// The members of `v` when it is an object (nothing otherwise), in document order.
template <class Field>
bool members(dom::element v, Field&& field) {
  if (v.type() != dom::element_type::OBJECT) return false;
  const dom::object object = v.get_object().value_unsafe();  // a copy: the result is a temporary
  for (dom::key_value_pair kv : object) field(kv.key, kv.value);
  return true;
}

template <class Item>
bool items(dom::element v, Item&& item) {
  if (v.type() != dom::element_type::ARRAY) return false;
  const dom::array array = v.get_array().value_unsafe();
  for (dom::element x : array) item(x);
  return true;
}

}  // namespace

bool has_hard_numbers(const dom::parser& parser, const char* text) {
  const auto& impl = *parser.implementation;
  const uint32_t* at = impl.structural_indexes.get();
  const uint32_t n = impl.n_structural_indexes;
  for (uint32_t i = 0; i < n; ++i) {
    const char* c = text + at[i];
    if (!is_digit(*c) && *c != '-') continue;
    const bool negative_zero = c[0] == '-' && c[1] == '0';
    if (*c == '-') ++c;
    int digits = 0;
    bool point = false;
    for (;; ++c) {
      if (is_digit(*c)) ++digits;
      else if (*c == '.') point = true;
      else break;
    }
    if (*c == 'e' || *c == 'E') return true;
    if (point ? digits > 15 : digits > 18) return true;
    if (negative_zero && !point) return true;
  }
  return false;
}

OrgRef DomWalk::recycled_ref() {
  if (spare_refs == nullptr || spare_refs->empty()) return {};
  OrgRef r = std::move(spare_refs->back());
  spare_refs->pop_back();
  r.id.clear();
  r.name.clear();
  return r;
}

// A string id, or a number kept as written — which the tape has lost: the exact walk reads that line.
void DomWalk::any_id(dom::element v, std::string& out, OptionalId* cardinal) {
  if (cardinal != nullptr && v.type() != dom::element_type::STRING) cardinal->reset();
  switch (v.type()) {
    case dom::element_type::STRING: {
      const std::string_view s = v.get_string().value_unsafe();
      out.assign(s);
      if (cardinal != nullptr) assign(*cardinal, s);
      return;
    }
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE: fallback_ = true; return;
    default: out.clear(); return;
  }
}

void DomWalk::id_of(dom::element v, OptionalId& out) {
  bool seen = false;  // the id is overwritten in place; reset when the object has none
  members(v, [&](std::string_view key, dom::element x) {
    if (key != "id") return;
    seen = true;
    string(x, out);
  });
  if (!seen) out.reset();
}

void DomWalk::ids(dom::element v, std::vector<OptionalId>& out, std::vector<OrgRef>* refs) {
  // The previous release's ids are overwritten in place (their buffers kept); the rest trimmed at the end.
  size_t used = 0;
  auto next = [&]() -> OptionalId& {
    if (used == out.size()) out.emplace_back();
    return out[used++];
  };
  if (refs != nullptr) refs->clear();
  if (!chinese || refs == nullptr) {
    items(v, [&](dom::element x) { id_of(x, next()); });
    out.resize(used);
    return;
  }
  items(v, [&](dom::element x) {
    OptionalId& id = next();
    OrgRef r = recycled_ref();
    bool seen_id = false;
    const bool is_object = members(x, [&](std::string_view key, dom::element y) {
      if (key == "id") {
        seen_id = true;
        any_id(y, r.id, &id);
      } else if (key == "name") {
        text(y, r.name);
      }
    });
    if (!seen_id) id.reset();
    if (is_object) refs->push_back(std::move(r));
  });
  out.resize(used);
}

void DomWalk::org_refs(dom::element v, std::vector<OrgRef>& out) {
  out.clear();
  items(v, [&](dom::element x) {
    OrgRef r = recycled_ref();
    const bool is_object = members(x, [&](std::string_view key, dom::element y) {
      if (key == "id") any_id(y, r.id);
      else if (key == "name") text(y, r.name);
    });
    if (is_object) out.push_back(std::move(r));
  });
}

void DomWalk::money(dom::element v, Money& out) {
  out = {};
  members(v, [&](std::string_view key, dom::element y) {
    if (key == "currency") string(y, out.currency);
    else if (key == "amount") out.amount = number(y);
  });
}

void DomWalk::tender(dom::element v, ProcessFacts& p) {
  // Strings are overwritten in place; whatever this tender does not give is reset after it (a repeated tender
  // replaces the first one whole).
  uint32_t seen = 0;
  p.single_tenderer = false;
  members(v, [&](std::string_view key, dom::element x) {
    if (key == "status") return seen |= kStatus, string(x, p.tender_status);
    if (key == "procurementMethod") return seen |= kMethod, string(x, p.procurement_method);
    if (key == "procurementMethodDetails") return seen |= kDetails, string(x, p.procurement_method_details);
    if (key == "numberOfTenderers") {
      // Cardinal asks for the unsigned integer 1: not 1.0, not 1e0 (serde_json reads 1 as unsigned).
      p.single_tenderer = x.type() == dom::element_type::INT64 && x.get_int64().value_unsafe() == 1;
      return;
    }
    if (key == "tenderPeriod") {
      seen |= kPeriod;
      bool start = false, end = false;
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "startDate") start = true, string(y, p.tender_start);
        else if (k == "endDate") end = true, string(y, p.tender_end);
      });
      if (!start) p.tender_start.reset();
      if (!end) p.tender_end.reset();
      return;
    }
    if (key == "procuringEntity") return seen |= kEntity, id_of(x, p.procuring_entity);
    if (chinese) {
      if (key == "tenderers") return seen |= kTenderers, org_refs(x, p.tender_tenderers);
      if (key == "value") return seen |= kValue, money(x, p.tender_value);
      if (key == "datePublished") return seen |= kPublished, string(x, p.tender_published);
    }
  });
  reset_unseen(p, seen);
}

void DomWalk::tender_absent(ProcessFacts& p) {
  p.single_tenderer = false;
  reset_unseen(p, 0);
}

void DomWalk::reset_unseen(ProcessFacts& p, uint32_t seen) {
  if (!(seen & kStatus)) p.tender_status.reset();
  if (!(seen & kMethod)) p.procurement_method.reset();
  if (!(seen & kDetails)) p.procurement_method_details.reset();
  if (!(seen & kPeriod)) {
    p.tender_start.reset();
    p.tender_end.reset();
  }
  if (!(seen & kEntity)) p.procuring_entity.reset();
  if (!(seen & kTenderers)) p.tender_tenderers.clear();
  if (!(seen & kValue)) p.tender_value = {};
  if (!(seen & kPublished)) p.tender_published.reset();
}

void DomWalk::party(dom::element v, std::vector<Party>& out) {
  if (parties_used == out.size()) out.emplace_back();
  Party& p = out[parties_used];
  for (std::string* f : {&p.id, &p.name, &p.identifier_id, &p.street_address, &p.locality, &p.region,
                         &p.contact_name, &p.email, &p.telephone, &p.fax})
    f->clear();
  p.roles.clear();
  p.founding_date.reset();
  const bool is_object = members(v, [&](std::string_view key, dom::element x) {
    if (key == "id") return any_id(x, p.id);
    if (key == "name") return text(x, p.name);
    if (key == "roles") {
      p.roles.clear();
      items(x, [&](dom::element r) {
        if (r.type() == dom::element_type::STRING) p.roles.emplace_back(r.get_string().value_unsafe());
      });
      return;
    }
    if (key == "identifier") {
      p.identifier_id.clear();
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "id") any_id(y, p.identifier_id);
      });
      return;
    }
    if (key == "address") {
      p.street_address.clear();
      p.locality.clear();
      p.region.clear();
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "streetAddress") text(y, p.street_address);
        else if (k == "locality") text(y, p.locality);
        else if (k == "region") text(y, p.region);
      });
      return;
    }
    if (key == "contactPoint") {
      p.contact_name.clear();
      p.email.clear();
      p.telephone.clear();
      p.fax.clear();
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "name") text(y, p.contact_name);
        else if (k == "email") text(y, p.email);
        else if (k == "telephone") text(y, p.telephone);
        else if (k == "faxNumber") text(y, p.fax);
      });
      return;
    }
    if (key == "details") {
      p.founding_date.reset();
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "foundingDate") string(y, p.founding_date);
      });
    }
  });
  if (is_object) ++parties_used;
}

void DomWalk::amendment(dom::element v, Contract& c, std::vector<size_t>& in_contract_currency) {
  members(v, [&](std::string_view key, dom::element x) {
    if (key != "changes") return;
    items(x, [&](dom::element change) {
      std::optional<std::string> property;
      Money former;
      std::optional<double> former_number;
      bool former_is_number = false;
      members(change, [&](std::string_view k, dom::element y) {
        if (k == "property") return string(y, property);
        if (k != "former_value") return;
        former = {};
        former_number = number(y);
        former_is_number = former_number.has_value();
        if (!former_is_number) money(y, former);
      });
      if (!property) return;
      if (*property == "value" && !former_is_number && former.amount) c.former_values.push_back(std::move(former));
      if (*property == "value.amount" && former_is_number) {
        in_contract_currency.push_back(c.former_values.size());
        c.former_values.push_back(Money{former_number, std::nullopt});
      }
    });
  });
}

void DomWalk::contract(dom::element v, std::vector<Contract>& out) {
  if (contracts_used == out.size()) out.emplace_back();
  Contract& c = out[contracts_used];
  c.award_id.clear();
  c.value = {};
  c.former_values.clear();
  bool status = false, signed_on = false;  // overwritten in place, reset when absent
  std::vector<size_t> in_contract_currency;  // the currency may come after the amendments
  const bool is_object = members(v, [&](std::string_view key, dom::element x) {
    if (key == "awardID") return any_id(x, c.award_id);
    if (key == "status") return status = true, string(x, c.status);
    if (key == "value") return money(x, c.value);
    if (key == "dateSigned") return signed_on = true, string(x, c.date_signed);
    if (key == "amendments") {
      c.former_values.clear();
      in_contract_currency.clear();
      items(x, [&](dom::element a) { amendment(a, c, in_contract_currency); });
    }
  });
  if (!status) c.status.reset();
  if (!signed_on) c.date_signed.reset();
  for (size_t i : in_contract_currency) c.former_values[i].currency = c.value.currency;
  if (is_object) ++contracts_used;
}

void DomWalk::award(dom::element v, std::vector<Award>& out) {
  if (awards_used == out.size()) out.emplace_back();
  Award& a = out[awards_used];
  a.classification_ids.clear();
  a.id.clear();
  a.supplier_refs.clear();
  a.amount.reset();
  a.currency.reset();
  // Status, date and suppliers are overwritten in place (their buffers kept), reset when absent.
  bool status = false, suppliers = false, date = false;
  const bool is_object = members(v, [&](std::string_view key, dom::element x) {
    if (key == "status") return status = true, string(x, a.status);
    if (key == "suppliers") return suppliers = true, ids(x, a.suppliers, &a.supplier_refs);
    if (chinese) {
      if (key == "id") return any_id(x, a.id);
      if (key == "date") return date = true, string(x, a.date);
      if (key == "value") {
        Money m;
        money(x, m);
        a.amount = m.amount;
        a.currency = std::move(m.currency);
        return;
      }
    }
    if (key == "items") {
      a.classification_ids.clear();
      items(x, [&](dom::element item) {
        std::optional<std::string_view> id;
        members(item, [&](std::string_view k, dom::element y) {
          if (k != "classification") return;
          id.reset();
          members(y, [&](std::string_view key2, dom::element z) {
            if (key2 == "id") id = z.type() == dom::element_type::STRING ? std::optional(z.get_string().value_unsafe()) : std::nullopt;
          });
        });
        if (id) a.classification_ids.emplace_back(*id);
      });
    }
  });
  if (!status) a.status.reset();
  if (!suppliers) a.suppliers.clear();
  if (!date) a.date.reset();
  if (is_object) ++awards_used;
}

void DomWalk::bid(dom::element v, std::vector<Bid>& out) {
  if (bids_used == out.size()) out.emplace_back();
  Bid& b = out[bids_used];
  b.amount.reset();
  b.tenderer_refs.clear();
  // Status, date, currency and tenderers are overwritten in place (their buffers kept), reset when absent.
  bool status = false, date = false, tenderers = false, currency = false;
  const bool is_object = members(v, [&](std::string_view key, dom::element x) {
    if (key == "status") return status = true, string(x, b.status);
    if (key == "date") return date = true, string(x, b.date);
    if (key == "tenderers") return tenderers = true, ids(x, b.tenderers, &b.tenderer_refs);
    if (key == "value") {
      b.amount.reset();
      currency = false;
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "currency") currency = true, string(y, b.currency);
        else if (k == "amount") b.amount = number(y);
      });
    }
  });
  if (!status) b.status.reset();
  if (!date) b.date.reset();
  if (!tenderers) b.tenderers.clear();
  if (!currency) b.currency.reset();
  if (is_object) ++bids_used;
}

DomRead DomWalk::release(dom::element root, ProcessFacts& p) {
  if (root.type() != dom::element_type::OBJECT) return DomRead::NotRelease;
  // Every field of `p` is written or reset here: the previous release's facts are not cleared first, so that
  // their strings keep their buffers.
  bool has_ocid = false, has_tender = false, has_buyer = false;
  fallback_ = false;
  p.has_awards = false;
  p.has_bid_details = false;
  members(root, [&](std::string_view key, dom::element x) {
    if (key == "ocid") {
      has_ocid = x.type() == dom::element_type::STRING;
      if (has_ocid) p.ocid.assign(x.get_string().value_unsafe());
      return;
    }
    if (key == "tender") return has_tender = true, tender(x, p);
    if (key == "buyer") {
      has_buyer = true;
      if (!chinese) return id_of(x, p.buyer);
      // Both readings of one object: Cardinal's string id, and the id that may be a number.
      bool id = false, name = false;
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "id") id = true, any_id(y, p.buyer_ref.id, &p.buyer);
        else if (k == "name") name = true, text(y, p.buyer_ref.name);
      });
      if (!id) {
        p.buyer.reset();
        p.buyer_ref.id.clear();
      }
      if (!name) p.buyer_ref.name.clear();
      return;
    }
    if (chinese && key == "parties") {
      parties_used = 0;
      items(x, [&](dom::element a) { party(a, p.parties); });
      return;
    }
    if (chinese && key == "contracts") {
      contracts_used = 0;
      items(x, [&](dom::element a) { contract(a, p.contracts); });
      return;
    }
    if (key == "awards") {
      awards_used = 0;
      p.has_awards = items(x, [&](dom::element a) { award(a, p.awards); });
      return;
    }
    if (key == "bids") {
      p.has_bid_details = false;
      bids_used = 0;
      members(x, [&](std::string_view k, dom::element y) {
        if (k != "details") return;
        bids_used = 0;
        p.has_bid_details = items(y, [&](dom::element b) { bid(b, p.bids); });
      });
    }
  });
  if (!has_tender) tender_absent(p);
  if (!has_buyer) {
    p.buyer.reset();
    p.buyer_ref.id.clear();
    p.buyer_ref.name.clear();
  }
  if (fallback_) return DomRead::Fallback;
  return has_ocid ? DomRead::Release : DomRead::NotRelease;
}

}  // namespace lf::formats::ocds_dom
