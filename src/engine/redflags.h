// Procurement red flags: the indicators of the Open Contracting Partnership's Cardinal (v0.0.8) over OCDS
// compiled releases, with Cardinal's results on its fixtures (shared/oracle/cardinal/), and the Chinese
// bid-rigging patterns (围标串标, 陪标, 标王, 化整为零 and related; docs/redflags.md), which keep the same shape:
// state per buyer, tenderer or supplier, results in the same groups.
//
// The engine never sees JSON. A reader (formats/ocds.h) turns each release into ProcessFacts — the few
// fields the indicators read — and feeds them, in file order, to a RedflagScan. The scan keeps state per
// buyer, procuring entity and tenderer, plus the values whose quartiles some indicators need; per-release
// decisions are made as the release passes. Scans of consecutive parts of a file can run on separate threads
// and be absorbed in file order; the results are then those of one scan over the whole file.
#pragma once
#include <array>
#include <bit>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/redflags_maps.h"

namespace lf::engine::redflags {

// In the order results and Meta are printed: Cardinal's, then the Chinese patterns (codes as "SHARED-CONTACT").
enum class Indicator : uint8_t {
  R003, R018, R024, R025, R028, R030, R035, R036, R038, R048, R058,
  SharedContact, IdenticalBid, PatternBid, RepeatAward, CoverBidder, SameGroup, Split, ContractChange, NewFirm,
  Blacklist,
};
inline constexpr size_t kIndicatorCount = 21;
std::string_view code(Indicator i);

// Who a result is about, in the order they are printed.
enum class Group : uint8_t { OCID, Buyer, ProcuringEntity, Tenderer };
inline constexpr size_t kGroupCount = 4;
std::string_view name(Group g);

// ---- Settings (Cardinal's keys; an indicator runs only when its section is present) ----

using NameSet = std::set<std::string>;

struct R003Settings {
  int64_t threshold = 15;                                // days
  NameSet procurement_methods;                           // empty = every method
  std::map<std::string, int64_t> method_details_threshold;  // [R003.procurement_method_details]
};
struct R018Settings {
  NameSet procurement_methods = {"open", "selective"};
};
struct FenceSettings {  // R024, R058
  std::optional<double> threshold;  // replaces the computed fence
};
struct R025Settings {
  uint64_t percentile = 75;
  std::optional<double> threshold;
};
struct R035Settings {
  uint64_t threshold = 1;  // Cardinal raises 0 to 1
};
struct R038Settings {
  std::optional<double> threshold;
  uint64_t minimum_submitted_bids = 2;          // for tenderers
  uint64_t minimum_contracting_processes = 2;   // for buyers and procuring entities, compared with their bids
};
struct R048Settings {
  uint64_t digits = 2;
  std::optional<uint64_t> threshold;
  uint64_t minimum_contracting_processes = 20;
};

// ---- Settings of the Chinese patterns (section [CODE], e.g. [SHARED-CONTACT]; defaults in docs/redflags.md) ----

struct SharedContactSettings {
  NameSet fields = {"address", "telephone", "email", "contact_name"};  // the kinds of contact compared
  uint64_t minimum_shared = 1;  // a pair of bidders is flagged when it shares at least this many kinds
};
struct IdenticalBidSettings {
  double minimum_amount = 0;  // smaller amounts are left out (small round sums coincide by chance)
};
struct PatternBidSettings {
  uint64_t minimum_bids = 3;       // below 3 counts as 3
  double spread = 0.005;           // (max − min) / min at or below this: all bids within 0.5% of each other
  bool arithmetic_progression = true;
};
struct RepeatAwardSettings {
  double share = 0.5;           // wins over the buyer's awards...
  uint64_t minimum_awards = 5;  // ...when the supplier won at least this many of them
  uint64_t count = 20;          // or this many wins from one buyer whatever the share (0 = off)
};
struct CoverBidderSettings {
  uint64_t minimum_processes = 10;  // awarded processes bid in
  double maximum_win_ratio = 0.05;
};
struct SameGroupSettings {
  uint64_t group_size = 3;        // tenderers in a group (at least 2)
  uint64_t minimum_tenders = 3;   // tenders the group met in
  uint64_t maximum_bidders = 20;  // tenders with more bidders are left out (the groups grow as n choose k)
};
struct SplitSettings {
  double threshold = 1'000'000;  // the tender threshold (采购限额标准)
  std::string currency = "CNY";  // amounts in other currencies are left out; "" = amounts without a currency
  int64_t window = 30;           // days
};
struct ContractChangeSettings {
  double threshold = 0.5;  // |contract − base| / base at or above this
};
struct NewFirmSettings {
  int64_t days = 365;  // founded fewer days than this before the tender
};
// One debarred organisation ([BLACKLIST] file, a CSV file read by formats/ini_redflags.h).
struct Debarment {
  std::string id;        // "" = match by name only
  std::string name_key;  // the name normalised (normalized_name); "" = match by id only
  std::optional<int64_t> start_day, end_day;  // days since 1970-01-01, inclusive; unset = open-ended
};
struct BlacklistSettings {
  std::string file;  // as written in the settings
  bool match_ids = true, match_names = true;
  std::vector<Debarment> entries;
  StringMap<std::vector<size_t>> by_id, by_name;  // indexes into entries, by id and by name_key
  // Normalising keeps CJK ideographs (U+4000–U+9FFF) as they are and makes none out of anything else, so a
  // name and its key have the same ideographs in the same order. A name whose ideographs hash to no listed
  // key's — nearly every name — is not normalised at all; one that does is normalised and looked up as ever.
  std::vector<uint64_t> ideograph_hashes;  // of the listed keys, sorted
  // A bit per listed id, at its hash_ends (engine/text_hash.h): most ids are ruled out without hashing them
  // in full or looking in by_id.
  std::vector<uint64_t> id_filter = std::vector<uint64_t>((1U << 16) / 64, 0);

