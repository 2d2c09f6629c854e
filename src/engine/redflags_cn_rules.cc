// The Chinese patterns decided release by release: SHARED-CONTACT, PATTERN-BID, CONTRACT-CHANGE, NEW-FIRM,
// BLACKLIST.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/redflags_cn.h"
#include "engine/text_hash.h"

namespace lf::engine::redflags {
namespace {

bool intersects(const std::vector<std::string>& a, const std::vector<std::string>& b) {  // both sorted
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (same_text(a[i], b[j])) return true;
    if (a[i] < b[j]) ++i;
    else ++j;
  }
  return false;
}

// What one bidder can be recognised by, normalised.
struct Contact {
  std::string_view id;
  std::string street, locality, region;
  std::vector<std::string> phones, emails, fax;
  std::string person;
};

struct ContactKinds {
  bool address, telephone, email, person;
};

// Fills `c` in place, so that the buffers of one release serve the next.
void contact_of(const ContactKinds& kinds, std::string_view id, const Party* party, Contact& c) {
  c.id = id;
  // Each kind is either normalised into its buffers (which keeps their strings and capacity: an email is
  // longer than a short string's inline room) or cleared.
  if (party == nullptr || !kinds.address) {
    c.street.clear();
    c.locality.clear();
    c.region.clear();
  }
  if (party == nullptr || !kinds.telephone) c.phones.clear();
  if (party == nullptr || !kinds.email) c.emails.clear();
  if (party == nullptr || !kinds.person) c.person.clear();
  if (party == nullptr) return;
  if (kinds.address) {
    normalize_field_into(party->street_address, c.street);
    normalize_field_into(party->locality, c.locality);
    normalize_field_into(party->region, c.region);
  }
  if (kinds.telephone) {
    normalize_phones_into(party->telephone, c.phones);
    normalize_phones_into(party->fax, c.fax);
    if (!c.fax.empty()) {
      c.phones.insert(c.phones.end(), c.fax.begin(), c.fax.end());
      std::sort(c.phones.begin(), c.phones.end());
    }
  }
  if (kinds.email) normalize_emails_into(party->email, c.emails);
  if (kinds.person) normalize_field_into(party->contact_name, c.person);
}

// Locality and region only tell two addresses apart when both have them.
bool compatible(const std::string& a, const std::string& b) { return a.empty() || b.empty() || same_text(a, b); }

uint64_t kinds_shared(const Contact& a, const Contact& b) {
  uint64_t n = 0;
  if (!a.street.empty() && same_text(a.street, b.street) && compatible(a.locality, b.locality) &&
      compatible(a.region, b.region))
    ++n;
  if (intersects(a.phones, b.phones)) ++n;
  if (intersects(a.emails, b.emails)) ++n;
  if (!a.person.empty() && same_text(a.person, b.person)) ++n;
  return n;
}

}  // namespace

// Bidders in one tender who share an address, a telephone or fax number, an email address or a contact name
// (parties[] of the same release, found by id). OCID = the most kinds one pair shares; each bidder of such a
// pair 1.0.
void flag_shared_contact(const SharedContactSettings& s, const ProcessFacts& p,
                         const FewIds& bidders, Results& out) {
  if (bidders.size() < 2) return;
  // Reused from release to release: normalising every bidder's contact details is this pattern's cost, and
  // fresh strings for each made it mostly allocation.
  thread_local std::vector<Contact> contacts;
  if (contacts.size() < bidders.size()) contacts.resize(bidders.size());
  ContactKinds kinds{};  // one pass over the few names (four lookups in the set cost more, every release)
  for (const std::string& f : s.fields) {
    if (f == "address") kinds.address = true;
    else if (f == "telephone") kinds.telephone = true;
    else if (f == "email") kinds.email = true;
    else if (f == "contact_name") kinds.person = true;
  }
  for (size_t i = 0; i < bidders.size(); ++i) contact_of(kinds, bidders[i], party_of(p, bidders[i]), contacts[i]);
  const uint64_t minimum = std::max<uint64_t>(s.minimum_shared, 1);
  uint64_t most = 0;
  thread_local std::vector<bool> flagged;
  flagged.assign(bidders.size(), false);
  for (size_t i = 0; i < bidders.size(); ++i)
    for (size_t j = i + 1; j < bidders.size(); ++j) {
      const uint64_t n = kinds_shared(contacts[i], contacts[j]);
      if (n < minimum) continue;
      most = std::max(most, n);
      flagged[i] = flagged[j] = true;
    }
  if (most == 0) return;
  out.group(Group::OCID).set(p.ocid, Indicator::SharedContact, static_cast<double>(most));
  for (size_t i = 0; i < bidders.size(); ++i)
    if (flagged[i]) out.group(Group::Tenderer).set(std::string(contacts[i].id), Indicator::SharedContact, 1.0);
}

