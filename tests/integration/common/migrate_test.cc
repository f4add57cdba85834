#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "common/db/migrations.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/test_database.h"

namespace fhub::db {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::ScratchDatabase;
using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const MigrationFile kCreateLots{"V001__create_lots.sql",
                                "CREATE TABLE lots (id text PRIMARY KEY);"};
const MigrationFile kAddTitle{"V002__add_title.sql",
                              "ALTER TABLE lots ADD COLUMN title text;"};
const MigrationFile kCreateBids{
    "V003__create_bids.sql", "CREATE TABLE bids (lot text REFERENCES lots);"};

class MigrateTest : public ::testing::Test {
 protected:
  absl::StatusOr<MigrationReport> Run(const std::vector<MigrationFile>& files,
                                      absl::string_view component = "lots") {
    return Migrate(database_.dsn(), "svc", component, files);
  }

  // One value of a single-row query, as text ("" for NULL).
  std::string Query(const std::string& sql) {
    pqxx::connection connection{database_.dsn()};
    pqxx::nontransaction tx(connection);
    return tx.exec1(sql)[0].as<std::string>("");
  }

  // "component:version:file_name" for every recorded migration.
  std::vector<std::string> Recorded() {
    pqxx::connection connection{database_.dsn()};
    pqxx::nontransaction tx(connection);
    std::vector<std::string> recorded;
    for (const pqxx::row& row :
         tx.exec("SELECT component || ':' || version || ':' || file_name "
                 "FROM svc.schema_migrations ORDER BY component, version")) {
      recorded.push_back(row[0].as<std::string>());
    }
    return recorded;
  }

  ScratchDatabase database_;
};

TEST_F(MigrateTest, AppliesEveryFileInOrderOnAFreshDatabase) {
  auto report = Run({kCreateLots, kAddTitle, kCreateBids});
  ASSERT_THAT(report, IsOk());
  EXPECT_THAT(report->applied,
              ElementsAre(kCreateLots.file_name, kAddTitle.file_name,
                          kCreateBids.file_name));
  EXPECT_EQ(report->already_applied, 0);
  EXPECT_THAT(Recorded(), ElementsAre("lots:1:V001__create_lots.sql",
                                      "lots:2:V002__add_title.sql",
                                      "lots:3:V003__create_bids.sql"));
  // Created in the schema, not in public.
  EXPECT_EQ(Query("SELECT to_regclass('svc.bids')::text"), "svc.bids");
  EXPECT_EQ(Query("SELECT coalesce(to_regclass('public.lots')::text, '')"), "");
}

TEST_F(MigrateTest, RecordsEachFilesChecksum) {
  ASSERT_THAT(Run({kCreateLots}), IsOk());
  EXPECT_EQ(Query("SELECT checksum FROM svc.schema_migrations"),
            Query("SELECT encode(sha256(convert_to('" + kCreateLots.sql +
                  "', 'UTF8')), 'hex')"));
}

TEST_F(MigrateTest, RerunAppliesNothing) {
  ASSERT_THAT(Run({kCreateLots, kAddTitle}), IsOk());
  auto again = Run({kCreateLots, kAddTitle});
  ASSERT_THAT(again, IsOk());
  EXPECT_THAT(again->applied, IsEmpty());
  EXPECT_EQ(again->already_applied, 2);
  EXPECT_EQ(Recorded().size(), 2u);
}

TEST_F(MigrateTest, AppliesOnlyTheNewFiles) {
  ASSERT_THAT(Run({kCreateLots}), IsOk());
  auto report = Run({kCreateLots, kAddTitle, kCreateBids});
  ASSERT_THAT(report, IsOk());
  EXPECT_THAT(report->applied,
              ElementsAre(kAddTitle.file_name, kCreateBids.file_name));
  EXPECT_EQ(report->already_applied, 1);
}

TEST_F(MigrateTest, EditedAppliedFileIsFailedPrecondition) {
  ASSERT_THAT(Run({kCreateLots}), IsOk());
  MigrationFile edited = kCreateLots;
  edited.sql = "CREATE TABLE lots (id text PRIMARY KEY, extra int);";
  EXPECT_THAT(
      Run({edited, kAddTitle}),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("V001__create_lots.sql"), HasSubstr("edited"))));
  EXPECT_EQ(Recorded().size(), 1u);  // V002 was not applied either.
}

TEST_F(MigrateTest, AppliedFileMissingFromTheBuildIsFailedPrecondition) {
  ASSERT_THAT(Run({kCreateLots, kAddTitle}), IsOk());
  EXPECT_THAT(Run({kCreateLots}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("V002__add_title.sql"),
                             HasSubstr("not in this build"))));
}