  void add(Debarment d);  // keeps the indexes
  // False when `name` (valid UTF-8 or not) cannot normalise to a listed name; true when it may.
  bool may_list_name(std::string_view name) const;
  // False when `id` is not a listed id; true when it may be.
  bool may_list_id(std::string_view id) const;
};

struct Settings {
  std::optional<std::string> currency;       // the main currency; unset = the first one seen
  NameSet no_price_comparison_procurement_methods;  // deny list on procurementMethodDetails
  NameSet price_comparison_procurement_methods;     // allow list; when non-empty the deny list is ignored
  NameSet excluded_procurement_method_details;      // [exclusions] procurement_method_details
  std::optional<R003Settings> r003;
  std::optional<R018Settings> r018;
  std::optional<FenceSettings> r024;
  std::optional<R025Settings> r025;
  bool r028 = false;
  bool r030 = false;
  std::optional<R035Settings> r035;
  bool r036 = false;
  std::optional<R038Settings> r038;
  std::optional<R048Settings> r048;
  std::optional<FenceSettings> r058;
  std::optional<SharedContactSettings> shared_contact;
  std::optional<IdenticalBidSettings> identical_bid;
  std::optional<PatternBidSettings> pattern_bid;
  std::optional<RepeatAwardSettings> repeat_award;
  std::optional<CoverBidderSettings> cover_bidder;
  std::optional<SameGroupSettings> same_group;
  std::optional<SplitSettings> split;
  std::optional<ContractChangeSettings> contract_change;
  std::optional<NewFirmSettings> new_firm;
  std::optional<BlacklistSettings> blacklist;

  // Whether a Chinese pattern runs: the reader then also reads parties, contracts and ids that are numbers.
  bool any_chinese_pattern() const;

