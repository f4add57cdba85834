#pragma once

// A service's own identity when it calls another service: "Bearer <jwt>" of
// a SERVICE token, signed with the hub's HMAC key and renewed five minutes
// before it expires; or a fixed token read from a file when the hub
// verifies with a public key (a service cannot then sign its own).

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"

namespace fhub {

struct ServiceIdentity {
  std::string subject;       // "fhub-registry"
  std::string organisation;  // "services/registry"
};

class ServiceTokenSource {
 public:
  // With `fixed_token` empty, tokens are signed with `key` and `algorithm`
  // (an HS* algorithm) for `issuer` and `audience`.
  ServiceTokenSource(ServiceIdentity identity, std::string key,
                     std::string algorithm, std::string issuer,
                     std::string audience, std::string fixed_token,
                     const Clock* clock);

  // The value of the "authorization" metadata.
  absl::StatusOr<std::string> Authorization();

 private:
  ServiceIdentity identity_;
  std::string key_, algorithm_, issuer_, audience_, fixed_token_;
  const Clock& clock_;
  absl::Mutex mu_;
  std::string current_ ABSL_GUARDED_BY(mu_);
  absl::Time expires_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace fhub
