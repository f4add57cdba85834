// Bad input and the wrong caller: each gets its own clear error and nothing
// stored changes.

#include "tests/integration/pricing_api/fixture.h"

namespace fhub::pricing {
namespace {

TEST_F(PricingApiTest, AbsurdOrNegativeRatesAreRefusedNamingTheField) {
  Rates negative;
  negative.support_hourly = -1;
  EXPECT_THAT(
      CreateBook(Commissioner("sefton"), "sefton", "bootle-house", negative),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
             "first_card.support_hourly_pence"));
  Rates absurd;
  absurd.accommodation_weekly = 10'000'001;  // over £100,000 a week
  EXPECT_THAT(
      CreateBook(Commissioner("sefton"), "sefton", "bootle-house", absurd),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "accommodation_weekly_pence"));
  EXPECT_EQ(CountRows("price_books"), 0);

  v1::PriceBook book = AcceptedBook("sefton", "bootle-house");
  Rates night;
  night.sleep_in_nightly = 1'428'572;
  EXPECT_THAT(
      AddCard(Commissioner("sefton"), book.name(), Card(night, "2027-04-01")),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "sleep_in_nightly_pence"));
  v1::RateCard extra = Card(Rates(), "2027-04-01");
  extra.add_extras()->set_name("Bills allowance");
  extra.mutable_extras(0)->set_amount_pence(2500);
  EXPECT_THAT(AddCard(Commissioner("sefton"), book.name(), extra),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "extras[0].kind"));
  EXPECT_EQ(CountRows("rate_cards"), 1);
}

TEST_F(PricingApiTest, CardsMayNotShareADateOrPrecedeTheBook) {
  v1::PriceBook book;
  ASSERT_THAT(CreateBook(Commissioner("sefton"), "sefton", "bootle-house", {},
                         &book, "", "2027-06-01"),
              GrpcOk());
  EXPECT_THAT(
      AddCard(Commissioner("sefton"), book.name(), Card(Rates(), "2027-05-01")),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "effective_from"));
  ASSERT_THAT(
      AddCard(Commissioner("sefton"), book.name(), Card(Rates(), "2027-09-01")),
      GrpcOk());
  EXPECT_THAT(
      AddCard(Commissioner("sefton"), book.name(), Card(Rates(), "2027-09-01")),
      GrpcIs(grpc::StatusCode::ALREADY_EXISTS, "2027-09-01"));
  EXPECT_THAT(AddCard(Commissioner("sefton"), book.name(), Card(Rates())),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
                     "rate_card.effective_from is required"));
  EXPECT_EQ(CountRows("rate_cards"), 2);
}

TEST_F(PricingApiTest,
       UpliftsOutsideMinusFiftyToPlusAHundredPercentAreRefused) {
  AcceptedBook("sefton", "bootle-house");
  EXPECT_THAT(Uplift(Commissioner("sefton"), "sefton", 10001, "2027-04-01"),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "basis_points"));
  EXPECT_THAT(Uplift(Commissioner("sefton"), "sefton", -5001, "2027-04-01"),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "basis_points"));
  EXPECT_THAT(Uplift(Commissioner("sefton"), "sefton", 250, "2027-04-01", {},
                     nullptr, v1::ROUNDING_RULE_UNSPECIFIED),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "rounding"));
  EXPECT_THAT(Uplift(Commissioner("sefton"), "sefton", 250, "2027-04-01",
                     {"priceBooks/abc"}),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "price_books[0]"));
  // An uplift from a day already begun would change what it cost.
  EXPECT_THAT(Uplift(Commissioner("sefton"), "sefton", 250, "2026-12-01"),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION));
  // Nothing to uplift on a day before any card.
  EXPECT_THAT(Uplift(Commissioner("sefton"), "sefton", 250, "2026-01-01"),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "no price book"));
  EXPECT_EQ(CountRows("rate_cards"), 1);
}

TEST_F(PricingApiTest, UnknownProvidersFrameworksLotsAndSettingsAreNamed) {
  EXPECT_THAT(CreateBook(Commissioner("sefton"), "sefton", "no-such-provider"),
              GrpcIs(grpc::StatusCode::NOT_FOUND, "price_book.provider"));

  v1::CreatePriceBookRequest request;
  v1::PriceBook* book = request.mutable_price_book();
  book->set_authority("authorities/sefton");
  book->set_provider("providers/bootle-house");
  book->set_framework("frameworks/no-such-framework");
  *book->mutable_start_date() = Day("2026-04-01");
  *request.mutable_first_card() = Card(Rates());
  request.set_request_id(NextRequestId());
  v1::PriceBook out;
  const std::string token = Commissioner("sefton");
  EXPECT_THAT(
      stub_->CreatePriceBook(testing::CallContext(token).get(), request, &out),
      GrpcIs(grpc::StatusCode::NOT_FOUND, "price_book.framework"));

  book->set_framework(kNw);
  book->set_lot_id("lot-9");
  request.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CreatePriceBook(testing::CallContext(token).get(), request, &out),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "price_book.lot_id"));

  book->set_lot_id("lot-1");
  book->set_setting("providers/bootle-house/settings/annexe");
  request.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CreatePriceBook(testing::CallContext(token).get(), request, &out),
      GrpcIs(grpc::StatusCode::NOT_FOUND, "price_book.setting"));

  book->set_setting("providers/mersey-living/settings/main");
  request.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CreatePriceBook(testing::CallContext(token).get(), request, &out),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
             "not a setting of providers/bootle-house"));

  book->set_setting("providers/bootle-house/settings/main");
  book->clear_start_date();
  request.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CreatePriceBook(testing::CallContext(token).get(), request, &out),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "start_date"));

  *book->mutable_start_date() = Day("2026-04-01");
  request.set_request_id(NextRequestId());
  ASSERT_THAT(
      stub_->CreatePriceBook(testing::CallContext(token).get(), request, &out),
      GrpcOk());
  EXPECT_EQ(out.setting(), "providers/bootle-house/settings/main");
  EXPECT_EQ(CountRows("price_books"), 1);
}

