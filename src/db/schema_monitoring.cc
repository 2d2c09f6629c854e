// v6: electronic monitoring (电子监察): ingest tokens, the events business systems report (kept in arrival order per
// unit), the units' monitoring rules tied to risk points, and the monitor's saved state (which events it has
// checked and the open cases' state) so that a restart loses and repeats no finding.
#include "db/schema.h"

namespace lf::db::schema {

const char* monitoring() {
  return R"SQL(
CREATE TABLE ingest_tokens (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE events (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  seq INTEGER NOT NULL,
  token_id INTEGER REFERENCES ingest_tokens(id),
  received_at TEXT NOT NULL,
  case_id TEXT NOT NULL,
  activity TEXT NOT NULL,
  event_json TEXT NOT NULL
);
CREATE UNIQUE INDEX events_unit_seq ON events(unit_id, seq);

CREATE TABLE monitor_rules (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  code TEXT NOT NULL,
  rule_json TEXT NOT NULL,
  risk_id INTEGER REFERENCES risks(id),
  enabled INTEGER NOT NULL DEFAULT 1,
  sort INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX monitor_rules_code ON monitor_rules(unit_id, code);

CREATE TABLE monitor_settings (
  unit_id INTEGER PRIMARY KEY REFERENCES units(id),
  settings_json TEXT NOT NULL
);

CREATE TABLE monitor_state (
  unit_id INTEGER PRIMARY KEY REFERENCES units(id),
  processed INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  state_json TEXT NOT NULL,
  findings INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
)SQL";
}

}  // namespace lf::db::schema
