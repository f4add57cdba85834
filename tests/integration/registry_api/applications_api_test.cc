// Questionnaires, applications, evaluation and admission.

#include "tests/integration/registry_api/fixture.h"

namespace fhub::registry {
namespace {

using Code = grpc::StatusCode;

class ApplicationsApiTest : public RegistryApiTest {
 protected:
  // Registers `provider` (no setting needed to apply) and starts a draft.
  std::string Draft(const std::string& provider,
                    const std::vector<std::string>& lots = {"lot-1"}) {
    if (CountProvider(provider) == 0) {
      EXPECT_THAT(
          CreateProvider(ProviderUser(provider), provider, ValidProvider()),
          GrpcOk());
    }
    v1::Application draft;
    EXPECT_THAT(
        CreateApplication(ProviderUser(provider), provider, lots, &draft),
        GrpcOk());
    EXPECT_EQ(draft.status(), v1::DRAFT);
    return draft.name();
  }
  int CountProvider(const std::string& provider) {
    v1::GetProviderRequest get;
    get.set_name("providers/" + provider);
    v1::Provider p;
    return stub_->GetProvider(testing::CallContext(HubAdmin()).get(), get, &p)
                   .ok()
               ? 1
               : 0;
  }
};

TEST_F(ApplicationsApiTest, SubmitOutsideWindowNamesTheNextWindow) {
  clock_.Set(Utc(2026, 11, 22, 9));
  const std::string name = Draft("acme-care");
  EXPECT_THAT(
      SubmitApplication(ProviderUser("acme-care"), name),
      GrpcIs(Code::FAILED_PRECONDITION, "next window opens 2026-12-01"));
  // Inside the window it goes.
  clock_.Set(Utc(2026, 12, 2, 9));
  v1::Application submitted;
  ASSERT_THAT(SubmitApplication(ProviderUser("acme-care"), name, &submitted),
              GrpcOk());
  EXPECT_EQ(submitted.status(), v1::SUBMITTED);
}

// The lead evaluates the providers it admits whether or not it is a member
// (registry.proto, SubmitEvaluation); a member that has ceased may not.
TEST_F(ApplicationsApiTest, TheLeadEvaluatesWithoutBeingAMember) {
  for (const char* authority : {"tameside", "knowsley"}) {
    fv1::CeaseMembershipRequest cease;
    cease.set_name(absl::StrCat(kNw, "/members/", authority));
    cease.set_request_id(NextRequestId());
    fv1::Membership membership;
    ASSERT_THAT(frameworks_->CeaseMembership(
                    testing::CallContext(LeadAdmin()).get(), cease, &membership),
                GrpcOk());
  }
  const std::string name = Draft("acme-care");
  ASSERT_THAT(SubmitApplication(ProviderUser("acme-care"), name), GrpcOk());
  v1::Evaluation evaluation;
  ASSERT_THAT(Evaluate(Evaluator("tameside"), name, {4, 4}, &evaluation),
              GrpcOk());
  EXPECT_EQ(evaluation.evaluator_authority(), "authorities/tameside");
  v1::GetApplicationRequest get;
  get.set_name(name);
  v1::Application got;
  EXPECT_THAT(stub_->GetApplication(
                  testing::CallContext(Evaluator("tameside")).get(), get, &got),
              GrpcOk());
  EXPECT_THAT(Evaluate(Evaluator("knowsley"), name, {4, 4}),
              GrpcIs(Code::PERMISSION_DENIED,
                     "not the lead or an active member"));
}

TEST_F(ApplicationsApiTest, EvaluationAdmissionAccreditation) {
  const std::string name = Draft("acme-care");
  const std::string acme = ProviderUser("acme-care");
  ASSERT_THAT(SubmitApplication(acme, name), GrpcOk());

  // Evaluator of a non-member.
  EXPECT_THAT(Evaluate(Evaluator("nottingham"), name, {4, 4}),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::Evaluation evaluation;
  ASSERT_THAT(Evaluate(Evaluator("wirral"), name, {4, 4}, &evaluation),
              GrpcOk());
  EXPECT_EQ(evaluation.evaluator_authority(), "authorities/wirral");
  // The same officer twice.
  EXPECT_THAT(Evaluate(Evaluator("wirral"), name, {5, 5}),
              GrpcIs(Code::ALREADY_EXISTS));
  // One evaluation is not enough.
  EXPECT_THAT(Admit(LeadAdmin(), name), GrpcIs(Code::FAILED_PRECONDITION));
  ASSERT_THAT(Evaluate(Evaluator("sefton"), name, {4, 3}), GrpcOk());
  // A member's commissioner may not admit.
  EXPECT_THAT(Admit(Commissioner("sefton"), name),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Admit(LeadAdmin("sefton"), name),
              GrpcIs(Code::PERMISSION_DENIED));

  v1::Application admitted;
  ASSERT_THAT(Admit(LeadAdmin(), name, &admitted), GrpcOk());
  EXPECT_EQ(admitted.status(), v1::ADMITTED);
  // safeguarding 4.0/5 x 60 + outcomes 3.5/5 x 40 = 48 + 28.
  EXPECT_NEAR(admitted.moderated_result().total(), 76.0, 1e-9);
  EXPECT_TRUE(admitted.moderated_result().passed());

  v1::ListAccreditationsRequest list_request;
  list_request.set_provider("providers/acme-care");
  v1::ListAccreditationsResponse list;
  ASSERT_THAT(stub_->ListAccreditations(testing::CallContext(acme).get(),
                                        list_request, &list),
              GrpcOk());
  ASSERT_EQ(list.accreditations_size(), 1);
  EXPECT_EQ(list.accreditations(0).status(), v1::Accreditation::ADMITTED);
  EXPECT_EQ(list.accreditations(0).lot_id(), "lot-1");
  EXPECT_EQ(list.accreditations(0).application(), name);
  EXPECT_NEAR(list.accreditations(0).quality_score(),
              admitted.moderated_result().total(), 1e-9);

  // The provider now sees the moderated result of its decided application.
  v1::GetApplicationRequest get;
  get.set_name(name);
  v1::Application got;
  ASSERT_THAT(
      stub_->GetApplication(testing::CallContext(acme).get(), get, &got),
      GrpcOk());
  EXPECT_EQ(got.evaluation_count(), 2);
  EXPECT_NEAR(got.moderated_result().total(), 76.0, 1e-9);

  // Applying again for an accredited lot.
  const std::string again = Draft("acme-care");
  EXPECT_THAT(SubmitApplication(acme, again), GrpcIs(Code::ALREADY_EXISTS));
}

TEST_F(ApplicationsApiTest, RejectedProviderReappliesAndIsAdmitted) {
  const std::string acme = ProviderUser("acme-care");
  const std::string first = Draft("acme-care");
  ASSERT_THAT(SubmitApplication(acme, first), GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("wirral"), first, {1, 1}), GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("sefton"), first, {2, 1}), GrpcOk());
  // Failed moderation: cannot be admitted.
  EXPECT_THAT(Admit(LeadAdmin(), first), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(Reject(LeadAdmin(), first, ""),
              GrpcIs(Code::INVALID_ARGUMENT, "feedback"));
  v1::Application rejected;
  ASSERT_THAT(
      Reject(LeadAdmin(), first,
             "Safeguarding answers lacked evidence of training.", &rejected),
      GrpcOk());
  EXPECT_EQ(rejected.status(), v1::REJECTED);

  clock_.Advance(absl::Hours(24 * 7));  // 9 December, same window.
  const std::string second = Draft("acme-care");
  ASSERT_THAT(SubmitApplication(ProviderUser("acme-care"), second), GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("wirral"), second, {4, 4}), GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("sefton"), second, {5, 4}), GrpcOk());
  v1::Application admitted;
  ASSERT_THAT(Admit(LeadAdmin(), second, &admitted), GrpcOk());
  EXPECT_EQ(admitted.status(), v1::ADMITTED);
}

