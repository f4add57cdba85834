#include <string>
#include <vector>

#include "common/db/migrations.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::db {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<MigrationFile> Files(std::vector<std::string> names) {
  std::vector<MigrationFile> files;
  files.reserve(names.size());
  for (std::string& name : names)
    files.push_back({std::move(name), "SELECT 1"});
  return files;
}

TEST(MigrationVersionsTest, ReturnsVersionsInOrder) {
  EXPECT_THAT(MigrationVersions(
                  Files({"V001__create_frameworks.sql", "V002__add_lots.sql",
                         "V010__index_members.sql"})),
              IsOkAndHolds(ElementsAre(1, 2, 10)));
}

TEST(MigrationVersionsTest, NumbersNeedNotBePaddedOrConsecutive) {
  EXPECT_THAT(
      MigrationVersions(Files({"V1__a.sql", "V0007__b.sql", "V1000__c.sql"})),
      IsOkAndHolds(ElementsAre(1, 7, 1000)));
}

TEST(MigrationVersionsTest, NoFilesIsNoVersions) {
  EXPECT_THAT(MigrationVersions({}), IsOkAndHolds(IsEmpty()));
}

TEST(MigrationVersionsTest, BadNamesAreRefusedByName) {
  for (const char* name : {
           "001__no_prefix.sql",
           "v001__lowercase_prefix.sql",
           "V001_one_underscore.sql",
           "V001__.sql",  // No description.
           "V__no_number.sql",
           "V000__zero.sql",
           "V0a1__letter_in_number.sql",
           "V-01__negative.sql",
           "V+01__signed.sql",
           "V 01__space.sql",
           "V001__wrong_extension.txt",
           "V001__no_extension",
           "V99999999999__overflows.sql",
           "",
       }) {
    EXPECT_THAT(MigrationVersions(Files({name})),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr(std::string("'") + name + "'")))
        << name;
  }
}

TEST(MigrationVersionsTest, RepeatedVersionIsRefused) {
  EXPECT_THAT(
      MigrationVersions(Files({"V001__a.sql", "V1__b.sql"})),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("V1__b.sql")));
}

TEST(MigrationVersionsTest, OutOfOrderIsRefused) {
  EXPECT_THAT(
      MigrationVersions(Files({"V002__b.sql", "V001__a.sql"})),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("out of order")));
}

TEST(HubMigrationsTest, AreEmbeddedAndWellNamed) {
  const std::vector<MigrationFile>& hub = HubMigrations();
  ASSERT_FALSE(hub.empty());
  EXPECT_EQ(hub.front().file_name, "V001__audit_and_idempotency.sql");
  EXPECT_THAT(hub.front().sql, HasSubstr("CREATE TABLE audit_log"));
  EXPECT_THAT(MigrationVersions(hub), IsOk());
}

}  // namespace
}  // namespace fhub::db
