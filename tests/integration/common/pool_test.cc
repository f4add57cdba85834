#include "common/db/pool.h"

#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
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
using ::testing::HasSubstr;

PoolOptions Options(const ScratchDatabase& database, int size,
                    absl::Duration wait_limit) {
  PoolOptions options;
  options.dsn = database.dsn();
  options.size = size;
  options.wait_limit = wait_limit;
  return options;
}

int BackendPid(Pool::Lease& lease) {
  pqxx::nontransaction tx(lease.connection());
  return tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
}

// Ends backend `pid` as an administrator would, and waits until it is gone
// so that the test does not race the server.
void TerminateBackend(int pid) {
  pqxx::connection admin{fhub::testing::AdminDsn()};
  pqxx::nontransaction tx(admin);
  tx.exec_params("SELECT pg_terminate_backend($1)", pid);
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (tx.exec_params1("SELECT count(*) FROM pg_stat_activity WHERE pid = $1",
                         pid)[0]
             .as<int>() > 0) {
    ASSERT_LT(absl::Now(), deadline) << "backend " << pid << " did not end";
    absl::SleepFor(absl::Milliseconds(5));
  }
}

TEST(PoolTest, CreateIsUnavailableWhenTheDatabaseCannotBeReached) {
  PoolOptions options;
  options.dsn = "host=/nonexistent/fhub-socket-dir dbname=fhub user=fhub";
  EXPECT_THAT(Pool::Create(options),
              StatusIs(absl::StatusCode::kUnavailable,
                       HasSubstr("database unavailable")));
}

TEST(PoolTest, CreateRefusesASizeBelowOne) {
  ScratchDatabase database;
  EXPECT_THAT(Pool::Create(Options(database, 0, absl::Seconds(1))),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PoolTest, CreateOpensOneConnectionAndLendsIt) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 3, absl::Seconds(1)));
  ASSERT_THAT(pool, IsOk());
  EXPECT_EQ((*pool)->open_connections(), 1);
  EXPECT_EQ((*pool)->idle_connections(), 1);
  {
    auto lease = (*pool)->Acquire();
    ASSERT_THAT(lease, IsOk());
    EXPECT_EQ((*pool)->idle_connections(), 0);
    pqxx::nontransaction tx(lease->connection());
    EXPECT_EQ(tx.exec1("SELECT current_database()")[0].as<std::string>(),
              database.name());
  }
  EXPECT_EQ((*pool)->idle_connections(), 1);
}

TEST(PoolTest, ReusesIdleConnections) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 3, absl::Seconds(1)));
  ASSERT_THAT(pool, IsOk());
  int first_pid = 0;
  {
    auto lease = (*pool)->Acquire();
    ASSERT_THAT(lease, IsOk());
    first_pid = BackendPid(*lease);
  }
  auto lease = (*pool)->Acquire();
  ASSERT_THAT(lease, IsOk());
  EXPECT_EQ(BackendPid(*lease), first_pid);
  EXPECT_EQ((*pool)->open_connections(), 1);
}

TEST(PoolTest, OpensUpToSizeConnections) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 2, absl::Milliseconds(100)));
  ASSERT_THAT(pool, IsOk());
  auto first = (*pool)->Acquire();
  auto second = (*pool)->Acquire();
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_NE(BackendPid(*first), BackendPid(*second));
  EXPECT_EQ((*pool)->open_connections(), 2);
  EXPECT_THAT((*pool)->Acquire(),
              StatusIs(absl::StatusCode::kResourceExhausted));
}

TEST(PoolTest, AcquireGivesUpAfterTheWaitLimit) {
  ScratchDatabase database;
  const absl::Duration wait_limit = absl::Milliseconds(200);
  auto pool = Pool::Create(Options(database, 1, wait_limit));
  ASSERT_THAT(pool, IsOk());
  {
    auto held = (*pool)->Acquire();
    ASSERT_THAT(held, IsOk());
    const absl::Time start = absl::Now();
    auto second = (*pool)->Acquire();
    const absl::Duration waited = absl::Now() - start;
    EXPECT_THAT(second, StatusIs(absl::StatusCode::kResourceExhausted,
                                 HasSubstr("database busy")));
    EXPECT_GE(waited, wait_limit - absl::Milliseconds(10));
    EXPECT_LT(waited, wait_limit + absl::Milliseconds(500));
  }
  // The only lease is back: the next caller gets it at once.
  const absl::Time start = absl::Now();
  EXPECT_THAT((*pool)->Acquire(), IsOk());
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(100));
}

