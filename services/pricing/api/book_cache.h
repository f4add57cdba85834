#pragma once

// Each scope's price books (an authority's books with one provider under
// one framework, with all their cards) kept in memory for the hot read
// path: Quote, QuoteRange and CheckOffer then read no database at all once
// a scope has been read.
//
// Staying correct across replicas. Every change to a book or card notifies
// channel fhub_pricing_books with its scope when it commits (migration
// V002); a listener thread holds its own connection LISTENing on it and
// drops the scope. This replica's own changes also drop their scopes
// directly after commit, so a caller reads its own writes at once; another
// replica's change is seen as soon as its notification arrives (a few
// milliseconds). Two rules keep a read from caching what was already
// stale:
//   - a read that began before any drop does not store what it read (a
//     generation counter moves on every drop);
//   - while the listener is not connected (at start, or after its
//     connection fails) nothing is cached and every read goes to the
//     database; on reconnecting the cache starts empty, since
//     notifications sent meanwhile were lost.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/pricing/storage/pricing_store.h"

namespace fhub::pricing {

using ScopeBooks = std::shared_ptr<const std::vector<BookRecord>>;

struct BookCacheOptions {
  // libpq connection string of the listener's own connection.
  std::string database_url;
  // Scopes held at most; beyond it the cache starts again empty.
  size_t max_scopes = 200'000;
  // Wait before reconnecting a failed listener.
  absl::Duration reconnect_delay = absl::Seconds(1);
};

class BookCache {
 public:
  // The notification channel and the payload's separator.
  static constexpr char kChannel[] = "fhub_pricing_books";

  // "authority|provider|framework".
  static std::string Key(absl::string_view authority_id,
                         absl::string_view provider_id,
                         absl::string_view framework_id);

  explicit BookCache(BookCacheOptions options);
  // Stops the listener.
  ~BookCache();
  BookCache(const BookCache&) = delete;
  BookCache& operator=(const BookCache&) = delete;

  // Starts the listener thread.
  void Start();
  // Whether the listener is connected (and so the cache in use). Waits up
  // to `timeout` for it to become so.
  bool WaitUntilListening(absl::Duration timeout);

  // The books of `key`, from memory or else from `load` (a database read).
  absl::StatusOr<ScopeBooks> Get(
      const std::string& key,
      const std::function<absl::StatusOr<std::vector<BookRecord>>()>& load);

  // Drops `key` (after a change to it commits).
  void Invalidate(const std::string& key);

  // Reads served from memory and from the database, for tests and metrics.
  int64_t hits() const { return hits_.load(); }
  int64_t misses() const { return misses_.load(); }

 private:
  void Listen();
  void SetListening(bool listening);

  const BookCacheOptions options_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, ScopeBooks> scopes_ ABSL_GUARDED_BY(mu_);
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  bool listening_ ABSL_GUARDED_BY(mu_) = false;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> hits_{0}, misses_{0};
  std::thread listener_;
};

}  // namespace fhub::pricing
