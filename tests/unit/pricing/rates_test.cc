// Rate card bounds, adding cards, corrections, effective dating and
// packages.

#include "services/pricing/domain/rates.h"

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/pricing/fixtures.h"

namespace fhub::pricing {
namespace {

using ::fhub::pricing::testing::kBookStart;
using ::fhub::pricing::testing::SeftonBook;
using ::fhub::pricing::testing::SeftonCard;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 3, 2, 10, 0, 0),
                                        absl::UTCTimeZone());

absl::Status Invalid(const RateCard& card) { return ValidateRates(card); }

TEST(ValidateRatesTest, TheCapsAreAHundredThousandPoundsAWeek) {
  EXPECT_EQ(kMaxHourlyPence, 59523);     // floor(10,000,000 / 168)
  EXPECT_EQ(kMaxNightlyPence, 1428571);  // floor(10,000,000 / 7)
  EXPECT_EQ(kMaxMinutesPerWeek, 10080);
  RateCard card = SeftonCard();
  card.accommodation_weekly_pence = 10'000'000;
  card.support_hourly_pence = 59523;
  card.waking_night_hourly_pence = 59523;
  card.sleep_in_nightly_pence = 1428571;
  card.extras = {{"a", 10'000'000, ExtraKind::kWeekly},
                 {"b", 10'000'000, ExtraKind::kOneOff}};
  EXPECT_THAT(ValidateRates(card), IsOk());
  RateCard zero;
  EXPECT_THAT(ValidateRates(zero), IsOk());
}

TEST(ValidateRatesTest, EachRefusalNamesItsField) {
  struct Case {
    void (*change)(RateCard&);
    const char* field;
  };
  const Case cases[] = {
      {[](RateCard& c) { c.accommodation_weekly_pence = 10'000'001; },
       "rate_card.accommodation_weekly_pence"},
      {[](RateCard& c) { c.accommodation_weekly_pence = -1; },
       "rate_card.accommodation_weekly_pence"},
      {[](RateCard& c) { c.support_hourly_pence = 59524; },
       "rate_card.support_hourly_pence"},
      {[](RateCard& c) { c.support_hourly_pence = -1; },
       "rate_card.support_hourly_pence"},
      {[](RateCard& c) { c.waking_night_hourly_pence = 59524; },
       "rate_card.waking_night_hourly_pence"},
      {[](RateCard& c) { c.waking_night_hourly_pence = -5; },
       "rate_card.waking_night_hourly_pence"},
      {[](RateCard& c) { c.sleep_in_nightly_pence = 1428572; },
       "rate_card.sleep_in_nightly_pence"},
      {[](RateCard& c) { c.sleep_in_nightly_pence = -1; },
       "rate_card.sleep_in_nightly_pence"},
      {[](RateCard& c) { c.extras[1].amount_pence = 10'000'001; },
       "rate_card.extras[1].amount_pence"},
      {[](RateCard& c) { c.extras[0].amount_pence = -1; },
       "rate_card.extras[0].amount_pence"},
      {[](RateCard& c) { c.extras[1].name.clear(); },
       "rate_card.extras[1].name"},
      {[](RateCard& c) { c.extras[0].name = std::string(101, 'x'); },
       "rate_card.extras[0].name"},
      {[](RateCard& c) { c.extras[1].name = c.extras[0].name; },
       "rate_card.extras[1].name"},
      {[](RateCard& c) {
         c.extras.clear();
         for (int i = 0; i < 21; ++i) {
           c.extras.push_back(
               {absl::StrCat("extra ", i), 1, ExtraKind::kWeekly});
         }
       },
       "rate_card.extras"},
  };
  for (const Case& c : cases) {
    RateCard card = SeftonCard();
    c.change(card);
    EXPECT_THAT(Invalid(card), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr(c.field)))
        << c.field;
  }
  RateCard card = SeftonCard();
  card.extras[0].name = std::string(100, 'x');
  EXPECT_THAT(ValidateRates(card), IsOk());
  card.extras.clear();
  for (int i = 0; i < 20; ++i) {
    card.extras.push_back({absl::StrCat("extra ", i), 1, ExtraKind::kWeekly});
  }
  EXPECT_THAT(ValidateRates(card), IsOk());
}

