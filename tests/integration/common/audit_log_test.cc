// The audit log of V001__audit_and_idempotency.sql: append-only, and
// hash-chained so that edits made behind the services' backs show.

#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/audit.h"
#include "common/db/change.h"
#include "common/db/row_scope.h"
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

  // Records change number `n` of `organisation` through ApplyOnce, as its
  // rpc would: in the organisation's row scope.
  absl::Status Change(int n,
                      const std::string& organisation = "authorities/sefton") {
    const ScopedRows own(RowScope::Of(organisation));
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
    pqxx::connection connection{fhub::testing::AsAdmin(database_.dsn())};
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
  // The checks, checkpoints and sweeps are the service's own work, over
  // every organisation's records.
  const ScopedRows everything_{RowScope::Everything()};
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
  pqxx::connection connection{fhub::testing::AsAdmin(database_.dsn())};
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM svc.audit_log "
                     "WHERE subject = 'user-17'")[0]
                .as<int>(),
            2);
}

TEST_F(AuditLogTest, RecordsAreChainedFromTheFirst) {
  Changes(3);
  pqxx::connection connection{fhub::testing::AsAdmin(database_.dsn())};
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

// Concurrent writers of different organisations each extend their own
// organisation's chain.
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
  pqxx::connection connection{fhub::testing::AsAdmin(database_.dsn())};
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
      "INSERT INTO svc.audit_log (id, chain, chain_index, occurred_at, "
      "subject, organisation, action, resource, request_id, details, "
      "previous_hash, hash) VALUES (3, 'authorities/sefton', 3, now(), "
      "'mallory', 'authorities/sefton', 'DeleteLot', 'lots/lot-1', 'x', "
      "'{}', '\\x', '\\x')");
  EXPECT_THAT(ChainBreaks(), ElementsAre(3));
}

TEST_F(AuditLogTest, DeletingTheNewestRecordsIsDetected) {
  Changes(4);
  Tamper("DELETE FROM svc.audit_log WHERE id >= 3");
  EXPECT_THAT(ChainBreaks(), ElementsAre(4));
}

// Each organisation's records form a chain of their own, from 1.
TEST_F(AuditLogTest, EachOrganisationHasAChainOfItsOwn) {
  ASSERT_THAT(Change(1, "authorities/sefton"), IsOk());
  ASSERT_THAT(Change(2, "providers/acme"), IsOk());
  ASSERT_THAT(Change(3, "authorities/sefton"), IsOk());
  pqxx::connection connection{fhub::testing::AsAdmin(database_.dsn())};
  pqxx::nontransaction tx(connection);
  pqxx::result rows = tx.exec(
      "SELECT chain, chain_index, length(previous_hash) FROM svc.audit_log "
      "ORDER BY id");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0].as<std::string>(), "authorities/sefton");
  EXPECT_EQ(rows[0][1].as<int>(), 1);
  EXPECT_EQ(rows[1][0].as<std::string>(), "providers/acme");
  EXPECT_EQ(rows[1][1].as<int>(), 1);
  EXPECT_EQ(rows[1][2].as<int>(), 0);  // Its chain starts here.
  EXPECT_EQ(rows[2][1].as<int>(), 2);
  EXPECT_EQ(rows[2][2].as<int>(), 32);
  EXPECT_THAT(ChainBreaks(), IsEmpty());
}

TEST_F(AuditLogTest, TamperedChainHeadIsDetected) {
  Changes(3);
  fhub::testing::ExecAdmin(
      database_.dsn(),
      "UPDATE svc.audit_chain_heads SET last_hash = sha256('x') "
      "WHERE chain = 'authorities/sefton'");
  EXPECT_THAT(ChainBreaks(), ElementsAre(3));
  auto report = VerifyAudit(*pool_, std::nullopt);
  ASSERT_THAT(report, IsOk());
  EXPECT_FALSE(report->intact());
}

