// Offers against the price book, and the spot-price policy.

#include "services/pricing/domain/offer_check.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/pricing/fixtures.h"

namespace fhub::pricing {
namespace {

using ::fhub::pricing::testing::SeftonCard;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

OfferedRates AtTheBook() { return {85000, 1850, 1500, 4000}; }

PricingPolicy Policy(bool spot) { return {"sefton", spot}; }

TEST(CheckOfferTest, EqualOrLowerIsWithin) {
  auto check = CheckOffer(SeftonCard(), AtTheBook(), Policy(false));
  ASSERT_THAT(check, IsOk());
  EXPECT_EQ(check->outcome, OfferOutcome::kWithinPriceBook);
  EXPECT_TRUE(check->exceeding.empty());
  EXPECT_EQ(check->card_version, 1);
  check = CheckOffer(SeftonCard(), {0, 1849, 1, 3999}, Policy(false));
  EXPECT_EQ(check->outcome, OfferOutcome::kWithinPriceBook);
}

TEST(CheckOfferTest, NamesEachComponentAbove) {
  OfferedRates offered = AtTheBook();
  offered.support_hourly_pence = 1851;
  offered.sleep_in_nightly_pence = 4500;
  auto check = CheckOffer(SeftonCard(), offered, Policy(true));
  ASSERT_THAT(check, IsOk());
  EXPECT_EQ(check->outcome, OfferOutcome::kExceedsPriceBook);
  ASSERT_EQ(check->exceeding.size(), 2u);
  EXPECT_EQ(check->exceeding[0].component, RateComponent::kSupportHourly);
  EXPECT_EQ(check->exceeding[0].offered_pence, 1851);
  EXPECT_EQ(check->exceeding[0].price_book_pence, 1850);
  EXPECT_EQ(NameOf(kRateComponents, check->exceeding[1].component),
            "sleep_in_nightly_pence");
  EXPECT_EQ(check->exceeding[1].offered_pence, 4500);
  EXPECT_EQ(check->exceeding[1].price_book_pence, 4000);

  // Each component on its own.
  for (int i = 0; i < 4; ++i) {
    OfferedRates one = AtTheBook();
    int64_t* fields[] = {
        &one.accommodation_weekly_pence, &one.support_hourly_pence,
        &one.waking_night_hourly_pence, &one.sleep_in_nightly_pence};
    *fields[i] += 1;
    auto c = CheckOffer(SeftonCard(), one, Policy(false));
    ASSERT_THAT(c, IsOk());
    ASSERT_EQ(c->exceeding.size(), 1u);
    EXPECT_EQ(static_cast<int>(c->exceeding[0].component), i);
  }
}

TEST(CheckOfferTest, WithoutABookThePolicyDecides) {
  auto allowed = CheckOffer(std::nullopt, AtTheBook(), Policy(true));
  ASSERT_THAT(allowed, IsOk());
  EXPECT_EQ(allowed->outcome, OfferOutcome::kNoPriceBookSpotAllowed);
  EXPECT_FALSE(allowed->card_version.has_value());
  auto refused = CheckOffer(std::nullopt, AtTheBook(), PricingPolicy());
  ASSERT_THAT(refused, IsOk());
  EXPECT_EQ(refused->outcome, OfferOutcome::kNoPriceBookSpotRefused);
  EXPECT_EQ(NameOf(kOfferOutcomes, refused->outcome),
            "NO_PRICE_BOOK_SPOT_REFUSED");
}

TEST(CheckOfferTest, RefusesAbsurdOffersNamingTheField) {
  OfferedRates offered = AtTheBook();
  offered.waking_night_hourly_pence = 59524;
  EXPECT_THAT(CheckOffer(SeftonCard(), offered, Policy(true)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offered.waking_night_hourly_pence")));
  offered = AtTheBook();
  offered.accommodation_weekly_pence = -1;
  EXPECT_THAT(CheckOffer(std::nullopt, offered, Policy(true)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offered.accommodation_weekly_pence")));
}

}  // namespace
}  // namespace fhub::pricing
