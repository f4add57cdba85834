// Extension ballots through a real gRPC channel.

#include <functional>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "absl/strings/str_format.h"
#include "absl/synchronization/notification.h"
#include "common/proto_values.h"
#include "gmock/gmock.h"
#include "tests/integration/frameworks/fixture.h"

namespace fhub::frameworks {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using Code = grpc::StatusCode;

constexpr char kNw[] = "frameworks/nw-16plus";
constexpr char kBallot1[] = "frameworks/nw-16plus/ballots/1";
constexpr char kBallot2[] = "frameworks/nw-16plus/ballots/2";

class BallotsApiTest : public FrameworkServiceTest {
 protected:
  void SetUp() override {
    SetUpNorthWest();
    ASSERT_TRUE(Activate(LeadAdmin(), "nw-16plus").ok());
    for (const char* id : {"halton", "knowsley", "sefton", "wirral"}) {
      ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", id).ok()) << id;
    }
  }

  v1::OpenExtensionBallotRequest OpenRequest(
      absl::Duration closes_in = absl::Hours(14 * 24)) {
    v1::OpenExtensionBallotRequest request;
    request.set_parent(kNw);
    ToProto(clock_.Now() + closes_in, request.mutable_close_time());
    request.set_request_id(NextRequestId());
    return request;
  }
  grpc::Status Open(const std::string& token,
                    const v1::OpenExtensionBallotRequest& request,
                    v1::ExtensionBallot* out = nullptr) {
    v1::ExtensionBallot response;
    return stub_->OpenExtensionBallot(testing::CallContext(token).get(),
                                      request, out ? out : &response);
  }
  grpc::Status Open(v1::ExtensionBallot* out = nullptr,
                    absl::Duration closes_in = absl::Hours(14 * 24)) {
    return Open(LeadAdmin(), OpenRequest(closes_in), out);
  }

  v1::CastVoteRequest VoteRequest(const std::string& authority,
                                  v1::VoteChoice choice,
                                  const std::string& ballot = kBallot1) {
    v1::CastVoteRequest request;
    request.set_ballot(ballot);
    request.set_authority(absl::StrCat("authorities/", authority));
    request.set_choice(choice);
    request.set_comment(absl::StrCat("Strategic lead of ", authority));
    request.set_request_id(NextRequestId());
    return request;
  }
  grpc::Status Cast(const std::string& token,
                    const v1::CastVoteRequest& request,
                    v1::ExtensionBallot* out = nullptr) {
    v1::ExtensionBallot response;
    return stub_->CastVote(testing::CallContext(token).get(), request,
                           out ? out : &response);
  }
  // The authority's own strategic lead votes.
  grpc::Status Vote(const std::string& authority, v1::VoteChoice choice,
                    v1::ExtensionBallot* out = nullptr,
                    const std::string& ballot = kBallot1) {
    return Cast(StrategicLead(authority),
                VoteRequest(authority, choice, ballot), out);
  }

  // Casts every vote at the same moment, each from its own thread and call.
  std::vector<grpc::Status> CastAtOnce(
      const std::vector<v1::CastVoteRequest>& votes,
      std::vector<v1::ExtensionBallot>* responses) {
    std::vector<grpc::Status> statuses(votes.size());
    responses->assign(votes.size(), v1::ExtensionBallot());
    absl::Notification go;
    std::vector<std::thread> threads;
    for (size_t i = 0; i < votes.size(); ++i) {
      auto context = testing::CallContext(
          Token(votes[i].authority(), {Role::kStrategicLead}));
      threads.emplace_back([&, i, context = std::move(context)] {
        go.WaitForNotification();
        statuses[i] =
            stub_->CastVote(context.get(), votes[i], &(*responses)[i]);
      });
    }
    go.Notify();
    for (std::thread& t : threads) t.join();
    return statuses;
  }

  grpc::Status Get(const std::string& token, const std::string& name,
                   v1::ExtensionBallot* out = nullptr) {
    v1::GetExtensionBallotRequest request;
    request.set_name(name);
    v1::ExtensionBallot response;
    return stub_->GetExtensionBallot(testing::CallContext(token).get(), request,
                                     out ? out : &response);
  }

