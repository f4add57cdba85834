#pragma once

// The development sign-in: in development mode only, the console lists the
// demo's people and mints a short-lived token for whichever one a developer
// picks, signed with the local HMAC key the services verify. Production
// sign-in goes through the council's own identity provider instead; this
// class is the one place that replaces.
//
//   GET  /dev/people   [{"id", "name", "organisation", "roles", "about"}]
//   POST /dev/sign-in  {"person": "sefton-commissioner"}, or
//                      {"organisation": "authorities/x", "roles": [...],
//                       "subject": "..."}
//                      -> {"token", "expiresAt", "organisation", "roles",
//                          "subject"}

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/clock.h"

namespace fhub::gateway {

struct DevPerson {
  std::string id;    // "sefton-commissioner"
  std::string name;  // "Sefton's commissioner"
  std::string organisation;
  std::vector<auth::Role> roles;
  std::string about;  // what they do in the demo
};

// The people of the North West 16+ demo (deploy/local/demo).
const std::vector<DevPerson>& DemoPeople();

struct DevSignInOptions {
  std::string token_key;  // HMAC key, as the services verify
  std::string issuer = "fhub-dev";
  std::string audience = "fhub";
  absl::Duration lifetime = absl::Hours(8);
};

class DevSignIn {
 public:
  DevSignIn(DevSignInOptions options, const Clock* clock);

  // GET /dev/people's answer.
  std::string PeopleJson() const;
  // POST /dev/sign-in's answer for `body`; INVALID_ARGUMENT naming the
  // field for an unknown person, a bad organisation or an unknown role.
  absl::StatusOr<std::string> SignIn(absl::string_view body) const;

 private:
  DevSignInOptions options_;
  const Clock& clock_;
};

}  // namespace fhub::gateway
