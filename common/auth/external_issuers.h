#pragma once

// Tokens from the identity providers of the trust file (trust.h): each
// issuer's keys come from its discovery document's jwks_uri (or its
// jwks_url), are kept, and are fetched again when a token names a kid the
// set lacks (a key rotation), at most once per `min_refresh` per issuer, and
// when they are older than `max_age`. No restart is needed when an issuer
// rotates its keys. The limit counts only fetches that unknown kids caused,
// so the first token of a rotation is accepted however soon it follows the
// last fetch, while tokens naming made-up kids cause at most one fetch per
// `min_refresh`.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/jwks.h"
#include "common/auth/principal.h"
#include "common/auth/trust.h"
#include "common/clock.h"
#include "common/http_get.h"

namespace fhub::auth {

// What the console's sign-in needs of an issuer's discovery document.
struct Discovery {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string end_session_endpoint;  // may be empty
  std::string jwks_uri;
};

struct ExternalIssuersOptions {
  absl::Duration fetch_timeout = absl::Seconds(3);
  absl::Duration min_refresh = absl::Seconds(30);
  absl::Duration max_age = absl::Hours(1);
  absl::Duration leeway = absl::Seconds(30);
};

class ExternalIssuers {
 public:
  // `clock` must outlive it; `get` fetches documents (DefaultHttpGet()).
  ExternalIssuers(std::vector<TrustedIssuer> issuers, HttpGet get,
                  const Clock* clock, ExternalIssuersOptions options = {});

  // The issuer whose `iss` this is, or null.
  const TrustedIssuer* FindByIssuer(absl::string_view iss) const;
  const TrustedIssuer* FindById(absl::string_view id) const;
  const std::vector<TrustedIssuer>& issuers() const { return issuers_; }

  // A token of `issuer`'s, verified: signature by its published key, then
  // the claims by its rules (PrincipalFromClaims). UNAUTHENTICATED with the
  // reason; UNAVAILABLE when its keys cannot be fetched.
  absl::StatusOr<Principal> Verify(const TrustedIssuer& issuer,
                                   absl::string_view token,
                                   absl::Time* not_before,
                                   absl::Time* expires);

  // An ID token from the console's sign-in: signature by the issuer's key,
  // iss, aud (the console's client_id), exp, and the nonce sent.
  absl::Status VerifyIdToken(const TrustedIssuer& issuer,
                             absl::string_view token, absl::string_view nonce);

  // The issuer's discovery document (fetched once, then kept).
  absl::StatusOr<Discovery> DiscoveryOf(const TrustedIssuer& issuer);

 private:
  struct State {
    absl::Mutex mu;
    std::shared_ptr<KeySet> keys ABSL_GUARDED_BY(mu);
    absl::Time fetched ABSL_GUARDED_BY(mu) = absl::InfinitePast();
    // When a kid the set lacked last made the issuer's keys be fetched.
    absl::Time refreshed_for_kid ABSL_GUARDED_BY(mu) = absl::InfinitePast();
    // When fetching last failed (old keys are kept and used meanwhile).
    absl::Time failed ABSL_GUARDED_BY(mu) = absl::InfinitePast();
    std::optional<Discovery> discovery ABSL_GUARDED_BY(mu);
  };

  // Keys that know `kid` if the issuer publishes it, refreshing as above.
  absl::StatusOr<std::shared_ptr<KeySet>> KeysFor(const TrustedIssuer& issuer,
                                                  absl::string_view kid);
  absl::StatusOr<Discovery> DiscoveryLocked(const TrustedIssuer& issuer,
                                            State& state)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(state.mu);
  absl::StatusOr<std::string> VerifiedClaims(const TrustedIssuer& issuer,
                                             absl::string_view token);

  const std::vector<TrustedIssuer> issuers_;
  const HttpGet get_;
  const Clock& clock_;
  const ExternalIssuersOptions options_;
  std::map<std::string, std::unique_ptr<State>> state_;  // by id, fixed
};

}  // namespace fhub::auth
