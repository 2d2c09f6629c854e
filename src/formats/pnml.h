// PNML (the Petri Net Markup Language, core model) in and out, compatible with ProM and PM4Py files:
// transitions whose toolspecific activity is "$invisible$" (or that have no name) are silent.
#pragma once
#include <string>
#include <string_view>

#include "base/result.h"
#include "engine/petri_net.h"

namespace lf::formats {

// Errors: pnml.not_xml, pnml.no_net, pnml.bad_arc (an arc whose ends are not a place and a transition).
Result<engine::PetriNet> read_pnml(std::string_view xml);
std::string write_pnml(const engine::PetriNet& net);

}  // namespace lf::formats
