// Errors as values. Every failure a user can cause travels as an Error up to the route, which turns it into
// a 4xx with a stable code and a message in Chinese and English. Nothing below the routes throws across a
// module boundary.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace lf {

struct Error {
  std::string code;        // stable, dotted: "org.post.name_required"
  std::string message;     // zh-CN, shown first
  std::string message_en;  // English
  std::string field;       // the form field at fault, if any
  int status = 400;        // HTTP status a route answers with
  std::string detail;      // for logs and the command line only, never sent to a browser (driver text, SQL)
};

// Builds an Error from the message catalogue (base/messages.cc); unknown codes fall back to the code itself.
Error make_error(std::string_view code, std::string_view field = {}, int status = 400);
// Same, with `{}` in both texts replaced by `arg` (a name the user gave: a post, a department).
Error make_error_arg(std::string_view code, std::string_view field, std::string_view arg, int status = 400);
// A 500 whose cause (`detail`, e.g. a database driver's text) is kept for logs, not shown to users.
Error internal_error(std::string_view detail);

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(implicit)
  Result(Error error) : v_(std::move(error)) {}      // NOLINT(implicit)
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status ok() { return Ok{}; }

}  // namespace lf

// Propagates an error from an expression yielding Result<...>; binds the value otherwise.
#define LF_CONCAT2(a, b) a##b
#define LF_CONCAT(a, b) LF_CONCAT2(a, b)
#define LF_TRY_IMPL(tmp, decl, ...) \
  auto tmp = (__VA_ARGS__);         \
  if (!tmp.ok()) return std::move(tmp).error(); \
  decl = std::move(tmp).value()
#define LF_TRY(decl, ...) LF_TRY_IMPL(LF_CONCAT(lf_try_, __LINE__), decl, __VA_ARGS__)
#define LF_CHECK(...)                                   \
  do {                                                  \
    auto lf_chk = (__VA_ARGS__);                        \
    if (!lf_chk.ok()) return std::move(lf_chk).error(); \
  } while (0)