TEST_F(ApplicationsApiTest, WhoSeesTheModeratedResult) {
  const std::string acme = ProviderUser("acme-care");
  const std::string name = Draft("acme-care");
  Draft("bright-homes");  // A draft: not shown to the framework.
  ASSERT_THAT(SubmitApplication(acme, name), GrpcOk());
  // A score above max_score.
  EXPECT_THAT(Evaluate(Evaluator("wirral"), name, {6, 4}),
              GrpcIs(Code::INVALID_ARGUMENT));
  ASSERT_THAT(Evaluate(Evaluator("wirral"), name, {4, 4}), GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("sefton"), name, {4, 3}), GrpcOk());

  v1::GetApplicationRequest get;
  get.set_name(name);
  v1::Application got;
  ASSERT_THAT(
      stub_->GetApplication(testing::CallContext(acme).get(), get, &got),
      GrpcOk());
  EXPECT_EQ(got.status(), v1::UNDER_EVALUATION);
  EXPECT_FALSE(got.has_moderated_result());
  ASSERT_THAT(stub_->GetApplication(
                  testing::CallContext(Evaluator("halton")).get(), get, &got),
              GrpcOk());
  EXPECT_NEAR(got.moderated_result().total(), 76.0, 1e-9);
  ASSERT_THAT(
      stub_->GetApplication(testing::CallContext(LeadAdmin()).get(), get, &got),
      GrpcOk());
  EXPECT_EQ(got.evaluation_count(), 2);
  EXPECT_THAT(
      stub_->GetApplication(testing::CallContext(Evaluator("nottingham")).get(),
                            get, &got),
      GrpcIs(Code::PERMISSION_DENIED));

  v1::ListApplicationsRequest list_request;
  list_request.set_framework(kNw);
  v1::ListApplicationsResponse list;
  ASSERT_THAT(stub_->ListApplications(testing::CallContext(LeadAdmin()).get(),
                                      list_request, &list),
              GrpcOk());
  ASSERT_EQ(list.applications_size(), 1);
  EXPECT_EQ(list.applications(0).name(), name);
  EXPECT_THAT(stub_->ListApplications(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  list_request, &list),
              GrpcIs(Code::PERMISSION_DENIED));
}

