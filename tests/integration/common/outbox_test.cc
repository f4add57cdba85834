// The outbox of V002/V003 against a real PostgreSQL: events are appended
// with no lock another writer waits for, and a follower sees every
// committed event once, in an order that respects commits, resuming
// exactly where it stopped.

#include <atomic>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/db/outbox.h"
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

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override { database_.Migrate("svc", "lots", {}); }

  std::unique_ptr<Pool> NewPool(int size) {
    PoolOptions options;
    options.dsn = database_.dsn();
    options.size = size;
    options.search_path = "svc";
    options.statements = OutboxStatements();
    auto pool = Pool::Create(options);
    EXPECT_THAT(pool, IsOk());
    return pool.ok() ? *std::move(pool) : nullptr;
  }

  // Events after `after`, as a follower reads them.
  std::vector<StoredEvent> Read(Pool& pool, int64_t after, int limit = 100) {
    std::vector<StoredEvent> events;
    EXPECT_THAT(Transact(pool, {}, [&](Tx& tx) {
                  events = ReadEvents(tx, after, limit);
                  return absl::OkStatus();
                }),
                IsOk());
    return events;
  }

  // A transaction of its own, outside any pool, that appends `payload`
  // and stays open until committed or dropped.
  struct OpenWriter {
    explicit OpenWriter(const std::string& dsn)
        : connection(dsn), tx(connection) {
      tx.exec("SET search_path TO svc");
    }
    void Append(const std::string& payload) {
      tx.exec_params("INSERT INTO outbox_events (occurred_at, event_type, "
                     "payload) VALUES (now(), 'TEST', $1::text::bytea)",
                     payload);
    }
    pqxx::connection connection;
    pqxx::work tx;
  };

  static std::vector<std::string> Payloads(
      const std::vector<StoredEvent>& events) {
    std::vector<std::string> out;
    for (const StoredEvent& e : events) out.push_back(e.payload);
    return out;
  }

  ScratchDatabase database_;
};

// The case a plain sequence gets wrong: a transaction that started
// writing first but commits last. Its event is not skipped: it is placed
// when it commits, after what a follower has already read.
TEST_F(OutboxTest, AnEventThatCommitsLateIsNotSkipped) {
  auto pool = NewPool(2);
  OpenWriter early(database_.dsn());
  early.Append("early");
  {
    OpenWriter late(database_.dsn());
    late.Append("late");
    late.tx.commit();
  }
  const std::vector<StoredEvent> first = Read(*pool, 0);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].payload, "late");
  EXPECT_EQ(first[0].sequence, 1);
  early.tx.commit();
  const std::vector<StoredEvent> next = Read(*pool, first[0].sequence);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].payload, "early");
  EXPECT_EQ(next[0].sequence, 2);
}

// Order follows commits, not transaction ids: a transaction that began
// first (and so has the older id) but writes its event after seeing
// another's commit is placed after that one, even when both are placed
// together.
TEST_F(OutboxTest, AnEventWrittenAfterSeeingAnotherCommitIsPlacedAfterIt) {
  auto pool = NewPool(2);
  OpenWriter older(database_.dsn());
  older.tx.exec("SELECT pg_current_xact_id()");  // the older id
  {
    OpenWriter created(database_.dsn());
    created.Append("created");
    created.tx.commit();
  }
  older.Append("depends on created");
  older.tx.commit();
  EXPECT_THAT(Payloads(Read(*pool, 0)),
              ElementsAre("created", "depends on created"));
}

// A transaction that rolls back leaves no event and no hole in the places.
TEST_F(OutboxTest, ARolledBackWriterLeavesNoGap) {
  auto pool = NewPool(2);
  {
    OpenWriter aborted(database_.dsn());
    aborted.Append("never");
    OpenWriter kept(database_.dsn());
    kept.Append("kept");
    kept.tx.commit();
    EXPECT_THAT(Payloads(Read(*pool, 0)), ElementsAre("kept"));
  }  // `aborted` rolls back here.
  OpenWriter after(database_.dsn());
  after.Append("after");
  after.tx.commit();
  const std::vector<StoredEvent> events = Read(*pool, 0);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].payload, "kept");
  EXPECT_EQ(events[0].sequence, 1);
  EXPECT_EQ(events[1].payload, "after");
  EXPECT_EQ(events[1].sequence, 2);
}

// Only transactions that wrote events matter: one that holds a
// transaction id open for long, here or in another database of the
// cluster, holds no follower back.
TEST_F(OutboxTest, ALongTransactionThatWritesNoEventHoldsNothingBack) {
  auto pool = NewPool(2);
  pqxx::connection other(database_.dsn());
  pqxx::work long_running(other);
  long_running.exec("SELECT pg_current_xact_id()");  // an id of its own
  OpenWriter writer(database_.dsn());
  writer.Append("served");
  writer.tx.commit();
  EXPECT_THAT(Payloads(Read(*pool, 0)), ElementsAre("served"));
}

// A transaction that reads the outbox does not place its own events
// before it commits; they are placed once it has.
TEST_F(OutboxTest, AWritersOwnEventsWaitForItsCommit) {
  auto pool = NewPool(2);
  ASSERT_THAT(Transact(*pool, {}, [&](Tx& tx) {
                AppendEvent(tx, "TEST", absl::Now(), "mine");
                EXPECT_EQ(LastSequence(tx), 0);
                EXPECT_THAT(ReadEvents(tx, 0, 10), IsEmpty());
                return absl::OkStatus();
              }),
              IsOk());
  EXPECT_THAT(Payloads(Read(*pool, 0)), ElementsAre("mine"));
}

