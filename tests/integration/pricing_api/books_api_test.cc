// Price books and rate cards through gRPC: creation, acceptance, listing,
// new cards, corrections, policies and retries.

#include "tests/integration/pricing_api/fixture.h"

namespace fhub::pricing {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

TEST_F(PricingApiTest, ACommissionerProposesABookAndTheProviderAcceptsIt) {
  v1::PriceBook book;
  ASSERT_THAT(
      CreateBook(Commissioner("sefton"), "sefton", "bootle-house", {}, &book),
      GrpcOk());
  EXPECT_EQ(book.name(), "priceBooks/1");
  EXPECT_EQ(book.status(), v1::PROPOSED);
  EXPECT_EQ(book.authority(), "authorities/sefton");
  EXPECT_EQ(book.provider(), "providers/bootle-house");
  ASSERT_THAT(book.rate_cards(), SizeIs(1));
  EXPECT_EQ(book.rate_cards(0).name(), "priceBooks/1/rateCards/1");
  // The first card dates from the book's start.
  EXPECT_EQ(book.rate_cards(0).effective_from().month(), 4);
  EXPECT_EQ(book.rate_cards(0).accommodation_weekly_pence(), 85000);
  EXPECT_FALSE(book.has_accept_time());

  v1::PriceBook seen;
  v1::GetPriceBookRequest get;
  get.set_name(book.name());
  ASSERT_THAT(
      stub_->GetPriceBook(
          testing::CallContext(ProviderUser("bootle-house")).get(), get, &seen),
      GrpcOk());
  EXPECT_EQ(seen.rate_cards(0).support_hourly_pence(), 1850);

  // Only the provider accepts, once.
  EXPECT_THAT(Accept(Commissioner("sefton"), book.name()),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED, "PROVIDER_USER"));
  v1::PriceBook accepted;
  ASSERT_THAT(Accept(ProviderUser("bootle-house"), book.name(), &accepted),
              GrpcOk());
  EXPECT_EQ(accepted.status(), v1::ACCEPTED);
  EXPECT_EQ(accepted.accepted_by(), "user@bootle-house");
  EXPECT_TRUE(accepted.has_accept_time());
  EXPECT_THAT(Accept(ProviderUser("bootle-house"), book.name()),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION));
}

TEST_F(PricingApiTest, ARetriedCreateReturnsTheFirstBookAndChangesNothing) {
  v1::PriceBook first, again;
  ASSERT_THAT(CreateBook(Commissioner("sefton"), "sefton", "bootle-house", {},
                         &first, "", "2026-04-01", "create-1"),
              GrpcOk());
  ASSERT_THAT(CreateBook(Commissioner("sefton"), "sefton", "bootle-house", {},
                         &again, "", "2026-04-01", "create-1"),
              GrpcOk());
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(CountRows("price_books"), 1);
  EXPECT_EQ(CountRows("rate_cards"), 1);
  // The same id for another request is refused.
  Rates other;
  other.accommodation_weekly = 90000;
  EXPECT_THAT(CreateBook(Commissioner("sefton"), "sefton", "bootle-house",
                         other, nullptr, "", "2026-04-01", "create-1"),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT));
  // A second book for the same scope is refused.
  EXPECT_THAT(CreateBook(Commissioner("sefton"), "sefton", "bootle-house"),
              GrpcIs(grpc::StatusCode::ALREADY_EXISTS));
  EXPECT_EQ(CountRows("price_books"), 1);
}

TEST_F(PricingApiTest, ListsShowAnAuthorityItsOwnBooksAndAProviderItsOwn) {
  AcceptedBook("sefton", "bootle-house");
  AcceptedBook("sefton", "mersey-living");
  AcceptedBook("wirral", "bootle-house");

  v1::ListPriceBooksRequest request;
  request.set_page_size(1);
  v1::ListPriceBooksResponse page;
  ASSERT_THAT(
      stub_->ListPriceBooks(testing::CallContext(Commissioner("sefton")).get(),
                            request, &page),
      GrpcOk());
  ASSERT_THAT(page.price_books(), SizeIs(1));
  EXPECT_EQ(page.price_books(0).name(), "priceBooks/2");  // newest first
  ASSERT_FALSE(page.next_page_token().empty());
  request.set_page_token(page.next_page_token());
  ASSERT_THAT(
      stub_->ListPriceBooks(testing::CallContext(Commissioner("sefton")).get(),
                            request, &page),
      GrpcOk());
  ASSERT_THAT(page.price_books(), SizeIs(1));
  EXPECT_EQ(page.price_books(0).name(), "priceBooks/1");
  EXPECT_TRUE(page.next_page_token().empty());

  v1::ListPriceBooksRequest all;
  ASSERT_THAT(
      stub_->ListPriceBooks(
          testing::CallContext(ProviderUser("bootle-house")).get(), all, &page),
      GrpcOk());
  std::vector<std::string> names;
  for (const auto& b : page.price_books()) names.push_back(b.name());
  EXPECT_THAT(names, ElementsAre("priceBooks/3", "priceBooks/1"));

  // Someone with no books of their own to list.
  EXPECT_THAT(
      stub_->ListPriceBooks(testing::CallContext(Service()).get(), all, &page),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  all.set_page_token("not-a-token");
  EXPECT_THAT(
      stub_->ListPriceBooks(testing::CallContext(Commissioner("sefton")).get(),
                            all, &page),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "page_token"));
}

