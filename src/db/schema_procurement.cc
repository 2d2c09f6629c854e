// v7: procurement (公共资源交易 / 物资采购): a unit's contracting processes (OCDS compiled releases, or built from
// its CSV of tenders, bids and awards), who took part, the red flags found over them, and the unit's settings.
#include "db/schema.h"

namespace lf::db::schema {

const char* procurement() {
  return R"SQL(
CREATE TABLE procurement_processes (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  ocid TEXT NOT NULL,
  buyer_id TEXT NOT NULL DEFAULT '',
  buyer_name TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL DEFAULT '',
  value_amount REAL,
  currency TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  bids INTEGER NOT NULL DEFAULT 0,
  release_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX procurement_processes_ocid ON procurement_processes(unit_id, ocid);

CREATE TABLE procurement_participants (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  ocid TEXT NOT NULL,
  party_id TEXT NOT NULL,
  party_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  amount REAL,
  currency TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT ''
);
CREATE INDEX procurement_participants_process ON procurement_participants(unit_id, ocid);
CREATE INDEX procurement_participants_party ON procurement_participants(unit_id, party_id);

CREATE TABLE procurement_flags (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  grp TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  indicator TEXT NOT NULL,
  value REAL,
  warning_id INTEGER REFERENCES warnings(id),
  first_seen TEXT NOT NULL
);
CREATE UNIQUE INDEX procurement_flags_key ON procurement_flags(unit_id, grp, subject_id, indicator);

CREATE TABLE procurement_settings (
  unit_id INTEGER PRIMARY KEY REFERENCES units(id),
  ini TEXT NOT NULL DEFAULT '',
  debarment_csv TEXT NOT NULL DEFAULT '',
  department_id INTEGER REFERENCES departments(id),
  risk_id INTEGER REFERENCES risks(id)
);
)SQL";
}

}  // namespace lf::db::schema
