// Cost-share statements whose placement counts the referrals service gives:
// the frameworks service asks a referrals service on a loopback port
// through GrpcPlacementCounter, over a real gRPC channel each way.

#include <atomic>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "gmock/gmock.h"
#include "services/frameworks/api/placement_counter.h"
#include "tests/integration/frameworks/statements_fixture.h"
#include "tests/support/child_process.h"

namespace fhub::frameworks {
namespace {

namespace rv1 = ::fhub::referrals::v1;

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Code = grpc::StatusCode;

// The referrals service as far as cost sharing asks it: CountPlacements
// answers with the members it was given (or fails as told), and records
// each request and the caller's "authorization" metadata.
class FakeReferrals : public rv1::ReferralService::Service {
 public:
  struct Call {
    rv1::CountPlacementsRequest request;
    std::string authorization;
  };

  void Answer(const std::vector<std::pair<std::string, int>>& members) {
    absl::MutexLock lock(&mu_);
    answer_.Clear();
    for (const auto& [authority, placements] : members) {
      rv1::MemberPlacements* member = answer_.add_members();
      member->set_authority(authority);
      member->set_placements(placements);
    }
    failure_ = grpc::Status::OK;
  }
  void Fail(grpc::Status status) {
    absl::MutexLock lock(&mu_);
    failure_ = std::move(status);
  }
  // Holds each answer until Release (or 10 s).
  void Hold() { hold_ = true; }
  void Release() {
    if (!released_.HasBeenNotified()) released_.Notify();
  }

  std::vector<Call> Calls() {
    absl::MutexLock lock(&mu_);
    return calls_;
  }

  grpc::Status CountPlacements(
      grpc::ServerContext* context, const rv1::CountPlacementsRequest* request,
      rv1::CountPlacementsResponse* response) override {
    if (hold_) released_.WaitForNotificationWithTimeout(absl::Seconds(10));
    absl::MutexLock lock(&mu_);
    Call call{*request, ""};
    auto it = context->client_metadata().find("authorization");
    if (it != context->client_metadata().end()) {
      call.authorization.assign(it->second.data(), it->second.size());
    }
    calls_.push_back(std::move(call));
    if (!failure_.ok()) return failure_;
    *response = answer_;
    return grpc::Status::OK;
  }

 private:
  std::atomic<bool> hold_{false};
  absl::Notification released_;
  absl::Mutex mu_;
  rv1::CountPlacementsResponse answer_ ABSL_GUARDED_BY(mu_);
  grpc::Status failure_ ABSL_GUARDED_BY(mu_);
  std::vector<Call> calls_ ABSL_GUARDED_BY(mu_);
};

class PlacementCountingApiTest : public StatementsApiTest {
 protected:
  void SetUp() override {
    StatementsApiTest::SetUp();
    if (HasFatalFailure()) return;
    referrals_server_ = testing::StartLoopbackServer(&referrals_);
    ASSERT_NE(referrals_server_, nullptr);
    authorization_ = "Bearer " + Token("services/frameworks", {Role::kService});
    CountWith(Counter(testing::LoopbackChannel(*referrals_server_)));
  }

  void TearDown() override {
    referrals_.Release();
    if (server_ != nullptr) server_->Shutdown();
    if (referrals_server_ != nullptr) referrals_server_->Shutdown();
  }

  // Serves the frameworks service afresh, counting with `counter`, which
  // lives as long as the test.
  void CountWith(std::unique_ptr<PlacementCounter> counter) {
    ServeWith(counter.get());
    counters_.push_back(std::move(counter));
  }

  // A counter asking over `channel` as the frameworks service.
  std::unique_ptr<GrpcPlacementCounter> Counter(
      std::shared_ptr<grpc::Channel> channel,
      absl::Duration deadline = absl::Seconds(2)) {
    GrpcPlacementCounterOptions options;
    options.channel = std::move(channel);
    options.authorization = [this]() -> absl::StatusOr<std::string> {
      return authorization_;
    };
    options.deadline = deadline;
    return std::make_unique<GrpcPlacementCounter>(std::move(options));
  }

