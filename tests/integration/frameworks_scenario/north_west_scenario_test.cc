// The North West 16+ framework from 2015 to its expiry, through real gRPC
// and PostgreSQL: Tameside leads, the members' strategic leads extend it at
// the end of year 2 and decline at the end of year 3, a member ceases and
// loses its vote, the framework expires at its current end, and the lead
// shares its contract-management cost. Every step leaves an event.

#include <map>

#include "common/proto_values.h"
#include "gmock/gmock.h"
#include "tests/integration/frameworks/fixture.h"

namespace fhub::frameworks {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

absl::Time UkTime(int y, int m, int d, int hh = 9) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), UkTimeZone());
}

class NorthWestScenarioTest : public FrameworkServiceTest {
 protected:
  static constexpr char kFramework[] = "frameworks/nw-16plus";

  void At(absl::Time t) { clock_.Set(t); }

  grpc::Status Join(const std::string& authority) {
    v1::AddMemberRequest request;
    request.set_parent(kFramework);
    request.set_authority(absl::StrCat("authorities/", authority));
    request.mutable_strategic_lead()->set_full_name(
        absl::StrCat("Director of Children's Services, ", authority));
    request.mutable_strategic_lead()->set_email(
        absl::StrCat("dcs@", authority, ".gov.uk"));
    request.set_request_id(NextRequestId());
    v1::Membership out;
    return stub_->AddMember(testing::CallContext(LeadAdmin()).get(), request,
                            &out);
  }

  v1::ExtensionBallot OpenBallot(absl::Time closes) {
    v1::OpenExtensionBallotRequest request;
    request.set_parent(kFramework);
    ToProto(closes, request.mutable_close_time());
    request.set_request_id(NextRequestId());
    v1::ExtensionBallot ballot;
    grpc::Status status = stub_->OpenExtensionBallot(
        testing::CallContext(LeadAdmin()).get(), request, &ballot);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return ballot;
  }

  grpc::Status Vote(const std::string& ballot, const std::string& authority,
                    v1::VoteChoice choice, v1::ExtensionBallot* out) {
    v1::CastVoteRequest request;
    request.set_ballot(ballot);
    request.set_authority(absl::StrCat("authorities/", authority));
    request.set_choice(choice);
    request.set_request_id(NextRequestId());
    return stub_->CastVote(testing::CallContext(StrategicLead(authority)).get(),
                           request, out);
  }

  v1::Framework Framework() {
    v1::GetFrameworkRequest request;
    request.set_name(kFramework);
    v1::Framework out;
    EXPECT_TRUE(stub_
                    ->GetFramework(testing::CallContext(LeadAdmin()).get(),
                                   request, &out)
                    .ok());
    return out;
  }

  v1::AdmissionStatus Admission(absl::Time at) {
    v1::GetAdmissionStatusRequest request;
    request.set_framework(kFramework);
    request.set_lot_id("lot-1");
    ToProto(at, request.mutable_time());
    v1::AdmissionStatus out;
    EXPECT_TRUE(
        stub_
            ->GetAdmissionStatus(testing::CallContext(Token("services/registry",
                                                            {Role::kService}))
                                     .get(),
                                 request, &out)
            .ok());
    return out;
  }

  // Every event so far, read from the stream until `count` have arrived.
  std::vector<v1::Event> Events(size_t count) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + Token("services/referrals",
                                                           {Role::kService}));
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    v1::StreamEventsRequest request;
    auto reader = stub_->StreamEvents(&context, request);
    std::vector<v1::Event> events;
    v1::Event event;
    while (events.size() < count && reader->Read(&event)) {
      events.push_back(event);
    }
    context.TryCancel();
    reader->Finish();
    return events;
  }

  void CreateTheFramework() {
    At(UkTime(2015, 9, 15));
    for (const char* id :
         {"tameside", "sefton", "wirral", "halton", "knowsley", "liverpool"}) {
      ASSERT_TRUE(CreateAuthority(HubAdmin(), id).ok()) << id;
    }
    auto request = NorthWestRequest("nw-16plus");
    auto* term = request.mutable_framework()->mutable_term();
    ParseDate("2015-10-01", term->mutable_start_date());
    ParseDate("2017-09-30", term->mutable_initial_end_date());
    auto* admission = request.mutable_framework()->mutable_admission_policy();
    ParseDate("2015-10-01", admission->mutable_first_window_opens());
    ASSERT_TRUE(CreateFramework(LeadAdmin(), request).ok());
    At(UkTime(2015, 10, 1));
    for (const char* id :
         {"tameside", "sefton", "wirral", "halton", "knowsley", "liverpool"}) {
      ASSERT_TRUE(Join(id).ok()) << id;
    }
    ASSERT_TRUE(Activate(LeadAdmin(), "nw-16plus").ok());
  }
};

