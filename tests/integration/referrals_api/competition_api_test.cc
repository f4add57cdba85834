// A referral's mini-competition: invitations, offers, declines, ranking,
// award, and what each party sees.

#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Providers(const v1::RankOffersResponse& ranked) {
  std::vector<std::string> out;
  for (const v1::RankedOffer& o : ranked.offers()) out.push_back(o.provider());
  return out;
}

TEST_F(ReferralsApiTest, SubmitInvitesTheEligibleProvidersWithinTheDistance) {
  v1::Referral created;
  ASSERT_THAT(Create(Commissioner(), SampleReferral(), &created), GrpcOk());
  EXPECT_EQ(created.status(), v1::DRAFT);
  EXPECT_EQ(created.max_distance_miles(), 20);
  EXPECT_EQ(created.weights().quality(), 60);
  EXPECT_EQ(created.weights().price(), 40);

  v1::Referral submitted;
  ASSERT_THAT(Submit(Commissioner(), created.name(), &submitted), GrpcOk());
  EXPECT_EQ(submitted.status(), v1::OPEN);
  EXPECT_EQ(submitted.invitation_count(), 4);  // Not Manchester's.
  EXPECT_EQ(FromProto(submitted.response_deadline()),
            clock_.Now() + absl::Hours(24));

  // The invitation is anonymised.
  v1::Invitation invitation;
  ASSERT_THAT(
      GetInvitation(ProviderUser("crosby-care"),
                    InvitationOf(created.name(), "crosby-care"), &invitation),
      GrpcOk());
  EXPECT_EQ(invitation.status(), v1::INVITED);
  EXPECT_EQ(invitation.referral().age(), 16);
  EXPECT_TRUE(invitation.referral().case_reference().empty());
  EXPECT_TRUE(invitation.referral().confidential_summary().empty());
  EXPECT_THAT(GetInvitation(ProviderUser("manchester-lodge"),
                            InvitationOf(created.name(), "manchester-lodge"),
                            &invitation),
              GrpcIs(grpc::StatusCode::NOT_FOUND));

  v1::ListInvitationsResponse open;
  ASSERT_THAT(ListInvitations(ProviderUser("bootle-house"), "bootle-house",
                              true, &open),
              GrpcOk());
  ASSERT_EQ(open.invitations_size(), 1);
  EXPECT_EQ(open.invitations(0).name(),
            InvitationOf(created.name(), "bootle-house"));
}

