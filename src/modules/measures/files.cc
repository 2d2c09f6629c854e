// Evidence files: checked by their first bytes (not by the name or the declared type), bounded in size,
// stored base64 in the database so that one backup holds everything.
#include <boost/json.hpp>

#include "base/crypto.h"
#include "base/text.h"
#include "modules/audit/audit.h"
#include "modules/measures/measure_util.h"
#include "modules/measures/service.h"

namespace lf::measures {

namespace {

// The content type a file's bytes show, or "" for a type we do not keep.
std::string sniff(const std::string& b, const std::string& name) {
  auto starts = [&](std::string_view magic) { return b.compare(0, magic.size(), magic) == 0; };
  if (starts("%PDF-")) return "application/pdf";
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (starts("PK\x03\x04")) {
    if (ends(".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ends(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return "";
  }
  if (ends(".txt") && is_valid_utf8(b)) return "text/plain; charset=utf-8";
  return "";
}

}  // namespace

Result<store::File> MeasureService::upload(const Principal& who, const std::string& name_in, const std::string& bytes) {
  const std::string name = trim(name_in);
  if (name.empty() || utf8_length(name) > 200 || !is_valid_utf8(name) || name.find('/') != std::string::npos)
    return make_error("file.name_invalid", "name");
  if (bytes.empty()) return make_error("file.empty", "file");
  if (bytes.size() > kMaxFile) return make_error("file.too_large", "file", 413);
  store::File f;
  f.content_type = sniff(bytes, name);
  if (f.content_type.empty()) return make_error("file.type_not_allowed", "file", 415);
  f.name = name;
  f.size = int64_t(bytes.size());
  f.sha256 = sha256_hex(bytes);
  f.data = to_base64(bytes);
  f.uploaded_by = who.id;
  return db::write<store::File>(db_, [&](db::Connection& c) -> Result<store::File> {
    LF_TRY(f.id, store::insert_file(c, f));
    audit::Entry e{who.id, who.username, "upload", "file", std::to_string(f.id)};
    e.after_json = boost::json::serialize(
        boost::json::object{{"name", f.name}, {"content_type", f.content_type}, {"size", f.size}, {"sha256", f.sha256}});
    LF_CHECK(audit::append(c, e));
    store::File out = f;
    out.data.clear();
    return out;
  });
}

Result<store::File> MeasureService::download(const Principal& who, int64_t id) {
  return db::read<store::File>(db_, [&](db::Connection& c) -> Result<store::File> {
    LF_TRY(auto f, store::find_file(c, id, true));
    if (!f) return make_error("file.not_found", "", 404);
    bool may = f->uploaded_by == who.id;
    if (!may) {
      LF_TRY(auto measures, store::file_measures(c, id));
      for (int64_t m : measures) {
        auto seen = detail::readable(c, who, m);
        if (seen.ok()) { may = true; break; }
        if (seen.error().status != 404) return std::move(seen).error();
      }
    }
    if (!may) return make_error("file.not_found", "", 404);
    std::string bytes;
    if (!from_base64(f->data, bytes)) return internal_error("file " + std::to_string(id) + " is not valid base64");
    f->data = std::move(bytes);
    return *f;
  });
}

}  // namespace lf::measures