TEST(PrepareNewCardTest, FirstCardGetsVersionOneAndTheBook) {
  RateCard card = SeftonCard();
  card.book_id = 0;
  card.version = 99;
  auto prepared = PrepareNewCard(card, SeftonBook(), {}, kBookStart + 30, kNow);
  ASSERT_THAT(prepared, IsOk());
  EXPECT_EQ(prepared->book_id, 7);
  EXPECT_EQ(prepared->version, 1);
  EXPECT_EQ(prepared->create_time, kNow);
  EXPECT_EQ(prepared->update_time, kNow);
}

TEST(PrepareNewCardTest, NotBeforeTheBookStarts) {
  RateCard card = SeftonCard();
  card.effective_from = kBookStart - 1;
  EXPECT_THAT(PrepareNewCard(card, SeftonBook(), {}, kBookStart - 10, kNow),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rate_card.effective_from")));
}

TEST(PrepareNewCardTest, OneCardPerDateAndNextVersion) {
  const RateCard first = SeftonCard();
  RateCard second = SeftonCard();
  second.version = 2;
  second.effective_from = kBookStart + 100;
  RateCard again = SeftonCard();
  EXPECT_THAT(
      PrepareNewCard(again, SeftonBook(), {first, second}, kBookStart - 10,
                     kNow),
      StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("version 1")));
  RateCard third = SeftonCard();
  third.effective_from = kBookStart + 50;  // between the two: still later
  auto prepared = PrepareNewCard(third, SeftonBook(), {first, second},
                                 kBookStart + 10, kNow);
  ASSERT_THAT(prepared, IsOk());
  EXPECT_EQ(prepared->version, 3);
}

TEST(PrepareNewCardTest, ALaterCardNeverRewritesABegunPeriod) {
  const RateCard first = SeftonCard();
  const absl::CivilDay today = kBookStart + 20;
  RateCard card = SeftonCard();
  card.effective_from = today;
  EXPECT_THAT(PrepareNewCard(card, SeftonBook(), {first}, today, kNow),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("after today")));
  card.effective_from = today - 5;
  EXPECT_THAT(PrepareNewCard(card, SeftonBook(), {first}, today, kNow),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  card.effective_from = today + 1;
  EXPECT_THAT(PrepareNewCard(card, SeftonBook(), {first}, today, kNow), IsOk());
  // The first card of a book may date from its start, even in the past.
  EXPECT_THAT(PrepareNewCard(SeftonCard(), SeftonBook(), {}, today, kNow),
              IsOk());
}

