// Quality questionnaires, applications, evaluation, admission and the
// accreditations it creates (listed in accreditation_rpcs.cc).

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "services/registry/api/convert.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/domain/access.h"
#include "services/registry/domain/application_rules.h"
#include "services/registry/domain/suspension_rules.h"

namespace fhub::registry {
namespace {

using auth::Role;

std::vector<std::string> LotIds(const FrameworkFacts& facts) {
  std::vector<std::string> ids;
  for (const LotRule& lot : facts.lots) ids.push_back(lot.lot.lot_id);
  return ids;
}

std::string UkTime(absl::Time at) {
  return absl::FormatTime("%Y-%m-%d %H:%M %Z", at, UkTimeZone());
}

// FAILED_PRECONDITION naming the lot and its next window unless admission
// is open for it.
absl::Status CheckAdmissionOpen(const std::string& framework_id,
                                const std::string& lot_id,
                                const AdmissionAnswer& answer) {
  if (answer.open) return absl::OkStatus();
  std::string next = "there is no further admission window in its term";
  if (answer.next_open) {
    next = absl::StrCat("the next window opens ", UkTime(*answer.next_open));
    if (answer.next_close) {
      absl::StrAppend(&next, " and closes ", UkTime(*answer.next_close));
    }
  }
  return absl::FailedPreconditionError(
      absl::StrCat("admission to frameworks/", framework_id, " lot ", lot_id,
                   " is closed; ", next));
}

}  // namespace

absl::StatusOr<Application> RegistryServiceImpl::LoadApplication(
    const auth::Principal& caller, const std::string& id) {
  FHUB_RETURN_IF_ERROR(EnterRowsOf(caller, "applications", id));
  Application application;
  FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(application, store_.FindApplication(tx, id, false));
    return absl::OkStatus();
  }));
  return application;
}

absl::StatusOr<Application> RegistryServiceImpl::LoadForLeadDecision(
    const auth::Principal& caller, const std::string& id) {
  FHUB_ASSIGN_OR_RETURN(Application application, LoadApplication(caller, id));
  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                        Facts("name", application.framework_id, true));
  FHUB_RETURN_IF_ERROR(CheckLeadAdmin(caller, facts.authorities));
  return application;
}

absl::StatusOr<std::optional<ModeratedResult>>
RegistryServiceImpl::ModerateIfReady(db::Tx& tx, const Application& application,
                                     int* evaluation_count) {
  FHUB_ASSIGN_OR_RETURN(std::vector<Evaluation> evaluations,
                        store_.ListEvaluations(tx, application.id));
  *evaluation_count = static_cast<int>(evaluations.size());
  FHUB_ASSIGN_OR_RETURN(
      std::optional<QuestionnaireRecord> questionnaire,
      store_.FindQuestionnaire(tx, application.framework_id, false));
  if (!questionnaire) return std::nullopt;
  auto result = Moderate(questionnaire->questionnaire, evaluations);
  if (!result.ok()) return std::nullopt;  // Not enough evaluations yet.
  return *result;
}

absl::Status RegistryServiceImpl::SyncAccreditations(
    db::Tx& tx, const std::string& provider_id,
    const std::string& framework_id) {
  FHUB_ASSIGN_OR_RETURN(
      std::vector<Accreditation> accreditations,
      store_.ProviderAccreditations(tx, provider_id, framework_id));
  FHUB_ASSIGN_OR_RETURN(
      std::vector<Suspension> suspensions,
      store_.ProviderSuspensions(tx, provider_id, framework_id));
  for (Accreditation& a : accreditations) {
    const AccreditationStatus status = StatusGiven(a, suspensions);
    if (status == a.status) continue;
    a.status = status;
    FHUB_RETURN_IF_ERROR(store_.PutAccreditation(tx, a));
  }
  return absl::OkStatus();
}

// --- Questionnaires ----------------------------------------------------------