// The checkpoints: signed Merkle roots over the chains' heads.
class AuditCheckpointTest : public AuditLogTest {
 protected:
  Checkpoint Write() {
    auto written = WriteCheckpoint(*pool_, signer_, absl::Now());
    EXPECT_THAT(written, IsOk());
    EXPECT_TRUE(written.ok() && written->has_value());
    return written.ok() && written->has_value() ? **written : Checkpoint();
  }

  AuditReport Verify(const std::optional<Checkpoint>& held = std::nullopt) {
    auto report = VerifyAudit(*pool_, held);
    EXPECT_THAT(report, IsOk());
    return report.ok() ? *report : AuditReport();
  }

  AuditSigner signer_ = AuditSigner::Generate();
};

TEST_F(AuditCheckpointTest, SignsEveryChainsHead) {
  ASSERT_THAT(Change(1, "authorities/sefton"), IsOk());
  ASSERT_THAT(Change(2, "authorities/wirral"), IsOk());
  ASSERT_THAT(Change(3, "authorities/wirral"), IsOk());
  const Checkpoint c = Write();
  ASSERT_EQ(c.heads.size(), 2u);
  EXPECT_EQ(c.heads[0].chain, "authorities/sefton");
  EXPECT_EQ(c.heads[0].index, 1);
  EXPECT_EQ(c.heads[1].chain, "authorities/wirral");
  EXPECT_EQ(c.heads[1].index, 2);
  EXPECT_EQ(c.root, MerkleRoot(c.heads));
  EXPECT_EQ(c.public_key, signer_.public_key());
  EXPECT_TRUE(VerifyAuditSignature(c.public_key, c.root, c.signature));

  // Nothing moved: no second checkpoint.
  auto again = WriteCheckpoint(*pool_, signer_, absl::Now());
  ASSERT_THAT(again, IsOk());
  EXPECT_FALSE(again->has_value());
  ASSERT_THAT(Change(4, "authorities/sefton"), IsOk());
  EXPECT_GT(Write().id, c.id);

  auto latest = LatestCheckpoint(*pool_);
  ASSERT_THAT(latest, IsOk());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->heads[0].index, 2);

  const AuditReport report = Verify(c);
  EXPECT_TRUE(report.intact()) << ::testing::PrintToString(report.problems);
  EXPECT_EQ(report.records, 4);
  EXPECT_EQ(report.chains, 2);
  EXPECT_EQ(report.checkpoints, 2);
}

// What the chains alone cannot show: the newest records deleted and the
// head set back to match, by someone who owns the database. Every
// checkpoint that signed a deleted record shows it, and so does a
// checkpoint a member kept after the stored ones are deleted too.
TEST_F(AuditCheckpointTest, RewindingAChainBehindACheckpointIsDetected) {
  Changes(4);
  const Checkpoint held = Write();
  fhub::testing::ExecAdmin(
      database_.dsn(),
      "BEGIN; ALTER TABLE svc.audit_log DISABLE TRIGGER USER; "
      "DELETE FROM svc.audit_log WHERE chain_index >= 3; "
      "ALTER TABLE svc.audit_log ENABLE TRIGGER USER; "
      "UPDATE svc.audit_chain_heads h SET last_index = a.chain_index, "
      "last_id = a.id, last_hash = a.hash FROM svc.audit_log a "
      "WHERE a.chain = h.chain AND a.chain_index = 2; COMMIT");
  EXPECT_THAT(ChainBreaks(), IsEmpty());  // The chain itself still holds.

  AuditReport report = Verify();
  EXPECT_FALSE(report.intact());
  EXPECT_THAT(report.problems,
              ElementsAre(HasSubstr("authorities/sefton's record 4 is gone")));

  fhub::testing::ExecAdmin(
      database_.dsn(),
      "BEGIN; ALTER TABLE svc.audit_checkpoints DISABLE TRIGGER USER; "
      "DELETE FROM svc.audit_checkpoints; "
      "ALTER TABLE svc.audit_checkpoints ENABLE TRIGGER USER; COMMIT");
  EXPECT_TRUE(Verify().intact());  // Nothing in the database shows it now,
  report = Verify(held);           // but the member's copy does.
  EXPECT_FALSE(report.intact());
  EXPECT_THAT(report.problems,
              ElementsAre(HasSubstr("the checkpoint you hold: "
                                    "authorities/sefton's record 4 is gone")));
}

