// JSON in and out for routes: a typed reader over a request body that reports the offending field, the
// error body of DESIGN.md, and paging parameters.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "http/message.h"

namespace lf::http {

namespace json = boost::json;

// A parsed JSON object body. Missing keys read as nullopt; a key present with the wrong type is an error
// naming that field. JSON null reads as nullopt too ("clear this field").
class Body {
 public:
  static Result<Body> parse(const std::string& text);
  bool has(const char* key) const { return obj_.contains(key); }
  bool is_null(const char* key) const { return has(key) && obj_.at(key).is_null(); }
  Result<std::optional<std::string>> str(const char* key) const;
  Result<std::optional<int64_t>> integer(const char* key) const;
  Result<std::optional<double>> number(const char* key) const;  // a finite JSON number
  Result<std::optional<bool>> boolean(const char* key) const;
  Result<std::optional<std::vector<std::string>>> strings(const char* key) const;
  Result<std::optional<std::vector<int64_t>>> integers(const char* key) const;
  Result<std::optional<json::object>> object(const char* key) const;

 private:
  json::object obj_;
};

struct Page {
  int64_t page = 1;
  int64_t size = 20;
  int64_t offset() const { return (page - 1) * size; }
};
// Reads ?page= and ?size= (size 1..500, default 20).
Result<Page> read_page(const Request& req);
// Reads an optional integer query parameter (an id filter); a non-number is an error on that field.
Result<std::optional<int64_t>> query_id(const Request& req, const std::string& name);
// Whether a query flag is on (?overdue=1 or ?overdue=true).
bool query_flag(const Request& req, const std::string& name);
// Reads the {id} path parameter at `index`.
Result<int64_t> path_id(const Request& req, size_t index = 0);

Response json_response(const json::value& v, int status = 200);
Response error_response(const Error& e);
// {"items":[...],"total":N,"page":P,"size":S}
Response list_response(json::array items, int64_t total, const Page& page);

// "attachment" with the name in ASCII (fallback) and in UTF-8 (RFC 5987), for downloads.
std::string attachment(const std::string& utf8_name, const std::string& ascii_fallback);

// Converts a nullable id for output.
inline json::value id_or_null(const std::optional<int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

}  // namespace lf::http