absl::Status RegistryServiceImpl::DoSetQuestionnaire(
    const grpc::ServerContext& context,
    const v1::SetQuestionnaireRequest& request, v1::Questionnaire* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                        Facts("framework", framework_id, true));
  FHUB_RETURN_IF_ERROR(CheckLeadAdmin(caller, facts.authorities));
  rpc::ScopeToConsortium(caller, framework_id);
  Questionnaire questionnaire =
      FromProto(framework_id, request.questionnaire());
  FHUB_RETURN_IF_ERROR(ValidateQuestionnaire(questionnaire));
  const absl::Time now = clock_.Now();
  return Change<v1::Questionnaire>(
      caller, "SetQuestionnaire", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Questionnaire* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(
            store_.FindQuestionnaire(tx, framework_id, true).status());
        FHUB_ASSIGN_OR_RETURN(bool evaluated,
                              store_.HasEvaluations(tx, framework_id));
        if (evaluated) {
          return absl::FailedPreconditionError(absl::StrCat(
              "frameworks/", framework_id,
              " has applications evaluated against its questionnaire; it "
              "can no longer change"));
        }
        FHUB_RETURN_IF_ERROR(store_.PutQuestionnaire(tx, questionnaire, now));
        ToProto(questionnaire, now, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoGetQuestionnaire(
    const grpc::ServerContext& context,
    const v1::GetQuestionnaireRequest& request, v1::Questionnaire* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(std::optional<QuestionnaireRecord> record,
                          store_.FindQuestionnaire(tx, framework_id, false));
    if (!record) {
      return absl::NotFoundError(absl::StrCat(
          "frameworks/", framework_id, " has no quality questionnaire yet"));
    }
    ToProto(record->questionnaire, record->update_time, response);
    return absl::OkStatus();
  });
}

// --- Applications ------------------------------------------------------------