  // `page_token` by value: it may come from `out`.
  grpc::Status List(const std::string& token, const std::string& parent,
                    v1::ListExtensionBallotsResponse* out, int page_size = 0,
                    std::string page_token = "") {
    v1::ListExtensionBallotsRequest request;
    request.set_parent(parent);
    request.set_page_size(page_size);
    request.set_page_token(std::move(page_token));
    return stub_->ListExtensionBallots(testing::CallContext(token).get(),
                                       request, out);
  }

  v1::Term TermNow() {
    v1::GetFrameworkRequest request;
    request.set_name(kNw);
    v1::Framework f;
    EXPECT_TRUE(
        stub_
            ->GetFramework(testing::CallContext(LeadAdmin()).get(), request, &f)
            .ok());
    return f.term();
  }

  int Events(const std::string& type) {
    pqxx::connection connection{db_.dsn()};
    pqxx::nontransaction tx(connection);
    return tx
        .exec_params1(
            "SELECT count(*) FROM frameworks.outbox_events "
            "WHERE event_type = $1",
            type)[0]
        .as<int>();
  }

  static std::string Ymd(const common::v1::Date& d) {
    return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
  }
};

TEST_F(BallotsApiTest, LeadOpensABallotOnTheNextOptionForTodaysMembers) {
  // Liverpool ceases today: it has no vote.
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "liverpool").ok());
  ASSERT_TRUE(
      Cease(LeadAdmin(), "frameworks/nw-16plus/members/liverpool", "2026-11-22")
          .ok());
  v1::ExtensionBallot ballot;
  ASSERT_TRUE(Open(&ballot).ok());
  EXPECT_EQ(ballot.name(), kBallot1);
  EXPECT_EQ(ballot.option_number(), 1);
  EXPECT_EQ(ballot.option_months(), 12);
  EXPECT_TRUE(ballot.open());
  EXPECT_EQ(ballot.outcome(), v1::BALLOT_OUTCOME_UNSPECIFIED);
  EXPECT_EQ(FromProto(ballot.close_time()), clock_.Now() + absl::Hours(336));
  EXPECT_THAT(ballot.electorate(),
              ElementsAre("authorities/halton", "authorities/knowsley",
                          "authorities/sefton", "authorities/wirral"));
  EXPECT_TRUE(ballot.votes().empty());
  EXPECT_EQ(Events("BALLOT_OPENED"), 1);
}

TEST_F(BallotsApiTest, OnlyTheLeadsAdminOpensABallotAndARetryOpensNoOther) {
  const auto request = OpenRequest();
  for (const std::string& token :
       {LeadAdmin("sefton"), Commissioner("tameside"),
        StrategicLead("tameside"), LeadAdmin("nottingham"), HubAdmin(),
        Token("providers/acme-care", {Role::kProviderUser})}) {
    EXPECT_EQ(Open(token, request).error_code(), Code::PERMISSION_DENIED);
  }
  EXPECT_EQ(Open("", request).error_code(), Code::UNAUTHENTICATED);
  v1::ExtensionBallot first;
  v1::ExtensionBallot second;
  ASSERT_TRUE(Open(LeadAdmin(), request, &first).ok());
  ASSERT_TRUE(Open(LeadAdmin(), request, &second).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  auto changed = request;
  changed.mutable_close_time()->set_seconds(request.close_time().seconds() + 1);
  EXPECT_EQ(Open(LeadAdmin(), changed).error_code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(CountRows("extension_ballots"), 1);
  EXPECT_EQ(Events("BALLOT_OPENED"), 1);
}

TEST_F(BallotsApiTest, BadOrUntimelyOpenRequestsAreRefused) {
  struct Case {
    std::string field;
    std::function<void(v1::OpenExtensionBallotRequest&)> mutate;
    Code code = Code::INVALID_ARGUMENT;
  };
  const std::vector<Case> cases = {
      {"close_time", [](auto& r) { r.clear_close_time(); }},
      {"close_time",
       [&](auto& r) { ToProto(clock_.Now(), r.mutable_close_time()); }},
      {"parent", [](auto& r) { r.set_parent("nw-16plus"); }},
      {"request_id", [](auto& r) { r.set_request_id(std::string(129, 'r')); }},
      {"frameworks/none", [](auto& r) { r.set_parent("frameworks/none"); },
       Code::NOT_FOUND},
      // A draft has no ballots.
      {"DRAFT", [](auto& r) { r.set_parent("frameworks/nw-draft"); },
       Code::FAILED_PRECONDITION},
  };
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest("nw-draft")).ok());
  for (const Case& c : cases) {
    auto request = OpenRequest();
    c.mutate(request);
    grpc::Status status = Open(LeadAdmin(), request);
    EXPECT_EQ(status.error_code(), c.code) << c.field;
    EXPECT_THAT(status.error_message(), HasSubstr(c.field));
  }
  // Nor has a framework without members.
  ASSERT_TRUE(Activate(LeadAdmin(), "nw-draft").ok());
  auto empty = OpenRequest();
  empty.set_parent("frameworks/nw-draft");
  EXPECT_EQ(Open(LeadAdmin(), empty).error_code(), Code::FAILED_PRECONDITION);
  // One open ballot at a time.
  ASSERT_TRUE(Open().ok());
  grpc::Status second = Open();
  EXPECT_EQ(second.error_code(), Code::FAILED_PRECONDITION);
  EXPECT_THAT(second.error_message(), HasSubstr("already"));
  EXPECT_EQ(CountRows("extension_ballots"), 1);
}

