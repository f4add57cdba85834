// Nobody but the buyer, the provider and the hub's services sees a price
// book: Wirral cannot get, list, quote, check or benchmark its way to
// Sefton's rates.

#include "tests/integration/pricing_api/fixture.h"

namespace fhub::pricing {
namespace {

TEST_F(PricingApiTest, WirralCannotGetOrListSeftonsBook) {
  v1::PriceBook book = AcceptedBook("sefton", "bootle-house");
  v1::GetPriceBookRequest get;
  get.set_name(book.name());
  v1::PriceBook seen;
  // The answer is the one a missing book gets.
  const grpc::Status wirral = stub_->GetPriceBook(
      testing::CallContext(Commissioner("wirral")).get(), get, &seen);
  EXPECT_THAT(wirral, GrpcIs(grpc::StatusCode::NOT_FOUND));
  v1::GetPriceBookRequest missing;
  missing.set_name("priceBooks/999");
  const grpc::Status none = stub_->GetPriceBook(
      testing::CallContext(Commissioner("wirral")).get(), missing, &seen);
  EXPECT_THAT(none, GrpcIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(wirral.error_message(), "priceBooks/1 not found");
  EXPECT_EQ(none.error_message(), "priceBooks/999 not found");

  // Nor can the lead, another provider, or Sefton's own evaluator.
  for (const std::string& token :
       {LeadAdmin("tameside"), ProviderUser("mersey-living"),
        Token("authorities/sefton", {Role::kEvaluator})}) {
    EXPECT_THAT(
        stub_->GetPriceBook(testing::CallContext(token).get(), get, &seen),
        GrpcIs(grpc::StatusCode::NOT_FOUND));
  }
  // Sefton's lead admin can.
  EXPECT_THAT(stub_->GetPriceBook(
                  testing::CallContext(LeadAdmin("sefton")).get(), get, &seen),
              GrpcOk());

  v1::ListPriceBooksRequest list;
  v1::ListPriceBooksResponse page;
  ASSERT_THAT(
      stub_->ListPriceBooks(testing::CallContext(Commissioner("wirral")).get(),
                            list, &page),
      GrpcOk());
  EXPECT_EQ(page.price_books_size(), 0);
  // Nor can Wirral add a card to it, accept it or uplift it.
  EXPECT_THAT(
      AddCard(Commissioner("wirral"), book.name(), Card(Rates(), "2027-04-01")),
      GrpcIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(Uplift(Commissioner("wirral"), "wirral", 250, "2027-04-01",
                     {book.name()}),
              GrpcIs(grpc::StatusCode::NOT_FOUND, "price_books[0]"));
  EXPECT_THAT(Uplift(Commissioner("wirral"), "sefton", 250, "2027-04-01"),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_EQ(CountRows("rate_cards"), 1);
}

TEST_F(PricingApiTest, WirralCannotQuoteOrCheckOffersAgainstSeftonsBook) {
  AcceptedBook("sefton", "bootle-house");
  v1::QuoteResponse quote;
  EXPECT_THAT(Quote(Commissioner("wirral"), Scope("sefton", "bootle-house"),
                    "2026-12-07", SupportPackage(), &quote),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(
      Quote(ProviderUser("mersey-living"), Scope("sefton", "bootle-house"),
            "2026-12-07", SupportPackage(), &quote),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  v1::CheckOfferResponse check;
  EXPECT_THAT(
      CheckOffer(Commissioner("wirral"), Scope("sefton", "bootle-house"),
                 "2026-12-07", Rates(), &check),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  v1::QuoteRangeRequest range;
  *range.mutable_scope() = Scope("sefton", "bootle-house");
  *range.mutable_first_day() = Day("2026-12-01");
  *range.mutable_last_day() = Day("2026-12-31");
  v1::QuoteRangeResponse cost;
  EXPECT_THAT(
      stub_->QuoteRange(testing::CallContext(Commissioner("wirral")).get(),
                        range, &cost),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  // Wirral's own scope with the same provider has no book.
  EXPECT_THAT(Quote(Commissioner("wirral"), Scope("wirral", "bootle-house"),
                    "2026-12-07", SupportPackage(), &quote),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION));
}

// Three authorities with lot-1 books with three providers from 1 April
// 2026; Sefton alone also has a general book (which applies to every lot)
// from 1 January 2026 and a lot-3 book.
class BenchmarkApiTest : public PricingApiTest {
 protected:
  void SetUp() override {
    PricingApiTest::SetUp();
    Rates sefton, wirral, halton;
    sefton.accommodation_weekly = 85000;
    sefton.support_hourly = 1850;
    wirral.accommodation_weekly = 90000;
    wirral.support_hourly = 1900;
    halton.accommodation_weekly = 80000;
    halton.support_hourly = 1800;
    AcceptedBook("sefton", "bootle-house", sefton, "lot-1");
    AcceptedBook("wirral", "mersey-living", wirral, "lot-1");
    AcceptedBook("halton", "pennine-support", halton, "lot-1");
    Rates early;
    early.accommodation_weekly = 70000;
    v1::PriceBook book;
    ASSERT_THAT(CreateBook(Commissioner("sefton"), "sefton", "wigan-homes",
                           early, &book, "", "2026-01-01"),
                GrpcOk());
    ASSERT_THAT(Accept(ProviderUser("wigan-homes"), book.name()), GrpcOk());
    Rates lot3;
    lot3.accommodation_weekly = 99000;
    ASSERT_THAT(CreateBook(Commissioner("sefton"), "sefton", "mersey-living",
                           lot3, &book, "lot-3"),
                GrpcOk());
    ASSERT_THAT(Accept(ProviderUser("mersey-living"), book.name()), GrpcOk());
  }

  static void ExpectWithheld(const v1::Benchmark& benchmark) {
    EXPECT_TRUE(benchmark.withheld());
    EXPECT_FALSE(benchmark.has_accommodation_weekly());
    EXPECT_FALSE(benchmark.has_support_hourly());
    EXPECT_EQ(benchmark.own_accommodation_position(), v1::POSITION_UNSPECIFIED);
  }
};

TEST_F(BenchmarkApiTest, AMemberSeesTheStatisticsAndOnlyItsOwnPosition) {
  v1::Benchmark benchmark;
  ASSERT_THAT(
      Benchmark(Commissioner("wirral"), "lot-1", "2026-12-07", &benchmark),
      GrpcOk());
  EXPECT_FALSE(benchmark.withheld());
  // Four books apply to lot-1: 70000, 80000, 85000, 90000.
  EXPECT_EQ(benchmark.accommodation_weekly().count(), 4);
  EXPECT_EQ(benchmark.accommodation_weekly().lower_quartile_pence(), 77500);
  EXPECT_EQ(benchmark.accommodation_weekly().median_pence(), 82500);
  EXPECT_EQ(benchmark.accommodation_weekly().upper_quartile_pence(), 86250);
  // 1800, 1850, 1850, 1900.
  EXPECT_EQ(benchmark.support_hourly().median_pence(), 1850);
  EXPECT_EQ(benchmark.own_accommodation_position(), v1::ABOVE_UPPER_QUARTILE);
  EXPECT_EQ(benchmark.own_support_position(), v1::ABOVE_UPPER_QUARTILE);

  ASSERT_THAT(
      Benchmark(Commissioner("halton"), "lot-1", "2026-12-07", &benchmark),
      GrpcOk());
  EXPECT_EQ(benchmark.own_accommodation_position(),
            v1::LOWER_QUARTILE_TO_MEDIAN);
}

TEST_F(BenchmarkApiTest, NarrowingUntilOneAuthorityRemainsIsWithheld) {
  v1::Benchmark benchmark;
  // On lot-3 only Sefton's books apply.
  ASSERT_THAT(
      Benchmark(Commissioner("wirral"), "lot-3", "2026-12-07", &benchmark),
      GrpcOk());
  ExpectWithheld(benchmark);

  // Before April only Sefton's early book was in force.
  ASSERT_THAT(
      Benchmark(Commissioner("wirral"), "lot-1", "2026-02-01", &benchmark),
      GrpcOk());
  ExpectWithheld(benchmark);
  // Before any book.
  ASSERT_THAT(
      Benchmark(Commissioner("wirral"), "lot-1", "2025-12-01", &benchmark),
      GrpcOk());
  ExpectWithheld(benchmark);
}

TEST_F(BenchmarkApiTest, OnlyMembersOfficersMayAsk) {
  v1::Benchmark benchmark;
  EXPECT_THAT(Benchmark(Commissioner("nottingham"), "lot-1", "", &benchmark),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED, "nottingham"));
  EXPECT_THAT(Benchmark(ProviderUser("bootle-house"), "lot-1", "", &benchmark),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Benchmark(Commissioner("wirral"), "lot-9", "", &benchmark),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "lot-9"));
}

TEST_F(BenchmarkApiTest, TheLeadIsRefusedOnceItIsNoLongerAMember) {
  v1::Benchmark benchmark;
  ASSERT_THAT(Benchmark(LeadAdmin(), "lot-1", "2026-12-07", &benchmark),
              GrpcOk());
  fv1::CeaseMembershipRequest cease;
  cease.set_name("frameworks/nw-16plus/members/tameside");
  cease.set_request_id(NextRequestId());
  fv1::Membership membership;
  ASSERT_THAT(frameworks_service_->stub().CeaseMembership(
                  testing::CallContext(LeadAdmin()).get(), cease, &membership),
              GrpcOk());
  EXPECT_THAT(Benchmark(LeadAdmin(), "lot-1", "2026-12-07", &benchmark),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED,
                     "authorities/tameside is not an active member"));
}

}  // namespace
}  // namespace fhub::pricing
