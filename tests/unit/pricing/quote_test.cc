// Weekly quotes and range costs, in pence worked out by hand.

#include "services/pricing/domain/quote.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/pricing/domain/rates.h"
#include "services/pricing/domain/uplift.h"
#include "tests/unit/pricing/fixtures.h"

namespace fhub::pricing {
namespace {

using ::fhub::pricing::testing::kBookStart;
using ::fhub::pricing::testing::SeftonCard;
using ::fhub::pricing::testing::SevenAndAHalfHours;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

int64_t SupportLine(int64_t hourly, int64_t minutes) {
  RateCard card;
  card.support_hourly_pence = hourly;
  Package package;
  package.support_minutes_per_week = minutes;
  auto quote = WeeklyQuote(card, package);
  EXPECT_THAT(quote, IsOk());
  return quote->lines[1].amount_pence;
}

TEST(WeeklyQuoteTest, EightFiftyAWeekPlusSevenAndAHalfHoursAtEighteenFifty) {
  RateCard card = SeftonCard();
  auto quote = WeeklyQuote(card, SevenAndAHalfHours());
  ASSERT_THAT(quote, IsOk());
  ASSERT_EQ(quote->lines.size(), 4u);
  EXPECT_EQ(quote->lines[0].label, "accommodation");
  EXPECT_EQ(quote->lines[0].amount_pence, 85000);
  EXPECT_EQ(quote->lines[1].label, "support");
  EXPECT_EQ(quote->lines[1].basis, "450 min at 1850p/h");
  EXPECT_EQ(quote->lines[1].amount_pence, 13875);  // 1850 x 7.5 exactly
  EXPECT_EQ(quote->lines[2].label, "waking night");
  EXPECT_EQ(quote->lines[2].amount_pence, 0);
  EXPECT_EQ(quote->lines[3].label, "sleep-in");
  EXPECT_EQ(quote->lines[3].amount_pence, 0);
  EXPECT_EQ(quote->weekly_total_pence, 98875);
  EXPECT_TRUE(quote->one_off_lines.empty());
  EXPECT_EQ(quote->one_off_total_pence, 0);
  EXPECT_EQ(quote->card_version, 1);
}

TEST(WeeklyQuoteTest, EveryLineAndOneOffsApart) {
  Package package = SevenAndAHalfHours();
  package.waking_night_minutes_per_week = 600;  // 10 h at 1500p = 15000p
  package.sleep_in_nights_per_week = 2;         // 2 x 4000p = 8000p
  package.extras = {"Setting-up grant", "Bills allowance"};
  auto quote = WeeklyQuote(SeftonCard(), package);
  ASSERT_THAT(quote, IsOk());
  ASSERT_EQ(quote->lines.size(), 5u);
  EXPECT_EQ(quote->lines[2].amount_pence, 15000);
  EXPECT_EQ(quote->lines[3].amount_pence, 8000);
  EXPECT_EQ(quote->lines[3].basis, "2 nights at 4000p/night");
  EXPECT_EQ(quote->lines[4].label, "Bills allowance");
  EXPECT_EQ(quote->lines[4].amount_pence, 2500);
  // 85000 + 13875 + 15000 + 8000 + 2500
  EXPECT_EQ(quote->weekly_total_pence, 124375);
  ASSERT_EQ(quote->one_off_lines.size(), 1u);
  EXPECT_EQ(quote->one_off_lines[0].label, "Setting-up grant");
  EXPECT_EQ(quote->one_off_lines[0].amount_pence, 30000);
  EXPECT_EQ(quote->one_off_total_pence, 30000);
}

TEST(WeeklyQuoteTest, TimeLinesRoundOnceToTheNearestPennyHalvesUp) {
  EXPECT_EQ(SupportLine(1850, 450), 13875);       // exact
  EXPECT_EQ(SupportLine(1999, 20), 666);          // 666.33
  EXPECT_EQ(SupportLine(1999, 50), 1666);         // 1665.83
  EXPECT_EQ(SupportLine(1999, 30), 1000);         // 999.5 rounds up
  EXPECT_EQ(SupportLine(1, 30), 1);               // 0.5 rounds up
  EXPECT_EQ(SupportLine(1, 29), 0);               // 0.483
  EXPECT_EQ(SupportLine(1, 1), 0);                // 0.0167
  EXPECT_EQ(SupportLine(59523, 10080), 9999864);  // the caps: 59523 x 168
}

TEST(WeeklyQuoteTest, TotalIsTheSumOfRoundedLines) {
  // Each line rounds on its own, once: 999.5p -> 1000p twice, so the total
  // is 2000p although the exact sum is 1999p; the total is never
  // re-rounded.
  RateCard card;
  card.support_hourly_pence = 1999;
  card.waking_night_hourly_pence = 1999;
  Package package;
  package.support_minutes_per_week = 30;       // 999.5 -> 1000
  package.waking_night_minutes_per_week = 30;  // 999.5 -> 1000
  auto quote = WeeklyQuote(card, package);
  ASSERT_THAT(quote, IsOk());
  // The exact sum is 1999p; the sum of rounded lines is 2000p.
  EXPECT_EQ(quote->weekly_total_pence, 2000);
  int64_t sum = 0;
  for (const QuoteLine& line : quote->lines) sum += line.amount_pence;
  EXPECT_EQ(sum, quote->weekly_total_pence);
}

TEST(WeeklyQuoteTest, RefusesABadPackageNamingTheField) {
  Package package = SevenAndAHalfHours();
  package.extras = {"Gym"};
  EXPECT_THAT(WeeklyQuote(SeftonCard(), package),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.extras[0]")));
  package = SevenAndAHalfHours();
  package.support_minutes_per_week = 20000;
  EXPECT_THAT(WeeklyQuote(SeftonCard(), package),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.support_minutes_per_week")));
}

// Version 1 from 1 April: 98875p a week for the package; version 2 from 11
// April after a 2.5% uplift to the nearest penny: accommodation 87125p,
// support 1896.25 -> 1896p/h, so 1896 x 7.5 = 14220p; 101345p a week.
std::vector<RateCard> CardsAcrossAnUplift() {
  const RateCard v1 = SeftonCard();
  auto v2 = UpliftCard(v1, 250, RoundingRule::kNearestPenny, kBookStart + 10);
  EXPECT_THAT(v2, IsOk());
  return {v1, *v2};
}

TEST(RangeQuoteTest, TenDaysAtOneCardAndFourAtTheUplift) {
  const std::vector<RateCard> cards = CardsAcrossAnUplift();
  ASSERT_EQ(cards[1].accommodation_weekly_pence, 87125);
  ASSERT_EQ(cards[1].support_hourly_pence, 1896);
  auto cost =
      RangeQuote(cards, SevenAndAHalfHours(), kBookStart, kBookStart + 13);
  ASSERT_THAT(cost, IsOk());
  ASSERT_EQ(cost->segments.size(), 2u);
  const RangeSegment& a = cost->segments[0];
  EXPECT_EQ(a.first_day, absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(a.last_day, absl::CivilDay(2026, 4, 10));
  EXPECT_EQ(a.days, 10);
  EXPECT_EQ(a.card_version, 1);
  EXPECT_EQ(a.weekly_total_pence, 98875);
  EXPECT_EQ(a.cost_pence, 141250);  // 98875 x 10 / 7 = 141250 exactly
  const RangeSegment& b = cost->segments[1];
  EXPECT_EQ(b.first_day, absl::CivilDay(2026, 4, 11));
  EXPECT_EQ(b.last_day, absl::CivilDay(2026, 4, 14));
  EXPECT_EQ(b.days, 4);
  EXPECT_EQ(b.card_version, 2);
  EXPECT_EQ(b.weekly_total_pence, 101345);
  EXPECT_EQ(b.cost_pence, 57911);  // 405380 / 7 = 57911.43
  EXPECT_EQ(cost->total_pence, 199161);
}

TEST(RangeQuoteTest, SegmentsRoundOnceToTheNearestPenny) {
  RateCard card;
  card.effective_from = kBookStart;
  card.accommodation_weekly_pence = 10;
  auto cost = RangeQuote({card}, Package(), kBookStart, kBookStart);
  ASSERT_THAT(cost, IsOk());
  EXPECT_EQ(cost->total_pence, 1);  // 10 / 7 = 1.43
  card.accommodation_weekly_pence = 11;
  cost = RangeQuote({card}, Package(), kBookStart, kBookStart);
  EXPECT_EQ(cost->total_pence, 2);  // 11 / 7 = 1.57
  // A whole week costs the weekly total exactly.
  card.accommodation_weekly_pence = 98875;
  cost = RangeQuote({card}, Package(), kBookStart, kBookStart + 6);
  EXPECT_EQ(cost->total_pence, 98875);
}

TEST(RangeQuoteTest, OneOffExtrasAreNotPartOfARange) {
  Package package = SevenAndAHalfHours();
  package.extras = {"Setting-up grant"};
  auto cost = RangeQuote({SeftonCard()}, package, kBookStart, kBookStart + 6);
  ASSERT_THAT(cost, IsOk());
  EXPECT_EQ(cost->total_pence, 98875);
}

TEST(RangeQuoteTest, EveryDayNeedsACard) {
  EXPECT_THAT(
      RangeQuote({SeftonCard()}, SevenAndAHalfHours(), kBookStart - 2,
                 kBookStart + 3),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-03-30")));
  EXPECT_THAT(RangeQuote({}, SevenAndAHalfHours(), kBookStart, kBookStart),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(RangeQuoteTest, RefusesABadRange) {
  EXPECT_THAT(
      RangeQuote({SeftonCard()}, SevenAndAHalfHours(), kBookStart + 1,
                 kBookStart),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("last_day")));
  EXPECT_THAT(
      RangeQuote({SeftonCard()}, SevenAndAHalfHours(), kBookStart,
                 kBookStart + kMaxRangeDaysAfterFirst + 1),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("last_day")));
  EXPECT_THAT(RangeQuote({SeftonCard()}, SevenAndAHalfHours(), kBookStart,
                         kBookStart + kMaxRangeDaysAfterFirst),
              IsOk());
}

TEST(RangeQuoteTest, ThePackageMustFitEveryCardUsed) {
  std::vector<RateCard> cards = CardsAcrossAnUplift();
  cards[1].extras.clear();  // version 2 drops the bills allowance
  Package package = SevenAndAHalfHours();
  package.extras = {"Bills allowance"};
  EXPECT_THAT(RangeQuote(cards, package, kBookStart, kBookStart + 9), IsOk());
  EXPECT_THAT(RangeQuote(cards, package, kBookStart, kBookStart + 10),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("package.extras[0]")));
}

// Whatever the range, the segments tile it, their days and costs add up to
// the range, each is under the card CardOn gives, and cutting the range in
// two changes the total by at most a penny per extra cut.
TEST(RangeQuoteTest, SegmentsAlwaysAddUp) {
  std::vector<RateCard> cards = CardsAcrossAnUplift();
  RateCard v3 = cards[1];
  v3.version = 3;
  v3.effective_from = kBookStart + 17;
  v3.support_hourly_pence = 1999;
  cards.push_back(v3);
  Package package = SevenAndAHalfHours();
  package.waking_night_minutes_per_week = 50;
  for (int first = 0; first < 25; ++first) {
    for (int last = first; last < 40; ++last) {
      auto cost =
          RangeQuote(cards, package, kBookStart + first, kBookStart + last);
      ASSERT_THAT(cost, IsOk());
      int64_t days = 0;
      int64_t total = 0;
      absl::CivilDay expected_first = kBookStart + first;
      for (const RangeSegment& s : cost->segments) {
        EXPECT_EQ(s.first_day, expected_first);
        EXPECT_EQ(s.days, s.last_day - s.first_day + 1);
        EXPECT_EQ(CardOn(cards, s.first_day)->version, s.card_version);
        EXPECT_EQ(CardOn(cards, s.last_day)->version, s.card_version);
        days += s.days;
        total += s.cost_pence;
        expected_first = s.last_day + 1;
      }
      EXPECT_EQ(expected_first, kBookStart + last + 1);
      EXPECT_EQ(days, last - first + 1);
      EXPECT_EQ(total, cost->total_pence);
      for (int cut = first; cut < last; ++cut) {
        auto left =
            RangeQuote(cards, package, kBookStart + first, kBookStart + cut);
        auto right =
            RangeQuote(cards, package, kBookStart + cut + 1, kBookStart + last);
        const int64_t split = left->total_pence + right->total_pence;
        EXPECT_LE(std::abs(split - cost->total_pence), 1)
            << first << " " << cut << " " << last;
        if (cut == 9 || cut == 16) {  // at a card change: nothing changes
          EXPECT_EQ(split, cost->total_pence);
        }
      }
    }
  }
}

}  // namespace
}  // namespace fhub::pricing