TEST_F(PricingApiTest, AFutureCardCanBeCorrectedUntilItsDateAndNeverAfter) {
  v1::PriceBook book = AcceptedBook("sefton", "bootle-house");
  Rates next;
  next.accommodation_weekly = 88000;
  v1::RateCard added;
  ASSERT_THAT(AddCard(Commissioner("sefton"), book.name(),
                      Card(next, "2027-04-01"), &added),
              GrpcOk());
  EXPECT_EQ(added.name(), "priceBooks/1/rateCards/2");

  v1::CorrectRateCardRequest correct;
  next.accommodation_weekly = 87500;
  *correct.mutable_rate_card() = Card(next);
  correct.mutable_rate_card()->set_name(added.name());
  correct.set_request_id(NextRequestId());
  v1::RateCard corrected;
  ASSERT_THAT(
      stub_->CorrectRateCard(testing::CallContext(Commissioner("sefton")).get(),
                             correct, &corrected),
      GrpcOk());
  EXPECT_EQ(corrected.accommodation_weekly_pence(), 87500);
  EXPECT_EQ(corrected.effective_from().year(), 2027);

  // A correction never moves a card.
  *correct.mutable_rate_card()->mutable_effective_from() = Day("2027-05-01");
  correct.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CorrectRateCard(testing::CallContext(Commissioner("sefton")).get(),
                             correct, &corrected),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "effective_from"));

  // The card in force since April 2026 is history.
  v1::CorrectRateCardRequest past;
  *past.mutable_rate_card() = Card(next);
  past.mutable_rate_card()->set_name("priceBooks/1/rateCards/1");
  past.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CorrectRateCard(testing::CallContext(Commissioner("sefton")).get(),
                             past, &corrected),
      GrpcIs(grpc::StatusCode::FAILED_PRECONDITION));
  // So is a new card dated today.
  EXPECT_THAT(
      AddCard(Commissioner("sefton"), book.name(), Card(next, "2026-12-02")),
      GrpcIs(grpc::StatusCode::FAILED_PRECONDITION));
  // And the provider cannot add cards.
  EXPECT_THAT(AddCard(ProviderUser("bootle-house"), book.name(),
                      Card(next, "2027-06-01")),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  // A card that does not exist.
  past.mutable_rate_card()->set_name("priceBooks/1/rateCards/9");
  past.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CorrectRateCard(testing::CallContext(Commissioner("sefton")).get(),
                             past, &corrected),
      GrpcIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(PricingApiTest, SpotPricesAreRefusedUntilTheAuthoritySaysOtherwise) {
  v1::GetPricingPolicyRequest get;
  get.set_authority("authorities/wirral");
  v1::PricingPolicy policy;
  ASSERT_THAT(
      stub_->GetPricingPolicy(
          testing::CallContext(Commissioner("wirral")).get(), get, &policy),
      GrpcOk());
  EXPECT_FALSE(policy.allow_spot_prices());
  EXPECT_EQ(policy.name(), "authorities/wirral/pricingPolicy");

  ASSERT_THAT(SetPolicy(Commissioner("wirral"), "wirral", true), GrpcOk());
  ASSERT_THAT(stub_->GetPricingPolicy(testing::CallContext(Service()).get(),
                                      get, &policy),
              GrpcOk());
  EXPECT_TRUE(policy.allow_spot_prices());
  EXPECT_TRUE(policy.has_update_time());

  EXPECT_THAT(SetPolicy(Commissioner("sefton"), "wirral", false),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(stub_->GetPricingPolicy(
                  testing::CallContext(ProviderUser("bootle-house")).get(), get,
                  &policy),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
}

TEST_F(PricingApiTest, EveryChangeRetriedWithItsRequestIdAppliesOnce) {
  v1::PriceBook book;
  ASSERT_THAT(
      CreateBook(Commissioner("sefton"), "sefton", "bootle-house", {}, &book),
      GrpcOk());
  const std::string sefton = Commissioner("sefton");
  const std::string provider = ProviderUser("bootle-house");

  v1::AcceptPriceBookRequest accept;
  accept.set_name(book.name());
  accept.set_request_id("accept-1");
  v1::PriceBook first, again;
  ASSERT_THAT(stub_->AcceptPriceBook(testing::CallContext(provider).get(),
                                     accept, &first),
              GrpcOk());
  ASSERT_THAT(stub_->AcceptPriceBook(testing::CallContext(provider).get(),
                                     accept, &again),
              GrpcOk());
  EXPECT_EQ(again.accept_time().seconds(), first.accept_time().seconds());

  v1::AddRateCardRequest add;
  add.set_parent(book.name());
  *add.mutable_rate_card() = Card(Rates(), "2027-04-01");
  add.set_request_id("add-1");
  v1::RateCard added, added_again;
  ASSERT_THAT(
      stub_->AddRateCard(testing::CallContext(sefton).get(), add, &added),
      GrpcOk());
  ASSERT_THAT(
      stub_->AddRateCard(testing::CallContext(sefton).get(), add, &added_again),
      GrpcOk());
  EXPECT_EQ(added_again.name(), added.name());
  EXPECT_EQ(CountRows("rate_cards"), 2);

  v1::CorrectRateCardRequest correct;
  Rates corrected_rates;
  corrected_rates.accommodation_weekly = 86000;
  *correct.mutable_rate_card() = Card(corrected_rates);
  correct.mutable_rate_card()->set_name(added.name());
  correct.set_request_id("correct-1");
  v1::RateCard corrected;
  ASSERT_THAT(stub_->CorrectRateCard(testing::CallContext(sefton).get(),
                                     correct, &corrected),
              GrpcOk());
  ASSERT_THAT(stub_->CorrectRateCard(testing::CallContext(sefton).get(),
                                     correct, &corrected),
              GrpcOk());
  EXPECT_EQ(corrected.accommodation_weekly_pence(), 86000);

  v1::ApplyUpliftRequest uplift;
  uplift.set_authority("authorities/sefton");
  uplift.set_basis_points(250);
  uplift.set_rounding(v1::NEAREST_PENNY);
  *uplift.mutable_effective_from() = Day("2028-04-01");
  uplift.set_request_id("uplift-1");
  v1::ApplyUpliftResponse uplifted, uplifted_again;
  ASSERT_THAT(
      stub_->ApplyUplift(testing::CallContext(sefton).get(), uplift, &uplifted),
      GrpcOk());
  ASSERT_THAT(stub_->ApplyUplift(testing::CallContext(sefton).get(), uplift,
                                 &uplifted_again),
              GrpcOk());
  ASSERT_EQ(uplifted_again.rate_cards_size(), 1);
  EXPECT_EQ(uplifted_again.rate_cards(0).name(), uplifted.rate_cards(0).name());
  EXPECT_EQ(CountRows("rate_cards"), 3);
  // The same id for another uplift is refused.
  uplift.set_basis_points(300);
  EXPECT_THAT(
      stub_->ApplyUplift(testing::CallContext(sefton).get(), uplift, &uplifted),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(CountRows("rate_cards"), 3);

  v1::SetPricingPolicyRequest policy;
  policy.set_authority("authorities/sefton");
  policy.mutable_policy()->set_allow_spot_prices(true);
  policy.set_request_id("policy-1");
  v1::PricingPolicy set, set_again;
  ASSERT_THAT(
      stub_->SetPricingPolicy(testing::CallContext(sefton).get(), policy, &set),
      GrpcOk());
  ASSERT_THAT(stub_->SetPricingPolicy(testing::CallContext(sefton).get(),
                                      policy, &set_again),
              GrpcOk());
  EXPECT_EQ(set_again.update_time().seconds(), set.update_time().seconds());
}

TEST_F(PricingApiTest,
       OnlyTheBuyersCommissionerCorrectsAndOnlyTheProviderAccepts) {
  v1::PriceBook book;
  ASSERT_THAT(
      CreateBook(Commissioner("sefton"), "sefton", "bootle-house", {}, &book),
      GrpcOk());
  // Another provider cannot even see the book it would accept.
  EXPECT_THAT(Accept(ProviderUser("mersey-living"), book.name()),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  v1::RateCard added;
  ASSERT_THAT(AddCard(Commissioner("sefton"), book.name(),
                      Card(Rates(), "2027-04-01"), &added),
              GrpcOk());
  v1::CorrectRateCardRequest correct;
  *correct.mutable_rate_card() = Card(Rates());
  correct.mutable_rate_card()->set_name(added.name());
  v1::RateCard corrected;
  for (const auto& [token, code] :
       std::vector<std::pair<std::string, grpc::StatusCode>>{
           {Commissioner("wirral"), grpc::StatusCode::NOT_FOUND},
           {LeadAdmin("tameside"), grpc::StatusCode::NOT_FOUND},
           {ProviderUser("bootle-house"), grpc::StatusCode::PERMISSION_DENIED},
           {LeadAdmin("sefton"), grpc::StatusCode::PERMISSION_DENIED}}) {
    correct.set_request_id(NextRequestId());
    EXPECT_THAT(stub_->CorrectRateCard(testing::CallContext(token).get(),
                                       correct, &corrected),
                GrpcIs(code));
  }
  EXPECT_THAT(Accept(ProviderUser("bootle-house"), book.name()), GrpcOk());
}

}  // namespace
}  // namespace fhub::pricing