TEST_F(ReferralsApiTest, TheBestOfferIsRankedFirstAndAwardedIntoAPlacement) {
  const v1::Referral referral = Submitted();
  // Bootle House is dearer but far better on quality; Mersey Living is
  // cheaper.
  ASSERT_THAT(MakeOffer(ProviderUser("bootle-house"),
                        InvitationOf(referral.name(), "bootle-house"),
                        Offer("bootle-house", 85000, 1850, 600)),
              GrpcOk());
  ASSERT_THAT(MakeOffer(ProviderUser("mersey-living"),
                        InvitationOf(referral.name(), "mersey-living"),
                        Offer("mersey-living", 80000, 1800, 600)),
              GrpcOk());
  // Ranking waits for the competition to close.
  v1::RankOffersResponse ranked;
  EXPECT_THAT(Rank(Commissioner(), referral.name(), &ranked),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "OPEN"));
  ASSERT_THAT(Decline(ProviderUser("crosby-care"),
                      InvitationOf(referral.name(), "crosby-care"),
                      v1::CANNOT_MEET_NEEDS),
              GrpcOk());
  v1::Invitation last;
  ASSERT_THAT(Decline(ProviderUser("southport-homes"),
                      InvitationOf(referral.name(), "southport-homes"),
                      v1::LOCATION, &last),
              GrpcOk());
  EXPECT_EQ(last.referral().status(), v1::EVALUATING);

  ASSERT_THAT(Rank(Commissioner(), referral.name(), &ranked), GrpcOk());
  ASSERT_EQ(ranked.offers_size(), 2);
  EXPECT_THAT(Providers(ranked),
              ElementsAre("providers/bootle-house", "providers/mersey-living"));
  const v1::RankedOffer& best = ranked.offers(0);
  EXPECT_EQ(best.weekly_pence(), 85000 + 18500);
  EXPECT_EQ(ranked.offers(1).weekly_pence(), 80000 + 18000);
  EXPECT_DOUBLE_EQ(ranked.offers(1).price_component(), 1.0);
  EXPECT_DOUBLE_EQ(best.price_component(), 98000.0 / 103500.0);
  EXPECT_NEAR(best.score(),
              60 * best.quality_component() + 40 * best.price_component(),
              1e-9);

  // Choosing the second needs a reason.
  EXPECT_THAT(Award(Commissioner(), referral.name(),
                    InvitationOf(referral.name(), "mersey-living"), ""),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "reason"));
  v1::Placement placement;
  ASSERT_THAT(
      Award(Commissioner(), referral.name(),
            InvitationOf(referral.name(), "bootle-house"), "", &placement),
      GrpcOk());
  EXPECT_EQ(placement.provider(), "providers/bootle-house");
  EXPECT_EQ(placement.case_reference(), "SEF-2026-0042");
  EXPECT_EQ(placement.accommodation_weekly_pence(), 85000);
  ASSERT_EQ(placement.hours_size(), 1);
  EXPECT_EQ(placement.hours(0).support_minutes_per_week(), 600);

  // Only the awarded provider now sees the confidential part.
  v1::Invitation seen;
  ASSERT_THAT(
      GetInvitation(ProviderUser("bootle-house"),
                    InvitationOf(referral.name(), "bootle-house"), &seen),
      GrpcOk());
  EXPECT_EQ(seen.status(), v1::OFFER_AWARDED);
  EXPECT_EQ(seen.referral().case_reference(), "SEF-2026-0042");
  EXPECT_FALSE(seen.referral().confidential_summary().empty());
  ASSERT_THAT(
      GetInvitation(ProviderUser("mersey-living"),
                    InvitationOf(referral.name(), "mersey-living"), &seen),
      GrpcOk());
  EXPECT_EQ(seen.status(), v1::UNSUCCESSFUL);
  EXPECT_TRUE(seen.referral().case_reference().empty());
  EXPECT_TRUE(seen.referral().confidential_summary().empty());

  // The ranking stays readable after the award, as it stood then.
  v1::RankOffersResponse after;
  ASSERT_THAT(Rank(Commissioner(), referral.name(), &after), GrpcOk());
  EXPECT_THAT(Providers(after),
              ElementsAre("providers/bootle-house", "providers/mersey-living"));
  EXPECT_EQ(after.offers(0).score(), best.score());

  // A second award of the referral fails.
  EXPECT_THAT(
      Award(Commissioner(), referral.name(),
            InvitationOf(referral.name(), "mersey-living"), "closer to school"),
      GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "AWARDED"));
  // Wirral sees none of it.
  v1::Referral other;
  EXPECT_THAT(Get(Commissioner("wirral"), referral.name(), &other),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(Rank(Commissioner("wirral"), referral.name(), &ranked),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(ReferralsApiTest, AnOfferAboveThePriceBookIsRefusedNamingTheComponent) {
  const v1::Referral referral = Submitted();
  EXPECT_THAT(MakeOffer(ProviderUser("bootle-house"),
                        InvitationOf(referral.name(), "bootle-house"),
                        Offer("bootle-house", 86000)),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION,
                     "accommodation_weekly_pence 86000 is above the price "
                     "book's 85000"));
  // With spot prices allowed it stands, marked.
  ASSERT_THAT(story_->SetSpotPrices("sefton", true), GrpcOk());
  v1::Invitation offered;
  ASSERT_THAT(MakeOffer(ProviderUser("bootle-house"),
                        InvitationOf(referral.name(), "bootle-house"),
                        Offer("bootle-house", 86000), &offered),
              GrpcOk());
  EXPECT_EQ(offered.status(), v1::OFFERED);
  EXPECT_TRUE(offered.spot_price());
  EXPECT_EQ(offered.offer_weekly_pence(), 86000 + 18500);
}

TEST_F(ReferralsApiTest, AfterTheDeadlineNothingChanges) {
  const v1::Referral referral = Submitted();
  ASSERT_THAT(MakeOffer(ProviderUser("bootle-house"),
                        InvitationOf(referral.name(), "bootle-house"),
                        Offer("bootle-house")),
              GrpcOk());
  clock_.Advance(absl::Hours(25));
  EXPECT_THAT(MakeOffer(ProviderUser("mersey-living"),
                        InvitationOf(referral.name(), "mersey-living"),
                        Offer("mersey-living")),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "closed"));
  EXPECT_THAT(Withdraw(ProviderUser("bootle-house"),
                       InvitationOf(referral.name(), "bootle-house")),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION));
  v1::Referral now;
  ASSERT_THAT(Get(Commissioner(), referral.name(), &now), GrpcOk());
  EXPECT_EQ(now.status(), v1::EVALUATING);
  v1::Invitation late;
  ASSERT_THAT(
      GetInvitation(ProviderUser("mersey-living"),
                    InvitationOf(referral.name(), "mersey-living"), &late),
      GrpcOk());
  EXPECT_EQ(late.status(), v1::CLOSED);
  // The sweep writes the close down.
  auto closed = service_->CloseDueCompetitions();
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(*closed, 1);
}

