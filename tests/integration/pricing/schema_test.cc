// The pricing schema against a real PostgreSQL: it applies, and its
// constraints refuse what the domain refuses, so a defect in the service
// can never store an impossible price.

#include <pqxx/pqxx>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/pricing/migrations.h"
#include "tests/support/test_database.h"

namespace fhub::pricing {
namespace {

using ::fhub::testing::ScratchDatabase;

class PricingSchemaTest : public ::testing::Test {
 protected:
  PricingSchemaTest() {
    database_.Migrate("pricing", "pricing", Migrations());
    Exec(R"sql(
      INSERT INTO pricing.price_books
        (authority_id, provider_id, framework_id, start_date, status,
         create_time)
      VALUES ('sefton', 'acme-care', 'nw-16plus', '2026-04-01', 'PROPOSED',
              now()))sql");
  }

  // Throws what PostgreSQL raises, for the test to expect.
  void Exec(const std::string& sql) {
    pqxx::connection connection{::fhub::testing::AsAdmin(database_.dsn())};
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
  }

  // A card on the first book, with the given date and weekly rate.
  std::string Card(int version, const std::string& from, long long weekly) {
    return "INSERT INTO pricing.rate_cards VALUES (1, " +
           std::to_string(version) + ", '" + from + "', " +
           std::to_string(weekly) + ", 1850, 1600, 4500, '[]', now(), now())";
  }

  ScratchDatabase database_;
};

TEST_F(PricingSchemaTest, StoresCardsOfABook) {
  EXPECT_NO_THROW(Exec(Card(1, "2026-04-01", 85000)));
  EXPECT_NO_THROW(Exec(Card(2, "2027-04-01", 87125)));
}

TEST_F(PricingSchemaTest, RefusesTwoCardsOnOneDate) {
  Exec(Card(1, "2026-04-01", 85000));
  EXPECT_THROW(Exec(Card(2, "2026-04-01", 90000)), pqxx::unique_violation);
}

TEST_F(PricingSchemaTest, RefusesNegativeAndAbsurdRates) {
  EXPECT_THROW(Exec(Card(1, "2026-04-01", -1)), pqxx::check_violation);
  EXPECT_THROW(Exec(Card(1, "2026-04-01", 10000001)), pqxx::check_violation);
}

TEST_F(PricingSchemaTest, RefusesASecondBookForTheSameScope) {
  EXPECT_THROW(Exec(R"sql(
      INSERT INTO pricing.price_books
        (authority_id, provider_id, framework_id, start_date, status,
         create_time)
      VALUES ('sefton', 'acme-care', 'nw-16plus', '2026-06-01', 'PROPOSED',
              now()))sql"),
               pqxx::unique_violation);
  // Narrowed to a lot, it is another scope.
  EXPECT_NO_THROW(Exec(R"sql(
      INSERT INTO pricing.price_books
        (authority_id, provider_id, framework_id, lot_id, start_date, status,
         create_time)
      VALUES ('sefton', 'acme-care', 'nw-16plus', 'lot-1', '2026-06-01',
              'PROPOSED', now()))sql"));
}

}  // namespace
}  // namespace fhub::pricing