TEST(PoolTest, TransactGivesUpWhenNoConnectionFreesInTime) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 1, absl::Milliseconds(100)));
  ASSERT_THAT(pool, IsOk());
  auto held = (*pool)->Acquire();
  ASSERT_THAT(held, IsOk());
  bool ran = false;
  EXPECT_THAT(Transact(**pool, {},
                       [&](Tx&) {
                         ran = true;
                         return absl::OkStatus();
                       }),
              StatusIs(absl::StatusCode::kResourceExhausted));
  EXPECT_FALSE(ran);
}

TEST(PoolTest, WaitingCallerGetsTheConnectionWhenItIsReturned) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 1, absl::Seconds(2)));
  ASSERT_THAT(pool, IsOk());
  auto held = (*pool)->Acquire();
  ASSERT_THAT(held, IsOk());
  const int pid = BackendPid(*held);

  absl::StatusOr<int> waiter_pid = absl::UnknownError("not run");
  std::thread waiter([&] {
    auto lease = (*pool)->Acquire();
    if (!lease.ok()) {
      waiter_pid = lease.status();
      return;
    }
    waiter_pid = BackendPid(*lease);
  });
  absl::SleepFor(absl::Milliseconds(50));
  { auto returned = std::move(*held); }
  waiter.join();
  EXPECT_THAT(waiter_pid, fhub::testing::IsOkAndHolds(pid));
}

TEST(PoolTest, DiscardedConnectionIsClosedAndReplaced) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 1, absl::Milliseconds(200)));
  ASSERT_THAT(pool, IsOk());
  int pid = 0;
  {
    auto lease = (*pool)->Acquire();
    ASSERT_THAT(lease, IsOk());
    pid = BackendPid(*lease);
    lease->Discard();
  }
  EXPECT_EQ((*pool)->open_connections(), 0);
  auto lease = (*pool)->Acquire();
  ASSERT_THAT(lease, IsOk());
  EXPECT_NE(BackendPid(*lease), pid);
  EXPECT_EQ((*pool)->open_connections(), 1);
}

TEST(PoolTest, BrokenConnectionIsNotReturnedToThePool) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 1, absl::Milliseconds(200)));
  ASSERT_THAT(pool, IsOk());
  int pid = 0;
  {
    auto lease = (*pool)->Acquire();
    ASSERT_THAT(lease, IsOk());
    pid = BackendPid(*lease);
    TerminateBackend(pid);
    // The caller finds out, but forgets to Discard().
    EXPECT_THROW(BackendPid(*lease), pqxx::broken_connection);
  }
  EXPECT_EQ((*pool)->open_connections(), 0);
  auto lease = (*pool)->Acquire();
  ASSERT_THAT(lease, IsOk());
  EXPECT_NE(BackendPid(*lease), pid);
}

TEST(PoolTest, TransactRecoversFromAConnectionKilledWhileIdle) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 1, absl::Milliseconds(200)));
  ASSERT_THAT(pool, IsOk());
  int old_pid = 0;
  {
    auto lease = (*pool)->Acquire();
    ASSERT_THAT(lease, IsOk());
    old_pid = BackendPid(*lease);
  }
  TerminateBackend(old_pid);

  int new_pid = 0;
  EXPECT_THAT(Transact(**pool, {},
                       [&](Tx& tx) {
                         new_pid =
                             tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
                         return absl::OkStatus();
                       }),
              IsOk());
  EXPECT_NE(new_pid, 0);
  EXPECT_NE(new_pid, old_pid);
  EXPECT_EQ((*pool)->open_connections(), 1);
  EXPECT_EQ((*pool)->idle_connections(), 1);
}

