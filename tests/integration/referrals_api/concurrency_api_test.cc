// Answers and awards racing each other: the last two answers of a
// competition at once, one referral awarded twice at once (two choices, or
// one call and its retry), and the last place of a setting awarded to two
// referrals at once. Each race runs a few rounds, both calls
// released together on their own threads.

#include <functional>
#include <thread>
#include <utility>

#include "absl/synchronization/notification.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

using ::google::protobuf::util::MessageDifferencer;

constexpr int kRounds = 5;

// Runs `a` and `b` at once, each on its own thread.
std::pair<grpc::Status, grpc::Status> AtOnce(
    const std::function<grpc::Status()>& a,
    const std::function<grpc::Status()>& b) {
  absl::Notification go;
  grpc::Status first;
  grpc::Status second;
  std::thread one([&] {
    go.WaitForNotification();
    first = a();
  });
  std::thread two([&] {
    go.WaitForNotification();
    second = b();
  });
  go.Notify();
  one.join();
  two.join();
  return {first, second};
}

TEST_F(ReferralsApiTest, TwoAwardsOfOneReferralAtOncePlaceItOnce) {
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    // Each round a day later than the last, whose placement ends the day
    // it starts: the settings' four places never run out.
    v1::Referral wanted = SampleReferral();
    wanted.mutable_wanted_start_date()->set_day(14 + round);
    const v1::Referral referral = Submitted(wanted);
    AnswerAll(referral.name(), {"bootle-house", "mersey-living"});
    // Tokens and request ids are made here: the helpers' counter is not
    // shared between threads.
    const std::string token = Commissioner();
    const std::string bootle_id = NextRequestId();
    const std::string mersey_id = NextRequestId();
    v1::Placement bootle;
    v1::Placement mersey;
    const auto [to_bootle, to_mersey] = AtOnce(
        [&] {
          return Award(token, referral.name(),
                       InvitationOf(referral.name(), "bootle-house"), "",
                       &bootle, bootle_id);
        },
        [&] {
          return Award(token, referral.name(),
                       InvitationOf(referral.name(), "mersey-living"),
                       "closer to school", &mersey, mersey_id);
        });
    ASSERT_NE(to_bootle.ok(), to_mersey.ok())
        << to_bootle.error_message() << " / " << to_mersey.error_message();
    const grpc::Status& lost = to_bootle.ok() ? to_mersey : to_bootle;
    EXPECT_THAT(
        lost, GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "already AWARDED"));
    const v1::Placement& won = to_bootle.ok() ? bootle : mersey;
    EXPECT_EQ(CountRows("placements"), round + 1);

    v1::Referral awarded;
    ASSERT_THAT(Get(Commissioner(), referral.name(), &awarded), GrpcOk());
    EXPECT_EQ(awarded.status(), v1::AWARDED);
    EXPECT_EQ(awarded.placement(), won.name());
    // One invitation awarded, the other unsuccessful.
    v1::Invitation at_bootle;
    v1::Invitation at_mersey;
    ASSERT_THAT(
        GetInvitation(token, InvitationOf(referral.name(), "bootle-house"),
                      &at_bootle),
        GrpcOk());
    ASSERT_THAT(
        GetInvitation(token, InvitationOf(referral.name(), "mersey-living"),
                      &at_mersey),
        GrpcOk());
    EXPECT_EQ(at_bootle.status(),
              to_bootle.ok() ? v1::OFFER_AWARDED : v1::UNSUCCESSFUL);
    EXPECT_EQ(at_mersey.status(),
              to_mersey.ok() ? v1::OFFER_AWARDED : v1::UNSUCCESSFUL);
    ASSERT_THAT(EndPlacement(Commissioner(), won.name(),
                             DayText(won.start_date()), v1::RETURNED_HOME),
                GrpcOk());
  }
}

TEST_F(ReferralsApiTest, AnAwardAndItsRetryAtOnceApplyOnceAndAnswerAlike) {
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    v1::Referral wanted = SampleReferral();
    wanted.mutable_wanted_start_date()->set_day(14 + round);
    const v1::Referral referral = Submitted(wanted);
    AnswerAll(referral.name(), {"bootle-house"});
    const std::string token = Commissioner();
    const std::string request_id = NextRequestId();
    const std::string invitation =
        InvitationOf(referral.name(), "bootle-house");
    v1::Placement first;
    v1::Placement retried;
    const auto [original, retry] = AtOnce(
        [&] {
          return Award(token, referral.name(), invitation, "", &first,
                       request_id);
        },
        [&] {
          return Award(token, referral.name(), invitation, "", &retried,
                       request_id);
        });
    ASSERT_THAT(original, GrpcOk());
    ASSERT_THAT(retry, GrpcOk());
    EXPECT_TRUE(MessageDifferencer::Equals(first, retried))
        << first.DebugString() << " vs " << retried.DebugString();
    EXPECT_EQ(CountRows("placements"), round + 1);
    ASSERT_THAT(EndPlacement(Commissioner(), first.name(),
                             DayText(first.start_date()), v1::RETURNED_HOME),
                GrpcOk());
  }
}

