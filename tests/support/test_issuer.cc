#include "tests/support/test_issuer.h"

#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "absl/strings/str_cat.h"

namespace fhub::testing {

// In test_issuer_jwk.cc (rhonabwy and libjwt both name a type jwt_t).
std::string PublicPemToJwk(const std::string& pem, const std::string& kid,
                           const std::string& algorithm);

namespace {

std::string Pem(EVP_PKEY* key, bool private_key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()),
                                                BIO_free);
  const int ok = private_key
                     ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr,
                                                nullptr, 0, nullptr, nullptr)
                     : PEM_write_bio_PUBKEY(bio.get(), key);
  if (ok != 1) throw std::runtime_error("PEM_write failed");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

TestSigningKey TestSigningKey::Rsa(std::string kid) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048),
                                                          EVP_PKEY_free);
  TestSigningKey k;
  k.kid_ = std::move(kid);
  k.algorithm_ = "RS256";
  k.private_pem_ = Pem(key.get(), true);
  k.public_pem_ = Pem(key.get(), false);
  return k;
}

TestSigningKey TestSigningKey::Ec(std::string kid) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      EVP_EC_gen("P-256"), EVP_PKEY_free);
  TestSigningKey k;
  k.kid_ = std::move(kid);
  k.algorithm_ = "ES256";
  k.private_pem_ = Pem(key.get(), true);
  k.public_pem_ = Pem(key.get(), false);
  return k;
}

std::string TestSigningKey::JwkJson() const {
  return PublicPemToJwk(public_pem_, kid_, algorithm_);
}

std::string TestSigningKey::Sign(const std::string& claims_json,
                                 bool with_kid) const {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new");
  std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, jwt_free);
  if (jwt_add_grants_json(jwt.get(), claims_json.c_str()) != 0) {
    throw std::runtime_error("claims are not a JSON object");
  }
  if (with_kid) jwt_add_header(jwt.get(), "kid", kid_.c_str());
  if (jwt_set_alg(jwt.get(), jwt_str_alg(algorithm_.c_str()),
                  reinterpret_cast<const unsigned char*>(private_pem_.data()),
                  static_cast<int>(private_pem_.size())) != 0) {
    throw std::runtime_error("jwt_set_alg");
  }
  char* token = jwt_encode_str(jwt.get());
  if (token == nullptr) throw std::runtime_error("jwt_encode_str");
  std::string out(token);
  std::free(token);
  return out;
}

std::string JwksJson(const std::vector<const TestSigningKey*>& keys) {
  std::string out = "{\"keys\":[";
  for (size_t i = 0; i < keys.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ",", keys[i]->JwkJson());
  }
  return out + "]}";
}

}  // namespace fhub::testing
