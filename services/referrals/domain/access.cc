#include "services/referrals/domain/access.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::referrals {

using auth::Principal;
using auth::Role;

absl::string_view ProviderIdOf(const Principal& caller) {
  absl::string_view organisation = caller.organisation;
  if (!absl::ConsumePrefix(&organisation, "providers/")) return "";
  return organisation;
}

bool IsCommissionerOf(const Principal& caller, absl::string_view authority_id) {
  return !authority_id.empty() && caller.AuthorityId() == authority_id &&
         caller.HasRole(Role::kCommissioner);
}

bool CanReadAuthority(const Principal& caller, absl::string_view authority_id) {
  return IsCommissionerOf(caller, authority_id) ||
         caller.HasRole(Role::kService);
}

absl::Status CheckCommissionerOf(const Principal& caller,
                                 absl::string_view authority_id) {
  if (IsCommissionerOf(caller, authority_id)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("only a COMMISSIONER of authorities/", authority_id,
                   " may do this; the caller acts for ", caller.organisation));
}

absl::StatusOr<std::string> ReadableAuthority(const auth::Principal& caller,
                                              absl::string_view parent) {
  FHUB_ASSIGN_OR_RETURN(std::string authority_id,
                        ParseName("parent", parent, "authorities"));
  if (!CanReadAuthority(caller, authority_id)) {
    FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, authority_id));
  }
  return authority_id;
}

absl::Status CheckProviderUserOf(const Principal& caller,
                                 absl::string_view provider_id) {
  if (!provider_id.empty() && ProviderIdOf(caller) == provider_id &&
      caller.HasRole(Role::kProviderUser)) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("only a PROVIDER_USER of providers/", provider_id,
                   " may do this; the caller acts for ", caller.organisation));
}

bool CanSeeInvitation(const Principal& caller, absl::string_view authority_id,
                      absl::string_view provider_id) {
  return CheckProviderUserOf(caller, provider_id).ok() ||
         CanReadAuthority(caller, authority_id);
}

}  // namespace fhub::referrals
