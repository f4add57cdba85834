#pragma once

// Who is calling: the verified identity every rpc is decided on.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub::auth {

// Roles a token may grant (DESIGN.md section 5), plus HUB_ADMIN, the hub
// operator who registers organisations.
enum class Role {
  kLeadAdmin,
  kCommissioner,
  kStrategicLead,
  kEvaluator,
  kProviderUser,
  kAuditor,
  kService,
  kHubAdmin,
};

// "LEAD_ADMIN" -> Role::kLeadAdmin; NOT_FOUND-free: unknown names give an
// INVALID_ARGUMENT status.
absl::StatusOr<Role> ParseRole(absl::string_view name);
absl::string_view RoleName(Role role);

struct Principal {
  // The token's subject: a person or a service account.
  std::string subject;
  // The organisation acted for: "authorities/{id}", "providers/{id}" or
  // "services/{name}".
  std::string organisation;
  std::vector<Role> roles;

  bool HasRole(Role role) const;
  // The id after "authorities/", or empty if the caller is not an authority.
  absl::string_view AuthorityId() const;
};

// Checks an organisation name: "authorities/{id}", "providers/{id}" or
// "services/{id}" with a valid resource id.
bool IsOrganisationName(absl::string_view name);

}  // namespace fhub::auth
