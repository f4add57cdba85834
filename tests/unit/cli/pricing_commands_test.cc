// The pricing commands' requests built from flags: books, cards, uplifts,
// policy, and the command table.

#include "tools/fhub/pricing_commands.h"

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

// --- price-books create ------------------------------------------------------

class CreatePriceBookTest : public PricingCommandsTest {
 protected:
  void SetUp() override {
    absl::SetFlag(&FLAGS_authority, "authorities/sefton");
    absl::SetFlag(&FLAGS_provider, "providers/acme-care");
    absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
    absl::SetFlag(&FLAGS_from, "2026-04-01");
    SetRates("185000", "1850", "1600", "9500");
  }
};

TEST_F(CreatePriceBookTest, BuildsTheBookAndItsFirstCard) {
  absl::SetFlag(&FLAGS_lot, "lot-2");
  absl::SetFlag(&FLAGS_setting, "providers/acme-care/settings/oak-house");
  absl::SetFlag(&FLAGS_extras, "Bills allowance=2500:WEEKLY");
  absl::SetFlag(&FLAGS_request_id, "req-7");
  auto request = BuildCreatePriceBook({});
  ASSERT_THAT(request.status(), IsOk());
  const v1::PriceBook& book = request->price_book();
  EXPECT_EQ(book.authority(), "authorities/sefton");
  EXPECT_EQ(book.provider(), "providers/acme-care");
  EXPECT_EQ(book.framework(), "frameworks/nw-16plus");
  EXPECT_EQ(book.lot_id(), "lot-2");
  EXPECT_EQ(book.setting(), "providers/acme-care/settings/oak-house");
  EXPECT_EQ(book.start_date().year(), 2026);
  EXPECT_EQ(book.start_date().month(), 4);
  EXPECT_EQ(book.start_date().day(), 1);
  const v1::RateCard& card = request->first_card();
  EXPECT_EQ(card.accommodation_weekly_pence(), 185000);
  EXPECT_EQ(card.support_hourly_pence(), 1850);
  EXPECT_EQ(card.waking_night_hourly_pence(), 1600);
  EXPECT_EQ(card.sleep_in_nightly_pence(), 9500);
  EXPECT_FALSE(card.has_effective_from());  // The server uses the start.
  ASSERT_EQ(card.extras_size(), 1);
  EXPECT_EQ(card.extras(0).name(), "Bills allowance");
  EXPECT_EQ(card.extras(0).amount_pence(), 2500);
  EXPECT_EQ(card.extras(0).kind(), v1::WEEKLY);
  EXPECT_EQ(request->request_id(), "req-7");
}

TEST_F(CreatePriceBookTest, LotAndSettingAreOptional) {
  auto request = BuildCreatePriceBook({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->price_book().lot_id(), "");
  EXPECT_EQ(request->price_book().setting(), "");
  EXPECT_EQ(request->first_card().extras_size(), 0);
  EXPECT_FALSE(request->request_id().empty());  // A fresh UUID.
}

TEST_F(CreatePriceBookTest, ExtrasFromAFile) {
  SetFile("extras.json",
          R"([{"name": "Bills, heating", "amountPence": 2500,
               "kind": "WEEKLY"},
              {"name": "Setup", "amount_pence": 10000, "kind": "ONE_OFF"}])");
  auto request = BuildCreatePriceBook({});
  ASSERT_THAT(request.status(), IsOk());
  const v1::RateCard& card = request->first_card();
  ASSERT_EQ(card.extras_size(), 2);
  EXPECT_EQ(card.extras(0).name(), "Bills, heating");
  EXPECT_EQ(card.extras(1).amount_pence(), 10000);
  EXPECT_EQ(card.extras(1).kind(), v1::ONE_OFF);
  EXPECT_EQ(card.support_hourly_pence(), 1850);  // Still from the flags.
}

