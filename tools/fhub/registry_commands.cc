// `fhub providers|settings|vacancies|questionnaire|applications|
// accreditations|suspensions|action-plan|concerns|eligible|registry-events
// ...`: the commands of the provider registry.
//
// Files given with --file hold protobuf JSON (field names in lowerCamelCase
// or as in the proto; --file=- reads stdin):
//   providers create/update    a Provider
//   settings add/update        a Setting
//   questionnaire set          a Questionnaire
//   applications create        the answers: a list of
//                              {"criterionId": "...", "text": "..."}, or an
//                              Application whose provider, framework and
//                              lotIds stand in for flags left out
//   applications score         the scores: a list of
//                              {"criterionId": "...", "score": N,
//                               "comment": "..."}, or an Evaluation
//   suspensions create         the action plan: a list of
//                              {"description": "...", "dueDate": D}, or a
//                              Suspension with its actionPlan; D is
//                              "YYYY-MM-DD" or {"year":, "month":, "day":}

#include "tools/fhub/registry_commands.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/event_stream.h"
#include "tools/fhub/frameworks_commands.h"
#include "tools/fhub/input.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, file, "",
          "providers, settings, questionnaire, applications create/score, "
          "suspensions create: the JSON input (see 'fhub help'); --file=- "
          "reads stdin");
ABSL_FLAG(std::string, provider, "",
          "applications, accreditations, suspensions, concerns: the "
          "provider, providers/ID");
ABSL_FLAG(std::string, framework, "",
          "applications, accreditations, suspensions, providers remove, "
          "concerns: the framework, frameworks/ID");
ABSL_FLAG(int, places, 0, "vacancies record: places free, 1 or more");
ABSL_FLAG(int, item, 0,
          "action-plan evidence, suspensions accept: the action-plan item's "
          "number, from 1");
ABSL_FLAG(std::string, text, "",
          "action-plan evidence: the evidence; concerns respond: the "
          "provider's response");
ABSL_FLAG(std::string, feedback, "",
          "applications admit (optional), applications reject: the lead's "
          "feedback to the provider");
ABSL_FLAG(std::string, scope, "",
          "suspensions create: FRAMEWORK_WIDE or MEMBER_ONLY");
ABSL_FLAG(bool, active, false, "suspensions list: only ACTIVE suspensions");
ABSL_FLAG(std::string, summary, "",
          "concerns raise: what happened, 1 to 4000 characters");
ABSL_FLAG(std::string, authority, "",
          "eligible: the member asking, authorities/ID");
ABSL_FLAG(std::string, lat, "",
          "eligible: WGS84 latitude of the young person's home, -90 to 90");
ABSL_FLAG(std::string, lng, "",
          "eligible: WGS84 longitude of the young person's home, -180 to 180");
ABSL_FLAG(double, miles, 0,
          "eligible: greatest distance in miles, above 0 and at most 700; "
          "default 20");
ABSL_FLAG(std::string, by, "",
          "eligible: a vacancy must be free on or before this day, "
          "YYYY-MM-DD; default today");
ABSL_FLAG(int, max, 0, "eligible: at most this many providers, 1 to 500");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::registry::v1;
using Stub = v1::RegistryService::Stub;

constexpr char kProviderName[] = "providers/{id}";
constexpr char kSettingName[] = "providers/{id}/settings/{id}";
constexpr char kVacancyName[] =
    "providers/{id}/settings/{id}/vacancies/{number}";
constexpr char kFrameworkName[] = "frameworks/{id}";
constexpr char kApplicationName[] = "applications/{number}";
constexpr char kSuspensionName[] = "suspensions/{number}";
constexpr char kConcernName[] = "concerns/{number}";
constexpr char kAuthorityName[] = "authorities/{id}";

constexpr size_t kMaxFeedbackChars = 4000;
constexpr size_t kMaxReasonChars = 2000;
constexpr size_t kMaxEvidenceChars = 10000;
constexpr size_t kMaxConcernChars = 4000;
constexpr double kMaxMiles = 700;
constexpr int kMaxResults = 500;

