#include <atomic>
#include <memory>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/db/transaction.h"
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
using ::testing::UnorderedElementsAre;

// Lets two threads wait until both reached the same point, giving up after a
// while so that a failing test cannot hang.
class Rendezvous {
 public:
  explicit Rendezvous(int parties) : waiting_for_(parties) {}
  bool Arrive() {
    absl::MutexLock lock(&mu_);
    --waiting_for_;
    return mu_.AwaitWithTimeout(
        absl::Condition(
            +[](int* n) { return *n <= 0; }, &waiting_for_),
        absl::Seconds(5));
  }

 private:
  absl::Mutex mu_;
  int waiting_for_ ABSL_GUARDED_BY(mu_);
};

TxOptions Options(absl::string_view name, int max_attempts = 4,
                  Isolation isolation = Isolation::kReadCommitted) {
  TxOptions options;
  options.name = name;
  options.max_attempts = max_attempts;
  options.isolation = isolation;
  return options;
}

class TransactTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fhub::testing::Exec(
        database_.dsn(),
        "CREATE TABLE items (id text PRIMARY KEY, n int CHECK (n >= 0))");
    // Superuser-only; keeps the deadlock test from waiting the default
    // second.
    fhub::testing::ExecAdmin(fhub::testing::AdminDsn(),
                             absl::StrCat("ALTER DATABASE ", database_.name(),
                                          " SET deadlock_timeout = '50ms'"));
    PoolOptions options;
    options.dsn = database_.dsn();
    options.size = 2;
    options.wait_limit = absl::Seconds(5);
    auto pool = Pool::Create(options);
    ASSERT_THAT(pool, IsOk());
    pool_ = *std::move(pool);
  }

  // The rows of `items` as "id=n", read outside any Transact.
  std::vector<std::string> Items() {
    pqxx::connection connection{database_.dsn()};
    pqxx::nontransaction tx(connection);
    std::vector<std::string> items;
    for (const pqxx::row& row :
         tx.exec("SELECT id, n FROM items ORDER BY id")) {
      items.push_back(row[0].as<std::string>() + "=" +
                      row[1].as<std::string>());
    }
    return items;
  }

  static absl::Status Insert(Tx& tx, const std::string& id, int n) {
    tx.exec_params0("INSERT INTO items VALUES ($1, $2)", id, n);
    return absl::OkStatus();
  }

  ScratchDatabase database_;
  std::unique_ptr<Pool> pool_;
};

TEST_F(TransactTest, CommitsWhenTheBodyReturnsOk) {
  EXPECT_THAT(Transact(*pool_, {}, [](Tx& tx) { return Insert(tx, "a", 1); }),
              IsOk());
  EXPECT_THAT(Items(), ElementsAre("a=1"));
}

TEST_F(TransactTest, RollsBackAndReturnsTheBodysError) {
  EXPECT_EQ(Transact(*pool_, {},
                     [](Tx& tx) {
                       Insert(tx, "a", 1).IgnoreError();
                       return absl::FailedPreconditionError("lot is closed");
                     }),
            absl::FailedPreconditionError("lot is closed"));
  EXPECT_THAT(Items(), IsEmpty());
}

TEST_F(TransactTest, RollsBackWhenTheBodyThrows) {
  EXPECT_THAT(Transact(*pool_, Options("add item"),
                       [](Tx& tx) -> absl::Status {
                         Insert(tx, "a", 1).IgnoreError();
                         throw std::runtime_error("bug");
                       }),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("add item")));
  EXPECT_THAT(Items(), IsEmpty());
  // The pool still works.
  EXPECT_THAT(Transact(*pool_, {}, [](Tx& tx) { return Insert(tx, "b", 2); }),
              IsOk());
}

TEST_F(TransactTest, UniqueViolationIsAlreadyExists) {
  ASSERT_THAT(Transact(*pool_, {}, [](Tx& tx) { return Insert(tx, "a", 1); }),
              IsOk());
  int attempts = 0;
  EXPECT_THAT(
      Transact(*pool_, Options("add item"),
               [&](Tx& tx) {
                 ++attempts;
                 Insert(tx, "b", 2).IgnoreError();
                 return Insert(tx, "a", 3);
               }),
      StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("add item")));
  EXPECT_EQ(attempts, 1);  // Not worth retrying.
  EXPECT_THAT(Items(), ElementsAre("a=1"));
}

