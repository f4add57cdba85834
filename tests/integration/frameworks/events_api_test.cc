// The event stream through a real gRPC channel: every change in order, with
// sequence numbers 1, 2, 3... and no gaps or repeats across a reconnect; and
// termination, the last change in a framework's life.
// Every read is bounded by the stream's deadline, so a missing event fails
// the test instead of hanging it.

#include <map>
#include <thread>

#include "absl/synchronization/notification.h"
#include "common/proto_values.h"
#include "gmock/gmock.h"
#include "tests/integration/frameworks/fixture.h"

namespace fhub::frameworks {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

constexpr char kNw[] = "frameworks/nw-16plus";
constexpr char kBallot2[] = "frameworks/nw-16plus/ballots/2";

// One follower of the stream: its own call, cancelled when it goes.
class Follower {
 public:
  Follower(v1::FrameworkService::Stub& stub, const std::string& token,
           int64_t after_sequence, absl::Duration deadline = absl::Seconds(8))
      : context_(testing::CallContext(token)) {
    context_->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    v1::StreamEventsRequest request;
    request.set_after_sequence(after_sequence);
    reader_ = stub.StreamEvents(context_.get(), request);
  }
  ~Follower() { Disconnect(); }

  // Up to `n` events; fewer if the stream ends or its deadline passes.
  std::vector<v1::Event> Read(int n) {
    std::vector<v1::Event> events;
    v1::Event event;
    while (!ended_ && static_cast<int>(events.size()) < n) {
      if (reader_->Read(&event)) {
        events.push_back(event);
      } else {
        ended_ = true;
      }
    }
    return events;
  }

  // Cancels the call unless it has ended, and returns how it ended.
  grpc::Status Disconnect() {
    if (!finished_) {
      if (!ended_) context_->TryCancel();
      status_ = reader_->Finish();
      finished_ = true;
    }
    return status_;
  }

