#include "tools/fhub/token_command.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "common/status_macros.h"
#include "tools/fhub/input.h"

// The key flags have the names and the environment variables of the
// services' (common/config.cc), so one FHUB_TOKEN_KEY serves both. The CLI
// does not link config.cc; if it ever did, the duplicate flags would fail
// the link rather than go unnoticed.
ABSL_FLAG(std::string, token_key, "",
          "token: HMAC secret of at least 32 bytes (FHUB_TOKEN_KEY)");
ABSL_FLAG(std::string, token_key_file, "",
          "token: file holding the secret (FHUB_TOKEN_KEY_FILE)");
ABSL_FLAG(std::string, token_issuer, "",
          "token: issuer, default fhub-dev (FHUB_TOKEN_ISSUER)");
ABSL_FLAG(std::string, token_audience, "",
          "token: audience, default fhub (FHUB_TOKEN_AUDIENCE)");
ABSL_FLAG(std::string, org, "",
          "token: organisation acted for, e.g. authorities/tameside");
ABSL_FLAG(std::string, roles, "",
          "token: comma-separated roles, e.g. LEAD_ADMIN,COMMISSIONER");
ABSL_FLAG(std::string, sub, "developer", "token: subject, the person");
ABSL_FLAG(int, ttl_hours, 12, "token: hours until the token expires");

namespace fhub::cli {
namespace {

constexpr int kMaxTtlHours = 24 * 30;

// As the services read it: a key or a key file, not both; a file's trailing
// whitespace is not part of the key.
absl::StatusOr<std::string> TokenKey() {
  std::string key = FlagOrEnv(absl::GetFlag(FLAGS_token_key), "FHUB_TOKEN_KEY");
  std::string file =
      FlagOrEnv(absl::GetFlag(FLAGS_token_key_file), "FHUB_TOKEN_KEY_FILE");
  if (!key.empty() && !file.empty()) {
    return absl::InvalidArgumentError(
        "--token_key (FHUB_TOKEN_KEY) and --token_key_file "
        "(FHUB_TOKEN_KEY_FILE) are both set; give one");
  }
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) {
      return absl::InvalidArgumentError(
          absl::StrCat("--token_key_file: cannot read '", file, "'"));
    }
    std::stringstream contents;
    contents << in.rdbuf();
    key = std::string(absl::StripTrailingAsciiWhitespace(contents.str()));
  }
  if (key.empty()) {
    return absl::InvalidArgumentError(
        "no signing key: pass --token_key or --token_key_file (or set "
        "FHUB_TOKEN_KEY or FHUB_TOKEN_KEY_FILE)");
  }
  return key;
}

absl::StatusOr<std::vector<auth::Role>> Roles() {
  std::vector<auth::Role> roles;
  for (absl::string_view name : absl::StrSplit(absl::GetFlag(FLAGS_roles), ',',
                                               absl::SkipWhitespace())) {
    absl::StatusOr<auth::Role> role =
        auth::ParseRole(absl::StripAsciiWhitespace(name));
    if (!role.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--roles: ", role.status().message()));
    }
    roles.push_back(*role);
  }
  if (roles.empty()) {
    return absl::InvalidArgumentError(
        "--roles is required, e.g. --roles LEAD_ADMIN,COMMISSIONER");
  }
  return roles;
}

absl::StatusOr<auth::TokenClaims> Claims(absl::Time now) {
  auth::TokenClaims claims;
  claims.organisation = absl::GetFlag(FLAGS_org);
  if (!auth::IsOrganisationName(claims.organisation)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--org '", claims.organisation,
                     "' must be authorities/ID, providers/ID or services/ID"));
  }
  FHUB_ASSIGN_OR_RETURN(claims.roles, Roles());
  claims.subject = absl::GetFlag(FLAGS_sub);
  FHUB_RETURN_IF_ERROR(CheckRequired("--sub", claims.subject));
  int ttl_hours = absl::GetFlag(FLAGS_ttl_hours);
  if (ttl_hours < 1 || ttl_hours > kMaxTtlHours) {
    return absl::InvalidArgumentError(
        absl::StrCat("--ttl_hours must be 1 to ", kMaxTtlHours));
  }
  claims.issuer = FlagOrEnv(absl::GetFlag(FLAGS_token_issuer),
                            "FHUB_TOKEN_ISSUER", "fhub-dev");
  claims.audience = FlagOrEnv(absl::GetFlag(FLAGS_token_audience),
                              "FHUB_TOKEN_AUDIENCE", "fhub");
  claims.issued_at = now;
  claims.expires_at = now + absl::Hours(ttl_hours);
  return claims;
}

// The signed token, or what is wrong with the flags.
absl::StatusOr<std::string> MintToken(absl::Time now) {
  FHUB_ASSIGN_OR_RETURN(auth::TokenClaims claims, Claims(now));
  auth::TokenOptions options;
  FHUB_ASSIGN_OR_RETURN(options.key, TokenKey());
  options.issuer = claims.issuer;
  options.audience = claims.audience;
  // The services would refuse a token signed with a key they cannot use.
  FHUB_RETURN_IF_ERROR(auth::ValidateTokenOptions(options));
  return auth::IssueToken(claims, options.key, "HS256");
}

int RunToken(const Args& args) {
  absl::StatusOr<std::string> token = MintToken(absl::Now());
  if (!token.ok()) {
    return UsageError(token.status());
  }
  std::cout << *token << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> TokenCommands() {
  return {
      {"token", "",
       "--org authorities/ID --roles LEAD_ADMIN[,COMMISSIONER] [--sub NAME]\n"
       "      [--ttl_hours 12] [--token_key KEY | --token_key_file FILE]\n"
       "      [--token_issuer fhub-dev] [--token_audience fhub]",
       "Mints a development token (HS256) and prints it; the key also comes "
       "from\n      FHUB_TOKEN_KEY or FHUB_TOKEN_KEY_FILE.",
       0, 0, RunToken},
  };
}

}  // namespace fhub::cli
