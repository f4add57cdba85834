// The pricing client's input parsing (pence, counts, basis points, lists)
// and the requests of quote, quote-range, check-offer and benchmark.

#include "tests/unit/cli/pricing_fixture.h"

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::pricing::v1;
using ::fhub::testing::IsOk;
using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

// --- Pence, counts, basis points and lists -----------------------------------

TEST(ParsePenceTest, WholePenceOnly) {
  EXPECT_THAT(ParsePence("--x", "1850"), IsOkAndHolds(1850));
  EXPECT_THAT(ParsePence("--x", "0"), IsOkAndHolds(0));
  EXPECT_THAT(ParsePence("--x", ""),
              StatusIs(kInvalid, HasSubstr("--x is required")));
  for (const char* bad : {"18.50", "£18.50", "-5", "1,850", "1e3", "+5",
                          "99999999999999999999", " 5"}) {
    EXPECT_THAT(ParsePence("--support_hourly_pence", bad),
                StatusIs(kInvalid, HasSubstr(absl::StrCat(
                                       "--support_hourly_pence '", bad,
                                       "' is not a whole number of pence"))))
        << bad;
  }
  EXPECT_THAT(ParsePence("--x", "18.50"),
              StatusIs(kInvalid, HasSubstr("1850 for £18.50")));
}

TEST(ParseCountTest, EmptyIsZeroAndTheWeekBoundsIt) {
  EXPECT_THAT(ParseCount("--n", "", 7), IsOkAndHolds(0));
  EXPECT_THAT(ParseCount("--n", "7", 7), IsOkAndHolds(7));
  EXPECT_THAT(ParseCount("--n", "8", 7),
              StatusIs(kInvalid, HasSubstr("--n '8' is not a whole number "
                                           "from 0 to 7")));
  EXPECT_THAT(ParseCount("--n", "7.5", 10080), StatusIs(kInvalid));
  EXPECT_THAT(ParseCount("--n", "-1", 10080), StatusIs(kInvalid));
}

TEST(ParseBasisPointsTest, SignedWholeNumbers) {
  EXPECT_THAT(ParseBasisPoints("--basis_points", "250"), IsOkAndHolds(250));
  EXPECT_THAT(ParseBasisPoints("--basis_points", "-100"), IsOkAndHolds(-100));
  EXPECT_THAT(ParseBasisPoints("--basis_points", ""),
              StatusIs(kInvalid, HasSubstr("--basis_points is required")));
  EXPECT_THAT(ParseBasisPoints("--basis_points", "2.5"),
              StatusIs(kInvalid, HasSubstr("250 is 2.5%")));
  EXPECT_THAT(ParseBasisPoints("--basis_points", "-"), StatusIs(kInvalid));
  EXPECT_THAT(ParseBasisPoints("--basis_points", "99999999999"),
              StatusIs(kInvalid));
}

TEST(ParseExtrasTest, NamePenceAndKind) {
  auto extras = ParseExtras("--extras",
                            "Bills allowance=2500:WEEKLY, Setup=10000:one_off");
  ASSERT_THAT(extras.status(), IsOk());
  ASSERT_EQ(extras->size(), 2u);
  EXPECT_EQ((*extras)[0].name(), "Bills allowance");
  EXPECT_EQ((*extras)[0].amount_pence(), 2500);
  EXPECT_EQ((*extras)[0].kind(), v1::WEEKLY);
  EXPECT_EQ((*extras)[1].name(), "Setup");
  EXPECT_EQ((*extras)[1].kind(), v1::ONE_OFF);
  EXPECT_THAT(ParseExtras("--extras", ""), IsOkAndHolds(IsEmpty()));
}

TEST(ParseExtrasTest, TheLastSeparatorsSplit) {
  auto extras = ParseExtras("--extras", "Ratio 1:1=500:WEEKLY");
  ASSERT_THAT(extras.status(), IsOk());
  ASSERT_EQ(extras->size(), 1u);
  EXPECT_EQ((*extras)[0].name(), "Ratio 1:1");
  EXPECT_EQ((*extras)[0].amount_pence(), 500);
}

TEST(ParseExtrasTest, BadItemsNameTheFlagAndTheItem) {
  EXPECT_THAT(ParseExtras("--extras", "Bills=2500"),
              StatusIs(kInvalid, HasSubstr("--extras 'Bills=2500' is not "
                                           "NAME=PENCE:WEEKLY|ONE_OFF")));
  EXPECT_THAT(ParseExtras("--extras", "Bills:WEEKLY"),
              StatusIs(kInvalid, HasSubstr("no '='")));
  EXPECT_THAT(ParseExtras("--extras", "=25:WEEKLY"),
              StatusIs(kInvalid, HasSubstr("no name")));
  EXPECT_THAT(ParseExtras("--extras", "Bills=25.00:WEEKLY"),
              StatusIs(kInvalid, HasSubstr("'25.00' is not a whole number")));
  EXPECT_THAT(ParseExtras("--extras", "Bills=2500:MONTHLY"),
              StatusIs(kInvalid, HasSubstr("'MONTHLY' is neither")));
  EXPECT_THAT(ParseExtras("--extras", "Bills=1:WEEKLY,Bills=2:ONE_OFF"),
              StatusIs(kInvalid, HasSubstr("names 'Bills' twice")));
}

