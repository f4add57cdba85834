// Figures over a period after one whole competition: what was asked, what
// was offered and declined and why, what was awarded and placed.

#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

using ::testing::IsEmpty;

TEST_F(ReferralsApiTest, FiguresCountOneCompetitionExactly) {
  // Submitted on 30 November: four invited (not Manchester Lodge), two
  // offers, two declines with their reasons.
  const v1::Referral referral = Submitted();
  ASSERT_EQ(referral.invitation_count(), 4);
  ASSERT_THAT(MakeOffer(ProviderUser("bootle-house"),
                        InvitationOf(referral.name(), "bootle-house"),
                        Offer("bootle-house", 85000, 1850, 600)),
              GrpcOk());
  ASSERT_THAT(MakeOffer(ProviderUser("mersey-living"),
                        InvitationOf(referral.name(), "mersey-living"),
                        Offer("mersey-living", 80000, 1800, 600)),
              GrpcOk());
  ASSERT_THAT(Decline(ProviderUser("crosby-care"),
                      InvitationOf(referral.name(), "crosby-care"),
                      v1::CANNOT_MEET_NEEDS),
              GrpcOk());
  ASSERT_THAT(
      Decline(ProviderUser("southport-homes"),
              InvitationOf(referral.name(), "southport-homes"), v1::LOCATION),
      GrpcOk());
  // Awarded three hours after submission to Bootle House, which is in
  // Bootle like the young person's home; the placement starts on 14
  // December.
  clock_.Advance(absl::Hours(3));
  v1::Placement placement;
  ASSERT_THAT(
      Award(Commissioner(), referral.name(),
            InvitationOf(referral.name(), "bootle-house"), "", &placement),
      GrpcOk());
  ASSERT_LE(placement.distance_miles(), 20);

  v1::Figures f;
  ASSERT_THAT(Figures(Commissioner(), "sefton", "2026-11-01", "2026-12-31", &f),
              GrpcOk());
  EXPECT_EQ(f.framework(), kNw);
  EXPECT_EQ(f.authority(), "authorities/sefton");
  EXPECT_EQ(f.referrals(), 1);
  EXPECT_EQ(f.invitations(), 4);
  EXPECT_EQ(f.offers(), 2);
  EXPECT_DOUBLE_EQ(f.offers_per_referral(), 2.0);
  ASSERT_EQ(f.declines_size(), 2);
  EXPECT_EQ(f.declines(0).reason(), v1::CANNOT_MEET_NEEDS);
  EXPECT_EQ(f.declines(0).count(), 1);
  EXPECT_EQ(f.declines(1).reason(), v1::LOCATION);
  EXPECT_EQ(f.declines(1).count(), 1);
  EXPECT_EQ(f.awarded(), 1);
  EXPECT_DOUBLE_EQ(f.mean_hours_to_award(), 3.0);
  EXPECT_EQ(f.placements_started(), 1);
  EXPECT_EQ(f.placements_ended(), 0);
  EXPECT_DOUBLE_EQ(f.share_within_20_miles(), 1.0);
  // 85000 + round(1850 x 600 / 60) = 85000 + 18500.
  EXPECT_EQ(f.mean_weekly_pence(), 103500);

  // November alone: the referral, but no placement started yet.
  ASSERT_THAT(Figures(Commissioner(), "sefton", "2026-11-01", "2026-11-30", &f),
              GrpcOk());
  EXPECT_EQ(f.referrals(), 1);
  EXPECT_EQ(f.awarded(), 1);
  EXPECT_EQ(f.placements_started(), 0);
  EXPECT_DOUBLE_EQ(f.share_within_20_miles(), 0.0);
  EXPECT_EQ(f.mean_weekly_pence(), 0);

  // December alone: the placement, but the referral was submitted before.
  ASSERT_THAT(Figures(Commissioner(), "sefton", "2026-12-01", "2026-12-31", &f),
              GrpcOk());
  EXPECT_EQ(f.referrals(), 0);
  EXPECT_DOUBLE_EQ(f.offers_per_referral(), 0.0);
  EXPECT_THAT(f.declines(), IsEmpty());
  EXPECT_EQ(f.placements_started(), 1);
  EXPECT_EQ(f.mean_weekly_pence(), 103500);

  // October: nothing at all.
  ASSERT_THAT(Figures(Commissioner(), "sefton", "2026-10-01", "2026-10-31", &f),
              GrpcOk());
  EXPECT_EQ(f.referrals(), 0);
  EXPECT_EQ(f.invitations(), 0);
  EXPECT_EQ(f.offers(), 0);
  EXPECT_DOUBLE_EQ(f.offers_per_referral(), 0.0);
  EXPECT_THAT(f.declines(), IsEmpty());
  EXPECT_EQ(f.awarded(), 0);
  EXPECT_DOUBLE_EQ(f.mean_hours_to_award(), 0.0);
  EXPECT_EQ(f.placements_started(), 0);
  EXPECT_EQ(f.placements_ended(), 0);
  EXPECT_DOUBLE_EQ(f.share_within_20_miles(), 0.0);
  EXPECT_EQ(f.mean_weekly_pence(), 0);

  // Wirral's own figures hold none of Sefton's; the consortium's hold them.
  ASSERT_THAT(
      Figures(Commissioner("wirral"), "wirral", "2026-11-01", "2026-12-31", &f),
      GrpcOk());
  EXPECT_EQ(f.referrals(), 0);
  EXPECT_EQ(f.placements_started(), 0);
  ASSERT_THAT(Figures(Token("authorities/tameside", {Role::kLeadAdmin}), "",
                      "2026-11-01", "2026-12-31", &f),
              GrpcOk());
  EXPECT_EQ(f.referrals(), 1);
  EXPECT_EQ(f.offers(), 2);
  EXPECT_EQ(f.placements_started(), 1);
  EXPECT_EQ(f.mean_weekly_pence(), 103500);

  // Ended in January: counted as ended there, not as started.
  ASSERT_THAT(EndPlacement(Commissioner(), placement.name(), "2027-01-15",
                           v1::STAYING_PUT),
              GrpcOk());
  ASSERT_THAT(Figures(Commissioner(), "sefton", "2027-01-01", "2027-01-31", &f),
              GrpcOk());
  EXPECT_EQ(f.placements_started(), 0);
  EXPECT_EQ(f.placements_ended(), 1);
  EXPECT_EQ(f.mean_weekly_pence(), 0);

  // A period backwards is refused.
  EXPECT_THAT(Figures(Commissioner(), "sefton", "2026-12-31", "2026-11-01", &f),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "last_day"));
}

}  // namespace
}  // namespace fhub::referrals