// A tender's bids (counted bids with a positive amount, per currency) in arithmetic progression, or all within
// `spread` of the lowest. OCID = the spread (max − min) / min of the flagged bids; their tenderers 1.0.
void flag_pattern_bid(const PatternBidSettings& s, const ProcessFacts& p, Results& out) {
  // The currencies of the counted bids with a positive amount, in order of first appearance; then each
  // currency's bids, gathered into buffers reused from one currency to the next.
  auto counted = [](const Bid& b) { return bid_counts(b) && b.amount && *b.amount > 0.0; };
  Few<const std::string*, 2> currencies;
  for (const Bid& b : p.bids) {
    if (!counted(b)) continue;
    const std::string& currency = currency_class(b.currency);
    if (std::none_of(currencies.begin(), currencies.end(), [&](const std::string* c) { return *c == currency; }))
      currencies.push_back(&currency);
  }
  const size_t minimum = static_cast<size_t>(std::max<uint64_t>(s.minimum_bids, 3));
  std::optional<double> value;
  Few<const Bid*> flagged, bids;
  Few<double> a;
  for (const std::string* currency : currencies) {
    bids.clear();
    a.clear();
    for (const Bid& b : p.bids)
      if (counted(b) && currency_class(b.currency) == *currency) {
        bids.push_back(&b);
        a.push_back(*b.amount);
      }
    if (a.size() < minimum) continue;
    std::sort(a.begin(), a.end());
    const double spread = (a.back() - a.front()) / a.front();
    bool hit = spread <= s.spread;
    if (!hit && s.arithmetic_progression) {
      // Equal steps, up to the rounding of decimal amounts in binary.
      const double step = a[1] - a[0], tolerance = 1e-9 * a.back();
      hit = step > tolerance;
      for (size_t i = 1; hit && i + 1 < a.size(); ++i) hit = std::fabs((a[i + 1] - a[i]) - step) <= tolerance;
    }
    if (!hit) continue;
    value = value ? std::min(*value, spread) : spread;
    for (const Bid* b : bids) flagged.push_back(b);
  }
  if (!value) return;
  out.group(Group::OCID).set(p.ocid, Indicator::PatternBid, *value);
  for (const Bid* b : flagged)
    for (const OrgRef& t : b->tenderer_refs)
      if (!t.id.empty()) out.group(Group::Tenderer).set(t.id, Indicator::PatternBid, 1.0);
}

// A contract whose amount differs from its award's (awardID = awards[].id) or from its value before the first
// amendment by `threshold` or more, in the same currency. OCID = the largest |contract − base| / base.
void flag_contract_change(const ContractChangeSettings& s, const ProcessFacts& p, Results& out) {
  std::optional<double> largest;
  for (const Contract& c : p.contracts) {
    if (is(c.status, "cancelled") || !c.value.amount) continue;
    const std::string& currency = currency_class(c.value.currency);
    Few<double, 2> bases;
    if (!c.award_id.empty())
      for (const Award& a : p.awards)
        if (a.id == c.award_id) {
          if (a.amount && currency_class(a.currency) == currency) bases.push_back(*a.amount);
          break;
        }
    for (const Money& m : c.former_values)
      if (m.amount && currency_class(m.currency) == currency) {
        bases.push_back(*m.amount);  // the earliest former value: the amount first signed
        break;
      }
    for (double base : bases) {
      if (!(base > 0.0)) continue;
      const double ratio = std::fabs(*c.value.amount - base) / base;
      if (ratio >= s.threshold && (!largest || ratio > *largest)) largest = ratio;
    }
  }
  if (largest) out.group(Group::OCID).set(p.ocid, Indicator::ContractChange, *largest);
}

