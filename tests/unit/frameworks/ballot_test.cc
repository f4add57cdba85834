// Extension ballots, without I/O.

#include "services/frameworks/domain/ballot.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::frameworks {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

constexpr BallotRules kMajority{75, 50, false};
constexpr BallotRules kUnanimous{75, 0, true};

// electorate, approve, reject, abstain
Tally Votes(int electorate, int approve, int reject, int abstain) {
  Tally tally;
  tally.electorate = electorate;
  tally.approve = approve;
  tally.reject = reject;
  tally.abstain = abstain;
  return tally;
}

// "2+1+1" from April 2025.
Framework NorthWest() {
  Framework f;
  f.id = "nw-16plus";
  f.status = FrameworkStatus::kActive;
  f.term.start = absl::CivilDay(2025, 4, 1);
  f.term.initial_end = absl::CivilDay(2027, 3, 31);
  f.term.extension_months = {12, 12};
  f.term.maximum_end = absl::CivilDay(2029, 3, 31);
  f.term.current_end = f.term.initial_end;
  f.ballot = kMajority;
  return f;
}

// Trivially destructible, so a global is fine.
const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 1, 1, 9, 0, 0),
                                        absl::UTCTimeZone());

TEST(DecideBallotTest, ExactQuorumPasses) {
  // 75% of 4 is 3.
  EXPECT_EQ(DecideBallot(kMajority, Votes(4, 3, 0, 0)), BallotOutcome::kPassed);
  EXPECT_EQ(DecideBallot(kMajority, Votes(4, 2, 0, 0)),
            BallotOutcome::kNoQuorum);
}

TEST(DecideBallotTest, QuorumRoundsUp) {
  // 75% of 6 is 4.5, so 4 voters are not enough and 5 are.
  EXPECT_EQ(DecideBallot(kMajority, Votes(6, 4, 0, 0)),
            BallotOutcome::kNoQuorum);
  EXPECT_EQ(DecideBallot(kMajority, Votes(6, 5, 0, 0)), BallotOutcome::kPassed);
}

TEST(DecideBallotTest, AbstentionsCountTowardsQuorum) {
  EXPECT_EQ(DecideBallot(kMajority, Votes(4, 1, 0, 2)), BallotOutcome::kPassed);
}

TEST(DecideBallotTest, ATieAtTheThresholdPasses) {
  EXPECT_EQ(DecideBallot(kMajority, Votes(4, 2, 2, 0)), BallotOutcome::kPassed);
  const BallotRules just_over_half{75, 51, false};
  EXPECT_EQ(DecideBallot(just_over_half, Votes(4, 2, 2, 0)),
            BallotOutcome::kFailed);
}

TEST(DecideBallotTest, ThresholdIgnoresAbstentions) {
  // 2 of the 3 who took a side: 66%.
  const BallotRules two_thirds{50, 66, false};
  EXPECT_EQ(DecideBallot(two_thirds, Votes(5, 2, 1, 2)),
            BallotOutcome::kPassed);
  const BallotRules more_than_two_thirds{50, 67, false};
  EXPECT_EQ(DecideBallot(more_than_two_thirds, Votes(5, 2, 1, 2)),
            BallotOutcome::kFailed);
}

TEST(DecideBallotTest, EveryoneAbstainingFails) {
  EXPECT_EQ(DecideBallot(kMajority, Votes(4, 0, 0, 4)), BallotOutcome::kFailed);
  EXPECT_EQ(DecideBallot(kUnanimous, Votes(4, 0, 0, 4)),
            BallotOutcome::kFailed);
}

TEST(DecideBallotTest, UnanimityToleratesAbstentionButNotRejection) {
  EXPECT_EQ(DecideBallot(kUnanimous, Votes(4, 3, 0, 1)),
            BallotOutcome::kPassed);
  EXPECT_EQ(DecideBallot(kUnanimous, Votes(4, 3, 1, 0)),
            BallotOutcome::kFailed);
  EXPECT_EQ(DecideBallot(kUnanimous, Votes(4, 1, 0, 1)),
            BallotOutcome::kNoQuorum);
}

TEST(DecideBallotTest, EmptyElectorateNeverHasAQuorum) {
  EXPECT_EQ(DecideBallot(kMajority, Votes(0, 0, 0, 0)),
            BallotOutcome::kNoQuorum);
}

TEST(DecideBallotTest, MemberCeasingMidBallotShrinksTheElectorate) {
  // Five members when the ballot opened: 75% needs 4 (3.75 rounded up). One
  // ceased before voting, so the electorate is 4 and 3 voters are enough.
  EXPECT_EQ(DecideBallot(kMajority, Votes(5, 3, 0, 0)),
            BallotOutcome::kNoQuorum);
  EXPECT_EQ(DecideBallot(kMajority, Votes(4, 3, 0, 0)), BallotOutcome::kPassed);
  // The ceased member is no longer awaited: once the fourth votes, the
  // ballot closes early.
  EXPECT_FALSE(EveryoneHasVoted(Votes(4, 3, 0, 0)));
  EXPECT_TRUE(EveryoneHasVoted(Votes(4, 3, 1, 0)));
  EXPECT_FALSE(EveryoneHasVoted(Votes(5, 3, 1, 0)));
}

