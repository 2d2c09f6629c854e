// Procurement in the platform (公共资源交易 / 物资采购): a unit uploads its contracting processes — OCDS compiled
// releases, or its CSV of tenders, bids and awards — and the red-flag engine (engine/redflags.h) runs over all of
// them; each flag newly raised on a process, buyer or supplier becomes a warning tied to the procurement risk
// points of the buying department, routed like any other. Pages list the processes with their flags, a supplier's
// history, and a buyer's statistics.
#pragma once
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/auth/principal.h"
#include "modules/common/list_query.h"

namespace lf::procurement {

using auth::Principal;

struct Flag {
  std::string group;  // OCID | Buyer | ProcuringEntity | Tenderer
  std::string subject_id, indicator, name;
  std::optional<double> value;
  std::optional<int64_t> warning_id;
  std::string first_seen;
};

struct Process {
  int64_t id = 0;
  std::string ocid, buyer_id, buyer_name, title, method, currency, published;
  std::optional<double> value;
  int64_t bids = 0;
  std::vector<Flag> flags;
  boost::json::object release;  // only on the one-process page
};

struct Participation {
  std::string ocid, title, role, status, currency;  // role: tenderer | supplier
  std::optional<double> amount;
};

struct Party {
  std::string id, name;
  int64_t bids = 0, wins = 0, processes = 0;
  double awarded = 0;
  std::vector<Flag> flags;
  std::vector<Participation> history;  // only on the supplier page
};

struct BuyerStats {
  std::string id, name;
  int64_t processes = 0, flagged_processes = 0, single_bid = 0;
  double total_value = 0;
  std::vector<std::pair<std::string, int64_t>> by_method;
  std::vector<std::pair<std::string, double>> top_suppliers;  // name, awarded
  std::vector<Flag> flags;
};

struct UploadOutcome {
  int64_t stored = 0, new_flags = 0, warnings = 0;
};

struct Settings {
  std::string ini, debarment_csv;
  std::optional<int64_t> department_id, risk_id;
};

struct ProcessFilter {
  std::optional<std::string> buyer_id, party_id;
  bool flagged = false;
  std::string indicator, q;
};

class ProcurementService {
 public:
  explicit ProcurementService(db::Database& db) : db_(db) {}

  // All lines or none: a line that is not an OCDS release (invalid JSON, no ocid) → 400 naming the line.
  Result<UploadOutcome> upload_ocds(const Principal& who, int64_t unit_id, const std::string& jsonl);
  Result<UploadOutcome> upload_csv(const Principal& who, int64_t unit_id, const std::string& tenders,
                                   std::optional<std::string> bids, std::optional<std::string> awards);

  Result<list::Page<Process>> processes(const Principal& who, int64_t unit_id, const ProcessFilter& f, int64_t offset,
                                        int64_t limit);
  Result<Process> process(const Principal& who, int64_t id);
  Result<list::Page<Party>> suppliers(const Principal& who, int64_t unit_id, const std::string& q, int64_t offset,
                                      int64_t limit);
  Result<Party> supplier(const Principal& who, int64_t unit_id, const std::string& party_id);
  Result<std::vector<BuyerStats>> buyers(const Principal& who, int64_t unit_id);
  Result<BuyerStats> buyer(const Principal& who, int64_t unit_id, const std::string& buyer_id);

  Result<Settings> settings(const Principal& who, int64_t unit_id);
  // Checks the INI (Cardinal's keys) and the debarment list, saves, and runs the indicators again.
  Result<Settings> set_settings(const Principal& who, int64_t unit_id, const Settings& s);

 private:
  db::Database& db_;
};

// The indicators' names in Chinese (R018 → 单一投标人 ...).
std::string indicator_name(const std::string& code);

}  // namespace lf::procurement