TEST_F(ReferralsApiTest, NoOffersMeansNoSuitableOfferAndAWiderSearchReopens) {
  const v1::Referral referral = Submitted();
  AnswerAll(referral.name(), {});
  v1::Referral closed;
  ASSERT_THAT(Get(Commissioner(), referral.name(), &closed), GrpcOk());
  EXPECT_EQ(closed.status(), v1::NO_SUITABLE_OFFER);
  EXPECT_EQ(closed.decline_count(), 4);

  v1::ReopenReferralRequest reopen;
  reopen.set_name(referral.name());
  reopen.set_max_distance_miles(60);
  reopen.set_request_id(NextRequestId());
  v1::Referral reopened;
  ASSERT_THAT(stub_->ReopenReferral(testing::CallContext(Commissioner()).get(),
                                    reopen, &reopened),
              GrpcOk());
  EXPECT_EQ(reopened.status(), v1::OPEN);
  EXPECT_EQ(reopened.max_distance_miles(), 60);
  EXPECT_EQ(reopened.invitation_count(), 5);  // Manchester now too.
  v1::Invitation invitation;
  ASSERT_THAT(GetInvitation(ProviderUser("manchester-lodge"),
                            InvitationOf(referral.name(), "manchester-lodge"),
                            &invitation),
              GrpcOk());
  EXPECT_EQ(invitation.status(), v1::INVITED);
}

TEST_F(ReferralsApiTest, ASuspensionWithdrawsTheProvidersOpenInvitations) {
  const v1::Referral referral = Submitted();
  ASSERT_THAT(story_->SuspendForMember("sefton", "crosby-care"), GrpcOk());
  v1::Invitation invitation;
  for (int i = 0; i < 100; ++i) {
    ASSERT_THAT(GetInvitation(ProviderUser("crosby-care"),
                              InvitationOf(referral.name(), "crosby-care"),
                              &invitation),
                GrpcOk());
    if (invitation.status() == v1::REVOKED) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(invitation.status(), v1::REVOKED);
  EXPECT_THAT(MakeOffer(ProviderUser("crosby-care"),
                        InvitationOf(referral.name(), "crosby-care"),
                        Offer("crosby-care")),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "suspended"));
}

}  // namespace
}  // namespace fhub::referrals
