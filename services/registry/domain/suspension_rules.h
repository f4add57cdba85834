#pragma once

// Suspension, action plans, reinstatement and removal.
//
// The lead suspends a provider FRAMEWORK_WIDE; any active member (the lead
// included, for its own placements) suspends it MEMBER_ONLY, for itself
// alone, as each council decides for itself. Either way the suspension
// covers every lot of the framework and carries an action plan. The
// provider submits evidence per item while the suspension is active; the
// suspender accepts items that have evidence; the suspender reinstates once
// every item is accepted. Only the lead removes a provider from the
// framework.
//
// Checks that are about the caller return PERMISSION_DENIED; about the
// state of things, FAILED_PRECONDITION; about the request, INVALID_ARGUMENT
// naming the field.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/registry/domain/model.h"

namespace fhub::registry {

inline constexpr size_t kMaxReasonLength = 2000;
inline constexpr size_t kMaxActionPlanItems = 50;
inline constexpr size_t kMaxEvidenceLength = 10000;

// Who holds a framework, as the frameworks service says.
struct FrameworkAuthorities {
  std::string framework_id;
  std::string lead_authority_id;
  std::vector<std::string> active_member_ids;
};

// PERMISSION_DENIED unless `acting_authority_id` may suspend with `scope`:
// the lead for FRAMEWORK_WIDE, an active member for MEMBER_ONLY.
absl::Status CheckMaySuspend(const FrameworkAuthorities& authorities,
                             absl::string_view acting_authority_id,
                             SuspensionScope scope);

// A suspension as `acting_authority_id` asks for it, made ready to store:
// CheckMaySuspend; a reason; 1 to kMaxActionPlanItems items, each with a
// description and a due date no earlier than `today`; FAILED_PRECONDITION
// unless the provider holds an accreditation on the framework that is not
// REMOVED; ALREADY_EXISTS if the same authority already has an active
// suspension of the same scope on the provider. The result is ACTIVE, its
// authority is the actor, its items are numbered from 1 with no evidence.
absl::StatusOr<Suspension> PrepareSuspension(
    Suspension requested, const FrameworkAuthorities& authorities,
    absl::string_view acting_authority_id,
    const std::vector<Accreditation>& provider_accreditations,
    const std::vector<Suspension>& provider_suspensions, absl::CivilDay today);

// The provider's evidence for item `item_number`, replacing any earlier
// evidence. FAILED_PRECONDITION unless the suspension is active and the item
// not yet accepted; NOT_FOUND for an unknown item.
absl::Status SubmitEvidence(Suspension& suspension, int item_number,
                            absl::string_view evidence, absl::Time at);

// The suspender accepts item `item_number`. PERMISSION_DENIED for anyone
// else; FAILED_PRECONDITION unless the suspension is active and the item
// has evidence and is not yet accepted; NOT_FOUND for an unknown item.
absl::Status AcceptItem(Suspension& suspension, int item_number,
                        absl::string_view acting_authority_id,
                        absl::string_view officer, absl::Time at);

// The suspender lifts the suspension. PERMISSION_DENIED for anyone else;
// FAILED_PRECONDITION unless it is active and every item is accepted (the
// message names the outstanding items).
absl::Status Reinstate(Suspension& suspension,
                       absl::string_view acting_authority_id,
                       absl::string_view officer, absl::Time at);

// The lead removes the provider from the framework: every accreditation of
// it on the framework becomes REMOVED with `reason`. PERMISSION_DENIED
// unless the actor is the lead; FAILED_PRECONDITION if none is left to
// remove. Returns the accreditations as changed.
absl::StatusOr<std::vector<Accreditation>> RemoveFromFramework(
    const FrameworkAuthorities& authorities,
    absl::string_view acting_authority_id,
    const std::vector<Accreditation>& provider_accreditations,
    absl::string_view reason, absl::Time at);

// Does `suspension` stop `authority_id` using the provider on
// `framework_id`? An active FRAMEWORK_WIDE suspension stops everyone; an
// active MEMBER_ONLY one stops only its own authority.
bool Blocks(const Suspension& suspension, absl::string_view framework_id,
            absl::string_view authority_id);

// The status an accreditation should hold given the provider's
// suspensions: REMOVED stays REMOVED; SUSPENDED while any active
// FRAMEWORK_WIDE suspension on its framework stands; otherwise ADMITTED.
AccreditationStatus StatusGiven(const Accreditation& accreditation,
                                const std::vector<Suspension>& suspensions);

}  // namespace fhub::registry
