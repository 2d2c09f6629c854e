// The three CSV files of formats/procurement_csv.h turned into ProcessFacts, field by field as the OCDS reader
// fills them from a compiled release (formats/ocds.cc), so that a process means the same in either form.
#include "formats/procurement_csv.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "formats/procurement_csv_fields.h"

namespace lf::formats {

using engine::redflags::Award;
using engine::redflags::Bid;
using engine::redflags::Contract;
using engine::redflags::Party;
using engine::redflags::ProcessFacts;
using namespace procurement_csv;

namespace {

// Every column a file may have; ocid is required, the others may be left out or empty.
constexpr std::array kTenderColumns = {"ocid", "buyer_id", "buyer_name", "procuring_entity_id", "title", "status",
                                       "procurement_method", "procurement_method_details", "value", "currency",
                                       "date_published", "tender_start", "tender_end", "number_of_tenderers"};
constexpr std::array kBidColumns = {"ocid", "bidder_id", "bidder_name", "amount", "currency", "status", "date",
                                    "address", "phone", "email", "contact", "credit_code", "founding_date"};
constexpr std::array kAwardColumns = {"ocid", "award_id", "supplier_id", "supplier_name", "amount", "currency",
                                      "date", "status", "classification", "contract_amount", "contract_date",
                                      "credit_code", "founding_date"};

// OCDS code lists: tender status, method, bid status, award status.
constexpr std::string_view kTenderStatus = "planning|planned|active|cancelled|unsuccessful|complete|withdrawn";
constexpr std::string_view kMethod = "open|selective|limited|direct";
constexpr std::string_view kBidStatus = "invited|pending|valid|disqualified|withdrawn";
constexpr std::string_view kAwardStatus = "pending|active|cancelled|unsuccessful";

// One file: its table and where each known column is.
class Sheet {
 public:
  template <size_t N>
  static Result<Sheet> read(std::string_view text, std::string_view file, const std::array<const char*, N>& known) {
    Sheet s;
    s.file_ = file;
    LF_TRY(s.table_, read_table(text, file));
    for (size_t i = 0; i < s.table_.header.size(); ++i) {
      const std::string& name = s.table_.header[i];
      if (name.empty()) continue;  // a column without a header (spreadsheets add them) holds nothing we read
      if (std::find(known.begin(), known.end(), std::string_view(name)) == known.end())
        return csv_error("procurement_csv.unknown_column", {file, 1, name});
      if (!s.index_.emplace(name, i).second) return csv_error("procurement_csv.duplicate_column", {file, 1, name});
    }
    if (!s.index_.contains("ocid")) return csv_error("procurement_csv.missing_column", {file, 1, "ocid"});
    return s;
  }

  const std::vector<Row>& rows() const { return table_.rows; }
  // The cell of a column ("" when the file lacks the column) and its place.
  std::string_view cell(const Row& r, const char* column) const {
    auto it = index_.find(column);
    return it == index_.end() ? std::string_view() : std::string_view(r.cells[it->second]);
  }
  Where at(const Row& r, const char* column) const { return {file_, r.line, column}; }