TEST_F(BallotsApiTest, TheLastVoteClosesTheBallotAndAPassExtendsTheTerm) {
  ASSERT_TRUE(Open().ok());
  v1::ExtensionBallot after;
  ASSERT_TRUE(Vote("sefton", v1::APPROVE, &after).ok());
  ASSERT_TRUE(Vote("wirral", v1::REJECT, &after).ok());
  ASSERT_TRUE(Vote("halton", v1::APPROVE, &after).ok());
  EXPECT_TRUE(after.open());
  EXPECT_EQ(after.votes_size(), 3);
  clock_.Advance(absl::Hours(2));
  ASSERT_TRUE(Vote("knowsley", v1::ABSTAIN, &after).ok());
  EXPECT_FALSE(after.open());
  EXPECT_EQ(after.outcome(), v1::PASSED);
  EXPECT_EQ(FromProto(after.closed_time()), clock_.Now());
  EXPECT_EQ(Ymd(after.new_current_end_date()), "2028-03-31");
  const v1::Term term = TermNow();
  EXPECT_EQ(Ymd(term.current_end_date()), "2028-03-31");
  EXPECT_EQ(term.extensions_taken(), 1);
  // Every member sees every vote, with who cast it.
  v1::ExtensionBallot seen;
  ASSERT_TRUE(Get(Commissioner("wirral"), kBallot1, &seen).ok());
  ASSERT_EQ(seen.votes_size(), 4);
  EXPECT_EQ(seen.votes(0).authority(), "authorities/halton");
  EXPECT_EQ(seen.votes(1).choice(), v1::ABSTAIN);
  EXPECT_EQ(seen.votes(2).comment(), "Strategic lead of sefton");
  EXPECT_EQ(seen.votes(3).choice(), v1::REJECT);
  EXPECT_EQ(seen.votes(3).voter(), "tester");
  EXPECT_EQ(Events("VOTE_CAST"), 4);
  EXPECT_EQ(Events("BALLOT_CLOSED"), 1);
  EXPECT_EQ(Events("TERM_EXTENDED"), 1);
  // Closed: no more votes, even from a member that has voted already.
  EXPECT_EQ(Vote("sefton", v1::REJECT).error_code(), Code::FAILED_PRECONDITION);
  // The second option passes too; then none is left.
  ASSERT_TRUE(Open().ok());
  for (const char* id : {"halton", "knowsley", "sefton", "wirral"}) {
    ASSERT_TRUE(Vote(id, v1::APPROVE, nullptr, kBallot2).ok()) << id;
  }
  EXPECT_EQ(Ymd(TermNow().current_end_date()), "2029-03-31");
  EXPECT_EQ(TermNow().extensions_taken(), 2);
  grpc::Status third = Open();
  EXPECT_EQ(third.error_code(), Code::FAILED_PRECONDITION);
  EXPECT_THAT(third.error_message(), HasSubstr("extension options"));
}

