// Frameworks through a real gRPC channel.

#include "common/proto_values.h"
#include "gmock/gmock.h"
#include "tests/integration/frameworks/fixture.h"

namespace fhub::frameworks {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class FrameworksApiTest : public FrameworkServiceTest {
 protected:
  void SetUp() override { SetUpNorthWest(); }

  grpc::Status Get(const std::string& token, const std::string& name,
                   v1::Framework* out = nullptr) {
    v1::GetFrameworkRequest request;
    request.set_name(name);
    v1::Framework response;
    return stub_->GetFramework(testing::CallContext(token).get(), request,
                               out != nullptr ? out : &response);
  }

  std::vector<std::string> ListNames(const std::string& token, int page_size) {
    std::vector<std::string> names;
    v1::ListFrameworksRequest request;
    request.set_page_size(page_size);
    do {
      v1::ListFrameworksResponse page;
      grpc::Status status = stub_->ListFrameworks(
          testing::CallContext(token).get(), request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& f : page.frameworks()) names.push_back(f.name());
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return names;
  }
};

TEST_F(FrameworksApiTest, LeadCreatesADraftWithItsTermWorkedOut) {
  v1::Framework f;
  ASSERT_TRUE(Get(LeadAdmin(), "frameworks/nw-16plus", &f).ok());
  EXPECT_EQ(f.status(), v1::DRAFT);
  EXPECT_EQ(f.lead_authority(), "authorities/tameside");
  ASSERT_EQ(f.lots_size(), 3);
  EXPECT_EQ(f.lots(0).name(), "frameworks/nw-16plus/lots/lot-1");
  EXPECT_EQ(f.lots(2).service_type(), v1::FLOATING_SUPPORT);
  EXPECT_TRUE(f.lots(0).ofsted_registration_required());
  // 2 years + 1 + 1: the maximum end is the initial end plus both options.
  EXPECT_EQ(f.term().current_end_date().year(), 2027);
  EXPECT_EQ(f.term().maximum_end_date().year(), 2029);
  EXPECT_EQ(f.term().maximum_end_date().month(), 3);
  EXPECT_EQ(f.term().maximum_end_date().day(), 31);
  EXPECT_EQ(f.admission_policy().interval_months(), 4);
  EXPECT_FALSE(f.has_activate_time());
}

TEST_F(FrameworksApiTest, OnlyTheLeadsAdminCreatesItsFramework) {
  // Sefton's admin cannot create a framework naming Tameside as lead.
  auto request = NorthWestRequest("nw-other");
  EXPECT_EQ(CreateFramework(LeadAdmin("sefton"), request).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CreateFramework(Commissioner("tameside"), request).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // An unregistered lead cannot hold a framework.
  request.mutable_framework()->set_lead_authority("authorities/bolton");
  grpc::Status status = CreateFramework(LeadAdmin("bolton"), request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("lead_authority"));
  EXPECT_EQ(CountRows("frameworks"), 1);
}

TEST_F(FrameworksApiTest, BadFrameworksAreRefusedNamingTheField) {
  using Mutate = std::function<void(v1::CreateFrameworkRequest&)>;
  struct Case {
    std::string field;
    Mutate mutate;
  };
  const std::vector<Case> cases = {
      {"framework_id", [](auto& r) { r.set_framework_id("NW 16+"); }},
      {"framework.title",
       [](auto& r) { r.mutable_framework()->set_title(""); }},
      {"framework.title",
       [](auto& r) {
         r.mutable_framework()->set_title(std::string(201, 't'));
       }},
      {"framework.procurement_route",
       [](auto& r) {
         r.mutable_framework()->set_procurement_route(
             v1::PROCUREMENT_ROUTE_UNSPECIFIED);
       }},
      {"framework.procurement_route",
       [](auto& r) {
         r.mutable_framework()->set_procurement_route(
             static_cast<v1::ProcurementRoute>(77));
       }},
      {"framework.lots", [](auto& r) { r.mutable_framework()->clear_lots(); }},
      {"framework.lots[1].lot_id",
       [](auto& r) {
         r.mutable_framework()->mutable_lots(1)->set_lot_id("lot-1");
       }},
      {"framework.lots[2].service_type",
       [](auto& r) {
         r.mutable_framework()->mutable_lots(2)->set_service_type(
             v1::SERVICE_TYPE_UNSPECIFIED);
       }},
      {"framework.term.initial_end_date",
       [](auto& r) {
         ParseDate(
             "2024-01-01",
             r.mutable_framework()->mutable_term()->mutable_initial_end_date());
       }},
      {"framework.term.start_date",
       [](auto& r) {
         auto* d = r.mutable_framework()->mutable_term()->mutable_start_date();
         d->set_month(2);
         d->set_day(30);
       }},
      {"framework.term.extension_options[0].months",
       [](auto& r) {
         r.mutable_framework()
             ->mutable_term()
             ->mutable_extension_options(0)
             ->set_months(0);
       }},
      {"framework.term.maximum_end_date",
       [](auto& r) {
         ParseDate(
             "2026-01-01",
             r.mutable_framework()->mutable_term()->mutable_maximum_end_date());
       }},
      {"framework.admission_policy.window_days",
       [](auto& r) {
         r.mutable_framework()->mutable_admission_policy()->set_window_days(
             200);
       }},
      {"framework.admission_policy.kind",
       [](auto& r) {
         r.mutable_framework()->mutable_admission_policy()->set_kind(
             v1::ADMISSION_KIND_UNSPECIFIED);
       }},
      {"framework.age_range.maximum_age",
       [](auto& r) {
         r.mutable_framework()->mutable_age_range()->set_maximum_age(15);
       }},
      {"framework.ballot_rules.quorum_percent",
       [](auto& r) {
         r.mutable_framework()->mutable_ballot_rules()->set_quorum_percent(0);
       }},
      {"framework.ballot_rules.pass_threshold_percent",
       [](auto& r) {
         r.mutable_framework()
             ->mutable_ballot_rules()
             ->set_pass_threshold_percent(101);
       }},
      {"framework.cost_sharing_method",
       [](auto& r) {
         r.mutable_framework()->set_cost_sharing_method(
             v1::COST_SHARING_METHOD_UNSPECIFIED);
       }},
      {"framework.lead_authority",
       [](auto& r) { r.mutable_framework()->set_lead_authority("tameside"); }},
      {"request_id", [](auto& r) { r.set_request_id(""); }},
  };
  for (const Case& c : cases) {
    auto request = NorthWestRequest("nw-bad");
    c.mutate(request);
    grpc::Status status = CreateFramework(LeadAdmin(), request);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field;
    EXPECT_THAT(status.error_message(), HasSubstr(c.field));
  }
  EXPECT_EQ(CountRows("frameworks"), 1);
  EXPECT_EQ(CountRows("lots"), 3);
}

TEST_F(FrameworksApiTest, RetriedCreateFrameworkCreatesNothingTwice) {
  const int audit_before = CountRows("audit_log");
  v1::Framework again;
  // The fixture created nw-16plus with this very request.
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest(), &again).ok());
  EXPECT_EQ(again.name(), "frameworks/nw-16plus");
  EXPECT_EQ(CountRows("frameworks"), 1);
  EXPECT_EQ(CountRows("lots"), 3);
  EXPECT_EQ(CountRows("audit_log"), audit_before);