TEST_F(ApplicationsApiTest, TwoLiveApplicationsForOneLot) {
  const std::string acme = ProviderUser("acme-care");
  const std::string first = Draft("acme-care", {"lot-1", "lot-2"});
  const std::string second = Draft("acme-care", {"lot-2"});
  ASSERT_THAT(SubmitApplication(acme, first), GrpcOk());
  EXPECT_THAT(SubmitApplication(acme, second),
              GrpcIs(Code::ALREADY_EXISTS, "lot-2"));
}

TEST_F(ApplicationsApiTest, WhoSeesADraft) {
  const std::string name = Draft("acme-care");
  ASSERT_THAT(CreateProvider(ProviderUser("bright-homes"), "bright-homes",
                             ValidProvider("Bright Homes Ltd")),
              GrpcOk());
  v1::GetApplicationRequest get;
  get.set_name(name);
  v1::Application got;
  ASSERT_THAT(
      stub_->GetApplication(
          testing::CallContext(ProviderUser("acme-care")).get(), get, &got),
      GrpcOk());
  EXPECT_EQ(got.status(), v1::DRAFT);
  grpc::Status other = stub_->GetApplication(
      testing::CallContext(ProviderUser("bright-homes")).get(), get, &got);
  EXPECT_TRUE(other.error_code() == Code::PERMISSION_DENIED ||
              other.error_code() == Code::NOT_FOUND)
      << other.error_code() << ": " << other.error_message();
  // Another provider may not submit it either.
  EXPECT_THAT(SubmitApplication(ProviderUser("bright-homes"), name),
              GrpcIs(Code::PERMISSION_DENIED));
  // Another provider may not apply for acme.
  EXPECT_THAT(
      CreateApplication(ProviderUser("bright-homes"), "acme-care", {"lot-1"}),
      GrpcIs(Code::PERMISSION_DENIED));
}