TEST_F(PricingApiTest, OnlyAMembersOwnCommissionerWritesItsBooks) {
  // Wirral writing Sefton's book.
  EXPECT_THAT(
      CreateBook(Commissioner("wirral"), "sefton", "bootle-house"),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED, "authorities/sefton"));
  // Sefton's lead admin and the provider may read books, not write them.
  EXPECT_THAT(CreateBook(LeadAdmin("sefton"), "sefton", "bootle-house"),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(
      CreateBook(ProviderUser("bootle-house"), "sefton", "bootle-house"),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  // Nottingham is no member of the framework.
  EXPECT_THAT(
      CreateBook(Commissioner("nottingham"), "nottingham", "bootle-house"),
      GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "not an active member"));
  // No token at all.
  EXPECT_THAT(CreateBook("", "sefton", "bootle-house"),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
  EXPECT_EQ(CountRows("price_books"), 0);
}

TEST_F(PricingApiTest, MalformedNamesAndMissingDatesAreRefused) {
  const std::string token = Commissioner("sefton");
  v1::GetPriceBookRequest get;
  get.set_name("priceBooks/0");
  v1::PriceBook book;
  EXPECT_THAT(
      stub_->GetPriceBook(testing::CallContext(token).get(), get, &book),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "name"));
  get.set_name(std::string(100000, 'x'));
  EXPECT_THAT(
      stub_->GetPriceBook(testing::CallContext(token).get(), get, &book),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT));

  v1::QuoteResponse quote;
  v1::QuoteRequest request;
  *request.mutable_scope() = Scope("sefton", "bootle-house");
  EXPECT_THAT(stub_->Quote(testing::CallContext(token).get(), request, &quote),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "date is required"));
  request.mutable_scope()->set_provider("bootle-house");
  *request.mutable_date() = Day("2026-12-07");
  EXPECT_THAT(stub_->Quote(testing::CallContext(token).get(), request, &quote),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "scope.provider"));

  AcceptedBook("sefton", "bootle-house");
  EXPECT_THAT(
      Quote(token, Scope("sefton", "bootle-house"), "2026-12-07",
            SupportPackage(168 * 60 + 1), &quote),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "support_minutes_per_week"));
  v1::Package unknown_extra = SupportPackage();
  unknown_extra.add_extras("Pet allowance");
  EXPECT_THAT(Quote(token, Scope("sefton", "bootle-house"), "2026-12-07",
                    unknown_extra, &quote),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "package.extras[0]"));
  v1::CheckOfferResponse check;
  Rates negative;
  negative.accommodation_weekly = -5;
  EXPECT_THAT(CheckOffer(token, Scope("sefton", "bootle-house"), "2026-12-07",
                         negative, &check),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
                     "offered.accommodation_weekly_pence"));

  v1::QuoteRangeRequest range;
  *range.mutable_scope() = Scope("sefton", "bootle-house");
  *range.mutable_first_day() = Day("2027-01-31");
  *range.mutable_last_day() = Day("2027-01-01");
  v1::QuoteRangeResponse cost;
  EXPECT_THAT(
      stub_->QuoteRange(testing::CallContext(token).get(), range, &cost),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "last_day"));
}

TEST_F(PricingApiTest,
       WithTheRegistryDownACreateFailsUnavailableAndStoresNothing) {
  AcceptedBook("sefton", "bootle-house");
  registry_server_->Shutdown();
  registry_server_.reset();
  EXPECT_THAT(CreateBook(Commissioner("sefton"), "sefton", "mersey-living"),
              GrpcIs(grpc::StatusCode::UNAVAILABLE, "registry"));
  EXPECT_EQ(CountRows("price_books"), 1);
  EXPECT_EQ(CountRows("rate_cards"), 1);
  // Quotes never ask the registry.
  v1::QuoteResponse quote;
  EXPECT_THAT(Quote(Service(), Scope("sefton", "bootle-house"), "2026-12-07",
                    SupportPackage(), &quote),
              GrpcOk());
  EXPECT_EQ(quote.weekly_total_pence(), 98875);
}

}  // namespace
}  // namespace fhub::pricing
