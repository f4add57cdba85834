#include "services/registry/domain/access.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace fhub::registry {
namespace {

using auth::Role;

bool IsLeadOrActiveMember(const FrameworkAuthorities& framework,
                          absl::string_view authority_id) {
  if (authority_id.empty()) return false;
  if (framework.lead_authority_id == authority_id) return true;
  const auto& members = framework.active_member_ids;
  return std::find(members.begin(), members.end(), authority_id) !=
         members.end();
}

}  // namespace

absl::string_view ProviderIdOf(const auth::Principal& caller) {
  absl::string_view org = caller.organisation;
  return absl::ConsumePrefix(&org, "providers/") ? org : absl::string_view();
}

bool IsHubCaller(const auth::Principal& caller) {
  return caller.HasRole(Role::kService) || caller.HasRole(Role::kAuditor) ||
         caller.HasRole(Role::kHubAdmin);
}

absl::Status CheckProviderUser(const auth::Principal& caller,
                               absl::string_view provider_id) {
  if (caller.HasRole(Role::kProviderUser) &&
      ProviderIdOf(caller) == provider_id) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("only a PROVIDER_USER of providers/", provider_id,
                   " may do this; the caller acts for ", caller.organisation));
}

absl::Status CheckCanReadProvider(const auth::Principal& caller,
                                  absl::string_view provider_id) {
  if (!caller.AuthorityId().empty() || IsHubCaller(caller) ||
      ProviderIdOf(caller) == provider_id) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(absl::StrCat(
      caller.organisation, " may not read providers/", provider_id));
}

absl::Status CheckLeadAdmin(const auth::Principal& caller,
                            const FrameworkAuthorities& framework) {
  if (caller.HasRole(Role::kLeadAdmin) &&
      caller.AuthorityId() == framework.lead_authority_id) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("only a LEAD_ADMIN of the lead authority, authorities/",
                   framework.lead_authority_id, ", may do this on frameworks/",
                   framework.framework_id));
}

absl::Status CheckMemberOfficer(const auth::Principal& caller,
                                const FrameworkAuthorities& framework,
                                std::initializer_list<auth::Role> roles) {
  const bool has_role = std::any_of(roles.begin(), roles.end(),
                                    [&](Role r) { return caller.HasRole(r); });
  if (!IsLeadOrActiveMember(framework, caller.AuthorityId())) {
    return absl::PermissionDeniedError(
        absl::StrCat(caller.organisation,
                     " is not the lead or an active member of frameworks/",
                     framework.framework_id));
  }
  if (!has_role) {
    std::string names;
    for (Role r : roles) {
      absl::StrAppend(&names, names.empty() ? "" : " or ", auth::RoleName(r));
    }
    return absl::PermissionDeniedError(
        absl::StrCat("this needs the role ", names));
  }
  return absl::OkStatus();
}

absl::Status CheckFrameworkReader(const auth::Principal& caller,
                                  const FrameworkAuthorities& framework) {
  if (IsHubCaller(caller) ||
      IsLeadOrActiveMember(framework, caller.AuthorityId())) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat(caller.organisation,
                   " is not the lead or an active member of frameworks/",
                   framework.framework_id));
}

}  // namespace fhub::registry
