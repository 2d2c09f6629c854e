// What paged lists can reuse until the store next changes (see version.h): the total of a filter, and where
// each page starts. One indexed MAX(id) lookup then replaces a COUNT(*) over every row in the caller's scope,
// and a page turn becomes a seek (`id >= anchor LIMIT n`) instead of stepping over OFFSET rows.
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "db/database.h"

namespace lf::audit {

class Totals {
 public:
  // A view of the cache at the store's current version; read it once per request.
  class Snapshot {
   public:
    // The value of `count_sql` (SELECT COUNT(*) ... with `params`), from the cache when still current.
    Result<int64_t> count(const std::string& count_sql, const db::Params& params);
    // The id of the row at `offset` of the list filtered by (`filter_sql`, `params`) ordered by id, if known.
    std::optional<int64_t> anchor(const std::string& filter_sql, const db::Params& params, int64_t offset);
    void remember(const std::string& filter_sql, const db::Params& params, int64_t offset, int64_t id);

   private:
    friend class Totals;
    Snapshot(Totals& owner, db::Connection& c, int64_t version) : owner_(owner), conn_(c), version_(version) {}
    Totals& owner_;
    db::Connection& conn_;
    int64_t version_;
  };

  Result<Snapshot> open(db::Connection& c);

 private:
  struct Entry {
    int64_t version = -1;
    int64_t total = 0;
    std::map<int64_t, int64_t> anchors;  // offset -> id of the first row there
  };
  Entry& entry(const std::string& key, int64_t version);  // caller holds mu_

  static constexpr size_t kMaxEntries = 4096;
  static constexpr size_t kMaxAnchors = 1024;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;
};

}  // namespace lf::audit
