#include "common/db/transaction.h"

#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/transaction>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/errors.h"
#include "common/log.h"

namespace fhub::db {
namespace {

enum class Outcome { kDone, kRetry };

template <pqxx::isolation_level kLevel>
absl::Status RunOnce(pqxx::connection& connection,
                     const std::function<absl::Status(Tx&)>& body) {
  pqxx::transaction<kLevel> tx(connection);
  absl::Status status = body(tx);
  if (!status.ok()) {
    tx.abort();
    return status;
  }
  tx.commit();
  return absl::OkStatus();
}

absl::Status RunOnce(Isolation isolation, pqxx::connection& connection,
                     const std::function<absl::Status(Tx&)>& body) {
  switch (isolation) {
    case Isolation::kRepeatableRead:
      return RunOnce<pqxx::repeatable_read>(connection, body);
    case Isolation::kSerializable:
      return RunOnce<pqxx::serializable>(connection, body);
    case Isolation::kReadCommitted:
      break;
  }
  return RunOnce<pqxx::read_committed>(connection, body);
}

void Backoff(int attempt) {
  thread_local std::minstd_rand random(std::random_device{}());
  const int64_t cap_ms = int64_t{5} << attempt;
  absl::SleepFor(absl::Milliseconds(
      std::uniform_int_distribution<int64_t>(1, cap_ms)(random)));
}

}  // namespace

absl::Status Transact(Pool& pool, const TxOptions& options,
                      const std::function<absl::Status(Tx&)>& body) {
  absl::Status last;
  for (int attempt = 1; attempt <= options.max_attempts; ++attempt) {
    auto lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    try {
      return RunOnce(options.isolation, lease->connection(), body);
    } catch (const pqxx::in_doubt_error& e) {
      lease->Discard();
      return StatusFromException(e, options.name);
    } catch (const pqxx::broken_connection& e) {
      // Nothing was committed: safe to run again on a fresh connection.
      lease->Discard();
      last = StatusFromException(e, options.name);
    } catch (const pqxx::serialization_failure& e) {
      last = StatusFromException(e, options.name);
    } catch (const pqxx::deadlock_detected& e) {
      last = StatusFromException(e, options.name);
    } catch (const pqxx::sql_error& e) {
      absl::Status status = StatusFromException(e, options.name);
      if (status.code() == absl::StatusCode::kUnavailable) lease->Discard();
      if (status.code() == absl::StatusCode::kInternal) {
        log::Error("db.error", {{"work", options.name},
                                {"sqlstate", e.sqlstate()},
                                {"error", e.what()}});
      }
      return status;
    } catch (const std::exception& e) {
      lease->Discard();
      log::Error("db.error", {{"work", options.name}, {"error", e.what()}});
      return StatusFromException(e, options.name);
    }
    log::Info("db.retry", {{"work", options.name},
                           {"attempt", attempt},
                           {"reason", last.message()}});
    if (attempt < options.max_attempts) Backoff(attempt);
  }
  return last;
}

}  // namespace fhub::db
