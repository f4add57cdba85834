#include <atomic>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/db/change.h"
#include "common/db/outbox.h"
#include "common/db/row_scope.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/row_probe.h"
#include "tests/support/test_database.h"

namespace fhub::db {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::ScratchDatabase;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const absl::Time kAt = absl::FromCivil(absl::CivilSecond(2024, 6, 3, 9, 30, 0),
                                       absl::UTCTimeZone()) +
                       absl::Microseconds(123456);

class ApplyOnceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_.Migrate("svc", "lots",
                      {{"V001__create_lots.sql",
                        "CREATE TABLE lots (id text PRIMARY KEY, "
                        "title text NOT NULL)"}});
    PoolOptions options;
    options.dsn = database_.dsn();
    options.size = 4;
    options.search_path = "svc";
    options.statements = ChangeStatements();
    for (PreparedStatement& statement : OutboxStatements()) {
      options.statements.push_back(std::move(statement));
    }
    auto pool = Pool::Create(options);
    ASSERT_THAT(pool, IsOk());
    pool_ = *std::move(pool);
  }

  ChangeRequest Request(absl::string_view request_id,
                        absl::string_view bytes = "create lot-a",
                        absl::string_view organisation = "authorities/sefton") {
    return {"CreateLot", request_id,
            bytes,       R"({"lot": {"title": "Residential"}})",
            "user-17",   organisation,
            kAt};
  }

  // ApplyOnce as the request's organisation, the row scope its rpc would
  // run in.
  absl::StatusOr<std::string> Apply(
      const ChangeRequest& request,
      const std::function<absl::StatusOr<AppliedChange>(Tx&)>& apply) {
    const ScopedRows rows(RowScope::Of(request.organisation));
    return ApplyOnce(*pool_, request, apply);
  }

  // An apply that creates lot `id` and answers "created <id>".
  std::function<absl::StatusOr<AppliedChange>(Tx&)> CreateLot(
      const std::string& id) {
    return [this, id](Tx& tx) -> absl::StatusOr<AppliedChange> {
      ++applied_;
      tx.exec_params0("INSERT INTO lots VALUES ($1, 'Residential')", id);
      return AppliedChange{"lots/" + id, "created " + id};
    };
  }

  std::vector<std::string> Column(const std::string& sql) {
    pqxx::connection connection{fhub::testing::AsAdmin(database_.dsn())};
    pqxx::nontransaction tx(connection);
    std::vector<std::string> values;
    for (const pqxx::row& row : tx.exec(sql)) {
      values.push_back(row[0].as<std::string>(""));
    }
    return values;
  }

  ScratchDatabase database_;
  std::unique_ptr<Pool> pool_;
  std::atomic<int> applied_{0};
};

TEST_F(ApplyOnceTest, FirstCallAppliesAndWritesOneAuditRecord) {
  EXPECT_THAT(Apply(Request("req-1"), CreateLot("lot-a")),
              IsOkAndHolds(Eq("created lot-a")));
  EXPECT_EQ(applied_, 1);
  EXPECT_THAT(Column("SELECT id FROM svc.lots"), ElementsAre("lot-a"));
  EXPECT_THAT(
      Column("SELECT concat_ws('|', subject, organisation, action, resource, "
             "request_id, details->'lot'->>'title', "
             "to_char(occurred_at AT TIME ZONE 'UTC', "
             "'YYYY-MM-DD HH24:MI:SS.US')) FROM svc.audit_log"),
      ElementsAre("user-17|authorities/sefton|CreateLot|lots/lot-a|req-1|"
                  "Residential|2024-06-03 09:30:00.123456"));
}

TEST_F(ApplyOnceTest, RetryReturnsTheStoredResponseAndAppliesNothing) {
  ASSERT_THAT(Apply(Request("req-1"), CreateLot("lot-a")), IsOk());
  // A retry whose apply would now answer differently: the first answer wins.
  EXPECT_THAT(Apply(Request("req-1"), CreateLot("lot-b")),
              IsOkAndHolds(Eq("created lot-a")));
  EXPECT_EQ(applied_, 1);
  EXPECT_THAT(Column("SELECT id FROM svc.lots"), ElementsAre("lot-a"));
  EXPECT_THAT(Column("SELECT count(*) FROM svc.audit_log"), ElementsAre("1"));
}

