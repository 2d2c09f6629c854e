// Cardinal's settings file (`ocdscardinal init` writes one) read into the red-flag engine's settings, with
// a section per Chinese pattern ([SHARED-CONTACT], ..., [BLACKLIST]; docs/redflags.md).
// An indicator runs only when its section is present, even empty. The `prepare` command's sections
// ([defaults], [redactions], [corrections], [modifications], [codelists.*]) are accepted and ignored, so that a
// file written for Cardinal works unchanged; any other section or key is an error that names it.
#pragma once
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "engine/redflags.h"

namespace lf::formats {

// `[BLACKLIST] file` is read here: a relative path is taken from `base_dir` (the settings file's folder;
// empty = the current directory).
// Errors: ini.syntax, redflags.settings_unknown_section, redflags.settings_unknown_key,
// redflags.settings_bad_value, redflags.settings_missing_key (each naming the section, key or line);
// redflags.blacklist_unreadable, redflags.blacklist_invalid (naming the file; the detail names the line).
Result<engine::redflags::Settings> read_redflags_settings(std::string_view ini_text,
                                                          const std::filesystem::path& base_dir = {});
// The settings file at `path`; a relative `[BLACKLIST] file` is taken from the settings file's folder (not the
// current directory). Errors: those of read_redflags_settings, redflags.settings_unreadable.
Result<engine::redflags::Settings> read_redflags_settings_file(const std::filesystem::path& path);

// A debarment list: CSV (RFC 4180) with a header row naming the columns id, name, start, end (any order;
// 统一社会信用代码/信用代码, 名称/企业名称/单位名称, 开始日期, 结束日期 also accepted; other columns ignored; id
// or name required); dates YYYY-MM-DD. Rows with neither an id nor a name are skipped.
// Errors: redflags.blacklist_invalid (the detail names the line).
Status read_debarment_csv(std::string_view csv_text, engine::redflags::BlacklistSettings& into);

// Cardinal's lists: values separated by `|`, a trailing `|` ignored ("a|b|" is a and b; "" is no value).
engine::redflags::NameSet split_pipe_list(std::string_view value);

}  // namespace lf::formats
