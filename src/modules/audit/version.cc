#include "modules/audit/version.h"

#include <atomic>

namespace lf::audit {
namespace {
std::atomic<bool> g_read_caches{true};
}

void set_read_caches(bool on) { g_read_caches = on; }
bool read_caches_on() { return g_read_caches; }

Result<int64_t> store_version(db::Connection& c) {
  // A bare MAX over the primary key: both stores answer it from the end of the index.
  LF_TRY(db::Rows head, c.query("SELECT MAX(id) FROM audit_log"));
  return head.opt_integer(0, 0).value_or(0);
}

}  // namespace lf::audit
