#include "services/gateway/api/static_files.h"

#include <sys/stat.h>
#include <zlib.h>

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace fhub::gateway {

std::string ContentTypeOf(absl::string_view name) {
  struct Type {
    const char* extension;
    const char* type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  for (const Type& t : kTypes) {
    if (absl::EndsWith(name, t.extension)) return t.type;
  }
  return "application/octet-stream";
}

std::string Gzip(absl::string_view text) {
  z_stream z{};
  // 15 window bits + 16: the gzip wrapper.
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return "";
  }
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : "";
}

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

std::shared_ptr<const StaticFile> StaticFiles::Find(absl::string_view path) {
  if (path.empty() || path[0] != '/' || absl::StrContains(path, "..") ||
      absl::StrContains(path, "//") || absl::StrContains(path, '\\')) {
    return nullptr;
  }
  std::string relative(path.substr(1));
  if (relative.empty() || absl::EndsWith(relative, "/")) {
    absl::StrAppend(&relative, "index.html");
  }
  const std::string full = absl::StrCat(root_, "/", relative);
  struct stat info;
  if (stat(full.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return nullptr;
  const long long mtime =
      static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL +
      info.st_mtim.tv_nsec;
  {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(relative);
    if (it != cache_.end() && it->second.mtime_ns == mtime &&
        it->second.size == info.st_size) {
      return it->second.file;
    }
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream text;
  text << in.rdbuf();
  auto file = std::make_shared<StaticFile>();
  file->body = text.str();
  file->content_type = ContentTypeOf(relative);
  file->immutable = absl::StartsWith(relative, "assets/");
  const bool compressible = absl::StartsWith(file->content_type, "text/") ||
                            absl::StartsWith(file->content_type,
                                             "application/json") ||
                            absl::StartsWith(file->content_type, "image/svg");
  if (compressible && file->body.size() > 1024) {
    std::string gz = Gzip(file->body);
    if (!gz.empty() && gz.size() < file->body.size()) {
      file->gzipped = std::move(gz);
    }
  }
  absl::MutexLock lock(&mu_);
  cache_[relative] = Entry{mtime, static_cast<long long>(info.st_size), file};
  return file;
}

}  // namespace fhub::gateway
