#pragma once

// The event streams this process serves, for /metrics: how many each
// follower has open and how far the furthest behind is from the newest
// placed event (fhub_outbox_followers, fhub_outbox_follower_lag_events).

#include <cstdint>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/metrics.h"

namespace fhub {

class OutboxFollowers {
 public:
  // An open stream; it stops being counted when destroyed.
  class Stream {
   public:
    Stream(Stream&& other) noexcept;
    Stream& operator=(Stream&&) = delete;
    ~Stream();
    // The follower has been sent everything up to `delivered`; the newest
    // placed event is `last_placed`.
    void Update(int64_t delivered, int64_t last_placed);

   private:
    friend class OutboxFollowers;
    Stream(OutboxFollowers* owner, uint64_t id) : owner_(owner), id_(id) {}
    OutboxFollowers* owner_;
    uint64_t id_;
  };

  // The process's streams, written into metrics::Default().
  static OutboxFollowers& Default();

  Stream Open(std::string follower);
  void Write(metrics::ExpositionWriter& out) const;

 private:
  struct Open_ {
    std::string follower;
    int64_t lag = 0;
  };
  mutable absl::Mutex mu_;
  uint64_t next_ ABSL_GUARDED_BY(mu_) = 1;
  std::map<uint64_t, Open_> streams_ ABSL_GUARDED_BY(mu_);
};

}  // namespace fhub
