#include "services/frameworks/domain/access.h"

#include "absl/strings/str_cat.h"

namespace fhub::frameworks {
namespace {

using auth::Role;

bool IsLead(const auth::Principal& caller, const Framework& framework) {
  return caller.AuthorityId() == framework.lead_authority_id;
}

absl::Status Hidden(const Framework& framework) {
  if (framework.status == FrameworkStatus::kDraft) {
    return absl::NotFoundError(
        absl::StrCat("frameworks/", framework.id, " not found"));
  }
  return absl::PermissionDeniedError(absl::StrCat(
      "only the lead authority and members may see frameworks/", framework.id));
}

}  // namespace

absl::Status CheckCanCreateAuthority(const auth::Principal& caller) {
  if (caller.HasRole(Role::kHubAdmin) ||
      (caller.HasRole(Role::kLeadAdmin) && !caller.AuthorityId().empty())) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      "registering an authority needs HUB_ADMIN, or LEAD_ADMIN of an "
      "authority");
}

absl::Status CheckCanCreateFramework(const auth::Principal& caller,
                                     const std::string& lead_authority_id) {
  if (caller.HasRole(Role::kLeadAdmin) &&
      caller.AuthorityId() == lead_authority_id) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("only a LEAD_ADMIN of authorities/", lead_authority_id,
                   " may create a framework it leads"));
}

bool SeesEveryFramework(const auth::Principal& caller) {
  return caller.HasRole(Role::kService) || caller.HasRole(Role::kHubAdmin);
}

absl::Status CheckCanRead(const auth::Principal& caller,
                          const Framework& framework, bool caller_is_member) {
  if (SeesEveryFramework(caller) || IsLead(caller, framework) ||
      caller_is_member) {
    return absl::OkStatus();
  }
  return Hidden(framework);
}

absl::Status CheckCanAdminister(const auth::Principal& caller,
                                const Framework& framework,
                                bool caller_is_member) {
  if (IsLead(caller, framework) && caller.HasRole(Role::kLeadAdmin)) {
    return absl::OkStatus();
  }
  if (IsLead(caller, framework) || caller_is_member ||
      SeesEveryFramework(caller)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "only a LEAD_ADMIN of authorities/", framework.lead_authority_id,
        " may change frameworks/", framework.id));
  }
  return Hidden(framework);
}

absl::Status CheckCanCease(const auth::Principal& caller,
                           const Framework& framework,
                           const Membership& membership) {
  if (IsLead(caller, framework) && caller.HasRole(Role::kLeadAdmin)) {
    return absl::OkStatus();
  }
  if (caller.AuthorityId() == membership.authority_id &&
      (caller.HasRole(Role::kLeadAdmin) ||
       caller.HasRole(Role::kCommissioner))) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(absl::StrCat(
      "only the lead's LEAD_ADMIN or the member's own LEAD_ADMIN or "
      "COMMISSIONER may end authorities/",
      membership.authority_id, "'s membership"));
}

}  // namespace fhub::frameworks