TEST(PoolTest, AcquireIsUnavailableWhileTheDatabaseRefusesAndThenRecovers) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 2, absl::Milliseconds(200)));
  ASSERT_THAT(pool, IsOk());
  auto held = (*pool)->Acquire();  // The second lease must open anew.
  ASSERT_THAT(held, IsOk());
  const std::string& admin = fhub::testing::AdminDsn();
  fhub::testing::ExecAdmin(admin,
                           absl::StrCat("ALTER DATABASE ", database.name(),
                                        " ALLOW_CONNECTIONS false"));
  EXPECT_THAT((*pool)->Acquire(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ((*pool)->open_connections(), 1);  // The failed slot is freed.
  fhub::testing::ExecAdmin(admin,
                           absl::StrCat("ALTER DATABASE ", database.name(),
                                        " ALLOW_CONNECTIONS true"));
  EXPECT_THAT((*pool)->Acquire(), IsOk());
}

TEST(PoolTest, ConnectionsCarryTheSessionSettings) {
  ScratchDatabase database;
  fhub::testing::Exec(database.dsn(),
                      "CREATE SCHEMA svc; CREATE TABLE svc.marker (x int);"
                      "INSERT INTO svc.marker VALUES (42)");
  PoolOptions options = Options(database, 1, absl::Seconds(1));
  options.search_path = "svc";
  options.statement_timeout = absl::Milliseconds(1500);
  options.statements = {{"read_marker", "SELECT x FROM marker"}};
  auto pool = Pool::Create(options);
  ASSERT_THAT(pool, IsOk());
  auto lease = (*pool)->Acquire();
  ASSERT_THAT(lease, IsOk());
  pqxx::nontransaction tx(lease->connection());
  EXPECT_EQ(tx.exec_prepared1("read_marker")[0].as<int>(), 42);
  EXPECT_EQ(tx.exec1("SHOW statement_timeout")[0].as<std::string>(), "1500ms");
  EXPECT_EQ(tx.exec1("SHOW TimeZone")[0].as<std::string>(), "UTC");
}

TEST(PoolTest, StatementTimeoutIsDeadlineExceeded) {
  ScratchDatabase database;
  PoolOptions options = Options(database, 1, absl::Seconds(1));
  options.statement_timeout = absl::Milliseconds(100);
  auto pool = Pool::Create(options);
  ASSERT_THAT(pool, IsOk());
  const absl::Time start = absl::Now();
  EXPECT_THAT(Transact(**pool, {},
                       [](Tx& tx) {
                         tx.exec("SELECT pg_sleep(5)");
                         return absl::OkStatus();
                       }),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  // The connection is still good.
  EXPECT_THAT(Transact(**pool, {},
                       [](Tx& tx) {
                         tx.exec("SELECT 1");
                         return absl::OkStatus();
                       }),
              IsOk());
}

// The rpc's deadline (CallDeadline) bounds the database work done for it.
TEST(PoolTest, ACallsDeadlineEndsItsWaitForAConnection) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 1, absl::Seconds(5)));
  ASSERT_THAT(pool, IsOk());
  auto held = (*pool)->Acquire();
  ASSERT_THAT(held, IsOk());
  const CallDeadline deadline(absl::Now() + absl::Milliseconds(150));
  const absl::Time start = absl::Now();
  bool ran = false;
  EXPECT_THAT(Transact(**pool, {},
                       [&](Tx&) {
                         ran = true;
                         return absl::OkStatus();
                       }),
              StatusIs(absl::StatusCode::kDeadlineExceeded,
                       HasSubstr("waited for a database connection")));
  EXPECT_FALSE(ran);
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  EXPECT_EQ((*pool)->stats().out_of_time, 1u);
  EXPECT_EQ((*pool)->stats().exhausted, 0u);
}

TEST(PoolTest, ACallsDeadlineCutsAStatementShort) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 1, absl::Seconds(1)));
  ASSERT_THAT(pool, IsOk());
  const absl::Time start = absl::Now();
  {
    const CallDeadline deadline(absl::Now() + absl::Milliseconds(300));
    EXPECT_THAT(Transact(**pool, {},
                         [&](Tx& tx) {
                           tx.exec("SELECT pg_sleep(5)");
                           return absl::OkStatus();
                         }),
                StatusIs(absl::StatusCode::kDeadlineExceeded));
  }
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  // The connection is back, with the pool's own limit again.
  EXPECT_THAT(
      Transact(**pool, {},
               [&](Tx& tx) {
                 EXPECT_EQ(
                     tx.exec1("SHOW statement_timeout")[0].as<std::string>(),
                     "10s");
                 return absl::OkStatus();
               }),
      IsOk());
}

TEST(PoolTest, WorkAfterTheDeadlineDoesNotStart) {
  ScratchDatabase database;
  auto pool = Pool::Create(Options(database, 1, absl::Seconds(1)));
  ASSERT_THAT(pool, IsOk());
  const CallDeadline deadline(absl::Now() - absl::Milliseconds(1));
  bool ran = false;
  EXPECT_THAT(Transact(**pool, {},
                       [&](Tx&) {
                         ran = true;
                         return absl::OkStatus();
                       }),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_FALSE(ran);
}

TEST(PoolTest, DeadlinesNestAndEnd) {
  EXPECT_EQ(CallDeadline::Current(), absl::InfiniteFuture());
  const absl::Time outer = absl::Now() + absl::Seconds(5);
  {
    const CallDeadline a(outer);
    {
      const CallDeadline b(std::chrono::system_clock::time_point::max());
      EXPECT_EQ(CallDeadline::Current(), absl::InfiniteFuture());
    }
    EXPECT_EQ(CallDeadline::Current(), outer);
  }
  EXPECT_EQ(CallDeadline::Current(), absl::InfiniteFuture());
}

}  // namespace
}  // namespace fhub::db