// A supplier of a counted award founded (parties[].details.foundingDate) fewer than `days` days before the
// tender (tenderPeriod.startDate, else datePublished, else the award's date). OCID and supplier = the days
// (the fewest; negative when founded after the tender).
void flag_new_firm(const NewFirmSettings& s, const ProcessFacts& p, Results& out) {
  const std::optional<int64_t> tender = tender_day(p);
  std::optional<int64_t> fewest;
  Few<std::pair<const std::string*, int64_t>, 4> suppliers;
  for (const Award& a : p.awards) {
    if (!award_counts(a)) continue;
    std::optional<int64_t> day = tender;
    if (!day && a.date) day = calendar_day(*a.date);
    if (!day) continue;
    for (const OrgRef& r : a.supplier_refs) {
      const Party* party = party_of(p, r.id);
      if (party == nullptr || !party->founding_date) continue;
      const auto founded = calendar_day(*party->founding_date);
      if (!founded || *day - *founded >= s.days) continue;
      const int64_t days = *day - *founded;
      fewest = fewest ? std::min(*fewest, days) : days;
      suppliers.emplace_back(&r.id, days);
    }
  }
  if (!fewest) return;
  out.group(Group::OCID).set(p.ocid, Indicator::NewFirm, static_cast<double>(*fewest));
  // Each supplier once, with its fewest days in this release.
  for (size_t i = 0; i < suppliers.size(); ++i) {
    const auto& [id, days] = suppliers[i];
    if (std::any_of(suppliers.begin(), suppliers.begin() + static_cast<std::ptrdiff_t>(i),
                    [&](const auto& x) { return *x.first == *id; }))
      continue;
    int64_t v = days;
    for (const auto& [other, d] : suppliers)
      if (*other == *id) v = std::min(v, d);
    out.group(Group::Tenderer).set(*id, Indicator::NewFirm, static_cast<double>(v));
  }
}

namespace {

// A hash of the CJK ideographs of `s` (lead byte E4–E9 and two continuation bytes), in order, everything else
// skipped; the same for every text without one. nullopt when `s` holds a byte F0: only a four-byte sequence can
// be an overlong encoding of an ideograph, which normalising decodes and writes as one (so the text and its
// key would not have the same ideographs); no other byte, valid UTF-8 or not, makes or hides one.
std::optional<uint64_t> ideograph_hash(std::string_view s) {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 == 0xF0) return std::nullopt;
    if (b0 < 0xE4 || b0 > 0xE9 || i + 2 >= s.size()) continue;
    const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) continue;
    h = (h ^ ((uint64_t{b0} << 16) | (uint64_t{b1} << 8) | b2)) * 0x100000001b3ULL;  // FNV-style: a filter, not a key
    i += 2;
  }
  return h;
}

// Where an id falls in BlacklistSettings::id_filter.
uint32_t id_filter_bit(std::string_view id) { return static_cast<uint32_t>(hash_ends(id) >> 48); }

}  // namespace

