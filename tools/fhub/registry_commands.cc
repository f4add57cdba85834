// `fhub providers|settings|vacancies|questionnaire|applications|
// accreditations|suspensions|action-plan|concerns|eligible|registry-events
// ...`: the commands of the provider registry.
//
// Each table entry pairs a command's usage with the rpc it calls; the
// request it sends is built and checked from its arguments, flags and --file
// in registry_requests.cc.

#include "tools/fhub/registry_commands.h"

#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/event_stream.h"
#include "tools/fhub/registry_requests.h"
#include "tools/fhub/session.h"

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::registry::v1;
using Stub = v1::RegistryService::Stub;

int FollowRegistryEvents(const Args&) {
  v1::StreamEventsRequest request;
  request.set_after_sequence(absl::GetFlag(FLAGS_after));
  return FollowEvents(&Stub::StreamEvents, request);
}

// --- The command table -------------------------------------------------------

std::vector<Command> ProviderCommands() {
  return {
      {"providers", "create", "ID --file provider.json",
       "Registers a provider from a Provider in protobuf JSON (HUB_ADMIN, "
       "or the\n      provider's own PROVIDER_USER).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::CreateProvider, BuildCreateProvider(args));
       }},
      {"providers", "get", "providers/ID", "Shows one provider.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetProvider, BuildGetProvider(args));
       }},
      {"providers", "list", "[--all]", "Lists providers in id order.", 0, 0,
       [](const Args&) {
         return List(&Stub::ListProviders,
                     absl::StatusOr<v1::ListProvidersRequest>(
                         v1::ListProvidersRequest()));
       }},
      {"providers", "update", "providers/ID --file provider.json",
       "Replaces a provider's details with the Provider in --file "
       "(PROVIDER_USER).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::UpdateProvider, BuildUpdateProvider(args));
       }},
      {"providers", "remove",
       "providers/ID --framework frameworks/ID --reason \"...\"",
       "Removes a provider from a framework: every accreditation on it "
       "becomes REMOVED\n      (LEAD_ADMIN of the lead).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::RemoveProvider, BuildRemoveProvider(args));
       }},
      {"settings", "add", "providers/ID SETTING_ID --file setting.json",
       "Adds a setting from a Setting in protobuf JSON (PROVIDER_USER).", 2, 2,
       [](const Args& args) {
         return Write(&Stub::CreateSetting, BuildCreateSetting(args));
       }},
      {"settings", "get", "providers/ID/settings/ID", "Shows one setting.", 1,
       1,
       [](const Args& args) {
         return Read(&Stub::GetSetting, BuildGetSetting(args));
       }},
      {"settings", "list", "providers/ID [--all]",
       "Lists a provider's settings in id order.", 1, 1,
       [](const Args& args) {
         return List(&Stub::ListSettings, BuildListSettings(args));
       }},
      {"settings", "update", "providers/ID/settings/ID --file setting.json",
       "Replaces a setting's details with the Setting in --file "
       "(PROVIDER_USER).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::UpdateSetting, BuildUpdateSetting(args));
       }},
      {"vacancies", "record",
       "providers/ID/settings/ID --places N --from YYYY-MM-DD",
       "Records places free at a setting from a day (PROVIDER_USER).", 1, 1,
       [](const Args& args) {
         return Write(&Stub::RecordVacancy, BuildRecordVacancy(args));
       }},
      {"vacancies", "list", "providers/ID/settings/ID",
       "Lists a setting's open vacancies, earliest available first.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::ListVacancies, BuildListVacancies(args));
       }},
      {"vacancies", "withdraw", "providers/ID/settings/ID/vacancies/N",
       "Withdraws a vacancy whose places are taken or no longer offered.", 1, 1,
       [](const Args& args) {
         return Write(&Stub::WithdrawVacancy, BuildWithdrawVacancy(args));
       }},
  };
}

std::vector<Command> ApplicationCommands() {
  return {
      {"questionnaire", "set", "frameworks/ID --file questionnaire.json",
       "Sets a framework's quality questionnaire from a Questionnaire in "
       "protobuf JSON\n      (LEAD_ADMIN of the lead; only before "
       "evaluation begins).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::SetQuestionnaire, BuildSetQuestionnaire(args));
       }},
      {"questionnaire", "get", "frameworks/ID",
       "Shows a framework's quality questionnaire.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetQuestionnaire, BuildGetQuestionnaire(args));
       }},
      {"applications", "create",
       "--provider providers/ID --framework frameworks/ID\n"
       "      --lots lot-1,lot-2 --file answers.json",
       "Starts a DRAFT application (PROVIDER_USER); --file holds a list of\n"
       "      {\"criterionId\", \"text\"} answers, or an Application.",
       0, 0,
       [](const Args& args) {
         return Write(&Stub::CreateApplication, BuildCreateApplication(args));
       }},
      {"applications", "submit", "applications/N",
       "Submits a DRAFT application while admission is open for its lots.", 1,
       1,
       [](const Args& args) {
         return Write(&Stub::SubmitApplication, BuildSubmitApplication(args));
       }},
      {"applications", "get", "applications/N", "Shows one application.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetApplication, BuildGetApplication(args));
       }},
      {"applications", "list",
       "(--provider providers/ID | --framework frameworks/ID)\n"
       "      [--all]",
       "Lists a provider's applications, or a framework's submitted ones, "
       "newest first.",
       0, 0,
       [](const Args& args) {
         return List(&Stub::ListApplications, BuildListApplications(args));
       }},
      {"applications", "score", "applications/N --file scores.json",
       "Records your evaluation (EVALUATOR of a member); --file holds a list "
       "of\n      {\"criterionId\", \"score\", \"comment\"}, or an "
       "Evaluation.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::SubmitEvaluation, BuildSubmitEvaluation(args));
       }},
      {"applications", "admit", "applications/N [--feedback \"...\"]",
       "Admits an application that passed moderation to its lots "
       "(LEAD_ADMIN of the lead).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::AdmitApplication, BuildAdmitApplication(args));
       }},
      {"applications", "reject", "applications/N --feedback \"...\"",
       "Rejects an application with feedback (LEAD_ADMIN of the lead).", 1, 1,
       [](const Args& args) {
         return Write(&Stub::RejectApplication, BuildRejectApplication(args));
       }},
      {"accreditations", "list",
       "(--provider providers/ID |\n"
       "      --framework frameworks/ID [--lot lot-1]) [--all]",
       "Lists a provider's accreditations, or a framework's (one lot's with "
       "--lot).",
       0, 0,
       [](const Args& args) {
         return List(&Stub::ListAccreditations, BuildListAccreditations(args));
       }},
  };
}

