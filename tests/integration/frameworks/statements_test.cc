// Every SQL statement of the frameworks service prepares against the
// migrated schema: libpqxx prepares lazily, so a typo in a rarely used
// statement would otherwise show only when that statement first runs.

#include <pqxx/pqxx>

#include "gtest/gtest.h"
#include "services/frameworks/migrations.h"
#include "services/frameworks/storage/framework_store.h"
#include "tests/support/test_database.h"

namespace fhub::frameworks {
namespace {

TEST(FrameworkStatementsTest, EveryStatementPrepares) {
  testing::ScratchDatabase db;
  db.Migrate("frameworks", "frameworks", Migrations());
  pqxx::connection connection{db.dsn()};
  pqxx::nontransaction tx(connection);
  tx.exec("SET search_path TO frameworks");
  const auto statements = PgFrameworkStore::Statements();
  ASSERT_GT(statements.size(), 15u);
  for (const db::PreparedStatement& statement : statements) {
    EXPECT_NO_THROW(tx.exec("PREPARE " + statement.name + " AS " + statement.sql))
        << statement.name;
  }
}

}  // namespace
}  // namespace fhub::frameworks
