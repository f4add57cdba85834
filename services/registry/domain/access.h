#pragma once

// Who may do what in the registry (DESIGN.md section 5), decided from the
// verified caller and what the frameworks service says about a framework.
// Each check returns PERMISSION_DENIED with the reason, or OK.

#include <initializer_list>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"
#include "services/registry/domain/suspension_rules.h"

namespace fhub::registry {

// The id after "providers/", or empty if the caller is not a provider.
absl::string_view ProviderIdOf(const auth::Principal& caller);

// A PROVIDER_USER of `provider_id` itself.
absl::Status CheckProviderUser(const auth::Principal& caller,
                               absl::string_view provider_id);

// Anyone the hub trusts to read a provider's public record: an authority
// (any role), a SERVICE, an AUDITOR, the HUB_ADMIN, or the provider's own
// users.
absl::Status CheckCanReadProvider(const auth::Principal& caller,
                                  absl::string_view provider_id);

// A LEAD_ADMIN of the framework's lead.
absl::Status CheckLeadAdmin(const auth::Principal& caller,
                            const FrameworkAuthorities& framework);

// An officer holding one of `roles` at the lead or at an active member.
absl::Status CheckMemberOfficer(const auth::Principal& caller,
                                const FrameworkAuthorities& framework,
                                std::initializer_list<auth::Role> roles);

// The framework's lead or an active member (any role), a SERVICE, an
// AUDITOR or the HUB_ADMIN: those who may read what the registry holds
// about the framework's providers.
absl::Status CheckFrameworkReader(const auth::Principal& caller,
                                  const FrameworkAuthorities& framework);

// The hub's own callers: SERVICE, AUDITOR or HUB_ADMIN.
bool IsHubCaller(const auth::Principal& caller);

}  // namespace fhub::registry
