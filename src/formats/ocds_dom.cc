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

// A string or nothing (the value is of another type).
void string(dom::element v, std::optional<std::string>& out) {
  if (v.type() == dom::element_type::STRING) out.emplace(v.get_string().value_unsafe());
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
  if (cardinal != nullptr) cardinal->reset();
  switch (v.type()) {
    case dom::element_type::STRING: {
      const std::string_view s = v.get_string().value_unsafe();
      out.assign(s);
      if (cardinal != nullptr) cardinal->emplace(s);
      return;
    }
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE: fallback_ = true; return;
    default: out.clear(); return;
  }
}

void DomWalk::id_of(dom::element v, OptionalId& out) {
  out.reset();
  members(v, [&](std::string_view key, dom::element x) {
    if (key == "id") string(x, out);
  });
}

void DomWalk::ids(dom::element v, std::vector<OptionalId>& out, std::vector<OrgRef>* refs) {
  out.clear();
  if (refs != nullptr) refs->clear();
  if (!chinese || refs == nullptr) {
    items(v, [&](dom::element x) { id_of(x, out.emplace_back()); });
    return;
  }
  items(v, [&](dom::element x) {
    OptionalId& id = out.emplace_back();
    OrgRef r = recycled_ref();
    const bool is_object = members(x, [&](std::string_view key, dom::element y) {
      if (key == "id") any_id(y, r.id, &id);
      else if (key == "name") text(y, r.name);
    });
    if (is_object) refs->push_back(std::move(r));
  });
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
  members(v, [&](std::string_view key, dom::element x) {
    if (key == "status") return string(x, p.tender_status);
    if (key == "procurementMethod") return string(x, p.procurement_method);
    if (key == "procurementMethodDetails") return string(x, p.procurement_method_details);
    if (key == "numberOfTenderers") {
      // Cardinal asks for the unsigned integer 1: not 1.0, not 1e0 (serde_json reads 1 as unsigned).
      p.single_tenderer = x.type() == dom::element_type::INT64 && x.get_int64().value_unsafe() == 1;
      return;
    }
    if (key == "tenderPeriod") {
      p.tender_start.reset();
      p.tender_end.reset();
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "startDate") string(y, p.tender_start);
        else if (k == "endDate") string(y, p.tender_end);
      });
      return;
    }
    if (key == "procuringEntity") return id_of(x, p.procuring_entity);
    if (chinese) {
      if (key == "tenderers") return org_refs(x, p.tender_tenderers);
      if (key == "value") return money(x, p.tender_value);
      if (key == "datePublished") return string(x, p.tender_published);
    }
  });
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
  c.status.reset();
  c.value = {};
  c.date_signed.reset();
  c.former_values.clear();
  std::vector<size_t> in_contract_currency;  // the currency may come after the amendments
  const bool is_object = members(v, [&](std::string_view key, dom::element x) {
    if (key == "awardID") return any_id(x, c.award_id);
    if (key == "status") return string(x, c.status);
    if (key == "value") return money(x, c.value);
    if (key == "dateSigned") return string(x, c.date_signed);
    if (key == "amendments") {
      c.former_values.clear();
      in_contract_currency.clear();
      items(x, [&](dom::element a) { amendment(a, c, in_contract_currency); });
    }
  });
  for (size_t i : in_contract_currency) c.former_values[i].currency = c.value.currency;
  if (is_object) ++contracts_used;
}

void DomWalk::award(dom::element v, std::vector<Award>& out) {
  if (awards_used == out.size()) out.emplace_back();
  Award& a = out[awards_used];
  a.status.reset();
  a.suppliers.clear();
  a.classification_ids.clear();
  a.id.clear();
  a.supplier_refs.clear();
  a.amount.reset();
  a.currency.reset();
  a.date.reset();
  const bool is_object = members(v, [&](std::string_view key, dom::element x) {
    if (key == "status") return string(x, a.status);
    if (key == "suppliers") return ids(x, a.suppliers, &a.supplier_refs);
    if (chinese) {
      if (key == "id") return any_id(x, a.id);
      if (key == "date") return string(x, a.date);
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
  if (is_object) ++awards_used;
}

void DomWalk::bid(dom::element v, std::vector<Bid>& out) {
  if (bids_used == out.size()) out.emplace_back();
  Bid& b = out[bids_used];
  b.status.reset();
  b.amount.reset();
  b.currency.reset();
  b.tenderers.clear();
  b.date.reset();
  b.tenderer_refs.clear();
  const bool is_object = members(v, [&](std::string_view key, dom::element x) {
    if (key == "status") return string(x, b.status);
    if (key == "date") return string(x, b.date);
    if (key == "tenderers") return ids(x, b.tenderers, &b.tenderer_refs);
    if (key == "value") {
      b.amount.reset();
      b.currency.reset();
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "currency") string(y, b.currency);
        else if (k == "amount") b.amount = number(y);
      });
    }
  });
  if (is_object) ++bids_used;
}

DomRead DomWalk::release(dom::element root, ProcessFacts& p) {
  if (root.type() != dom::element_type::OBJECT) return DomRead::NotRelease;
  bool has_ocid = false;
  fallback_ = false;
  members(root, [&](std::string_view key, dom::element x) {
    if (key == "ocid") {
      has_ocid = x.type() == dom::element_type::STRING;
      if (has_ocid) p.ocid.assign(x.get_string().value_unsafe());
      return;
    }
    if (key == "tender") return tender(x, p);
    if (key == "buyer") {
      if (!chinese) return id_of(x, p.buyer);
      // Both readings of one object: Cardinal's string id, and the id that may be a number.
      p.buyer.reset();
      p.buyer_ref = {};
      members(x, [&](std::string_view k, dom::element y) {
        if (k == "id") any_id(y, p.buyer_ref.id, &p.buyer);
        else if (k == "name") text(y, p.buyer_ref.name);
      });
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
  if (fallback_) return DomRead::Fallback;
  return has_ocid ? DomRead::Release : DomRead::NotRelease;
}

}  // namespace lf::formats::ocds_dom