  // Every indicator with its defaults (what `lianfang redflags` runs without --settings).
  static Settings all_defaults();
};

// ---- What the indicators read from one contracting process (one compiled release) ----
// A field that is absent or of another JSON type than the one Cardinal reads is left empty: Cardinal treats
// both alike. Arrays keep their length (entries that are not objects, or lack a string id, stay as nullopt),
// because some rules ask for "exactly one tenderer" or "exactly one supplier".

using OptionalId = std::optional<std::string>;

// An organisation as the Chinese patterns read a reference to it: ids may be JSON strings or numbers (a number
// is kept as written: 7 and "7" are the same id); "" when absent or of another type.
struct OrgRef {
  std::string id;
  std::string name;
  bool operator==(const OrgRef&) const = default;
};

struct Bid {  // bids.details[]
  std::optional<std::string> status;
  std::optional<double> amount;          // value.amount, a JSON number read as Cardinal reads it
  std::optional<std::string> currency;   // value.currency
  std::vector<OptionalId> tenderers;     // tenderers[].id
  std::optional<std::string> date;
  std::vector<OrgRef> tenderer_refs;     // tenderers[] (Chinese patterns only)
  bool operator==(const Bid&) const = default;
};

struct Award {  // awards[]
  std::optional<std::string> status;
  std::vector<OptionalId> suppliers;          // suppliers[].id
  std::vector<std::string> classification_ids;  // items[].classification.id, strings only
  // Chinese patterns only:
  std::string id;                       // id, string or number
  std::vector<OrgRef> supplier_refs;    // suppliers[]
  std::optional<double> amount;         // value.amount
  std::optional<std::string> currency;  // value.currency
  std::optional<std::string> date;
  bool operator==(const Award&) const = default;
};

// The rest is read only for the Chinese patterns.

struct Money {
  std::optional<double> amount;
  std::optional<std::string> currency;
  bool operator==(const Money&) const = default;
};

struct Contract {  // contracts[]
  std::string award_id;  // awardID, string or number
  std::optional<std::string> status;
  Money value;
  std::optional<std::string> date_signed;
  // amendments[].changes[] with property "value" (former_value {amount, currency}) or "value.amount"
  // (former_value a number, in the contract's currency), in document order.
  std::vector<Money> former_values;
  bool operator==(const Contract&) const = default;
};

struct Party {  // parties[]
  std::string id, name;
  std::vector<std::string> roles;
  std::string identifier_id;  // identifier.id, string or number (统一社会信用代码)
  std::string street_address, locality, region;     // address
  std::string contact_name, email, telephone, fax;  // contactPoint (faxNumber)
  std::optional<std::string> founding_date;         // details.foundingDate (as in BODS), a date or date-time
  bool operator==(const Party&) const = default;
};

struct ProcessFacts {
  std::string ocid;
  std::optional<std::string> tender_status;
  std::optional<std::string> procurement_method;
  std::optional<std::string> procurement_method_details;
  std::optional<std::string> tender_start, tender_end;  // tender.tenderPeriod.startDate / endDate
  bool single_tenderer = false;                         // tender.numberOfTenderers is the integer 1
  OptionalId procuring_entity;                          // tender.procuringEntity.id
  OptionalId buyer;                                     // buyer.id
  bool has_awards = false;                              // awards is an array
  std::vector<Award> awards;
  bool has_bid_details = false;                         // bids.details is an array
  std::vector<Bid> bids;
  // Chinese patterns only:
  OrgRef buyer_ref;                                     // buyer
  std::vector<OrgRef> tender_tenderers;                 // tender.tenderers[]
  Money tender_value;                                   // tender.value (the ceiling price)
  std::optional<std::string> tender_published;          // tender.datePublished
  std::vector<Party> parties;
  std::vector<Contract> contracts;

  void clear();  // keeps the capacity, for readers that reuse one instance
  bool operator==(const ProcessFacts&) const = default;
};

// ---- Results ----

// The indicators that flagged one OCID, buyer, procuring entity or tenderer, with their values.
// Only the values of the indicators present are kept, in indicator order: most ids are flagged by one or two
// of the 21 (a fixed array of 21 doubles was 168 bytes for each of a quarter of a million flagged OCIDs).
struct Flags {
  uint32_t present = 0;  // bit per Indicator
  void set(Indicator i, double v);
  bool has(Indicator i) const { return (present >> static_cast<unsigned>(i)) & 1U; }
  double value(Indicator i) const { return has(i) ? values_[slot(i)] : 0.0; }

