#include "common/auth/trust.h"

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace fhub::auth {
namespace {

using Json = nlohmann::json;

absl::Status Bad(absl::string_view where, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("trust file: ", where, ": ",
                                                 why));
}

absl::Status Refused(const TrustedIssuer& issuer, absl::string_view why) {
  return absl::UnauthenticatedError(
      absl::StrCat("invalid token from issuer ", issuer.id, ": ", why));
}

bool IsLoopbackHttp(absl::string_view url) {
  return absl::StartsWith(url, "http://127.0.0.1") ||
         absl::StartsWith(url, "http://localhost") ||
         absl::StartsWith(url, "http://[::1]");
}

// https://..., or http:// to this machine (a test's identity provider).
absl::Status CheckUrl(absl::string_view where, absl::string_view url) {
  if (absl::StartsWith(url, "https://") || IsLoopbackHttp(url)) {
    return absl::OkStatus();
  }
  return Bad(where, absl::StrCat("\"", url,
                                 "\" must be an https:// URL (http:// only to "
                                 "127.0.0.1 or localhost)"));
}

bool IsId(absl::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  for (char c : id) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-')) {
      return false;
    }
  }
  return true;
}

absl::StatusOr<std::string> String(const Json& entry, const char* key,
                                   absl::string_view where, bool required) {
  if (!entry.contains(key)) {
    if (required) return Bad(where, absl::StrCat(key, " is required"));
    return std::string();
  }
  if (!entry[key].is_string()) {
    return Bad(where, absl::StrCat(key, " must be a string"));
  }
  return entry[key].get<std::string>();
}

absl::StatusOr<std::string> ReadSecret(const std::string& path,
                                       absl::string_view base_dir,
                                       absl::string_view where) {
  const std::string full = !path.empty() && path[0] != '/' && !base_dir.empty()
                               ? absl::StrCat(base_dir, "/", path)
                               : path;
  std::ifstream in(full);
  if (!in) return Bad(where, absl::StrCat("cannot read ", full));
  std::stringstream text;
  text << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(text.str()));
}

