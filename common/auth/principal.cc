#include "common/auth/principal.h"

#include <algorithm>
#include <array>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/resource_name.h"

namespace fhub::auth {
namespace {

constexpr std::array<std::pair<Role, absl::string_view>, 8> kRoleNames = {{
    {Role::kLeadAdmin, "LEAD_ADMIN"},
    {Role::kCommissioner, "COMMISSIONER"},
    {Role::kStrategicLead, "STRATEGIC_LEAD"},
    {Role::kEvaluator, "EVALUATOR"},
    {Role::kProviderUser, "PROVIDER_USER"},
    {Role::kAuditor, "AUDITOR"},
    {Role::kService, "SERVICE"},
    {Role::kHubAdmin, "HUB_ADMIN"},
}};

constexpr absl::string_view kAuthorities = "authorities/";

}  // namespace

absl::StatusOr<Role> ParseRole(absl::string_view name) {
  for (const auto& [role, role_name] : kRoleNames) {
    if (role_name == name) return role;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown role '", name, "'"));
}

absl::string_view RoleName(Role role) {
  for (const auto& [known, name] : kRoleNames) {
    if (known == role) return name;
  }
  return "UNKNOWN";
}

bool Principal::HasRole(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

absl::string_view Principal::AuthorityId() const {
  if (!absl::StartsWith(organisation, kAuthorities)) return {};
  return absl::string_view(organisation).substr(kAuthorities.size());
}

bool IsOrganisationName(absl::string_view name) {
  for (absl::string_view collection :
       {"authorities", "providers", "services"}) {
    if (ParseResourceName(name, collection).ok()) return true;
  }
  return false;
}

}  // namespace fhub::auth
