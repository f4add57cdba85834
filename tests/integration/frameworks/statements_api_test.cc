// Cost-share statements through a real gRPC channel, with the placement
// counts the lead supplies (placement_counting_api_test.cc has those the
// referrals service counts).

#include <functional>
#include <pqxx/pqxx>

#include "gmock/gmock.h"
#include "tests/integration/frameworks/statements_fixture.h"

namespace fhub::frameworks {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

TEST_F(StatementsApiTest, LeadSharesItsCostInProportionToPlacements) {
  v1::CostShareStatement statement;
  ASSERT_TRUE(
      Issue(LeadAdmin(),
            Request(1'000'000, {{"sefton", 5}, {"wirral", 3}, {"halton", 2}}),
            &statement)
          .ok());
  EXPECT_EQ(statement.name(), kFirst);
  EXPECT_EQ(statement.method(), v1::PRO_RATA_PLACEMENTS);
  EXPECT_EQ(statement.applied_method(), v1::PRO_RATA_PLACEMENTS);
  EXPECT_EQ(statement.placement_count_source(), v1::SUPPLIED_BY_LEAD);
  EXPECT_EQ(statement.period_end_date().month(), 9);
  EXPECT_EQ(statement.note(), "Contract management, April to September");
  EXPECT_EQ(FromProto(statement.issue_time()), clock_.Now());
  EXPECT_TRUE(statement.corrects().empty());
  // Knowsley had left before the period: it has no share.
  EXPECT_THAT(
      Shares(statement),
      ElementsAre("halton 2 200000", "sefton 5 500000", "wirral 3 300000"));
  pqxx::connection connection{db_.dsn()};
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM frameworks.outbox_events WHERE "
                     "event_type = 'COST_SHARE_STATEMENT_ISSUED'")[0]
                .as<int>(),
            1);
}

TEST_F(StatementsApiTest, SharesAreWholePenceThatAddUpToTheCost) {
  v1::CostShareStatement statement;
  // Members not listed started no placements and pay nothing.
  ASSERT_TRUE(Issue(LeadAdmin(), Request(1000, {{"sefton", 2}, {"wirral", 1}}),
                    &statement)
                  .ok());
  EXPECT_THAT(Shares(statement),
              ElementsAre("halton 0 0", "sefton 2 667", "wirral 1 333"));
  // Equal remainders: the odd penny goes by authority id.
  ASSERT_TRUE(
      Issue(LeadAdmin(),
            Request(1000, {{"sefton", 1}, {"wirral", 1}, {"halton", 1}}),
            &statement)
          .ok());
  EXPECT_THAT(Shares(statement),
              ElementsAre("halton 1 334", "sefton 1 333", "wirral 1 333"));
  // A period Knowsley was a member for includes it.
  ASSERT_TRUE(Issue(LeadAdmin(),
                    Request(999'999'999, {{"knowsley", 7}, {"halton", 3}},
                            "2025-10-01", "2026-03-31"),
                    &statement)
                  .ok());
  EXPECT_EQ(statement.shares_size(), 4);
  EXPECT_EQ(Total(statement), 999'999'999);
}

TEST_F(StatementsApiTest, NoPlacementsAtAllFallsBackToEqualShares) {
  v1::CostShareStatement statement;
  ASSERT_TRUE(
      Issue(LeadAdmin(), Request(1001, {{"sefton", 0}}), &statement).ok());
  EXPECT_EQ(statement.method(), v1::PRO_RATA_PLACEMENTS);
  EXPECT_EQ(statement.applied_method(), v1::EQUAL_SHARES);
  EXPECT_THAT(Shares(statement),
              ElementsAre("halton 1 334", "sefton 1 334", "wirral 1 333"));
}