TEST_F(CreatePriceBookTest, FileMayHoldOnlyCompleteExtras) {
  SetFile("card.json", R"({"supportHourlyPence": 1, "extras": []})");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--file may hold only the extras")));
  SetFile("kindless.json", R"([{"name": "Bills", "amountPence": 1}])");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("extra 1 needs a name and a kind")));
  SetFile("fraction.json",
          R"([{"name": "Bills", "amountPence": 2.5, "kind": "WEEKLY"}])");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--file")));
  absl::SetFlag(&FLAGS_extras, "Setup=1:ONE_OFF");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--extras or --file, not both")));
}

TEST_F(CreatePriceBookTest, NamesTheMissingFlag) {
  absl::SetFlag(&FLAGS_authority, "");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--authority is required")));
  absl::SetFlag(&FLAGS_authority, "authorities/sefton");
  absl::SetFlag(&FLAGS_provider, "");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--provider is required")));
  absl::SetFlag(&FLAGS_provider, "providers/acme-care");
  absl::SetFlag(&FLAGS_from, "");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--from is required")));
  absl::SetFlag(&FLAGS_from, "2026-04-01");
  absl::SetFlag(&FLAGS_sleep_in_nightly_pence, "");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--sleep_in_nightly_pence is "
                                           "required")));
}

TEST_F(CreatePriceBookTest, RefusesBadValues) {
  absl::SetFlag(&FLAGS_accommodation_weekly_pence, "1850.00");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--accommodation_weekly_pence "
                                           "'1850.00' is not a whole number "
                                           "of pence")));
  absl::SetFlag(&FLAGS_accommodation_weekly_pence, "185000");
  absl::SetFlag(&FLAGS_from, "2026-02-30");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--from '2026-02-30'")));
  absl::SetFlag(&FLAGS_from, "01/04/2026");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("YYYY-MM-DD")));
  absl::SetFlag(&FLAGS_from, "2026-04-01");
  absl::SetFlag(&FLAGS_authority, "sefton");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--authority 'sefton'")));
  absl::SetFlag(&FLAGS_authority, "authorities/sefton");
  absl::SetFlag(&FLAGS_lot, "Lot 1");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--lot 'Lot 1' is not a lot id")));
}

TEST_F(CreatePriceBookTest, SettingMustBeTheProviders) {
  absl::SetFlag(&FLAGS_setting, "providers/other/settings/oak-house");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("is not a setting of "
                                           "providers/acme-care")));
  absl::SetFlag(&FLAGS_setting, "oak-house");
  EXPECT_THAT(BuildCreatePriceBook({}).status(),
              StatusIs(kInvalid, HasSubstr("--setting 'oak-house'")));
}

// --- price-books get, list, accept -------------------------------------------