TEST_F(ApplicationsApiTest, OnlyActiveFrameworksTakeApplications) {
  fv1::Framework draft;
  ASSERT_THAT(
      frameworks_->CreateFramework(testing::CallContext(LeadAdmin()).get(),
                                   NorthWestRequest("nw-draft"), &draft),
      GrpcOk());
  ASSERT_THAT(
      CreateProvider(ProviderUser("acme-care"), "acme-care", ValidProvider()),
      GrpcOk());
  v1::CreateApplicationRequest request;
  request.mutable_application()->set_provider("providers/acme-care");
  request.mutable_application()->set_framework("frameworks/nw-draft");
  request.mutable_application()->add_lot_ids("lot-1");
  AddAnswers(request.mutable_application());
  request.set_request_id(NextRequestId());
  v1::Application out;
  EXPECT_THAT(
      stub_->CreateApplication(
          testing::CallContext(ProviderUser("acme-care")).get(), request, &out),
      GrpcIs(Code::FAILED_PRECONDITION, "ACTIVE"));
  request.mutable_application()->set_framework("frameworks/nowhere");
  request.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CreateApplication(
          testing::CallContext(ProviderUser("acme-care")).get(), request, &out),
      GrpcIs(Code::NOT_FOUND));
  request.mutable_application()->set_framework(kNw);
  request.mutable_application()->set_lot_ids(0, "lot-9");
  request.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CreateApplication(
          testing::CallContext(ProviderUser("acme-care")).get(), request, &out),
      GrpcIs(Code::INVALID_ARGUMENT, "lot_ids"));
  EXPECT_EQ(CountRows("applications"), 0);
}

// Retries return the first answer whatever happened since; the same id on
// another request is INVALID_ARGUMENT.
TEST_F(ApplicationsApiTest, RetriesReturnTheFirstAnswer) {
  const std::string acme = ProviderUser("acme-care");
  const std::string name = Draft("acme-care");
  v1::SubmitApplicationRequest submit;
  submit.set_name(name);
  submit.set_request_id("submit-1");
  v1::Application submitted;
  ASSERT_THAT(stub_->SubmitApplication(testing::CallContext(acme).get(), submit,
                                       &submitted),
              GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("wirral"), name, {4, 4}), GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("sefton"), name, {4, 3}), GrpcOk());
  v1::AdmitApplicationRequest admit;
  admit.set_name(name);
  admit.set_request_id("admit-1");
  v1::Application admitted;
  ASSERT_THAT(stub_->AdmitApplication(testing::CallContext(LeadAdmin()).get(),
                                      admit, &admitted),
              GrpcOk());

  // The window has closed and the application moved on: the retry still
  // gets the first answer.
  clock_.Set(Utc(2027, 1, 15, 9));
  const std::string acme_now = ProviderUser("acme-care");  // Fresh token.
  v1::Application retried;
  ASSERT_THAT(stub_->SubmitApplication(testing::CallContext(acme_now).get(),
                                       submit, &retried),
              GrpcOk());
  EXPECT_EQ(retried.status(), v1::SUBMITTED);
  EXPECT_EQ(retried.SerializeAsString(), submitted.SerializeAsString());
  ASSERT_THAT(stub_->AdmitApplication(testing::CallContext(LeadAdmin()).get(),
                                      admit, &retried),
              GrpcOk());
  EXPECT_EQ(retried.SerializeAsString(), admitted.SerializeAsString());
  EXPECT_EQ(CountRows("accreditations"), 1);

  // The same ids on other requests.
  const std::string other = Draft("acme-care", {"lot-2"});
  submit.set_name(other);
  EXPECT_THAT(stub_->SubmitApplication(testing::CallContext(acme_now).get(),
                                       submit, &retried),
              GrpcIs(Code::INVALID_ARGUMENT, "request_id"));
  admit.set_feedback("Another note");
  EXPECT_THAT(stub_->AdmitApplication(testing::CallContext(LeadAdmin()).get(),
                                      admit, &retried),
              GrpcIs(Code::INVALID_ARGUMENT, "request_id"));
  v1::RejectApplicationRequest reject;
  reject.set_name(name);
  reject.set_feedback("No");
  reject.set_request_id("admit-1");
  EXPECT_THAT(stub_->RejectApplication(testing::CallContext(LeadAdmin()).get(),
                                       reject, &retried),
              GrpcIs(Code::INVALID_ARGUMENT, "request_id"));
}