TEST_F(ReferralsApiTest, TheLastPlaceOfASettingGoesToOneOfTwoAwardsAtOnce) {
  testing::ProviderSpec lodge;
  lodge.id = "litherland-lodge";
  lodge.where = testing::kBootle;
  lodge.capacity = 1;  // The setting's only place.
  ASSERT_THAT(story_->AdmitProvider(lodge), GrpcOk());
  ASSERT_THAT(story_->AcceptedBook("sefton", "litherland-lodge", 85000, 1850),
              GrpcOk());
  const std::string setting = "providers/litherland-lodge/settings/main";
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    // Each round a day later than the last, whose placement ends the day
    // it starts.
    v1::Referral wanted = SampleReferral();
    wanted.mutable_wanted_start_date()->set_day(14 + round);
    const v1::Referral one = Submitted(wanted);
    const v1::Referral two = Submitted(wanted);
    ASSERT_EQ(one.invitation_count(), 5);
    AnswerAll(one.name(), {"litherland-lodge"});
    AnswerAll(two.name(), {"litherland-lodge"});

    const std::string token = Commissioner();
    const std::string one_id = NextRequestId();
    const std::string two_id = NextRequestId();
    v1::Placement first;
    v1::Placement second;
    const auto [to_one, to_two] = AtOnce(
        [&] {
          return Award(token, one.name(),
                       InvitationOf(one.name(), "litherland-lodge"), "", &first,
                       one_id);
        },
        [&] {
          return Award(token, two.name(),
                       InvitationOf(two.name(), "litherland-lodge"), "",
                       &second, two_id);
        });
    ASSERT_NE(to_one.ok(), to_two.ok())
        << to_one.error_message() << " / " << to_two.error_message();
    const grpc::Status& lost = to_one.ok() ? to_two : to_one;
    EXPECT_THAT(lost, GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, setting));
    EXPECT_THAT(lost,
                GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "no free place"));
    EXPECT_EQ(CountRows("placements"), round + 1);
    EXPECT_EQ(CountRows("placements",
                        "provider_id = 'litherland-lodge' AND "
                        "end_date IS NULL"),
              1);

    // The loser is still EVALUATING with its offer live.
    v1::Referral other;
    ASSERT_THAT(Get(Commissioner(), (to_one.ok() ? two : one).name(), &other),
                GrpcOk());
    EXPECT_EQ(other.status(), v1::EVALUATING);

    const v1::Placement& won = to_one.ok() ? first : second;
    EXPECT_EQ(won.setting(), setting);
    EXPECT_EQ(won.start_date().day(), 14 + round);
    ASSERT_THAT(EndPlacement(Commissioner(), won.name(),
                             DayText(won.start_date()), v1::RETURNED_HOME),
                GrpcOk());
  }
}

// An answer reads the counts after it holds the referral's lock, so of the
// last two answers given at once the later sees the earlier: the
// competition closes (not left OPEN with nobody waiting), once.
TEST_F(ReferralsApiTest, TheLastTwoAnswersAtOnceCloseTheCompetitionOnce) {
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    const v1::Referral referral = Submitted();
    // Every invited provider but these two declines first.
    int declined = 0;
    for (const char* p :
         {"crosby-care", "southport-homes", "manchester-lodge"}) {
      v1::Invitation invitation;
      if (!GetInvitation(ProviderUser(p), InvitationOf(referral.name(), p),
                         &invitation)
               .ok()) {
        continue;  // Not invited.
      }
      ASSERT_THAT(Decline(ProviderUser(p), InvitationOf(referral.name(), p),
                          v1::NO_VACANCY),
                  GrpcOk())
          << p;
      ++declined;
    }
    ASSERT_EQ(referral.invitation_count(), declined + 2);
    const std::string bootle_token = ProviderUser("bootle-house");
    const std::string mersey_token = ProviderUser("mersey-living");
    const std::string bootle_id = NextRequestId();
    const std::string mersey_id = NextRequestId();
    const v1::OfferTerms bootle_offer = Offer("bootle-house");
    const v1::OfferTerms mersey_offer = Offer("mersey-living");
    v1::Invitation bootle;
    v1::Invitation mersey;
    const auto [from_bootle, from_mersey] = AtOnce(
        [&] {
          return MakeOffer(bootle_token,
                           InvitationOf(referral.name(), "bootle-house"),
                           bootle_offer, &bootle, bootle_id);
        },
        [&] {
          return MakeOffer(mersey_token,
                           InvitationOf(referral.name(), "mersey-living"),
                           mersey_offer, &mersey, mersey_id);
        });
    ASSERT_THAT(from_bootle, GrpcOk());
    ASSERT_THAT(from_mersey, GrpcOk());
    EXPECT_EQ(bootle.status(), v1::OFFERED);
    EXPECT_EQ(mersey.status(), v1::OFFERED);

    const std::string number =
        referral.name().substr(referral.name().rfind('/') + 1);
    v1::Referral closed;
    ASSERT_THAT(Get(Commissioner(), referral.name(), &closed), GrpcOk());
    EXPECT_EQ(closed.status(), v1::EVALUATING);
    EXPECT_EQ(closed.offer_count(), 2);
    EXPECT_EQ(closed.decline_count(), declined);
    EXPECT_EQ(
        CountRows("referrals", absl::StrCat("referral_id = ", number,
                                            " AND status = 'EVALUATING'")),
        1);
    EXPECT_EQ(CountRows("invitations", absl::StrCat("referral_id = ", number,
                                                    " AND status = 'INVITED'")),
              0);
  }
}

}  // namespace
}  // namespace fhub::referrals