absl::StatusOr<TrustedIssuer> ParseIssuer(const Json& entry, size_t index,
                                          absl::string_view base_dir) {
  std::string where = absl::StrCat("issuers[", index, "]");
  if (!entry.is_object()) return Bad(where, "must be an object");
  TrustedIssuer t;
  absl::StatusOr<std::string> value = String(entry, "id", where, true);
  if (!value.ok()) return value.status();
  t.id = *value;
  if (!IsId(t.id)) {
    return Bad(where, "id must be 1 to 63 of a-z, 0-9 and -");
  }
  where = absl::StrCat("issuers[", index, "] (", t.id, ")");
  for (auto [key, out, required] :
       {std::make_tuple("issuer", &t.issuer, true),
        std::make_tuple("discovery_url", &t.discovery_url, false),
        std::make_tuple("jwks_url", &t.jwks_url, false),
        std::make_tuple("audience", &t.audience, true),
        std::make_tuple("organisation", &t.organisation, false),
        std::make_tuple("organisation_claim", &t.organisation_claim, false)}) {
    value = String(entry, key, where, required);
    if (!value.ok()) return value.status();
    *out = *value;
  }
  for (auto [key, out] : {std::make_pair("subject_claim", &t.subject_claim),
                          std::make_pair("roles_claim", &t.roles_claim)}) {
    value = String(entry, key, where, false);
    if (!value.ok()) return value.status();
    if (!value->empty()) *out = *value;
  }
  if (absl::Status s = CheckUrl(absl::StrCat(where, ".issuer"), t.issuer);
      !s.ok()) {
    return s;
  }
  if (t.discovery_url.empty() && t.jwks_url.empty()) {
    t.discovery_url = absl::StrCat(absl::StripSuffix(t.issuer, "/"),
                                   "/.well-known/openid-configuration");
  }
  for (const std::string* url : {&t.discovery_url, &t.jwks_url}) {
    if (url->empty()) continue;
    if (absl::Status s = CheckUrl(where, *url); !s.ok()) return s;
  }

  if (t.organisation.empty() == t.organisation_claim.empty()) {
    return Bad(where,
               "give organisation (every token speaks for it) or "
               "organisation_claim with organisations (the ones it may name)");
  }
  if (!t.organisation.empty()) {
    if (!IsOrganisationName(t.organisation) ||
        absl::StartsWith(t.organisation, "services/")) {
      return Bad(where, "organisation must be authorities/{id} or "
                        "providers/{id}");
    }
    t.organisations = {t.organisation};
  } else {
    if (!entry.contains("organisations") || !entry["organisations"].is_array() ||
        entry["organisations"].empty()) {
      return Bad(where, "organisations must list what organisation_claim may "
                        "name, e.g. [\"providers/*\"]");
    }
    for (const Json& org : entry["organisations"]) {
      if (!org.is_string()) return Bad(where, "organisations must be strings");
      const std::string name = org.get<std::string>();
      const bool pattern = name == "authorities/*" || name == "providers/*";
      if (!pattern && (!IsOrganisationName(name) ||
                       absl::StartsWith(name, "services/"))) {
        return Bad(where, absl::StrCat("organisations: \"", name,
                                       "\" is not authorities/{id}, "
                                       "providers/{id}, authorities/* or "
                                       "providers/*"));
      }
      t.organisations.push_back(name);
    }
  }

  if (!entry.contains("roles") || !entry["roles"].is_object() ||
      entry["roles"].empty()) {
    return Bad(where, absl::StrCat("roles must map values of the ",
                                   t.roles_claim, " claim to hub roles"));
  }
  for (const auto& [claim_value, role] : entry["roles"].items()) {
    if (!role.is_string()) return Bad(where, "roles values must be strings");
    absl::StatusOr<Role> parsed = ParseRole(role.get<std::string>());
    if (!parsed.ok()) {
      return Bad(where, absl::StrCat("roles: ", parsed.status().message()));
    }
    if (*parsed == Role::kService || *parsed == Role::kHubAdmin) {
      return Bad(where, absl::StrCat("roles: ", role.get<std::string>(),
                                     " comes only from the hub's own issuer"));
    }
    t.roles[claim_value] = *parsed;
  }

  if (entry.contains("algorithms")) {
    if (!entry["algorithms"].is_array() || entry["algorithms"].empty()) {
      return Bad(where, "algorithms must be a list");
    }
    t.algorithms.clear();
    for (const Json& alg : entry["algorithms"]) {
      if (!alg.is_string() ||
          (alg.get<std::string>() != "RS256" &&
           alg.get<std::string>() != "ES256")) {
        return Bad(where, "algorithms may be RS256 and ES256 only");
      }
      t.algorithms.push_back(alg.get<std::string>());
    }
  }

  if (entry.contains("console")) {
    const Json& console = entry["console"];
    const std::string at = absl::StrCat(where, ".console");
    if (!console.is_object()) return Bad(at, "must be an object");
    t.has_console = true;
    for (auto [key, out, required] :
         {std::make_tuple("display_name", &t.console.display_name, true),
          std::make_tuple("client_id", &t.console.client_id, true)}) {
      value = String(console, key, at, required);
      if (!value.ok()) return value.status();
      *out = *value;
    }
    value = String(console, "resource", at, false);
    if (!value.ok()) return value.status();
    t.console.resource = *value;
    if (!t.console.resource.empty()) {
      if (absl::Status s = CheckUrl(absl::StrCat(at, ".resource"),
                                    t.console.resource);
          !s.ok()) {
        return s;
      }
    }
    value = String(console, "scopes", at, false);
    if (!value.ok()) return value.status();
    if (!value->empty()) t.console.scopes = *value;
    if (!absl::StrContains(t.console.scopes, "openid")) {
      return Bad(at, "scopes must include openid");
    }
    value = String(console, "client_secret_file", at, false);
    if (!value.ok()) return value.status();
    if (!value->empty()) {
      absl::StatusOr<std::string> secret = ReadSecret(*value, base_dir, at);
      if (!secret.ok()) return secret.status();
      t.console.client_secret = *secret;
    }
  }
  return t;
}

// The claim as a string, or "" when absent or not a string.
std::string StringClaim(const Json& claims, const std::string& key) {
  auto it = claims.find(key);
  return it != claims.end() && it->is_string() ? it->get<std::string>() : "";
}

