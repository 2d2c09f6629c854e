// Finished answers to reads (a serialised list page), kept per store version (see version.h). A read that
// depends only on its key and the store's content can be answered again without touching the tables until
// the next write anywhere moves the version.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace lf::audit {

class ReadCache {
 public:
  explicit ReadCache(size_t max_entries = 8192) : max_entries_(max_entries) {}
  // The answer stored under `key` for exactly `version`, if any.
  std::shared_ptr<const std::string> get(const std::string& key, int64_t version);
  void put(const std::string& key, int64_t version, std::string answer);

 private:
  struct Entry {
    int64_t version;
    std::shared_ptr<const std::string> answer;
  };
  size_t max_entries_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace lf::audit
