// Versioned schema. Each migration is applied once, inside a transaction, and recorded in
// schema_migrations. `{{PK}}` becomes the backend's auto-increment primary key.
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "db/database.h"
#include "db/schema.h"

namespace lf::db {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;                    // for both stores
  const char* sqlite_sql = nullptr;   // then this on SQLite only
  const char* postgres_sql = nullptr; // or this on PostgreSQL only
};

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "org, accounts, audit", R"SQL(
CREATE TABLE units (
  id {{PK}},
  parent_id INTEGER REFERENCES units(id),
  path TEXT {{BYTES}} NOT NULL DEFAULT '',
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE departments (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  parent_id INTEGER REFERENCES departments(id),
  path TEXT {{BYTES}} NOT NULL DEFAULT '',
  code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX departments_unit ON departments(unit_id);
CREATE INDEX departments_path ON departments(path);
CREATE UNIQUE INDEX departments_name ON departments(unit_id, parent_id, name);

CREATE TABLE posts (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  department_id INTEGER NOT NULL REFERENCES departments(id),
  name TEXT NOT NULL,
  duties TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL,
  key_people INTEGER NOT NULL DEFAULT 0,
  key_money INTEGER NOT NULL DEFAULT 0,
  key_goods INTEGER NOT NULL DEFAULT 0,
  key_approval INTEGER NOT NULL DEFAULT 0,
  key_enforcement INTEGER NOT NULL DEFAULT 0,
  headcount INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX posts_department ON posts(department_id, id);
CREATE INDEX posts_unit ON posts(unit_id, id);

CREATE TABLE people (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  department_id INTEGER REFERENCES departments(id),
  name TEXT NOT NULL,
  gender TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  employee_no TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX people_employee_no ON people(unit_id, employee_no);
CREATE INDEX people_department ON people(department_id, id);

CREATE TABLE assignments (
  id {{PK}},
  person_id INTEGER NOT NULL REFERENCES people(id),
  post_id INTEGER NOT NULL REFERENCES posts(id),
  start_date TEXT NOT NULL,
  end_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assignments_person ON assignments(person_id);
CREATE INDEX assignments_post ON assignments(post_id);

CREATE TABLE users (
  id {{PK}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL,
  scope_unit_id INTEGER REFERENCES units(id),
  scope_department_id INTEGER REFERENCES departments(id),
  person_id INTEGER REFERENCES people(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
  id {{PK}},
  username TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(username, at);

CREATE TABLE audit_log (
  id {{PK}},
  at TEXT NOT NULL,
  actor_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)SQL"},
      {2, "powers and flows", R"SQL(
CREATE TABLE power_categories (
  id {{PK}},
  unit_id INTEGER REFERENCES units(id),
  name TEXT NOT NULL,
  grp TEXT NOT NULL DEFAULT 'type',
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX power_categories_name ON power_categories(COALESCE(unit_id, 0), name);
INSERT INTO power_categories(unit_id, name, grp, sort) VALUES
  (NULL, '许可', 'type', 1), (NULL, '非许可审批', 'type', 2), (NULL, '处罚', 'type', 3), (NULL, '确认', 'type', 4),
  (NULL, '裁决', 'type', 5), (NULL, '征收', 'type', 6), (NULL, '强制', 'type', 7), (NULL, '给付', 'type', 8),
  (NULL, '奖励', 'type', 9), (NULL, '检查', 'type', 10), (NULL, '其他', 'type', 11),
  (NULL, '决策权', 'function', 21), (NULL, '执行权', 'function', 22), (NULL, '监督权', 'function', 23);

CREATE TABLE powers (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  department_id INTEGER REFERENCES departments(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL DEFAULT '',
  basis_article TEXT NOT NULL DEFAULT '',
  enforcement_procedure TEXT NOT NULL DEFAULT '',
  time_limit_days INTEGER,
  supervision_channel TEXT NOT NULL DEFAULT '',
  materials TEXT NOT NULL DEFAULT '',
  service_commitment TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  is_public INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'draft',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX powers_code ON powers(unit_id, code);
CREATE INDEX powers_department ON powers(department_id, id);
CREATE INDEX powers_unit ON powers(unit_id, id);

CREATE TABLE power_posts (
  power_id INTEGER NOT NULL REFERENCES powers(id),
  post_id INTEGER NOT NULL REFERENCES posts(id),
  PRIMARY KEY (power_id, post_id)
);
CREATE INDEX power_posts_post ON power_posts(post_id);

CREATE TABLE power_flows (
  power_id INTEGER PRIMARY KEY REFERENCES powers(id),
  bpmn TEXT NOT NULL,
  pnml TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE flow_steps (
  id {{PK}},
  power_id INTEGER NOT NULL REFERENCES powers(id),
  element_id TEXT NOT NULL,
  name TEXT NOT NULL,
  post_id INTEGER REFERENCES posts(id),
  lane TEXT NOT NULL DEFAULT '',
  time_limit_days INTEGER,
  different_from TEXT NOT NULL DEFAULT '',
  limits_json TEXT NOT NULL DEFAULT '[]',
  collective_above_fen INTEGER,
  materials TEXT NOT NULL DEFAULT '',
  supervision_point INTEGER NOT NULL DEFAULT 0,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX flow_steps_power ON flow_steps(power_id, sort);
CREATE INDEX flow_steps_post ON flow_steps(post_id);
)SQL",
       // Full-text search over name, content and basis: the application writes CJK unigrams and bigrams (and
       // lower-cased words) as terms (base/text.h), so neither store needs a Chinese word segmenter: an FTS5
       // table on SQLite, a GIN-indexed array of terms on PostgreSQL (no text parser, no locale involved).
       R"SQL(CREATE VIRTUAL TABLE power_search USING fts5(terms, power_id UNINDEXED);)SQL",
       R"SQL(
CREATE TABLE power_search (power_id BIGINT PRIMARY KEY, terms TEXT[] NOT NULL);
CREATE INDEX power_search_terms ON power_search USING GIN (terms);
)SQL"},
      {3, "risk register", R"SQL(
CREATE TABLE risk_categories (
  id {{PK}},
  unit_id INTEGER REFERENCES units(id),
  name TEXT NOT NULL,
  risk_class TEXT NOT NULL DEFAULT 'integrity',
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX risk_categories_name ON risk_categories(COALESCE(unit_id, 0), name);
INSERT INTO risk_categories(unit_id, name, risk_class, sort) VALUES
  (NULL, '思想道德', 'integrity', 1), (NULL, '岗位职责', 'integrity', 2), (NULL, '业务流程', 'integrity', 3),
  (NULL, '制度机制', 'integrity', 4), (NULL, '外部环境', 'integrity', 5), (NULL, '工作效率', 'integrity', 6),
  (NULL, '管理风险', 'management', 7);

CREATE TABLE grading_models (
  unit_id INTEGER PRIMARY KEY REFERENCES units(id),
  model_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE risk_cycles (
  id {{PK}},
  unit_id INTEGER NOT NULL REFERENCES units(id),
  year INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  opened_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE UNIQUE INDEX risk_cycles_year ON risk_cycles(unit_id, year);

CREATE TABLE risks (
  id {{PK}},
  cycle_id INTEGER NOT NULL REFERENCES risk_cycles(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  department_id INTEGER REFERENCES departments(id),
  post_id INTEGER REFERENCES posts(id),
  power_id INTEGER REFERENCES powers(id),
  step_element TEXT NOT NULL DEFAULT '',
  scope_level TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  risk_class TEXT NOT NULL DEFAULT 'integrity',
  duty TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  manifestation TEXT NOT NULL DEFAULT '',
  causes TEXT NOT NULL DEFAULT '',
  finding_method TEXT NOT NULL DEFAULT '',
  measures_text TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  grading_inputs TEXT NOT NULL DEFAULT '{}',
  computed_level TEXT NOT NULL DEFAULT '',
  grading_basis TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL DEFAULT '',
  override_reason TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT 'draft',
  stage_due TEXT,
  publicity_until TEXT,
  appraisal_json TEXT NOT NULL DEFAULT '{}',
  valid_until TEXT,
  filed_by INTEGER REFERENCES users(id),
  source_risk_id INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX risks_cycle ON risks(cycle_id, id);
CREATE INDEX risks_unit ON risks(unit_id, id);
CREATE INDEX risks_department ON risks(department_id, id);
CREATE INDEX risks_post ON risks(post_id, id);
CREATE INDEX risks_power ON risks(power_id, id);
CREATE INDEX risks_stage ON risks(stage, id);
CREATE INDEX risks_cycle_description ON risks(cycle_id, description);

CREATE TABLE risk_history (
  id {{PK}},
  risk_id INTEGER NOT NULL REFERENCES risks(id),
  at TEXT NOT NULL,
  actor_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_stage TEXT NOT NULL,
  to_stage TEXT NOT NULL,
  level TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX risk_history_risk ON risk_history(risk_id, id);

CREATE TABLE risk_objections (
  id {{PK}},
  risk_id INTEGER NOT NULL REFERENCES risks(id),
  at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX risk_objections_risk ON risk_objections(risk_id);

CREATE TABLE risk_snapshots (
  cycle_id INTEGER NOT NULL REFERENCES risk_cycles(id),
  risk_id INTEGER NOT NULL,
  risk_json TEXT NOT NULL,
  PRIMARY KEY (cycle_id, risk_id)
);
)SQL"},
      {4, "measures", schema::measures()},
      {5, "warnings", schema::warnings()},
      {6, "monitoring", schema::monitoring()},
      {7, "procurement", schema::procurement()},
  };
  return all;
}

std::string render(std::string sql, Dialect d) {
  const std::string pk = d == Dialect::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
  const std::string tag = "{{PK}}";
  for (size_t at = sql.find(tag); at != std::string::npos; at = sql.find(tag, at)) sql.replace(at, tag.size(), pk);
  // Columns compared by byte order (materialised paths): PostgreSQL's default collation would not order '/'.
  const std::string bytes_tag = "{{BYTES}}";
  const std::string bytes = d == Dialect::sqlite ? "" : "COLLATE \"C\"";
  for (size_t at = sql.find(bytes_tag); at != std::string::npos; at = sql.find(bytes_tag, at)) sql.replace(at, bytes_tag.size(), bytes);
  if (d == Dialect::postgres) {
    // PostgreSQL's INTEGER and REAL are 32-bit: ids, counts and money (fen) need 64 bits there.
    for (const auto& [from, to] : {std::pair<std::string, std::string>{" INTEGER", " BIGINT"}, {" REAL", " DOUBLE PRECISION"}})
      for (size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at + to.size())) sql.replace(at, from.size(), to);
  }
  return sql;
}

}  // namespace

Result<int> migrate(Database& db) {
  int applied = 0;
  Status st = db.with([&](Connection& c) -> Status {
    LF_CHECK(c.exec_script("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    for (const auto& m : migrations()) {
      LF_CHECK(c.begin());
      // Read inside the transaction so that two instances starting at once apply each migration once.
      if (c.dialect() == Dialect::postgres) {
        auto locked = c.query("SELECT pg_advisory_xact_lock(7700001)");
        if (!locked.ok()) { c.rollback(); return std::move(locked).error(); }
      }
      auto done = c.query("SELECT 1 FROM schema_migrations WHERE version = ?", {int64_t{m.version}});
      if (!done.ok()) { c.rollback(); return std::move(done).error(); }
      if (!done->empty()) { c.rollback(); continue; }
      Status run = c.exec_script(render(m.sql, c.dialect()));
      const char* own = c.dialect() == Dialect::sqlite ? m.sqlite_sql : m.postgres_sql;
      if (run.ok() && own != nullptr) run = c.exec_script(render(own, c.dialect()));
      if (run.ok()) {
        auto rec = c.query("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                           {int64_t{m.version}, std::string(m.name), now_utc()});
        if (!rec.ok()) run = std::move(rec).error();
      }
      if (!run.ok()) { c.rollback(); return run; }
      LF_CHECK(c.commit());
      ++applied;
    }
    return ok();
  });
  if (!st.ok()) return std::move(st).error();
  return applied;
}

Status refresh_statistics(Database& db) {
  return db.with([](Connection& c) -> Status {
    if (c.dialect() == Dialect::sqlite) return c.exec_script("PRAGMA analysis_limit = 2000; ANALYZE;");
    return c.exec_script("ANALYZE");
  });
}

}  // namespace lf::db
