#include "common/auth/external_issuers.h"

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace fhub::auth {
namespace {

using Json = nlohmann::json;

bool UsableUrl(absl::string_view url) {
  return absl::StartsWith(url, "https://") ||
         absl::StartsWith(url, "http://127.0.0.1") ||
         absl::StartsWith(url, "http://localhost") ||
         absl::StartsWith(url, "http://[::1]");
}

std::string Field(const Json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

ExternalIssuers::ExternalIssuers(std::vector<TrustedIssuer> issuers,
                                 HttpGet get, const Clock* clock,
                                 ExternalIssuersOptions options)
    : issuers_(std::move(issuers)),
      get_(std::move(get)),
      clock_(*clock),
      options_(options) {
  for (const TrustedIssuer& issuer : issuers_) {
    state_[issuer.id] = std::make_unique<State>();
  }
}

const TrustedIssuer* ExternalIssuers::FindByIssuer(absl::string_view iss) const {
  for (const TrustedIssuer& issuer : issuers_) {
    if (issuer.issuer == iss) return &issuer;
  }
  return nullptr;
}

const TrustedIssuer* ExternalIssuers::FindById(absl::string_view id) const {
  for (const TrustedIssuer& issuer : issuers_) {
    if (issuer.id == id) return &issuer;
  }
  return nullptr;
}

absl::StatusOr<Discovery> ExternalIssuers::DiscoveryLocked(
    const TrustedIssuer& issuer, State& state) {
  if (state.discovery.has_value()) return *state.discovery;
  if (issuer.discovery_url.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "issuer ", issuer.id, " has a jwks_url and no discovery_url"));
  }
  absl::StatusOr<std::string> text =
      get_(issuer.discovery_url, options_.fetch_timeout);
  if (!text.ok()) return text.status();
  const Json doc = Json::parse(*text, nullptr, false);
  if (!doc.is_object()) {
    return absl::UnavailableError(absl::StrCat(
        issuer.discovery_url, " is not an OpenID discovery document"));
  }
  Discovery d;
  d.issuer = Field(doc, "issuer");
  d.authorization_endpoint = Field(doc, "authorization_endpoint");
  d.token_endpoint = Field(doc, "token_endpoint");
  d.end_session_endpoint = Field(doc, "end_session_endpoint");
  d.jwks_uri = Field(doc, "jwks_uri");
  // OpenID Connect Discovery 1.0, section 4.3: the document must name the
  // issuer it was asked for, or a look-alike could stand in for it.
  if (d.issuer != issuer.issuer) {
    return absl::UnavailableError(absl::StrCat(
        issuer.discovery_url, " names issuer \"", d.issuer, "\", not \"",
        issuer.issuer, "\""));
  }
  if (!UsableUrl(d.jwks_uri)) {
    return absl::UnavailableError(absl::StrCat(
        issuer.discovery_url, " has no usable jwks_uri (\"", d.jwks_uri,
        "\")"));
  }
  state.discovery = d;
  return d;
}

absl::StatusOr<Discovery> ExternalIssuers::DiscoveryOf(
    const TrustedIssuer& issuer) {
  State& state = *state_.at(issuer.id);
  absl::MutexLock lock(&state.mu);
  return DiscoveryLocked(issuer, state);
}

absl::StatusOr<std::shared_ptr<KeySet>> ExternalIssuers::KeysFor(
    const TrustedIssuer& issuer, absl::string_view kid) {
  State& state = *state_.at(issuer.id);
  absl::MutexLock lock(&state.mu);
  const absl::Time now = clock_.Now();
  const bool fresh = now - state.fetched < options_.max_age;
  const bool knows = state.keys != nullptr &&
                     (kid.empty() ? true : state.keys->HasKey(kid));
  if (knows && fresh) return state.keys;
  // An unknown kid: fetch again, but not more often than min_refresh for
  // that reason, so tokens naming made-up kids cannot make the hub hammer
  // an identity provider.
  if (knows && now - state.failed < options_.min_refresh) return state.keys;
  if (state.keys != nullptr && !knows) {
    if (now - state.refreshed_for_kid < options_.min_refresh) {
      return state.keys;
    }
    state.refreshed_for_kid = now;
  }
  std::string jwks_url = issuer.jwks_url;
  if (jwks_url.empty()) {
    absl::StatusOr<Discovery> discovery = DiscoveryLocked(issuer, state);
    if (!discovery.ok()) {
      state.failed = now;
      if (state.keys != nullptr) return state.keys;
      return absl::UnavailableError(
          absl::StrCat("cannot read the keys of issuer ", issuer.id, ": ",
                       discovery.status().message()));
    }
    jwks_url = discovery->jwks_uri;
  }
  absl::StatusOr<std::string> text = get_(jwks_url, options_.fetch_timeout);
  absl::StatusOr<std::shared_ptr<KeySet>> keys =
      text.ok() ? KeySet::Parse(*text) : text.status();
  if (!keys.ok()) {
    state.failed = now;
    // Keep what we had: a key set that fails to load once is no reason to
    // refuse every token.
    if (state.keys != nullptr) return state.keys;
    return absl::UnavailableError(absl::StrCat(
        "cannot read the keys of issuer ", issuer.id, " from ", jwks_url,
        ": ", keys.status().message()));
  }
  state.keys = *std::move(keys);
  state.fetched = now;
  return state.keys;
}

absl::StatusOr<std::string> ExternalIssuers::VerifiedClaims(
    const TrustedIssuer& issuer, absl::string_view token) {
  absl::StatusOr<TokenPeek> peek = PeekToken(token);
  if (!peek.ok()) return peek.status();
  absl::StatusOr<std::shared_ptr<KeySet>> keys = KeysFor(issuer, peek->kid);
  if (!keys.ok()) return keys.status();
  return (*keys)->Verify(token, issuer.algorithms);
}

absl::StatusOr<Principal> ExternalIssuers::Verify(const TrustedIssuer& issuer,
                                                  absl::string_view token,
                                                  absl::Time* not_before,
                                                  absl::Time* expires) {
  absl::StatusOr<std::string> claims = VerifiedClaims(issuer, token);
  if (!claims.ok()) return claims.status();
  return PrincipalFromClaims(issuer, *claims, clock_.Now(), options_.leeway,
                             not_before, expires);
}

absl::Status ExternalIssuers::VerifyIdToken(const TrustedIssuer& issuer,
                                            absl::string_view token,
                                            absl::string_view nonce) {
  absl::StatusOr<std::string> text = VerifiedClaims(issuer, token);
  if (!text.ok()) return text.status();
  const Json claims = Json::parse(*text, nullptr, false);
  const auto refused = [&](absl::string_view why) {
    return absl::UnauthenticatedError(
        absl::StrCat("the ID token from issuer ", issuer.id, " ", why));
  };
  if (!claims.is_object() || Field(claims, "iss") != issuer.issuer) {
    return refused("names another issuer");
  }
  const Json aud = claims.value("aud", Json());
  const bool for_us =
      (aud.is_string() && aud.get<std::string>() == issuer.console.client_id) ||
      (aud.is_array() &&
       std::find(aud.begin(), aud.end(), Json(issuer.console.client_id)) !=
           aud.end());
  if (!for_us) return refused("is not for this console");
  if (!claims.contains("exp") || !claims["exp"].is_number() ||
      absl::FromUnixSeconds(claims["exp"].get<int64_t>()) + options_.leeway <=
          clock_.Now()) {
    return refused("has expired");
  }
  if (Field(claims, "nonce") != nonce) return refused("has the wrong nonce");
  return absl::OkStatus();
}

}  // namespace fhub::auth
