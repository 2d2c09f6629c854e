// Cardinal's settings file (`ocdscardinal init` writes one) read into the red-flag engine's settings.
// An indicator runs only when its section is present, even empty. The `prepare` command's sections
// ([defaults], [redactions], [corrections], [modifications], [codelists.*]) are accepted and ignored, so that a
// file written for Cardinal works unchanged; any other section or key is an error that names it.
#pragma once
#include <string_view>

#include "base/result.h"
#include "engine/redflags.h"

namespace lf::formats {

// Errors: ini.syntax, redflags.settings_unknown_section, redflags.settings_unknown_key,
// redflags.settings_bad_value (each naming the section, key or line).
Result<engine::redflags::Settings> read_redflags_settings(std::string_view ini_text);

// Cardinal's lists: values separated by `|`, a trailing `|` ignored ("a|b|" is a and b; "" is no value).
engine::redflags::NameSet split_pipe_list(std::string_view value);

}  // namespace lf::formats