TEST(ParseListsTest, ExtraNamesAndPriceBooks) {
  EXPECT_THAT(ParseExtraNames("--extras", "Bills, Setup"),
              IsOkAndHolds(ElementsAre("Bills", "Setup")));
  EXPECT_THAT(ParseExtraNames("--extras", "Bills,Bills"),
              StatusIs(kInvalid, HasSubstr("twice")));
  EXPECT_THAT(ParsePriceBookNames("--price_books", "priceBooks/1,priceBooks/7"),
              IsOkAndHolds(ElementsAre("priceBooks/1", "priceBooks/7")));
  EXPECT_THAT(ParsePriceBookNames("--price_books", "priceBooks/1,books/2"),
              StatusIs(kInvalid, HasSubstr("--price_books 'books/2'")));
  EXPECT_THAT(ParsePriceBookNames("--price_books", "priceBooks/1,priceBooks/1"),
              StatusIs(kInvalid, HasSubstr("twice")));
}

TEST(ParseSpotPricesTest, AllowOrRefuse) {
  EXPECT_THAT(ParseSpotPrices("--spot_prices", "Allow"), IsOkAndHolds(true));
  EXPECT_THAT(ParseSpotPrices("--spot_prices", "refuse"), IsOkAndHolds(false));
  EXPECT_THAT(ParseSpotPrices("--spot_prices", "yes"),
              StatusIs(kInvalid, HasSubstr("give allow or refuse")));
  EXPECT_THAT(ParseSpotPrices("--spot_prices", ""),
              StatusIs(kInvalid, HasSubstr("--spot_prices is required")));
}

// --- quote, quote-range ------------------------------------------------------

TEST_F(PricingCommandsTest, QuoteOfAPackage) {
  SetScope();
  absl::SetFlag(&FLAGS_setting, "providers/acme-care/settings/oak-house");
  absl::SetFlag(&FLAGS_date, "2026-06-15");
  absl::SetFlag(&FLAGS_support_minutes, "450");
  absl::SetFlag(&FLAGS_waking_night_minutes, "3360");
  absl::SetFlag(&FLAGS_sleep_in_nights, "2");
  absl::SetFlag(&FLAGS_extras, "Bills allowance,Setup");
  auto request = BuildQuote({});
  ASSERT_THAT(request.status(), IsOk());
  const v1::PriceScope& scope = request->scope();
  EXPECT_EQ(scope.authority(), "authorities/sefton");
  EXPECT_EQ(scope.provider(), "providers/acme-care");
  EXPECT_EQ(scope.framework(), "frameworks/nw-16plus");
  EXPECT_EQ(scope.lot_id(), "lot-1");
  EXPECT_EQ(scope.setting(), "providers/acme-care/settings/oak-house");
  EXPECT_EQ(request->date().day(), 15);
  const v1::Package& package = request->package();
  EXPECT_EQ(package.support_minutes_per_week(), 450);
  EXPECT_EQ(package.waking_night_minutes_per_week(), 3360);
  EXPECT_EQ(package.sleep_in_nights_per_week(), 2);
  EXPECT_THAT(package.extras(), ElementsAre("Bills allowance", "Setup"));
}

