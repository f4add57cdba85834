// Memberships through a real gRPC channel.

#include <pqxx/pqxx>

#include "common/proto_values.h"
#include "gmock/gmock.h"
#include "tests/integration/frameworks/fixture.h"

namespace fhub::frameworks {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class MembersApiTest : public FrameworkServiceTest {
 protected:
  void SetUp() override {
    SetUpNorthWest();
    ASSERT_TRUE(Activate(LeadAdmin(), "nw-16plus").ok());
  }

  std::vector<std::string> Members(const std::string& token,
                                   bool include_ceased, int page_size = 0) {
    std::vector<std::string> out;
    v1::ListMembersRequest request;
    request.set_parent("frameworks/nw-16plus");
    request.set_include_ceased(include_ceased);
    request.set_page_size(page_size);
    do {
      v1::ListMembersResponse page;
      grpc::Status status =
          stub_->ListMembers(testing::CallContext(token).get(), request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& m : page.memberships()) {
        out.push_back(
            absl::StrCat(m.authority(),
                         m.state() == v1::MEMBERSHIP_CEASED ? " ceased" : ""));
      }
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return out;
  }

  static constexpr char kSefton[] = "frameworks/nw-16plus/members/sefton";
};

TEST_F(MembersApiTest, LeadAddsMembersWithTheirStrategicLeads) {
  v1::Membership sefton;
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "sefton", &sefton).ok());
  EXPECT_EQ(sefton.name(), kSefton);
  EXPECT_EQ(sefton.state(), v1::MEMBERSHIP_ACTIVE);
  EXPECT_EQ(sefton.strategic_lead().email(), "dcs@sefton.gov.uk");
  for (const char* id : {"wirral", "halton", "knowsley", "liverpool"}) {
    ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", id).ok());
  }
  EXPECT_THAT(Members(Commissioner("wirral"), false, 2),
              ElementsAre("authorities/halton", "authorities/knowsley",
                          "authorities/liverpool", "authorities/sefton",
                          "authorities/wirral"));
}

TEST_F(MembersApiTest, AddingAMemberTwiceIsAlreadyExists) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "sefton").ok());
  EXPECT_EQ(AddMember(LeadAdmin(), "nw-16plus", "sefton").error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(CountRows("memberships"), 1);
}

TEST_F(MembersApiTest, RetriedAddMemberReturnsTheFirstResult) {
  v1::Membership first;
  v1::Membership second;
  ASSERT_TRUE(
      AddMember(LeadAdmin(), "nw-16plus", "halton", &first, "add-h").ok());
  ASSERT_TRUE(
      AddMember(LeadAdmin(), "nw-16plus", "halton", &second, "add-h").ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(CountRows("memberships"), 1);
  EXPECT_EQ(AddMember(LeadAdmin(), "nw-16plus", "wirral", nullptr, "add-h")
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(MembersApiTest, OnlyTheLeadsAdminAddsMembers) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "sefton").ok());
  EXPECT_EQ(AddMember(LeadAdmin("sefton"), "nw-16plus", "wirral").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      AddMember(Commissioner("tameside"), "nw-16plus", "wirral").error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      AddMember(LeadAdmin("nottingham"), "nw-16plus", "wirral").error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(AddMember("", "nw-16plus", "wirral").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CountRows("memberships"), 1);
}

TEST_F(MembersApiTest, BadAddMemberRequestsNameTheField) {
  struct Case {
    std::string field;
    std::function<void(v1::AddMemberRequest&)> mutate;
    grpc::StatusCode code = grpc::StatusCode::INVALID_ARGUMENT;
  };
  const std::vector<Case> cases = {
      {"parent", [](auto& r) { r.set_parent("nw-16plus"); }},
      {"authority", [](auto& r) { r.set_authority(""); }},
      {"authority", [](auto& r) { r.set_authority("providers/acme"); }},
      {"authority", [](auto& r) { r.set_authority("authorities/bolton"); },
       grpc::StatusCode::NOT_FOUND},
      {"strategic_lead.full_name",
       [](auto& r) { r.mutable_strategic_lead()->set_full_name(""); }},
      {"strategic_lead.email",
       [](auto& r) {
         r.mutable_strategic_lead()->set_email("not-an-address");
       }},
      {"joined_date",
       [](auto& r) { ParseDate("2031-01-01", r.mutable_joined_date()); }},
      {"joined_date", [](auto& r) { r.mutable_joined_date()->set_month(13); }},
      {"request_id", [](auto& r) { r.set_request_id(std::string(129, 'r')); }},
  };
  int n = 0;
  for (const Case& c : cases) {
    v1::AddMemberRequest request;
    request.set_parent("frameworks/nw-16plus");
    request.set_authority("authorities/sefton");
    request.mutable_strategic_lead()->set_full_name("A Director");
    request.mutable_strategic_lead()->set_email("dcs@sefton.gov.uk");
    request.set_request_id(absl::StrCat("bad-", ++n));
    c.mutate(request);
    v1::Membership out;
    grpc::Status status = stub_->AddMember(
        testing::CallContext(LeadAdmin()).get(), request, &out);
    EXPECT_EQ(status.error_code(), c.code) << c.field;
    EXPECT_THAT(status.error_message(), HasSubstr(c.field));
  }
  EXPECT_EQ(CountRows("memberships"), 0);
}

TEST_F(MembersApiTest, AMemberCeasesFromADateAndCannotCeaseAgain) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "sefton").ok());
  v1::Membership ceased;
  // Sefton's own commissioner ends its use of the framework.
  ASSERT_TRUE(
      Cease(Commissioner("sefton"), kSefton, "2026-11-01", &ceased).ok());
  EXPECT_EQ(ceased.state(), v1::MEMBERSHIP_CEASED);
  EXPECT_EQ(ceased.ceased_date().day(), 1);
  grpc::Status again = Cease(LeadAdmin(), kSefton, "2026-11-02");
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(again.error_message(), HasSubstr("already ceased"));
  // A former member keeps its history and can still read the framework.
  EXPECT_THAT(Members(LeadAdmin(), false), ElementsAre());
  EXPECT_THAT(Members(Commissioner("sefton"), true),
              ElementsAre("authorities/sefton ceased"));
}