std::vector<Command> SuspensionCommands() {
  return {
      {"suspensions", "create",
       "providers/ID --framework frameworks/ID\n"
       "      --scope FRAMEWORK_WIDE|MEMBER_ONLY --reason \"...\" --file "
       "plan.json",
       "Suspends a provider with an action plan: --file holds a list of\n"
       "      {\"description\", \"dueDate\": \"YYYY-MM-DD\"} items, or a "
       "Suspension.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::SuspendProvider, BuildSuspendProvider(args));
       }},
      {"suspensions", "get", "suspensions/N",
       "Shows one suspension with its action plan.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetSuspension, BuildGetSuspension(args));
       }},
      {"suspensions", "list",
       "(--provider providers/ID | --framework frameworks/ID)\n"
       "      [--active] [--all]",
       "Lists suspensions of a provider or of a framework (or both), newest "
       "first.",
       0, 0,
       [](const Args& args) {
         return List(&Stub::ListSuspensions, BuildListSuspensions(args));
       }},
      {"suspensions", "accept", "suspensions/N --item K",
       "Accepts the evidence of action-plan item K (the suspender).", 1, 1,
       [](const Args& args) {
         return Write(&Stub::AcceptActionItem, BuildAcceptItem(args));
       }},
      {"suspensions", "reinstate", "suspensions/N",
       "Lifts a suspension once every item is accepted (the suspender).", 1, 1,
       [](const Args& args) {
         return Write(&Stub::ReinstateProvider, BuildReinstate(args));
       }},
      {"action-plan", "evidence", "suspensions/N --item K --text \"...\"",
       "Responds to an action plan: the provider's evidence for item K "
       "(PROVIDER_USER).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::SubmitActionEvidence, BuildSubmitEvidence(args));
       }},
      {"concerns", "raise",
       "providers/ID --framework frameworks/ID --summary \"...\"",
       "Raises a concern about an accredited provider (LEAD_ADMIN or "
       "COMMISSIONER of a\n      member).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::RaiseConcern, BuildRaiseConcern(args));
       }},
      {"concerns", "respond", "concerns/N --text \"...\"",
       "The provider's response to a concern (PROVIDER_USER).", 1, 1,
       [](const Args& args) {
         return Write(&Stub::RespondToConcern, BuildRespondToConcern(args));
       }},
      {"concerns", "close", "concerns/N", "Closes a concern (its raiser).", 1,
       1,
       [](const Args& args) {
         return Write(&Stub::CloseConcern, BuildCloseConcern(args));
       }},
      {"concerns", "list",
       "(--framework frameworks/ID | --provider providers/ID)\n"
       "      [--all]",
       "Lists concerns of a framework or about a provider (or both), newest "
       "first.",
       0, 0,
       [](const Args& args) {
         return List(&Stub::ListConcerns, BuildListConcerns(args));
       }},
      {"eligible", "",
       "frameworks/ID --lot lot-1 --authority authorities/ID\n"
       "      --lat 53.6475 --lng -3.0053 [--miles 20] [--by YYYY-MM-DD] "
       "[--max N]",
       "Lists the providers a member may invite to a referral, nearest "
       "first.",
       1, 1,
       [](const Args& args) {
         return Read(&Stub::SearchEligibleProviders, BuildSearchEligible(args));
       }},
      {"registry-events", "follow", "[--after N]",
       "Prints every change in the registry as one line of JSON as it "
       "happens, until\n      interrupted (SERVICE, AUDITOR or HUB_ADMIN); "
       "--after resumes after sequence N.",
       0, 0, FollowRegistryEvents},
  };
}

}  // namespace

std::vector<Command> RegistryCommands() {
  std::vector<Command> commands = ProviderCommands();
  for (std::vector<Command> group :
       {ApplicationCommands(), SuspensionCommands()}) {
    commands.insert(commands.end(), group.begin(), group.end());
  }
  return commands;
}

}  // namespace fhub::cli
