// The requests of the registry's commands (registry_commands.cc), built from
// their arguments and flags and checked here, so that bad input is a usage
// error naming the argument or flag before any call is made.
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

#include "tools/fhub/registry_requests.h"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/frameworks_commands.h"
#include "tools/fhub/input.h"
#include "tools/fhub/registry_input.h"
#include "tools/fhub/session.h"

ABSL_FLAG(int, places, 0,
          "vacancies record: places free; block-contracts create: places "
          "reserved; 1 or more");
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
ABSL_FLAG(bool, active, false,
          "suspensions list: only ACTIVE suspensions; placements list: only "
          "placements not ended");
ABSL_FLAG(std::string, summary, "",
          "concerns raise: what happened, 1 to 4000 characters; referrals "
          "create: the confidential summary, up to 4000 characters");
ABSL_FLAG(std::string, authority, "",
          "eligible: the member asking; price-books create, quote, "
          "quote-range, check-offer: the buyer; figures: one authority's, "
          "default the consortium's; referrals create/list, placements "
          "list, block-contracts create/list: yours, default the token's "
          "org; authorities/ID");
ABSL_FLAG(std::string, lat, "",
          "eligible, referrals create: WGS84 latitude of the young person's "
          "home, -90 to 90");
ABSL_FLAG(std::string, lng, "",
          "eligible, referrals create: WGS84 longitude of the young person's "
          "home, -180 to 180");
ABSL_FLAG(double, miles, 0,
          "eligible, referrals create: greatest distance from home in miles, "
          "above 0 and at most 700, default 20; referrals reopen: a greater "
          "distance, default the same");
ABSL_FLAG(std::string, by, "",
          "eligible: a vacancy must be free on or before this day, "
          "YYYY-MM-DD; default today");
ABSL_FLAG(int, max, 0, "eligible: at most this many providers, 1 to 500");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::registry::v1;

constexpr size_t kMaxFeedbackChars = 4000;
constexpr size_t kMaxReasonChars = 2000;
constexpr size_t kMaxEvidenceChars = 10000;
constexpr size_t kMaxConcernChars = 4000;
constexpr double kMaxMiles = 700;
constexpr int kMaxResults = 500;

}  // namespace

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

// --- Suspensions and concerns ------------------------------------------------

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

// --- The eligibility search --------------------------------------------------

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

}  // namespace fhub::cli