absl::Status RegistryServiceImpl::DoCreateApplication(
    const grpc::ServerContext& context,
    const v1::CreateApplicationRequest& request, v1::Application* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  const v1::Application& proposed = request.application();
  FHUB_ASSIGN_OR_RETURN(
      std::string provider_id,
      ParseName("application.provider", proposed.provider(), "providers"));
  FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, provider_id));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("application.framework", proposed.framework(), "frameworks"));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                        Facts("application.framework", framework_id, false));
  Application application;
  application.provider_id = provider_id;
  application.framework_id = framework_id;
  application.lot_ids.assign(proposed.lot_ids().begin(),
                             proposed.lot_ids().end());
  for (const v1::Answer& a : proposed.answers()) {
    application.answers.push_back({a.criterion_id(), a.text()});
  }
  FHUB_RETURN_IF_ERROR(ValidateApplication(application, LotIds(facts)));
  application.status = ApplicationStatus::kDraft;
  application.create_time = clock_.Now();
  return Change<v1::Application>(
      caller, "CreateApplication", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Application* out) -> absl::StatusOr<std::string> {
        // Checked here, after the request_id: a retry of a draft created
        // before the framework stopped being ACTIVE gets that draft.
        if (!facts.active) {
          return absl::FailedPreconditionError(
              absl::StrCat("frameworks/", framework_id,
                           " is not ACTIVE; providers cannot apply"));
        }
        FHUB_RETURN_IF_ERROR(
            store_.FindProvider(tx, provider_id, true).status());
        FHUB_RETURN_IF_ERROR(store_.InsertApplication(tx, application));
        ToProto(application, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoSubmitApplication(
    const grpc::ServerContext& context,
    const v1::SubmitApplicationRequest& request, v1::Application* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "applications"));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  // Read first: the frameworks service is asked outside any transaction.
  FHUB_ASSIGN_OR_RETURN(Application draft, LoadApplication(caller, id));
  FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, draft.provider_id));
  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                        Facts("name", draft.framework_id, false));
  const absl::Time now = clock_.Now();
  // Whether the window is open is learnt here but applied inside the
  // change, after the request_id: a retry once the window has closed gets
  // the first answer, and another request reusing the id INVALID_ARGUMENT.
  absl::Status admission = absl::OkStatus();
  if (draft.status == ApplicationStatus::kDraft) {
    for (const std::string& lot : draft.lot_ids) {
      FHUB_ASSIGN_OR_RETURN(
          AdmissionAnswer answer,
          frameworks_.Admission(draft.framework_id, lot, now));
      admission = CheckAdmissionOpen(draft.framework_id, lot, answer);
      if (!admission.ok()) break;
    }
  }
  return Change<v1::Application>(
      caller, "SubmitApplication", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Application* out) -> absl::StatusOr<std::string> {
        // The provider's row serialises its submissions: two live
        // applications for one lot cannot slip past each other.
        FHUB_RETURN_IF_ERROR(
            store_.FindProvider(tx, draft.provider_id, true).status());
        FHUB_ASSIGN_OR_RETURN(Application application,
                              store_.FindApplication(tx, id, true));
        FHUB_RETURN_IF_ERROR(
            CheckTransition(application, ApplicationStatus::kSubmitted));
        FHUB_RETURN_IF_ERROR(admission);
        FHUB_ASSIGN_OR_RETURN(
            std::optional<QuestionnaireRecord> questionnaire,
            store_.FindQuestionnaire(tx, application.framework_id, false));
        if (!questionnaire) {
          return absl::FailedPreconditionError(
              absl::StrCat("frameworks/", application.framework_id,
                           " has no quality questionnaire yet"));
        }
        FHUB_ASSIGN_OR_RETURN(
            std::vector<Application> others,
            store_.ProviderApplicationsOn(tx, application.provider_id,
                                          application.framework_id));
        others.erase(std::remove_if(others.begin(), others.end(),
                                    [&](const Application& a) {
                                      return a.id == application.id;
                                    }),
                     others.end());
        FHUB_ASSIGN_OR_RETURN(
            std::vector<Accreditation> accreditations,
            store_.ProviderAccreditations(tx, application.provider_id,
                                          application.framework_id));
        absl::Status submittable =
            CheckSubmit(application, questionnaire->questionnaire,
                        LotIds(facts), others, accreditations);
        if (absl::IsInvalidArgument(submittable)) {
          // What is wrong is the stored draft (a missing answer, a lot the
          // framework no longer has), not a field of this request.
          return absl::FailedPreconditionError(absl::StrCat(
              "the draft cannot be submitted: ", submittable.message()));
        }
        FHUB_RETURN_IF_ERROR(submittable);
        application.status = ApplicationStatus::kSubmitted;
        application.submit_time = now;
        FHUB_RETURN_IF_ERROR(store_.UpdateApplication(tx, application));
        ToProto(application, out);
        Emit(tx, v1::APPLICATION_SUBMITTED, now, application.framework_id,
             application.provider_id, out->name(), "", std::nullopt,
             application.lot_ids);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoGetApplication(
    const grpc::ServerContext& context,
    const v1::GetApplicationRequest& request, v1::Application* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "applications"));
  FHUB_ASSIGN_OR_RETURN(Application application, LoadApplication(caller, id));
  const bool own = ProviderIdOf(caller) == application.provider_id &&
                   caller.HasRole(Role::kProviderUser);
  bool officer = false;
  if (!own) {
    if (application.status == ApplicationStatus::kDraft) {
      return absl::NotFoundError(absl::StrCat(request.name(), " is not found"));
    }
    FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                          Facts("name", application.framework_id, false));
    if (!CheckLeadAdmin(caller, facts.authorities).ok()) {
      FHUB_RETURN_IF_ERROR(
          CheckMemberOfficer(caller, facts.authorities, {Role::kEvaluator}));
    }
    officer = true;
  }
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    ToProto(application, response);
    int count = 0;
    FHUB_ASSIGN_OR_RETURN(std::optional<ModeratedResult> result,
                          ModerateIfReady(tx, application, &count));
    response->set_evaluation_count(count);
    const bool decided = application.status == ApplicationStatus::kAdmitted ||
                         application.status == ApplicationStatus::kRejected;
    if (result && (officer || decided)) {
      ToProto(*result, response->mutable_moderated_result());
    }
    return absl::OkStatus();
  });
}

