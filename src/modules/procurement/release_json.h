// A contracting process read from CSV, written back as the OCDS compiled release it stands for, so that the
// platform keeps one form (and the reader gives the same facts back: see the round-trip test).
#pragma once
#include <string>

#include "engine/redflags.h"

namespace lf::procurement {

std::string release_json(const engine::redflags::ProcessFacts& p, const std::string& title = "");

}  // namespace lf::procurement
