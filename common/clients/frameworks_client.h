#pragma once

// What the other services ask the frameworks service, which owns
// frameworks, their lead, members and lots. Callers call as a SERVICE with
// a deadline; when the frameworks service cannot answer, the caller's own
// call fails with UNAVAILABLE and changes nothing.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"

namespace fhub {

// A framework as the frameworks service described it at one moment.
struct FrameworkSnapshot {
  std::string framework_id;
  std::string lead_authority_id;
  // ACTIVE: in use (providers apply, councils buy).
  bool active = false;
  std::vector<std::string> active_member_ids;
  std::vector<frameworks::v1::Lot> lots;
  // The ages the framework serves.
  int minimum_age = 0;
  int maximum_age = 25;

  bool IsLead(absl::string_view authority_id) const;
  bool IsActiveMember(absl::string_view authority_id) const;
  // The lot, or null if the framework has none of that id.
  const frameworks::v1::Lot* FindLot(absl::string_view lot_id) const;
};

struct FrameworksClientOptions {
  std::shared_ptr<grpc::Channel> channel;
  // The "authorization" metadata of each call (ServiceTokenSource).
  std::function<absl::StatusOr<std::string>()> authorization;
  absl::Duration deadline = absl::Seconds(2);
  // How long a framework's snapshot is reused without `fresh`.
  absl::Duration cache_ttl = absl::Seconds(5);
};

class FrameworksClient {
 public:
  FrameworksClient(FrameworksClientOptions options, const Clock* clock);

  // NOT_FOUND "frameworks/{id} is not found" for an unknown framework;
  // UNAVAILABLE for any other failure. `fresh` skips the cache (use it
  // before a change that depends on membership).
  absl::StatusOr<FrameworkSnapshot> Framework(const std::string& framework_id,
                                              bool fresh);
  // Whether a lot admits applications at `at`, as the frameworks service
  // answers it; errors as Framework.
  absl::StatusOr<frameworks::v1::AdmissionStatus> Admission(
      const std::string& framework_id, const std::string& lot_id,
      absl::Time at);

 private:
  absl::Status Prepare(grpc::ClientContext& context);
  absl::StatusOr<FrameworkSnapshot> Fetch(const std::string& framework_id);

  FrameworksClientOptions options_;
  const Clock& clock_;
  std::unique_ptr<frameworks::v1::FrameworkService::Stub> stub_;
  struct Cached {
    FrameworkSnapshot snapshot;
    absl::Time fetched;
  };
  absl::Mutex mu_;
  std::map<std::string, Cached> cache_ ABSL_GUARDED_BY(mu_);
};

// A failed call to another service as the caller's own caller should see
// it: NOT_FOUND passes through as "{what} is not found", anything else
// means no answer can be had now (UNAVAILABLE naming `service`).
absl::Status FromPeer(const grpc::Status& status, absl::string_view service,
                      absl::string_view what);

}  // namespace fhub
