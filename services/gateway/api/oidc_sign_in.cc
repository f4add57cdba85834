#include "services/gateway/api/oidc_sign_in.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/http_get.h"

namespace fhub::gateway {
namespace {

using Json = nlohmann::json;

constexpr char kLoginPurpose[] = "fhub-login-v1";
constexpr char kSessionPurpose[] = "fhub-session-v1";
constexpr char kLogoutPurpose[] = "fhub-logout-v1";
constexpr long kLoginSeconds = 600;

std::string RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()),
             static_cast<int>(bytes));
  std::string out = absl::WebSafeBase64Escape(raw);
  return out;
}

// RFC 7636: BASE64URL(SHA256(verifier)).
std::string Challenge(const std::string& verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()),
         verifier.size(), digest);
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

// application/x-www-form-urlencoded, as a query string wants it.
std::string Encode(absl::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppend(&out, absl::StrFormat("%%%02X", c));
    }
  }
  return out;
}

std::string WithQuery(const std::string& url,
                      const std::vector<std::pair<std::string, std::string>>&
                          query) {
  std::string out = url;
  char sep = absl::StrContains(url, '?') ? '&' : '?';
  for (const auto& [key, value] : query) {
    absl::StrAppend(&out, std::string(1, sep), Encode(key), "=",
                    Encode(value));
    sep = '&';
  }
  return out;
}

absl::Status Refused(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("sign-in failed: ", why));
}

}  // namespace

std::string SealSession(const SessionSeal& seal, const Session& session) {
  Json body = {{"t", session.token},
               {"v", session.via},
               {"e", absl::ToUnixSeconds(session.expires)},
               {"s", session.subject},
               {"o", session.organisation},
               {"r", session.roles}};
  return seal.Seal(kSessionPurpose, body.dump());
}

std::optional<Session> OpenSession(const SessionSeal& seal,
                                   absl::string_view cookie_value,
                                   absl::Time now) {
  if (cookie_value.empty()) return std::nullopt;
  absl::StatusOr<std::string> plain = seal.Open(kSessionPurpose, cookie_value);
  if (!plain.ok()) return std::nullopt;
  const Json body = Json::parse(*plain, nullptr, false);
  if (!body.is_object()) return std::nullopt;
  Session session;
  try {
    session.token = body.at("t").get<std::string>();
    session.via = body.at("v").get<std::string>();
    session.expires = absl::FromUnixSeconds(body.at("e").get<int64_t>());
    session.subject = body.at("s").get<std::string>();
    session.organisation = body.at("o").get<std::string>();
    session.roles = body.at("r").get<std::vector<std::string>>();
  } catch (const Json::exception&) {
    return std::nullopt;
  }
  if (session.expires <= now) return std::nullopt;
  return session;
}

std::string SafeReturnPath(absl::string_view path) {
  if (path.empty() || path[0] != '/' || absl::StartsWith(path, "//") ||
      absl::StrContains(path, '\\') || absl::StartsWith(path, "/auth/")) {
    return "/";
  }
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20) return "/";
  }
  return std::string(path);
}

OidcSignIn::OidcSignIn(OidcOptions options, auth::ExternalIssuers* issuers,
                       const SessionSeal* seal, const Clock* clock)
    : options_(std::move(options)),
      issuers_(*issuers),
      seal_(*seal),
      clock_(*clock) {}

std::string OidcSignIn::ProvidersJson() const {
  Json providers = Json::array();
  for (const auth::TrustedIssuer& issuer : issuers_.issuers()) {
    if (!issuer.has_console) continue;
    providers.push_back({{"id", issuer.id},
                         {"displayName", issuer.console.display_name},
                         {"signIn", absl::StrCat("/auth/login?issuer=",
                                                 issuer.id)}});
  }
  return providers.dump();
}

absl::StatusOr<Redirect> OidcSignIn::Begin(absl::string_view issuer_id,
                                           absl::string_view return_to) {
  const auth::TrustedIssuer* issuer = issuers_.FindById(issuer_id);
  if (issuer == nullptr || !issuer->has_console) {
    return absl::InvalidArgumentError(absl::StrCat(
        "issuer: no sign-in through \"", issuer_id, "\"; see /auth/providers"));
  }
  absl::StatusOr<auth::Discovery> discovery = issuers_.DiscoveryOf(*issuer);
  if (!discovery.ok()) return discovery.status();
  if (discovery->authorization_endpoint.empty()) {
    return absl::UnavailableError(absl::StrCat(
        "issuer ", issuer->id, " publishes no authorization_endpoint"));
  }
  const std::string verifier = RandomToken(32);
  const std::string state = RandomToken(16);
  const std::string nonce = RandomToken(16);
  Json login = {{"i", issuer->id},
                {"v", verifier},
                {"s", state},
                {"n", nonce},
                {"r", SafeReturnPath(return_to)},
                {"t", absl::ToUnixSeconds(clock_.Now())}};
  std::vector<std::pair<std::string, std::string>> query = {
      {"response_type", "code"},
      {"client_id", issuer->console.client_id},
      {"redirect_uri", absl::StrCat(options_.public_url, "/auth/callback")},
      {"scope", issuer->console.scopes},
      {"state", state},
      {"nonce", nonce},
      {"code_challenge", Challenge(verifier)},
      {"code_challenge_method", "S256"}};
  if (!issuer->console.resource.empty()) {
    query.emplace_back("resource", issuer->console.resource);
  }
  Redirect redirect;
  redirect.location = WithQuery(discovery->authorization_endpoint, query);
  redirect.set_cookies.push_back(SetCookie(kLoginCookie,
                                           seal_.Seal(kLoginPurpose,
                                                      login.dump()),
                                           "/auth", kLoginSeconds,
                                           options_.secure_cookies));
  return redirect;
}

