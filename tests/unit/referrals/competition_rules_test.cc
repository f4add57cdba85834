// How a referral's mini-competition moves on, as referral_rules.h
// promises: who waits, when it closes, what each invitation then shows, who
// may answer or withdraw, and when it may be cancelled or re-opened.

#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/referrals/domain/referral_rules.h"
#include "tests/unit/referrals/fixtures.h"

namespace fhub::referrals {
namespace {

using ::fhub::referrals::testing::InvitationOf;
using ::fhub::referrals::testing::kNow;
using ::fhub::referrals::testing::OpenReferral;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kPrecondition =
    absl::StatusCode::kFailedPrecondition;

constexpr InvitationStatus kAllInvitationStatuses[] = {
    InvitationStatus::kInvited,      InvitationStatus::kOffered,
    InvitationStatus::kDeclined,     InvitationStatus::kOfferWithdrawn,
    InvitationStatus::kRevoked,      InvitationStatus::kClosed,
    InvitationStatus::kOfferAwarded, InvitationStatus::kUnsuccessful,
};

// Every status but OPEN, which is what a competition can be once closed (or
// before it opens).
constexpr ReferralStatus kNotOpen[] = {
    ReferralStatus::kDraft,           ReferralStatus::kEvaluating,
    ReferralStatus::kAwarded,         ReferralStatus::kCancelled,
    ReferralStatus::kNoSuitableOffer,
};

// ---------------------------------------------------------------------------
// Waiting, LiveOffer

TEST(WaitingTest, OnlyInvitedWaitsAndOnlyOfferedIsLive) {
  for (InvitationStatus status : kAllInvitationStatuses) {
    const Invitation invitation = InvitationOf("acme-care", status);
    EXPECT_EQ(Waiting(invitation), status == InvitationStatus::kInvited)
        << NameOf(kInvitationStatuses, status);
    EXPECT_EQ(LiveOffer(invitation), status == InvitationStatus::kOffered)
        << NameOf(kInvitationStatuses, status);
  }
}

TEST(RankedAtTest, LiveOffersUntilTheAwardThenTheOffersLiveAtIt) {
  for (InvitationStatus status : kAllInvitationStatuses) {
    const Invitation invitation = InvitationOf("acme-care", status);
    const std::string name(NameOf(kInvitationStatuses, status));
    EXPECT_EQ(RankedAt(invitation, ReferralStatus::kEvaluating),
              status == InvitationStatus::kOffered)
        << name;
    EXPECT_EQ(RankedAt(invitation, ReferralStatus::kAwarded),
              status == InvitationStatus::kOfferAwarded ||
                  status == InvitationStatus::kUnsuccessful)
        << name;
  }
}

// ---------------------------------------------------------------------------
// CompetitionStatus

TEST(CompetitionStatusTest, OpenWhileSomeoneWaitsBeforeTheDeadline) {
  const Referral r = OpenReferral();
  const std::vector<Invitation> invitations = {
      InvitationOf("acme-care", InvitationStatus::kOffered),
      InvitationOf("bright-futures", InvitationStatus::kInvited),
      InvitationOf("cedar-homes", InvitationStatus::kDeclined)};
  EXPECT_EQ(CompetitionStatus(r, invitations, kNow), ReferralStatus::kOpen);
  EXPECT_EQ(CompetitionStatus(r, invitations,
                              *r.response_deadline - absl::Seconds(1)),
            ReferralStatus::kOpen);
}

TEST(CompetitionStatusTest, EveryoneAnsweredWithAnOfferIsEvaluating) {
  const Referral r = OpenReferral();
  const std::vector<Invitation> invitations = {
      InvitationOf("acme-care", InvitationStatus::kOffered),
      InvitationOf("bright-futures", InvitationStatus::kDeclined),
      InvitationOf("cedar-homes", InvitationStatus::kRevoked)};
  EXPECT_EQ(CompetitionStatus(r, invitations, kNow),
            ReferralStatus::kEvaluating);
}

TEST(CompetitionStatusTest, EveryoneAnsweredWithoutAnOfferIsNoSuitableOffer) {
  const Referral r = OpenReferral();
  const std::vector<Invitation> invitations = {
      InvitationOf("acme-care", InvitationStatus::kOfferWithdrawn),
      InvitationOf("bright-futures", InvitationStatus::kDeclined),
      InvitationOf("cedar-homes", InvitationStatus::kRevoked)};
  EXPECT_EQ(CompetitionStatus(r, invitations, kNow),
            ReferralStatus::kNoSuitableOffer);
}

TEST(CompetitionStatusTest, TheDeadlineClosesItWhoeverStillWaits) {
  const Referral r = OpenReferral();
  const std::vector<Invitation> with_offer = {
      InvitationOf("acme-care", InvitationStatus::kOffered),
      InvitationOf("bright-futures", InvitationStatus::kInvited)};
  const std::vector<Invitation> without_offer = {
      InvitationOf("acme-care", InvitationStatus::kDeclined),
      InvitationOf("bright-futures", InvitationStatus::kInvited)};
  for (absl::Time at :
       {*r.response_deadline, *r.response_deadline + absl::Hours(5)}) {
    EXPECT_EQ(CompetitionStatus(r, with_offer, at),
              ReferralStatus::kEvaluating);
    EXPECT_EQ(CompetitionStatus(r, without_offer, at),
              ReferralStatus::kNoSuitableOffer);
  }
}

TEST(CompetitionStatusTest, NobodyInvitedIsNoSuitableOffer) {
  const Referral r = OpenReferral();
  EXPECT_EQ(CompetitionStatus(r, {}, kNow), ReferralStatus::kNoSuitableOffer);
}

TEST(CompetitionStatusTest, OtherStatusesAreReturnedAsStored) {
  const std::vector<Invitation> waiting = {
      InvitationOf("acme-care", InvitationStatus::kInvited)};
  const std::vector<Invitation> offered = {
      InvitationOf("acme-care", InvitationStatus::kOffered)};
  for (ReferralStatus status : kNotOpen) {
    Referral r = OpenReferral();
    r.status = status;
    for (absl::Time at : {kNow, *r.response_deadline + absl::Hours(1)}) {
      EXPECT_EQ(CompetitionStatus(r, waiting, at), status)
          << NameOf(kReferralStatuses, status);
      EXPECT_EQ(CompetitionStatus(r, offered, at), status)
          << NameOf(kReferralStatuses, status);
      EXPECT_EQ(CompetitionStatus(r, {}, at), status)
          << NameOf(kReferralStatuses, status);
    }
  }
}

// An answer knows only the counts (someone waiting, some offer live): they
// give what the invitations themselves give, for every pair of statuses,
// in every referral status, before and after the deadline.
TEST(CompetitionStatusTest, TheCountsGiveWhatTheInvitationsGive) {
  for (ReferralStatus status :
       {ReferralStatus::kOpen, ReferralStatus::kEvaluating,
        ReferralStatus::kNoSuitableOffer}) {
    Referral r = OpenReferral();
    r.status = status;
    for (InvitationStatus first : kAllInvitationStatuses) {
      for (InvitationStatus second : kAllInvitationStatuses) {
        const std::vector<Invitation> invitations = {
            InvitationOf("acme-care", first),
            InvitationOf("bright-futures", second)};
        const bool waiting = first == InvitationStatus::kInvited ||
                             second == InvitationStatus::kInvited;
        const bool offers = first == InvitationStatus::kOffered ||
                            second == InvitationStatus::kOffered;
        for (absl::Time at : {kNow, *r.response_deadline}) {
          EXPECT_EQ(CompetitionStatus(r, waiting, offers, at),
                    CompetitionStatus(r, invitations, at))
              << NameOf(kReferralStatuses, status) << " "
              << NameOf(kInvitationStatuses, first) << " "
              << NameOf(kInvitationStatuses, second);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// InvitationStatusAt

TEST(InvitationStatusAtTest, InvitedStaysInvitedWhileOpen) {
  const Referral r = OpenReferral();
  EXPECT_EQ(
      InvitationStatusAt(r, ReferralStatus::kOpen,
                         InvitationOf("acme-care", InvitationStatus::kInvited)),
      InvitationStatus::kInvited);
}

TEST(InvitationStatusAtTest, InvitedTurnsClosedOnceTheCompetitionCloses) {
  const Referral r = OpenReferral();
  const Invitation invited =
      InvitationOf("acme-care", InvitationStatus::kInvited);
  for (ReferralStatus competition :
       {ReferralStatus::kEvaluating, ReferralStatus::kNoSuitableOffer,
        ReferralStatus::kCancelled, ReferralStatus::kAwarded}) {
    EXPECT_EQ(InvitationStatusAt(r, competition, invited),
              InvitationStatus::kClosed)
        << NameOf(kReferralStatuses, competition);
  }
}

TEST(InvitationStatusAtTest, AnsweredInvitationsKeepTheirStatus) {
  const Referral r = OpenReferral();
  for (InvitationStatus status : kAllInvitationStatuses) {
    if (status == InvitationStatus::kInvited) continue;
    const Invitation invitation = InvitationOf("acme-care", status);
    for (ReferralStatus competition :
         {ReferralStatus::kOpen, ReferralStatus::kEvaluating,
          ReferralStatus::kNoSuitableOffer, ReferralStatus::kCancelled}) {
      EXPECT_EQ(InvitationStatusAt(r, competition, invitation), status)
          << NameOf(kInvitationStatuses, status) << " under "
          << NameOf(kReferralStatuses, competition);
    }
  }
}

// ---------------------------------------------------------------------------
// CheckCanAnswer

TEST(CheckCanAnswerTest, AnInvitedProviderMayAnswerWhileOpen) {
  EXPECT_THAT(
      CheckCanAnswer(OpenReferral(), ReferralStatus::kOpen,
                     InvitationOf("acme-care", InvitationStatus::kInvited)),
      IsOk());
}

TEST(CheckCanAnswerTest, NotOnceAnswered) {
  const Referral r = OpenReferral();
  for (InvitationStatus status : kAllInvitationStatuses) {
    if (status == InvitationStatus::kInvited) continue;
    EXPECT_THAT(CheckCanAnswer(r, ReferralStatus::kOpen,
                               InvitationOf("acme-care", status)),
                StatusIs(kPrecondition))
        << NameOf(kInvitationStatuses, status);
  }
  EXPECT_THAT(
      CheckCanAnswer(r, ReferralStatus::kOpen,
                     InvitationOf("acme-care", InvitationStatus::kOffered)),
      StatusIs(kPrecondition, HasSubstr("OFFERED")));
}

TEST(CheckCanAnswerTest, NotOnceTheCompetitionHasClosed) {
  const Referral r = OpenReferral();
  for (ReferralStatus competition : kNotOpen) {
    for (InvitationStatus status : kAllInvitationStatuses) {
      EXPECT_THAT(
          CheckCanAnswer(r, competition, InvitationOf("acme-care", status)),
          StatusIs(kPrecondition))
          << NameOf(kInvitationStatuses, status) << " under "
          << NameOf(kReferralStatuses, competition);
    }
  }
  EXPECT_THAT(
      CheckCanAnswer(r, ReferralStatus::kEvaluating,
                     InvitationOf("acme-care", InvitationStatus::kInvited)),
      StatusIs(kPrecondition, HasSubstr("closed")));
}

TEST(CheckCanAnswerTest, NotWhenRevoked) {
  EXPECT_THAT(
      CheckCanAnswer(OpenReferral(), ReferralStatus::kOpen,
                     InvitationOf("acme-care", InvitationStatus::kRevoked)),
      StatusIs(kPrecondition, HasSubstr("suspended")));
}

TEST(CheckCanAnswerTest, NotWhenTheReferralIsCancelled) {
  Referral r = OpenReferral();
  r.status = ReferralStatus::kCancelled;
  EXPECT_THAT(
      CheckCanAnswer(r, ReferralStatus::kCancelled,
                     InvitationOf("acme-care", InvitationStatus::kInvited)),
      StatusIs(kPrecondition, HasSubstr("cancelled")));
}

// ---------------------------------------------------------------------------
// CheckCanWithdraw

TEST(CheckCanWithdrawTest, ALiveOfferWhileOpen) {
  EXPECT_THAT(
      CheckCanWithdraw(OpenReferral(), ReferralStatus::kOpen,
                       InvitationOf("acme-care", InvitationStatus::kOffered)),
      IsOk());
}

TEST(CheckCanWithdrawTest, NothingButALiveOffer) {
  const Referral r = OpenReferral();
  for (InvitationStatus status : kAllInvitationStatuses) {
    if (status == InvitationStatus::kOffered) continue;
    EXPECT_THAT(CheckCanWithdraw(r, ReferralStatus::kOpen,
                                 InvitationOf("acme-care", status)),
                StatusIs(kPrecondition, HasSubstr("no live offer")))
        << NameOf(kInvitationStatuses, status);
  }
  EXPECT_THAT(
      CheckCanWithdraw(r, ReferralStatus::kOpen,
                       InvitationOf("acme-care", InvitationStatus::kRevoked)),
      StatusIs(kPrecondition, HasSubstr("REVOKED")));
}

TEST(CheckCanWithdrawTest, NotOnceTheCompetitionHasClosed) {
  const Referral r = OpenReferral();
  for (ReferralStatus competition : kNotOpen) {
    EXPECT_THAT(
        CheckCanWithdraw(r, competition,
                         InvitationOf("acme-care", InvitationStatus::kOffered)),
        StatusIs(kPrecondition))
        << NameOf(kReferralStatuses, competition);
  }
  // An invitation left unanswered reads as CLOSED after the deadline.
  EXPECT_THAT(
      CheckCanWithdraw(r, ReferralStatus::kEvaluating,
                       InvitationOf("acme-care", InvitationStatus::kInvited)),
      StatusIs(kPrecondition, HasSubstr("CLOSED")));
}

// ---------------------------------------------------------------------------
// CheckCanCancel, CheckCanReopen

TEST(CheckCanCancelTest, AnyStateBeforeAwarded) {
  for (ReferralStatus competition :
       {ReferralStatus::kDraft, ReferralStatus::kOpen,
        ReferralStatus::kEvaluating, ReferralStatus::kNoSuitableOffer}) {
    EXPECT_THAT(CheckCanCancel(competition), IsOk())
        << NameOf(kReferralStatuses, competition);
  }
  EXPECT_THAT(CheckCanCancel(ReferralStatus::kAwarded),
              StatusIs(kPrecondition, HasSubstr("AWARDED")));
  EXPECT_THAT(CheckCanCancel(ReferralStatus::kCancelled),
              StatusIs(kPrecondition, HasSubstr("CANCELLED")));
}

TEST(CheckCanReopenTest, OnlyNoSuitableOffer) {
  const Referral r = OpenReferral();
  EXPECT_THAT(CheckCanReopen(ReferralStatus::kNoSuitableOffer, r, 0), IsOk());
  for (ReferralStatus competition :
       {ReferralStatus::kDraft, ReferralStatus::kOpen,
        ReferralStatus::kEvaluating, ReferralStatus::kAwarded,
        ReferralStatus::kCancelled}) {
    EXPECT_THAT(CheckCanReopen(competition, r, 0),
                StatusIs(kPrecondition, HasSubstr(std::string(NameOf(
                                            kReferralStatuses, competition)))))
        << NameOf(kReferralStatuses, competition);
    EXPECT_THAT(CheckCanReopen(competition, r, 40), StatusIs(kPrecondition))
        << NameOf(kReferralStatuses, competition);
  }
}

TEST(CheckCanReopenTest, TheDistanceMayOnlyWidenUpTo700Miles) {
  Referral r = OpenReferral();
  r.status = ReferralStatus::kNoSuitableOffer;
  r.max_distance_miles = 20;
  const ReferralStatus nso = ReferralStatus::kNoSuitableOffer;
  for (double miles : {0.0, 20.0, 20.5, 100.0, 700.0}) {
    EXPECT_THAT(CheckCanReopen(nso, r, miles), IsOk()) << miles;
  }
  for (double miles : {19.9, 5.0, -1.0}) {
    EXPECT_THAT(CheckCanReopen(nso, r, miles),
                StatusIs(kInvalid, AllOf(HasSubstr("max_distance_miles"),
                                         HasSubstr("widen"))))
        << miles;
  }
  for (double miles : {700.5, 5000.0, std::numeric_limits<double>::infinity(),
                       std::numeric_limits<double>::quiet_NaN()}) {
    EXPECT_THAT(CheckCanReopen(nso, r, miles),
                StatusIs(kInvalid, HasSubstr("max_distance_miles")))
        << miles;
  }
}

}  // namespace
}  // namespace fhub::referrals
