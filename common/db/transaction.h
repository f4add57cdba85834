#pragma once

// One transaction per unit of work, retried a bounded number of times when
// PostgreSQL reports a serialization failure or deadlock, or when a pooled
// connection turns out to be dead before anything was committed.

#include <chrono>
#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"

namespace pqxx {
class transaction_base;
}

namespace fhub::db {

// The transaction a unit of work runs in. Storage code runs statements on it;
// code above storage only passes it along.
using Tx = pqxx::transaction_base;

enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };

struct TxOptions {
  Isolation isolation = Isolation::kReadCommitted;
  // Attempts in all, including the first.
  int max_attempts = 4;
  // Names the work in logs and error messages, e.g. "create framework".
  absl::string_view name = "transaction";
};

// Runs `body` in a transaction and commits it if `body` returns OK; any other
// status rolls back and is returned. `body` may run more than once (on
// retry), so it must reset whatever it produces. libpqxx exceptions escaping
// `body` become statuses (see errors.h); after the last attempt a
// serialization failure or deadlock is ABORTED.
//
// Work done for an rpc stops at the rpc's deadline (CallDeadline below):
// the wait for a connection ends there with DEADLINE_EXCEEDED, and each
// statement may run only until then (statement_timeout, set for the
// transaction when the deadline is nearer than the pool's own limit), so a
// call its caller has given up on does not hold a connection others wait
// for.
//
// The transaction sees and changes only the rows of the calling thread's
// row scope (row_scope.h): the database's row-level security is keyed on
// it.
absl::Status Transact(Pool& pool, const TxOptions& options,
                      const std::function<absl::Status(Tx&)>& body);

// A transaction's first statement (prepared on every connection of every
// pool): the row scope's settings and, when $6 is not empty, the
// statement_timeout, all local to the transaction.
inline constexpr Query kPreludeStatement{
    "fhub_transaction_prelude",
    "SELECT set_config('fhub.authority', $1, true), "
    "set_config('fhub.provider', $2, true), "
    "set_config('fhub.framework', $3, true), "
    "set_config('fhub.organisation', $4, true), "
    "set_config('fhub.reach', $5, true), "
    "CASE WHEN $6 = '' THEN '' "
    "ELSE set_config('statement_timeout', $6, true) END"};

// The deadline of the rpc the calling thread serves, while this object
// lives (the services' rpc entry points make one from the ServerContext);
// InfiniteFuture on other threads and outside rpcs.
class CallDeadline {
 public:
  explicit CallDeadline(absl::Time deadline);
  // From a gRPC deadline (time_point::max() for none).
  explicit CallDeadline(std::chrono::system_clock::time_point deadline);
  ~CallDeadline();
  CallDeadline(const CallDeadline&) = delete;
  CallDeadline& operator=(const CallDeadline&) = delete;

  static absl::Time Current();

 private:
  absl::Time previous_;
};

}  // namespace fhub::db