  auto changed = NorthWestRequest();
  changed.mutable_framework()->set_title("A different title");
  EXPECT_EQ(CreateFramework(LeadAdmin(), changed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  changed.set_request_id("a-fresh-id");
  EXPECT_EQ(CreateFramework(LeadAdmin(), changed).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(FrameworksApiTest, WhoMayReadAFramework) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "sefton").ok());
  EXPECT_TRUE(Get(LeadAdmin(), "frameworks/nw-16plus").ok());
  EXPECT_TRUE(Get(Commissioner("tameside"), "frameworks/nw-16plus").ok());
  EXPECT_TRUE(Get(Commissioner("sefton"), "frameworks/nw-16plus").ok());
  EXPECT_TRUE(
      Get(Token("services/registry", {Role::kService}), "frameworks/nw-16plus")
          .ok());
  // A draft does not exist for outsiders; an active one is refused.
  EXPECT_EQ(
      Get(Commissioner("nottingham"), "frameworks/nw-16plus").error_code(),
      grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(Activate(LeadAdmin(), "nw-16plus").ok());
  EXPECT_EQ(
      Get(Commissioner("nottingham"), "frameworks/nw-16plus").error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Get(Token("providers/acme-care", {Role::kProviderUser}),
                "frameworks/nw-16plus")
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Get(LeadAdmin(), "frameworks/nowhere").error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Get(LeadAdmin(), "frameworks/").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Get("", "frameworks/nw-16plus").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(FrameworksApiTest, ListShowsOnlyWhatTheCallerLeadsOrUses) {
  ASSERT_TRUE(CreateAuthority(HubAdmin(), "northamptonshire").ok());
  for (const char* id : {"em-1", "em-2", "em-3"}) {
    auto request = NorthWestRequest(id);
    request.mutable_framework()->set_lead_authority(
        "authorities/northamptonshire");
    ASSERT_TRUE(CreateFramework(LeadAdmin("northamptonshire"), request).ok());
  }
  ASSERT_TRUE(AddMember(LeadAdmin("northamptonshire"), "em-2", "sefton").ok());
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "sefton").ok());

  EXPECT_THAT(ListNames(LeadAdmin(), 0), ElementsAre("frameworks/nw-16plus"));
  EXPECT_THAT(ListNames(Commissioner("sefton"), 1),
              ElementsAre("frameworks/em-2", "frameworks/nw-16plus"));
  EXPECT_THAT(
      ListNames(LeadAdmin("northamptonshire"), 2),
      ElementsAre("frameworks/em-1", "frameworks/em-2", "frameworks/em-3"));
  EXPECT_THAT(ListNames(Token("services/referrals", {Role::kService}), 3),
              ElementsAre("frameworks/em-1", "frameworks/em-2",
                          "frameworks/em-3", "frameworks/nw-16plus"));
  EXPECT_TRUE(ListNames(Commissioner("nottingham"), 0).empty());
}

TEST_F(FrameworksApiTest, LeadActivatesADraftOnce) {
  v1::Framework active;
  ASSERT_TRUE(Activate(LeadAdmin(), "nw-16plus", &active, "activate-1").ok());
  EXPECT_EQ(active.status(), v1::ACTIVE);
  EXPECT_EQ(active.activate_time().seconds(),
            absl::ToUnixSeconds(clock_.Now()));
  // A retry answers as the first call did; a new request finds it ACTIVE.
  clock_.Advance(absl::Hours(1));
  v1::Framework retried;
  ASSERT_TRUE(Activate(LeadAdmin(), "nw-16plus", &retried, "activate-1").ok());
  EXPECT_EQ(retried.SerializeAsString(), active.SerializeAsString());
  grpc::Status again = Activate(LeadAdmin(), "nw-16plus");
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(again.error_message(), HasSubstr("ACTIVE"));
}

TEST_F(FrameworksApiTest, OnlyTheLeadsAdminActivates) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "sefton").ok());
  EXPECT_EQ(Activate(LeadAdmin("sefton"), "nw-16plus").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Activate(Commissioner("tameside"), "nw-16plus").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Activate(LeadAdmin("nottingham"), "nw-16plus").error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Activate(LeadAdmin(), "nowhere").error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::Framework f;
  ASSERT_TRUE(Get(LeadAdmin(), "frameworks/nw-16plus", &f).ok());
  EXPECT_EQ(f.status(), v1::DRAFT);
}

}  // namespace
}  // namespace fhub::frameworks
