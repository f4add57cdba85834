#pragma once

// Commands of fhub.registry.v1.RegistryService, the provider registry:
// providers and their settings and vacancies, quality questionnaires,
// applications and their evaluation, accreditations, suspensions with their
// action plans, concerns, the eligibility search and the registry's event
// stream. Every one of them calls the registry at --registry_addr.

#include <vector>

#include "absl/status/statusor.h"
#include "fhub/registry/v1/registry.pb.h"
#include "tools/fhub/command.h"

namespace fhub::cli {

std::vector<Command> RegistryCommands();

// The requests of the commands whose input takes the most reading, built
// from their arguments and flags; exposed for tests.

// `applications create`: --provider, --framework, --lots and the answers in
// --file.
absl::StatusOr<registry::v1::CreateApplicationRequest> BuildCreateApplication(
    const Args& args);

// `applications score applications/N --file scores.json`.
absl::StatusOr<registry::v1::SubmitEvaluationRequest> BuildSubmitEvaluation(
    const Args& args);

// `suspensions create providers/P --framework ... --scope ... --reason ...
// --file plan.json`.
absl::StatusOr<registry::v1::SuspendProviderRequest> BuildSuspendProvider(
    const Args& args);

// `vacancies record providers/P/settings/S --places N --from YYYY-MM-DD`.
absl::StatusOr<registry::v1::RecordVacancyRequest> BuildRecordVacancy(
    const Args& args);

// `accreditations list (--provider P | --framework F [--lot L])`.
absl::StatusOr<registry::v1::ListAccreditationsRequest> BuildListAccreditations(
    const Args& args);

// `eligible frameworks/F --lot ... --authority ... --lat ... --lng ...`.
absl::StatusOr<registry::v1::SearchEligibleProvidersRequest>
BuildSearchEligible(const Args& args);

}  // namespace fhub::cli
