#pragma once

// The rules of contract holding that need no I/O: what a valid framework,
// membership and change of state look like. Errors name the request field
// at fault, as the API spells it.

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/frameworks/domain/model.h"

namespace fhub::frameworks {

inline constexpr size_t kMaxTitleLength = 200;
inline constexpr size_t kMaxLots = 20;
inline constexpr size_t kMaxExtensionOptions = 10;
inline constexpr size_t kMaxReasonLength = 1000;

absl::Status ValidateAuthority(const Authority& authority);

// Checks a framework as a lead asks to create it, and fills in what follows
// from it: the maximum end (when unset, the initial end plus every option)
// and the current end (the initial end). Status is set to DRAFT.
absl::StatusOr<Framework> PrepareNewFramework(Framework framework,
                                              bool maximum_end_given);

// DRAFT -> ACTIVE; FAILED_PRECONDITION from any other status.
absl::Status CheckActivation(const Framework& framework);

// ACTIVE -> TERMINATED; FAILED_PRECONDITION from any other status.
absl::Status CheckTermination(const Framework& framework);

absl::Status ValidateStrategicLead(const StrategicLead& lead);

// May `authority_id` join `framework` on `joined`? `latest` is the
// authority's most recent membership of it, if any. FAILED_PRECONDITION for a
// framework that has ended or a date outside its term, ALREADY_EXISTS for a
// current member (or one whose cease date is still ahead).
absl::Status CheckAddMember(const Framework& framework,
                            const std::optional<Membership>& latest,
                            absl::CivilDay joined, absl::CivilDay today);

// May `membership` cease on `ceased`? FAILED_PRECONDITION if it already has
// a cease date, INVALID_ARGUMENT if `ceased` is before it joined.
absl::Status CheckCease(const Membership& membership, absl::CivilDay ceased);

// Adds `months` calendar months to `day`, clamping to the month's last day
// (31 January + 1 month = 28 or 29 February).
absl::CivilDay AddMonths(absl::CivilDay day, int months);

}  // namespace fhub::frameworks