TEST_F(BallotsApiTest,
       EachStrategicLeadVotesOnlyForItsOwnAuthorityWithAValidVote) {
  ASSERT_TRUE(Open().ok());
  const auto wirral = VoteRequest("wirral", v1::APPROVE);
  for (const std::string& token :
       {StrategicLead("sefton"), Commissioner("wirral"), LeadAdmin("wirral"),
        LeadAdmin(), Token("services/hub", {Role::kStrategicLead})}) {
    EXPECT_EQ(Cast(token, wirral).error_code(), Code::PERMISSION_DENIED);
  }
  EXPECT_EQ(Cast("", wirral).error_code(), Code::UNAUTHENTICATED);
  EXPECT_EQ(Vote("nottingham", v1::APPROVE).error_code(),
            Code::PERMISSION_DENIED);
  // A member that joined after the ballot opened is not in its electorate.
  ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "liverpool").ok());
  grpc::Status late = Vote("liverpool", v1::APPROVE);
  EXPECT_EQ(late.error_code(), Code::FAILED_PRECONDITION);
  EXPECT_THAT(late.error_message(), HasSubstr("not a member when"));
  // Bad votes name the field.
  struct Case {
    std::string field;
    std::function<void(v1::CastVoteRequest&)> mutate;
    Code code = Code::INVALID_ARGUMENT;
  };
  const std::vector<Case> cases = {
      {"choice", [](auto& r) { r.set_choice(v1::VOTE_CHOICE_UNSPECIFIED); }},
      {"choice", [](auto& r) { r.set_choice(static_cast<v1::VoteChoice>(9)); }},
      {"comment", [](auto& r) { r.set_comment(std::string(1001, 'c')); }},
      {"ballot",
       [](auto& r) { r.set_ballot("frameworks/nw-16plus/ballots/x"); }},
      {"ballot", [](auto& r) { r.set_ballot(""); }},
      {"authority", [](auto& r) { r.set_authority("sefton"); }},
      {"request_id", [](auto& r) { r.set_request_id(""); }},
      {"ballots/2", [](auto& r) { r.set_ballot(kBallot2); }, Code::NOT_FOUND},
  };
  for (const Case& c : cases) {
    v1::CastVoteRequest request = VoteRequest("sefton", v1::APPROVE);
    c.mutate(request);
    grpc::Status status = Cast(StrategicLead("sefton"), request);
    EXPECT_EQ(status.error_code(), c.code) << c.field;
    EXPECT_THAT(status.error_message(), HasSubstr(c.field));
  }
  EXPECT_EQ(CountRows("ballot_votes"), 0);
}

TEST_F(BallotsApiTest, ASecondVoteIsRefusedButARetryGetsTheFirstAnswer) {
  ASSERT_TRUE(Open().ok());
  auto request = VoteRequest("sefton", v1::APPROVE);
  v1::ExtensionBallot first;
  v1::ExtensionBallot retried;
  ASSERT_TRUE(Cast(StrategicLead("sefton"), request, &first).ok());
  clock_.Advance(absl::Minutes(5));
  ASSERT_TRUE(Cast(StrategicLead("sefton"), request, &retried).ok());
  EXPECT_EQ(first.SerializeAsString(), retried.SerializeAsString());
  request.set_choice(v1::REJECT);
  EXPECT_EQ(Cast(StrategicLead("sefton"), request).error_code(),
            Code::INVALID_ARGUMENT);
  EXPECT_EQ(Vote("sefton", v1::REJECT).error_code(), Code::ALREADY_EXISTS);
  EXPECT_EQ(CountRows("ballot_votes"), 1);
  EXPECT_EQ(Events("VOTE_CAST"), 1);
}

