#include "modules/audit/read_cache.h"

#include "modules/audit/version.h"

namespace lf::audit {

std::shared_ptr<const std::string> ReadCache::get(const std::string& key, int64_t version) {
  if (!read_caches_on()) return nullptr;
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version) return nullptr;
  return it->second.answer;
}

void ReadCache::put(const std::string& key, int64_t version, std::string answer) {
  if (!read_caches_on()) return;
  std::lock_guard lock(mu_);
  // Entries of older versions are dead weight; when full, start over rather than track recency.
  if (entries_.size() >= max_entries_ && !entries_.count(key)) entries_.clear();
  entries_[key] = Entry{version, std::make_shared<const std::string>(std::move(answer))};
}

}  // namespace lf::audit