// A name flag's value, checked against `pattern`; empty if not given.
absl::StatusOr<std::string> OptionalNameFlag(absl::string_view flag,
                                             const std::string& value,
                                             absl::string_view pattern) {
  if (!value.empty()) {
    if (absl::Status status = CheckNamePattern(value, pattern); !status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, " ", status.message()));
    }
  }
  return value;
}

absl::StatusOr<std::string> RequiredNameFlag(absl::string_view flag,
                                             const std::string& value,
                                             absl::string_view pattern) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, value));
  return OptionalNameFlag(flag, value, pattern);
}

absl::StatusOr<std::string> ProviderFlag(bool required) {
  return required
             ? RequiredNameFlag("--provider", absl::GetFlag(FLAGS_provider),
                                kProviderName)
             : OptionalNameFlag("--provider", absl::GetFlag(FLAGS_provider),
                                kProviderName);
}

absl::StatusOr<std::string> FrameworkFlag(bool required) {
  return required
             ? RequiredNameFlag("--framework", absl::GetFlag(FLAGS_framework),
                                kFrameworkName)
             : OptionalNameFlag("--framework", absl::GetFlag(FLAGS_framework),
                                kFrameworkName);
}

// --provider and --framework of a list: `exactly_one`, or at least one.
absl::StatusOr<std::pair<std::string, std::string>> ListScope(
    bool exactly_one) {
  FHUB_ASSIGN_OR_RETURN(std::string provider, ProviderFlag(false));
  FHUB_ASSIGN_OR_RETURN(std::string framework, FrameworkFlag(false));
  if (provider.empty() && framework.empty()) {
    return absl::InvalidArgumentError(
        exactly_one ? "--provider or --framework is required"
                    : "--provider or --framework (or both) is required");
  }
  if (exactly_one && !provider.empty() && !framework.empty()) {
    return absl::InvalidArgumentError(
        "give one of --provider and --framework, not both");
  }
  return std::make_pair(std::move(provider), std::move(framework));
}

// The positional argument `index`, checked against `pattern`.
absl::Status CheckArg(const Args& args, size_t index,
                      absl::string_view pattern) {
  return CheckNamePattern(args[index], pattern);
}

// --file, required, read as protobuf JSON into `message`.
absl::Status ReadFileFlag(google::protobuf::Message* message) {
  std::string path = absl::GetFlag(FLAGS_file);
  FHUB_RETURN_IF_ERROR(CheckRequired("--file", path));
  if (absl::Status status = ReadJsonFile(path, message); !status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--file: ", status.message()));
  }
  return absl::OkStatus();
}

// --file, required, holding a list of the elements of `field` of `message`
// or a whole `message`.
absl::Status ReadListFileFlag(
    absl::string_view field, google::protobuf::Message* message,
    const std::function<absl::Status(google::protobuf::Value*)>& fix_element =
        nullptr) {
  std::string path = absl::GetFlag(FLAGS_file);
  FHUB_RETURN_IF_ERROR(CheckRequired("--file", path));
  return ReadJsonListFile("--file", path, field, message, fix_element);
}

// A value a command's argument or flag gives, and which --file may also
// give: the file may leave it out or repeat it, not contradict it.
absl::Status Agree(absl::string_view what, absl::string_view in_file,
                   absl::string_view given) {
  if (!in_file.empty() && in_file != given) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--file gives ", what, " '", in_file, "', the command '", given, "'"));
  }
  return absl::OkStatus();
}

// A required positive number flag.
absl::Status CheckPositive(absl::string_view flag, int value) {
  if (value == 0) {
    return absl::InvalidArgumentError(absl::StrCat(flag, " is required"));
  }
  if (value < 0) {
    return absl::InvalidArgumentError(absl::StrCat(flag, " must be 1 or more"));
  }
  return absl::OkStatus();
}

// A required coordinate, -limit to limit degrees.
absl::StatusOr<double> ParseCoordinate(absl::string_view flag,
                                       absl::string_view text, double limit) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  double value = 0;
  if (!absl::SimpleAtod(text, &value) || !std::isfinite(value) ||
      std::fabs(value) > limit) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", text, "' is not a number of degrees from -",
                     limit, " to ", limit));
  }
  return value;
}

