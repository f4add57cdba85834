#pragma once

// An identity provider's signing keys for tests: RSA (RS256) and EC P-256
// (ES256) key pairs made afresh with OpenSSL, their public JWKs as an
// issuer publishes them, and tokens signed with them (libjwt), so the
// verification of external issuers is tested with real keys and real
// signatures. End-to-end tests use a real OpenID provider instead
// (tests/support/oidc).

#include <string>
#include <vector>

namespace fhub::testing {

class TestSigningKey {
 public:
  // A new 2048-bit RSA key (RS256) or P-256 key (ES256) named `kid`.
  static TestSigningKey Rsa(std::string kid);
  static TestSigningKey Ec(std::string kid);

  const std::string& kid() const { return kid_; }
  const std::string& algorithm() const { return algorithm_; }
  const std::string& private_pem() const { return private_pem_; }
  const std::string& public_pem() const { return public_pem_; }
  // The public key as a JWK (kty, n/e or crv/x/y, kid, alg, use).
  std::string JwkJson() const;
  // A compact JWS of `claims_json` signed with this key; the header carries
  // the kid unless `with_kid` is false.
  std::string Sign(const std::string& claims_json, bool with_kid = true) const;

 private:
  std::string kid_, algorithm_, private_pem_, public_pem_;
};

// {"keys": [...]} of the keys' public JWKs.
std::string JwksJson(const std::vector<const TestSigningKey*>& keys);

}  // namespace fhub::testing
