// Eligibility: the lot's Ofsted rule, floating support, the ordering of
// the search's results and the query's own checks.

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/domain/eligibility.h"
#include "tests/unit/registry/southport_fixtures.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

TEST(MeetsOfstedRuleTest, RegistrationWhereTheLotRequiresIt) {
  LotRule lot = FromSouthport().lot;
  Setting unregistered = At("bootle", kBootle).setting;
  unregistered.registration_type = RegistrationType::kNone;
  unregistered.ofsted_urn.clear();
  unregistered.latest_judgement.reset();
  EXPECT_FALSE(MeetsOfstedRule(lot, unregistered));
  lot.ofsted_registration_required = false;
  EXPECT_TRUE(MeetsOfstedRule(lot, unregistered));

  // Through the whole rule, it is the Ofsted step that fails.
  EligibilityCandidate acme = Acme({At("bootle", kBootle)});
  acme.settings[0].setting = unregistered;
  EXPECT_EQ(DecideEligibility(FromSouthport(), acme).reason,
            Ineligibility::kOfstedRule);
}

TEST(CheckRegistrationServesTest, NamesTheFieldAndTheRegistrationNeeded) {
  LotRule lot = FromSouthport().lot;
  Setting s = At("bootle", kBootle).setting;
  EXPECT_THAT(CheckRegistrationServes(lot, s, "setting.registration_type"),
              IsOk());
  s.registration_type = RegistrationType::kNone;
  EXPECT_THAT(
      CheckRegistrationServes(lot, s, "setting.registration_type"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("setting.registration_type: frameworks/nw-16plus lot "
                         "lot-1 needs settings registered with Ofsted as "
                         "CHILDRENS_HOME or SUPPORTED_ACCOMMODATION; this one "
                         "is NONE")));
  lot.ofsted_registration_required = false;
  EXPECT_THAT(CheckRegistrationServes(lot, s, "f"), IsOk());
  // A judgement below the floor is the search's business, not a refusal.
  s.registration_type = RegistrationType::kSupportedAccommodation;
  s.latest_judgement =
      OfstedJudgement{Judgement::kOutcome3, absl::CivilDay(2025, 1, 9)};
  lot.lowest_ofsted_grade = OfstedGrade::kGood;
  EXPECT_THAT(CheckRegistrationServes(lot, s, "f"), IsOk());
  lot.service_type = ServiceType::kResidentialChildrensHome;
  EXPECT_THAT(CheckRegistrationServes(lot, s, "f"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("as CHILDRENS_HOME; this one is "
                                 "SUPPORTED_ACCOMMODATION")));
}

TEST(MeetsOfstedRuleTest, NoJudgementBelowTheLowestGrade) {
  LotRule lot = FromSouthport().lot;
  lot.lowest_ofsted_grade = OfstedGrade::kGood;
  Setting s = At("bootle", kBootle).setting;
  s.latest_judgement->judgement = Judgement::kOutcome1;
  EXPECT_TRUE(MeetsOfstedRule(lot, s));
  s.latest_judgement->judgement = Judgement::kOutcome2;
  EXPECT_FALSE(MeetsOfstedRule(lot, s));
  // Registered but not yet inspected: no judgement below the floor.
  s.latest_judgement.reset();
  EXPECT_TRUE(MeetsOfstedRule(lot, s));

  Setting home = s;
  home.registration_type = RegistrationType::kChildrensHome;
  home.ofsted_urn = "SC123456";
  home.latest_judgement =
      OfstedJudgement{Judgement::kInadequate, absl::CivilDay(2025, 1, 9)};
  EXPECT_FALSE(MeetsOfstedRule(lot, home));
  lot.lowest_ofsted_grade = OfstedGrade::kAny;
  EXPECT_TRUE(MeetsOfstedRule(lot, home));
  // A judgement counts even where registration is not required.
  lot.ofsted_registration_required = false;
  lot.lowest_ofsted_grade = OfstedGrade::kRequiresImprovement;
  EXPECT_FALSE(MeetsOfstedRule(lot, home));
}

