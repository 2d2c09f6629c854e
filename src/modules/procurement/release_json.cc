#include "modules/procurement/release_json.h"

#include <boost/json.hpp>

namespace lf::procurement {

namespace json = boost::json;
using namespace engine::redflags;

namespace {

json::object money(const std::optional<double>& amount, const std::optional<std::string>& currency) {
  json::object m;
  if (amount) m["amount"] = *amount;
  if (currency) m["currency"] = *currency;
  return m;
}

json::object org(const OrgRef& r) {
  json::object o{{"id", r.id}};
  if (!r.name.empty()) o["name"] = r.name;
  return o;
}

// References as the Chinese patterns read them, else the bare ids Cardinal's indicators read.
json::array orgs(const std::vector<OrgRef>& refs, const std::vector<OptionalId>& ids = {}) {
  json::array a;
  for (const auto& r : refs) a.push_back(org(r));
  if (refs.empty())
    for (const auto& id : ids) a.push_back(id ? json::value(json::object{{"id", *id}}) : json::value(nullptr));
  return a;
}

}  // namespace

std::string release_json(const ProcessFacts& p, const std::string& title) {
  json::object tender;
  if (!title.empty()) tender["title"] = title;
  if (p.tender_status) tender["status"] = *p.tender_status;
  if (p.procurement_method) tender["procurementMethod"] = *p.procurement_method;
  if (p.procurement_method_details) tender["procurementMethodDetails"] = *p.procurement_method_details;
  if (p.tender_start || p.tender_end) {
    json::object period;
    if (p.tender_start) period["startDate"] = *p.tender_start;
    if (p.tender_end) period["endDate"] = *p.tender_end;
    tender["tenderPeriod"] = std::move(period);
  }
  if (p.single_tenderer) tender["numberOfTenderers"] = 1;
  if (p.procuring_entity) tender["procuringEntity"] = json::object{{"id", *p.procuring_entity}};
  if (!p.tender_tenderers.empty()) tender["tenderers"] = orgs(p.tender_tenderers);
  if (p.tender_value.amount || p.tender_value.currency)
    tender["value"] = money(p.tender_value.amount, p.tender_value.currency);
  if (p.tender_published) tender["datePublished"] = *p.tender_published;

  json::object release{{"ocid", p.ocid}, {"tender", std::move(tender)}};
  if (p.buyer) {
    OrgRef b = p.buyer_ref;
    if (b.id.empty()) b.id = *p.buyer;
    release["buyer"] = org(b);
  }
  if (p.has_bid_details) {
    json::array details;
    for (const auto& b : p.bids) {
      json::object d;
      if (b.status) d["status"] = *b.status;
      if (b.amount || b.currency) d["value"] = money(b.amount, b.currency);
      if (b.date) d["date"] = *b.date;
      d["tenderers"] = orgs(b.tenderer_refs, b.tenderers);
      details.push_back(std::move(d));
    }
    release["bids"] = json::object{{"details", std::move(details)}};
  }
  if (p.has_awards) {
    json::array awards;
    for (const auto& a : p.awards) {
      json::object o;
      if (!a.id.empty()) o["id"] = a.id;
      if (a.status) o["status"] = *a.status;
      o["suppliers"] = orgs(a.supplier_refs, a.suppliers);
      if (a.amount || a.currency) o["value"] = money(a.amount, a.currency);
      if (a.date) o["date"] = *a.date;
      if (!a.classification_ids.empty()) {
        json::array items;
        for (const auto& c : a.classification_ids) items.push_back(json::object{{"classification", json::object{{"id", c}}}});
        o["items"] = std::move(items);
      }
      awards.push_back(std::move(o));
    }
    release["awards"] = std::move(awards);
  }
  if (!p.parties.empty()) {
    json::array parties;
    for (const auto& x : p.parties) {
      json::object o{{"id", x.id}, {"name", x.name}};
      json::array roles;
      for (const auto& r : x.roles) roles.emplace_back(r);
      o["roles"] = std::move(roles);
      if (!x.identifier_id.empty()) o["identifier"] = json::object{{"id", x.identifier_id}};
      json::object address;
      if (!x.street_address.empty()) address["streetAddress"] = x.street_address;
      if (!x.locality.empty()) address["locality"] = x.locality;
      if (!x.region.empty()) address["region"] = x.region;
      if (!address.empty()) o["address"] = std::move(address);
      json::object contact;
      if (!x.contact_name.empty()) contact["name"] = x.contact_name;
      if (!x.email.empty()) contact["email"] = x.email;
      if (!x.telephone.empty()) contact["telephone"] = x.telephone;
      if (!x.fax.empty()) contact["faxNumber"] = x.fax;
      if (!contact.empty()) o["contactPoint"] = std::move(contact);
      if (x.founding_date) o["details"] = json::object{{"foundingDate", *x.founding_date}};
      parties.push_back(std::move(o));
    }
    release["parties"] = std::move(parties);
  }
  if (!p.contracts.empty()) {
    json::array contracts;
    for (const auto& c : p.contracts) {
      json::object o;
      if (!c.award_id.empty()) o["awardID"] = c.award_id;
      if (c.status) o["status"] = *c.status;
      if (c.value.amount || c.value.currency) o["value"] = money(c.value.amount, c.value.currency);
      if (c.date_signed) o["dateSigned"] = *c.date_signed;
      if (!c.former_values.empty()) {
        json::array changes;
        for (const auto& f : c.former_values)
          changes.push_back(json::object{{"property", "value"}, {"former_value", money(f.amount, f.currency)}});
        o["amendments"] = json::array{json::object{{"changes", std::move(changes)}}};
      }
      contracts.push_back(std::move(o));
    }
    release["contracts"] = std::move(contracts);
  }
  return json::serialize(release);
}

}  // namespace lf::procurement