TEST_F(StatementsApiTest, BadStatementRequestsNameTheField) {
  using IssueRequest = v1::IssueCostShareStatementRequest;
  struct Case {
    std::string field;
    std::function<void(IssueRequest&)> mutate;
    Code code = Code::INVALID_ARGUMENT;
  };
  const std::vector<Case> cases = {
      {"period_end_date",
       [](IssueRequest& r) {
         ParseDate("2026-03-31", r.mutable_period_end_date());
       }},
      {"period_start_date",
       [](IssueRequest& r) { r.mutable_period_start_date()->set_month(13); }},
      {"period_start_date",
       [](IssueRequest& r) { r.clear_period_start_date(); }},
      {"cost_pence", [](IssueRequest& r) { r.set_cost_pence(-1); }},
      {"placement_counts[0]",
       [](IssueRequest& r) {
         r.mutable_placement_counts(0)->set_placements(-1);
       }},
      {"placement_counts[0].authority",
       [](IssueRequest& r) {
         r.mutable_placement_counts(0)->set_authority("authorities/nottingham");
       }},
      {"placement_counts[0].authority",
       [](IssueRequest& r) {
         r.mutable_placement_counts(0)->set_authority("authorities/knowsley");
       }},
      {"placement_counts[0].authority",
       [](IssueRequest& r) {
         r.mutable_placement_counts(0)->set_authority("x");
       }},
      {"placement_counts[1].authority",
       [](IssueRequest& r) {
         *r.add_placement_counts() = r.placement_counts(0);
       }},
      {"note", [](IssueRequest& r) { r.set_note(std::string(1001, 'n')); }},
      {"corrects",
       [](IssueRequest& r) {
         r.set_corrects("frameworks/other/costShareStatements/1");
       }},
      {"corrects", [](IssueRequest& r) { r.set_corrects("statements/1"); }},
      {"parent", [](IssueRequest& r) { r.set_parent("nw-16plus"); }},
      {"request_id", [](IssueRequest& r) { r.set_request_id(""); }},
      {"costShareStatements/7",
       [](IssueRequest& r) {
         r.set_corrects(absl::StrCat(kNw, "/costShareStatements/7"));
       },
       Code::NOT_FOUND},
      {"member during the period",
       [](IssueRequest& r) {
         ParseDate("2024-04-01", r.mutable_period_start_date());
         ParseDate("2024-09-30", r.mutable_period_end_date());
       },
       Code::FAILED_PRECONDITION},
  };
  for (const Case& c : cases) {
    v1::IssueCostShareStatementRequest request = Request(1000, {{"sefton", 1}});
    c.mutate(request);
    grpc::Status status = Issue(LeadAdmin(), request);
    EXPECT_EQ(status.error_code(), c.code) << c.field;
    EXPECT_THAT(status.error_message(), HasSubstr(c.field));
  }
  EXPECT_EQ(CountRows("cost_share_statements"), 0);
}

TEST_F(StatementsApiTest, ACorrectionNamesTheStatementItCorrects) {
  v1::CostShareStatement first;
  ASSERT_TRUE(Issue(LeadAdmin(), Request(1000, {{"sefton", 1}}), &first).ok());
  auto correction = Request(1200, {{"sefton", 1}, {"wirral", 1}});
  correction.set_corrects(kFirst);
  v1::CostShareStatement second;
  ASSERT_TRUE(Issue(LeadAdmin(), correction, &second).ok());
  EXPECT_EQ(second.name(), "frameworks/nw-16plus/costShareStatements/2");
  EXPECT_EQ(second.corrects(), kFirst);
  EXPECT_EQ(Total(second), 1200);
  v1::CostShareStatement unchanged;
  ASSERT_TRUE(Get(LeadAdmin(), kFirst, &unchanged).ok());
  EXPECT_EQ(unchanged.SerializeAsString(), first.SerializeAsString());
}

TEST_F(StatementsApiTest, StatementsAreRecordsThatNeverChange) {
  v1::CostShareStatement issued;
  ASSERT_TRUE(Issue(LeadAdmin(), Request(5000, {{"wirral", 1}}), &issued).ok());
  pqxx::connection connection{db_.dsn()};
  for (const char* sql :
       {"UPDATE frameworks.cost_share_statements SET cost_pence = 1",
        "DELETE FROM frameworks.cost_share_statements",
        "UPDATE frameworks.cost_shares SET amount_pence = 0",
        "DELETE FROM frameworks.cost_shares"}) {
    pqxx::work tx(connection);
    EXPECT_THROW(tx.exec(sql), pqxx::sql_error) << sql;
  }
  v1::CostShareStatement now;
  ASSERT_TRUE(Get(Commissioner("wirral"), kFirst, &now).ok());
  EXPECT_EQ(now.SerializeAsString(), issued.SerializeAsString());
}

