#include "common/auth/jwks.h"

#include <rhonabwy.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace fhub::auth {
namespace {

// rhonabwy's global state (gnutls) is set up once, before first use.
void InitRhonabwyOnce() {
  static const bool initialised = [] { return r_global_init() == RHN_OK; }();
  (void)initialised;
}

struct JwtFree {
  void operator()(jwt_t* jwt) const { r_jwt_free(jwt); }
};
using Jwt = std::unique_ptr<jwt_t, JwtFree>;
struct JwkFree {
  void operator()(jwk_t* jwk) const { r_jwk_free(jwk); }
};
using Jwk = std::unique_ptr<jwk_t, JwkFree>;

absl::Status Refused(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", why));
}

// The token parsed (not verified), refusing what would make rhonabwy
// fetch or trust keys the token itself names.
absl::StatusOr<Jwt> Parse(absl::string_view token) {
  if (token.empty() || token.size() > 16384) {
    return Refused("empty or oversized");
  }
  InitRhonabwyOnce();
  jwt_t* raw = nullptr;
  if (r_jwt_init(&raw) != RHN_OK) return absl::InternalError("r_jwt_init");
  Jwt jwt(raw);
  const std::string text(token);
  if (r_jwt_parse(jwt.get(), text.c_str(), R_FLAG_IGNORE_REMOTE) != RHN_OK) {
    return Refused("not a signed JWT");
  }
  if (r_jwt_get_type(jwt.get()) != R_JWT_TYPE_SIGN) {
    return Refused("not a signed JWT");
  }
  char* header_text = r_jwt_get_full_header_str(jwt.get());
  const nlohmann::json header =
      nlohmann::json::parse(header_text == nullptr ? "" : header_text, nullptr,
                            false);
  r_free(header_text);
  if (!header.is_object()) return Refused("the header is not an object");
  for (const char* key : {"jku", "x5u", "jwk", "x5c"}) {
    if (header.contains(key)) {
      return Refused(absl::StrCat("the header names its own key (", key, ")"));
    }
  }
  return jwt;
}

std::string HeaderString(jwt_t* jwt, const char* key) {
  const char* value = r_jwt_get_header_str_value(jwt, key);
  return value == nullptr ? "" : value;
}

}  // namespace

struct KeySet::Keys {
  ~Keys() { r_jwks_free(jwks); }
  jwks_t* jwks = nullptr;
};

absl::StatusOr<TokenPeek> PeekToken(absl::string_view token) {
  absl::StatusOr<Jwt> jwt = Parse(token);
  if (!jwt.ok()) return jwt.status();
  TokenPeek peek;
  peek.algorithm = HeaderString(jwt->get(), "alg");
  peek.kid = HeaderString(jwt->get(), "kid");
  const char* issuer = r_jwt_get_claim_str_value(jwt->get(), "iss");
  peek.issuer = issuer == nullptr ? "" : issuer;
  return peek;
}

absl::StatusOr<std::shared_ptr<KeySet>> KeySet::Parse(
    absl::string_view jwks_json) {
  InitRhonabwyOnce();
  std::shared_ptr<KeySet> set(new KeySet());
  set->keys_ = std::make_unique<Keys>();
  if (r_jwks_init(&set->keys_->jwks) != RHN_OK) {
    return absl::InternalError("r_jwks_init");
  }
  const std::string text(jwks_json);
  if (r_jwks_import_from_json_str(set->keys_->jwks, text.c_str()) != RHN_OK) {
    return absl::InvalidArgumentError("not a JSON Web Key Set");
  }
  for (size_t i = 0; i < r_jwks_size(set->keys_->jwks); ++i) {
    Jwk jwk(r_jwks_get_at(set->keys_->jwks, i));
    if (jwk == nullptr) continue;
    const int type = r_jwk_key_type(jwk.get(), nullptr, R_FLAG_IGNORE_REMOTE);
    if (!(type & R_KEY_TYPE_PUBLIC) ||
        !(type & (R_KEY_TYPE_RSA | R_KEY_TYPE_EC))) {
      continue;
    }
    ++set->size_;
    const char* kid = r_jwk_get_property_str(jwk.get(), "kid");
    set->kids_.push_back(kid == nullptr ? "" : kid);
  }
  if (set->size_ == 0) {
    return absl::InvalidArgumentError(
        "the key set holds no public RSA or EC key");
  }
  return set;
}

KeySet::~KeySet() = default;

bool KeySet::HasKey(absl::string_view kid) const {
  return std::find(kids_.begin(), kids_.end(), kid) != kids_.end();
}

absl::StatusOr<std::string> KeySet::Verify(
    absl::string_view token, const std::vector<std::string>& algorithms) const {
  absl::StatusOr<Jwt> jwt = auth::Parse(token);
  if (!jwt.ok()) return jwt.status();
  const char* algorithm = r_jwa_alg_to_str(r_jwt_get_sign_alg(jwt->get()));
  if (algorithm == nullptr ||
      std::find(algorithms.begin(), algorithms.end(), algorithm) ==
          algorithms.end()) {
    return Refused(absl::StrCat("algorithm ",
                                algorithm == nullptr ? "?" : algorithm,
                                " is not accepted from this issuer"));
  }
  const std::string kid = HeaderString(jwt->get(), "kid");
  absl::MutexLock lock(&mu_);
  Jwk key;
  if (!kid.empty()) {
    key.reset(r_jwks_get_by_kid(keys_->jwks, kid.c_str()));
  } else if (size_ == 1) {
    key.reset(r_jwks_get_at(keys_->jwks, 0));
  }
  if (key == nullptr) {
    return Refused(kid.empty() ? "no kid, and the issuer has several keys"
                               : absl::StrCat("no key ", kid));
  }
  if (r_jwt_verify_signature(jwt->get(), key.get(), R_FLAG_IGNORE_REMOTE) !=
      RHN_OK) {
    return Refused("bad signature");
  }
  char* claims = r_jwt_get_full_claims_str(jwt->get());
  if (claims == nullptr) return Refused("no claims");
  std::string out(claims);
  r_free(claims);
  return out;
}

}  // namespace fhub::auth