TEST(PrepareNewCardTest, ValidatesTheRates) {
  RateCard card = SeftonCard();
  card.support_hourly_pence = 100'000;
  EXPECT_THAT(PrepareNewCard(card, SeftonBook(), {}, kBookStart, kNow),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rate_card.support_hourly_pence")));
}

TEST(CorrectionTest, OnlyBeforeTheCardsDate) {
  const RateCard card = SeftonCard();  // from 1 April
  EXPECT_THAT(CheckCorrection(card, kBookStart - 1), IsOk());
  EXPECT_THAT(CheckCorrection(card, kBookStart),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("never change")));
  EXPECT_THAT(CheckCorrection(card, kBookStart + 1),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(CorrectionTest, ReplacesRatesKeepsIdentityAndDate) {
  RateCard current = SeftonCard();
  current.version = 2;
  current.create_time = kNow - absl::Hours(48);
  RateCard corrected = SeftonCard();
  corrected.version = 9;
  corrected.effective_from = kBookStart + 300;
  corrected.book_id = 55;
  corrected.support_hourly_pence = 1900;
  corrected.extras.pop_back();
  auto result = CorrectCard(current, corrected, kBookStart - 1, kNow);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->support_hourly_pence, 1900);
  EXPECT_EQ(result->extras.size(), 1u);
  EXPECT_EQ(result->version, 2);
  EXPECT_EQ(result->book_id, 7);
  EXPECT_EQ(result->effective_from, kBookStart);
  EXPECT_EQ(result->create_time, kNow - absl::Hours(48));
  EXPECT_EQ(result->update_time, kNow);

  corrected.sleep_in_nightly_pence = -1;
  EXPECT_THAT(CorrectCard(current, corrected, kBookStart - 1, kNow),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rate_card.sleep_in_nightly_pence")));
  EXPECT_THAT(CorrectCard(current, SeftonCard(), kBookStart, kNow),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(CardOnTest, LatestCardNotAfterTheDay) {
  RateCard v1 = SeftonCard();
  RateCard v2 = SeftonCard();
  v2.version = 2;
  v2.effective_from = kBookStart + 10;
  RateCard v3 = SeftonCard();
  v3.version = 3;
  v3.effective_from = kBookStart + 5;  // added later, dated earlier
  const std::vector<RateCard> cards = {v2, v1, v3};
  EXPECT_FALSE(CardOn(cards, kBookStart - 1).has_value());
  EXPECT_FALSE(CardOn({}, kBookStart).has_value());
  EXPECT_EQ(CardOn(cards, kBookStart)->version, 1);
  EXPECT_EQ(CardOn(cards, kBookStart + 4)->version, 1);
  EXPECT_EQ(CardOn(cards, kBookStart + 5)->version, 3);
  EXPECT_EQ(CardOn(cards, kBookStart + 9)->version, 3);
  EXPECT_EQ(CardOn(cards, kBookStart + 10)->version, 2);
  EXPECT_EQ(CardOn(cards, kBookStart + 1000)->version, 2);
}

TEST(CardOnTest, ANewVersionNeverChangesAnEarlierDay) {
  std::vector<RateCard> cards = {SeftonCard()};
  std::vector<int> before;
  for (int d = 0; d < 60; ++d) {
    before.push_back(CardOn(cards, kBookStart + d)->version);
  }
  RateCard v2 = SeftonCard();
  v2.version = 2;
  v2.effective_from = kBookStart + 30;
  cards.push_back(v2);
  for (int d = 0; d < 60; ++d) {
    const int now = CardOn(cards, kBookStart + d)->version;
    EXPECT_EQ(now, d < 30 ? before[d] : 2) << d;
  }
}

TEST(ValidatePackageTest, BoundsAndExtrasOfTheCard) {
  const RateCard card = SeftonCard();
  Package package;
  package.support_minutes_per_week = 10080;
  package.waking_night_minutes_per_week = 10080;
  package.sleep_in_nights_per_week = 7;
  package.extras = {"Setting-up grant", "Bills allowance"};
  EXPECT_THAT(ValidatePackage(card, package), IsOk());

  Package p = package;
  p.support_minutes_per_week = 10081;
  EXPECT_THAT(ValidatePackage(card, p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.support_minutes_per_week")));
  p = package;
  p.support_minutes_per_week = -1;
  EXPECT_THAT(ValidatePackage(card, p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.support_minutes_per_week")));
  p = package;
  p.waking_night_minutes_per_week = 10081;
  EXPECT_THAT(ValidatePackage(card, p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.waking_night_minutes_per_week")));
  p = package;
  p.sleep_in_nights_per_week = 8;
  EXPECT_THAT(ValidatePackage(card, p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.sleep_in_nights_per_week")));
  p = package;
  p.sleep_in_nights_per_week = -1;
  EXPECT_THAT(ValidatePackage(card, p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.sleep_in_nights_per_week")));
  p = package;
  p.extras = {"Bills allowance", "Gym membership"};
  EXPECT_THAT(ValidatePackage(card, p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.extras[1] 'Gym membership'")));
  p.extras = {"Bills allowance", "Bills allowance"};
  EXPECT_THAT(ValidatePackage(card, p),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.extras[1]")));
}

}  // namespace
}  // namespace fhub::pricing