  // Names of the framework's statements, as the lead lists them.
  std::vector<std::string> Listed() {
    v1::ListCostShareStatementsRequest request;
    request.set_parent(kNw);
    v1::ListCostShareStatementsResponse page;
    grpc::Status status = stub_->ListCostShareStatements(
        testing::CallContext(LeadAdmin()).get(), request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> names;
    for (const auto& s : page.statements()) names.push_back(s.name());
    return names;
  }

  // A failed Issue was UNAVAILABLE naming the referrals service, and
  // nothing was issued.
  void ExpectUnavailableAndNothingIssued(const grpc::Status& status,
                                         const std::string& what) {
    EXPECT_EQ(status.error_code(), Code::UNAVAILABLE) << what;
    EXPECT_THAT(status.error_message(), HasSubstr("referrals service")) << what;
    EXPECT_THAT(Listed(), IsEmpty()) << what;
    EXPECT_EQ(CountRows("cost_share_statements"), 0) << what;
  }

  FakeReferrals referrals_;
  std::unique_ptr<Server> referrals_server_;
  std::string authorization_;
  std::vector<std::unique_ptr<PlacementCounter>> counters_;
};

TEST_F(PlacementCountingApiTest, TheReferralsServiceCountsWhenTheLeadDoesNot) {
  referrals_.Answer({{"authorities/halton", 2},
                     {"authorities/sefton", 5},
                     {"authorities/wirral", 3}});
  v1::CostShareStatement statement;
  grpc::Status status = Issue(LeadAdmin(), Request(1'000'000, {}), &statement);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(statement.name(), kFirst);
  EXPECT_EQ(statement.applied_method(), v1::PRO_RATA_PLACEMENTS);
  EXPECT_EQ(statement.placement_count_source(), v1::REFERRALS_SERVICE);
  EXPECT_THAT(
      Shares(statement),
      ElementsAre("halton 2 200000", "sefton 5 500000", "wirral 3 300000"));
  v1::CostShareStatement stored;
  ASSERT_TRUE(Get(LeadAdmin(), kFirst, &stored).ok());
  EXPECT_EQ(stored.SerializeAsString(), statement.SerializeAsString());

  // Asked once, for the framework and period, as the frameworks service.
  const auto calls = referrals_.Calls();
  ASSERT_THAT(calls, SizeIs(1));
  EXPECT_EQ(calls[0].request.framework(), kNw);
  EXPECT_EQ(FromProto(calls[0].request.first_day(), "first_day").value(),
            absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(FromProto(calls[0].request.last_day(), "last_day").value(),
            absl::CivilDay(2026, 9, 30));
  EXPECT_EQ(calls[0].authorization, authorization_);
}

TEST_F(PlacementCountingApiTest, MembersNotCountedPayNothing) {
  // Knowsley had left before the period: a count for it is no share.
  referrals_.Answer({{"authorities/knowsley", 4},
                     {"authorities/sefton", 2},
                     {"authorities/wirral", 1}});
  v1::CostShareStatement statement;
  ASSERT_TRUE(Issue(LeadAdmin(), Request(1000, {}), &statement).ok());
  EXPECT_THAT(Shares(statement),
              ElementsAre("halton 0 0", "sefton 2 667", "wirral 1 333"));
  // No placements at all: equal shares, still counted by the referrals
  // service.
  referrals_.Answer({});
  ASSERT_TRUE(Issue(LeadAdmin(), Request(1001, {}), &statement).ok());
  EXPECT_EQ(statement.applied_method(), v1::EQUAL_SHARES);
  EXPECT_EQ(statement.placement_count_source(), v1::REFERRALS_SERVICE);
  EXPECT_THAT(Shares(statement),
              ElementsAre("halton 1 334", "sefton 1 334", "wirral 1 333"));
}

TEST_F(PlacementCountingApiTest, CountsTheLeadSuppliesWinAndNothingIsAsked) {
  referrals_.Answer({{"authorities/sefton", 100}});
  v1::CostShareStatement statement;
  ASSERT_TRUE(
      Issue(LeadAdmin(), Request(1000, {{"wirral", 1}}), &statement).ok());
  EXPECT_EQ(statement.placement_count_source(), v1::SUPPLIED_BY_LEAD);
  EXPECT_THAT(Shares(statement),
              ElementsAre("halton 0 0", "sefton 0 0", "wirral 1 1000"));
  EXPECT_THAT(referrals_.Calls(), IsEmpty());
}

TEST_F(PlacementCountingApiTest, ReferralsServiceDownIssuesNothing) {
  // Nothing listens on the port.
  CountWith(Counter(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", testing::FreePort()),
                          grpc::InsecureChannelCredentials())));
  ExpectUnavailableAndNothingIssued(Issue(LeadAdmin(), Request(1000, {})),
                                    "down");
  // The lead can still supply the counts.
  v1::CostShareStatement statement;
  ASSERT_TRUE(
      Issue(LeadAdmin(), Request(1000, {{"sefton", 1}}), &statement).ok());
  EXPECT_EQ(statement.placement_count_source(), v1::SUPPLIED_BY_LEAD);
  EXPECT_THAT(Listed(), ElementsAre(kFirst));
}

TEST_F(PlacementCountingApiTest, AnyFailureOfTheReferralsServiceIsUnavailable) {
  for (const grpc::Status& failure :
       {grpc::Status(grpc::StatusCode::NOT_FOUND, "no such framework"),
        grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "not a service"),
        grpc::Status(grpc::StatusCode::INTERNAL, "database gone")}) {
    referrals_.Fail(failure);
    grpc::Status status = Issue(LeadAdmin(), Request(1000, {}));
    ExpectUnavailableAndNothingIssued(status, failure.error_message());
    EXPECT_THAT(status.error_message(), HasSubstr(failure.error_message()));
  }
}

TEST_F(PlacementCountingApiTest, AnAnswerThatCannotBeUsedIsUnavailable) {
  const std::vector<std::pair<std::string, int>> bad[] = {
      {{"sefton", 1}},
      {{"authorities/", 1}},
      {{"authorities/Sefton!", 1}},
      {{"authorities/sefton/members/x", 1}},
      {{"authorities/sefton", -1}},
      {{"authorities/sefton", 1}, {"authorities/sefton", 2}},
  };
  for (const auto& answer : bad) {
    referrals_.Answer(answer);
    grpc::Status status = Issue(LeadAdmin(), Request(1000, {}));
    ExpectUnavailableAndNothingIssued(status, answer[0].first);
    EXPECT_THAT(status.error_message(), HasSubstr("cannot be used"));
  }
  EXPECT_THAT(referrals_.Calls(), SizeIs(std::size(bad)));
}

TEST_F(PlacementCountingApiTest, AskingWaitsNoLongerThanTheDeadline) {
  CountWith(Counter(testing::LoopbackChannel(*referrals_server_),
                    absl::Milliseconds(200)));
  referrals_.Hold();
  referrals_.Answer({{"authorities/sefton", 1}});
  const absl::Time start = absl::Now();
  grpc::Status status = Issue(LeadAdmin(), Request(1000, {}));
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  referrals_.Release();
  ExpectUnavailableAndNothingIssued(status, "deadline");
}

TEST_F(PlacementCountingApiTest, WithoutItsOwnTokenTheServiceCannotAsk) {
  GrpcPlacementCounterOptions options;
  options.channel = testing::LoopbackChannel(*referrals_server_);
  options.authorization = []() -> absl::StatusOr<std::string> {
    return absl::InvalidArgumentError(
        "service_token_file is required when tokens are verified with a "
        "public key");
  };
  CountWith(std::make_unique<GrpcPlacementCounter>(std::move(options)));
  grpc::Status status = Issue(LeadAdmin(), Request(1000, {}));
  ExpectUnavailableAndNothingIssued(status, "no token");
  EXPECT_THAT(status.error_message(), HasSubstr("service_token_file"));
  EXPECT_THAT(referrals_.Calls(), IsEmpty());
}

TEST_F(PlacementCountingApiTest, OnlyTheLeadsProRataStatementsAsk) {
  referrals_.Answer({{"authorities/sefton", 1}});
  // Callers who may not issue are refused before anything is asked.
  for (const std::string& token :
       {LeadAdmin("sefton"), Commissioner("tameside"), HubAdmin(),
        Token("services/referrals", {Role::kService})}) {
    EXPECT_EQ(Issue(token, Request(1000, {})).error_code(),
              Code::PERMISSION_DENIED);
  }
  // A draft has no costs to share.
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest("nw-draft")).ok());
  auto draft = Request(1000, {});
  draft.set_parent("frameworks/nw-draft");
  EXPECT_EQ(Issue(LeadAdmin(), draft).error_code(), Code::FAILED_PRECONDITION);
  // Equal shares need no placements.
  auto equal = NorthWestRequest("nw-equal");
  equal.mutable_framework()->set_cost_sharing_method(v1::EQUAL_SHARES);
  ASSERT_TRUE(CreateFramework(LeadAdmin(), equal).ok());
  ASSERT_TRUE(Activate(LeadAdmin(), "nw-equal").ok());
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-equal", "sefton").ok());
  auto shared = Request(1000, {});
  shared.set_parent("frameworks/nw-equal");
  v1::CostShareStatement statement;
  ASSERT_TRUE(Issue(LeadAdmin(), shared, &statement).ok());
  EXPECT_EQ(statement.placement_count_source(),
            v1::PLACEMENT_COUNT_SOURCE_UNSPECIFIED);
  EXPECT_THAT(referrals_.Calls(), IsEmpty());
}

TEST_F(PlacementCountingApiTest, ARetryGetsTheStatementFirstIssued) {
  referrals_.Answer({{"authorities/sefton", 1}});
  const auto request = Request(1000, {});
  v1::CostShareStatement first;
  ASSERT_TRUE(Issue(LeadAdmin(), request, &first).ok());
  // The retry is answered from the stored statement, without asking the
  // referrals service, which is now failing.
  referrals_.Fail(grpc::Status(grpc::StatusCode::UNAVAILABLE, "restarting"));
  v1::CostShareStatement retried;
  grpc::Status status = Issue(LeadAdmin(), request, &retried);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());
  EXPECT_THAT(referrals_.Calls(), SizeIs(1));
  EXPECT_THAT(Listed(), ElementsAre(kFirst));
}

}  // namespace
}  // namespace fhub::frameworks
