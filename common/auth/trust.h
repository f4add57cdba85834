#pragma once

// The identity providers the hub trusts besides its own issuer: each
// member's tenant (Microsoft Entra ID and the like), and a route for
// providers' staff. A trust file lists them:
//
//   {"issuers": [{
//     "id": "sefton",                      // short name, [a-z0-9-]
//     "issuer": "https://login.microsoftonline.com/<tenant>/v2.0",
//     "discovery_url": "...",              // default: issuer +
//                                          // "/.well-known/openid-configuration"
//     "jwks_url": "...",                   // instead of discovery
//     "audience": "api://fhub",            // the aud its tokens must carry
//     "organisation": "authorities/sefton" // every token speaks for it; or
//     "organisation_claim": "org",         // the claim naming the org, and
//     "organisations": ["providers/*"],    // the orgs that claim may name
//     "subject_claim": "sub",              // default "sub" ("oid" for Entra)
//     "roles_claim": "roles",              // or "groups"; a list of strings
//                                          // (or one comma-separated string)
//     "roles": {"fhub-commissioner": "COMMISSIONER"},  // claim value -> role
//     "algorithms": ["RS256", "ES256"],    // the default; no others
//     "console": {                         // optional: sign in to the
//       "display_name": "Sefton Council",  // web console through it
//       "client_id": "fhub-console",
//       "client_secret_file": "...",       // confidential clients only
//       "scopes": "openid profile",
//       "resource": "https://fhub"}      // RFC 8707 resource indicator, for
//                                        // providers that set the access
//                                        // token's aud from it
//   }]}
//
// An issuer's tokens may only speak for its organisations: a token naming
// another is refused (UNAUTHENTICATED), so Sefton's tenant can never act as
// Wirral. External issuers cannot grant SERVICE or HUB_ADMIN: those stay
// with the hub's own issuer (calls between services).

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace fhub::auth {

struct ConsoleClient {
  std::string display_name;
  std::string client_id;
  std::string client_secret;  // read from client_secret_file
  std::string scopes = "openid";
  std::string resource;  // sent as resource= when set
};

struct TrustedIssuer {
  std::string id;
  std::string issuer;
  std::string discovery_url;
  std::string jwks_url;
  std::string audience;
  std::string organisation;
  std::string organisation_claim;
  std::vector<std::string> organisations;
  std::string subject_claim = "sub";
  std::string roles_claim = "roles";
  std::map<std::string, Role> roles;
  std::vector<std::string> algorithms = {"RS256", "ES256"};
  // Set when the console may sign people in through this issuer.
  bool has_console = false;
  ConsoleClient console;
};

// The trust file's issuers; INVALID_ARGUMENT naming the entry and field
// for anything missing or wrong (an http:// URL other than loopback, an
// unknown role, SERVICE or HUB_ADMIN, an algorithm other than RS256/ES256,
// two entries with one issuer). `base_dir` resolves relative secret files.
absl::StatusOr<std::vector<TrustedIssuer>> ParseTrustConfig(
    absl::string_view json, absl::string_view base_dir = "");
absl::StatusOr<std::vector<TrustedIssuer>> LoadTrustFile(
    const std::string& path);

// Whether `organisation` is one the issuer may speak for (an entry
// "providers/*" admits any provider).
bool MaySpeakFor(const TrustedIssuer& issuer, absl::string_view organisation);

// What a verified token's claims (a JSON object) say, by the issuer's
// rules: its iss and aud, exp and nbf at `now` (with `leeway`), the
// subject, the organisation (which it must be allowed), and the hub roles
// its roles claim maps to. `expires`/`not_before` receive the window the
// token is good for. UNAUTHENTICATED with the reason otherwise.
absl::StatusOr<Principal> PrincipalFromClaims(const TrustedIssuer& issuer,
                                              absl::string_view claims_json,
                                              absl::Time now,
                                              absl::Duration leeway,
                                              absl::Time* not_before,
                                              absl::Time* expires);

}  // namespace fhub::auth
