#include "http/json.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <iostream>

namespace lf::http {

Result<Body> Body::parse(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text.empty() ? std::string("{}") : text, ec);
  if (ec || !v.is_object()) return make_error("request.bad_json");
  Body b;
  b.obj_ = std::move(v.as_object());
  return b;
}

Result<std::optional<std::string>> Body::str(const char* key) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return std::optional<std::string>();
  if (!it->value().is_string()) return make_error("request.field_type", key);
  return std::optional<std::string>(std::string(it->value().as_string()));
}

Result<std::optional<int64_t>> Body::integer(const char* key) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return std::optional<int64_t>();
  const auto& v = it->value();
  if (v.is_int64()) return std::optional<int64_t>(v.as_int64());
  if (v.is_uint64() && v.as_uint64() <= uint64_t(INT64_MAX)) return std::optional<int64_t>(int64_t(v.as_uint64()));
  if (v.is_double() && v.as_double() == double(int64_t(v.as_double()))) return std::optional<int64_t>(int64_t(v.as_double()));
  return make_error("request.field_type", key);
}

Result<std::optional<double>> Body::number(const char* key) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return std::optional<double>();
  if (!it->value().is_number()) return make_error("request.field_type", key);
  const double d = it->value().to_number<double>();
  if (!std::isfinite(d)) return make_error("request.field_type", key);
  return std::optional<double>(d);
}

Result<std::optional<bool>> Body::boolean(const char* key) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return std::optional<bool>();
  if (!it->value().is_bool()) return make_error("request.field_type", key);
  return std::optional<bool>(it->value().as_bool());
}

Result<std::optional<std::vector<std::string>>> Body::strings(const char* key) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return std::optional<std::vector<std::string>>();
  if (!it->value().is_array()) return make_error("request.field_type", key);
  std::vector<std::string> out;
  for (const auto& e : it->value().as_array()) {
    if (!e.is_string()) return make_error("request.field_type", key);
    out.emplace_back(e.as_string());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<std::optional<std::vector<int64_t>>> Body::integers(const char* key) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return std::optional<std::vector<int64_t>>();
  if (!it->value().is_array()) return make_error("request.field_type", key);
  std::vector<int64_t> out;
  for (const auto& e : it->value().as_array()) {
    if (e.is_int64()) out.push_back(e.as_int64());
    else if (e.is_uint64() && e.as_uint64() <= uint64_t(INT64_MAX)) out.push_back(int64_t(e.as_uint64()));
    else return make_error("request.field_type", key);
  }
  return std::optional<std::vector<int64_t>>(std::move(out));
}

Result<std::optional<json::object>> Body::object(const char* key) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return std::optional<json::object>();
  if (!it->value().is_object()) return make_error("request.field_type", key);
  return std::optional<json::object>(it->value().as_object());
}

namespace {
std::optional<int64_t> to_int(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

Result<Page> read_page(const Request& req) {
  Page p;
  if (auto s = req.q("page"); s && !s->empty()) {
    auto v = to_int(*s);
    if (!v || *v < 1 || *v > 1000000000) return make_error("request.page_invalid", "page");
    p.page = *v;
  }
  if (auto s = req.q("size"); s && !s->empty()) {
    auto v = to_int(*s);
    if (!v || *v < 1 || *v > 500) return make_error("request.size_invalid", "size");
    p.size = *v;
  }
  return p;
}

Result<std::optional<int64_t>> query_id(const Request& req, const std::string& name) {
  auto s = req.q(name);
  if (!s || s->empty()) return std::optional<int64_t>();
  auto v = to_int(*s);
  if (!v || *v < 1) return make_error("request.id_invalid", name);
  return std::optional<int64_t>(*v);
}

bool query_flag(const Request& req, const std::string& name) {
  auto v = req.q(name);
  return v && (*v == "1" || *v == "true");
}

Result<int64_t> path_id(const Request& req, size_t index) {
  if (index >= req.params.size()) return make_error("request.id_invalid", "id");
  auto v = to_int(req.params[index]);
  // An id that cannot exist is simply not found, as for any other absent object.
  if (!v || *v < 1) return make_error("request.not_found", "", 404);
  return *v;
}

Response json_response(const json::value& v, int status) {
  Response r;
  r.status = status;
  r.body = json::serialize(v);
  return r;
}

Response error_response(const Error& e) {
  if (!e.detail.empty()) std::cerr << "error " << e.code << " (" << e.status << "): " << e.detail << "\n";
  json::object err{{"code", e.code}, {"message", e.message}, {"message_en", e.message_en}};
  if (!e.field.empty()) err["field"] = e.field;
  return json_response(json::object{{"error", std::move(err)}}, e.status);
}

Response list_response(json::array items, int64_t total, const Page& page) {
  return json_response(json::object{{"items", std::move(items)}, {"total", total}, {"page", page.page}, {"size", page.size}});
}

std::string attachment(const std::string& utf8_name, const std::string& ascii_fallback) {
  static const char* hex = "0123456789ABCDEF";
  std::string enc;
  for (unsigned char ch : utf8_name) {
    if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') enc += char(ch);
    else {
      enc += '%';
      enc += hex[ch >> 4];
      enc += hex[ch & 15];
    }
  }
  return "attachment; filename=\"" + ascii_fallback + "\"; filename*=UTF-8''" + enc;
}

}  // namespace lf::http