TEST_F(PricingCommandsTest, QuoteOfAccommodationAlone) {
  SetScope();
  absl::SetFlag(&FLAGS_date, "2026-06-15");
  auto request = BuildQuote({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->package().support_minutes_per_week(), 0);
  EXPECT_EQ(request->package().sleep_in_nights_per_week(), 0);
  EXPECT_EQ(request->package().extras_size(), 0);
  EXPECT_EQ(request->scope().setting(), "");
}

TEST_F(PricingCommandsTest, QuoteNamesTheBadFlag) {
  SetScope();
  absl::SetFlag(&FLAGS_lot, "");
  EXPECT_THAT(BuildQuote({}).status(),
              StatusIs(kInvalid, HasSubstr("--lot is required")));
  absl::SetFlag(&FLAGS_lot, "lot-1");
  EXPECT_THAT(BuildQuote({}).status(),
              StatusIs(kInvalid, HasSubstr("--date is required")));
  absl::SetFlag(&FLAGS_date, "15-06-2026");
  EXPECT_THAT(BuildQuote({}).status(),
              StatusIs(kInvalid, HasSubstr("--date '15-06-2026'")));
  absl::SetFlag(&FLAGS_date, "2026-06-15");
  absl::SetFlag(&FLAGS_support_minutes, "7.5");
  EXPECT_THAT(BuildQuote({}).status(),
              StatusIs(kInvalid, HasSubstr("--support_minutes '7.5'")));
  absl::SetFlag(&FLAGS_support_minutes, "10081");
  EXPECT_THAT(BuildQuote({}).status(),
              StatusIs(kInvalid, HasSubstr("from 0 to 10080")));
  absl::SetFlag(&FLAGS_support_minutes, "");
  absl::SetFlag(&FLAGS_sleep_in_nights, "8");
  EXPECT_THAT(BuildQuote({}).status(),
              StatusIs(kInvalid, HasSubstr("--sleep_in_nights '8'")));
  absl::SetFlag(&FLAGS_sleep_in_nights, "");
  absl::SetFlag(&FLAGS_extras, "Bills,Bills");
  EXPECT_THAT(BuildQuote({}).status(),
              StatusIs(kInvalid, HasSubstr("--extras names 'Bills' twice")));
}

TEST_F(PricingCommandsTest, QuoteRange) {
  SetScope();
  absl::SetFlag(&FLAGS_from, "2026-03-01");
  absl::SetFlag(&FLAGS_to, "2026-05-31");
  absl::SetFlag(&FLAGS_support_minutes, "600");
  auto request = BuildQuoteRange({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->scope().lot_id(), "lot-1");
  EXPECT_EQ(request->first_day().month(), 3);
  EXPECT_EQ(request->last_day().month(), 5);
  EXPECT_EQ(request->last_day().day(), 31);
  EXPECT_EQ(request->package().support_minutes_per_week(), 600);
}

TEST_F(PricingCommandsTest, QuoteRangeNeedsAnOrderedRange) {
  SetScope();
  absl::SetFlag(&FLAGS_from, "2026-03-01");
  EXPECT_THAT(BuildQuoteRange({}).status(),
              StatusIs(kInvalid, HasSubstr("--to is required")));
  absl::SetFlag(&FLAGS_to, "2026-02-28");
  EXPECT_THAT(BuildQuoteRange({}).status(),
              StatusIs(kInvalid, HasSubstr("--to must not be before --from")));
  absl::SetFlag(&FLAGS_to, "2026-03-01");  // One day.
  EXPECT_THAT(BuildQuoteRange({}).status(), IsOk());
}

// --- check-offer, benchmark --------------------------------------------------

TEST_F(PricingCommandsTest, CheckOffer) {
  SetScope();
  absl::SetFlag(&FLAGS_date, "2026-06-15");
  SetRates("180000", "1800", "1500", "9000");
  auto request = BuildCheckOffer({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->scope().provider(), "providers/acme-care");
  EXPECT_EQ(request->date().month(), 6);
  const v1::OfferedRates& offered = request->offered();
  EXPECT_EQ(offered.accommodation_weekly_pence(), 180000);
  EXPECT_EQ(offered.support_hourly_pence(), 1800);
  EXPECT_EQ(offered.waking_night_hourly_pence(), 1500);
  EXPECT_EQ(offered.sleep_in_nightly_pence(), 9000);
}

TEST_F(PricingCommandsTest, CheckOfferNeedsEveryRateInWholePence) {
  SetScope();
  absl::SetFlag(&FLAGS_date, "2026-06-15");
  SetRates("180000", "18.00", "1500", "9000");
  EXPECT_THAT(BuildCheckOffer({}).status(),
              StatusIs(kInvalid, HasSubstr("--support_hourly_pence '18.00' "
                                           "is not a whole number of pence")));
  SetRates("180000", "1800", "", "9000");
  EXPECT_THAT(BuildCheckOffer({}).status(),
              StatusIs(kInvalid, HasSubstr("--waking_night_hourly_pence is "
                                           "required")));
  SetRates("180000", "1800", "1500", "9000");
  absl::SetFlag(&FLAGS_provider, "");
  EXPECT_THAT(BuildCheckOffer({}).status(),
              StatusIs(kInvalid, HasSubstr("--provider is required")));
}

TEST_F(PricingCommandsTest, Benchmark) {
  absl::SetFlag(&FLAGS_lot, "lot-1");
  auto today = BuildGetBenchmark({"frameworks/nw-16plus"});
  ASSERT_THAT(today.status(), IsOk());
  EXPECT_EQ(today->framework(), "frameworks/nw-16plus");
  EXPECT_EQ(today->lot_id(), "lot-1");
  EXPECT_FALSE(today->has_date());  // The server's today.
  absl::SetFlag(&FLAGS_date, "2026-01-31");
  auto dated = BuildGetBenchmark({"frameworks/nw-16plus"});
  ASSERT_THAT(dated.status(), IsOk());
  EXPECT_EQ(dated->date().day(), 31);
}

TEST_F(PricingCommandsTest, BenchmarkNamesTheBadInput) {
  EXPECT_THAT(BuildGetBenchmark({"frameworks/nw-16plus"}).status(),
              StatusIs(kInvalid, HasSubstr("--lot is required")));
  absl::SetFlag(&FLAGS_lot, "lot-1");
  absl::SetFlag(&FLAGS_date, "2026-01-32");
  EXPECT_THAT(BuildGetBenchmark({"frameworks/nw-16plus"}).status(),
              StatusIs(kInvalid, HasSubstr("--date '2026-01-32'")));
  absl::SetFlag(&FLAGS_date, "");
  EXPECT_THAT(BuildGetBenchmark({"nw-16plus"}).status(),
              StatusIs(kInvalid, HasSubstr("frameworks/{id}")));
}

}  // namespace
}  // namespace fhub::cli