absl::Status RegistryServiceImpl::DoListApplications(
    const grpc::ServerContext& context,
    const v1::ListApplicationsRequest& request,
    v1::ListApplicationsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  if (request.provider().empty() == request.framework().empty()) {
    return absl::InvalidArgumentError(
        "give exactly one of provider and framework");
  }
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int64_t before,
                        DecodeBeforeId("applications", request.page_token()));
  std::string provider_id, framework_id;
  if (!request.provider().empty()) {
    FHUB_ASSIGN_OR_RETURN(
        provider_id, ParseName("provider", request.provider(), "providers"));
    FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, provider_id));
  } else {
    FHUB_ASSIGN_OR_RETURN(
        framework_id,
        ParseName("framework", request.framework(), "frameworks"));
    FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                          Facts("framework", framework_id, false));
    if (!IsHubCaller(caller) &&
        !CheckLeadAdmin(caller, facts.authorities).ok()) {
      FHUB_RETURN_IF_ERROR(
          CheckMemberOfficer(caller, facts.authorities, {Role::kEvaluator}));
    }
    rpc::ScopeToConsortium(caller, framework_id);
  }
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    std::vector<Application> page;
    if (!provider_id.empty()) {
      FHUB_ASSIGN_OR_RETURN(page, store_.ListProviderApplications(
                                      tx, provider_id, before, page_size + 1));
    } else {
      FHUB_ASSIGN_OR_RETURN(page, store_.ListFrameworkApplications(
                                      tx, framework_id, before, page_size + 1));
    }
    const bool more = TrimToPage(page, page_size);
    for (const Application& a : page) {
      v1::Application* out = response->add_applications();
      ToProto(a, out);
    }
    if (more) {
      response->set_next_page_token(
          EncodePageToken("applications", page.back().id));
    }
    return absl::OkStatus();
  });
}

absl::Status RegistryServiceImpl::DoSubmitEvaluation(
    const grpc::ServerContext& context,
    const v1::SubmitEvaluationRequest& request, v1::Evaluation* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string id,
      ParseNumbered("evaluation.application",
                    request.evaluation().application(), "applications"));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  FHUB_ASSIGN_OR_RETURN(Application application, LoadApplication(caller, id));
  FHUB_ASSIGN_OR_RETURN(
      FrameworkFacts facts,
      Facts("evaluation.application", application.framework_id, true));
  FHUB_RETURN_IF_ERROR(
      CheckMemberOfficer(caller, facts.authorities, {Role::kEvaluator}));
  Evaluation evaluation;
  evaluation.application_id = id;
  evaluation.evaluator = caller.subject;
  evaluation.evaluator_authority_id = std::string(caller.AuthorityId());
  for (const v1::CriterionScore& s : request.evaluation().scores()) {
    evaluation.scores.push_back({s.criterion_id(), s.score(), s.comment()});
  }
  evaluation.submit_time = clock_.Now();
  return Change<v1::Evaluation>(
      caller, "SubmitEvaluation", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Evaluation* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Application current,
                              store_.FindApplication(tx, id, true));
        if (current.status != ApplicationStatus::kSubmitted &&
            current.status != ApplicationStatus::kUnderEvaluation) {
          return absl::FailedPreconditionError(absl::StrCat(
              "applications/", id, " is ",
              NameOf(kApplicationStatuses, current.status),
              "; only SUBMITTED or UNDER_EVALUATION applications are scored"));
        }
        // Locked, as SetQuestionnaire locks it before asking whether any
        // evaluation exists: otherwise a questionnaire replaced meanwhile
        // would leave this evaluation scored on criteria it no longer has.
        FHUB_ASSIGN_OR_RETURN(
            std::optional<QuestionnaireRecord> questionnaire,
            store_.FindQuestionnaire(tx, current.framework_id, true));
        if (!questionnaire) {
          return absl::FailedPreconditionError(
              "the framework has no questionnaire");
        }
        FHUB_ASSIGN_OR_RETURN(std::vector<Evaluation> existing,
                              store_.ListEvaluations(tx, id));
        FHUB_RETURN_IF_ERROR(CheckNewEvaluation(questionnaire->questionnaire,
                                                evaluation, existing));
        FHUB_RETURN_IF_ERROR(store_.InsertEvaluation(tx, evaluation));
        if (current.status == ApplicationStatus::kSubmitted) {
          current.status = ApplicationStatus::kUnderEvaluation;
          FHUB_RETURN_IF_ERROR(store_.UpdateApplication(tx, current));
        }
        ToProto(evaluation, out);
        return absl::StrCat("applications/", id);
      });
}

