#pragma once

// One transaction per unit of work, retried a bounded number of times when
// PostgreSQL reports a serialization failure or deadlock, or when a pooled
// connection turns out to be dead before anything was committed.

#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
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
absl::Status Transact(Pool& pool, const TxOptions& options,
                      const std::function<absl::Status(Tx&)>& body);

}  // namespace fhub::db
