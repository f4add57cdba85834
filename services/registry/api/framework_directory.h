#pragma once

// What the registry asks the frameworks service, which owns frameworks,
// their lead, members and lots: who holds a framework and which lots it
// has, and whether admission to a lot is open. The registry calls it as a
// SERVICE with a deadline; when it cannot answer, the registry's call fails
// with UNAVAILABLE and changes nothing.

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "services/registry/domain/model.h"
#include "services/registry/domain/suspension_rules.h"

namespace fhub::registry {

// A framework as the registry needs to know it.
struct FrameworkFacts {
  FrameworkAuthorities authorities;
  // ACTIVE: providers may apply, be suspended and be searched.
  bool active = false;
  std::vector<LotRule> lots;

  // The lot's rule, or INVALID_ARGUMENT naming `field` for a lot the
  // framework does not have.
  absl::StatusOr<LotRule> Lot(absl::string_view field,
                              absl::string_view lot_id) const;
  bool IsLead(absl::string_view authority_id) const;
  bool IsActiveMember(absl::string_view authority_id) const;
};

// Whether providers may apply to a lot now, and the next window if not.
struct AdmissionAnswer {
  bool open = false;
  std::optional<absl::Time> next_open;
  std::optional<absl::Time> next_close;
};

class FrameworkDirectory {
 public:
  virtual ~FrameworkDirectory() = default;

  // NOT_FOUND for an unknown framework; UNAVAILABLE when the frameworks
  // service cannot answer. `fresh` skips any cached answer (use it before a
  // change that depends on membership).
  virtual absl::StatusOr<FrameworkFacts> Framework(
      const std::string& framework_id, bool fresh) = 0;
  virtual absl::StatusOr<AdmissionAnswer> Admission(
      const std::string& framework_id, const std::string& lot_id,
      absl::Time at) = 0;
};

struct GrpcFrameworkDirectoryOptions {
  std::shared_ptr<grpc::Channel> channel;
  // "Bearer <jwt>" of a SERVICE token; `refresh_token` gives a new one
  // before this one expires.
  std::function<absl::StatusOr<std::string>()> authorization;
  absl::Duration deadline = absl::Seconds(2);
  // How long a framework's facts are reused without `fresh`.
  absl::Duration cache_ttl = absl::Seconds(5);
};

// The frameworks service over gRPC.
class GrpcFrameworkDirectory : public FrameworkDirectory {
 public:
  GrpcFrameworkDirectory(GrpcFrameworkDirectoryOptions options,
                         const Clock* clock);

  absl::StatusOr<FrameworkFacts> Framework(const std::string& framework_id,
                                           bool fresh) override;
  absl::StatusOr<AdmissionAnswer> Admission(const std::string& framework_id,
                                            const std::string& lot_id,
                                            absl::Time at) override;

 private:
  absl::Status Prepare(grpc::ClientContext& context);
  absl::StatusOr<FrameworkFacts> Fetch(const std::string& framework_id);

  GrpcFrameworkDirectoryOptions options_;
  const Clock& clock_;
  std::unique_ptr<frameworks::v1::FrameworkService::Stub> stub_;
  struct Cached {
    FrameworkFacts facts;
    absl::Time fetched;
  };
  absl::Mutex mu_;
  std::map<std::string, Cached> cache_ ABSL_GUARDED_BY(mu_);
};

// "Bearer <jwt>" for the registry's own SERVICE identity, signed with the
// hub's HMAC key and renewed before it expires; or a fixed token read from
// a file when the hub verifies with a public key (the registry cannot sign).
class ServiceTokenSource {
 public:
  ServiceTokenSource(std::string key, std::string algorithm, std::string issuer,
                     std::string audience, std::string fixed_token,
                     const Clock* clock);
  absl::StatusOr<std::string> Authorization();

 private:
  std::string key_, algorithm_, issuer_, audience_, fixed_token_;
  const Clock& clock_;
  absl::Mutex mu_;
  std::string current_ ABSL_GUARDED_BY(mu_);
  absl::Time expires_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace fhub::registry