 private:
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientReader<v1::Event>> reader_;
  bool ended_ = false;  // Read has returned false
  bool finished_ = false;
  grpc::Status status_;
};

std::vector<int64_t> Sequences(const std::vector<v1::Event>& events) {
  std::vector<int64_t> out;
  for (const v1::Event& e : events) out.push_back(e.sequence());
  return out;
}

std::vector<int64_t> Range(int64_t first, int64_t last) {
  std::vector<int64_t> out;
  for (int64_t s = first; s <= last; ++s) out.push_back(s);
  return out;
}

class EventsApiTest : public FrameworkServiceTest {
 protected:
  // A year of the North West framework: members join, a ballot passes, one
  // member leaves, a round opens and a statement is issued.
  void SetUp() override {
    SetUpNorthWest();
    ASSERT_TRUE(Activate(LeadAdmin(), "nw-16plus").ok());
    for (const char* id : {"halton", "sefton", "wirral"}) {
      ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", id).ok()) << id;
    }
    ASSERT_TRUE(OpenBallot().ok());
    for (const char* id : {"halton", "sefton", "wirral"}) {
      ASSERT_TRUE(Approve(id, "frameworks/nw-16plus/ballots/1").ok()) << id;
    }
    ASSERT_TRUE(
        Cease(LeadAdmin(), "frameworks/nw-16plus/members/wirral", "").ok());
    v1::OpenAdmissionRoundRequest round;
    round.set_parent(kNw);
    ToProto(clock_.Now() + absl::Hours(24), round.mutable_close_time());
    round.set_request_id(NextRequestId());
    v1::AdmissionRound opened;
    ASSERT_TRUE(stub_
                    ->OpenAdmissionRound(
                        testing::CallContext(LeadAdmin()).get(), round, &opened)
                    .ok());
    v1::IssueCostShareStatementRequest statement;
    statement.set_parent(kNw);
    ParseDate("2026-04-01", statement.mutable_period_start_date());
    ParseDate("2026-09-30", statement.mutable_period_end_date());
    statement.set_cost_pence(90'000);
    statement.add_placement_counts()->set_authority("authorities/halton");
    statement.set_request_id(NextRequestId());
    v1::CostShareStatement issued;
    ASSERT_TRUE(
        stub_
            ->IssueCostShareStatement(testing::CallContext(LeadAdmin()).get(),
                                      statement, &issued)
            .ok());
    total_ = CountRows("outbox_events");
  }

  std::string Service() {
    return Token("services/referrals", {Role::kService});
  }

  grpc::Status OpenBallot() {
    v1::OpenExtensionBallotRequest request;
    request.set_parent(kNw);
    ToProto(clock_.Now() + absl::Hours(72), request.mutable_close_time());
    request.set_request_id(NextRequestId());
    v1::ExtensionBallot out;
    return stub_->OpenExtensionBallot(testing::CallContext(LeadAdmin()).get(),
                                      request, &out);
  }
  // The authority's strategic lead approves.
  grpc::Status Approve(const std::string& authority,
                       const std::string& ballot) {
    v1::CastVoteRequest request;
    request.set_ballot(ballot);
    request.set_authority(absl::StrCat("authorities/", authority));
    request.set_choice(v1::APPROVE);
    request.set_request_id(NextRequestId());
    v1::ExtensionBallot out;
    return stub_->CastVote(
        testing::CallContext(Token(request.authority(), {Role::kStrategicLead}))
            .get(),
        request, &out);
  }

  v1::TerminateFrameworkRequest TerminateRequest(const std::string& reason) {
    v1::TerminateFrameworkRequest request;
    request.set_name(kNw);
    request.set_reason(reason);
    request.set_request_id(NextRequestId());
    return request;
  }
  grpc::Status Terminate(const std::string& token,
                         const v1::TerminateFrameworkRequest& request,
                         v1::Framework* out = nullptr) {
    v1::Framework response;
    return stub_->TerminateFramework(testing::CallContext(token).get(), request,
                                     out ? out : &response);
  }

  int total_ = 0;
};

TEST_F(EventsApiTest, FromTheStartEveryEventArrivesInOrder) {
  Follower follower(*stub_, Service(), 0);
  const std::vector<v1::Event> events = follower.Read(total_);
  ASSERT_EQ(events.size(), 13u);
  EXPECT_THAT(Sequences(events), ElementsAreArray(Range(1, 13)));
  std::vector<v1::EventType> types;
  for (const v1::Event& e : events) types.push_back(e.type());
  EXPECT_THAT(types, ElementsAreArray(
                         {v1::FRAMEWORK_ACTIVATED, v1::MEMBER_ADDED,
                          v1::MEMBER_ADDED, v1::MEMBER_ADDED, v1::BALLOT_OPENED,
                          v1::VOTE_CAST, v1::VOTE_CAST, v1::VOTE_CAST,
                          v1::BALLOT_CLOSED, v1::TERM_EXTENDED,
                          v1::MEMBER_CEASED, v1::ADMISSION_ROUND_OPENED,
                          v1::COST_SHARE_STATEMENT_ISSUED}));
  for (const v1::Event& e : events) {
    EXPECT_EQ(e.framework(), kNw) << e.sequence();
    EXPECT_EQ(FromProto(e.time()), clock_.Now()) << e.sequence();
  }
  EXPECT_EQ(events[1].resource(), "frameworks/nw-16plus/members/halton");
  EXPECT_EQ(events[1].authority(), "authorities/halton");
  EXPECT_EQ(events[1].date().year(), 2025);
  EXPECT_EQ(events[7].authority(), "authorities/wirral");
  EXPECT_EQ(events[8].resource(), "frameworks/nw-16plus/ballots/1");
  EXPECT_EQ(events[8].outcome(), v1::PASSED);
  EXPECT_EQ(events[9].date().year(), 2028);
  EXPECT_EQ(events[10].date().day(), 22);
  EXPECT_EQ(events[12].resource(),
            "frameworks/nw-16plus/costShareStatements/1");
  EXPECT_EQ(follower.Disconnect().error_code(), Code::CANCELLED);
}

TEST_F(EventsApiTest, AFollowerResumesAfterTheLastEventItReceived) {
  std::vector<v1::Event> all;
  {
    Follower reference(*stub_, Service(), 0);
    all = reference.Read(total_);
    ASSERT_EQ(static_cast<int>(all.size()), total_);
  }
  constexpr int kSeen = 5;
  Follower first(*stub_, Token("services/audit", {Role::kAuditor}), 0);
  ASSERT_EQ(first.Read(kSeen).size(), static_cast<size_t>(kSeen));
  EXPECT_EQ(first.Disconnect().error_code(), Code::CANCELLED);

  Follower resumed(*stub_, Token("services/audit", {Role::kAuditor}), kSeen);
  const std::vector<v1::Event> rest = resumed.Read(total_ - kSeen);
  EXPECT_THAT(Sequences(rest), ElementsAreArray(Range(kSeen + 1, total_)));
  for (size_t i = 0; i < rest.size(); ++i) {
    EXPECT_EQ(rest[i].SerializeAsString(), all[kSeen + i].SerializeAsString());
  }
  // A change made now reaches the open stream, next in sequence.
  clock_.Advance(absl::Minutes(10));
  const absl::Time asked = absl::Now();
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "liverpool").ok());
  const std::vector<v1::Event> next = resumed.Read(1);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_LT(absl::Now() - asked, absl::Seconds(3));
  EXPECT_EQ(next[0].sequence(), total_ + 1);
  EXPECT_EQ(next[0].type(), v1::MEMBER_ADDED);
  EXPECT_EQ(next[0].authority(), "authorities/liverpool");
  EXPECT_EQ(FromProto(next[0].time()), clock_.Now());
  EXPECT_EQ(resumed.Disconnect().error_code(), Code::CANCELLED);
}

