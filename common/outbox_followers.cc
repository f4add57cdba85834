#include "common/outbox_followers.h"

#include <algorithm>

namespace fhub {

OutboxFollowers::Stream::Stream(Stream&& other) noexcept
    : owner_(other.owner_), id_(other.id_) {
  other.owner_ = nullptr;
}

OutboxFollowers::Stream::~Stream() {
  if (owner_ == nullptr) return;
  absl::MutexLock lock(&owner_->mu_);
  owner_->streams_.erase(id_);
}

void OutboxFollowers::Stream::Update(int64_t delivered, int64_t last_placed) {
  if (owner_ == nullptr) return;
  absl::MutexLock lock(&owner_->mu_);
  auto it = owner_->streams_.find(id_);
  if (it != owner_->streams_.end()) {
    it->second.lag = std::max<int64_t>(0, last_placed - delivered);
  }
}

OutboxFollowers& OutboxFollowers::Default() {
  static OutboxFollowers* followers = [] {
    auto* made = new OutboxFollowers();
    // Kept for the life of the process, like the registry.
    static metrics::Collection collection = metrics::Default().AddCollector(
        [made](metrics::ExpositionWriter& out) { made->Write(out); });
    return made;
  }();
  return *followers;
}

OutboxFollowers::Stream OutboxFollowers::Open(std::string follower) {
  absl::MutexLock lock(&mu_);
  const uint64_t id = next_++;
  streams_.emplace(id, Open_{std::move(follower), 0});
  return Stream(this, id);
}

void OutboxFollowers::Write(metrics::ExpositionWriter& out) const {
  std::map<std::string, std::pair<int, int64_t>> by_follower;  // count, lag
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [id, stream] : streams_) {
      auto& [count, lag] = by_follower[stream.follower];
      ++count;
      lag = std::max(lag, stream.lag);
    }
  }
  out.BeginFamily("fhub_outbox_followers", "gauge",
                  "Event streams open, by follower.");
  out.BeginFamily("fhub_outbox_follower_lag_events", "gauge",
                  "Placed events not yet sent to the follower's furthest "
                  "behind stream.");
  for (const auto& [follower, figures] : by_follower) {
    const metrics::Labels labels = {{"follower", follower}};
    out.Sample("fhub_outbox_followers", "fhub_outbox_followers", labels,
               figures.first);
    out.Sample("fhub_outbox_follower_lag_events",
               "fhub_outbox_follower_lag_events", labels, figures.second);
  }
}

}  // namespace fhub
