// The power catalogue's rules: who may write, validation with clear messages, one transaction and one audit
// row per write; flows checked and compiled before they are stored; the catalogue's XLSX forms.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "engine/flow.h"
#include "modules/audit/totals.h"
#include "modules/auth/principal.h"
#include "modules/common/import_report.h"
#include "modules/powers/model.h"

namespace lf::powers {

using auth::Principal;

// Create/update input; fields left empty keep their values on update.
struct PowerInput {
  std::optional<int64_t> unit_id;
  std::optional<std::optional<int64_t>> department_id;
  std::optional<std::string> code, name, category, content, basis, basis_article, procedure, supervision_channel,
      materials, service_commitment, note, status;
  std::optional<std::vector<int64_t>> post_ids;
  std::optional<std::optional<int32_t>> time_limit_days;
  std::optional<bool> is_public;
};

// The outcome of saving a flow: either saved (and its view), or the issues that stopped it.
struct FlowSave {
  bool saved = false;
  std::vector<engine::FlowIssue> issues;
  FlowView view;
};

// Form variants of the catalogue: 附件一 of seed 004, and the common enforcement-catalogue variant.
enum class CatalogueForm { attachment1, enforcement };

using list::ImportOutcome;
using list::ImportRowError;

class PowerService {
 public:
  explicit PowerService(db::Database& db) : db_(db) {}

  Result<Page<Power>> list(const Principal& who, const PowerFilter& f, int64_t offset, int64_t limit);
  Result<Power> get(const Principal& who, int64_t id);
  Result<PowerSummary> summary(const Principal& who, const PowerFilter& f);
  Result<Power> create(const Principal& who, const PowerInput& in);
  Result<Power> update(const Principal& who, int64_t id, const PowerInput& in);
  Status remove(const Principal& who, int64_t id);

  // Categories a unit may use: the presets and its own.
  Result<std::vector<Category>> categories(const Principal& who, int64_t unit_id);
  Result<Category> add_category(const Principal& who, int64_t unit_id, const std::string& name, const std::string& group);
  Status remove_category(const Principal& who, int64_t id);

  Result<FlowView> flow(const Principal& who, int64_t power_id);
  // Validates BPMN against the power's unit and stores it with its normalised steps (all or nothing).
  Result<FlowSave> save_flow(const Principal& who, int64_t power_id, const std::string& bpmn);
  Result<std::string> flow_bpmn(const Principal& who, int64_t power_id);
  Result<std::string> flow_svg(const Principal& who, int64_t power_id);
  // The net monitoring uses: an uploaded PNML if there is one, else the flow compiled.
  Result<std::string> flow_pnml(const Principal& who, int64_t power_id);
  Status save_net(const Principal& who, int64_t power_id, const std::string& pnml);

  // The catalogue as XLSX: for one department (and its sub-departments) or every power in scope of a unit.
  Result<std::string> export_catalogue(const Principal& who, CatalogueForm form, std::optional<int64_t> unit_id,
                                       std::optional<int64_t> department_id);
  // Imports the same sheets into `unit_id`: all rows valid, or nothing written and every error reported.
  Result<ImportOutcome> import_catalogue(const Principal& who, CatalogueForm form, int64_t unit_id,
                                         const std::string& xlsx);

 private:
  db::Database& db_;
  audit::Totals totals_;
};

}  // namespace lf::powers