// A draft created just before the framework stops being ACTIVE: the retry
// of its creation returns the draft rather than FAILED_PRECONDITION.
TEST_F(ApplicationsApiTest, CreateApplicationRetryAfterTermination) {
  ASSERT_THAT(
      CreateProvider(ProviderUser("acme-care"), "acme-care", ValidProvider()),
      GrpcOk());
  v1::CreateApplicationRequest request;
  request.mutable_application()->set_provider("providers/acme-care");
  request.mutable_application()->set_framework(kNw);
  request.mutable_application()->add_lot_ids("lot-1");
  AddAnswers(request.mutable_application());
  request.set_request_id("create-1");
  v1::Application created;
  ASSERT_THAT(stub_->CreateApplication(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  request, &created),
              GrpcOk());
  fv1::TerminateFrameworkRequest terminate;
  terminate.set_name(kNw);
  terminate.set_reason("Replaced by a dynamic market");
  terminate.set_request_id(NextRequestId());
  fv1::Framework terminated;
  ASSERT_THAT(
      frameworks_->TerminateFramework(testing::CallContext(LeadAdmin()).get(),
                                      terminate, &terminated),
      GrpcOk());
  v1::Application retried;
  ASSERT_THAT(stub_->CreateApplication(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  request, &retried),
              GrpcOk());
  EXPECT_EQ(retried.name(), created.name());
  request.set_request_id("create-2");
  EXPECT_THAT(stub_->CreateApplication(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  request, &retried),
              GrpcIs(Code::FAILED_PRECONDITION, "ACTIVE"));
  EXPECT_EQ(CountRows("applications"), 1);
}

TEST_F(ApplicationsApiTest, Questionnaire) {
  EXPECT_THAT(SetQuestionnaire(LeadAdmin("sefton"), ValidQuestionnaire()),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(SetQuestionnaire(Commissioner("tameside"), ValidQuestionnaire()),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::Questionnaire bad = ValidQuestionnaire();
  bad.set_pass_mark(101);
  EXPECT_THAT(SetQuestionnaire(LeadAdmin(), bad),
              GrpcIs(Code::INVALID_ARGUMENT, "pass_mark"));

  v1::GetQuestionnaireRequest get;
  get.set_framework(kNw);
  v1::Questionnaire got;
  ASSERT_THAT(
      stub_->GetQuestionnaire(
          testing::CallContext(ProviderUser("acme-care")).get(), get, &got),
      GrpcOk());
  EXPECT_EQ(got.pass_mark(), 50);
  EXPECT_EQ(got.criteria_size(), 2);
  EXPECT_EQ(got.minimum_evaluations(), 2);
  EXPECT_THAT(
      stub_->GetQuestionnaire(testing::CallContext("").get(), get, &got),
      GrpcIs(Code::UNAUTHENTICATED));
  get.set_framework("nw-16plus");
  EXPECT_THAT(
      stub_->GetQuestionnaire(
          testing::CallContext(ProviderUser("acme-care")).get(), get, &got),
      GrpcIs(Code::INVALID_ARGUMENT, "framework"));
  get.set_framework("frameworks/nowhere");
  EXPECT_THAT(
      stub_->GetQuestionnaire(
          testing::CallContext(ProviderUser("acme-care")).get(), get, &got),
      GrpcIs(Code::NOT_FOUND));
}

}  // namespace
}  // namespace fhub::registry