// Eight writers change eight frameworks at once, spread over a few polls of
// the stream, while a follower is connected.
TEST_F(EventsApiTest, ConcurrentChangesReachAFollowerWithoutGaps) {
  constexpr int kFrameworks = 8;
  const std::vector<std::string> members = {"halton", "sefton", "wirral"};
  const int changes = kFrameworks * (1 + static_cast<int>(members.size()));
  for (int i = 0; i < kFrameworks; ++i) {
    ASSERT_TRUE(CreateFramework(LeadAdmin(),
                                NorthWestRequest(absl::StrCat("nw-lot-", i)))
                    .ok());
  }
  Follower live(*stub_, HubAdmin(), total_);
  const std::string token = LeadAdmin();  // minted here, not in the threads
  absl::Notification go;
  std::vector<grpc::Status> statuses(changes);
  std::vector<std::thread> threads;
  for (int i = 0; i < kFrameworks; ++i) {
    threads.emplace_back([&, i] {
      const std::string id = absl::StrCat("nw-lot-", i);
      go.WaitForNotification();
      int k = i * (1 + members.size());
      statuses[k] = Activate(token, id, nullptr, absl::StrCat("activate-", i));
      for (const std::string& member : members) {
        absl::SleepFor(absl::Milliseconds(60));
        statuses[++k] = AddMember(token, id, member, nullptr,
                                  absl::StrCat("add-", i, "-", member));
      }
    });
  }
  go.Notify();
  for (std::thread& t : threads) t.join();
  for (const grpc::Status& s : statuses) {
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  const std::vector<v1::Event> events = live.Read(changes);
  EXPECT_THAT(Sequences(events),
              ElementsAreArray(Range(total_ + 1, total_ + changes)));
  // Each framework's own changes arrive in the order they were made.
  std::map<std::string, std::vector<v1::EventType>> per_framework;
  for (const v1::Event& e : events)
    per_framework[e.framework()].push_back(e.type());
  EXPECT_EQ(per_framework.size(), static_cast<size_t>(kFrameworks));
  for (const auto& [framework, types] : per_framework) {
    EXPECT_THAT(types,
                ElementsAreArray({v1::FRAMEWORK_ACTIVATED, v1::MEMBER_ADDED,
                                  v1::MEMBER_ADDED, v1::MEMBER_ADDED}))
        << framework;
  }
  // A follower from the start sees the same history with no gaps.
  Follower replay(*stub_, Service(), 0);
  EXPECT_THAT(Sequences(replay.Read(total_ + changes)),
              ElementsAreArray(Range(1, total_ + changes)));
}

// The end of a framework's life: only the lead's admin may terminate it, an
// open ballot fails whatever its votes, and followers see both in order.
TEST_F(EventsApiTest, TerminationFailsTheOpenBallotAndFollowersSeeBoth) {
  ASSERT_TRUE(OpenBallot().ok());
  ASSERT_TRUE(Approve("sefton", kBallot2).ok());
  Follower live(*stub_, Service(), total_);
  const auto request = TerminateRequest("Re-procured as a dynamic market");
  for (const std::string& token :
       {LeadAdmin("sefton"), Commissioner("tameside"), HubAdmin(),
        LeadAdmin("nottingham")}) {
    EXPECT_EQ(Terminate(token, request).error_code(), Code::PERMISSION_DENIED);
  }
  EXPECT_EQ(Terminate("", request).error_code(), Code::UNAUTHENTICATED);
  for (const std::string& reason : {std::string(), std::string(1001, 'x')}) {
    grpc::Status bad = Terminate(LeadAdmin(), TerminateRequest(reason));
    EXPECT_EQ(bad.error_code(), Code::INVALID_ARGUMENT);
    EXPECT_THAT(bad.error_message(), HasSubstr("reason"));
  }
  auto draft = TerminateRequest("Never used");
  draft.set_name("frameworks/nw-draft");
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest("nw-draft")).ok());
  EXPECT_EQ(Terminate(LeadAdmin(), draft).error_code(),
            Code::FAILED_PRECONDITION);
  draft.set_name("nw-draft");
  EXPECT_THAT(Terminate(LeadAdmin(), draft).error_message(),
              HasSubstr("name: "));
  EXPECT_EQ(CountRows("outbox_events"), total_ + 2);

  v1::Framework ended;
  v1::Framework retried;
  ASSERT_TRUE(Terminate(LeadAdmin(), request, &ended).ok());
  ASSERT_TRUE(Terminate(LeadAdmin(), request, &retried).ok());
  EXPECT_EQ(ended.SerializeAsString(), retried.SerializeAsString());
  EXPECT_EQ(ended.status(), v1::TERMINATED);
  EXPECT_EQ(ended.termination_reason(), request.reason());
  EXPECT_EQ(FromProto(ended.end_time()), clock_.Now());
  EXPECT_EQ(Approve("halton", kBallot2).error_code(),
            Code::FAILED_PRECONDITION);
  EXPECT_EQ(Terminate(LeadAdmin(), TerminateRequest("Again")).error_code(),
            Code::FAILED_PRECONDITION);
  EXPECT_EQ(OpenBallot().error_code(), Code::FAILED_PRECONDITION);
  const std::vector<v1::Event> events = live.Read(4);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_THAT(Sequences(events),
              ElementsAreArray(Range(total_ + 1, total_ + 4)));
  EXPECT_EQ(events[1].type(), v1::VOTE_CAST);
  EXPECT_EQ(events[2].type(), v1::BALLOT_CLOSED);
  EXPECT_EQ(events[2].resource(), kBallot2);
  EXPECT_EQ(events[2].outcome(), v1::FAILED);
  EXPECT_EQ(events[3].type(), v1::FRAMEWORK_TERMINATED);
  EXPECT_EQ(events[3].resource(), kNw);
  EXPECT_EQ(CountRows("outbox_events"), total_ + 4);
}

