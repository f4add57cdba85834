#pragma once

// JSON Web Key Sets (RFC 7517) and the verification of an external
// issuer's signed tokens with them, by librhonabwy (Debian's JOSE library):
// a key is chosen by the token's `kid`, only RS256 and ES256 are accepted,
// and keys are never fetched from what a token names (no jku, x5u or
// embedded jwk: only the issuer's published set counts).

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace fhub::auth {

// A compact token's header and issuer, read WITHOUT verification, to pick
// the issuer and the key that will verify it.
struct TokenPeek {
  std::string algorithm;
  std::string kid;
  std::string issuer;
};
// UNAUTHENTICATED if `token` is not a compact signed JWT.
absl::StatusOr<TokenPeek> PeekToken(absl::string_view token);

class KeySet {
 public:
  // INVALID_ARGUMENT if `jwks_json` is not a key set with at least one
  // public RSA or EC key.
  static absl::StatusOr<std::shared_ptr<KeySet>> Parse(
      absl::string_view jwks_json);
  ~KeySet();

  size_t size() const { return size_; }
  bool HasKey(absl::string_view kid) const;

  // The token's claims (a JSON object's text) when its signature verifies
  // with the key its kid names (or, for a token without kid, the set's only
  // key) and its algorithm is one of `algorithms`; UNAUTHENTICATED naming
  // the reason otherwise. Claims are not checked here.
  absl::StatusOr<std::string> Verify(
      absl::string_view token, const std::vector<std::string>& algorithms) const;

 private:
  struct Keys;  // rhonabwy's jwks_t, kept out of this header
  KeySet() = default;

  std::unique_ptr<Keys> keys_;
  std::vector<std::string> kids_;
  size_t size_ = 0;
  // rhonabwy's key objects are not documented as safe to share.
  mutable absl::Mutex mu_;
};

}  // namespace fhub::auth