TEST_F(ApplyOnceTest, BinaryResponsesAreStoredExactly) {
  const std::string response("\0\xff\x01 bytes\n", 10);
  auto apply = [&](Tx&) -> absl::StatusOr<AppliedChange> {
    ++applied_;
    return AppliedChange{"lots/x", response};
  };
  EXPECT_THAT(Apply(Request("req-1"), apply), IsOkAndHolds(Eq(response)));
  EXPECT_THAT(Apply(Request("req-1"), apply), IsOkAndHolds(Eq(response)));
  EXPECT_EQ(applied_, 1);
}

TEST_F(ApplyOnceTest, SameIdWithADifferentRequestIsInvalidArgument) {
  ASSERT_THAT(Apply(Request("req-1", "create lot-a"), CreateLot("lot-a")),
              IsOk());
  EXPECT_THAT(Apply(Request("req-1", "create lot-b"), CreateLot("lot-b")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("'req-1' was already used")));
  EXPECT_EQ(applied_, 1);
  EXPECT_THAT(Column("SELECT id FROM svc.lots"), ElementsAre("lot-a"));
}

TEST_F(ApplyOnceTest, SameIdForAnotherMethodIsInvalidArgument) {
  ASSERT_THAT(Apply(Request("req-1"), CreateLot("lot-a")), IsOk());
  ChangeRequest other = Request("req-1");
  other.method = "DeleteLot";
  EXPECT_THAT(Apply(other, CreateLot("lot-b")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(applied_, 1);
}

TEST_F(ApplyOnceTest, SameIdInAnotherOrganisationIsIndependent) {
  ASSERT_THAT(Apply(Request("req-1"), CreateLot("lot-a")), IsOk());
  EXPECT_THAT(Apply(Request("req-1", "create lot-a", "authorities/wirral"),
                    CreateLot("lot-w")),
              IsOkAndHolds(Eq("created lot-w")));
  EXPECT_EQ(applied_, 2);
  EXPECT_THAT(Column("SELECT organisation FROM svc.audit_log ORDER BY id"),
              ElementsAre("authorities/sefton", "authorities/wirral"));
}

// Row-level security (V005): an organisation's request_ids (whose stored
// responses carry what it sent) and audit records are its own, whatever the
// code above the store asks.
TEST_F(ApplyOnceTest, KeysAndRecordsAreTheOrganisationsOwn) {
  ASSERT_THAT(Apply(Request("req-1"), CreateLot("lot-a")), IsOk());
  using ::fhub::testing::UpdatedRows;
  using ::fhub::testing::VisibleRows;
  const auto seen = [this](const RowScope& scope) {
    const ScopedRows rows(scope);
    return std::vector<int>{
        VisibleRows(*pool_, "idempotency_keys"),
        VisibleRows(*pool_, "audit_log"),
        UpdatedRows(*pool_, "idempotency_keys", "response = NULL")};
  };
  EXPECT_THAT(seen(RowScope()), ElementsAre(0, 0, 0));
  EXPECT_THAT(seen(RowScope::Of("authorities/wirral")), ElementsAre(0, 0, 0));
  EXPECT_THAT(seen(RowScope::Of("providers/sefton")), ElementsAre(0, 0, 0));
  EXPECT_THAT(seen(RowScope::Of("authorities/sefton")), ElementsAre(1, 1, 1));
  EXPECT_THAT(seen(RowScope::Everything()), ElementsAre(1, 1, 1));

  // Wirral cannot claim a request_id, or write an audit record, in
  // Sefton's name; nothing of it is kept.
  {
    const ScopedRows wirral(RowScope::Of("authorities/wirral"));
    EXPECT_THAT(ApplyOnce(*pool_, Request("req-2"), CreateLot("lot-b")),
                StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(
        fhub::testing::ExecInTx(
            *pool_,
            "INSERT INTO audit_log (occurred_at, subject, organisation, "
            "action, resource, request_id, details, previous_hash, hash) "
            "VALUES (now(), 'mallory', 'authorities/sefton', 'DeleteLot', "
            "'lots/lot-a', 'x', '{}', '\\x', '\\x')"),
        StatusIs(absl::StatusCode::kPermissionDenied));
  }
  EXPECT_EQ(applied_, 1);
  EXPECT_THAT(Column("SELECT request_id FROM svc.idempotency_keys"),
              ElementsAre("req-1"));
  EXPECT_THAT(Column("SELECT count(*) FROM svc.audit_log"), ElementsAre("1"));
}

TEST_F(ApplyOnceTest, FailedApplyStoresNothingAndCanBeRetried) {
  auto refuse = [&](Tx& tx) -> absl::StatusOr<AppliedChange> {
    ++applied_;
    tx.exec0("INSERT INTO lots VALUES ('half', 'done')");
    return absl::FailedPreconditionError("framework is closed");
  };
  EXPECT_THAT(
      Apply(Request("req-1"), refuse),
      StatusIs(absl::StatusCode::kFailedPrecondition, "framework is closed"));
  EXPECT_THAT(Column("SELECT id FROM svc.lots"), IsEmpty());
  EXPECT_THAT(Column("SELECT count(*) FROM svc.audit_log"), ElementsAre("0"));
  EXPECT_THAT(Column("SELECT count(*) FROM svc.idempotency_keys"),
              ElementsAre("0"));
  // The request_id was not used up: the corrected request goes through.
  EXPECT_THAT(Apply(Request("req-1"), CreateLot("lot-a")),
              IsOkAndHolds(Eq("created lot-a")));
  EXPECT_EQ(applied_, 2);
}

// A change's events are held until it ends, then written with its audit
// record and response: in the order emitted, none before.
TEST_F(ApplyOnceTest, AChangesEventsAreWrittenAtItsEndInOrder) {
  auto emit = [&](Tx& tx) -> absl::StatusOr<AppliedChange> {
    AppendEvent(tx, "LOT_CREATED", kAt, "a");
    AppendEvents(tx, kAt, {{"LOT_CHANGED", "b"}, {"LOT_CHANGED", "c"}});
    EXPECT_EQ(tx.exec1("SELECT count(*) FROM outbox_events")[0].as<int>(), 0);
    return AppliedChange{"lots/x", "done"};
  };
  ASSERT_THAT(Apply(Request("req-1"), emit), IsOkAndHolds(Eq("done")));
  EXPECT_THAT(Column("SELECT concat(event_type, ':', convert_from(payload, "
                     "'UTF8')) FROM svc.outbox_events ORDER BY insert_order"),
              ElementsAre("LOT_CREATED:a", "LOT_CHANGED:b", "LOT_CHANGED:c"));
  EXPECT_THAT(Column("SELECT count(*) FROM svc.audit_log"), ElementsAre("1"));
  EXPECT_THAT(Column("SELECT convert_from(response, 'UTF8') "
                     "FROM svc.idempotency_keys"),
              ElementsAre("done"));
}

// A change that fails leaves no event; a transaction of its own inside the
// change (another connection) writes its events at once, not into the
// change's.
TEST_F(ApplyOnceTest, EventsGoWithTheirOwnTransaction) {
  auto refuse = [&](Tx& tx) -> absl::StatusOr<AppliedChange> {
    AppendEvent(tx, "LOT_CREATED", kAt, "refused");
    EXPECT_THAT(Transact(*pool_, {},
                         [&](Tx& other) {
                           AppendEvent(other, "LOT_CHANGED", kAt, "other");
                           return absl::OkStatus();
                         }),
                IsOk());
    return absl::FailedPreconditionError("framework is closed");
  };
  EXPECT_THAT(Apply(Request("req-1"), refuse),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Column("SELECT convert_from(payload, 'UTF8') "
                     "FROM svc.outbox_events"),
              ElementsAre("other"));
}

TEST_F(ApplyOnceTest, DatabaseErrorInApplyStoresNothing) {
  ASSERT_THAT(Apply(Request("req-1"), CreateLot("lot-a")), IsOk());
  EXPECT_THAT(
      Apply(Request("req-2", "create lot-a again"), CreateLot("lot-a")),
      StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("CreateLot")));
  EXPECT_THAT(Column("SELECT request_id FROM svc.idempotency_keys"),
              ElementsAre("req-1"));
  EXPECT_THAT(Column("SELECT count(*) FROM svc.audit_log"), ElementsAre("1"));
}

TEST_F(ApplyOnceTest, ConcurrentRetriesApplyOnce) {
  constexpr int kCallers = 4;
  std::vector<absl::StatusOr<std::string>> responses(
      kCallers, absl::UnknownError("not run"));
  std::vector<std::thread> callers;
  callers.reserve(kCallers);
  for (auto& response : responses) {
    callers.emplace_back([&response, this] {
      response = Apply(Request("req-1"), CreateLot("lot-a"));
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (const auto& response : responses) {
    EXPECT_THAT(response, IsOkAndHolds(Eq("created lot-a")));
  }
  EXPECT_EQ(applied_, 1);
  EXPECT_THAT(Column("SELECT count(*) FROM svc.audit_log"), ElementsAre("1"));
}

}  // namespace
}  // namespace fhub::db
