#pragma once

// What the registry asks the frameworks service, which owns frameworks,
// their lead, members and lots: who holds a framework and which lots it
// has, and whether admission to a lot is open. The registry calls it as a
// SERVICE with a deadline; when it cannot answer, the registry's call fails
// with UNAVAILABLE and changes nothing.

#include <grpcpp/grpcpp.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clients/frameworks_client.h"
#include "common/clock.h"
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

using GrpcFrameworkDirectoryOptions = FrameworksClientOptions;

// The frameworks service over gRPC (common/clients/frameworks_client.h),
// in the registry's words.
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
  FrameworksClient client_;
};

}  // namespace fhub::registry