void BlacklistSettings::add(Debarment d) {
  const size_t at = entries.size();
  if (!d.id.empty()) {
    entry(by_id, d.id).push_back(at);
    const uint32_t bit = id_filter_bit(d.id);
    id_filter[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  if (!d.name_key.empty()) {
    entry(by_name, d.name_key).push_back(at);
    const uint64_t h = ideograph_hash(d.name_key).value_or(0);  // a key is normalised: no F0 byte in it
    const auto place = std::lower_bound(ideograph_hashes.begin(), ideograph_hashes.end(), h);
    if (place == ideograph_hashes.end() || *place != h) ideograph_hashes.insert(place, h);
  }
  entries.push_back(std::move(d));
}

bool BlacklistSettings::may_list_name(std::string_view name) const {
  const std::optional<uint64_t> h = ideograph_hash(name);
  return !h || std::binary_search(ideograph_hashes.begin(), ideograph_hashes.end(), *h);
}

bool BlacklistSettings::may_list_id(std::string_view id) const {
  if (id.empty()) return false;
  const uint32_t bit = id_filter_bit(id);
  return ((id_filter[bit / 64] >> (bit % 64)) & 1U) != 0;
}

// A tenderer or supplier listed in the debarment list, by id (the reference's id or its party's identifier.id)
// or by normalised name, while the listing is in force on the process's date. OCID 1.0; the organisation
// 1.0 (under its id, or its name when it has none).
void flag_blacklist(const BlacklistSettings& s, const ProcessFacts& p, Results& out) {
  if (s.entries.empty()) return;
  std::optional<int64_t> day = tender_day(p);
  if (!day)
    for (const Award& a : p.awards)
      if (a.date)
        if (auto d = calendar_day(*a.date); d && (!day || *d < *day)) day = d;
  auto in_force = [&](size_t entry) {
    const Debarment& d = s.entries[entry];
    if (!day) return true;  // no date to judge by: the listing counts
    return (!d.start_day || *d.start_day <= *day) && (!d.end_day || *day <= *d.end_day);
  };
  auto listed_id = [&](std::string_view id) {
    if (!s.may_list_id(id)) return false;
    auto it = s.by_id.find(id);
    return it != s.by_id.end() && std::any_of(it->second.begin(), it->second.end(), in_force);
  };
  auto listed = [&](const StringMap<std::vector<size_t>>& index, std::string_view key) {
    if (key.empty()) return false;
    auto it = index.find(key);
    return it != index.end() && std::any_of(it->second.begin(), it->second.end(), in_force);
  };
  // Normalising names is this pattern's cost: each reference (id, name, party) is checked once per release
  // (a tenderer is usually named in its bid, in tender.tenderers and in parties), into a reused buffer.
  thread_local std::string name_key;
  auto listed_name = [&](std::string_view name) {
    if (s.by_name.empty() || !s.may_list_name(name)) return false;
    normalize_name_into(name, name_key);
    return listed(s.by_name, name_key);
  };
  struct Checked {
    std::string_view id, name;
    const Party* party;
  };
  Few<Checked, 16> checked;
  Few<std::string_view, 4> flagged;
  // `id` and `name` of a reference, or of a party (then `party` is that party).
  auto check = [&](const std::string& id, const std::string& name, const Party* party) {
    if (party == nullptr) party = party_of(p, id);
    const std::string& key = id.empty() ? name : id;
    if (key.empty() || std::any_of(flagged.begin(), flagged.end(), [&](std::string_view f) { return same_text(f, key); }))
      return;
    if (std::any_of(checked.begin(), checked.end(), [&](const Checked& c) {
          return c.party == party && same_text(c.id, id) && same_text(c.name, name);
        }))
      return;  // the same question, the same answer
    checked.push_back({id, name, party});
    bool hit = false;
    // The party's identifier and name are usually the reference's own: the same text gives the same answer.
    if (s.match_ids)
      hit = listed_id(id) || (party != nullptr && !same_text(party->identifier_id, id) && listed_id(party->identifier_id));
    if (!hit && s.match_names)
      hit = listed_name(name) || (party != nullptr && !same_text(party->name, name) && listed_name(party->name));
    if (hit) flagged.push_back(key);
  };
  for (const Bid& b : p.bids)
    if (bid_counts(b))
      for (const OrgRef& t : b.tenderer_refs) check(t.id, t.name, nullptr);
  for (const OrgRef& t : p.tender_tenderers) check(t.id, t.name, nullptr);
  for (const Award& a : p.awards)
    for (const OrgRef& r : a.supplier_refs) check(r.id, r.name, nullptr);
  for (const Party& party : p.parties)
    if (std::any_of(party.roles.begin(), party.roles.end(),
                    [](const std::string& r) { return equals(r, "tenderer") || equals(r, "supplier"); }))
      check(party.id, party.name, &party);
  if (flagged.empty()) return;
  out.group(Group::OCID).set(p.ocid, Indicator::Blacklist, 1.0);
  for (std::string_view key : flagged) out.group(Group::Tenderer).set(std::string(key), Indicator::Blacklist, 1.0);
}

}  // namespace lf::engine::redflags
