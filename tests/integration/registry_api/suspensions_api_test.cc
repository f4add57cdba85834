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
  ASSERT_THAT(stub_->GetSuspension(
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
  EXPECT_THAT(stub_->RemoveProvider(
                  testing::CallContext(LeadAdmin("sefton")).get(), remove,
                  &removed),
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
    EXPECT_THAT(types, ElementsAre(v1::APPLICATION_SUBMITTED,
                                   v1::PROVIDER_ADMITTED,
                                   v1::PROVIDER_SUSPENDED,
                                   v1::PROVIDER_REINSTATED));
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
