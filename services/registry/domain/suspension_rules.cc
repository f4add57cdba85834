#include "services/registry/domain/suspension_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::registry {
namespace {

std::string Name(const Suspension& suspension) {
  return absl::StrCat("suspension ", suspension.id);
}

absl::Status CheckActive(const Suspension& suspension) {
  if (suspension.status != SuspensionStatus::kActive) {
    return absl::FailedPreconditionError(
        absl::StrCat(Name(suspension), " is ",
                     NameOf(kSuspensionStatuses, suspension.status),
                     "; only an ACTIVE suspension can change"));
  }
  return absl::OkStatus();
}

absl::Status CheckSuspender(const Suspension& suspension,
                            absl::string_view acting_authority_id) {
  if (acting_authority_id != suspension.authority_id) {
    return absl::PermissionDeniedError(absl::StrCat(
        "only authorities/", suspension.authority_id,
        ", which suspended the provider, may act on ", Name(suspension)));
  }
  return absl::OkStatus();
}

absl::StatusOr<ActionPlanItem*> FindItem(Suspension& suspension,
                                         int item_number) {
  for (ActionPlanItem& item : suspension.action_plan) {
    if (item.number == item_number) return &item;
  }
  return absl::NotFoundError(
      absl::StrCat(Name(suspension), " has no action plan item ", item_number));
}

absl::Status PrepareActionPlan(std::vector<ActionPlanItem>& plan,
                               absl::CivilDay today) {
  if (plan.empty() || plan.size() > kMaxActionPlanItems) {
    return absl::InvalidArgumentError(
        absl::StrCat("suspension.action_plan must have 1 to ",
                     kMaxActionPlanItems, " items"));
  }
  for (size_t i = 0; i < plan.size(); ++i) {
    const std::string field = absl::StrCat("suspension.action_plan[", i, "]");
    FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".description"),
                                   plan[i].description, 1, kMaxReasonLength));
    if (plan[i].due < today) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".due_date must not be before today"));
    }
    ActionPlanItem fresh;
    fresh.number = static_cast<int>(i) + 1;
    fresh.description = std::move(plan[i].description);
    fresh.due = plan[i].due;
    plan[i] = std::move(fresh);
  }
  return absl::OkStatus();
}

bool HoldsAccreditation(const std::vector<Accreditation>& accreditations,
                        absl::string_view provider_id,
                        absl::string_view framework_id) {
  return std::any_of(accreditations.begin(), accreditations.end(),
                     [&](const Accreditation& a) {
                       return a.provider_id == provider_id &&
                              a.lot.framework_id == framework_id &&
                              a.status != AccreditationStatus::kRemoved;
                     });
}

}  // namespace

absl::Status CheckMaySuspend(const FrameworkAuthorities& authorities,
                             absl::string_view acting_authority_id,
                             SuspensionScope scope) {
  if (scope == SuspensionScope::kFrameworkWide) {
    if (acting_authority_id != authorities.lead_authority_id) {
      return absl::PermissionDeniedError(absl::StrCat(
          "only the lead authority, authorities/",
          authorities.lead_authority_id, ", may suspend a provider ",
          "FRAMEWORK_WIDE; a member may suspend MEMBER_ONLY"));
    }
    return absl::OkStatus();
  }
  const auto& members = authorities.active_member_ids;
  if (std::find(members.begin(), members.end(), acting_authority_id) ==
      members.end()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "authorities/", acting_authority_id,
        " is not an active member of frameworks/", authorities.framework_id));
  }
  return absl::OkStatus();
}

absl::StatusOr<Suspension> PrepareSuspension(
    Suspension requested, const FrameworkAuthorities& authorities,
    absl::string_view acting_authority_id,
    const std::vector<Accreditation>& provider_accreditations,
    const std::vector<Suspension>& provider_suspensions, absl::CivilDay today) {
  FHUB_RETURN_IF_ERROR(
      CheckMaySuspend(authorities, acting_authority_id, requested.scope));
  FHUB_RETURN_IF_ERROR(
      CheckText("suspension.reason", requested.reason, 1, kMaxReasonLength));
  FHUB_RETURN_IF_ERROR(PrepareActionPlan(requested.action_plan, today));
  requested.framework_id = authorities.framework_id;
  requested.authority_id = std::string(acting_authority_id);
  if (!HoldsAccreditation(provider_accreditations, requested.provider_id,
                          requested.framework_id)) {
    return absl::FailedPreconditionError(
        absl::StrCat("providers/", requested.provider_id,
                     " holds no current accreditation on frameworks/",
                     requested.framework_id));
  }
  for (const Suspension& other : provider_suspensions) {
    if (other.status == SuspensionStatus::kActive &&
        other.provider_id == requested.provider_id &&
        other.framework_id == requested.framework_id &&
        other.scope == requested.scope &&
        other.authority_id == requested.authority_id) {
      return absl::AlreadyExistsError(absl::StrCat(
          "providers/", requested.provider_id, " is already suspended ",
          NameOf(kSuspensionScopes, other.scope), " by authorities/",
          other.authority_id, " (", Name(other), ")"));
    }
  }
  requested.status = SuspensionStatus::kActive;
  requested.reinstate_time.reset();
  requested.reinstated_by.clear();
  return requested;
}

