#pragma once

// Signing a person in to the web console through their organisation's own
// identity provider (OpenID Connect, authorization code flow with PKCE),
// the gateway being the relying party:
//
//   GET  /auth/providers         the issuers people can sign in with
//   GET  /auth/login?issuer=ID&return=/path
//        -> 302 to the issuer's authorization endpoint (S256 challenge,
//           state, nonce), the verifier kept sealed in a login cookie
//   GET  /auth/callback?code&state
//        -> the code exchanged at the token endpoint, the ID token checked
//           (signature, audience, nonce) and the access token verified as
//           the services will verify it; a sealed session cookie holds it;
//           302 back to the page the person came from
//   GET  /auth/session           who is signed in (401 when nobody)
//   POST /auth/sign-out          ends the session; the issuer's
//                                end_session_endpoint to visit, if any
//
// The session cookie (HttpOnly, Secure, SameSite=Lax) holds the access
// token, its expiry and who it names, nothing else; the session ends when
// the token expires (there is no refresh token). API calls with the cookie
// and no Authorization header carry its token; state-changing ones must
// also send "X-Requested-With: fhub-console" (a cross-site form cannot).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/external_issuers.h"
#include "common/clock.h"
#include "services/gateway/api/session_cookie.h"

namespace fhub::gateway {

inline constexpr char kSessionCookie[] = "fhub_session";
inline constexpr char kLoginCookie[] = "fhub_login";
// The ID token, sealed, sent only to /auth: the hint an identity provider
// asks for when the person signs out (kept apart from the session cookie,
// which stays small).
inline constexpr char kLogoutCookie[] = "fhub_logout";

// What a session is: the token it calls with and whom it names.
struct Session {
  std::string token;
  std::string via;  // the issuer's id, or "dev"
  absl::Time expires;
  std::string subject;
  std::string organisation;
  std::vector<std::string> roles;
};

// The session cookie's sealed value, and the session back from it.
std::string SealSession(const SessionSeal& seal, const Session& session);
std::optional<Session> OpenSession(const SessionSeal& seal,
                                   absl::string_view cookie_value,
                                   absl::Time now);

struct OidcOptions {
  // Where people reach the gateway, e.g. "https://hub.example.gov.uk": the
  // redirect URI is this + "/auth/callback".
  std::string public_url;
  bool secure_cookies = true;
};

// An HTTP answer the gateway sends: a redirect and the cookies to set.
struct Redirect {
  std::string location;
  std::vector<std::string> set_cookies;
};

class OidcSignIn {
 public:
  // `issuers`, `seal` and `clock` must outlive it.
  OidcSignIn(OidcOptions options, auth::ExternalIssuers* issuers,
             const SessionSeal* seal, const Clock* clock);

  std::string ProvidersJson() const;
  // INVALID_ARGUMENT for an issuer without console sign-in; UNAVAILABLE
  // when its discovery document cannot be read.
  absl::StatusOr<Redirect> Begin(absl::string_view issuer_id,
                                 absl::string_view return_to);
  // UNAUTHENTICATED when the login cookie, state, code, ID token or access
  // token does not hold; UNAVAILABLE when the token endpoint cannot answer.
  absl::StatusOr<Redirect> Finish(absl::string_view code,
                                  absl::string_view state,
                                  absl::string_view login_cookie);
  // Clears the session; `location` is the issuer's end_session_endpoint
  // (with post_logout_redirect_uri) when it has one, else "/".
  // `logout_cookie` is the fhub_logout cookie's value, if any.
  Redirect SignOut(const std::optional<Session>& session,
                   absl::string_view logout_cookie);

  const OidcOptions& options() const { return options_; }

 private:
  OidcOptions options_;
  auth::ExternalIssuers& issuers_;
  const SessionSeal& seal_;
  const Clock& clock_;
};

// A path on this site to return to after sign-in ("/" for anything else:
// no other hosts, no "//").
std::string SafeReturnPath(absl::string_view path);

}  // namespace fhub::gateway