// Plan items may give "dueDate" as "YYYY-MM-DD".
absl::Status DueDateShorthand(google::protobuf::Value* item) {
  if (!item->has_struct_value()) {
    return absl::OkStatus();
  }
  auto& fields = *item->mutable_struct_value()->mutable_fields();
  for (const char* key : {"dueDate", "due_date"}) {
    auto due = fields.find(key);
    if (due == fields.end() || !due->second.has_string_value()) {
      continue;
    }
    FHUB_ASSIGN_OR_RETURN(common::v1::Date date,
                          ParseDate(key, due->second.string_value()));
    auto& parts = *due->second.mutable_struct_value()->mutable_fields();
    parts["year"].set_number_value(date.year());
    parts["month"].set_number_value(date.month());
    parts["day"].set_number_value(date.day());
  }
  return absl::OkStatus();
}

// --- Providers, settings and vacancies ---------------------------------------

absl::StatusOr<v1::CreateProviderRequest> BuildCreateProvider(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckResourceId("provider id", args[0]));
  v1::CreateProviderRequest request;
  request.set_provider_id(args[0]);
  FHUB_RETURN_IF_ERROR(ReadFileFlag(request.mutable_provider()));
  FHUB_RETURN_IF_ERROR(Agree("the name", request.provider().name(),
                             absl::StrCat("providers/", args[0])));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::UpdateProviderRequest> BuildUpdateProvider(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kProviderName));
  v1::UpdateProviderRequest request;
  FHUB_RETURN_IF_ERROR(ReadFileFlag(request.mutable_provider()));
  FHUB_RETURN_IF_ERROR(Agree("the name", request.provider().name(), args[0]));
  request.mutable_provider()->set_name(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetProviderRequest> BuildGetProvider(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kProviderName));
  v1::GetProviderRequest request;
  request.set_name(args[0]);
  return request;
}

absl::StatusOr<v1::RemoveProviderRequest> BuildRemoveProvider(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kProviderName));
  v1::RemoveProviderRequest request;
  request.set_provider(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_framework(), FrameworkFlag(true));
  request.set_reason(absl::GetFlag(FLAGS_reason));
  FHUB_RETURN_IF_ERROR(
      CheckText("--reason", request.reason(), 1, kMaxReasonChars));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::CreateSettingRequest> BuildCreateSetting(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kProviderName));
  FHUB_RETURN_IF_ERROR(CheckResourceId("setting id", args[1]));
  v1::CreateSettingRequest request;
  request.set_parent(args[0]);
  request.set_setting_id(args[1]);
  FHUB_RETURN_IF_ERROR(ReadFileFlag(request.mutable_setting()));
  FHUB_RETURN_IF_ERROR(Agree("the name", request.setting().name(),
                             absl::StrCat(args[0], "/settings/", args[1])));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::UpdateSettingRequest> BuildUpdateSetting(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kSettingName));
  v1::UpdateSettingRequest request;
  FHUB_RETURN_IF_ERROR(ReadFileFlag(request.mutable_setting()));
  FHUB_RETURN_IF_ERROR(Agree("the name", request.setting().name(), args[0]));
  request.mutable_setting()->set_name(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetSettingRequest> BuildGetSetting(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kSettingName));
  v1::GetSettingRequest request;
  request.set_name(args[0]);
  return request;
}

absl::StatusOr<v1::ListSettingsRequest> BuildListSettings(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kProviderName));
  v1::ListSettingsRequest request;
  request.set_parent(args[0]);
  return request;
}

absl::StatusOr<v1::ListVacanciesRequest> BuildListVacancies(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kSettingName));
  v1::ListVacanciesRequest request;
  request.set_parent(args[0]);
  return request;
}

absl::StatusOr<v1::WithdrawVacancyRequest> BuildWithdrawVacancy(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kVacancyName));
  v1::WithdrawVacancyRequest request;
  request.set_name(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

// --- Questionnaires and applications -----------------------------------------

absl::StatusOr<v1::SetQuestionnaireRequest> BuildSetQuestionnaire(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kFrameworkName));
  v1::SetQuestionnaireRequest request;
  request.set_framework(args[0]);
  FHUB_RETURN_IF_ERROR(ReadFileFlag(request.mutable_questionnaire()));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetQuestionnaireRequest> BuildGetQuestionnaire(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kFrameworkName));
  v1::GetQuestionnaireRequest request;
  request.set_framework(args[0]);
  return request;
}

