#pragma once

// Bearer tokens: JWTs verified with libjwt against an algorithm allow-list,
// the issuer, the audience and the expiry, into a Principal; or, for the
// identity providers of the trust file, by their published keys and their
// own claim rules (external_issuers.h). The hub's own tokens' claims:
//   sub   the person or service account
//   org   "authorities/{id}", "providers/{id}" or "services/{name}"
//   roles ["LEAD_ADMIN", ...]
//   iss, aud, exp (required), nbf, iat (optional)

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/external_issuers.h"
#include "common/auth/principal.h"
#include "common/auth/trust.h"
#include "common/clock.h"
#include "common/http_get.h"

namespace fhub::auth {

struct TokenOptions {
  // HMAC secret (HS256/384/512) or a PEM public key (RS*/ES*). A PEM key
  // only admits RS*/ES* algorithms and a secret only HS*, so a token cannot
  // pass off the public key as an HMAC secret.
  std::string key;
  std::string issuer;
  std::string audience;
  // Algorithm names the verifier accepts, e.g. {"HS256"}.
  std::vector<std::string> algorithms = {"HS256"};
  // Clock skew tolerated on exp and nbf.
  absl::Duration leeway = absl::Seconds(30);
  // Identity providers trusted besides the hub's own issuer (trust.h): a
  // token whose iss is one of theirs is verified by that issuer's published
  // keys and rules instead of `key`.
  std::vector<TrustedIssuer> trusted_issuers;
  // How their documents are fetched; empty: DefaultHttpGet().
  HttpGet http_get;
};

// Checks options: a secret of at least 32 bytes for HS*, a PEM key for
// RS*/ES*, known algorithms of one family, issuer and audience set.
absl::Status ValidateTokenOptions(const TokenOptions& options);

class TokenVerifier {
 public:
  // `clock` must outlive the verifier.
  TokenVerifier(TokenOptions options, const Clock* clock);

  // UNAUTHENTICATED, with the reason, unless `token` is a valid JWT for us.
  // A token that verified once is remembered (at most kRememberedTokens):
  // its signature, issuer and audience cannot change, so a later call only
  // checks its times again. A service's callers send the same token on
  // every call until it expires, and checking the signature and parsing
  // the claims is most of an authenticated call's own work.
  absl::StatusOr<Principal> Verify(absl::string_view token) const;

  // Verifies an "authorization" header value, "Bearer <jwt>".
  absl::StatusOr<Principal> VerifyAuthorizationHeader(
      absl::string_view header) const;

  // The trusted identity providers, or null when there are none.
  ExternalIssuers* external() const { return external_.get(); }

 private:
  static constexpr size_t kRememberedTokens = 4096;
  struct Verified {
    Principal principal;
    // Valid from `not_before` until before `expires`, leeway included.
    absl::Time not_before;
    absl::Time expires;
  };
  absl::StatusOr<Principal> VerifyAfresh(const std::string& token,
                                         Verified* verified) const;

  TokenOptions options_;
  const Clock* clock_;
  std::unique_ptr<ExternalIssuers> external_;
  mutable absl::Mutex mu_;
  mutable absl::flat_hash_map<std::string, Verified> verified_
      ABSL_GUARDED_BY(mu_);
};

// What a token says; used to mint development and test tokens.
struct TokenClaims {
  std::string subject;
  std::string organisation;
  std::vector<Role> roles;
  std::string issuer;
  std::string audience;
  absl::Time issued_at;
  absl::Time expires_at;
};

// Signs `claims` with `key` using `algorithm` ("HS256" etc.).
absl::StatusOr<std::string> IssueToken(const TokenClaims& claims,
                                       absl::string_view key,
                                       absl::string_view algorithm = "HS256");

}  // namespace fhub::auth