TEST_F(StatementsApiTest, OnlyTheLeadsAdminIssuesOnceForARetry) {
  const auto request = Request(1000, {{"sefton", 1}});
  for (const std::string& token :
       {LeadAdmin("sefton"), Commissioner("tameside"), LeadAdmin("nottingham"),
        HubAdmin(), Token("services/referrals", {Role::kService})}) {
    EXPECT_EQ(Issue(token, request).error_code(), Code::PERMISSION_DENIED);
  }
  EXPECT_EQ(Issue("", request).error_code(), Code::UNAUTHENTICATED);
  v1::CostShareStatement first;
  v1::CostShareStatement retried;
  ASSERT_TRUE(Issue(LeadAdmin(), request, &first).ok());
  clock_.Advance(absl::Minutes(3));
  ASSERT_TRUE(Issue(LeadAdmin(), request, &retried).ok());
  EXPECT_EQ(first.SerializeAsString(), retried.SerializeAsString());
  auto changed = request;
  changed.set_cost_pence(2000);
  EXPECT_EQ(Issue(LeadAdmin(), changed).error_code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(CountRows("cost_share_statements"), 1);
  // A draft has no costs to share.
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest("nw-draft")).ok());
  auto draft = Request(1000, {});
  draft.set_parent("frameworks/nw-draft");
  EXPECT_EQ(Issue(LeadAdmin(), draft).error_code(), Code::FAILED_PRECONDITION);
}

TEST_F(StatementsApiTest, LeadMembersAndServicesReadStatementsNewestFirst) {
  for (int cost : {100, 200, 300}) {
    ASSERT_TRUE(Issue(LeadAdmin(), Request(cost, {{"halton", 1}})).ok());
  }
  std::vector<int64_t> costs;
  v1::ListCostShareStatementsRequest request;
  request.set_parent(kNw);
  request.set_page_size(2);
  do {
    v1::ListCostShareStatementsResponse page;
    ASSERT_TRUE(stub_
                    ->ListCostShareStatements(
                        testing::CallContext(Commissioner("halton")).get(),
                        request, &page)
                    .ok());
    for (const auto& s : page.statements()) costs.push_back(s.cost_pence());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty() && costs.size() < 10);
  EXPECT_THAT(costs, ElementsAre(300, 200, 100));
  // A former member still reads the statements of its time.
  for (const std::string& token :
       {LeadAdmin(), Commissioner("sefton"), Commissioner("knowsley"),
        Token("services/referrals", {Role::kService}), HubAdmin()}) {
    EXPECT_TRUE(Get(token, kFirst).ok());
  }
  for (const std::string& token :
       {Commissioner("nottingham"),
        Token("providers/acme-care", {Role::kProviderUser})}) {
    EXPECT_EQ(Get(token, kFirst).error_code(), Code::PERMISSION_DENIED);
  }
  EXPECT_EQ(Get("", kFirst).error_code(), Code::UNAUTHENTICATED);
  EXPECT_EQ(Get(LeadAdmin(), "frameworks/nw-16plus/costShareStatements/4")
                .error_code(),
            Code::NOT_FOUND);
  grpc::Status bad = Get(LeadAdmin(), "frameworks/nw-16plus/statements/1");
  EXPECT_EQ(bad.error_code(), Code::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("name"));
  request.set_page_token("bm9wZQ");
  v1::ListCostShareStatementsResponse page;
  EXPECT_EQ(stub_
                ->ListCostShareStatements(
                    testing::CallContext(LeadAdmin()).get(), request, &page)
                .error_code(),
            Code::INVALID_ARGUMENT);
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest("nw-draft")).ok());
  request.set_parent("frameworks/nw-draft");
  request.clear_page_token();
  EXPECT_EQ(stub_
                ->ListCostShareStatements(
                    testing::CallContext(Commissioner("nottingham")).get(),
                    request, &page)
                .error_code(),
            Code::NOT_FOUND);
}

}  // namespace
}  // namespace fhub::frameworks