bool AudienceMatches(const Json& claims, const std::string& audience) {
  auto it = claims.find("aud");
  if (it == claims.end()) return false;
  if (it->is_string()) return it->get<std::string>() == audience;
  if (it->is_array()) {
    for (const Json& item : *it) {
      if (item.is_string() && item.get<std::string>() == audience) return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<std::vector<TrustedIssuer>> ParseTrustConfig(
    absl::string_view json, absl::string_view base_dir) {
  const Json root = Json::parse(json, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return Bad("the file", "is not a JSON object");
  }
  if (!root.contains("issuers") || !root["issuers"].is_array()) {
    return Bad("the file", "must hold \"issuers\": [...]");
  }
  std::vector<TrustedIssuer> issuers;
  std::set<std::string> ids, names;
  for (size_t i = 0; i < root["issuers"].size(); ++i) {
    absl::StatusOr<TrustedIssuer> issuer =
        ParseIssuer(root["issuers"][i], i, base_dir);
    if (!issuer.ok()) return issuer.status();
    if (!ids.insert(issuer->id).second) {
      return Bad(absl::StrCat("issuers[", i, "]"),
                 absl::StrCat("id ", issuer->id, " is used twice"));
    }
    if (!names.insert(issuer->issuer).second) {
      return Bad(absl::StrCat("issuers[", i, "]"),
                 absl::StrCat("issuer ", issuer->issuer, " is listed twice"));
    }
    issuers.push_back(*std::move(issuer));
  }
  return issuers;
}

absl::StatusOr<std::vector<TrustedIssuer>> LoadTrustFile(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return Bad(path, "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  const size_t slash = path.rfind('/');
  return ParseTrustConfig(text.str(), slash == std::string::npos
                                          ? absl::string_view()
                                          : absl::string_view(path).substr(
                                                0, slash));
}

bool MaySpeakFor(const TrustedIssuer& issuer, absl::string_view organisation) {
  for (const std::string& allowed : issuer.organisations) {
    if (allowed == organisation) return true;
    if (absl::EndsWith(allowed, "/*") &&
        absl::StartsWith(organisation,
                         absl::string_view(allowed).substr(
                             0, allowed.size() - 1)) &&
        IsOrganisationName(organisation)) {
      return true;
    }
  }
  return false;
}

absl::StatusOr<Principal> PrincipalFromClaims(const TrustedIssuer& issuer,
                                              absl::string_view claims_json,
                                              absl::Time now,
                                              absl::Duration leeway,
                                              absl::Time* not_before,
                                              absl::Time* expires) {
  const Json claims = Json::parse(claims_json, nullptr, false);
  if (!claims.is_object()) return Refused(issuer, "claims are not an object");
  if (StringClaim(claims, "iss") != issuer.issuer) {
    return Refused(issuer, "wrong issuer");
  }
  if (!AudienceMatches(claims, issuer.audience)) {
    return Refused(issuer, "wrong audience");
  }
  auto exp = claims.find("exp");
  if (exp == claims.end() || !exp->is_number()) {
    return Refused(issuer, "no expiry");
  }
  *expires = absl::FromUnixSeconds(exp->get<int64_t>()) + leeway;
  if (*expires <= now) return Refused(issuer, "expired");
  *not_before = absl::InfinitePast();
  if (auto nbf = claims.find("nbf"); nbf != claims.end()) {
    if (!nbf->is_number()) return Refused(issuer, "not yet valid");
    *not_before = absl::FromUnixSeconds(nbf->get<int64_t>()) - leeway;
    if (*not_before > now) return Refused(issuer, "not yet valid");
  }

  Principal principal;
  principal.subject = StringClaim(claims, issuer.subject_claim);
  if (principal.subject.empty()) {
    return Refused(issuer, absl::StrCat("no ", issuer.subject_claim));
  }
  principal.organisation = issuer.organisation.empty()
                               ? StringClaim(claims, issuer.organisation_claim)
                               : issuer.organisation;
  if (!issuer.organisation.empty()) {
    // A fixed organisation: a token that names another one anyway (an org
    // claim of the hub's own shape) is refused rather than ignored.
    const std::string named = StringClaim(claims, "org");
    if (!named.empty() && named != issuer.organisation) {
      return Refused(issuer, absl::StrCat("it may not speak for ", named));
    }
  }
  if (!MaySpeakFor(issuer, principal.organisation)) {
    return Refused(issuer,
                   principal.organisation.empty()
                       ? absl::StrCat("no ", issuer.organisation_claim)
                       : absl::StrCat("it may not speak for ",
                                      principal.organisation));
  }
  // A list of strings, or one string of them separated by commas or
  // spaces (how some providers write a multi-valued claim in access tokens).
  std::vector<std::string> values;
  if (auto roles = claims.find(issuer.roles_claim); roles != claims.end()) {
    if (roles->is_array()) {
      for (const Json& value : *roles) {
        if (value.is_string()) values.push_back(value.get<std::string>());
      }
    } else if (roles->is_string()) {
      for (absl::string_view value : absl::StrSplit(
               roles->get<std::string>(), absl::ByAnyChar(", "),
               absl::SkipEmpty())) {
        values.emplace_back(value);
      }
    }
  }
  {
    for (const std::string& value : values) {
      auto mapped = issuer.roles.find(value);
      // Values the trust file does not map are not hub roles (a tenant's
      // groups are many); they are ignored.
      if (mapped == issuer.roles.end()) continue;
      if (!principal.HasRole(mapped->second)) {
        principal.roles.push_back(mapped->second);
      }
    }
  }
  return principal;
}

}  // namespace fhub::auth