absl::Status SubmitEvidence(Suspension& suspension, int item_number,
                            absl::string_view evidence, absl::Time at) {
  FHUB_RETURN_IF_ERROR(CheckActive(suspension));
  FHUB_ASSIGN_OR_RETURN(ActionPlanItem * item,
                        FindItem(suspension, item_number));
  if (item->accepted) {
    return absl::FailedPreconditionError(
        absl::StrCat("action plan item ", item_number, " of ", Name(suspension),
                     " is already accepted"));
  }
  FHUB_RETURN_IF_ERROR(CheckText("evidence", evidence, 1, kMaxEvidenceLength));
  item->evidence = std::string(evidence);
  item->evidence_time = at;
  return absl::OkStatus();
}

absl::Status AcceptItem(Suspension& suspension, int item_number,
                        absl::string_view acting_authority_id,
                        absl::string_view officer, absl::Time at) {
  FHUB_RETURN_IF_ERROR(CheckSuspender(suspension, acting_authority_id));
  FHUB_RETURN_IF_ERROR(CheckActive(suspension));
  FHUB_ASSIGN_OR_RETURN(ActionPlanItem * item,
                        FindItem(suspension, item_number));
  const std::string name =
      absl::StrCat("action plan item ", item_number, " of ", Name(suspension));
  if (item->accepted) {
    return absl::FailedPreconditionError(
        absl::StrCat(name, " is already accepted"));
  }
  if (item->evidence.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat(name, " has no evidence from the provider yet"));
  }
  item->accepted = true;
  item->accepted_by = std::string(officer);
  item->accept_time = at;
  return absl::OkStatus();
}

absl::Status Reinstate(Suspension& suspension,
                       absl::string_view acting_authority_id,
                       absl::string_view officer, absl::Time at) {
  FHUB_RETURN_IF_ERROR(CheckSuspender(suspension, acting_authority_id));
  FHUB_RETURN_IF_ERROR(CheckActive(suspension));
  std::vector<int> outstanding;
  for (const ActionPlanItem& item : suspension.action_plan) {
    if (!item.accepted) outstanding.push_back(item.number);
  }
  if (!outstanding.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        Name(suspension), " cannot be lifted: action plan ",
        outstanding.size() == 1 ? "item " : "items ",
        absl::StrJoin(outstanding, ", "),
        outstanding.size() == 1 ? " is" : " are", " not yet accepted"));
  }
  suspension.status = SuspensionStatus::kLifted;
  suspension.reinstate_time = at;
  suspension.reinstated_by = std::string(officer);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Accreditation>> RemoveFromFramework(
    const FrameworkAuthorities& authorities,
    absl::string_view acting_authority_id,
    const std::vector<Accreditation>& provider_accreditations,
    absl::string_view reason, absl::Time at) {
  if (acting_authority_id != authorities.lead_authority_id) {
    return absl::PermissionDeniedError(absl::StrCat(
        "only the lead authority, authorities/", authorities.lead_authority_id,
        ", may remove a provider from frameworks/", authorities.framework_id));
  }
  FHUB_RETURN_IF_ERROR(CheckText("reason", reason, 1, kMaxReasonLength));
  std::vector<Accreditation> removed;
  for (const Accreditation& accreditation : provider_accreditations) {
    if (accreditation.lot.framework_id != authorities.framework_id ||
        accreditation.status == AccreditationStatus::kRemoved) {
      continue;
    }
    Accreditation changed = accreditation;
    changed.status = AccreditationStatus::kRemoved;
    changed.remove_time = at;
    changed.removal_reason = std::string(reason);
    removed.push_back(std::move(changed));
  }
  if (removed.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the provider holds no accreditation on frameworks/",
                     authorities.framework_id, " that is not already REMOVED"));
  }
  return removed;
}

bool Blocks(const Suspension& suspension, absl::string_view framework_id,
            absl::string_view authority_id) {
  if (suspension.status != SuspensionStatus::kActive ||
      suspension.framework_id != framework_id) {
    return false;
  }
  return suspension.scope == SuspensionScope::kFrameworkWide ||
         suspension.authority_id == authority_id;
}

AccreditationStatus StatusGiven(const Accreditation& accreditation,
                                const std::vector<Suspension>& suspensions) {
  if (accreditation.status == AccreditationStatus::kRemoved) {
    return AccreditationStatus::kRemoved;
  }
  for (const Suspension& suspension : suspensions) {
    if (suspension.provider_id == accreditation.provider_id &&
        suspension.scope == SuspensionScope::kFrameworkWide &&
        Blocks(suspension, accreditation.lot.framework_id, "")) {
      return AccreditationStatus::kSuspended;
    }
  }
  return AccreditationStatus::kAdmitted;
}

}  // namespace fhub::registry
