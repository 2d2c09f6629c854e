// v4: control measures (防控措施) of risk points, their monitoring indicators and measurements, the check tasks
// recurring measures generate, evidence files, per-unit templates and settings.
#include "db/schema.h"

namespace lf::db::schema {

const char* measures() {
  return R"SQL(
CREATE TABLE files (
  id {{PK}},
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  data_base64 TEXT NOT NULL,  -- base64: both stores bind text the same way; files are size-limited
  uploaded_by INTEGER REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);

CREATE TABLE measures (
  id {{PK}},
  risk_id INTEGER NOT NULL REFERENCES risks(id),
  line TEXT NOT NULL,
  control_type TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_post_id INTEGER REFERENCES posts(id),
  owner_person_id INTEGER REFERENCES people(id),
  supervision TEXT NOT NULL DEFAULT 'C',
  frequency TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  due_date TEXT,
  evidence TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'planned',
  specificity TEXT NOT NULL DEFAULT 'specific',
  template_code TEXT NOT NULL DEFAULT '',
  indicator_type TEXT NOT NULL DEFAULT '',
  indicator_direction TEXT NOT NULL DEFAULT 'higher',
  indicator_unit TEXT NOT NULL DEFAULT '',
  baseline REAL,
  baseline_date TEXT,
  target REAL,
  target_date TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX measures_risk ON measures(risk_id, id);
CREATE INDEX measures_owner_post ON measures(owner_post_id);
CREATE INDEX measures_owner_person ON measures(owner_person_id);

CREATE TABLE measurements (
  id {{PK}},
  measure_id INTEGER NOT NULL REFERENCES measures(id),
  value REAL NOT NULL,
  measured_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  file_id INTEGER REFERENCES files(id),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX measurements_measure ON measurements(measure_id, measured_on, id);

CREATE TABLE measure_tasks (
  id {{PK}},
  measure_id INTEGER NOT NULL REFERENCES measures(id),
  period TEXT NOT NULL,
  due_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  done_at TEXT,
  done_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  file_id INTEGER REFERENCES files(id)
);
CREATE UNIQUE INDEX measure_tasks_period ON measure_tasks(measure_id, period);
CREATE INDEX measure_tasks_due ON measure_tasks(status, due_date);

CREATE TABLE measure_templates (
  id {{PK}},
  unit_id INTEGER REFERENCES units(id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  line TEXT NOT NULL,
  control_type TEXT NOT NULL,
  description TEXT NOT NULL,
  frequency TEXT NOT NULL,
  specificity TEXT NOT NULL DEFAULT 'general',
  evidence TEXT NOT NULL DEFAULT '',
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX measure_templates_unit ON measure_templates(unit_id, level, sort);

CREATE TABLE measure_settings (
  unit_id INTEGER PRIMARY KEY REFERENCES units(id),
  settings_json TEXT NOT NULL
);
)SQL";
}

}  // namespace lf::db::schema