absl::StatusOr<v1::SubmitApplicationRequest> BuildSubmitApplication(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kApplicationName));
  v1::SubmitApplicationRequest request;
  request.set_name(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetApplicationRequest> BuildGetApplication(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kApplicationName));
  v1::GetApplicationRequest request;
  request.set_name(args[0]);
  return request;
}

absl::StatusOr<v1::ListApplicationsRequest> BuildListApplications(const Args&) {
  FHUB_ASSIGN_OR_RETURN(auto scope, ListScope(/*exactly_one=*/true));
  v1::ListApplicationsRequest request;
  request.set_provider(scope.first);
  request.set_framework(scope.second);
  return request;
}

absl::StatusOr<v1::AdmitApplicationRequest> BuildAdmitApplication(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kApplicationName));
  v1::AdmitApplicationRequest request;
  request.set_name(args[0]);
  request.set_feedback(absl::GetFlag(FLAGS_feedback));
  FHUB_RETURN_IF_ERROR(
      CheckText("--feedback", request.feedback(), 0, kMaxFeedbackChars));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::RejectApplicationRequest> BuildRejectApplication(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kApplicationName));
  v1::RejectApplicationRequest request;
  request.set_name(args[0]);
  request.set_feedback(absl::GetFlag(FLAGS_feedback));
  FHUB_RETURN_IF_ERROR(
      CheckText("--feedback", request.feedback(), 1, kMaxFeedbackChars));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

// --- Suspensions and concerns ------------------------------------------------

absl::StatusOr<v1::GetSuspensionRequest> BuildGetSuspension(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kSuspensionName));
  v1::GetSuspensionRequest request;
  request.set_name(args[0]);
  return request;
}

absl::StatusOr<v1::ListSuspensionsRequest> BuildListSuspensions(const Args&) {
  FHUB_ASSIGN_OR_RETURN(auto scope, ListScope(/*exactly_one=*/false));
  v1::ListSuspensionsRequest request;
  request.set_provider(scope.first);
  request.set_framework(scope.second);
  request.set_active_only(absl::GetFlag(FLAGS_active));
  return request;
}