 private:
  size_t slot(Indicator i) const {  // the place of i's value: how many present indicators come before it
    return static_cast<size_t>(std::popcount(present & ((1U << static_cast<unsigned>(i)) - 1U)));
  }
  std::vector<double> values_;
};

// Ids in the order they were first flagged; a later value of the same indicator replaces the earlier one.
class FlaggedIds {
 public:
  void set(std::string_view id, Indicator i, double v);
  void absorb(FlaggedIds&& later);
  const std::vector<std::pair<std::string, Flags>>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  const Flags* find(const std::string& id) const;

 private:
  const size_t* place(std::string_view id) const;  // the entry's index, or nullptr
  Flags& entry(std::string_view id);                // the id's flags, made empty when it has none
  // Entries found by the 64-bit hash of their id (16 bytes a slot; a table of strings held a second copy of
  // every id, about 90 bytes, and a flagged OCID can be one of a million). An id whose hash an earlier id
  // already has — which a text comparison tells — is kept in `collided`, by its text.
  std::vector<std::pair<std::string, Flags>> entries_;
  FlatMap<uint64_t, size_t> by_hash_;
  StringMap<size_t> collided_;
};

// Quartiles and fences an indicator used, keyed as Cardinal prints them ("q1", "q3", "lower_fence", ...;
// R038 prefixes the group: "Buyer_q1"). Values are rounded to 4 decimals when printed, as Cardinal does.
struct MetaEntry {
  std::string key;
  double value;
};
struct Results {
  std::array<FlaggedIds, kGroupCount> groups;
  std::vector<std::pair<Indicator, std::vector<MetaEntry>>> meta;

  const FlaggedIds& group(Group g) const { return groups[static_cast<size_t>(g)]; }
  FlaggedIds& group(Group g) { return groups[static_cast<size_t>(g)]; }
};

// One JSON line: {"OCID":{...},"Buyer":{...},"ProcuringEntity":{...},"Tenderer":{...},"Meta":{...}}, empty
// groups left out, numbers as Cardinal (serde_json) prints them: 1.0, 0.2, 1e21; NaN and infinities as null.
std::string to_json(const Results& r, bool with_meta);
// A double as serde_json prints it (shortest round trip; "1.0" for whole numbers; exponent from 1e16 up).
std::string format_number(double v);

// ---- The scan ----

class RedflagScan {
 public:
  // `settings` must outlive the scan.
  explicit RedflagScan(const Settings& settings);
  ~RedflagScan();
  RedflagScan(RedflagScan&&) noexcept;
  RedflagScan& operator=(RedflagScan&&) noexcept;

  // One release, in file order. Releases with a cancelled tender or an excluded procurementMethodDetails
  // are left out, as Cardinal does.
  void add(const ProcessFacts& process);
  // Takes over a scan of the releases that follow this scan's in the file.
  void absorb(RedflagScan&& later);
  // Quartiles, fences and the indicators that need every release.
  Results finish() &&;

  struct State;
  struct ChineseState;  // engine/redflags_cn.h

 private:
  const Settings* settings_;
  std::unique_ptr<State> state_;
  std::unique_ptr<ChineseState> cn_;
};

// Hyndman and Fan's type 8 quantile of `values` (need not be sorted; NaN for none), as Cardinal's statistics
// library computes it: h = (n + 1/3)·tau + 1/3, k = floor(h); k <= 0 gives the minimum, k >= n the maximum,
// otherwise x[k-1] + (h - k)(x[k] - x[k-1]) over the sorted values.
double quantile_type8(std::vector<double> values, double tau);

// Names, addresses and contact names as the Chinese patterns compare them: full-width forms become
// half-width (Ａ→A, （→(, U+3000→space), Latin letters lower case, and spaces and punctuation (ASCII, CJK:
// 、。《》【】“”·…) dropped. "ＡＢＣ科技（北京）有限公司" and "abc科技(北京)有限公司" give the same text.
std::string normalized_name(std::string_view s);
// A calendar day from a date or date-time ("2024-03-01", "2024-03-01T09:00:00+08:00": the first ten
// characters, time and offset ignored) as days since 1970-01-01; nullopt when it does not start with a date.
std::optional<int64_t> calendar_day(std::string_view s);

}  // namespace lf::engine::redflags
