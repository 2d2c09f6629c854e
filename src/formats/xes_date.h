// Timestamps as event logs write them: XES's xs:dateTime ("2011-10-11T13:42:22.688+02:00") and the looser forms
// of CSV exports ("2010-12-30 14:32:00+01:00", "2010-12-30 14:32", "2010-12-30"). Shared by the XES and CSV
// readers so that both logs of one process order their events alike.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "engine/log.h"

namespace lf::formats {

// Accepts YYYY-MM-DD (or YYYY/MM/DD), optionally followed by 'T' or ' ' and HH:MM[:SS[.fraction]], then 'Z',
// an offset ±HH:MM, ±HHMM or ±HH, or nothing: a time without an offset is taken as UTC. Fractions beyond
// microseconds are truncated. nullopt when the text is not such a timestamp or names an impossible date or time.
std::optional<engine::Timestamp> parse_timestamp(std::string_view text);

// RFC 3339 in the offset it was written with, milliseconds when not whole seconds: "2010-12-30T14:32:00+01:00".
std::string format_timestamp(const engine::Timestamp& t);

}  // namespace lf::formats