absl::StatusOr<v1::SubmitActionEvidenceRequest> BuildSubmitEvidence(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kSuspensionName));
  v1::SubmitActionEvidenceRequest request;
  request.set_name(args[0]);
  request.set_item_number(absl::GetFlag(FLAGS_item));
  FHUB_RETURN_IF_ERROR(CheckPositive("--item", request.item_number()));
  request.set_evidence(absl::GetFlag(FLAGS_text));
  FHUB_RETURN_IF_ERROR(
      CheckText("--text", request.evidence(), 1, kMaxEvidenceChars));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::AcceptActionItemRequest> BuildAcceptItem(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kSuspensionName));
  v1::AcceptActionItemRequest request;
  request.set_name(args[0]);
  request.set_item_number(absl::GetFlag(FLAGS_item));
  FHUB_RETURN_IF_ERROR(CheckPositive("--item", request.item_number()));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::ReinstateProviderRequest> BuildReinstate(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kSuspensionName));
  v1::ReinstateProviderRequest request;
  request.set_name(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::RaiseConcernRequest> BuildRaiseConcern(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kProviderName));
  v1::RaiseConcernRequest request;
  v1::Concern& concern = *request.mutable_concern();
  concern.set_provider(args[0]);
  FHUB_ASSIGN_OR_RETURN(*concern.mutable_framework(), FrameworkFlag(true));
  concern.set_summary(absl::GetFlag(FLAGS_summary));
  FHUB_RETURN_IF_ERROR(
      CheckText("--summary", concern.summary(), 1, kMaxConcernChars));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::RespondToConcernRequest> BuildRespondToConcern(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kConcernName));
  v1::RespondToConcernRequest request;
  request.set_name(args[0]);
  request.set_response(absl::GetFlag(FLAGS_text));
  FHUB_RETURN_IF_ERROR(
      CheckText("--text", request.response(), 1, kMaxConcernChars));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::CloseConcernRequest> BuildCloseConcern(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kConcernName));
  v1::CloseConcernRequest request;
  request.set_name(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::ListConcernsRequest> BuildListConcerns(const Args&) {
  FHUB_ASSIGN_OR_RETURN(auto scope, ListScope(/*exactly_one=*/false));
  v1::ListConcernsRequest request;
  request.set_provider(scope.first);
  request.set_framework(scope.second);
  return request;
}

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

absl::StatusOr<v1::RecordVacancyRequest> BuildRecordVacancy(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kSettingName));
  v1::RecordVacancyRequest request;
  request.set_parent(args[0]);
  v1::Vacancy& vacancy = *request.mutable_vacancy();
  vacancy.set_places(absl::GetFlag(FLAGS_places));
  FHUB_RETURN_IF_ERROR(CheckPositive("--places", vacancy.places()));
  std::string from = absl::GetFlag(FLAGS_from);
  FHUB_RETURN_IF_ERROR(CheckRequired("--from", from));
  FHUB_ASSIGN_OR_RETURN(*vacancy.mutable_available_from(),
                        ParseDate("--from", from));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::CreateApplicationRequest> BuildCreateApplication(
    const Args&) {
  FHUB_ASSIGN_OR_RETURN(std::string provider, ProviderFlag(false));
  FHUB_ASSIGN_OR_RETURN(std::string framework, FrameworkFlag(false));
  FHUB_ASSIGN_OR_RETURN(std::vector<std::string> lots,
                        ParseLotIds("--lots", absl::GetFlag(FLAGS_lots)));
  v1::CreateApplicationRequest request;
  v1::Application& application = *request.mutable_application();
  FHUB_RETURN_IF_ERROR(ReadListFileFlag("answers", &application));
  if (!provider.empty()) {
    FHUB_RETURN_IF_ERROR(
        Agree("the provider", application.provider(), provider));
    application.set_provider(provider);
  }
  if (!framework.empty()) {
    FHUB_RETURN_IF_ERROR(
        Agree("the framework", application.framework(), framework));
    application.set_framework(framework);
  }
  if (!lots.empty()) {
    if (application.lot_ids_size() > 0 &&
        std::vector<std::string>(application.lot_ids().begin(),
                                 application.lot_ids().end()) != lots) {
      return absl::InvalidArgumentError("--file gives other lots than --lots");
    }
    application.mutable_lot_ids()->Assign(lots.begin(), lots.end());
  }
  FHUB_RETURN_IF_ERROR(CheckRequired("--provider", application.provider()));
  FHUB_RETURN_IF_ERROR(CheckRequired("--framework", application.framework()));
  if (application.lot_ids_size() == 0) {
    return absl::InvalidArgumentError("--lots is required");
  }
  FHUB_RETURN_IF_ERROR(OptionalNameFlag("--file's provider",
                                        application.provider(), kProviderName)
                           .status());
  FHUB_RETURN_IF_ERROR(OptionalNameFlag("--file's framework",
                                        application.framework(), kFrameworkName)
                           .status());
  if (application.answers_size() == 0) {
    return absl::InvalidArgumentError("--file holds no answers");
  }
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::SubmitEvaluationRequest> BuildSubmitEvaluation(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kApplicationName));
  v1::SubmitEvaluationRequest request;
  v1::Evaluation& evaluation = *request.mutable_evaluation();
  FHUB_RETURN_IF_ERROR(ReadListFileFlag("scores", &evaluation));
  FHUB_RETURN_IF_ERROR(
      Agree("the application", evaluation.application(), args[0]));
  evaluation.set_application(args[0]);
  if (evaluation.scores_size() == 0) {
    return absl::InvalidArgumentError("--file holds no scores");
  }
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::SuspendProviderRequest> BuildSuspendProvider(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kProviderName));
  FHUB_ASSIGN_OR_RETURN(std::string framework, FrameworkFlag(true));
  FHUB_ASSIGN_OR_RETURN(
      v1::SuspensionScope scope,
      ParseEnum<v1::SuspensionScope>("--scope", absl::GetFlag(FLAGS_scope)));
  std::string reason = absl::GetFlag(FLAGS_reason);
  FHUB_RETURN_IF_ERROR(CheckText("--reason", reason, 1, kMaxReasonChars));
  v1::SuspendProviderRequest request;
  v1::Suspension& suspension = *request.mutable_suspension();
  FHUB_RETURN_IF_ERROR(
      ReadListFileFlag("action_plan", &suspension, DueDateShorthand));
  FHUB_RETURN_IF_ERROR(Agree("the provider", suspension.provider(), args[0]));
  FHUB_RETURN_IF_ERROR(
      Agree("the framework", suspension.framework(), framework));
  if (suspension.scope() != v1::SUSPENSION_SCOPE_UNSPECIFIED &&
      suspension.scope() != scope) {
    return absl::InvalidArgumentError(
        "--file gives another scope than --scope");
  }
  FHUB_RETURN_IF_ERROR(Agree("the reason", suspension.reason(), reason));
  suspension.set_provider(args[0]);
  suspension.set_framework(framework);
  suspension.set_scope(scope);
  suspension.set_reason(reason);
  if (suspension.action_plan_size() == 0) {
    return absl::InvalidArgumentError("--file holds no action-plan items");
  }
  for (int i = 0; i < suspension.action_plan_size(); ++i) {
    const v1::ActionPlanItem& item = suspension.action_plan(i);
    if (item.description().empty() || !item.has_due_date()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--file: action-plan item ", i + 1,
                       " needs a description and a dueDate"));
    }
  }
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::ListAccreditationsRequest> BuildListAccreditations(
    const Args&) {
  FHUB_ASSIGN_OR_RETURN(auto scope, ListScope(/*exactly_one=*/true));
  v1::ListAccreditationsRequest request;
  request.set_provider(scope.first);
  request.set_framework(scope.second);
  if (std::string lot = absl::GetFlag(FLAGS_lot); !lot.empty()) {
    if (request.framework().empty()) {
      return absl::InvalidArgumentError("--lot needs --framework");
    }
    FHUB_RETURN_IF_ERROR(CheckLotId("--lot", lot));
    request.set_lot_id(lot);
  }
  return request;
}