TEST_F(EventsApiTest, OnlyServicesAuditorsAndTheHubFollow) {
  for (const std::string& token :
       {Service(), Token("services/audit", {Role::kAuditor}), HubAdmin()}) {
    Follower follower(*stub_, token, total_ - 1);
    const std::vector<v1::Event> last = follower.Read(1);
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].sequence(), total_);
  }
  for (const std::string& token :
       {LeadAdmin(), Commissioner("sefton"), StrategicLead("sefton"),
        Token("providers/acme-care", {Role::kProviderUser})}) {
    Follower follower(*stub_, token, 0);
    EXPECT_TRUE(follower.Read(1).empty());
    EXPECT_EQ(follower.Disconnect().error_code(), Code::PERMISSION_DENIED);
  }
  Follower anonymous(*stub_, "", 0);
  EXPECT_TRUE(anonymous.Read(1).empty());
  EXPECT_EQ(anonymous.Disconnect().error_code(), Code::UNAUTHENTICATED);
  Follower negative(*stub_, Service(), -1);
  EXPECT_TRUE(negative.Read(1).empty());
  EXPECT_EQ(negative.Disconnect().error_code(), Code::INVALID_ARGUMENT);
  // Past the head nothing comes until something happens.
  Follower ahead(*stub_, Service(), total_, absl::Milliseconds(600));
  EXPECT_TRUE(ahead.Read(1).empty());
  EXPECT_EQ(ahead.Disconnect().error_code(), Code::DEADLINE_EXCEEDED);
}

}  // namespace
}  // namespace fhub::frameworks
