// Quotes, range quotes, uplifts and offer checks through gRPC, exact to the
// penny against hand-computed amounts.

#include "tests/integration/pricing_api/fixture.h"

namespace fhub::pricing {
namespace {

using ::testing::SizeIs;

TEST_F(PricingApiTest, AWeekOfAccommodationAndSupportIsPricedLineByLine) {
  v1::PriceBook book = AcceptedBook("sefton", "bootle-house");
  v1::QuoteResponse quote;
  ASSERT_THAT(Quote(Commissioner("sefton"), Scope("sefton", "bootle-house"),
                    "2026-12-07", SupportPackage(450), &quote),
              GrpcOk());
  EXPECT_EQ(quote.price_book(), book.name());
  EXPECT_EQ(quote.rate_card(), "priceBooks/1/rateCards/1");
  ASSERT_THAT(quote.lines(), SizeIs(4));
  // £850.00 a week.
  EXPECT_EQ(quote.lines(0).label(), "accommodation");
  EXPECT_EQ(quote.lines(0).amount_pence(), 85000);
  // 7.5 hours at £18.50 = £138.75.
  EXPECT_EQ(quote.lines(1).label(), "support");
  EXPECT_EQ(quote.lines(1).basis(), "450 min at 1850p/h");
  EXPECT_EQ(quote.lines(1).amount_pence(), 13875);
  EXPECT_EQ(quote.lines(2).amount_pence(), 0);
  EXPECT_EQ(quote.lines(3).amount_pence(), 0);
  // £988.75.
  EXPECT_EQ(quote.weekly_total_pence(), 98875);

  // The provider and the referrals service get the same answer.
  v1::QuoteResponse same;
  ASSERT_THAT(
      Quote(ProviderUser("bootle-house"), Scope("sefton", "bootle-house"),
            "2026-12-07", SupportPackage(450), &same),
      GrpcOk());
  EXPECT_EQ(same.weekly_total_pence(), 98875);
  ASSERT_THAT(Quote(Service(), Scope("sefton", "bootle-house"), "2026-12-07",
                    SupportPackage(450), &same),
              GrpcOk());
  EXPECT_EQ(same.weekly_total_pence(), 98875);
}

TEST_F(PricingApiTest, ARangeAcrossAnUpliftIsPricedDayByDay) {
  AcceptedBook("sefton", "bootle-house");
  v1::ApplyUpliftResponse uplift;
  ASSERT_THAT(
      Uplift(Commissioner("sefton"), "sefton", 250, "2027-04-01", {}, &uplift),
      GrpcOk());
  ASSERT_THAT(uplift.rate_cards(), SizeIs(1));
  const v1::RateCard& card = uplift.rate_cards(0);
  EXPECT_EQ(card.name(), "priceBooks/1/rateCards/2");
  EXPECT_EQ(card.accommodation_weekly_pence(), 87125);  // 85000 x 1.025
  EXPECT_EQ(card.support_hourly_pence(), 1896);         // 1896.25 -> 1896
  EXPECT_EQ(card.waking_night_hourly_pence(), 1435);    // 1400 x 1.025
  EXPECT_EQ(card.sleep_in_nightly_pence(), 9225);       // 9000 x 1.025

  v1::QuoteRangeRequest request;
  *request.mutable_scope() = Scope("sefton", "bootle-house");
  *request.mutable_first_day() = Day("2027-03-01");
  *request.mutable_last_day() = Day("2027-04-30");
  *request.mutable_package() = SupportPackage(450);
  v1::QuoteRangeResponse range;
  ASSERT_THAT(
      stub_->QuoteRange(testing::CallContext(Commissioner("sefton")).get(),
                        request, &range),
      GrpcOk());
  ASSERT_THAT(range.segments(), SizeIs(2));
  // March under card 1: 98875 x 31 / 7 = 437875 exactly.
  EXPECT_EQ(range.segments(0).days(), 31);
  EXPECT_EQ(range.segments(0).rate_card(), "priceBooks/1/rateCards/1");
  EXPECT_EQ(range.segments(0).weekly_total_pence(), 98875);
  EXPECT_EQ(range.segments(0).cost_pence(), 437875);
  // April under card 2: 87125 + 1896 x 7.5 = 101345 a week;
  // 101345 x 30 / 7 = 434335.71 -> 434336.
  EXPECT_EQ(range.segments(1).days(), 30);
  EXPECT_EQ(range.segments(1).rate_card(), "priceBooks/1/rateCards/2");
  EXPECT_EQ(range.segments(1).weekly_total_pence(), 101345);
  EXPECT_EQ(range.segments(1).cost_pence(), 434336);
  EXPECT_EQ(range.total_pence(), 872211);

  // What March cost did not change with the uplift.
  v1::QuoteResponse march;
  ASSERT_THAT(Quote(Commissioner("sefton"), Scope("sefton", "bootle-house"),
                    "2027-03-31", SupportPackage(450), &march),
              GrpcOk());
  EXPECT_EQ(march.weekly_total_pence(), 98875);
}

TEST_F(PricingApiTest, AnUpliftRoundsByTheStatedRuleAndTouchesOnlyListedBooks) {
  Rates odd;
  odd.support_hourly = 1001;
  v1::PriceBook a = AcceptedBook("sefton", "bootle-house", odd);
  v1::PriceBook b = AcceptedBook("sefton", "mersey-living", odd);
  v1::ApplyUpliftResponse down, up;
  // -2.5% of 1001p is 975.975p.
  ASSERT_THAT(Uplift(Commissioner("sefton"), "sefton", -250, "2027-04-01",
                     {a.name()}, &down, v1::DOWN),
              GrpcOk());
  ASSERT_THAT(down.rate_cards(), SizeIs(1));
  EXPECT_EQ(down.rate_cards(0).support_hourly_pence(), 975);
  ASSERT_THAT(Uplift(Commissioner("sefton"), "sefton", -250, "2027-04-01",
                     {b.name()}, &up, v1::UP),
              GrpcOk());
  EXPECT_EQ(up.rate_cards(0).name(), "priceBooks/2/rateCards/2");
  EXPECT_EQ(up.rate_cards(0).support_hourly_pence(), 976);
  // Both books now have a card from that date.
  EXPECT_THAT(Uplift(Commissioner("sefton"), "sefton", 100, "2027-04-01"),
              GrpcIs(grpc::StatusCode::ALREADY_EXISTS));
  EXPECT_EQ(CountRows("rate_cards"), 4);
}

TEST_F(PricingApiTest, AnUpliftThatWouldBreakABoundChangesNoBook) {
  Rates big;
  big.accommodation_weekly = 9'800'000;
  AcceptedBook("sefton", "bootle-house");
  AcceptedBook("sefton", "mersey-living", big);
  // +2.5% of £98,000 is over £100,000 a week: neither book gets a card.
  EXPECT_THAT(
      Uplift(Commissioner("sefton"), "sefton", 250, "2027-04-01"),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "accommodation_weekly_pence"));
  EXPECT_EQ(CountRows("rate_cards"), 2);
}

TEST_F(PricingApiTest, AnOfferIsCheckedComponentByComponent) {
  AcceptedBook("sefton", "bootle-house");
  v1::CheckOfferResponse check;
  ASSERT_THAT(CheckOffer(Service(), Scope("sefton", "bootle-house"),
                         "2026-12-07", Rates(), &check),
              GrpcOk());
  EXPECT_EQ(check.outcome(), v1::WITHIN_PRICE_BOOK);
  EXPECT_EQ(check.price_book(), "priceBooks/1");
  EXPECT_EQ(check.rate_card(), "priceBooks/1/rateCards/1");

  Rates dear;
  dear.accommodation_weekly = 86000;
  dear.support_hourly = 1800;  // cheaper: fine
  dear.sleep_in_nightly = 9500;
  ASSERT_THAT(CheckOffer(Service(), Scope("sefton", "bootle-house"),
                         "2026-12-07", dear, &check),
              GrpcOk());
  EXPECT_EQ(check.outcome(), v1::EXCEEDS_PRICE_BOOK);
  ASSERT_THAT(check.exceeding(), SizeIs(2));
  EXPECT_EQ(check.exceeding(0).component(), "accommodation_weekly_pence");
  EXPECT_EQ(check.exceeding(0).offered_pence(), 86000);
  EXPECT_EQ(check.exceeding(0).price_book_pence(), 85000);
  EXPECT_EQ(check.exceeding(1).component(), "sleep_in_nightly_pence");

  // Wirral has no book with the provider: its policy decides.
  ASSERT_THAT(CheckOffer(Service(), Scope("wirral", "bootle-house"),
                         "2026-12-07", Rates(), &check),
              GrpcOk());
  EXPECT_EQ(check.outcome(), v1::NO_PRICE_BOOK_SPOT_REFUSED);
  EXPECT_TRUE(check.price_book().empty());
  ASSERT_THAT(SetPolicy(Commissioner("wirral"), "wirral", true), GrpcOk());
  ASSERT_THAT(CheckOffer(Service(), Scope("wirral", "bootle-house"),
                         "2026-12-07", Rates(), &check),
              GrpcOk());
  EXPECT_EQ(check.outcome(), v1::NO_PRICE_BOOK_SPOT_ALLOWED);
}

TEST_F(PricingApiTest, AProposedBookPricesNothingUntilAccepted) {
  ASSERT_THAT(CreateBook(Commissioner("sefton"), "sefton", "bootle-house"),
              GrpcOk());
  v1::QuoteResponse quote;
  EXPECT_THAT(
      Quote(Commissioner("sefton"), Scope("sefton", "bootle-house"),
            "2026-12-07", SupportPackage(), &quote),
      GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "no accepted price book"));
  v1::CheckOfferResponse check;
  ASSERT_THAT(CheckOffer(Service(), Scope("sefton", "bootle-house"),
                         "2026-12-07", Rates(), &check),
              GrpcOk());
  EXPECT_EQ(check.outcome(), v1::NO_PRICE_BOOK_SPOT_REFUSED);
}

TEST_F(PricingApiTest, TheMostSpecificBookApplies) {
  Rates general, lot;
  lot.accommodation_weekly = 95000;
  AcceptedBook("sefton", "bootle-house", general);
  AcceptedBook("sefton", "bootle-house", lot, "lot-2");
  v1::QuoteResponse quote;
  ASSERT_THAT(
      Quote(Commissioner("sefton"), Scope("sefton", "bootle-house", "lot-2"),
            "2026-12-07", SupportPackage(0), &quote),
      GrpcOk());
  EXPECT_EQ(quote.price_book(), "priceBooks/2");
  EXPECT_EQ(quote.weekly_total_pence(), 95000);
  ASSERT_THAT(
      Quote(Commissioner("sefton"), Scope("sefton", "bootle-house", "lot-1"),
            "2026-12-07", SupportPackage(0), &quote),
      GrpcOk());
  EXPECT_EQ(quote.price_book(), "priceBooks/1");
  EXPECT_EQ(quote.weekly_total_pence(), 85000);
}

}  // namespace
}  // namespace fhub::pricing