TEST(EveryoneHasVotedTest, ClosesEarlyOnlyWhenAllHaveVoted) {
  EXPECT_TRUE(EveryoneHasVoted(Votes(4, 2, 1, 1)));
  EXPECT_FALSE(EveryoneHasVoted(Votes(4, 2, 1, 0)));
  EXPECT_FALSE(EveryoneHasVoted(Votes(0, 0, 0, 0)));
}

TEST(ExtendTermTest, TakesTheOptionsInTurnThenRefuses) {
  Term term = NorthWest().term;
  absl::StatusOr<Term> once = ExtendTerm(term);
  ASSERT_THAT(once, IsOk());
  EXPECT_EQ(once->current_end, absl::CivilDay(2028, 3, 31));
  EXPECT_EQ(once->extensions_taken, 1);
  EXPECT_EQ(once->initial_end, term.initial_end);

  absl::StatusOr<Term> twice = ExtendTerm(*once);
  ASSERT_THAT(twice, IsOk());
  EXPECT_EQ(twice->current_end, absl::CivilDay(2029, 3, 31));
  EXPECT_EQ(twice->extensions_taken, 2);

  EXPECT_THAT(ExtendTerm(*twice),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(ExtendTermTest, StopsAtTheMaximumEnd) {
  Term term = NorthWest().term;
  term.maximum_end = absl::CivilDay(2028, 9, 30);
  term.current_end = absl::CivilDay(2028, 3, 31);
  term.extensions_taken = 1;
  absl::StatusOr<Term> extended = ExtendTerm(term);
  ASSERT_THAT(extended, IsOk());
  EXPECT_EQ(extended->current_end, absl::CivilDay(2028, 9, 30));
  EXPECT_EQ(extended->extensions_taken, 2);
}

TEST(ExtendTermTest, ClampsToTheEndOfAShortMonth) {
  Term term = NorthWest().term;
  term.current_end = absl::CivilDay(2027, 1, 31);
  term.extension_months = {1};
  absl::StatusOr<Term> extended = ExtendTerm(term);
  ASSERT_THAT(extended, IsOk());
  EXPECT_EQ(extended->current_end, absl::CivilDay(2027, 2, 28));
}

TEST(CheckOpenBallotTest, AllowsAnActiveFrameworkWithAnOptionLeft) {
  EXPECT_THAT(
      CheckOpenBallot(NorthWest(), false, kNow, kNow + absl::Hours(24 * 14)),
      IsOk());
}

TEST(CheckOpenBallotTest, RefusesAFrameworkThatIsNotActive) {
  for (FrameworkStatus status :
       {FrameworkStatus::kDraft, FrameworkStatus::kExpired,
        FrameworkStatus::kTerminated}) {
    Framework f = NorthWest();
    f.status = status;
    EXPECT_THAT(CheckOpenBallot(f, false, kNow, kNow + absl::Hours(1)),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         HasSubstr(NameOf(kFrameworkStatuses, status))));
  }
}

TEST(CheckOpenBallotTest, RefusesASecondBallot) {
  EXPECT_THAT(CheckOpenBallot(NorthWest(), true, kNow, kNow + absl::Hours(1)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already has an extension ballot open")));
}

TEST(CheckOpenBallotTest, RefusesWhenNoOptionIsLeft) {
  Framework f = NorthWest();
  f.term.extensions_taken = 2;
  f.term.current_end = absl::CivilDay(2028, 9, 30);  // below the maximum
  EXPECT_THAT(CheckOpenBallot(f, false, kNow, kNow + absl::Hours(1)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("extension options")));
}

TEST(CheckOpenBallotTest, RefusesWhenAlreadyAtTheMaximumEnd) {
  Framework f = NorthWest();
  f.term.maximum_end = absl::CivilDay(2028, 3, 31);
  f.term.current_end = absl::CivilDay(2028, 3, 31);
  f.term.extensions_taken = 1;  // one option left, but no room for it
  EXPECT_THAT(CheckOpenBallot(f, false, kNow, kNow + absl::Hours(1)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("maximum end")));
}

TEST(CheckOpenBallotTest, CloseTimeMustBeAfterNow) {
  EXPECT_THAT(
      CheckOpenBallot(NorthWest(), false, kNow, kNow),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("close_time")));
  EXPECT_THAT(
      CheckOpenBallot(NorthWest(), false, kNow, kNow - absl::Seconds(1)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("close_time")));
  EXPECT_THAT(
      CheckOpenBallot(NorthWest(), false, kNow, kNow + absl::Seconds(1)),
      IsOk());
}

TEST(VoteNamesTest, RoundTrip) {
  for (const auto& entry : kVoteChoices) {
    EXPECT_EQ(ValueOf(kVoteChoices, entry.name), entry.value);
  }
  EXPECT_EQ(NameOf(kBallotOutcomes, BallotOutcome::kNoQuorum), "NO_QUORUM");
}

}  // namespace
}  // namespace fhub::frameworks
