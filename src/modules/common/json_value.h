// Small helpers for writing models as JSON.
#pragma once
#include <boost/json/value.hpp>
#include <optional>

namespace lf::list {

// The value, or JSON null when absent.
template <class T>
boost::json::value opt_json(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

}  // namespace lf::list
