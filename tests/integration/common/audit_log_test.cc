// The audit log of V001__audit_and_idempotency.sql: append-only, and
// hash-chained so that edits made behind the services' backs show.

#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/change.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/test_database.h"

namespace fhub::db {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::ScratchDatabase;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int kWriters = 6;

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_.Migrate("svc", "lots", {});
    PoolOptions options;
    options.dsn = database_.dsn();
    options.size = kWriters;
    options.search_path = "svc";
    options.statements = ChangeStatements();
    auto pool = Pool::Create(options);
    ASSERT_THAT(pool, IsOk());
    pool_ = *std::move(pool);
  }

  // Records change number `n` of `organisation` through ApplyOnce.
  absl::Status Change(int n,
                      const std::string& organisation = "authorities/sefton") {
    const std::string id = absl::StrCat("req-", n);
    const std::string json = absl::StrCat(R"({"n": )", n, "}");
    ChangeRequest request{"UpdateLot",
                          id,
                          id,
                          json,
                          "user-17",
                          organisation,
                          absl::FromUnixSeconds(1'717'000'000 + n)};
    return ApplyOnce(*pool_, request,
                     [&](Tx&) -> absl::StatusOr<AppliedChange> {
                       return AppliedChange{absl::StrCat("lots/lot-", n), ""};
                     })
        .status();
  }

  void Changes(int count) {
    for (int n = 1; n <= count; ++n) ASSERT_THAT(Change(n), IsOk());
  }

  std::vector<int64_t> ChainBreaks() {
    pqxx::connection connection{database_.dsn()};
    pqxx::nontransaction tx(connection);
    std::vector<int64_t> ids;
    for (const pqxx::row& row : tx.exec("SELECT svc.audit_chain_breaks()")) {
      ids.push_back(row[0].as<int64_t>());
    }
    return ids;
  }

  // Runs `sql` as an administrator with the table's own triggers off: what
  // someone editing the database behind the service's back would do.
  void Tamper(const std::string& sql) {
    fhub::testing::ExecAdmin(
        database_.dsn(),
        absl::StrCat(
            "BEGIN; ALTER TABLE svc.audit_log DISABLE TRIGGER USER; ", sql,
            "; ALTER TABLE svc.audit_log ENABLE TRIGGER USER; COMMIT"));
  }

  absl::Status Run(const std::string& sql) {
    return Transact(*pool_, {}, [&](Tx& tx) {
      tx.exec(sql);
      return absl::OkStatus();
    });
  }

  ScratchDatabase database_;
  std::unique_ptr<Pool> pool_;
};

TEST_F(AuditLogTest, RefusesUpdateDeleteAndTruncate) {
  Changes(2);
  EXPECT_THAT(Run("UPDATE audit_log SET subject = 'mallory'"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("audit_log is append-only: UPDATE refused")));
  EXPECT_THAT(Run("DELETE FROM audit_log WHERE id = 1"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("append-only: DELETE refused")));
  EXPECT_THAT(Run("TRUNCATE audit_log"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("append-only: TRUNCATE refused")));
  pqxx::connection connection{database_.dsn()};
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM svc.audit_log "
                     "WHERE subject = 'user-17'")[0]
                .as<int>(),
            2);
}

TEST_F(AuditLogTest, RecordsAreChainedFromTheFirst) {
  Changes(3);
  pqxx::connection connection{database_.dsn()};
  pqxx::nontransaction tx(connection);
  pqxx::result rows = tx.exec(
      "SELECT id, length(previous_hash), length(hash), "
      "previous_hash = lag(hash, 1, '\\x'::bytea) OVER (ORDER BY id) "
      "FROM svc.audit_log ORDER BY id");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][1].as<int>(), 0);  // The first follows nothing.
  for (const pqxx::row& row : rows) {
    EXPECT_EQ(row[2].as<int>(), 32) << row[0].as<int>();  // SHA-256.
    EXPECT_TRUE(row[3].as<bool>()) << row[0].as<int>();
  }
}

TEST_F(AuditLogTest, ChainIsIntactAfterChanges) {
  EXPECT_THAT(ChainBreaks(), IsEmpty());
  Changes(5);
  EXPECT_THAT(ChainBreaks(), IsEmpty());
}

// Concurrent writers join the chain one at a time, in id order.
TEST_F(AuditLogTest, ChainIsIntactAfterConcurrentChanges) {
  std::vector<std::thread> writers;
  writers.reserve(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([this, w] {
      for (int n = 1; n <= 10; ++n) {
        EXPECT_THAT(Change(n, absl::StrCat("authorities/council-", w)), IsOk());
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_THAT(ChainBreaks(), IsEmpty());
}

// A writer whose snapshot predates another writer's commit cannot link to a
// stale end of the chain: its insert fails as a serialization failure (which
// Transact retries), and the chain stays whole.
TEST_F(AuditLogTest, AWriterWithAnOlderSnapshotCannotForkTheChain) {
  Changes(1);
  pqxx::connection connection{database_.dsn()};
  pqxx::transaction<pqxx::repeatable_read> late(connection);
  late.exec("SELECT 1");  // Takes the snapshot.
  ASSERT_THAT(Change(2), IsOk());
  EXPECT_THROW(
      late.exec(
          "INSERT INTO svc.audit_log (occurred_at, subject, organisation, "
          "action, resource, request_id, details, previous_hash, hash) "
          "VALUES (now(), 'user-17', 'authorities/sefton', 'UpdateLot', "
          "'lots/lot-3', 'req-3', '{}', '\\x', '\\x')"),
      pqxx::serialization_failure);
  late.abort();
  EXPECT_THAT(ChainBreaks(), IsEmpty());
}

TEST_F(AuditLogTest, EditedRecordBreaksTheChain) {
  Changes(5);
  Tamper("UPDATE svc.audit_log SET subject = 'mallory' WHERE id = 3");
  EXPECT_THAT(ChainBreaks(), ElementsAre(3));
}

TEST_F(AuditLogTest, EditedRecordWithARecomputedHashBreaksTheNextLink) {
  Changes(5);
  Tamper(
      "UPDATE svc.audit_log SET subject = 'mallory', "
      "hash = svc.audit_record_hash(previous_hash, occurred_at, 'mallory', "
      "organisation, action, resource, request_id, details) WHERE id = 3");
  EXPECT_THAT(ChainBreaks(), ElementsAre(4));
}

TEST_F(AuditLogTest, DeletedRecordBreaksTheChain) {
  Changes(5);
  Tamper("DELETE FROM svc.audit_log WHERE id = 3");
  EXPECT_THAT(ChainBreaks(), ElementsAre(4));
}

TEST_F(AuditLogTest, ForgedRecordBreaksTheChain) {
  Changes(2);
  Tamper(
      "INSERT INTO svc.audit_log (id, occurred_at, subject, organisation, "
      "action, resource, request_id, details, previous_hash, hash) VALUES (3, "
      "now(), 'mallory', 'authorities/sefton', 'DeleteLot', 'lots/lot-1', "
      "'x', '{}', '\\x', '\\x')");
  EXPECT_THAT(ChainBreaks(), ElementsAre(3));
}

TEST_F(AuditLogTest, DeletingTheNewestRecordsIsDetected) {
  Changes(4);
  Tamper("DELETE FROM svc.audit_log WHERE id >= 3");
  EXPECT_THAT(ChainBreaks(), ElementsAre(4));
}

}  // namespace
}  // namespace fhub::db
