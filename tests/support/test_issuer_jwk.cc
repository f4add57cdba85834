// The public JWK of a PEM key, by rhonabwy (kept apart from libjwt, which
// names a type jwt_t too).

#include <rhonabwy.h>

#include <stdexcept>
#include <string>

namespace fhub::testing {

std::string PublicPemToJwk(const std::string& pem, const std::string& kid,
                           const std::string& algorithm) {
  jwk_t* jwk = nullptr;
  if (r_jwk_init(&jwk) != RHN_OK) throw std::runtime_error("r_jwk_init");
  if (r_jwk_import_from_pem_der(
          jwk, R_X509_TYPE_PUBKEY, R_FORMAT_PEM,
          reinterpret_cast<const unsigned char*>(pem.data()),
          pem.size()) != RHN_OK) {
    r_jwk_free(jwk);
    throw std::runtime_error("r_jwk_import_from_pem_der");
  }
  r_jwk_set_property_str(jwk, "kid", kid.c_str());
  r_jwk_set_property_str(jwk, "alg", algorithm.c_str());
  r_jwk_set_property_str(jwk, "use", "sig");
  char* json = r_jwk_export_to_json_str(jwk, 0);
  r_jwk_free(jwk);
  if (json == nullptr) throw std::runtime_error("r_jwk_export_to_json_str");
  std::string out(json);
  r_free(json);
  return out;
}

}  // namespace fhub::testing
