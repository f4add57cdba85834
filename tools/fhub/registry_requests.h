#pragma once

// The requests of the registry's commands (registry_commands.cc), one
// builder a command, each from the command's arguments and flags and, for
// some, --file. A builder checks everything it can before any call: bad input
// is INVALID_ARGUMENT naming the argument or flag, which the command reports
// as a usage error. Builders of writes also set the request id
// (WriteRequestId, session.h). The flags they read are defined in
// registry_requests.cc and registry_input.cc.

#include <string>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "fhub/registry/v1/registry.pb.h"
#include "tools/fhub/command.h"

// --authority, also read by the pricing commands (pricing_requests.cc).
ABSL_DECLARE_FLAG(std::string, authority);
// --summary, --lat, --lng, --miles, --places and --active, also read by the
// referrals commands (referrals_requests.cc).
ABSL_DECLARE_FLAG(std::string, summary);
ABSL_DECLARE_FLAG(std::string, lat);
ABSL_DECLARE_FLAG(std::string, lng);
ABSL_DECLARE_FLAG(double, miles);
ABSL_DECLARE_FLAG(int, places);
ABSL_DECLARE_FLAG(bool, active);

namespace fhub::cli {

// --- Providers, settings and vacancies ---------------------------------------

// `providers create ID --file provider.json`.
absl::StatusOr<registry::v1::CreateProviderRequest> BuildCreateProvider(
    const Args& args);

// `providers update providers/P --file provider.json`.
absl::StatusOr<registry::v1::UpdateProviderRequest> BuildUpdateProvider(
    const Args& args);

// `providers get providers/P`.
absl::StatusOr<registry::v1::GetProviderRequest> BuildGetProvider(
    const Args& args);

// `providers remove providers/P --framework F --reason "..."`.
absl::StatusOr<registry::v1::RemoveProviderRequest> BuildRemoveProvider(
    const Args& args);

// `settings add providers/P S --file setting.json`.
absl::StatusOr<registry::v1::CreateSettingRequest> BuildCreateSetting(
    const Args& args);

// `settings update providers/P/settings/S --file setting.json`.
absl::StatusOr<registry::v1::UpdateSettingRequest> BuildUpdateSetting(
    const Args& args);

// `settings get providers/P/settings/S`.
absl::StatusOr<registry::v1::GetSettingRequest> BuildGetSetting(
    const Args& args);

// `settings list providers/P`.
absl::StatusOr<registry::v1::ListSettingsRequest> BuildListSettings(
    const Args& args);

// `vacancies record providers/P/settings/S --places N --from YYYY-MM-DD`.
absl::StatusOr<registry::v1::RecordVacancyRequest> BuildRecordVacancy(
    const Args& args);

// `vacancies list providers/P/settings/S`.
absl::StatusOr<registry::v1::ListVacanciesRequest> BuildListVacancies(
    const Args& args);

// `vacancies withdraw providers/P/settings/S/vacancies/N`.
absl::StatusOr<registry::v1::WithdrawVacancyRequest> BuildWithdrawVacancy(
    const Args& args);

// --- Questionnaires and applications -----------------------------------------

// `questionnaire set frameworks/F --file questionnaire.json`.
absl::StatusOr<registry::v1::SetQuestionnaireRequest> BuildSetQuestionnaire(
    const Args& args);

// `questionnaire get frameworks/F`.
absl::StatusOr<registry::v1::GetQuestionnaireRequest> BuildGetQuestionnaire(
    const Args& args);

// `applications create`: --provider, --framework, --lots and the answers in
// --file.
absl::StatusOr<registry::v1::CreateApplicationRequest> BuildCreateApplication(
    const Args& args);

// `applications submit applications/N`.
absl::StatusOr<registry::v1::SubmitApplicationRequest> BuildSubmitApplication(
    const Args& args);

// `applications get applications/N`.
absl::StatusOr<registry::v1::GetApplicationRequest> BuildGetApplication(
    const Args& args);

// `applications list (--provider P | --framework F)`.
absl::StatusOr<registry::v1::ListApplicationsRequest> BuildListApplications(
    const Args& args);

// `applications score applications/N --file scores.json`.
absl::StatusOr<registry::v1::SubmitEvaluationRequest> BuildSubmitEvaluation(
    const Args& args);

// `applications admit applications/N [--feedback "..."]`.
absl::StatusOr<registry::v1::AdmitApplicationRequest> BuildAdmitApplication(
    const Args& args);

// `applications reject applications/N --feedback "..."`.
absl::StatusOr<registry::v1::RejectApplicationRequest> BuildRejectApplication(
    const Args& args);

// `accreditations list (--provider P | --framework F [--lot L])`.
absl::StatusOr<registry::v1::ListAccreditationsRequest> BuildListAccreditations(
    const Args& args);

// --- Suspensions and concerns ------------------------------------------------

// `suspensions create providers/P --framework ... --scope ... --reason ...
// --file plan.json`.
absl::StatusOr<registry::v1::SuspendProviderRequest> BuildSuspendProvider(
    const Args& args);

// `suspensions get suspensions/N`.
absl::StatusOr<registry::v1::GetSuspensionRequest> BuildGetSuspension(
    const Args& args);

// `suspensions list [--provider P] [--framework F] [--active]`, one or both.
absl::StatusOr<registry::v1::ListSuspensionsRequest> BuildListSuspensions(
    const Args& args);

// `action-plan evidence suspensions/N --item K --text "..."`.
absl::StatusOr<registry::v1::SubmitActionEvidenceRequest> BuildSubmitEvidence(
    const Args& args);

// `suspensions accept suspensions/N --item K`.
absl::StatusOr<registry::v1::AcceptActionItemRequest> BuildAcceptItem(
    const Args& args);

// `suspensions reinstate suspensions/N`.
absl::StatusOr<registry::v1::ReinstateProviderRequest> BuildReinstate(
    const Args& args);

// `concerns raise providers/P --framework F --summary "..."`.
absl::StatusOr<registry::v1::RaiseConcernRequest> BuildRaiseConcern(
    const Args& args);

// `concerns respond concerns/N --text "..."`.
absl::StatusOr<registry::v1::RespondToConcernRequest> BuildRespondToConcern(
    const Args& args);

// `concerns close concerns/N`.
absl::StatusOr<registry::v1::CloseConcernRequest> BuildCloseConcern(
    const Args& args);

// `concerns list [--provider P] [--framework F]`, one or both.
absl::StatusOr<registry::v1::ListConcernsRequest> BuildListConcerns(
    const Args& args);

// --- The eligibility search --------------------------------------------------

// `eligible frameworks/F --lot ... --authority ... --lat ... --lng ...`.
absl::StatusOr<registry::v1::SearchEligibleProvidersRequest>
BuildSearchEligible(const Args& args);

}  // namespace fhub::cli
