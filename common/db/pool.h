#pragma once

// A bounded pool of PostgreSQL connections. A connection serves one thread at
// a time (libpqxx has no locks); statements are prepared once per connection;
// a caller waits at most `wait_limit` for a free connection and then gets
// RESOURCE_EXHAUSTED instead of hanging. A lost connection is dropped and
// replaced on a later call, so the pool recovers when the database returns.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace pqxx {
template <typename ConnectPolicy>
class basic_connection_base;
class connect_direct;
using connection = basic_connection_base<connect_direct>;
}  // namespace pqxx

namespace fhub::db {

// A named SQL statement, declared as a constant in a service's
// storage/queries.h: constexpr Query kFindFramework{"find_framework", "..."};
struct Query {
  const char* name;
  const char* sql;
};

// A statement prepared on every connection under `name`.
struct PreparedStatement {
  PreparedStatement(std::string n, std::string s)
      : name(std::move(n)), sql(std::move(s)) {}
  PreparedStatement(const Query& query)  // NOLINT: a Query is a statement.
      : name(query.name), sql(query.sql) {}
  std::string name;
  std::string sql;
};

struct PoolOptions {
  // libpq connection string or URI.
  std::string dsn;
  // Most connections open at once.
  int size = 6;
  // Longest a caller waits for a free connection.
  absl::Duration wait_limit = absl::Seconds(1);
  // Longest a single statement may run (statement_timeout).
  absl::Duration statement_timeout = absl::Seconds(10);
  // The schema unqualified names resolve to, e.g. "frameworks".
  std::string search_path;
  // Statements prepared on every connection.
  std::vector<PreparedStatement> statements;
};

class Pool {
 public:
  // A connection on loan to one thread; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    pqxx::connection& connection() { return *connection_; }
    // The connection is broken or in an unknown state: close it rather than
    // return it to the pool.
    void Discard() { discard_ = true; }

   private:
    friend class Pool;
    Lease(Pool* pool, std::unique_ptr<pqxx::connection> connection);

    Pool* pool_;
    std::unique_ptr<pqxx::connection> connection_;
    bool discard_ = false;
  };

  // Creates a pool and opens one connection to prove the DSN works:
  // UNAVAILABLE if the database cannot be reached.
  static absl::StatusOr<std::unique_ptr<Pool>> Create(PoolOptions options);

  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool();

  // Lends a connection: RESOURCE_EXHAUSTED when every connection stays busy
  // for the wait limit, DEADLINE_EXCEEDED when `call_deadline` comes first,
  // UNAVAILABLE when a new connection cannot be opened.
  absl::StatusOr<Lease> Acquire(absl::Time call_deadline = absl::InfiniteFuture());

  const PoolOptions& options() const { return options_; }
  // Connections open now (idle or on loan).
  int open_connections() const;
  // Connections open and idle now.
  int idle_connections() const;

  // What the pool has done since it was made, for metrics.
  struct Stats {
    int size = 0;          // most connections
    int open = 0;          // open now, idle or on loan
    int in_use = 0;        // on loan now (or being opened)
    int waiters = 0;       // callers waiting for a connection now
    uint64_t acquired = 0;   // loans made
    uint64_t exhausted = 0;  // callers who gave up (RESOURCE_EXHAUSTED)
    uint64_t out_of_time = 0;  // callers whose deadline came first
    double wait_seconds = 0; // time callers spent waiting, in all
  };
  Stats stats() const;

 private:
  explicit Pool(PoolOptions options);
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Open() const;
  void Return(std::unique_ptr<pqxx::connection> connection, bool discard);

  const PoolOptions options_;
  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  int waiters_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t acquired_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t exhausted_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t out_of_time_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Duration waited_ ABSL_GUARDED_BY(mu_);
};

}  // namespace fhub::db
