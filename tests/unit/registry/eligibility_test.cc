// The per-provider eligibility rule, searched from Southport with settings
// in Bootle (13.9 miles), Liverpool (16.5) and Manchester (33.4).

#include "services/registry/domain/eligibility.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/registry/southport_fixtures.h"

namespace fhub::registry {
namespace {

using ::testing::HasSubstr;

TEST(DecideEligibilityTest, NearestQualifyingSettingWithDistanceAndScore) {
  const EligibilityDecision d = DecideEligibility(
      FromSouthport(),
      Acme({At("liverpool", kLiverpool), At("manchester", kManchester),
            At("bootle", kBootle)}));
  ASSERT_TRUE(d.eligible()) << d.detail;
  EXPECT_EQ(d.match->provider_id, "acme-care");
  EXPECT_EQ(d.match->setting_id, "bootle");
  EXPECT_NEAR(d.match->distance_miles, 13.892, 0.1);
  EXPECT_DOUBLE_EQ(d.match->quality_score, 72.5);
}

TEST(DecideEligibilityTest, LiverpoolIsInsideTwentyMilesManchesterIsNot) {
  const EligibilityDecision liverpool =
      DecideEligibility(FromSouthport(), Acme({At("liverpool", kLiverpool)}));
  ASSERT_TRUE(liverpool.eligible());
  EXPECT_NEAR(liverpool.match->distance_miles, 16.530, 0.1);

  const EligibilityDecision manchester =
      DecideEligibility(FromSouthport(), Acme({At("manchester", kManchester)}));
  EXPECT_FALSE(manchester.eligible());
  EXPECT_EQ(manchester.reason, Ineligibility::kTooFar);

  EligibilityQuery wider = FromSouthport();
  wider.max_distance_miles = 35;
  const EligibilityDecision within35 =
      DecideEligibility(wider, Acme({At("manchester", kManchester)}));
  ASSERT_TRUE(within35.eligible());
  EXPECT_NEAR(within35.match->distance_miles, 33.350, 0.1);

  // Just short of Bootle's distance, Bootle drops out.
  EligibilityQuery tight = FromSouthport();
  tight.max_distance_miles = 13.8;
  EXPECT_EQ(DecideEligibility(tight, Acme({At("bootle", kBootle)})).reason,
            Ineligibility::kTooFar);
}

TEST(DecideEligibilityTest, SuspendedBySeftonAloneStillServesWirral) {
  EligibilityCandidate acme = Acme({At("bootle", kBootle)});
  acme.suspensions = {SuspendedBy("sefton", SuspensionScope::kMemberOnly)};
  const EligibilityDecision for_sefton =
      DecideEligibility(FromSouthport("sefton"), acme);
  EXPECT_FALSE(for_sefton.eligible());
  EXPECT_EQ(for_sefton.reason, Ineligibility::kSuspended);
  EXPECT_THAT(for_sefton.detail, HasSubstr("sefton"));
  EXPECT_TRUE(DecideEligibility(FromSouthport("wirral"), acme).eligible());

  // Reinstated: eligible for Sefton again.
  acme.suspensions[0].status = SuspensionStatus::kLifted;
  EXPECT_TRUE(DecideEligibility(FromSouthport("sefton"), acme).eligible());
}

TEST(DecideEligibilityTest, FrameworkWideSuspensionBlocksEveryone) {
  EligibilityCandidate acme = Acme({At("bootle", kBootle)});
  acme.suspensions = {SuspendedBy("tameside", SuspensionScope::kFrameworkWide)};
  for (const char* authority : {"sefton", "wirral", "tameside"}) {
    EXPECT_EQ(DecideEligibility(FromSouthport(authority), acme).reason,
              Ineligibility::kSuspended)
        << authority;
  }
  // A suspension on another framework does not count.
  acme.suspensions[0].framework_id = "lcr-care";
  EXPECT_TRUE(DecideEligibility(FromSouthport(), acme).eligible());

  // Nor does the accreditation's own status let a suspended provider in.
  EligibilityCandidate suspended = Acme({At("bootle", kBootle)});
  suspended.accreditation->status = AccreditationStatus::kSuspended;
  EXPECT_EQ(DecideEligibility(FromSouthport("wirral"), suspended).reason,
            Ineligibility::kSuspended);
}

TEST(DecideEligibilityTest, OnlyAdmittedOnThisLot) {
  EligibilityCandidate none = Acme({At("bootle", kBootle)});
  none.accreditation.reset();
  EXPECT_EQ(DecideEligibility(FromSouthport(), none).reason,
            Ineligibility::kNotAdmitted);
  EligibilityCandidate removed = Acme({At("bootle", kBootle)});
  removed.accreditation->status = AccreditationStatus::kRemoved;
  EXPECT_EQ(DecideEligibility(FromSouthport(), removed).reason,
            Ineligibility::kNotAdmitted);
  EligibilityCandidate other_lot = Acme({At("bootle", kBootle)});
  other_lot.accreditation->lot.lot_id = "lot-2";
  EXPECT_EQ(DecideEligibility(FromSouthport(), other_lot).reason,
            Ineligibility::kNotAdmitted);
}

TEST(DecideEligibilityTest, TheSettingMustServeTheLot) {
  SettingVacancies other = At("bootle", kBootle);
  other.setting.lots = {{"lcr-care", "lot-1"}};  // same lot id, other framework
  EXPECT_EQ(DecideEligibility(FromSouthport(), Acme({other})).reason,
            Ineligibility::kNoSettingForLot);
  EXPECT_EQ(DecideEligibility(FromSouthport(), Acme({})).reason,
            Ineligibility::kNoSettingForLot);
  // Another provider's setting never counts.
  SettingVacancies theirs = At("bootle", kBootle);
  theirs.setting.provider_id = "other-care";
  EXPECT_EQ(DecideEligibility(FromSouthport(), Acme({theirs})).reason,
            Ineligibility::kNoSettingForLot);
}

TEST(DecideEligibilityTest, AVacancyByTheWantedDate) {
  EXPECT_TRUE(DecideEligibility(FromSouthport(),
                                Acme({At("bootle", kBootle, kWantedBy)}))
                  .eligible());
  EXPECT_EQ(DecideEligibility(FromSouthport(),
                              Acme({At("bootle", kBootle, kWantedBy + 1)}))
                .reason,
            Ineligibility::kNoVacancy);
  SettingVacancies full = At("bootle", kBootle);
  full.vacancies[0].places = 0;
  EXPECT_EQ(DecideEligibility(FromSouthport(), Acme({full})).reason,
            Ineligibility::kNoVacancy);
  full.vacancies.clear();
  EXPECT_EQ(DecideEligibility(FromSouthport(), Acme({full})).reason,
            Ineligibility::kNoVacancy);
}

TEST(DecideEligibilityTest, FallsBackToTheNextNearestQualifyingSetting) {
  SettingVacancies bootle = At("bootle", kBootle);
  bootle.vacancies.clear();
  const EligibilityDecision d = DecideEligibility(
      FromSouthport(), Acme({bootle, At("liverpool", kLiverpool)}));
  ASSERT_TRUE(d.eligible());
  EXPECT_EQ(d.match->setting_id, "liverpool");
}

TEST(DecideEligibilityTest, ReportsTheFurthestStepReached) {
  // Bootle is in range with no vacancy; Manchester has one but is too far.
  SettingVacancies bootle = At("bootle", kBootle);
  bootle.vacancies.clear();
  EXPECT_EQ(DecideEligibility(FromSouthport(),
                              Acme({At("manchester", kManchester), bootle}))
                .reason,
            Ineligibility::kNoVacancy);
}

TEST(DecideEligibilityTest, TiesGoToTheSmallerSettingId) {
  const EligibilityDecision d = DecideEligibility(
      FromSouthport(), Acme({At("flat-b", kBootle), At("flat-a", kBootle)}));
  ASSERT_TRUE(d.eligible());
  EXPECT_EQ(d.match->setting_id, "flat-a");
}

}  // namespace
}  // namespace fhub::registry