TEST_F(MigrateTest, NewFileNumberedBelowAppliedOnesIsFailedPrecondition) {
  ASSERT_THAT(Run({kCreateLots, kCreateBids}), IsOk());  // V001, V003.
  EXPECT_THAT(Run({kCreateLots, kAddTitle, kCreateBids}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("V002__add_title.sql"),
                             HasSubstr("numbered below"))));
  EXPECT_EQ(Query("SELECT count(*) FROM information_schema.columns "
                  "WHERE table_schema = 'svc' AND column_name = 'title'"),
            "0");
  EXPECT_EQ(Recorded().size(), 2u);
}

TEST_F(MigrateTest, BadSqlIsInvalidArgumentAndLeavesNoTrace) {
  const MigrationFile bad{"V002__half_done.sql",
                          "CREATE TABLE half (id int); SELEC nonsense;"};
  EXPECT_THAT(Run({kCreateLots, bad}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("V002__half_done.sql"),
                             HasSubstr("syntax error"))));
  // V001 went in its own transaction; nothing of V002 remains.
  EXPECT_THAT(Recorded(), ElementsAre("lots:1:V001__create_lots.sql"));
  EXPECT_EQ(Query("SELECT coalesce(to_regclass('svc.half')::text, '')"), "");
  // A fixed file then applies.
  const MigrationFile fixed{"V002__half_done.sql",
                            "CREATE TABLE half (id int);"};
  auto report = Run({kCreateLots, fixed});
  ASSERT_THAT(report, IsOk());
  EXPECT_THAT(report->applied, ElementsAre("V002__half_done.sql"));
}

TEST_F(MigrateTest, BadFileNameIsInvalidArgumentBeforeAnythingRuns) {
  EXPECT_THAT(
      Run({kCreateLots, {"V2_oops.sql", "SELECT 1"}}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("V2_oops.sql")));
  EXPECT_EQ(Query("SELECT coalesce(to_regclass('svc.lots')::text, '')"), "");
}

TEST_F(MigrateTest, SchemaAndComponentMustBePlainIdentifiers) {
  for (auto [schema, component] :
       {std::pair{"svc; DROP TABLE x", "lots"}, std::pair{"Svc", "lots"},
        std::pair{"svc", ""}, std::pair{"svc", "lots-x"}}) {
    EXPECT_THAT(Migrate(database_.dsn(), schema, component, {kCreateLots}),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << schema << " " << component;
  }
}

TEST_F(MigrateTest, UnreachableDatabaseIsUnavailable) {
  EXPECT_THAT(Migrate("host=/nonexistent/fhub-socket-dir dbname=x", "svc",
                      "lots", {kCreateLots}),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(MigrateTest, ComponentsInOneSchemaAreTrackedSeparately) {
  const MigrationFile other{"V001__create_prices.sql",
                            "CREATE TABLE prices (lot text);"};
  ASSERT_THAT(Run({kCreateLots, kAddTitle}, "lots"), IsOk());
  auto prices = Run({other}, "prices");
  ASSERT_THAT(prices, IsOk());
  EXPECT_THAT(prices->applied, ElementsAre("V001__create_prices.sql"));
  EXPECT_THAT(Recorded(), ElementsAre("lots:1:V001__create_lots.sql",
                                      "lots:2:V002__add_title.sql",
                                      "prices:1:V001__create_prices.sql"));
  // Each rerun sees only its own history: neither reports the other's
  // files as missing from its build.
  auto lots_again = Run({kCreateLots, kAddTitle}, "lots");
  ASSERT_THAT(lots_again, IsOk());
  EXPECT_EQ(lots_again->already_applied, 2);
  auto prices_again = Run({other}, "prices");
  ASSERT_THAT(prices_again, IsOk());
  EXPECT_EQ(prices_again->already_applied, 1);
}

TEST_F(MigrateTest, HubMigrationsApply) {
  auto report = Run(HubMigrations(), "hub");
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->applied.size(), HubMigrations().size());
  EXPECT_EQ(Query("SELECT to_regclass('svc.audit_log')::text"),
            "svc.audit_log");
  EXPECT_EQ(Query("SELECT to_regclass('svc.idempotency_keys')::text"),
            "svc.idempotency_keys");
}

TEST_F(MigrateTest, ReplicasStartingTogetherApplyEachFileOnce) {
  std::vector<absl::StatusOr<MigrationReport>> reports(
      4, absl::UnknownError("not run"));
  std::vector<std::thread> replicas;
  replicas.reserve(reports.size());
  for (auto& report : reports) {
    replicas.emplace_back([&report, this] {
      report = Migrate(database_.dsn(), "svc", "lots",
                       {kCreateLots, kAddTitle, kCreateBids});
    });
  }
  for (std::thread& replica : replicas) replica.join();
  size_t applied = 0;
  for (const auto& report : reports) {
    ASSERT_THAT(report, IsOk());
    applied += report->applied.size();
  }
  EXPECT_EQ(applied, 3u);
  EXPECT_EQ(Recorded().size(), 3u);
}

}  // namespace
}  // namespace fhub::db