TEST_F(MembersApiTest, CeasingInTheFutureKeepsTheMemberActiveUntilThen) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "wirral").ok());
  v1::Membership ceasing;
  ASSERT_TRUE(Cease(LeadAdmin(), "frameworks/nw-16plus/members/wirral",
                    "2027-01-01", &ceasing)
                  .ok());
  EXPECT_EQ(ceasing.state(), v1::MEMBERSHIP_ACTIVE);
  EXPECT_THAT(Members(LeadAdmin(), false), ElementsAre("authorities/wirral"));
  // Re-adding before the cease date has come is refused.
  EXPECT_EQ(AddMember(LeadAdmin(), "nw-16plus", "wirral").error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(MembersApiTest, AFormerMemberRejoinsOnlyWhenTheLeadAddsItAgain) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "halton").ok());
  ASSERT_TRUE(Cease(Commissioner("halton"),
                    "frameworks/nw-16plus/members/halton", "2026-06-01")
                  .ok());
  v1::AddMemberRequest rejoin;
  rejoin.set_parent("frameworks/nw-16plus");
  rejoin.set_authority("authorities/halton");
  rejoin.mutable_strategic_lead()->set_full_name("New Director");
  rejoin.mutable_strategic_lead()->set_email("director@halton.gov.uk");
  ParseDate("2026-11-22", rejoin.mutable_joined_date());
  rejoin.set_request_id("rejoin-halton");
  v1::Membership out;
  // Halton cannot re-add itself...
  EXPECT_EQ(stub_
                ->AddMember(testing::CallContext(LeadAdmin("halton")).get(),
                            rejoin, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // ...the lead can.
  ASSERT_TRUE(
      stub_->AddMember(testing::CallContext(LeadAdmin()).get(), rejoin, &out)
          .ok());
  EXPECT_EQ(out.state(), v1::MEMBERSHIP_ACTIVE);
  EXPECT_THAT(Members(LeadAdmin(), true),
              ElementsAre("authorities/halton ceased", "authorities/halton"));
  EXPECT_THAT(Members(LeadAdmin(), true, 1),
              ElementsAre("authorities/halton ceased", "authorities/halton"));
}

TEST_F(MembersApiTest, WhoMayEndAMembership) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "sefton").ok());
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "wirral").ok());
  // Another member cannot end Sefton's membership.
  EXPECT_EQ(Cease(Commissioner("wirral"), kSefton, "").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      Cease(Token("authorities/sefton", {Role::kStrategicLead}), kSefton, "")
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  // An outsider learns nothing more than for any active framework.
  EXPECT_EQ(Cease(Commissioner("nottingham"), kSefton, "").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Cease(LeadAdmin(), "frameworks/nw-16plus/members/knowsley", "")
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Cease(LeadAdmin(), "frameworks/nw-16plus/sefton", "").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  grpc::Status early = Cease(LeadAdmin(), kSefton, "2024-01-01");
  EXPECT_EQ(early.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(early.error_message(), HasSubstr("ceased_date"));
  EXPECT_THAT(Members(LeadAdmin(), false),
              ElementsAre("authorities/sefton", "authorities/wirral"));
}

TEST_F(MembersApiTest, RetriedCeaseReturnsTheFirstResult) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "knowsley").ok());
  const std::string name = "frameworks/nw-16plus/members/knowsley";
  v1::Membership first;
  v1::Membership second;
  ASSERT_TRUE(Cease(LeadAdmin(), name, "2026-11-22", &first, "cease-k").ok());
  ASSERT_TRUE(Cease(LeadAdmin(), name, "2026-11-22", &second, "cease-k").ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
}

TEST_F(MembersApiTest, OutsidersCannotListMembers) {
  v1::ListMembersRequest request;
  request.set_parent("frameworks/nw-16plus");
  v1::ListMembersResponse out;
  EXPECT_EQ(
      stub_
          ->ListMembers(testing::CallContext(Commissioner("nottingham")).get(),
                        request, &out)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  request.set_page_token("bm9wZQ");
  EXPECT_EQ(
      stub_->ListMembers(testing::CallContext(LeadAdmin()).get(), request, &out)
          .error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(MembersApiTest, EveryChangeIsAuditedAndTheChainHolds) {
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "liverpool").ok());
  ASSERT_TRUE(
      Cease(LeadAdmin(), "frameworks/nw-16plus/members/liverpool", "").ok());
  pqxx::connection connection{testing::AsAdmin(db_.dsn())};
  pqxx::nontransaction tx(connection);
  // 7 authorities, the framework, its activation, the member, the cease.
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM frameworks.audit_log")[0].as<int>(),
            11);
  pqxx::row last = tx.exec1(
      "SELECT action, resource, organisation FROM frameworks.audit_log "
      "ORDER BY id DESC LIMIT 1");
  EXPECT_EQ(last[0].as<std::string>(), "CeaseMembership");
  EXPECT_EQ(last[1].as<std::string>(),
            "frameworks/nw-16plus/members/liverpool");
  EXPECT_EQ(last[2].as<std::string>(), "authorities/tameside");
  EXPECT_TRUE(tx.exec("SELECT * FROM frameworks.audit_chain_breaks()").empty());
}

}  // namespace
}  // namespace fhub::frameworks