TEST_F(BallotsApiTest, NoVotesAfterTheCloseTimeAndHousekeepingDecidesIt) {
  ASSERT_TRUE(Open(nullptr, absl::Hours(1)).ok());
  ASSERT_TRUE(Vote("sefton", v1::APPROVE).ok());
  clock_.Advance(absl::Hours(1));
  // Closed by its time even before housekeeping has run.
  EXPECT_EQ(Vote("wirral", v1::APPROVE).error_code(),
            Code::FAILED_PRECONDITION);
  ASSERT_TRUE(service_->RunHousekeeping().ok());
  ASSERT_TRUE(service_->RunHousekeeping().ok());
  v1::ExtensionBallot closed;
  ASSERT_TRUE(Get(LeadAdmin(), kBallot1, &closed).ok());
  EXPECT_FALSE(closed.open());
  EXPECT_EQ(closed.outcome(), v1::NO_QUORUM);  // 1 of 4 voted
  EXPECT_EQ(Events("BALLOT_CLOSED"), 1);
  EXPECT_EQ(Ymd(TermNow().current_end_date()), "2027-03-31");
  EXPECT_EQ(Vote("halton", v1::APPROVE).error_code(),
            Code::FAILED_PRECONDITION);
  // The option was not used up: the lead may ask again.
  v1::ExtensionBallot next;
  ASSERT_TRUE(Open(&next).ok());
  EXPECT_EQ(next.name(), kBallot2);
  EXPECT_EQ(next.option_number(), 1);
}

TEST_F(BallotsApiTest, ACeasedMemberCannotVoteAndLeavesTheQuorum) {
  ASSERT_TRUE(Open().ok());
  ASSERT_TRUE(
      Cease(LeadAdmin(), "frameworks/nw-16plus/members/knowsley", "2026-11-22")
          .ok());
  grpc::Status ceased = Vote("knowsley", v1::REJECT);
  EXPECT_EQ(ceased.error_code(), Code::FAILED_PRECONDITION);
  EXPECT_THAT(ceased.error_message(), HasSubstr("ceased"));
  v1::ExtensionBallot ballot;
  ASSERT_TRUE(Get(Commissioner("knowsley"), kBallot1, &ballot).ok());
  EXPECT_THAT(ballot.withdrawn(), ElementsAre("authorities/knowsley"));
  // A list shows the ballot as Get does.
  v1::ListExtensionBallotsResponse listed;
  ASSERT_TRUE(List(LeadAdmin(), kNw, &listed).ok());
  ASSERT_EQ(listed.ballots_size(), 1);
  EXPECT_EQ(listed.ballots(0).SerializeAsString(), ballot.SerializeAsString());
  ASSERT_TRUE(Vote("sefton", v1::APPROVE).ok());
  ASSERT_TRUE(Vote("wirral", v1::APPROVE).ok());
  ASSERT_TRUE(Vote("halton", v1::REJECT, &ballot).ok());
  // Everyone still in the electorate has voted.
  EXPECT_FALSE(ballot.open());
  EXPECT_EQ(ballot.outcome(), v1::PASSED);
  EXPECT_EQ(ballot.electorate_size(), 4);
  EXPECT_THAT(ballot.withdrawn(), ElementsAre("authorities/knowsley"));
  EXPECT_EQ(TermNow().extensions_taken(), 1);
}

TEST_F(BallotsApiTest, LeadMembersAndServicesReadBallotsNewestFirst) {
  ASSERT_TRUE(Open().ok());
  for (const char* id : {"halton", "knowsley", "sefton", "wirral"}) {
    ASSERT_TRUE(Vote(id, v1::REJECT).ok()) << id;
  }
  ASSERT_TRUE(Open().ok());
  std::vector<std::string> names;
  v1::ListExtensionBallotsResponse page;
  do {
    ASSERT_TRUE(
        List(Commissioner("sefton"), kNw, &page, 1, page.next_page_token())
            .ok());
    for (const auto& b : page.ballots()) {
      names.push_back(absl::StrCat(b.name(), " ", b.votes_size()));
    }
  } while (!page.next_page_token().empty() && names.size() < 5);
  EXPECT_THAT(names, ElementsAre("frameworks/nw-16plus/ballots/2 0",
                                 "frameworks/nw-16plus/ballots/1 4"));
  for (const std::string& token :
       {LeadAdmin(), StrategicLead("halton"),
        Token("services/referrals", {Role::kService}), HubAdmin()}) {
    EXPECT_TRUE(Get(token, kBallot1).ok());
  }
  for (const std::string& token :
       {Commissioner("nottingham"),
        Token("providers/acme-care", {Role::kProviderUser})}) {
    EXPECT_EQ(Get(token, kBallot1).error_code(), Code::PERMISSION_DENIED);
  }
  EXPECT_EQ(Get("", kBallot1).error_code(), Code::UNAUTHENTICATED);
  EXPECT_EQ(Get(LeadAdmin(), "frameworks/nw-16plus/ballots/0").error_code(),
            Code::INVALID_ARGUMENT);
  // To outsiders a draft does not exist.
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest("nw-draft")).ok());
  EXPECT_EQ(List(Commissioner("nottingham"), "frameworks/nw-draft", &page)
                .error_code(),
            Code::NOT_FOUND);
  EXPECT_EQ(List(LeadAdmin(), kNw, &page, 0, "bm9wZQ").error_code(),
            Code::INVALID_ARGUMENT);
}

