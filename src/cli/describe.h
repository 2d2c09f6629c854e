// Errors for the terminal: both languages and, when there is one, the underlying cause.
#pragma once
#include <string>

#include "base/result.h"

namespace lf::cli {

inline std::string describe(const Error& e) {
  std::string s = e.message + " / " + e.message_en;
  if (!e.detail.empty()) s += " (" + e.detail + ")";
  return s;
}

}  // namespace lf::cli
