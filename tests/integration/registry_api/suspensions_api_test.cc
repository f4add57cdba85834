// Suspension with an action plan, reinstatement, removal and the events.

#include "tests/integration/registry_api/fixture.h"

namespace fhub::registry {
namespace {

using Code = grpc::StatusCode;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

constexpr char kAcme[] = "providers/acme-care";

class SuspensionsApiTest : public RegistryApiTest {
 protected:
  void SetUp() override {
    RegistryApiTest::SetUp();
    if (HasFatalFailure()) return;
    // A setting in Bootle, about 14 miles from Southport.
    AdmitProvider("acme-care", {"lot-1"}, kBootle);
  }

  grpc::Status Evidence(const std::string& name, int item) {
    v1::SubmitActionEvidenceRequest request;
    request.set_name(name);
    request.set_item_number(item);
    request.set_evidence(absl::StrCat("Evidence for item ", item));
    request.set_request_id(NextRequestId());
    v1::Suspension response;
    return stub_->SubmitActionEvidence(
        testing::CallContext(ProviderUser("acme-care")).get(), request,
        &response);
  }
  grpc::Status Accept(const std::string& token, const std::string& name,
                      int item) {
    v1::AcceptActionItemRequest request;
    request.set_name(name);
    request.set_item_number(item);
    request.set_request_id(NextRequestId());
    v1::Suspension response;
    return stub_->AcceptActionItem(testing::CallContext(token).get(), request,
                                   &response);
  }
  grpc::Status Reinstate(const std::string& token, const std::string& name,
                         v1::Suspension* out = nullptr) {
    v1::ReinstateProviderRequest request;
    request.set_name(name);
    request.set_request_id(NextRequestId());
    v1::Suspension response;
    return stub_->ReinstateProvider(testing::CallContext(token).get(), request,
                                    out != nullptr ? out : &response);
  }
  v1::ListAccreditationsResponse FrameworkAccreditations() {
    v1::ListAccreditationsRequest request;
    request.set_framework(kNw);
    v1::ListAccreditationsResponse response;
    EXPECT_THAT(stub_->ListAccreditations(
                    testing::CallContext(Commissioner("wirral")).get(), request,
                    &response),
                GrpcOk());
    return response;
  }
};

TEST_F(SuspensionsApiTest, MemberOnlySuspensionAndReinstatement) {
  v1::Suspension suspension;
  ASSERT_THAT(Suspend(Commissioner("sefton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16", "2027-01-06"}, &suspension),
              GrpcOk());
  EXPECT_EQ(suspension.status(), v1::ACTIVE);
  EXPECT_EQ(suspension.authority(), "authorities/sefton");
  EXPECT_EQ(suspension.suspended_by(), "commissioner@sefton");
  // Instants that have not happened are absent, not 1970-01-01.
  EXPECT_FALSE(suspension.has_reinstate_time());
  EXPECT_FALSE(suspension.action_plan(0).has_evidence_time());
  EXPECT_FALSE(suspension.action_plan(0).has_accept_time());
  ASSERT_EQ(suspension.action_plan_size(), 2);
  EXPECT_EQ(suspension.action_plan(1).number(), 2);
  const std::string name = suspension.name();

  EXPECT_THAT(SearchIds("sefton"), Not(Contains(kAcme)));
  EXPECT_THAT(SearchIds("wirral"), ElementsAre(kAcme));
  v1::ListAccreditationsResponse accreditations = FrameworkAccreditations();
  ASSERT_EQ(accreditations.accreditations_size(), 1);
  EXPECT_EQ(accreditations.accreditations(0).status(),
            v1::Accreditation::ADMITTED);
  EXPECT_THAT(accreditations.accreditations(0).suspended_for(),
              ElementsAre("authorities/sefton"));

  // The provider sees whom it is suspended for.
  {
    v1::ListAccreditationsRequest request;
    request.set_provider(kAcme);
    v1::ListAccreditationsResponse own;
    ASSERT_THAT(stub_->ListAccreditations(
                    testing::CallContext(ProviderUser("acme-care")).get(),
                    request, &own),
                GrpcOk());
    ASSERT_EQ(own.accreditations_size(), 1);
    EXPECT_THAT(own.accreditations(0).suspended_for(),
                ElementsAre("authorities/sefton"));
  }
  // Nothing to accept before the provider's evidence.
  EXPECT_THAT(Accept(Commissioner("sefton"), name, 1),
              GrpcIs(Code::FAILED_PRECONDITION, "no evidence"));
  ASSERT_THAT(Evidence(name, 1), GrpcOk());
  ASSERT_THAT(Evidence(name, 2), GrpcOk());
  EXPECT_THAT(Accept(Commissioner("wirral"), name, 1),
              GrpcIs(Code::PERMISSION_DENIED));
  ASSERT_THAT(Accept(Commissioner("sefton"), name, 1), GrpcOk());
  EXPECT_THAT(Reinstate(Commissioner("sefton"), name),
              GrpcIs(Code::FAILED_PRECONDITION, "item 2"));
  EXPECT_THAT(SearchIds("sefton"), Not(Contains(kAcme)));
  ASSERT_THAT(Accept(Commissioner("sefton"), name, 2), GrpcOk());
  EXPECT_THAT(Reinstate(Commissioner("wirral"), name),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::Suspension lifted;
  ASSERT_THAT(Reinstate(Commissioner("sefton"), name, &lifted), GrpcOk());
  EXPECT_EQ(lifted.status(), v1::LIFTED);
  EXPECT_EQ(lifted.reinstated_by(), "commissioner@sefton");
  EXPECT_TRUE(lifted.has_reinstate_time());
  EXPECT_THAT(SearchIds("sefton"), ElementsAre(kAcme));

  v1::GetSuspensionRequest get;
  get.set_name(name);
  v1::Suspension got;
  ASSERT_THAT(
      stub_->GetSuspension(
          testing::CallContext(ProviderUser("acme-care")).get(), get, &got),
      GrpcOk());
  EXPECT_EQ(got.status(), v1::LIFTED);
  EXPECT_TRUE(got.action_plan(0).accepted());
  EXPECT_EQ(got.action_plan(0).accepted_by(), "commissioner@sefton");
}

TEST_F(SuspensionsApiTest, FrameworkWideSuspensionAndRemoval) {
  EXPECT_THAT(Suspend(Commissioner("wirral"), "acme-care", v1::FRAMEWORK_WIDE,
                      {"2026-12-16"}),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Suspend(LeadAdmin("wirral"), "acme-care", v1::FRAMEWORK_WIDE,
                      {"2026-12-16"}),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Suspend(Commissioner("sefton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-01"}),
              GrpcIs(Code::INVALID_ARGUMENT, "due_date"));
  EXPECT_EQ(CountRows("suspensions"), 0);

  v1::Suspension suspension;
  ASSERT_THAT(Suspend(LeadAdmin(), "acme-care", v1::FRAMEWORK_WIDE,
                      {"2026-12-16"}, &suspension),
              GrpcOk());
  EXPECT_EQ(suspension.scope(), v1::FRAMEWORK_WIDE);
  EXPECT_EQ(suspension.authority(), "authorities/tameside");
  EXPECT_THAT(SearchIds("sefton"), Not(Contains(kAcme)));
  EXPECT_THAT(SearchIds("wirral"), Not(Contains(kAcme)));
  EXPECT_THAT(SearchIds("tameside"), Not(Contains(kAcme)));
  v1::ListAccreditationsResponse accreditations = FrameworkAccreditations();
  ASSERT_EQ(accreditations.accreditations_size(), 1);
  EXPECT_EQ(accreditations.accreditations(0).status(),
            v1::Accreditation::SUSPENDED);

  v1::RemoveProviderRequest remove;
  remove.set_provider(kAcme);
  remove.set_framework(kNw);
  remove.set_reason("Action plan not met");
  remove.set_request_id(NextRequestId());
  v1::RemoveProviderResponse removed;
  EXPECT_THAT(
      stub_->RemoveProvider(testing::CallContext(LeadAdmin("sefton")).get(),
                            remove, &removed),
      GrpcIs(Code::PERMISSION_DENIED));
  remove.set_request_id(NextRequestId());
  ASSERT_THAT(stub_->RemoveProvider(testing::CallContext(LeadAdmin()).get(),
                                    remove, &removed),
              GrpcOk());
  ASSERT_EQ(removed.accreditations_size(), 1);
  EXPECT_EQ(removed.accreditations(0).status(), v1::Accreditation::REMOVED);
  EXPECT_EQ(removed.accreditations(0).removal_reason(), "Action plan not met");
  accreditations = FrameworkAccreditations();
  ASSERT_EQ(accreditations.accreditations_size(), 1);
  EXPECT_EQ(accreditations.accreditations(0).status(),
            v1::Accreditation::REMOVED);
  EXPECT_THAT(SearchIds("wirral"), Not(Contains(kAcme)));
}

TEST_F(SuspensionsApiTest, SuspensionRules) {
  ASSERT_THAT(CreateProvider(ProviderUser("bright-homes"), "bright-homes",
                             ValidProvider("Bright Homes Ltd")),
              GrpcOk());
  EXPECT_THAT(Suspend(Commissioner("sefton"), "bright-homes", v1::MEMBER_ONLY,
                      {"2026-12-16"}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(Suspend(Commissioner("nottingham"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Suspend(Evaluator("sefton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Suspend(Commissioner("sefton"), "acme-care", v1::MEMBER_ONLY, {}),
              GrpcIs(Code::INVALID_ARGUMENT, "action_plan"));
  v1::Suspension suspension;
  ASSERT_THAT(Suspend(Commissioner("sefton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}, &suspension),
              GrpcOk());
  EXPECT_THAT(Suspend(LeadAdmin("sefton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}),
              GrpcIs(Code::ALREADY_EXISTS));
  // Wirral may suspend for itself too.
  ASSERT_THAT(Suspend(Commissioner("wirral"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}),
              GrpcOk());
  EXPECT_THAT(SearchIds("wirral"), Not(Contains(kAcme)));
  EXPECT_THAT(SearchIds("halton"), ElementsAre(kAcme));

  // Evidence only from the provider; accepting needs evidence first? At
  // least the suspender may accept; another provider may not submit.
  v1::SubmitActionEvidenceRequest evidence;
  evidence.set_name(suspension.name());
  evidence.set_item_number(1);
  evidence.set_evidence("Not ours to give");
  evidence.set_request_id(NextRequestId());
  v1::Suspension out;
  EXPECT_THAT(stub_->SubmitActionEvidence(
                  testing::CallContext(ProviderUser("bright-homes")).get(),
                  evidence, &out),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Evidence(suspension.name(), 3), GrpcIs(Code::NOT_FOUND));

  v1::ListSuspensionsRequest list_request;
  list_request.set_provider(kAcme);
  list_request.set_active_only(true);
  v1::ListSuspensionsResponse list;
  ASSERT_THAT(stub_->ListSuspensions(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  list_request, &list),
              GrpcOk());
  EXPECT_EQ(list.suspensions_size(), 2);
  EXPECT_THAT(stub_->ListSuspensions(
                  testing::CallContext(ProviderUser("bright-homes")).get(),
                  list_request, &list),
              GrpcIs(Code::PERMISSION_DENIED));
}

TEST_F(SuspensionsApiTest, FrameworkWideReinstatement) {
  v1::Suspension suspension;
  ASSERT_THAT(Suspend(LeadAdmin(), "acme-care", v1::FRAMEWORK_WIDE,
                      {"2026-12-16"}, &suspension),
              GrpcOk());
  ASSERT_THAT(Evidence(suspension.name(), 1), GrpcOk());
  // A member's officers may not accept the lead's items.
  EXPECT_THAT(Accept(Commissioner("tameside"), suspension.name(), 1),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Accept(LeadAdmin("sefton"), suspension.name(), 1),
              GrpcIs(Code::PERMISSION_DENIED));
  ASSERT_THAT(Accept(LeadAdmin(), suspension.name(), 1), GrpcOk());
  v1::Suspension lifted;
  ASSERT_THAT(Reinstate(LeadAdmin(), suspension.name(), &lifted), GrpcOk());
  EXPECT_EQ(lifted.reinstated_by(), "lead-admin@tameside");
  EXPECT_THAT(Reinstate(LeadAdmin(), suspension.name()),
              GrpcIs(Code::FAILED_PRECONDITION));
  v1::ListAccreditationsResponse accreditations = FrameworkAccreditations();
  ASSERT_EQ(accreditations.accreditations_size(), 1);
  EXPECT_EQ(accreditations.accreditations(0).status(),
            v1::Accreditation::ADMITTED);
  EXPECT_THAT(SearchIds("sefton"), ElementsAre(kAcme));
}

// ListAccreditations with `provider` set shows an authority only the
// frameworks it leads or is a member of: who suspended a provider on a
// framework is for that framework's lead and members (as ListSuspensions
// and GetSuspension decide), not for any authority.
TEST_F(SuspensionsApiTest, ProviderAccreditationsOnlyForTheFrameworksMembers) {
  ASSERT_THAT(Suspend(Commissioner("sefton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}),
              GrpcOk());
  v1::ListAccreditationsRequest request;
  request.set_provider(kAcme);
  v1::ListAccreditationsResponse seen;
  ASSERT_THAT(stub_->ListAccreditations(
                  testing::CallContext(Commissioner("nottingham")).get(),
                  request, &seen),
              GrpcOk());
  EXPECT_EQ(seen.accreditations_size(), 0);
  ASSERT_THAT(
      stub_->ListAccreditations(
          testing::CallContext(Commissioner("wirral")).get(), request, &seen),
      GrpcOk());
  ASSERT_EQ(seen.accreditations_size(), 1);
  EXPECT_THAT(seen.accreditations(0).suspended_for(),
              ElementsAre("authorities/sefton"));
  ASSERT_THAT(stub_->ListAccreditations(testing::CallContext(Service()).get(),
                                        request, &seen),
              GrpcOk());
  EXPECT_EQ(seen.accreditations_size(), 1);
  // The same for the framework's own list and its suspensions.
  request.clear_provider();
  request.set_framework(kNw);
  EXPECT_THAT(stub_->ListAccreditations(
                  testing::CallContext(Commissioner("nottingham")).get(),
                  request, &seen),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::ListSuspensionsRequest suspensions;
  suspensions.set_provider(kAcme);
  v1::ListSuspensionsResponse listed;
  EXPECT_THAT(stub_->ListSuspensions(
                  testing::CallContext(Commissioner("nottingham")).get(),
                  suspensions, &listed),
              GrpcIs(Code::PERMISSION_DENIED));
}

// A member that has ceased to use the framework no longer sees or does
// what its members do.
TEST_F(SuspensionsApiTest, CeasedMemberLosesAccess) {
  v1::Suspension suspension;
  ASSERT_THAT(Suspend(Commissioner("halton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}, &suspension),
              GrpcOk());
  fv1::CeaseMembershipRequest cease;
  cease.set_name("frameworks/nw-16plus/members/halton");
  cease.set_reason("Halton now commissions alone");
  cease.set_request_id(NextRequestId());
  fv1::Membership ceased;
  ASSERT_THAT(frameworks_->CeaseMembership(
                  testing::CallContext(LeadAdmin()).get(), cease, &ceased),
              GrpcOk());

  v1::GetSuspensionRequest get;
  get.set_name(suspension.name());
  v1::Suspension got;
  EXPECT_THAT(
      stub_->GetSuspension(testing::CallContext(Commissioner("wirral")).get(),
                           get, &got),
      GrpcOk());
  v1::ListSuspensionsRequest list;
  list.set_framework(kNw);
  v1::ListSuspensionsResponse listed;
  EXPECT_THAT(
      stub_->ListSuspensions(testing::CallContext(Commissioner("halton")).get(),
                             list, &listed),
      GrpcIs(Code::PERMISSION_DENIED));
  v1::ListConcernsRequest concerns;
  concerns.set_framework(kNw);
  v1::ListConcernsResponse concern_list;
  EXPECT_THAT(
      stub_->ListConcerns(testing::CallContext(Commissioner("halton")).get(),
                          concerns, &concern_list),
      GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Suspend(Commissioner("halton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}),
              GrpcIs(Code::PERMISSION_DENIED));

  // Its evaluators may no longer score or read applications.
  ASSERT_THAT(CreateProvider(ProviderUser("bright-homes"), "bright-homes",
                             ValidProvider("Bright Homes Ltd")),
              GrpcOk());
  v1::Application draft;
  ASSERT_THAT(CreateApplication(ProviderUser("bright-homes"), "bright-homes",
                                {"lot-1"}, &draft),
              GrpcOk());
  ASSERT_THAT(SubmitApplication(ProviderUser("bright-homes"), draft.name()),
              GrpcOk());
  EXPECT_THAT(Evaluate(Evaluator("halton"), draft.name(), {4, 4}),
              GrpcIs(Code::PERMISSION_DENIED));
  // Nor may a provider evaluate, even its own application.
  EXPECT_THAT(Evaluate(Token("providers/bright-homes", {Role::kEvaluator}),
                       draft.name(), {5, 5}),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::GetApplicationRequest get_application;
  get_application.set_name(draft.name());
  v1::Application application;
  EXPECT_THAT(
      stub_->GetApplication(testing::CallContext(Evaluator("halton")).get(),
                            get_application, &application),
      GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(CountRows("evaluations"), 2);  // AdmitProvider's two.
}

// Accreditation status follows the suspensions, REMOVED stays REMOVED, and
// re-admission after removal brings the provider back, suspended if a
// framework-wide suspension still stands; the search follows every step.
TEST_F(SuspensionsApiTest, AccreditationStatusThroughRemovalAndReadmission) {
  v1::Suspension suspension;
  ASSERT_THAT(Suspend(LeadAdmin(), "acme-care", v1::FRAMEWORK_WIDE,
                      {"2026-12-16"}, &suspension),
              GrpcOk());
  v1::RemoveProviderRequest remove;
  remove.set_provider(kAcme);
  remove.set_framework(kNw);
  remove.set_reason("Action plan not met");
  remove.set_request_id(NextRequestId());
  v1::RemoveProviderResponse removed;
  ASSERT_THAT(stub_->RemoveProvider(testing::CallContext(LeadAdmin()).get(),
                                    remove, &removed),
              GrpcOk());
  // A retry returns the first answer although nothing is left to remove.
  v1::RemoveProviderResponse again;
  ASSERT_THAT(stub_->RemoveProvider(testing::CallContext(LeadAdmin()).get(),
                                    remove, &again),
              GrpcOk());
  EXPECT_EQ(again.accreditations_size(), 1);

  // Re-applying while the framework-wide suspension stands.
  const std::string acme = ProviderUser("acme-care");
  v1::Application draft;
  ASSERT_THAT(CreateApplication(acme, "acme-care", {"lot-1"}, &draft),
              GrpcOk());
  ASSERT_THAT(SubmitApplication(acme, draft.name()), GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("wirral"), draft.name(), {5, 5}), GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("sefton"), draft.name(), {5, 4}), GrpcOk());
  ASSERT_THAT(Admit(LeadAdmin(), draft.name()), GrpcOk());
  v1::ListAccreditationsResponse accreditations = FrameworkAccreditations();
  ASSERT_EQ(accreditations.accreditations_size(), 1);
  EXPECT_EQ(accreditations.accreditations(0).status(),
            v1::Accreditation::SUSPENDED);
  EXPECT_FALSE(accreditations.accreditations(0).has_remove_time());
  EXPECT_THAT(SearchIds("wirral"), Not(Contains(kAcme)));

  ASSERT_THAT(Evidence(suspension.name(), 1), GrpcOk());
  ASSERT_THAT(Accept(LeadAdmin(), suspension.name(), 1), GrpcOk());
  ASSERT_THAT(Reinstate(LeadAdmin(), suspension.name()), GrpcOk());
  accreditations = FrameworkAccreditations();
  ASSERT_EQ(accreditations.accreditations_size(), 1);
  EXPECT_EQ(accreditations.accreditations(0).status(),
            v1::Accreditation::ADMITTED);
  EXPECT_EQ(accreditations.accreditations(0).application(), draft.name());
  EXPECT_THAT(SearchIds("wirral"), ElementsAre(kAcme));

  // Removed again, then reinstated from a second suspension: stays REMOVED.
  ASSERT_THAT(Suspend(LeadAdmin(), "acme-care", v1::FRAMEWORK_WIDE,
                      {"2026-12-16"}, &suspension),
              GrpcOk());
  remove.set_request_id(NextRequestId());
  ASSERT_THAT(stub_->RemoveProvider(testing::CallContext(LeadAdmin()).get(),
                                    remove, &removed),
              GrpcOk());
  ASSERT_THAT(Evidence(suspension.name(), 1), GrpcOk());
  ASSERT_THAT(Accept(LeadAdmin(), suspension.name(), 1), GrpcOk());
  ASSERT_THAT(Reinstate(LeadAdmin(), suspension.name()), GrpcOk());
  accreditations = FrameworkAccreditations();
  ASSERT_EQ(accreditations.accreditations_size(), 1);
  EXPECT_EQ(accreditations.accreditations(0).status(),
            v1::Accreditation::REMOVED);
  EXPECT_THAT(SearchIds("wirral"), Not(Contains(kAcme)));
}

// The search's projection follows the setting's lots and its vacancies.
TEST_F(SuspensionsApiTest, SearchFollowsSettingLotsAndVacancies) {
  const std::string acme = ProviderUser("acme-care");
  const std::string main = "providers/acme-care/settings/main";
  EXPECT_THAT(SearchIds("wirral"), ElementsAre(kAcme));
  v1::UpdateSettingRequest update;
  *update.mutable_setting() = ValidSetting(kBootle);
  update.mutable_setting()->set_name(main);
  update.mutable_setting()->mutable_lots(0)->set_lot_id("lot-2");
  update.set_request_id(NextRequestId());
  v1::Setting updated;
  ASSERT_THAT(
      stub_->UpdateSetting(testing::CallContext(acme).get(), update, &updated),
      GrpcOk());
  EXPECT_THAT(SearchIds("wirral"), Not(Contains(kAcme)));
  update.mutable_setting()->mutable_lots(0)->set_lot_id("lot-1");
  update.set_request_id(NextRequestId());
  ASSERT_THAT(
      stub_->UpdateSetting(testing::CallContext(acme).get(), update, &updated),
      GrpcOk());
  EXPECT_THAT(SearchIds("wirral"), ElementsAre(kAcme));

  v1::ListVacanciesRequest list;
  list.set_parent(main);
  v1::ListVacanciesResponse open;
  ASSERT_THAT(
      stub_->ListVacancies(testing::CallContext(acme).get(), list, &open),
      GrpcOk());
  ASSERT_EQ(open.vacancies_size(), 1);
  v1::WithdrawVacancyRequest withdraw;
  withdraw.set_name(open.vacancies(0).name());
  withdraw.set_request_id(NextRequestId());
  v1::Vacancy withdrawn;
  ASSERT_THAT(stub_->WithdrawVacancy(testing::CallContext(acme).get(), withdraw,
                                     &withdrawn),
              GrpcOk());
  EXPECT_THAT(SearchIds("wirral"), Not(Contains(kAcme)));
  // A vacancy from later than the wanted date (today) does not count.
  ASSERT_THAT(RecordVacancy(acme, main, 1, nullptr, "", "2027-01-04"),
              GrpcOk());
  EXPECT_THAT(SearchIds("wirral"), Not(Contains(kAcme)));
  ASSERT_THAT(RecordVacancy(acme, main, 1), GrpcOk());
  EXPECT_THAT(SearchIds("wirral"), ElementsAre(kAcme));
}

TEST_F(SuspensionsApiTest, StreamEvents) {
  v1::Suspension suspension;
  ASSERT_THAT(Suspend(Commissioner("sefton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}, &suspension),
              GrpcOk());
  ASSERT_THAT(Evidence(suspension.name(), 1), GrpcOk());
  ASSERT_THAT(Accept(Commissioner("sefton"), suspension.name(), 1), GrpcOk());
  ASSERT_THAT(Reinstate(Commissioner("sefton"), suspension.name()), GrpcOk());

  {
    auto context = testing::CallContext(Service());
    v1::StreamEventsRequest request;
    auto reader = stub_->StreamEvents(context.get(), request);
    std::vector<v1::EventType> types;
    std::vector<int64_t> sequences;
    v1::Event event;
    v1::Event suspended;
    while (types.size() < 4 && reader->Read(&event)) {
      types.push_back(event.type());
      sequences.push_back(event.sequence());
      if (event.type() == v1::PROVIDER_SUSPENDED) suspended = event;
    }
    context->TryCancel();
    reader->Finish();
    // Submitted and admitted by AdmitProvider, then suspended, reinstated.
    EXPECT_THAT(types,
                ElementsAre(v1::APPLICATION_SUBMITTED, v1::PROVIDER_ADMITTED,
                            v1::PROVIDER_SUSPENDED, v1::PROVIDER_REINSTATED));
    EXPECT_THAT(sequences, ElementsAre(1, 2, 3, 4));
    EXPECT_EQ(suspended.provider(), kAcme);
    EXPECT_EQ(suspended.framework(), kNw);
    EXPECT_EQ(suspended.authority(), "authorities/sefton");
    EXPECT_EQ(suspended.scope(), v1::MEMBER_ONLY);
    EXPECT_EQ(suspended.resource(), suspension.name());
  }
  {
    auto context = testing::CallContext(HubAdmin());
    v1::StreamEventsRequest request;
    request.set_after_sequence(2);
    auto reader = stub_->StreamEvents(context.get(), request);
    v1::Event event;
    ASSERT_TRUE(reader->Read(&event));
    EXPECT_EQ(event.sequence(), 3);
    EXPECT_EQ(event.type(), v1::PROVIDER_SUSPENDED);
    context->TryCancel();
    reader->Finish();
  }
  {
    auto context = testing::CallContext(Commissioner("sefton"));
    auto reader = stub_->StreamEvents(context.get(), v1::StreamEventsRequest());
    v1::Event event;
    EXPECT_FALSE(reader->Read(&event));
    EXPECT_THAT(reader->Finish(), GrpcIs(Code::PERMISSION_DENIED));
  }
}

}  // namespace
}  // namespace fhub::registry