// Twenty-four strategic leads vote at the same moment.
TEST_F(BallotsApiTest, ConcurrentVotesEachCountOnceAndCloseTheBallotOnce) {
  std::vector<std::string> voters = {"halton", "knowsley", "sefton", "wirral"};
  for (int i = 1; i <= 20; ++i) {
    voters.push_back(absl::StrFormat("council-%02d", i));
    ASSERT_TRUE(CreateAuthority(HubAdmin(), voters.back()).ok());
    ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", voters.back()).ok());
  }
  ASSERT_TRUE(Open().ok());
  const int n = static_cast<int>(voters.size());
  std::vector<v1::CastVoteRequest> votes;
  for (int i = 0; i < n; ++i) {
    // 16 approve, 6 reject, 2 abstain.
    votes.push_back(VoteRequest(
        voters[i], i < 16 ? v1::APPROVE : (i < 22 ? v1::REJECT : v1::ABSTAIN)));
  }
  std::vector<v1::ExtensionBallot> responses;
  const std::vector<grpc::Status> statuses = CastAtOnce(votes, &responses);
  int closing = 0;
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(statuses[i].ok())
        << voters[i] << ": " << statuses[i].error_message();
    if (!responses[i].open()) {
      ++closing;
      EXPECT_EQ(responses[i].outcome(), v1::PASSED);
      EXPECT_EQ(responses[i].votes_size(), n);
    }
  }
  EXPECT_EQ(closing, 1);
  v1::ExtensionBallot ballot;
  ASSERT_TRUE(Get(LeadAdmin(), kBallot1, &ballot).ok());
  EXPECT_EQ(ballot.outcome(), v1::PASSED);
  std::set<std::string> voted;
  for (const v1::Vote& vote : ballot.votes()) voted.insert(vote.authority());
  EXPECT_EQ(voted.size(), static_cast<size_t>(n));
  EXPECT_EQ(CountRows("ballot_votes"), n);
  EXPECT_EQ(Events("VOTE_CAST"), n);
  EXPECT_EQ(Events("BALLOT_CLOSED"), 1);
  EXPECT_EQ(Events("TERM_EXTENDED"), 1);
  EXPECT_EQ(TermNow().extensions_taken(), 1);
}

TEST_F(BallotsApiTest, TheSameMemberVotingTwiceAtOnceCountsOnce) {
  ASSERT_TRUE(Open().ok());
  // Knowsley does not vote, so the ballot stays open throughout.
  const std::vector<std::string> members = {"halton", "sefton", "wirral"};
  std::vector<v1::CastVoteRequest> votes;
  for (const std::string& m : members) {
    votes.push_back(VoteRequest(m, v1::APPROVE));
    votes.push_back(VoteRequest(m, v1::REJECT));
  }
  std::vector<v1::ExtensionBallot> responses;
  const std::vector<grpc::Status> statuses = CastAtOnce(votes, &responses);
  for (size_t m = 0; m < members.size(); ++m) {
    EXPECT_THAT((std::vector<Code>{statuses[2 * m].error_code(),
                                   statuses[2 * m + 1].error_code()}),
                UnorderedElementsAre(Code::OK, Code::ALREADY_EXISTS))
        << members[m];
  }
  EXPECT_EQ(CountRows("ballot_votes"), 3);
  EXPECT_EQ(Events("VOTE_CAST"), 3);
  v1::ExtensionBallot ballot;
  ASSERT_TRUE(Get(LeadAdmin(), kBallot1, &ballot).ok());
  EXPECT_TRUE(ballot.open());
  EXPECT_EQ(ballot.votes_size(), 3);
}

}  // namespace
}  // namespace fhub::frameworks
