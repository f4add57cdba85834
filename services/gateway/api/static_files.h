#pragma once

// The web console's built files, served from memory: each file is read
// once (again when it changes on disk) and kept with a gzip copy made once,
// so a browser's page load costs no compression work. (cpp-httplib would
// otherwise Brotli-compress every text response at its slowest setting.)

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace fhub::gateway {

struct StaticFile {
  std::string content_type;
  std::string body;
  std::string gzipped;  // empty when compressing would not help
  // Vite names its assets by their content: they never change.
  bool immutable = false;
};

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);

  const std::string& root() const { return root_; }
  // The file `path` names under the root ("/" is index.html), or null when
  // there is none (or the path tries to leave the root).
  std::shared_ptr<const StaticFile> Find(absl::string_view path);

 private:
  struct Entry {
    long long mtime_ns = 0;
    long long size = 0;
    std::shared_ptr<const StaticFile> file;
  };

  const std::string root_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> cache_ ABSL_GUARDED_BY(mu_);
};

// The MIME type of a file name by its extension.
std::string ContentTypeOf(absl::string_view name);

// `text` in gzip format (zlib, best compression).
std::string Gzip(absl::string_view text);

}  // namespace fhub::gateway
