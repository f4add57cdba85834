// Uplifts in basis points, rounded by rule, exactly in integers.

#include "services/pricing/domain/uplift.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/pricing/domain/rates.h"
#include "tests/unit/pricing/fixtures.h"

namespace fhub::pricing {
namespace {

using ::fhub::pricing::testing::kBookStart;
using ::fhub::pricing::testing::SeftonCard;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr RoundingRule kNearest = RoundingRule::kNearestPenny;
constexpr RoundingRule kDown = RoundingRule::kDown;
constexpr RoundingRule kUp = RoundingRule::kUp;

TEST(UpliftAmountTest, ByRuleExactlyInIntegers) {
  // +2.5% of 1850p = 1896.25p
  EXPECT_EQ(UpliftAmount(1850, 250, kNearest), 1896);
  EXPECT_EQ(UpliftAmount(1850, 250, kDown), 1896);
  EXPECT_EQ(UpliftAmount(1850, 250, kUp), 1897);
  // -2.5% of 1001p = 975.975p
  EXPECT_EQ(UpliftAmount(1001, -250, kNearest), 976);
  EXPECT_EQ(UpliftAmount(1001, -250, kDown), 975);
  EXPECT_EQ(UpliftAmount(1001, -250, kUp), 976);
  // Exactly half a penny: +50% of 1p, -50% of 3p.
  EXPECT_EQ(UpliftAmount(1, 5000, kNearest), 2);
  EXPECT_EQ(UpliftAmount(1, 5000, kDown), 1);
  EXPECT_EQ(UpliftAmount(3, -5000, kNearest), 2);
  EXPECT_EQ(UpliftAmount(3, -5000, kDown), 1);
  EXPECT_EQ(UpliftAmount(3, -5000, kUp), 2);
  // Exact results are the same under every rule.
  for (RoundingRule rule : {kNearest, kDown, kUp}) {
    EXPECT_EQ(UpliftAmount(85000, 250, rule), 87125);
    EXPECT_EQ(UpliftAmount(0, 10000, rule), 0);
    EXPECT_EQ(UpliftAmount(1234, 10000, rule), 2468);
    EXPECT_EQ(UpliftAmount(1234, -5000, rule), 617);
  }
}

TEST(UpliftAmountTest, RulesOrderedAndAtMostAPennyApart) {
  for (int64_t amount = 0; amount < 2000; amount += 7) {
    for (int bp = -5000; bp <= 10000; bp += 137) {
      const int64_t down = UpliftAmount(amount, bp, kDown);
      const int64_t nearest = UpliftAmount(amount, bp, kNearest);
      const int64_t up = UpliftAmount(amount, bp, kUp);
      ASSERT_LE(down, nearest);
      ASSERT_LE(nearest, up);
      ASSERT_LE(up - down, 1);
      // down is the floor: down <= exact < down + 1
      ASSERT_LE(down * 10000, amount * (10000 + bp));
      ASSERT_GT((down + 1) * 10000, amount * (10000 + bp));
    }
  }
}

TEST(UpliftCardTest, EveryRateAndExtraNextVersionFromTheDate) {
  const RateCard v1 = SeftonCard();
  auto v2 = UpliftCard(v1, 250, kNearest, kBookStart + 365);
  ASSERT_THAT(v2, IsOk());
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->book_id, v1.book_id);
  EXPECT_EQ(v2->effective_from, kBookStart + 365);
  EXPECT_EQ(v2->accommodation_weekly_pence, 87125);  // 85000 x 1.025
  EXPECT_EQ(v2->support_hourly_pence, 1896);         // 1896.25
  EXPECT_EQ(v2->waking_night_hourly_pence, 1538);    // 1537.5 halves up
  EXPECT_EQ(v2->sleep_in_nightly_pence, 4100);
  ASSERT_EQ(v2->extras.size(), 2u);
  EXPECT_EQ(v2->extras[0].name, "Bills allowance");
  EXPECT_EQ(v2->extras[0].amount_pence, 2563);  // 2562.5 halves up
  EXPECT_EQ(v2->extras[0].kind, ExtraKind::kWeekly);
  EXPECT_EQ(v2->extras[1].amount_pence, 30750);
  EXPECT_EQ(v2->extras[1].kind, ExtraKind::kOneOff);
  auto down = UpliftCard(v1, 250, kDown, kBookStart + 365);
  EXPECT_EQ(down->waking_night_hourly_pence, 1537);
  EXPECT_EQ(down->extras[0].amount_pence, 2562);
}

TEST(UpliftCardTest, ZeroIsTheIdentity) {
  RateCard card = SeftonCard();
  for (int64_t p = 0; p < 3000; p += 97) {
    card.accommodation_weekly_pence = p * 31;
    card.support_hourly_pence = p;
    card.waking_night_hourly_pence = p + 1;
    card.sleep_in_nightly_pence = p * 3;
    card.extras[0].amount_pence = p + 5;
    for (RoundingRule rule : {kNearest, kDown, kUp}) {
      auto same = UpliftCard(card, 0, rule, kBookStart + 1);
      ASSERT_THAT(same, IsOk());
      EXPECT_EQ(same->accommodation_weekly_pence,
                card.accommodation_weekly_pence);
      EXPECT_EQ(same->support_hourly_pence, card.support_hourly_pence);
      EXPECT_EQ(same->waking_night_hourly_pence,
                card.waking_night_hourly_pence);
      EXPECT_EQ(same->sleep_in_nightly_pence, card.sleep_in_nightly_pence);
      EXPECT_EQ(same->extras[0].amount_pence, card.extras[0].amount_pence);
      EXPECT_EQ(same->extras[1].amount_pence, card.extras[1].amount_pence);
    }
  }
}

TEST(UpliftCardTest, PercentagesOutsideMinusFiftyToPlusAHundredRefused) {
  const RateCard card = SeftonCard();
  for (int bp : {-5001, 10001, -10000, 20000}) {
    EXPECT_THAT(UpliftCard(card, bp, kNearest, kBookStart + 1),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("uplift.basis_points")))
        << bp;
  }
  EXPECT_THAT(UpliftCard(card, -5000, kNearest, kBookStart + 1), IsOk());
  EXPECT_THAT(UpliftCard(card, 10000, kNearest, kBookStart + 1), IsOk());
}

TEST(UpliftCardTest, RefusedWhenARateWouldPassItsCap) {
  RateCard card = SeftonCard();
  card.support_hourly_pence = 59000;  // +1% = 59590 > 59523
  EXPECT_THAT(UpliftCard(card, 100, kNearest, kBookStart + 1),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("uplift.basis_points"),
                             HasSubstr("rate_card.support_hourly_pence"))));
  EXPECT_THAT(UpliftCard(card, 88, kDown, kBookStart + 1), IsOk());  // 59519
  card = SeftonCard();
  card.accommodation_weekly_pence = kMaxWeeklyPence;
  EXPECT_THAT(UpliftCard(card, 1, kNearest, kBookStart + 1),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rate_card.accommodation_weekly_pence")));
  card = SeftonCard();
  card.extras[1].amount_pence = 6'000'000;  // doubled: 12,000,000
  EXPECT_THAT(UpliftCard(card, 10000, kNearest, kBookStart + 1),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rate_card.extras[1].amount_pence")));
}

TEST(UpliftCardTest, TheCardMustBeInForceOnTheDate) {
  const RateCard card = SeftonCard();
  EXPECT_THAT(UpliftCard(card, 250, kNearest, kBookStart - 1),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("uplift.effective_from")));
}

}  // namespace
}  // namespace fhub::pricing