TEST_F(NorthWestScenarioTest, FromLaunchToExpiry) {
  CreateTheFramework();
  v1::Framework f = Framework();
  EXPECT_EQ(f.status(), v1::ACTIVE);
  EXPECT_EQ(f.term().maximum_end_date().year(), 2019);

  // Admission re-opens every four months for 28 days.
  EXPECT_TRUE(Admission(UkTime(2015, 10, 5)).open());
  v1::AdmissionStatus closed = Admission(UkTime(2015, 11, 15));
  EXPECT_FALSE(closed.open());
  EXPECT_EQ(closed.next_window().open_time().seconds(),
            absl::ToUnixSeconds(UkTime(2016, 2, 1, 0)));

  // End of year 2: the strategic leads extend the framework by a year. The
  // ballot closes as soon as the sixth lead has voted.
  At(UkTime(2017, 6, 1));
  v1::ExtensionBallot first = OpenBallot(UkTime(2017, 7, 31, 17));
  EXPECT_EQ(first.option_number(), 1);
  EXPECT_EQ(first.electorate_size(), 6);
  v1::ExtensionBallot after;
  const std::map<std::string, v1::VoteChoice> year_two = {
      {"halton", v1::APPROVE},    {"knowsley", v1::APPROVE},
      {"liverpool", v1::ABSTAIN}, {"sefton", v1::APPROVE},
      {"tameside", v1::APPROVE},  {"wirral", v1::REJECT}};
  int cast = 0;
  for (const auto& [authority, choice] : year_two) {
    ASSERT_TRUE(Vote(first.name(), authority, choice, &after).ok())
        << authority;
    EXPECT_EQ(after.open(), ++cast < 6) << authority;
  }
  EXPECT_FALSE(after.open());
  EXPECT_EQ(after.outcome(), v1::PASSED);
  EXPECT_EQ(after.votes_size(), 6);
  f = Framework();
  EXPECT_EQ(f.term().current_end_date().year(), 2018);
  EXPECT_EQ(f.term().extensions_taken(), 1);
  // The ballot is over: a late vote is refused.
  EXPECT_EQ(Vote(first.name(), "sefton", v1::REJECT, &after).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // End of year 3: a second ballot. Knowsley ceases to use the framework
  // while it is open and can no longer vote; it leaves the quorum.
  At(UkTime(2018, 6, 1));
  v1::ExtensionBallot second = OpenBallot(UkTime(2018, 7, 31, 17));
  EXPECT_EQ(second.option_number(), 2);
  EXPECT_EQ(second.electorate_size(), 6);
  At(UkTime(2018, 6, 10));
  ASSERT_TRUE(Cease(Commissioner("knowsley"),
                    "frameworks/nw-16plus/members/knowsley", "2018-06-10")
                  .ok());
  grpc::Status ceased = Vote(second.name(), "knowsley", v1::APPROVE, &after);
  EXPECT_EQ(ceased.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(ceased.error_message(), HasSubstr("no longer vote"));
  ASSERT_TRUE(Vote(second.name(), "sefton", v1::REJECT, &after).ok());
  ASSERT_TRUE(Vote(second.name(), "wirral", v1::REJECT, &after).ok());
  ASSERT_TRUE(Vote(second.name(), "halton", v1::APPROVE, &after).ok());
  ASSERT_TRUE(Vote(second.name(), "liverpool", v1::ABSTAIN, &after).ok());
  EXPECT_TRUE(after.open());  // Tameside has not voted.
  EXPECT_THAT(after.withdrawn(), ElementsAre("authorities/knowsley"));

  // The close time passes: 4 of the 5 remaining electors voted (quorum 75%),
  // 1 of 3 for: the extension fails.
  At(UkTime(2018, 8, 1));
  ASSERT_TRUE(service_->RunHousekeeping().ok());
  v1::GetExtensionBallotRequest get;
  get.set_name(second.name());
  ASSERT_TRUE(
      stub_
          ->GetExtensionBallot(
              testing::CallContext(Commissioner("sefton")).get(), get, &after)
          .ok());
  EXPECT_FALSE(after.open());
  EXPECT_EQ(after.outcome(), v1::FAILED);
  EXPECT_EQ(after.votes_size(), 4);
  EXPECT_EQ(Framework().term().current_end_date().year(), 2018);

  // The framework expires once its current end has passed.
  At(UkTime(2018, 9, 30, 23));
  ASSERT_TRUE(service_->RunHousekeeping().ok());
  EXPECT_EQ(Framework().status(), v1::ACTIVE);
  At(UkTime(2018, 10, 1, 0) + absl::Minutes(1));
  ASSERT_TRUE(service_->RunHousekeeping().ok());
  f = Framework();
  EXPECT_EQ(f.status(), v1::EXPIRED);
  EXPECT_FALSE(Admission(clock_.Now()).open());
  v1::OpenExtensionBallotRequest late;
  late.set_parent(kFramework);
  ToProto(UkTime(2018, 12, 1), late.mutable_close_time());
  late.set_request_id(NextRequestId());
  v1::ExtensionBallot ignored;
  EXPECT_EQ(stub_
                ->OpenExtensionBallot(testing::CallContext(LeadAdmin()).get(),
                                      late, &ignored)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // The lead shares its cost of the final year pro rata to placements.
  v1::IssueCostShareStatementRequest cost;
  cost.set_parent(kFramework);
  ParseDate("2017-10-01", cost.mutable_period_start_date());
  ParseDate("2018-09-30", cost.mutable_period_end_date());
  cost.set_cost_pence(2400000);
  for (const auto& [authority, placements] :
       std::map<std::string, int>{{"sefton", 10},
                                  {"wirral", 6},
                                  {"halton", 4},
                                  {"tameside", 5},
                                  {"knowsley", 2}}) {
    auto* count = cost.add_placement_counts();
    count->set_authority(absl::StrCat("authorities/", authority));
    count->set_placements(placements);
  }
  cost.set_request_id(NextRequestId());
  v1::CostShareStatement statement;
  ASSERT_TRUE(stub_
                  ->IssueCostShareStatement(
                      testing::CallContext(LeadAdmin()).get(), cost, &statement)
                  .ok());
  EXPECT_EQ(statement.placement_count_source(), v1::SUPPLIED_BY_LEAD);
  std::map<std::string, int64_t> shares;
  int64_t total = 0;
  for (const auto& share : statement.shares()) {
    shares[share.authority()] = share.amount_pence();
    total += share.amount_pence();
  }
  EXPECT_EQ(total, 2400000);
  EXPECT_EQ(shares.size(), 6u);  // Knowsley was a member for part of it.
  EXPECT_EQ(shares["authorities/liverpool"], 0);  // No placements, no share.
  EXPECT_EQ(shares["authorities/sefton"], 888889);
  EXPECT_EQ(shares["authorities/knowsley"], 177778);

  // Every change is on the stream, in order, numbered without gaps.
  std::vector<v1::EventType> expected = {
      v1::MEMBER_ADDED,        v1::MEMBER_ADDED, v1::MEMBER_ADDED,
      v1::MEMBER_ADDED,        v1::MEMBER_ADDED, v1::MEMBER_ADDED,
      v1::FRAMEWORK_ACTIVATED, v1::BALLOT_OPENED};
  for (int i = 0; i < 6; ++i) expected.push_back(v1::VOTE_CAST);
  for (v1::EventType type :
       {v1::BALLOT_CLOSED, v1::TERM_EXTENDED, v1::BALLOT_OPENED,
        v1::MEMBER_CEASED, v1::VOTE_CAST, v1::VOTE_CAST, v1::VOTE_CAST,
        v1::VOTE_CAST, v1::BALLOT_CLOSED, v1::FRAMEWORK_EXPIRED,
        v1::COST_SHARE_STATEMENT_ISSUED}) {
    expected.push_back(type);
  }
  std::vector<v1::Event> events = Events(expected.size());
  std::vector<v1::EventType> types;
  for (size_t i = 0; i < events.size(); ++i) {
    types.push_back(events[i].type());
    EXPECT_EQ(events[i].sequence(), static_cast<int64_t>(i + 1));
  }
  EXPECT_THAT(types, ElementsAreArray(expected));
  EXPECT_EQ(events[14].outcome(), v1::PASSED);
  EXPECT_EQ(events[22].outcome(), v1::FAILED);
}

}  // namespace
}  // namespace fhub::frameworks
