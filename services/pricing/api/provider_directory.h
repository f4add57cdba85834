#pragma once

// What pricing asks the registry, which owns providers and their settings:
// does a provider exist, and is a setting one of its own. Asked as a
// SERVICE with a deadline; when the registry cannot answer, the caller's
// change fails with UNAVAILABLE and changes nothing.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "fhub/registry/v1/registry.grpc.pb.h"

namespace fhub::pricing {

class ProviderDirectory {
 public:
  virtual ~ProviderDirectory() = default;

  // OK if the provider is registered (and, with `setting_id` given, has
  // that setting); NOT_FOUND naming `field` and the resource if not;
  // UNAVAILABLE when the registry cannot answer.
  virtual absl::Status CheckProvider(absl::string_view field,
                                     const std::string& provider_id,
                                     const std::string& setting_id) = 0;
};

struct GrpcProviderDirectoryOptions {
  std::shared_ptr<grpc::Channel> channel;
  // The "authorization" metadata of each call (ServiceTokenSource).
  std::function<absl::StatusOr<std::string>()> authorization;
  absl::Duration deadline = absl::Seconds(2);
};

// The registry over gRPC.
class GrpcProviderDirectory : public ProviderDirectory {
 public:
  explicit GrpcProviderDirectory(GrpcProviderDirectoryOptions options);

  absl::Status CheckProvider(absl::string_view field,
                             const std::string& provider_id,
                             const std::string& setting_id) override;

 private:
  absl::Status Prepare(grpc::ClientContext& context);

  GrpcProviderDirectoryOptions options_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
};

}  // namespace fhub::pricing
