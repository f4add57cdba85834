// Row-level security under the pricing service: the store called directly,
// with no rpc's checks in front of it, sees and changes only the books,
// cards and policies of the transaction's row scope
// (common/db/row_scope.h). The books are made through the rpcs first.

#include <string>

#include "common/db/row_scope.h"
#include "common/testing/status_matchers.h"
#include "tests/integration/pricing_api/fixture.h"
#include "tests/support/row_probe.h"

namespace fhub::pricing {
namespace {

using db::RowScope;
using db::ScopedRows;
using testing::AuthorityRows;
using testing::IsOk;
using testing::ProviderRows;
using testing::StatusIs;

class PricingRowSecurityTest : public PricingApiTest {
 protected:
  void SetUp() override {
    PricingApiTest::SetUp();
    book_id_ = AcceptedBook("sefton", "bootle-house")
                   .name()
                   .substr(std::string("priceBooks/").size());
    ASSERT_THAT(SetPolicy(Commissioner("sefton"), "sefton", true), GrpcOk());
  }

  int Visible(const std::string& table) {
    return testing::VisibleRows(*pool_, table);
  }
  int Updated(const std::string& table, const std::string& set) {
    return testing::UpdatedRows(*pool_, table, set);
  }

  std::string book_id_;
};

constexpr const char* kTables[] = {"pricing_policies", "price_books",
                                   "rate_cards"};

TEST_F(PricingRowSecurityTest, WithoutAScopeNothingIsSeenOrChanged) {
  EXPECT_EQ(CountRows("price_books"), 1);
  EXPECT_EQ(CountRows("rate_cards"), 1);
  EXPECT_EQ(CountRows("pricing_policies"), 1);
  for (const char* table : kTables) EXPECT_EQ(Visible(table), 0) << table;
  EXPECT_EQ(Updated("rate_cards", "accommodation_weekly_pence = 1"), 0);
  testing::InTx(*pool_, [&](db::Tx& tx) {
    EXPECT_THAT(store_.FindBook(tx, book_id_, false),
                StatusIs(absl::StatusCode::kNotFound));
    auto books =
        store_.BooksForScope(tx, "sefton", "bootle-house", "nw-16plus");
    ASSERT_THAT(books, IsOk());
    EXPECT_TRUE(books->empty());
  });
}

TEST_F(PricingRowSecurityTest,
       AnotherMemberNeitherSeesNorChangesNorWritesAsSefton) {
  const ScopedRows rows(AuthorityRows("wirral"));
  for (const char* table : kTables) EXPECT_EQ(Visible(table), 0) << table;
  testing::InTx(*pool_, [&](db::Tx& tx) {
    EXPECT_THAT(store_.FindBook(tx, book_id_, true),
                StatusIs(absl::StatusCode::kNotFound));
    auto listed = store_.ListAuthorityBooks(tx, "sefton", "", 0, 10);
    ASSERT_THAT(listed, IsOk());
    EXPECT_TRUE(listed->empty());
    auto policy = store_.FindPolicy(tx, "sefton");
    ASSERT_THAT(policy, IsOk());
    EXPECT_FALSE(policy->has_value());
    // A card for Sefton's book: the book is not there for Wirral.
    RateCard card;
    card.book_id = std::stoll(book_id_);
    card.version = 2;
    card.effective_from = absl::CivilDay(2027, 4, 1);
    EXPECT_THAT(store_.InsertCard(tx, card),
                StatusIs(absl::StatusCode::kNotFound));
  });
  EXPECT_EQ(Updated("price_books", "accepted_by = 'wirral'"), 0);
  EXPECT_EQ(Updated("pricing_policies", "allow_spot_prices = false"), 0);
  EXPECT_THAT(testing::ExecInTx(
                  *pool_,
                  "INSERT INTO price_books (authority_id, provider_id, "
                  "framework_id, start_date, status, create_time) VALUES "
                  "('sefton', 'mersey-living', 'nw-16plus', '2027-01-01', "
                  "'PROPOSED', now())"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(CountRows("price_books"), 1);
  EXPECT_EQ(CountRows("rate_cards"), 1);
}

TEST_F(PricingRowSecurityTest, TheBuyerSeesAndChangesItsBookPolicyAndCards) {
  const ScopedRows rows(AuthorityRows("sefton"));
  for (const char* table : kTables) EXPECT_EQ(Visible(table), 1) << table;
  EXPECT_EQ(Updated("rate_cards", "extras = '[]'"), 1);
  testing::InTx(*pool_, [&](db::Tx& tx) {
    EXPECT_THAT(store_.FindBook(tx, book_id_, true), IsOk());
  });
}

TEST_F(PricingRowSecurityTest,
       TheProviderSeesItsBookButWritesNoCardAndNoPolicy) {
  {
    const ScopedRows rows(ProviderRows("bootle-house"));
    EXPECT_EQ(Visible("price_books"), 1);
    EXPECT_EQ(Visible("rate_cards"), 1);
    EXPECT_EQ(Visible("pricing_policies"), 0);
    // It may change the book (its acceptance), not the buyer's rates.
    EXPECT_EQ(Updated("price_books", "accepted_by = 'user@bootle-house'"), 1);
    EXPECT_EQ(Updated("rate_cards", "accommodation_weekly_pence = 1"), 0);
    EXPECT_THAT(testing::ExecInTx(
                    *pool_,
                    "INSERT INTO rate_cards (price_book_id, version, "
                    "effective_from, accommodation_weekly_pence, "
                    "support_hourly_pence, waking_night_hourly_pence, "
                    "sleep_in_nightly_pence, extras, create_time, "
                    "update_time) VALUES (" +
                        book_id_ +
                        ", 9, '2027-04-01', 1, 1, 1, 1, '[]', now(), now())"),
                StatusIs(absl::StatusCode::kPermissionDenied));
    // What checking its offer needs of the buyer's policy, and only that.
    testing::InTx(*pool_, [&](db::Tx& tx) {
      auto allows = store_.AllowsSpotPrices(tx, "sefton");
      ASSERT_THAT(allows, IsOk());
      EXPECT_TRUE(*allows);
    });
  }
  EXPECT_EQ(CountRows("rate_cards"), 1);
  const ScopedRows rows(ProviderRows("mersey-living"));
  for (const char* table : kTables) EXPECT_EQ(Visible(table), 0) << table;
}

TEST_F(PricingRowSecurityTest,
       TheFrameworkScopeReadsItsBooksForTheBenchmarkOnly) {
  RowScope scope = AuthorityRows("wirral");
  scope.framework_id = "nw-16plus";
  {
    const ScopedRows rows(scope);
    EXPECT_EQ(Visible("price_books"), 1);
    EXPECT_EQ(Visible("rate_cards"), 1);
    EXPECT_EQ(Visible("pricing_policies"), 0);
    EXPECT_EQ(Updated("price_books", "accepted_by = 'wirral'"), 0);
    EXPECT_EQ(Updated("rate_cards", "accommodation_weekly_pence = 1"), 0);
  }
  scope.framework_id = "another-framework";
  const ScopedRows rows(scope);
  EXPECT_EQ(Visible("price_books"), 0);
}

TEST_F(PricingRowSecurityTest, EverythingIsForServices) {
  const ScopedRows rows(RowScope::Everything());
  for (const char* table : kTables) {
    EXPECT_EQ(Visible(table), CountRows(table)) << table;
  }
}

}  // namespace
}  // namespace fhub::pricing