TEST_F(AuditCheckpointTest, RewritingASignedRecordIsDetected) {
  Changes(3);
  const Checkpoint held = Write();
  // Every record rewritten with hashes that chain again.
  fhub::testing::ExecAdmin(
      database_.dsn(),
      "BEGIN; ALTER TABLE svc.audit_log DISABLE TRIGGER USER; "
      "UPDATE svc.audit_log SET subject = 'mallory'; "
      "UPDATE svc.audit_log SET hash = svc.audit_record_hash('\\x', "
      "occurred_at, subject, organisation, action, resource, request_id, "
      "details), previous_hash = '\\x' WHERE chain_index = 1; "
      "UPDATE svc.audit_log a SET previous_hash = p.hash, "
      "hash = svc.audit_record_hash(p.hash, a.occurred_at, a.subject, "
      "a.organisation, a.action, a.resource, a.request_id, a.details) "
      "FROM svc.audit_log p WHERE p.chain = a.chain AND a.chain_index = 2 "
      "AND p.chain_index = 1; "
      "UPDATE svc.audit_log a SET previous_hash = p.hash, "
      "hash = svc.audit_record_hash(p.hash, a.occurred_at, a.subject, "
      "a.organisation, a.action, a.resource, a.request_id, a.details) "
      "FROM svc.audit_log p WHERE p.chain = a.chain AND a.chain_index = 3 "
      "AND p.chain_index = 2; "
      "ALTER TABLE svc.audit_log ENABLE TRIGGER USER; "
      "UPDATE svc.audit_chain_heads h SET last_hash = a.hash "
      "FROM svc.audit_log a WHERE a.chain = h.chain AND a.chain_index = 3; "
      "COMMIT");
  EXPECT_THAT(ChainBreaks(), IsEmpty());
  const AuditReport report = Verify(held);
  EXPECT_FALSE(report.intact());
  EXPECT_THAT(report.problems,
              ::testing::Contains(HasSubstr(
                  "the checkpoint you hold: authorities/sefton's record 3 is "
                  "not the record it signed")));
}

TEST_F(AuditCheckpointTest, ForgedCheckpointIsDetected) {
  Changes(2);
  Write();
  fhub::testing::ExecAdmin(
      database_.dsn(),
      "BEGIN; ALTER TABLE svc.audit_checkpoints DISABLE TRIGGER USER; "
      "UPDATE svc.audit_checkpoints SET root = sha256('x'); "
      "ALTER TABLE svc.audit_checkpoints ENABLE TRIGGER USER; COMMIT");
  const AuditReport report = Verify();
  EXPECT_THAT(report.problems,
              ElementsAre(HasSubstr("its root does not follow from its heads"),
                          HasSubstr("its signature does not hold")));
}

TEST_F(AuditLogTest, SweepsOnlyOldRequestIds) {
  Changes(3);
  // The changes are dated 2024; the third is made recent.
  fhub::testing::ExecAdmin(database_.dsn(),
                           "UPDATE svc.idempotency_keys SET created_at = "
                           "now() - interval '1 day' WHERE request_id = "
                           "'req-3'");
  auto swept =
      SweepRequestIds(*pool_, absl::Now() - absl::Hours(24 * 30), 1000);
  ASSERT_THAT(swept, IsOk());
  EXPECT_EQ(*swept, 2);
  pqxx::connection connection{fhub::testing::AsAdmin(database_.dsn())};
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec1("SELECT string_agg(request_id, ',') FROM "
                     "svc.idempotency_keys")[0]
                .as<std::string>(),
            "req-3");
  // The audit trail is kept whatever is swept.
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM svc.audit_log")[0].as<int>(), 3);
}

}  // namespace
}  // namespace fhub::db