absl::StatusOr<v1::SearchEligibleProvidersRequest> BuildSearchEligible(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kFrameworkName));
  v1::SearchEligibleProvidersRequest request;
  request.set_framework(args[0]);
  request.set_lot_id(absl::GetFlag(FLAGS_lot));
  FHUB_RETURN_IF_ERROR(CheckRequired("--lot", request.lot_id()));
  FHUB_RETURN_IF_ERROR(CheckLotId("--lot", request.lot_id()));
  FHUB_ASSIGN_OR_RETURN(
      *request.mutable_authority(),
      RequiredNameFlag("--authority", absl::GetFlag(FLAGS_authority),
                       kAuthorityName));
  FHUB_ASSIGN_OR_RETURN(double latitude,
                        ParseCoordinate("--lat", absl::GetFlag(FLAGS_lat), 90));
  FHUB_ASSIGN_OR_RETURN(
      double longitude,
      ParseCoordinate("--lng", absl::GetFlag(FLAGS_lng), 180));
  request.set_latitude(latitude);
  request.set_longitude(longitude);
  double miles = absl::GetFlag(FLAGS_miles);
  if (!std::isfinite(miles) || miles < 0 || miles > kMaxMiles) {
    return absl::InvalidArgumentError(
        absl::StrCat("--miles must be above 0 and at most ", kMaxMiles));
  }
  request.set_max_distance_miles(miles);
  if (std::string by = absl::GetFlag(FLAGS_by); !by.empty()) {
    FHUB_ASSIGN_OR_RETURN(*request.mutable_wanted_by(), ParseDate("--by", by));
  }
  int max = absl::GetFlag(FLAGS_max);
  if (max < 0 || max > kMaxResults) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max must be 1 to ", kMaxResults));
  }
  request.set_max_results(max);
  return request;
}

std::vector<Command> RegistryCommands() {
  std::vector<Command> commands = ProviderCommands();
  for (std::vector<Command> group :
       {ApplicationCommands(), SuspensionCommands()}) {
    commands.insert(commands.end(), group.begin(), group.end());
  }
  return commands;
}

}  // namespace fhub::cli
