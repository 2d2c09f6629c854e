// gzip for .xes.gz files, through zlib's inflate with automatic header detection.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "formats/xes.h"

namespace lf::formats {

bool is_gzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f && static_cast<unsigned char>(data[1]) == 0x8b;
}

Result<std::string> gunzip(std::string_view data) {
  auto bad = [](const char* what) {
    Error e = make_error("xes.bad_gzip");
    e.detail = what;
    return e;
  };
  std::string out;
  // A gzip member ends with its uncompressed size (mod 2^32): reserve that, so the text is not copied as it
  // grows (logs shrink ten- to twentyfold). Only a hint: concatenated members or huge files go past it.
  if (data.size() >= 18) {
    const auto* end = reinterpret_cast<const unsigned char*>(data.data() + data.size());
    uint32_t size = end[-4] | end[-3] << 8 | end[-2] << 16 | static_cast<uint32_t>(end[-1]) << 24;
    out.reserve(std::min<size_t>(size, data.size() * 1032));  // deflate cannot expand more than 1032:1
  }
  z_stream z{};
  // 15 + 32: the largest window, and a gzip or zlib header recognised automatically.
  if (inflateInit2(&z, 15 + 32) != Z_OK) return bad("inflateInit2 failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  char buffer[1 << 16];
  int rc = Z_OK;
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buffer, sizeof buffer - z.avail_out);
    if (rc == Z_STREAM_END) {
      // Another member may follow (concatenated .gz files); trailing zero padding is ignored as gunzip does.
      if (z.avail_in == 0 || !is_gzip(std::string_view(reinterpret_cast<const char*>(z.next_in), z.avail_in))) break;
      if (inflateReset(&z) != Z_OK) break;
    } else if (z.avail_in == 0 && z.avail_out != 0) {
      rc = Z_DATA_ERROR;  // the input ended inside a member
      break;
    }
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return bad(rc == Z_DATA_ERROR || rc == Z_BUF_ERROR ? "corrupt or truncated data" : "inflate failed");
  return out;
}

Result<engine::EventLog> read_xes_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e = make_error("xes.unreadable");
    e.detail = path;
    return e;
  }
  std::ostringstream s;
  s << in.rdbuf();
  std::string data = std::move(s).str();
  if (!is_gzip(data)) return read_xes_in_place(std::move(data));
  LF_TRY(std::string xml, gunzip(data));
  return read_xes_in_place(std::move(xml));
}

}  // namespace lf::formats
