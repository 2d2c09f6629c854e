// Schema text of the later migrations, one file per module (migrations.cc lists them in order).
#pragma once

namespace lf::db::schema {

const char* measures();  // v4: control measures, indicators, measurements, check tasks, evidence files
const char* procurement();  // v7: contracting processes, participants, red flags, settings
const char* monitoring();  // v6: ingest tokens, events, monitoring rules, the monitor's saved state
const char* warnings();  // v5: warnings, their history and proposals; calendar overrides; notice templates

}  // namespace lf::db::schema