 private:
  std::string_view file_;
  Table table_;
  std::unordered_map<std::string, size_t> index_;
};

// The process a bid or award row belongs to.
Result<ProcessFacts*> process_of(const Sheet& s, const Row& r, std::vector<ProcessFacts>& out,
                                 const std::unordered_map<std::string, size_t>& by_ocid) {
  const std::string_view ocid = s.cell(r, "ocid");
  if (ocid.empty()) return csv_error("procurement_csv.empty_value", s.at(r, "ocid"));
  auto it = by_ocid.find(std::string(ocid));
  if (it == by_ocid.end()) return csv_error("procurement_csv.unknown_ocid", s.at(r, "ocid"), ocid);
  return &out[it->second];
}

// The party with this id, added with `name` when the process has none yet.
Party& party(ProcessFacts& p, std::string_view id, std::string_view name) {
  for (Party& x : p.parties)
    if (x.id == id) return x;
  Party& x = p.parties.emplace_back();
  x.id = id;
  x.name = name;
  return x;
}

// Fills `field` when it is still empty: the first row that names a detail of an organisation decides.
void fill(std::string& field, std::string_view value) {
  if (field.empty()) field = value;
}

Status read_tenders(const Sheet& s, std::vector<ProcessFacts>& out, std::unordered_map<std::string, size_t>& by_ocid) {
  for (const Row& r : s.rows()) {
    auto c = [&](const char* column) { return s.cell(r, column); };
    auto at = [&](const char* column) { return s.at(r, column); };
    ProcessFacts p;
    p.ocid = c("ocid");
    if (p.ocid.empty()) return csv_error("procurement_csv.empty_value", at("ocid"));
    if (!by_ocid.emplace(p.ocid, out.size()).second) return csv_error("procurement_csv.duplicate_ocid", at("ocid"), p.ocid);
    LF_TRY(p.tender_status, code(c("status"), kTenderStatus, at("status")));
    LF_TRY(p.procurement_method, code(c("procurement_method"), kMethod, at("procurement_method")));
    if (!c("procurement_method_details").empty()) p.procurement_method_details.emplace(c("procurement_method_details"));
    LF_TRY(p.tender_value.amount, amount(c("value"), at("value")));
    LF_TRY(p.tender_value.currency, currency(c("currency"), at("currency")));
    LF_TRY(p.tender_published, date(c("date_published"), at("date_published")));
    LF_TRY(p.tender_start, date(c("tender_start"), at("tender_start")));
    LF_TRY(p.tender_end, date(c("tender_end"), at("tender_end")));
    LF_TRY(const auto tenderers, whole_number(c("number_of_tenderers"), at("number_of_tenderers")));
    p.single_tenderer = tenderers.value_or(0) == 1;  // the integer 1, as Cardinal asks
    if (!c("procuring_entity_id").empty()) p.procuring_entity.emplace(c("procuring_entity_id"));
    p.buyer_ref = {std::string(c("buyer_id")), std::string(c("buyer_name"))};
    if (!p.buyer_ref.id.empty()) {
      p.buyer = p.buyer_ref.id;
      party(p, p.buyer_ref.id, p.buyer_ref.name).roles.push_back("buyer");
    }
    out.push_back(std::move(p));
  }
  return ok();
}

Status read_bids(const Sheet& s, std::vector<ProcessFacts>& out, const std::unordered_map<std::string, size_t>& by_ocid) {
  for (const Row& r : s.rows()) {
    auto c = [&](const char* column) { return s.cell(r, column); };
    auto at = [&](const char* column) { return s.at(r, column); };
    LF_TRY(ProcessFacts* p, process_of(s, r, out, by_ocid));
    Bid b;
    LF_TRY(b.status, code(c("status"), kBidStatus, at("status")));
    LF_TRY(b.amount, amount(c("amount"), at("amount")));
    LF_TRY(b.currency, currency(c("currency"), at("currency")));
    LF_TRY(b.date, date(c("date"), at("date")));
    LF_TRY(const auto founded, date(c("founding_date"), at("founding_date")));
    const std::string_view id = c("bidder_id"), name = c("bidder_name");
    if (!id.empty() || !name.empty()) {
      b.tenderers.push_back(id.empty() ? std::nullopt : std::optional<std::string>(id));
      b.tenderer_refs.push_back({std::string(id), std::string(name)});
    }
    if (!id.empty()) {
      Party& x = party(*p, id, name);
      // Only a submitted bid makes its bidder a tenderer (an invited firm that never bid is not one).
      const bool submitted = !b.status || (*b.status != "invited" && *b.status != "withdrawn");
      if (submitted && std::find(x.roles.begin(), x.roles.end(), "tenderer") == x.roles.end()) x.roles.push_back("tenderer");
      fill(x.street_address, c("address"));
      fill(x.telephone, c("phone"));
      fill(x.email, c("email"));
      fill(x.contact_name, c("contact"));
      fill(x.identifier_id, c("credit_code"));
      if (!x.founding_date) x.founding_date = founded;
    }
    p->has_bid_details = true;
    p->bids.push_back(std::move(b));
  }
  return ok();
}

Status read_awards(const Sheet& s, std::vector<ProcessFacts>& out, const std::unordered_map<std::string, size_t>& by_ocid) {
  for (const Row& r : s.rows()) {
    auto c = [&](const char* column) { return s.cell(r, column); };
    auto at = [&](const char* column) { return s.at(r, column); };
    LF_TRY(ProcessFacts* p, process_of(s, r, out, by_ocid));
    Award a;
    LF_TRY(a.status, code(c("status"), kAwardStatus, at("status")));
    LF_TRY(a.amount, amount(c("amount"), at("amount")));
    LF_TRY(a.currency, currency(c("currency"), at("currency")));
    LF_TRY(a.date, date(c("date"), at("date")));
    LF_TRY(const auto founded, date(c("founding_date"), at("founding_date")));
    LF_TRY(const auto contract_amount, amount(c("contract_amount"), at("contract_amount")));
    LF_TRY(const auto contract_date, date(c("contract_date"), at("contract_date")));
    a.id = c("award_id");
    if (!c("classification").empty()) a.classification_ids.emplace_back(c("classification"));
    const std::string_view id = c("supplier_id"), name = c("supplier_name");
    if (!id.empty() || !name.empty()) {
      a.suppliers.push_back(id.empty() ? std::nullopt : std::optional<std::string>(id));
      a.supplier_refs.push_back({std::string(id), std::string(name)});
    }
    if (!id.empty()) {
      Party& x = party(*p, id, name);
      if (std::find(x.roles.begin(), x.roles.end(), "supplier") == x.roles.end()) x.roles.push_back("supplier");
      fill(x.identifier_id, c("credit_code"));
      if (!x.founding_date) x.founding_date = founded;
    }
    if (contract_amount || contract_date) {
      // The contract signed on this award: linked by the award's id, made up from the row when it has none.
      if (a.id.empty()) a.id = "row-" + std::to_string(r.line);
      Contract& k = p->contracts.emplace_back();
      k.award_id = a.id;
      k.value = {contract_amount, a.currency};
      k.date_signed = contract_date;
    }
    p->has_awards = true;
    p->awards.push_back(std::move(a));
  }
  return ok();
}

}  // namespace

Result<std::vector<ProcessFacts>> read_procurement_csv(std::string_view tenders, std::optional<std::string_view> bids,
                                                       std::optional<std::string_view> awards) {
  std::vector<ProcessFacts> out;
  std::unordered_map<std::string, size_t> by_ocid;
  LF_TRY(const Sheet t, Sheet::read(tenders, "tenders.csv", kTenderColumns));
  LF_CHECK(read_tenders(t, out, by_ocid));
  if (bids) {
    LF_TRY(const Sheet b, Sheet::read(*bids, "bids.csv", kBidColumns));
    LF_CHECK(read_bids(b, out, by_ocid));
  }
  if (awards) {
    LF_TRY(const Sheet a, Sheet::read(*awards, "awards.csv", kAwardColumns));
    LF_CHECK(read_awards(a, out, by_ocid));
  }
  return out;
}

Result<std::vector<ProcessFacts>> read_procurement_csv_dir(const std::filesystem::path& dir) {
  std::string texts[3];
  bool present[3] = {false, false, false};
  const char* names[3] = {"tenders.csv", "bids.csv", "awards.csv"};
  for (int i = 0; i < 3; ++i) {
    const std::filesystem::path path = dir / names[i];
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      if (i == 0) return csv_error("procurement_csv.file_missing", {(dir / names[0]).string(), 0, {}});
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.is_open() || in.bad()) return csv_error("procurement_csv.unreadable", {path.string(), 0, {}});
    texts[i] = std::move(text).str();
    present[i] = true;
  }
  auto optional = [&](int i) { return present[i] ? std::optional<std::string_view>(texts[i]) : std::nullopt; };
  return read_procurement_csv(texts[0], optional(1), optional(2));
}

}  // namespace lf::formats
