#pragma once

// Follows the registry's and the frameworks service's event streams and
// applies what concerns referrals:
//   - a provider suspended for an authority (MEMBER_ONLY) loses its open
//     invitations from that authority; suspended framework-wide or removed
//     from the framework, it loses all its open invitations under it;
//   - a framework that expires or is terminated, or a member that ceases,
//     stops new referrals (and referrals not yet placed are cancelled);
//     placements run on.
// Each event is applied in one transaction with the stream position, which
// is locked first, so an event is applied exactly once even with several
// replicas following, and a restart resumes after the last event applied.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "services/referrals/api/peers.h"
#include "services/referrals/api/referrals_service.h"

namespace fhub::referrals {

struct FollowerOptions {
  // Channels and token of the services followed.
  PeerOptions registry;
  PeerOptions frameworks;
  // Wait before reconnecting after a stream ends or fails.
  absl::Duration retry = absl::Seconds(1);
};

class ReferralsFollower {
 public:
  ReferralsFollower(db::Pool* pool, ReferralsStore* store,
                    ReferralsServiceImpl* service, FollowerOptions options);
  ~ReferralsFollower();
  ReferralsFollower(const ReferralsFollower&) = delete;
  ReferralsFollower& operator=(const ReferralsFollower&) = delete;

  // Starts following both streams on threads of their own.
  void Start();
  // Hangs up and joins the threads.
  void Stop();

  // Applies one event of each stream (exposed for tests); an event at or
  // before the saved position is skipped.
  absl::Status Apply(const registry::v1::Event& event);
  absl::Status Apply(const frameworks::v1::Event& event);

 private:
  template <typename Stub, typename Event>
  void Follow(const std::string& source, const PeerOptions& peer);
  // Runs `body` with the position of `source` locked, if `sequence` is new.
  absl::Status Once(const std::string& source, int64_t sequence,
                    const std::function<absl::Status(db::Tx&)>& body);
  absl::StatusOr<int64_t> Position(const std::string& source);

  db::Pool& pool_;
  ReferralsStore& store_;
  ReferralsServiceImpl& service_;
  FollowerOptions options_;
  absl::Notification stop_;
  absl::Mutex mu_;
  std::vector<grpc::ClientContext*> live_ ABSL_GUARDED_BY(mu_);
  std::vector<std::thread> threads_;
};

}  // namespace fhub::referrals