TEST_F(PricingCommandsTest, GetPriceBook) {
  auto request = BuildGetPriceBook({"priceBooks/12"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->name(), "priceBooks/12");
  EXPECT_THAT(BuildGetPriceBook({"priceBooks/0"}).status(),
              StatusIs(kInvalid, HasSubstr("priceBooks/{number}")));
  EXPECT_THAT(BuildGetPriceBook({"price-books/12"}).status(),
              StatusIs(kInvalid, HasSubstr("priceBooks/{number}")));
}

TEST_F(PricingCommandsTest, ListPriceBooksOptionallyOfAFramework) {
  auto all = BuildListPriceBooks({});
  ASSERT_THAT(all.status(), IsOk());
  EXPECT_EQ(all->framework(), "");
  absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
  auto one = BuildListPriceBooks({});
  ASSERT_THAT(one.status(), IsOk());
  EXPECT_EQ(one->framework(), "frameworks/nw-16plus");
  absl::SetFlag(&FLAGS_framework, "nw-16plus");
  EXPECT_THAT(BuildListPriceBooks({}).status(),
              StatusIs(kInvalid, HasSubstr("--framework 'nw-16plus'")));
}

TEST_F(PricingCommandsTest, AcceptPriceBook) {
  absl::SetFlag(&FLAGS_request_id, "accept-1");
  auto request = BuildAcceptPriceBook({"priceBooks/3"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->name(), "priceBooks/3");
  EXPECT_EQ(request->request_id(), "accept-1");
  EXPECT_THAT(BuildAcceptPriceBook({"priceBooks/3/rateCards/1"}).status(),
              StatusIs(kInvalid));
}

// --- rate-cards add, correct -------------------------------------------------

TEST_F(PricingCommandsTest, AddRateCard) {
  absl::SetFlag(&FLAGS_from, "2027-04-01");
  SetRates("190000", "1900", "1650", "0");
  absl::SetFlag(&FLAGS_extras, "Setup=10000:ONE_OFF");
  auto request = BuildAddRateCard({"priceBooks/3"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "priceBooks/3");
  const v1::RateCard& card = request->rate_card();
  EXPECT_EQ(card.effective_from().year(), 2027);
  EXPECT_EQ(card.accommodation_weekly_pence(), 190000);
  EXPECT_EQ(card.sleep_in_nightly_pence(), 0);
  ASSERT_EQ(card.extras_size(), 1);
  EXPECT_EQ(card.extras(0).kind(), v1::ONE_OFF);
  EXPECT_FALSE(request->request_id().empty());
}

TEST_F(PricingCommandsTest, AddRateCardNeedsADateAndWholePence) {
  SetRates("190000", "1900", "1650", "0");
  EXPECT_THAT(BuildAddRateCard({"priceBooks/3"}).status(),
              StatusIs(kInvalid, HasSubstr("--from is required")));
  absl::SetFlag(&FLAGS_from, "2027-13-01");
  EXPECT_THAT(BuildAddRateCard({"priceBooks/3"}).status(),
              StatusIs(kInvalid, HasSubstr("--from '2027-13-01'")));
  absl::SetFlag(&FLAGS_from, "2027-04-01");
  absl::SetFlag(&FLAGS_waking_night_hourly_pence, "£16");
  EXPECT_THAT(BuildAddRateCard({"priceBooks/3"}).status(),
              StatusIs(kInvalid, HasSubstr("--waking_night_hourly_pence "
                                           "'£16'")));
}

TEST_F(PricingCommandsTest, CorrectRateCard) {
  SetRates("190000", "1900", "1650", "9000");
  auto request = BuildCorrectRateCard({"priceBooks/3/rateCards/2"});
  ASSERT_THAT(request.status(), IsOk());
  const v1::RateCard& card = request->rate_card();
  EXPECT_EQ(card.name(), "priceBooks/3/rateCards/2");
  EXPECT_EQ(card.support_hourly_pence(), 1900);
  EXPECT_EQ(card.sleep_in_nightly_pence(), 9000);
  EXPECT_FALSE(card.has_effective_from());
  EXPECT_THAT(BuildCorrectRateCard({"priceBooks/3"}).status(),
              StatusIs(kInvalid, HasSubstr("rateCards/{number}")));
}

TEST_F(PricingCommandsTest, CorrectionNeverMovesACard) {
  SetRates("190000", "1900", "1650", "9000");
  absl::SetFlag(&FLAGS_from, "2027-05-01");
  EXPECT_THAT(BuildCorrectRateCard({"priceBooks/3/rateCards/2"}).status(),
              StatusIs(kInvalid, HasSubstr("never moves a card")));
  absl::SetFlag(&FLAGS_from, "");
  absl::SetFlag(&FLAGS_support_hourly_pence, "");
  EXPECT_THAT(BuildCorrectRateCard({"priceBooks/3/rateCards/2"}).status(),
              StatusIs(kInvalid, HasSubstr("--support_hourly_pence is "
                                           "required")));
}

// --- uplift ------------------------------------------------------------------

class UpliftTest : public PricingCommandsTest {
 protected:
  void SetUp() override {
    absl::SetFlag(&FLAGS_basis_points, "250");
    absl::SetFlag(&FLAGS_rounding, "nearest_penny");
    absl::SetFlag(&FLAGS_from, "2027-04-01");
  }
};

TEST_F(UpliftTest, BuildsTheUplift) {
  absl::SetFlag(&FLAGS_price_books, "priceBooks/1,priceBooks/4");
  auto request = BuildApplyUplift({"authorities/sefton"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->authority(), "authorities/sefton");
  EXPECT_THAT(request->price_books(),
              ElementsAre("priceBooks/1", "priceBooks/4"));
  EXPECT_EQ(request->basis_points(), 250);
  EXPECT_EQ(request->rounding(), v1::NEAREST_PENNY);
  EXPECT_EQ(request->effective_from().month(), 4);
  EXPECT_FALSE(request->request_id().empty());
}

TEST_F(UpliftTest, EveryBookWhenNoneAreListedAndNegativeUplifts) {
  absl::SetFlag(&FLAGS_basis_points, "-100");
  absl::SetFlag(&FLAGS_rounding, "DOWN");
  auto request = BuildApplyUplift({"authorities/sefton"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->price_books_size(), 0);
  EXPECT_EQ(request->basis_points(), -100);
  EXPECT_EQ(request->rounding(), v1::DOWN);
}

TEST_F(UpliftTest, UnknownRoundingRuleListsTheRules) {
  absl::SetFlag(&FLAGS_rounding, "BANKERS");
  EXPECT_THAT(BuildApplyUplift({"authorities/sefton"}).status(),
              StatusIs(kInvalid, HasSubstr("--rounding 'BANKERS': give one "
                                           "of NEAREST_PENNY, DOWN, UP")));
  absl::SetFlag(&FLAGS_rounding, "");
  EXPECT_THAT(BuildApplyUplift({"authorities/sefton"}).status(),
              StatusIs(kInvalid, HasSubstr("--rounding is required")));
}

TEST_F(UpliftTest, RefusesBadInput) {
  absl::SetFlag(&FLAGS_basis_points, "2.5%");
  EXPECT_THAT(BuildApplyUplift({"authorities/sefton"}).status(),
              StatusIs(kInvalid, HasSubstr("--basis_points '2.5%'")));
  absl::SetFlag(&FLAGS_basis_points, "");
  EXPECT_THAT(BuildApplyUplift({"authorities/sefton"}).status(),
              StatusIs(kInvalid, HasSubstr("--basis_points is required")));
  absl::SetFlag(&FLAGS_basis_points, "250");
  absl::SetFlag(&FLAGS_price_books, "priceBooks/x");
  EXPECT_THAT(BuildApplyUplift({"authorities/sefton"}).status(),
              StatusIs(kInvalid, HasSubstr("--price_books 'priceBooks/x'")));
  absl::SetFlag(&FLAGS_price_books, "");
  absl::SetFlag(&FLAGS_from, "");
  EXPECT_THAT(BuildApplyUplift({"authorities/sefton"}).status(),
              StatusIs(kInvalid, HasSubstr("--from is required")));
  absl::SetFlag(&FLAGS_from, "2027-04-01");
  EXPECT_THAT(BuildApplyUplift({"frameworks/nw-16plus"}).status(),
              StatusIs(kInvalid, HasSubstr("authorities/{id}")));
}

// --- pricing-policy ----------------------------------------------------------

TEST_F(PricingCommandsTest, SetPricingPolicy) {
  absl::SetFlag(&FLAGS_spot_prices, "allow");
  auto request = BuildSetPricingPolicy({"authorities/sefton"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->authority(), "authorities/sefton");
  EXPECT_TRUE(request->policy().allow_spot_prices());
  EXPECT_FALSE(request->request_id().empty());
  absl::SetFlag(&FLAGS_spot_prices, "REFUSE");
  request = BuildSetPricingPolicy({"authorities/sefton"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_FALSE(request->policy().allow_spot_prices());
}

TEST_F(PricingCommandsTest, SetPricingPolicyNeedsAnExplicitChoice) {
  EXPECT_THAT(BuildSetPricingPolicy({"authorities/sefton"}).status(),
              StatusIs(kInvalid, HasSubstr("--spot_prices is required")));
  absl::SetFlag(&FLAGS_spot_prices, "true");
  EXPECT_THAT(BuildSetPricingPolicy({"authorities/sefton"}).status(),
              StatusIs(kInvalid, HasSubstr("--spot_prices 'true'")));
}

TEST_F(PricingCommandsTest, GetPricingPolicy) {
  auto request = BuildGetPricingPolicy({"authorities/sefton"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->authority(), "authorities/sefton");
  EXPECT_THAT(BuildGetPricingPolicy({"sefton"}).status(),
              StatusIs(kInvalid, HasSubstr("'sefton'")));
}

// --- The command table -------------------------------------------------------

TEST_F(PricingCommandsTest, EveryCommandIsInTheTable) {
  CommandTable table("");
  table.Add(PricingCommands());
  std::string usage = table.Usage();
  for (const char* line :
       {"fhub price-books create", "fhub price-books get",
        "fhub price-books list", "fhub price-books accept",
        "fhub rate-cards add", "fhub rate-cards correct",
        "fhub uplift authorities/ID", "fhub pricing-policy set",
        "fhub pricing-policy get", "fhub quote --authority",
        "fhub quote-range --authority", "fhub check-offer --authority",
        "fhub benchmark frameworks/ID"}) {
    EXPECT_NE(usage.find(line), std::string::npos) << line;
  }
  EXPECT_NE(table.Usage("rate-cards").find("rate-cards correct"),
            std::string::npos);
  EXPECT_EQ(table.Usage("rate-cards").find("price-books"), std::string::npos);
}

// Bad input is a usage error naming the flag, before any call: the pricing
// address points nowhere and no token is given.
TEST_F(PricingCommandsTest, BadInputIsAUsageErrorBeforeAnyCall) {
  absl::SetFlag(&FLAGS_pricing_addr, "127.0.0.1:1");
  absl::SetFlag(&FLAGS_token, "");
  CommandTable table("");
  table.Add(PricingCommands());
  SetScope();
  absl::SetFlag(&FLAGS_date, "2026-06-15");
  SetRates("180000", "18.50", "1500", "9000");
  ::testing::internal::CaptureStderr();
  int status = table.Run({"check-offer"});
  std::string stderr_text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, kExitUsage);
  EXPECT_THAT(stderr_text,
              HasSubstr("error: --support_hourly_pence '18.50' is not a "
                        "whole number of pence"));
  EXPECT_THAT(stderr_text, HasSubstr("usage: fhub check-offer --authority"));

  ::testing::internal::CaptureStderr();
  status = table.Run({"price-books", "get", "priceBooks/1", "priceBooks/2"});
  stderr_text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, kExitUsage);
  EXPECT_THAT(stderr_text, HasSubstr("takes 1 argument"));
}

// Good input gets as far as the session, which wants a token: still before
// any call.
TEST_F(PricingCommandsTest, GoodInputNeedsAToken) {
  absl::SetFlag(&FLAGS_pricing_addr, "127.0.0.1:1");
  absl::SetFlag(&FLAGS_token, "");
  unsetenv("FHUB_TOKEN");
  CommandTable table("");
  table.Add(PricingCommands());
  ::testing::internal::CaptureStderr();
  int status = table.Run({"pricing-policy", "get", "authorities/sefton"});
  std::string stderr_text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, kExitUsage);
  EXPECT_THAT(stderr_text, HasSubstr("no bearer token"));
}

}  // namespace
}  // namespace fhub::cli
