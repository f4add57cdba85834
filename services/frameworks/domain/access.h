#pragma once

// Who may do what to a framework, decided from the verified caller and the
// framework itself. Only a LEAD_ADMIN of the lead authority changes a
// framework; the lead and its members (current or former) read it; to anyone
// else a DRAFT framework does not exist (NOT_FOUND) and any other is
// PERMISSION_DENIED.

#include "absl/status/status.h"
#include "common/auth/principal.h"
#include "services/frameworks/domain/model.h"

namespace fhub::frameworks {

// HUB_ADMIN, or LEAD_ADMIN of any authority.
absl::Status CheckCanCreateAuthority(const auth::Principal& caller);

// LEAD_ADMIN of the authority named as lead.
absl::Status CheckCanCreateFramework(const auth::Principal& caller,
                                     const std::string& lead_authority_id);

// `caller_is_member`: the caller's authority has had a membership of it.
absl::Status CheckCanRead(const auth::Principal& caller,
                          const Framework& framework, bool caller_is_member);

absl::Status CheckCanAdminister(const auth::Principal& caller,
                                const Framework& framework,
                                bool caller_is_member);

// The lead's LEAD_ADMIN, or a LEAD_ADMIN or COMMISSIONER of the member.
absl::Status CheckCanCease(const auth::Principal& caller,
                           const Framework& framework,
                           const Membership& membership);

// SERVICE and HUB_ADMIN callers see every framework.
bool SeesEveryFramework(const auth::Principal& caller);

}  // namespace fhub::frameworks