// A placed event stays as it is: no second place, no edit, no delete.
TEST_F(OutboxTest, PlacedEventsCannotBeChanged) {
  auto pool = NewPool(2);
  ASSERT_THAT(Transact(*pool, {}, [&](Tx& tx) {
                AppendEvent(tx, "TEST", absl::Now(), "one");
                return absl::OkStatus();
              }),
              IsOk());
  ASSERT_EQ(Read(*pool, 0).size(), 1u);
  for (const char* sql :
       {"UPDATE outbox_events SET sequence = 7",
        "UPDATE outbox_events SET payload = 'x'::bytea",
        "DELETE FROM outbox_events"}) {
    EXPECT_THAT(Transact(*pool, {}, [&](Tx& tx) {
                  tx.exec(sql);
                  return absl::OkStatus();
                }),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         HasSubstr("outbox_events is append-only")))
        << sql;
  }
  EXPECT_THAT(Payloads(Read(*pool, 0)), ElementsAre("one"));
}

// Many writers with slow, randomly late commits; a follower reading all
// the while, stopped half way and started again from the last place it
// saw with a pool of its own (a restart). It sees every event exactly
// once, places without a gap, and each writer's events in the order that
// writer committed them.
TEST_F(OutboxTest, FollowerSeesEveryEventOnceUnderConcurrentSlowWriters) {
  constexpr int kWriters = 8;
  constexpr int kPerWriter = 30;
  constexpr int kTotal = kWriters * kPerWriter;
  auto writers_pool = NewPool(kWriters);
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      std::mt19937 random(w);
      std::uniform_int_distribution<int> sleep_ms(0, 25);
      for (int n = 0; n < kPerWriter; ++n) {
        absl::Status status = Transact(*writers_pool, {}, [&](Tx& tx) {
          // Two events a change, as the services often emit.
          AppendEvents(tx, absl::Now(),
                       {{"TEST", absl::StrCat(w, ":", n, ":a")},
                        {"TEST", absl::StrCat(w, ":", n, ":b")}});
          // A slow commit: others that started later commit first.
          tx.exec(absl::StrCat("SELECT pg_sleep(", sleep_ms(random) / 1000.0,
                               ")"));
          return absl::OkStatus();
        });
        if (!status.ok()) ++failures;
      }
    });
  }

  std::vector<StoredEvent> seen;
  int64_t after = 0;
  auto follow = [&](Pool& pool, size_t until) {
    while (seen.size() < until) {
      const std::vector<StoredEvent> batch = Read(pool, after, 17);
      for (const StoredEvent& e : batch) {
        seen.push_back(e);
        after = e.sequence;
      }
      if (batch.empty()) absl::SleepFor(absl::Milliseconds(5));
      if (::testing::Test::HasFailure()) return;
    }
  };
  {
    auto first = NewPool(1);
    follow(*first, kTotal);  // 2 events a change: half the changes.
  }
  {
    auto restarted = NewPool(1);
    follow(*restarted, 2 * kTotal);
  }
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  // Nothing more once every writer is done.
  auto after_all = NewPool(1);
  EXPECT_THAT(Read(*after_all, after), IsEmpty());

  ASSERT_EQ(seen.size(), static_cast<size_t>(2 * kTotal));
  std::set<std::string> payloads;
  std::map<int, int> next_change;  // per writer
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].sequence, static_cast<int64_t>(i) + 1) << "a gap";
    EXPECT_TRUE(payloads.insert(seen[i].payload).second)
        << "seen twice: " << seen[i].payload;
    std::vector<std::string> parts = absl::StrSplit(seen[i].payload, ':');
    ASSERT_EQ(parts.size(), 3u);
    int w = 0, n = 0;
    ASSERT_TRUE(absl::SimpleAtoi(parts[0], &w));
    ASSERT_TRUE(absl::SimpleAtoi(parts[1], &n));
    // A change's two events together, and changes in commit order.
    if (parts[2] == "a") {
      EXPECT_EQ(n, next_change[w]) << "writer " << w << " out of order";
      ASSERT_LT(i + 1, seen.size());
      EXPECT_EQ(seen[i + 1].payload, absl::StrCat(w, ":", n, ":b"));
      next_change[w] = n + 1;
    }
  }
  for (int w = 0; w < kWriters; ++w) EXPECT_EQ(next_change[w], kPerWriter);
}

// Events of a transaction that commits while the follower is between two
// reads are read next; the follower's position is all it needs.
TEST_F(OutboxTest, LastSequenceThenReadMissesNothing) {
  auto pool = NewPool(2);
  ASSERT_THAT(Transact(*pool, {}, [&](Tx& tx) {
                AppendEvent(tx, "TEST", absl::Now(), "before");
                return absl::OkStatus();
              }),
              IsOk());
  int64_t position = 0;
  ASSERT_THAT(Transact(*pool, {}, [&](Tx& tx) {
                position = LastSequence(tx);
                return absl::OkStatus();
              }),
              IsOk());
  EXPECT_EQ(position, 1);
  ASSERT_THAT(Transact(*pool, {}, [&](Tx& tx) {
                AppendEvent(tx, "TEST", absl::Now(), "after");
                return absl::OkStatus();
              }),
              IsOk());
  EXPECT_THAT(Payloads(Read(*pool, position)), ElementsAre("after"));
}

}  // namespace
}  // namespace fhub::db
