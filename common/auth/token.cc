#include "common/auth/token.h"

#include <jwt.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace fhub::auth {
namespace {

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

bool IsHmac(absl::string_view algorithm) {
  return absl::StartsWith(algorithm, "HS");
}

bool IsPem(absl::string_view key) {
  return absl::StrContains(key, "-----BEGIN");
}

absl::Status Unauthenticated(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", why));
}

absl::StatusOr<google::protobuf::Struct> Claims(jwt_t* jwt) {
  std::unique_ptr<char, FreeDeleter> json(jwt_get_grants_json(jwt, nullptr));
  if (json == nullptr) return Unauthenticated("no claims");
  google::protobuf::Struct claims;
  if (!google::protobuf::util::JsonStringToMessage(json.get(), &claims).ok()) {
    return Unauthenticated("claims are not a JSON object");
  }
  return claims;
}

const google::protobuf::Value* Find(const google::protobuf::Struct& claims,
                                    const std::string& key) {
  auto it = claims.fields().find(key);
  return it == claims.fields().end() ? nullptr : &it->second;
}

std::string StringClaim(const google::protobuf::Struct& claims,
                        const std::string& key) {
  const auto* value = Find(claims, key);
  return value != nullptr && value->has_string_value() ? value->string_value()
                                                       : std::string();
}

bool AudienceMatches(const google::protobuf::Struct& claims,
                     const std::string& audience) {
  const auto* aud = Find(claims, "aud");
  if (aud == nullptr) return false;
  if (aud->has_string_value()) return aud->string_value() == audience;
  if (aud->has_list_value()) {
    for (const auto& item : aud->list_value().values()) {
      if (item.has_string_value() && item.string_value() == audience) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

absl::Status ValidateTokenOptions(const TokenOptions& options) {
  if (options.algorithms.empty()) {
    return absl::InvalidArgumentError("token algorithms must not be empty");
  }
  for (const std::string& algorithm : options.algorithms) {
    jwt_alg_t alg = jwt_str_alg(algorithm.c_str());
    if (alg == JWT_ALG_INVAL || alg == JWT_ALG_NONE) {
      return absl::InvalidArgumentError(
          absl::StrCat("token algorithm '", algorithm, "' is not supported"));
    }
    if (IsHmac(algorithm) == IsPem(options.key)) {
      return absl::InvalidArgumentError(
          absl::StrCat("token algorithm ", algorithm, " needs ",
                       IsHmac(algorithm) ? "a shared secret, not a PEM key"
                                         : "a PEM public key"));
    }
  }
  if (!IsPem(options.key) && options.key.size() < 32) {
    return absl::InvalidArgumentError(
        "token key must be a secret of at least 32 bytes");
  }
  if (options.issuer.empty()) {
    return absl::InvalidArgumentError("token issuer must be set");
  }
  if (options.audience.empty()) {
    return absl::InvalidArgumentError("token audience must be set");
  }
  return absl::OkStatus();
}

TokenVerifier::TokenVerifier(TokenOptions options, const Clock* clock)
    : options_(std::move(options)), clock_(clock) {
  if (!options_.trusted_issuers.empty()) {
    ExternalIssuersOptions external;
    external.leeway = options_.leeway;
    external_ = std::make_unique<ExternalIssuers>(
        options_.trusted_issuers,
        options_.http_get ? options_.http_get : DefaultHttpGet(), clock_,
        external);
  }
}

absl::StatusOr<Principal> TokenVerifier::VerifyAuthorizationHeader(
    absl::string_view header) const {
  if (header.empty()) {
    return absl::UnauthenticatedError(
        "missing bearer token: send 'authorization: Bearer <token>'");
  }
  constexpr absl::string_view kBearer = "Bearer ";
  if (!absl::StartsWithIgnoreCase(header, kBearer)) {
    return absl::UnauthenticatedError(
        "authorization header must be 'Bearer <token>'");
  }
  return Verify(header.substr(kBearer.size()));
}

absl::StatusOr<Principal> TokenVerifier::Verify(absl::string_view token) const {
  if (token.empty() || token.size() > 8192) {
    return Unauthenticated("empty or oversized");
  }
  const std::string token_string(token);
  const absl::Time now = clock_->Now();
  {
    absl::MutexLock lock(&mu_);
    auto it = verified_.find(token_string);
    if (it != verified_.end()) {
      if (now >= it->second.expires) return Unauthenticated("expired");
      if (now < it->second.not_before) {
        return Unauthenticated("not yet valid");
      }
      return it->second.principal;
    }
  }
  Verified verified;
  FHUB_ASSIGN_OR_RETURN(Principal principal,
                        VerifyAfresh(token_string, &verified));
  absl::MutexLock lock(&mu_);
  if (verified_.size() >= kRememberedTokens) verified_.clear();
  verified_.emplace(token_string, std::move(verified));
  return principal;
}

absl::StatusOr<Principal> TokenVerifier::VerifyAfresh(
    const std::string& token_string, Verified* verified) const {
  if (external_ != nullptr) {
    absl::StatusOr<TokenPeek> peek = PeekToken(token_string);
    if (!peek.ok()) return peek.status();
    if (peek->issuer != options_.issuer) {
      const TrustedIssuer* issuer = external_->FindByIssuer(peek->issuer);
      if (issuer == nullptr) return Unauthenticated("issuer is not trusted");
      absl::StatusOr<Principal> principal = external_->Verify(
          *issuer, token_string, &verified->not_before, &verified->expires);
      if (principal.ok()) verified->principal = *principal;
      return principal;
    }
  }
  jwt_t* raw = nullptr;
  int rc =
      jwt_decode(&raw, token_string.c_str(),
                 reinterpret_cast<const unsigned char*>(options_.key.data()),
                 static_cast<int>(options_.key.size()));
  JwtPtr jwt(raw);
  if (rc != 0 || jwt == nullptr) return Unauthenticated("signature or format");
  const char* algorithm = jwt_alg_str(jwt_get_alg(jwt.get()));
  if (algorithm == nullptr ||
      std::find(options_.algorithms.begin(), options_.algorithms.end(),
                algorithm) == options_.algorithms.end()) {
    return Unauthenticated("algorithm not allowed");
  }
  FHUB_ASSIGN_OR_RETURN(google::protobuf::Struct claims, Claims(jwt.get()));

  if (StringClaim(claims, "iss") != options_.issuer) {
    return Unauthenticated("wrong issuer");
  }
  if (!AudienceMatches(claims, options_.audience)) {
    return Unauthenticated("wrong audience");
  }
  const absl::Time now = clock_->Now();
  const auto* exp = Find(claims, "exp");
  if (exp == nullptr || !exp->has_number_value()) {
    return Unauthenticated("no expiry");
  }
  verified->expires =
      absl::FromUnixSeconds(static_cast<int64_t>(exp->number_value())) +
      options_.leeway;
  if (verified->expires <= now) return Unauthenticated("expired");
  verified->not_before = absl::InfinitePast();
  if (const auto* nbf = Find(claims, "nbf"); nbf != nullptr) {
    if (!nbf->has_number_value()) return Unauthenticated("not yet valid");
    verified->not_before =
        absl::FromUnixSeconds(static_cast<int64_t>(nbf->number_value())) -
        options_.leeway;
    if (verified->not_before > now) return Unauthenticated("not yet valid");
  }

  Principal principal;
  principal.subject = StringClaim(claims, "sub");
  principal.organisation = StringClaim(claims, "org");
  if (principal.subject.empty()) return Unauthenticated("no subject");
  if (!IsOrganisationName(principal.organisation)) {
    return Unauthenticated("org must name an authority, provider or service");
  }
  if (const auto* roles = Find(claims, "roles");
      roles != nullptr && roles->has_list_value()) {
    for (const auto& role : roles->list_value().values()) {
      // Roles this build does not know are ignored, so that tokens can carry
      // roles of newer services.
      auto parsed = ParseRole(role.string_value());
      if (parsed.ok()) principal.roles.push_back(*parsed);
    }
  }
  verified->principal = principal;
  return principal;
}

absl::StatusOr<std::string> IssueToken(const TokenClaims& claims,
                                       absl::string_view key,
                                       absl::string_view algorithm) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("jwt_new failed");
  JwtPtr jwt(raw);
  google::protobuf::Struct body;
  auto& fields = *body.mutable_fields();
  fields["sub"].set_string_value(claims.subject);
  fields["org"].set_string_value(claims.organisation);
  fields["iss"].set_string_value(claims.issuer);
  fields["aud"].set_string_value(claims.audience);
  fields["iat"].set_number_value(
      static_cast<double>(absl::ToUnixSeconds(claims.issued_at)));
  fields["exp"].set_number_value(
      static_cast<double>(absl::ToUnixSeconds(claims.expires_at)));
  auto* roles = fields["roles"].mutable_list_value();
  for (Role role : claims.roles) {
    roles->add_values()->set_string_value(std::string(RoleName(role)));
  }
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(body, &json).ok() ||
      jwt_add_grants_json(jwt.get(), json.c_str()) != 0) {
    return absl::InternalError("cannot encode token claims");
  }
  jwt_alg_t alg = jwt_str_alg(std::string(algorithm).c_str());
  if (alg == JWT_ALG_INVAL || alg == JWT_ALG_NONE ||
      jwt_set_alg(jwt.get(), alg,
                  reinterpret_cast<const unsigned char*>(key.data()),
                  static_cast<int>(key.size())) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot sign with algorithm '", algorithm, "'"));
  }
  std::unique_ptr<char, FreeDeleter> token(jwt_encode_str(jwt.get()));
  if (token == nullptr) return absl::InternalError("cannot sign token");
  return std::string(token.get());
}

}  // namespace fhub::auth