absl::StatusOr<Redirect> OidcSignIn::Finish(absl::string_view code,
                                            absl::string_view state,
                                            absl::string_view login_cookie) {
  absl::StatusOr<std::string> plain = seal_.Open(kLoginPurpose, login_cookie);
  if (!plain.ok()) {
    return Refused("the sign-in was not started here (no login cookie)");
  }
  const Json login = Json::parse(*plain, nullptr, false);
  if (!login.is_object() || login.value("s", "") != state || state.empty()) {
    return Refused("the state does not match the sign-in started here");
  }
  if (absl::FromUnixSeconds(login.value("t", int64_t{0})) +
          absl::Seconds(kLoginSeconds) <
      clock_.Now()) {
    return Refused("the sign-in took too long; start again");
  }
  if (code.empty()) return Refused("the identity provider sent no code");
  const auth::TrustedIssuer* issuer =
      issuers_.FindById(login.value("i", std::string()));
  if (issuer == nullptr || !issuer->has_console) {
    return Refused("the issuer is no longer trusted");
  }
  absl::StatusOr<auth::Discovery> discovery = issuers_.DiscoveryOf(*issuer);
  if (!discovery.ok()) return discovery.status();

  std::vector<std::pair<std::string, std::string>> form = {
      {"grant_type", "authorization_code"},
      {"code", std::string(code)},
      {"redirect_uri", absl::StrCat(options_.public_url, "/auth/callback")},
      {"client_id", issuer->console.client_id},
      {"code_verifier", login.value("v", std::string())}};
  if (!issuer->console.resource.empty()) {
    form.emplace_back("resource", issuer->console.resource);
  }
  if (!issuer->console.client_secret.empty()) {
    form.emplace_back("client_secret", issuer->console.client_secret);
  }
  int status = 0;
  absl::StatusOr<std::string> answer = HttpPostForm(
      discovery->token_endpoint, form, absl::Seconds(5), &status);
  if (!answer.ok()) return answer.status();
  const Json tokens = Json::parse(*answer, nullptr, false);
  if (status != 200 || !tokens.is_object()) {
    return Refused(absl::StrCat("the token endpoint answered ", status, ": ",
                                answer->substr(0, 200)));
  }
  const std::string access = tokens.value("access_token", "");
  const std::string id_token = tokens.value("id_token", "");
  if (access.empty() || id_token.empty()) {
    return Refused("the token endpoint sent no access token or ID token");
  }
  if (absl::Status id = issuers_.VerifyIdToken(*issuer, id_token,
                                               login.value("n", ""));
      !id.ok()) {
    return id;
  }
  // The access token must be one the services accept: this issuer's, for
  // the hub's audience, speaking for an organisation it may speak for.
  absl::Time not_before, expires;
  absl::StatusOr<auth::Principal> principal =
      issuers_.Verify(*issuer, access, &not_before, &expires);
  if (!principal.ok()) return principal.status();

  Session session;
  session.token = access;
  session.via = issuer->id;
  session.expires = expires;
  session.subject = principal->subject;
  session.organisation = principal->organisation;
  for (auth::Role role : principal->roles) {
    session.roles.emplace_back(auth::RoleName(role));
  }
  const long seconds =
      std::max<long>(1, absl::ToInt64Seconds(expires - clock_.Now()));
  Redirect redirect;
  redirect.location = login.value("r", std::string("/"));
  redirect.set_cookies = {
      SetCookie(kSessionCookie, SealSession(seal_, session), "/", seconds,
                options_.secure_cookies),
      SetCookie(kLoginCookie, "", "/auth", 0, options_.secure_cookies),
      SetCookie(kLogoutCookie, seal_.Seal(kLogoutPurpose, id_token), "/auth",
                seconds, options_.secure_cookies)};
  return redirect;
}

Redirect OidcSignIn::SignOut(const std::optional<Session>& session,
                             absl::string_view logout_cookie) {
  Redirect redirect;
  redirect.location = "/";
  redirect.set_cookies = {
      SetCookie(kSessionCookie, "", "/", 0, options_.secure_cookies),
      SetCookie(kLogoutCookie, "", "/auth", 0, options_.secure_cookies)};
  if (!session.has_value()) return redirect;
  const auth::TrustedIssuer* issuer = issuers_.FindById(session->via);
  if (issuer == nullptr) return redirect;
  absl::StatusOr<auth::Discovery> discovery = issuers_.DiscoveryOf(*issuer);
  if (discovery.ok() && !discovery->end_session_endpoint.empty()) {
    // OpenID Connect RP-Initiated Logout 1.0: the ID token as the hint
    // (client_id when there is none), where to come back, and a state.
    std::vector<std::pair<std::string, std::string>> query = {
        {"post_logout_redirect_uri", absl::StrCat(options_.public_url, "/")},
        {"state", RandomToken(12)}};
    if (absl::StatusOr<std::string> hint =
            seal_.Open(kLogoutPurpose, logout_cookie);
        hint.ok()) {
      query.emplace_back("id_token_hint", *hint);
    } else {
      query.emplace_back("client_id", issuer->console.client_id);
    }
    redirect.location = WithQuery(discovery->end_session_endpoint, query);
  }
  return redirect;
}

}  // namespace fhub::gateway