absl::Status RegistryServiceImpl::DoAdmitApplication(
    const grpc::ServerContext& context,
    const v1::AdmitApplicationRequest& request, v1::Application* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "applications"));
  FHUB_RETURN_IF_ERROR(
      CheckText("feedback", request.feedback(), 0, kMaxFeedbackLength));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  FHUB_ASSIGN_OR_RETURN(Application application,
                        LoadForLeadDecision(caller, id));
  const absl::Time now = clock_.Now();
  return Change<v1::Application>(
      caller, "AdmitApplication", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Application* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(
            store_.FindProvider(tx, application.provider_id, true).status());
        FHUB_ASSIGN_OR_RETURN(Application current,
                              store_.FindApplication(tx, id, true));
        FHUB_RETURN_IF_ERROR(
            CheckTransition(current, ApplicationStatus::kAdmitted));
        FHUB_ASSIGN_OR_RETURN(
            std::optional<QuestionnaireRecord> questionnaire,
            store_.FindQuestionnaire(tx, current.framework_id, false));
        FHUB_ASSIGN_OR_RETURN(std::vector<Evaluation> evaluations,
                              store_.ListEvaluations(tx, id));
        if (!questionnaire) {
          return absl::FailedPreconditionError(
              "the framework has no questionnaire");
        }
        FHUB_ASSIGN_OR_RETURN(
            ModeratedResult result,
            Moderate(questionnaire->questionnaire, evaluations));
        FHUB_RETURN_IF_ERROR(CheckAdmit(current, result));
        current.status = ApplicationStatus::kAdmitted;
        current.feedback = request.feedback();
        current.decide_time = now;
        current.decided_by = caller.subject;
        FHUB_RETURN_IF_ERROR(store_.UpdateApplication(tx, current));
        for (const Accreditation& a :
             AccreditationsOnAdmission(current, result, now)) {
          FHUB_RETURN_IF_ERROR(store_.PutAccreditation(tx, a));
        }
        // A provider already suspended framework-wide stays suspended on
        // its new lots too.
        FHUB_RETURN_IF_ERROR(
            SyncAccreditations(tx, current.provider_id, current.framework_id));
        ToProto(current, out);
        out->set_evaluation_count(result.evaluation_count);
        ToProto(result, out->mutable_moderated_result());
        Emit(tx, v1::PROVIDER_ADMITTED, now, current.framework_id,
             current.provider_id, out->name(), "", std::nullopt,
             current.lot_ids);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoRejectApplication(
    const grpc::ServerContext& context,
    const v1::RejectApplicationRequest& request, v1::Application* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "applications"));
  FHUB_RETURN_IF_ERROR(
      CheckText("feedback", request.feedback(), 1, kMaxFeedbackLength));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  FHUB_RETURN_IF_ERROR(LoadForLeadDecision(caller, id).status());
  const absl::Time now = clock_.Now();
  return Change<v1::Application>(
      caller, "RejectApplication", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Application* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Application current,
                              store_.FindApplication(tx, id, true));
        FHUB_RETURN_IF_ERROR(CheckReject(current, request.feedback()));
        current.status = ApplicationStatus::kRejected;
        current.feedback = request.feedback();
        current.decide_time = now;
        current.decided_by = caller.subject;
        FHUB_RETURN_IF_ERROR(store_.UpdateApplication(tx, current));
        ToProto(current, out);
        Emit(tx, v1::APPLICATION_REJECTED, now, current.framework_id,
             current.provider_id, out->name(), "", std::nullopt,
             current.lot_ids);
        return out->name();
      });
}

}  // namespace fhub::registry