TEST(MeetsOfstedRuleTest, ChildrensHomeLotsNeedAChildrensHome) {
  LotRule lot = FromSouthport().lot;
  lot.service_type = ServiceType::kResidentialChildrensHome;
  lot.ofsted_registration_required = false;   // even if the lot forgot to say
  Setting s = At("bootle", kBootle).setting;  // supported accommodation
  EXPECT_FALSE(MeetsOfstedRule(lot, s));
  s.registration_type = RegistrationType::kChildrensHome;
  s.ofsted_urn = "SC123456";
  s.latest_judgement =
      OfstedJudgement{Judgement::kGood, absl::CivilDay(2025, 1, 9)};
  EXPECT_TRUE(MeetsOfstedRule(lot, s));
}

TEST(DecideEligibilityTest, FloatingSupportServesTheAreaAroundItsBase) {
  EligibilityQuery floating = FromSouthport();
  floating.lot.service_type = ServiceType::kFloatingSupport;
  floating.lot.ofsted_registration_required = false;
  SettingVacancies base = At("liverpool-base", kLiverpool);  // 16.5 miles
  // No declared radius: the search distance alone.
  EXPECT_TRUE(DecideEligibility(floating, Acme({base})).eligible());
  // The base covers 10 miles around it: Southport is outside.
  base.setting.service_radius_miles = 10;
  EXPECT_EQ(DecideEligibility(floating, Acme({base})).reason,
            Ineligibility::kTooFar);
  base.setting.service_radius_miles = 17;
  EXPECT_TRUE(DecideEligibility(floating, Acme({base})).eligible());
  // A radius does not stretch the search's own distance.
  base.setting.service_radius_miles = 50;
  floating.max_distance_miles = 15;
  EXPECT_EQ(DecideEligibility(floating, Acme({base})).reason,
            Ineligibility::kTooFar);
  // Other lots ignore the radius.
  EligibilityQuery housed = FromSouthport();
  base.setting.service_radius_miles = 10;
  EXPECT_TRUE(DecideEligibility(housed, Acme({base})).eligible());
}

TEST(EligibleProvidersTest, NearestFirstThenQualityThenId) {
  EligibilityCandidate near = Acme({At("bootle", kBootle)});
  near.provider_id = "near-care";
  near.accreditation->provider_id = "near-care";
  near.settings[0].setting.provider_id = "near-care";
  EligibilityCandidate far = Acme({At("liverpool", kLiverpool)});
  far.accreditation->quality_score = 95;
  EligibilityCandidate twin = near;
  twin.provider_id = "twin-care";
  twin.accreditation->provider_id = "twin-care";
  twin.settings[0].setting.provider_id = "twin-care";
  twin.accreditation->quality_score = 90;
  EligibilityCandidate suspended = Acme({At("bootle", kBootle)});
  suspended.suspensions = {
      SuspendedBy("tameside", SuspensionScope::kFrameworkWide)};

  const std::vector<EligibleProvider> found =
      EligibleProviders(FromSouthport(), {far, suspended, near, twin});
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].provider_id, "twin-care");  // 13.9 miles, score 90
  EXPECT_EQ(found[1].provider_id, "near-care");  // 13.9 miles, score 72.5
  EXPECT_EQ(found[2].provider_id, "acme-care");  // 16.5 miles
}

TEST(ValidateEligibilityQueryTest, NamesTheField) {
  EXPECT_THAT(ValidateEligibilityQuery(FromSouthport()), IsOk());
  EligibilityQuery q = FromSouthport();
  q.location.latitude = 91;
  EXPECT_THAT(ValidateEligibilityQuery(q),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("location.latitude")));
  q = FromSouthport();
  q.location.longitude = -200;
  EXPECT_THAT(ValidateEligibilityQuery(q),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("location.longitude")));
  for (double bad : {0.0, -1.0, kMaxSearchDistanceMiles + 1}) {
    q = FromSouthport();
    q.max_distance_miles = bad;
    EXPECT_THAT(ValidateEligibilityQuery(q),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("max_distance_miles")))
        << bad;
  }
  q = FromSouthport();
  q.lot.lot.lot_id = "";
  EXPECT_THAT(
      ValidateEligibilityQuery(q),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("lot_id")));
  q = FromSouthport();
  q.authority_id = "Sefton!";
  EXPECT_THAT(
      ValidateEligibilityQuery(q),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("authority_id")));
}

}  // namespace
}  // namespace fhub::registry
