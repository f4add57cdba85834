// What a referral and an offer may hold, as referral_rules.h promises: a
// referral's fields, its defaults and deadline, an offer's terms and its
// weekly cost. How the competition moves on: competition_rules_test.cc.

#include "services/referrals/domain/referral_rules.h"

#include <cmath>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/referrals/fixtures.h"

namespace fhub::referrals {
namespace {

using ::fhub::referrals::testing::kNow;
using ::fhub::referrals::testing::kSixteenToTwentyFive;
using ::fhub::referrals::testing::kToday;
using ::fhub::referrals::testing::SeftonReferral;
using ::fhub::testing::IsOk;
using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Eq;
using ::testing::HasSubstr;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kPrecondition =
    absl::StatusCode::kFailedPrecondition;

absl::Status Validate(const Referral& referral) {
  return ValidateReferral(referral, kSixteenToTwentyFive, kToday, kNow);
}

// INVALID_ARGUMENT naming `field` ("referral.age: ...").
auto InvalidNaming(const std::string& field) {
  return StatusIs(kInvalid, HasSubstr(field + ":"));
}

// ---------------------------------------------------------------------------
// ValidateReferral

TEST(ValidateReferralTest, ASampleReferralIsValid) {
  EXPECT_THAT(Validate(SeftonReferral()), IsOk());
}

TEST(ValidateReferralTest, CaseReferenceIsRequired) {
  for (const char* blank : {"", "   "}) {
    Referral r = SeftonReferral();
    r.case_reference = blank;
    EXPECT_THAT(Validate(r),
                StatusIs(kInvalid, HasSubstr("referral.case_reference")))
        << "'" << blank << "'";
  }
}

TEST(ValidateReferralTest, CaseReferenceIsAtMost64Characters) {
  Referral r = SeftonReferral();
  r.case_reference = std::string(64, 'A');
  EXPECT_THAT(Validate(r), IsOk());
  r.case_reference = std::string(65, 'A');
  EXPECT_THAT(Validate(r),
              StatusIs(kInvalid, AllOf(HasSubstr("referral.case_reference"),
                                       HasSubstr("64"))));
}

TEST(ValidateReferralTest, CaseReferenceLengthCountsCharactersNotBytes) {
  Referral r = SeftonReferral();
  std::string welsh;
  for (int i = 0; i < 64; ++i) welsh += "\xc3\xa2";  // "â", two bytes
  r.case_reference = welsh;
  EXPECT_THAT(Validate(r), IsOk());
}

TEST(ValidateReferralTest, CaseReferenceIsOneLineOfPrintableText) {
  for (const char* bad :
       {"SEF-2026\n0042", "SEF-2026\t0042", "SEF-2026\r0042", "SEF\x01"}) {
    Referral r = SeftonReferral();
    r.case_reference = bad;
    EXPECT_THAT(Validate(r),
                StatusIs(kInvalid, HasSubstr("referral.case_reference")))
        << bad;
  }
}

TEST(ValidateReferralTest, CaseReferenceMustNotHoldADate) {
  for (const char* dated : {"12/03/2009", "SEF 2009-03-12", "dob 12.3.09",
                            "12 March 2009", "3-mar-09"}) {
    Referral r = SeftonReferral();
    r.case_reference = dated;
    EXPECT_THAT(Validate(r),
                StatusIs(kInvalid, AllOf(HasSubstr("referral.case_reference"),
                                         HasSubstr("date"))))
        << dated;
  }
}

TEST(ValidateReferralTest, OrdinaryCaseReferencesAreAccepted) {
  for (const char* reference : {"SEF-2026-0042", "CASE 12345", "A1/22",
                                "WIR/0042/B", "LA-12-345", "TAM 2026 7"}) {
    Referral r = SeftonReferral();
    r.case_reference = reference;
    EXPECT_THAT(Validate(r), IsOk()) << reference;
  }
}

TEST(ValidateReferralTest, AgeWithinTheFrameworksRange) {
  const AgeRange ages{16, 21};
  Referral r = SeftonReferral();
  for (int age : {16, 18, 21}) {
    r.age = age;
    EXPECT_THAT(ValidateReferral(r, ages, kToday, kNow), IsOk()) << age;
  }
  for (int age : {15, 22, -1}) {
    r.age = age;
    EXPECT_THAT(ValidateReferral(r, ages, kToday, kNow),
                StatusIs(kInvalid, AllOf(HasSubstr("referral.age:"),
                                         HasSubstr("16 to 21"))))
        << age;
  }
}

TEST(ValidateReferralTest, NeedsAreDistinct) {
  Referral r = SeftonReferral();
  r.needs = {};
  EXPECT_THAT(Validate(r), IsOk());
  r.needs = {Need::kOffending, Need::kMentalHealth, Need::kOffending};
  EXPECT_THAT(Validate(r),
              StatusIs(kInvalid, AllOf(HasSubstr("referral.needs[2]"),
                                       HasSubstr("OFFENDING"))));
}

TEST(ValidateReferralTest, SupportIsZeroTo168HoursAWeek) {
  Referral r = SeftonReferral();
  for (int64_t minutes : {int64_t{0}, int64_t{1}, int64_t{10080}}) {
    r.support_minutes_per_week = minutes;
    EXPECT_THAT(Validate(r), IsOk()) << minutes;
  }
  for (int64_t minutes : {int64_t{-1}, int64_t{10081}, int64_t{20000}}) {
    r.support_minutes_per_week = minutes;
    EXPECT_THAT(Validate(r), InvalidNaming("referral.support_minutes_per_week"))
        << minutes;
  }
}

TEST(ValidateReferralTest, LocationIsOnTheEarth) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Referral r = SeftonReferral();
  for (double latitude : {-90.0, 0.0, 90.0}) {
    r.latitude = latitude;
    EXPECT_THAT(Validate(r), IsOk()) << latitude;
  }
  for (double latitude : {-90.001, 90.001, nan}) {
    r.latitude = latitude;
    EXPECT_THAT(Validate(r), InvalidNaming("referral.home_location.latitude"))
        << latitude;
  }
  r = SeftonReferral();
  for (double longitude : {-180.0, 180.0}) {
    r.longitude = longitude;
    EXPECT_THAT(Validate(r), IsOk()) << longitude;
  }
  for (double longitude : {-180.001, 180.001, nan}) {
    r.longitude = longitude;
    EXPECT_THAT(Validate(r), InvalidNaming("referral.home_location.longitude"))
        << longitude;
  }
}

TEST(ValidateReferralTest, GreatestDistanceAbove0AndAtMost700) {
  Referral r = SeftonReferral();
  for (double miles : {0.1, 20.0, 700.0}) {
    r.max_distance_miles = miles;
    EXPECT_THAT(Validate(r), IsOk()) << miles;
  }
  for (double miles :
       {0.0, -5.0, 700.01, std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::quiet_NaN()}) {
    r.max_distance_miles = miles;
    EXPECT_THAT(Validate(r), InvalidNaming("referral.max_distance_miles"))
        << miles;
  }
}

TEST(ValidateReferralTest, WantedStartFromToday) {
  Referral r = SeftonReferral();
  r.wanted_start_date = kToday;
  EXPECT_THAT(Validate(r), IsOk());
  r.wanted_start_date = kToday - 1;
  EXPECT_THAT(Validate(r),
              StatusIs(kInvalid, AllOf(HasSubstr("referral.wanted_start_date"),
                                       HasSubstr("2026-05-10"))));
}

TEST(ValidateReferralTest, DeadlineAfterNowAndAtMost60DaysOn) {
  Referral r = SeftonReferral();
  for (absl::Time deadline : {kNow + absl::Seconds(1), kNow + absl::Hours(24),
                              kNow + absl::Hours(24 * 60)}) {
    r.response_deadline = deadline;
    EXPECT_THAT(Validate(r), IsOk()) << deadline;
  }
  for (absl::Time deadline : {kNow - absl::Hours(1), kNow,
                              kNow + absl::Hours(24 * 60) + absl::Seconds(1),
                              kNow + absl::Hours(24 * 90)}) {
    r.response_deadline = deadline;
    EXPECT_THAT(Validate(r), InvalidNaming("referral.response_deadline"))
        << deadline;
  }
}

TEST(ValidateReferralTest, WeightsAreWholePercentagesSummingTo100) {
  Referral r = SeftonReferral();
  for (Weights w : {Weights{60, 40, 0}, Weights{50, 30, 20}, Weights{100, 0, 0},
                    Weights{0, 0, 100}}) {
    r.weights = w;
    EXPECT_THAT(Validate(r), IsOk())
        << w.quality << "/" << w.price << "/" << w.distance;
  }
  r.weights = Weights{60, 30, 0};
  EXPECT_THAT(
      Validate(r),
      StatusIs(kInvalid, AllOf(HasSubstr("referral.weights:"),
                               HasSubstr("= 90"), HasSubstr("sum to 100"))));
  r.weights = Weights{60, 40, 10};
  EXPECT_THAT(Validate(r), StatusIs(kInvalid, HasSubstr("sum to 100")));
}

TEST(ValidateReferralTest, ANegativeOrOversizedWeightIsNamed) {
  // Each sums to 100, so only the one weight is wrong.
  Referral r = SeftonReferral();
  r.weights = Weights{-10, 60, 50};
  EXPECT_THAT(Validate(r),
              StatusIs(kInvalid, AllOf(HasSubstr("referral.weights.quality"),
                                       HasSubstr("-10"))));
  r.weights = Weights{60, -20, 60};
  EXPECT_THAT(Validate(r), InvalidNaming("referral.weights.price"));
  r.weights = Weights{50, 51, -1};
  EXPECT_THAT(Validate(r), InvalidNaming("referral.weights.distance"));
  r.weights = Weights{110, -10, 0};
  EXPECT_THAT(Validate(r), InvalidNaming("referral.weights.quality"));
}

TEST(ValidateReferralTest, BudgetIsZeroTo10MillionPence) {
  Referral r = SeftonReferral();
  for (int64_t budget : {int64_t{0}, int64_t{150000}, int64_t{10'000'000}}) {
    r.weekly_budget_pence = budget;
    EXPECT_THAT(Validate(r), IsOk()) << budget;
  }
  for (int64_t budget : {int64_t{-1}, int64_t{10'000'001}}) {
    r.weekly_budget_pence = budget;
    EXPECT_THAT(Validate(r), InvalidNaming("referral.weekly_budget_pence"))
        << budget;
  }
}

TEST(ValidateReferralTest, SummaryIsAtMost4000Characters) {
  Referral r = SeftonReferral();
  r.confidential_summary = "";
  EXPECT_THAT(Validate(r), IsOk());
  r.confidential_summary = std::string(4000, 'x');
  EXPECT_THAT(Validate(r), IsOk());
  r.confidential_summary = "Line one.\nLine two.";
  EXPECT_THAT(Validate(r), IsOk());
  r.confidential_summary = std::string(4001, 'x');
  EXPECT_THAT(Validate(r),
              StatusIs(kInvalid, HasSubstr("referral.confidential_summary")));
}

// ---------------------------------------------------------------------------
// LooksLikeDate

TEST(LooksLikeDateTest, Dates) {
  for (const char* text :
       {"12/03/2009", "2009-03-12", "12.3.09", "12 March 2009", "3-mar-09",
        "1/1/2010", "2009/3/1", "31 DEC 2008", "ref 12/03/2009 b"}) {
    EXPECT_TRUE(LooksLikeDate(text)) << text;
  }
}

TEST(LooksLikeDateTest, NotDates) {
  for (const char* text :
       {"", "SEF-2026-0042", "CASE 12345", "A1/22", "WIR/0042/B", "12-345",
        "2026", "12.5", "SEF 2026 0042", "1.2.345"}) {
    EXPECT_FALSE(LooksLikeDate(text)) << text;
  }
}

// ---------------------------------------------------------------------------
// WithDefaults

TEST(WithDefaultsTest, ZeroDistanceBecomes20Miles) {
  Referral r = SeftonReferral();
  r.max_distance_miles = 0;
  EXPECT_EQ(WithDefaults(r).max_distance_miles, 20);
  r.max_distance_miles = 35;
  EXPECT_EQ(WithDefaults(r).max_distance_miles, 35);
}

TEST(WithDefaultsTest, AllZeroWeightsBecome60_40_0) {
  Referral r = SeftonReferral();
  r.weights = Weights{0, 0, 0};
  const Weights w = WithDefaults(r).weights;
  EXPECT_EQ(w.quality, 60);
  EXPECT_EQ(w.price, 40);
  EXPECT_EQ(w.distance, 0);
}

TEST(WithDefaultsTest, ExplicitWeightsAndOtherFieldsAreKept) {
  Referral r = SeftonReferral();
  for (Weights explicit_weights : {Weights{50, 30, 20}, Weights{0, 0, 100},
                                   Weights{0, 100, 0}, Weights{30, 30, 0}}) {
    r.weights = explicit_weights;
    const Referral defaulted = WithDefaults(r);
    EXPECT_EQ(defaulted.weights.quality, explicit_weights.quality);
    EXPECT_EQ(defaulted.weights.price, explicit_weights.price);
    EXPECT_EQ(defaulted.weights.distance, explicit_weights.distance);
    EXPECT_EQ(defaulted.case_reference, r.case_reference);
    EXPECT_EQ(defaulted.max_distance_miles, r.max_distance_miles);
  }
}

// ---------------------------------------------------------------------------
// DeadlineOnSubmit

TEST(DeadlineOnSubmitTest, DefaultsTo24HoursOn) {
  Referral r = SeftonReferral();
  r.response_deadline.reset();
  EXPECT_THAT(DeadlineOnSubmit(r, kNow),
              IsOkAndHolds(Eq(kNow + absl::Hours(24))));
}

TEST(DeadlineOnSubmitTest, KeepsTheCommissionersOwn) {
  Referral r = SeftonReferral();
  r.response_deadline = kNow + absl::Hours(72);
  EXPECT_THAT(DeadlineOnSubmit(r, kNow),
              IsOkAndHolds(Eq(kNow + absl::Hours(72))));
  r.response_deadline = kNow + absl::Seconds(1);
  EXPECT_THAT(DeadlineOnSubmit(r, kNow),
              IsOkAndHolds(Eq(kNow + absl::Seconds(1))));
}

TEST(DeadlineOnSubmitTest, APassedDeadlineIsRefused) {
  Referral r = SeftonReferral();
  for (absl::Time deadline : {kNow - absl::Hours(1), kNow}) {
    r.response_deadline = deadline;
    EXPECT_THAT(
        DeadlineOnSubmit(r, kNow),
        StatusIs(kPrecondition, HasSubstr("referral.response_deadline")))
        << deadline;
  }
}

// ---------------------------------------------------------------------------
// ValidateOfferTerms

OfferTerms AcmeOffer() {
  OfferTerms offer;
  offer.setting_id = "main-house";
  offer.available_date = kToday + 3;
  offer.accommodation_weekly_pence = 85000;
  offer.support_hourly_pence = 1850;
  offer.support_minutes_per_week = 600;
  offer.notes = "Ground-floor flat.";
  return offer;
}

TEST(ValidateOfferTermsTest, ASampleOfferIsValid) {
  EXPECT_THAT(ValidateOfferTerms(AcmeOffer(), kToday), IsOk());
}

TEST(ValidateOfferTermsTest, SettingAndDate) {
  OfferTerms offer = AcmeOffer();
  offer.setting_id = "";
  EXPECT_THAT(ValidateOfferTerms(offer, kToday),
              InvalidNaming("offer.setting"));
  offer = AcmeOffer();
  offer.available_date = kToday;
  EXPECT_THAT(ValidateOfferTerms(offer, kToday), IsOk());
  offer.available_date = kToday - 1;
  EXPECT_THAT(ValidateOfferTerms(offer, kToday),
              InvalidNaming("offer.available_date"));
}

TEST(ValidateOfferTermsTest, MoneyAndHoursBounds) {
  OfferTerms offer = AcmeOffer();
  for (int64_t weekly : {int64_t{0}, int64_t{10'000'000}}) {
    offer.accommodation_weekly_pence = weekly;
    EXPECT_THAT(ValidateOfferTerms(offer, kToday), IsOk()) << weekly;
  }
  for (int64_t weekly : {int64_t{-1}, int64_t{10'000'001}}) {
    offer.accommodation_weekly_pence = weekly;
    EXPECT_THAT(ValidateOfferTerms(offer, kToday),
                InvalidNaming("offer.accommodation_weekly_pence"))
        << weekly;
  }
  offer = AcmeOffer();
  for (int64_t hourly : {int64_t{0}, int64_t{59'523}}) {
    offer.support_hourly_pence = hourly;
    EXPECT_THAT(ValidateOfferTerms(offer, kToday), IsOk()) << hourly;
  }
  for (int64_t hourly : {int64_t{-1}, int64_t{59'524}}) {
    offer.support_hourly_pence = hourly;
    EXPECT_THAT(ValidateOfferTerms(offer, kToday),
                InvalidNaming("offer.support_hourly_pence"))
        << hourly;
  }
  offer = AcmeOffer();
  for (int64_t minutes : {int64_t{0}, int64_t{10080}}) {
    offer.support_minutes_per_week = minutes;
    EXPECT_THAT(ValidateOfferTerms(offer, kToday), IsOk()) << minutes;
  }
  for (int64_t minutes : {int64_t{-1}, int64_t{10081}}) {
    offer.support_minutes_per_week = minutes;
    EXPECT_THAT(ValidateOfferTerms(offer, kToday),
                InvalidNaming("offer.support_minutes_per_week"))
        << minutes;
  }
}

TEST(ValidateOfferTermsTest, NotesAtMost2000Characters) {
  OfferTerms offer = AcmeOffer();
  offer.notes = std::string(2000, 'n');
  EXPECT_THAT(ValidateOfferTerms(offer, kToday), IsOk());
  offer.notes = std::string(2001, 'n');
  EXPECT_THAT(ValidateOfferTerms(offer, kToday),
              StatusIs(kInvalid, HasSubstr("offer.notes")));
}

// ---------------------------------------------------------------------------
// WeeklyCost

TEST(WeeklyCostTest, AccommodationPlusSupportForTheMinutes) {
  // 1850p/h x 450 min = 832,500 / 60 = 13,875 exactly.
  EXPECT_EQ(WeeklyCost(85000, 1850, 450), 85000 + 13875);
  EXPECT_EQ(WeeklyCost(85000, 1850, 0), 85000);
  EXPECT_EQ(WeeklyCost(0, 0, 600), 0);
  // 168 hours at the greatest hourly rate: 59,523 x 168 = 9,999,864.
  EXPECT_EQ(WeeklyCost(10'000'000, 59'523, 10080), 10'000'000 + 9'999'864);
}

TEST(WeeklyCostTest, TheSupportLineRoundsToTheNearestPennyHalvesUp) {
  // 1999 x 20 / 60 = 666.33 -> 666.
  EXPECT_EQ(WeeklyCost(0, 1999, 20), 666);
  // 1999 x 50 / 60 = 1665.83 -> 1666.
  EXPECT_EQ(WeeklyCost(0, 1999, 50), 1666);
  // 1999 x 30 / 60 = 999.5 -> 1000.
  EXPECT_EQ(WeeklyCost(0, 1999, 30), 1000);
  // Rounded once: the accommodation is added whole.
  EXPECT_EQ(WeeklyCost(85000, 1999, 30), 86000);
  // 1 x 30 / 60 = 0.5 -> 1; 1 x 29 / 60 -> 0.
  EXPECT_EQ(WeeklyCost(0, 1, 30), 1);
  EXPECT_EQ(WeeklyCost(0, 1, 29), 0);
}

}  // namespace
}  // namespace fhub::referrals
