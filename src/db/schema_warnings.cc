// v5: warnings (预警) with their risk points, history and re-rating proposals; the unit's calendar overrides
// (holidays and make-up working days on top of the official schedule); notice templates; integrity events (the
// hook the integrity archive reads).
#include "db/schema.h"

namespace lf::db::schema {

const char* warnings() {
  return R"SQL(
CREATE TABLE warnings (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  department_id INTEGER REFERENCES departments(id),
  subject_kind TEXT NOT NULL,
  subject_person_id INTEGER REFERENCES people(id),
  subject_post_id INTEGER REFERENCES posts(id),
  subject_name TEXT NOT NULL,
  subject_title TEXT NOT NULL DEFAULT '',
  power_id INTEGER REFERENCES powers(id),
  source TEXT NOT NULL,
  source_ref TEXT NOT NULL DEFAULT '',
  situation TEXT NOT NULL,
  required_measures TEXT NOT NULL DEFAULT '',
  evidence_json TEXT NOT NULL DEFAULT '[]',
  level TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'issued',
  recipient_tier INTEGER NOT NULL,
  recipient_role TEXT NOT NULL,
  recipient_unit_id INTEGER,
  recipient_department_id INTEGER,
  recipient_label TEXT NOT NULL DEFAULT '',
  deadline TEXT NOT NULL,
  escalations INTEGER NOT NULL DEFAULT 0,
  measures_taken TEXT NOT NULL DEFAULT '',
  handler_name TEXT NOT NULL DEFAULT '',
  handler_title TEXT NOT NULL DEFAULT '',
  handled_at TEXT,
  commitment TEXT NOT NULL DEFAULT '',
  commitment_due TEXT,
  verification TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  cancel_reason TEXT NOT NULL DEFAULT '',
  issued_by INTEGER REFERENCES users(id),
  issued_by_name TEXT NOT NULL DEFAULT '',
  issued_at TEXT NOT NULL,
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX warnings_unit ON warnings(unit_id, id);
CREATE INDEX warnings_department ON warnings(department_id, id);
CREATE INDEX warnings_status ON warnings(status, deadline);
CREATE INDEX warnings_recipient ON warnings(recipient_role, recipient_unit_id, recipient_department_id);
CREATE INDEX warnings_subject_person ON warnings(subject_person_id);
CREATE INDEX warnings_subject_post ON warnings(subject_post_id);

CREATE TABLE warning_risks (
  warning_id INTEGER NOT NULL REFERENCES warnings(id),
  risk_id INTEGER NOT NULL REFERENCES risks(id),
  PRIMARY KEY (warning_id, risk_id)
);
CREATE INDEX warning_risks_risk ON warning_risks(risk_id);

CREATE TABLE warning_history (
  id {{PK}},
  warning_id INTEGER NOT NULL REFERENCES warnings(id),
  at TEXT NOT NULL,
  actor_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  level TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX warning_history_warning ON warning_history(warning_id, id);

CREATE TABLE warning_proposals (
  id {{PK}},
  kind TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  target_name TEXT NOT NULL,
  warnings INTEGER NOT NULL,
  reopened TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);
CREATE INDEX warning_proposals_target ON warning_proposals(kind, target_id, created_at);

CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,
  working INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE notice_templates (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (unit_id, kind)
);

CREATE TABLE integrity_events (
  id {{PK}},
  person_id INTEGER NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL,
  ref_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX integrity_events_person ON integrity_events(person_id, at);
)SQL";
}

}  // namespace lf::db::schema