TEST_F(TransactTest, ThrownUniqueViolationIsAlreadyExists) {
  EXPECT_THAT(Transact(*pool_, {},
                       [](Tx&) -> absl::Status {
                         throw pqxx::unique_violation("ERROR:  duplicate key",
                                                      "INSERT ...", "23505");
                       }),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(TransactTest, CheckViolationIsFailedPrecondition) {
  EXPECT_THAT(Transact(*pool_, {}, [](Tx& tx) { return Insert(tx, "a", -1); }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(TransactTest, RunsAtTheRequestedIsolation) {
  for (auto [isolation, name] :
       {std::pair{Isolation::kReadCommitted, "read committed"},
        std::pair{Isolation::kRepeatableRead, "repeatable read"},
        std::pair{Isolation::kSerializable, "serializable"}}) {
    std::string level;
    EXPECT_THAT(
        Transact(
            *pool_, Options("isolation", 4, isolation),
            [&](Tx& tx) {
              level =
                  tx.exec1("SHOW transaction_isolation")[0].as<std::string>();
              return absl::OkStatus();
            }),
        IsOk());
    EXPECT_EQ(level, name);
  }
}

TEST_F(TransactTest, RetriesSerializationFailuresUpToMaxAttempts) {
  int attempts = 0;
  EXPECT_THAT(Transact(*pool_, Options("add item", 3),
                       [&](Tx& tx) -> absl::Status {
                         ++attempts;
                         Insert(tx, "a", attempts).IgnoreError();
                         throw pqxx::serialization_failure(
                             "ERROR:  could not serialize access");
                       }),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("add item")));
  EXPECT_EQ(attempts, 3);
  EXPECT_THAT(Items(), IsEmpty());
}

TEST_F(TransactTest, RetryRunsTheBodyAgainUntilItCommits) {
  int attempts = 0;
  EXPECT_THAT(
      Transact(*pool_, {},
               [&](Tx& tx) -> absl::Status {
                 ++attempts;
                 Insert(tx, "attempt" + std::to_string(attempts), attempts)
                     .IgnoreError();
                 if (attempts < 2) {
                   throw pqxx::deadlock_detected("ERROR:  deadlock detected");
                 }
                 return absl::OkStatus();
               }),
      IsOk());
  EXPECT_EQ(attempts, 2);
  // Only the committed attempt's work is there.
  EXPECT_THAT(Items(), ElementsAre("attempt2=2"));
}

// Two SERIALIZABLE transactions each read the whole table and then insert
// what they counted: run together, one of them must fail to serialize.
class WriteSkew {
 public:
  explicit WriteSkew(Pool& pool) : pool_(pool) {}

  absl::Status Run(const std::string& id, int max_attempts) {
    bool first_attempt = true;
    return Transact(
        pool_, Options("write skew", max_attempts, Isolation::kSerializable),
        [&](Tx& tx) {
          ++attempts_;
          const int seen = tx.exec1("SELECT count(*) FROM items")[0].as<int>();
          if (first_attempt && !both_read_.Arrive()) {
            return absl::DeadlineExceededError("the other never read");
          }
          first_attempt = false;
          tx.exec_params0("INSERT INTO items VALUES ($1, $2)", id, seen);
          return absl::OkStatus();
        });
  }

  int Attempts() const { return attempts_; }

 private:
  Pool& pool_;
  Rendezvous both_read_{2};
  std::atomic<int> attempts_{0};
};

TEST_F(TransactTest, SerializationFailureIsRetriedToSuccess) {
  WriteSkew skew(*pool_);
  absl::Status a_status, b_status;
  std::thread a([&] { a_status = skew.Run("a", 4); });
  std::thread b([&] { b_status = skew.Run("b", 4); });
  a.join();
  b.join();
  EXPECT_THAT(a_status, IsOk());
  EXPECT_THAT(b_status, IsOk());
  EXPECT_GE(skew.Attempts(), 3);  // At least one retry happened.
  // As if one ran after the other: one saw no rows, the other one row.
  std::vector<std::string> items = Items();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_THAT((std::vector<char>{items[0].back(), items[1].back()}),
              UnorderedElementsAre('0', '1'));
}

TEST_F(TransactTest, SerializationFailureIsAbortedAfterTheLastAttempt) {
  WriteSkew skew(*pool_);
  absl::Status a_status, b_status;
  std::thread a([&] { a_status = skew.Run("a", 1); });
  std::thread b([&] { b_status = skew.Run("b", 1); });
  a.join();
  b.join();
  EXPECT_EQ(skew.Attempts(), 2);
  EXPECT_THAT(
      (std::vector<absl::StatusCode>{a_status.code(), b_status.code()}),
      UnorderedElementsAre(absl::StatusCode::kOk, absl::StatusCode::kAborted));
  EXPECT_EQ(Items().size(), 1u);
}

TEST_F(TransactTest, DeadlockIsRetriedToSuccess) {
  ASSERT_THAT(Transact(*pool_, {},
                       [](Tx& tx) {
                         Insert(tx, "x", 0).IgnoreError();
                         return Insert(tx, "y", 0);
                       }),
              IsOk());
  Rendezvous both_locked(2);
  std::atomic<int> attempts{0};
  auto run = [&](const std::string& first, const std::string& second) {
    bool first_attempt = true;
    return Transact(*pool_, {}, [&](Tx& tx) {
      ++attempts;
      tx.exec_params0("UPDATE items SET n = n + 1 WHERE id = $1", first);
      if (first_attempt && !both_locked.Arrive()) {
        return absl::DeadlineExceededError("the other never locked");
      }
      first_attempt = false;
      tx.exec_params0("UPDATE items SET n = n + 1 WHERE id = $1", second);
      return absl::OkStatus();
    });
  };
  absl::Status a_status, b_status;
  std::thread a([&] { a_status = run("x", "y"); });
  std::thread b([&] { b_status = run("y", "x"); });
  a.join();
  b.join();
  EXPECT_THAT(a_status, IsOk());
  EXPECT_THAT(b_status, IsOk());
  EXPECT_EQ(attempts, 3);
  EXPECT_THAT(Items(), ElementsAre("x=2", "y=2"));
}

TEST_F(TransactTest, ConnectionLostMidTransactionIsRetriedOnAFreshOne) {
  int attempts = 0;
  std::vector<int> pids;
  EXPECT_THAT(
      Transact(*pool_, {},
               [&](Tx& tx) {
                 ++attempts;
                 pids.push_back(
                     tx.exec1("SELECT pg_backend_pid()")[0].as<int>());
                 if (attempts == 1) {
                   tx.exec("SELECT pg_terminate_backend(pg_backend_pid())");
                 }
                 return Insert(tx, "a", attempts);
               }),
      IsOk());
  EXPECT_EQ(attempts, 2);
  ASSERT_EQ(pids.size(), 2u);
  EXPECT_NE(pids[0], pids[1]);
  EXPECT_THAT(Items(), ElementsAre("a=2"));
}

}  // namespace
}  // namespace fhub::db
