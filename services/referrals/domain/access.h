#pragma once

// Who may see and change referrals, invitations, placements and block
// contracts (DESIGN.md section 5).
//
// A referral, its offers, its placement and an authority's block contracts
// are the referring authority's: its COMMISSIONER sees and changes them, a
// SERVICE may read them, and anyone else gets NOT_FOUND with the text a
// missing one gets, so that a refusal tells nothing about whether it
// exists. An invitation is its provider's: a PROVIDER_USER of that provider
// sees and answers it; the referring authority's COMMISSIONER sees it too.
// Figures for one authority are its COMMISSIONER's; figures for the whole
// consortium are the framework lead's (LEAD_ADMIN or COMMISSIONER), a
// STRATEGIC_LEAD's of a member, an AUDITOR's or a SERVICE's.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"

namespace fhub::referrals {

// The id after "providers/", or empty if the caller is not a provider.
absl::string_view ProviderIdOf(const auth::Principal& caller);

// Whether `caller` is a COMMISSIONER of `authority_id`.
bool IsCommissionerOf(const auth::Principal& caller,
                      absl::string_view authority_id);

// Whether `caller` may read what belongs to `authority_id`: its
// COMMISSIONER or a SERVICE.
bool CanReadAuthority(const auth::Principal& caller,
                      absl::string_view authority_id);

// PERMISSION_DENIED unless `caller` is a COMMISSIONER of `authority_id`
// (creating under, or listing, the caller's own authority: nothing leaks).
absl::Status CheckCommissionerOf(const auth::Principal& caller,
                                 absl::string_view authority_id);

// The id in `parent` ("authorities/{id}", INVALID_ARGUMENT naming parent
// otherwise) when `caller` may read what is the authority's
// (CanReadAuthority), else CheckCommissionerOf's refusal.
absl::StatusOr<std::string> ReadableAuthority(const auth::Principal& caller,
                                              absl::string_view parent);

// PERMISSION_DENIED unless `caller` is a PROVIDER_USER of `provider_id`.
absl::Status CheckProviderUserOf(const auth::Principal& caller,
                                 absl::string_view provider_id);

// Whether `caller` may see the invitation of `provider_id` to a referral
// of `authority_id`: a PROVIDER_USER of the provider, or the authority's
// COMMISSIONER, or a SERVICE.
bool CanSeeInvitation(const auth::Principal& caller,
                      absl::string_view authority_id,
                      absl::string_view provider_id);

}  // namespace fhub::referrals
