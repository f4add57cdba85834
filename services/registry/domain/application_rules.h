#pragma once

// The life of an application to join a framework's lots:
//
//   DRAFT -> SUBMITTED -> UNDER_EVALUATION -> ADMITTED
//                  \                \-----> REJECTED
//                   \-----------------------> REJECTED
//
// A SUBMITTED application may be rejected before evaluation (it fails the
// lead's compliance sift); admission needs evaluation. ADMITTED and REJECTED
// are final: a rejected provider applies again with a new application.
// Whether admission is open is the frameworks service's answer and is
// checked by the caller before CheckSubmit.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/registry/domain/evaluation.h"
#include "services/registry/domain/model.h"

namespace fhub::registry {

inline constexpr size_t kMaxLotsPerApplication = 20;
inline constexpr size_t kMaxAnswerLength = 20000;
inline constexpr size_t kMaxFeedbackLength = 4000;

// SUBMITTED or UNDER_EVALUATION: the application is waiting for a decision.
bool IsLive(ApplicationStatus status);

// FAILED_PRECONDITION naming the application's status unless the diagram
// above allows `from` -> `to`.
absl::Status CheckTransition(const Application& application,
                             ApplicationStatus to);

// The parts a provider may edit while it is a DRAFT: 1 to
// kMaxLotsPerApplication distinct lots, each one of `framework_lot_ids`;
// answers to distinct criteria, each at most kMaxAnswerLength characters.
absl::Status ValidateApplication(
    const Application& application,
    const std::vector<std::string>& framework_lot_ids);

// May the provider submit `application` (a DRAFT)? ValidateApplication;
// INVALID_ARGUMENT unless every criterion of `questionnaire` has a non-empty
// answer and no answer names another criterion; ALREADY_EXISTS if any of
// its lots is in another live application of the same provider on the same
// framework (`provider_applications`), or the provider already holds an
// ADMITTED or SUSPENDED accreditation for it (`provider_accreditations`; a
// REMOVED provider may apply again). Rejected applications never stand in
// the way.
absl::Status CheckSubmit(
    const Application& application, const Questionnaire& questionnaire,
    const std::vector<std::string>& framework_lot_ids,
    const std::vector<Application>& provider_applications,
    const std::vector<Accreditation>& provider_accreditations);

// UNDER_EVALUATION -> ADMITTED: FAILED_PRECONDITION unless `result` passed,
// naming the shortfall (the total below the pass mark, or the criteria
// below their minimum).
absl::Status CheckAdmit(const Application& application,
                        const ModeratedResult& result);

// SUBMITTED or UNDER_EVALUATION -> REJECTED: the provider must be told why,
// so `feedback` is required (1 to kMaxFeedbackLength characters).
absl::Status CheckReject(const Application& application,
                         absl::string_view feedback);

// One ADMITTED accreditation per lot of an admitted application, carrying
// the moderated total as its quality score.
std::vector<Accreditation> AccreditationsOnAdmission(
    const Application& application, const ModeratedResult& result,
    absl::Time admit_time);

}  // namespace fhub::registry
