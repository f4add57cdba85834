// Every SQL statement of the frameworks service prepares against the
// migrated schema: libpqxx prepares lazily, so a typo in a rarely used
// statement would otherwise show only when that statement first runs.

#include <fstream>
#include <pqxx/pqxx>
#include <regex>
#include <set>
#include <sstream>

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
  for (const db::PreparedStatement& statement : statements) {
    EXPECT_NO_THROW(
        tx.exec("PREPARE " + statement.name + " AS " + statement.sql))
        << statement.name;
  }
}

// Statements are prepared on each connection from Statements(); one missing
// from that list would fail only when first run. Every Query constant in the
// storage headers must be in it.
TEST(FrameworkStatementsTest, EveryDeclaredQueryIsPrepared) {
  std::set<std::string> prepared;
  for (const db::PreparedStatement& s : PgFrameworkStore::Statements()) {
    prepared.insert(s.name);
  }
  const std::regex declaration(R"re(constexpr Query k\w+\{\s*"(\w+)")re");
  int declared = 0;
  for (const char* header : {"queries.h", "record_queries.h"}) {
    std::ifstream in(std::string(FHUB_SOURCE_DIR) +
                     "/services/frameworks/storage/" + header);
    ASSERT_TRUE(in) << header;
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (std::sregex_iterator it(source.begin(), source.end(), declaration),
         end;
         it != end; ++it) {
      ++declared;
      EXPECT_EQ(prepared.count((*it)[1]), 1u)
          << (*it)[1] << " is declared in " << header
          << " but not in Statements()";
    }
  }
  EXPECT_GT(declared, 30);
}

}  // namespace
}  // namespace fhub::frameworks
