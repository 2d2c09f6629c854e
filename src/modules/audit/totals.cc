#include "modules/audit/totals.h"

#include <variant>

#include "modules/audit/version.h"

namespace lf::audit {
namespace {

// The cache key: the SQL and every parameter with its type, unambiguously separated.
std::string key_of(const std::string& sql, const db::Params& params) {
  std::string k = sql;
  for (const auto& v : params) {
    k += '\x1f';
    if (std::holds_alternative<std::nullptr_t>(v)) k += 'n';
    else if (auto* i = std::get_if<int64_t>(&v)) k += 'i' + std::to_string(*i);
    else if (auto* d = std::get_if<double>(&v)) k += 'd' + std::to_string(*d);
    else k += 's' + std::get<std::string>(v);
  }
  return k;
}

}  // namespace

Result<Totals::Snapshot> Totals::open(db::Connection& c) {
  // Read the version first: a write that commits after it can only make what is cached newer, never older,
  // and the next reader sees the new version and misses.
  LF_TRY(int64_t version, store_version(c));
  return Snapshot(*this, c, version);
}

Totals::Entry& Totals::entry(const std::string& key, int64_t version) {
  if (cache_.size() >= kMaxEntries && !cache_.count(key)) cache_.clear();
  Entry& e = cache_[key];
  if (e.version != version) e = Entry{version, -1, {}};
  return e;
}

Result<int64_t> Totals::Snapshot::count(const std::string& count_sql, const db::Params& params) {
  const std::string key = key_of(count_sql, params);
  {
    std::lock_guard lock(owner_.mu_);
    Entry& e = owner_.entry(key, version_);
    if (e.total >= 0 && read_caches_on()) return e.total;
  }
  LF_TRY(db::Rows n, conn_.query(count_sql, params));
  const int64_t total = n.integer(0, 0);
  std::lock_guard lock(owner_.mu_);
  owner_.entry(key, version_).total = total;
  return total;
}

std::optional<int64_t> Totals::Snapshot::anchor(const std::string& filter_sql, const db::Params& params,
                                                int64_t offset) {
  std::lock_guard lock(owner_.mu_);
  if (!read_caches_on()) return std::nullopt;
  Entry& e = owner_.entry(key_of(filter_sql, params), version_);
  auto it = e.anchors.find(offset);
  if (it == e.anchors.end()) return std::nullopt;
  return it->second;
}

void Totals::Snapshot::remember(const std::string& filter_sql, const db::Params& params, int64_t offset, int64_t id) {
  std::lock_guard lock(owner_.mu_);
  Entry& e = owner_.entry(key_of(filter_sql, params), version_);
  if (e.anchors.size() < kMaxAnchors) e.anchors[offset] = id;
}

}  // namespace lf::audit
