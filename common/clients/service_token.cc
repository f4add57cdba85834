#include "common/clients/service_token.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/auth/token.h"
#include "common/status_macros.h"

namespace fhub {

ServiceTokenSource::ServiceTokenSource(ServiceIdentity identity,
                                       std::string key, std::string algorithm,
                                       std::string issuer, std::string audience,
                                       std::string fixed_token,
                                       const Clock* clock)
    : identity_(std::move(identity)),
      key_(std::move(key)),
      algorithm_(std::move(algorithm)),
      issuer_(std::move(issuer)),
      audience_(std::move(audience)),
      fixed_token_(std::move(fixed_token)),
      clock_(*clock) {}

absl::StatusOr<std::string> ServiceTokenSource::Authorization() {
  if (!fixed_token_.empty()) return absl::StrCat("Bearer ", fixed_token_);
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  if (now < expires_ - absl::Minutes(5)) return current_;
  auth::TokenClaims claims;
  claims.subject = identity_.subject;
  claims.organisation = identity_.organisation;
  claims.roles = {auth::Role::kService};
  claims.issuer = issuer_;
  claims.audience = audience_;
  claims.issued_at = now;
  claims.expires_at = now + absl::Hours(1);
  FHUB_ASSIGN_OR_RETURN(std::string token,
                        auth::IssueToken(claims, key_, algorithm_));
  current_ = absl::StrCat("Bearer ", token);
  expires_ = claims.expires_at;
  return current_;
}

}  // namespace fhub
