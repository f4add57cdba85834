#include "common/db/pool.h"

#include <algorithm>
#include <pqxx/connection>
#include <pqxx/except>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/errors.h"
#include "common/db/transaction.h"
#include "common/log.h"

namespace fhub::db {

Pool::Lease::Lease(Pool* pool, std::unique_ptr<pqxx::connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

Pool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_),
      connection_(std::move(other.connection_)),
      discard_(other.discard_) {
  other.pool_ = nullptr;
}

Pool::Lease::~Lease() {
  if (pool_ != nullptr && connection_ != nullptr) {
    pool_->Return(std::move(connection_), discard_);
  }
}

Pool::Pool(PoolOptions options) : options_(std::move(options)) {}

Pool::~Pool() = default;

absl::StatusOr<std::unique_ptr<Pool>> Pool::Create(PoolOptions options) {
  if (options.size < 1) {
    return absl::InvalidArgumentError("pool size must be at least 1");
  }
  std::unique_ptr<Pool> pool(new Pool(std::move(options)));
  auto first = pool->Open();
  if (!first.ok()) return first.status();
  absl::MutexLock lock(&pool->mu_);
  pool->idle_.push_back(*std::move(first));
  pool->open_ = 1;
  return pool;
}

absl::StatusOr<std::unique_ptr<pqxx::connection>> Pool::Open() const {
  try {
    auto connection = std::make_unique<pqxx::connection>(options_.dsn);
    connection->set_variable(
        "statement_timeout",
        absl::StrCat(absl::ToInt64Milliseconds(options_.statement_timeout)));
    connection->set_variable("TimeZone", "'UTC'");
    connection->set_variable("DateStyle", "ISO");
    // Each prepared statement is planned once per connection, not on every
    // run: row-level security's policies tripled the planning time of a
    // custom plan (0.16 to 0.55 ms for an invitation read), and PostgreSQL
    // kept choosing custom plans. Measured in bench/run-referrals-cycle.sh
    // (README, Row-level security).
    connection->set_variable("plan_cache_mode", "force_generic_plan");
    if (!options_.search_path.empty()) {
      connection->set_variable("search_path", options_.search_path);
    }
    connection->prepare(kPreludeStatement.name, kPreludeStatement.sql);
    for (const PreparedStatement& statement : options_.statements) {
      connection->prepare(statement.name, statement.sql);
    }
    return connection;
  } catch (const std::exception& e) {
    log::Warning("db.connect_failed", {{"error", e.what()}});
    return absl::UnavailableError("database unavailable: cannot connect");
  }
}

absl::StatusOr<Pool::Lease> Pool::Acquire(absl::Time call_deadline) {
  const absl::Time start = absl::Now();
  const absl::Time deadline =
      std::min(start + options_.wait_limit, call_deadline);
  {
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.size;
    };
    if (!available()) {
      ++waiters_;
      const bool got =
          mu_.AwaitWithDeadline(absl::Condition(&available), deadline);
      --waiters_;
      waited_ += absl::Now() - start;
      if (!got && deadline == call_deadline) {
        ++out_of_time_;
        return absl::DeadlineExceededError(
            "the call's deadline passed while it waited for a database "
            "connection");
      }
      if (!got) {
        ++exhausted_;
        return absl::ResourceExhaustedError(absl::StrCat(
            "database busy: all ", options_.size, " connections in use for ",
            absl::FormatDuration(options_.wait_limit)));
      }
    }
    ++acquired_;
    if (!idle_.empty()) {
      std::unique_ptr<pqxx::connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;  // Reserve the slot; open outside the lock.
  }
  auto connection = Open();
  if (!connection.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    return connection.status();
  }
  return Lease(this, *std::move(connection));
}

void Pool::Return(std::unique_ptr<pqxx::connection> connection, bool discard) {
  if (!discard && !connection->is_open()) discard = true;
  if (discard) {
    connection.reset();  // Close outside the lock.
    absl::MutexLock lock(&mu_);
    --open_;
    return;
  }
  absl::MutexLock lock(&mu_);
  idle_.push_back(std::move(connection));
}

int Pool::open_connections() const {
  absl::MutexLock lock(&mu_);
  return open_;
}

Pool::Stats Pool::stats() const {
  absl::MutexLock lock(&mu_);
  Stats stats;
  stats.size = options_.size;
  stats.open = open_;
  stats.in_use = open_ - static_cast<int>(idle_.size());
  stats.waiters = waiters_;
  stats.acquired = acquired_;
  stats.exhausted = exhausted_;
  stats.out_of_time = out_of_time_;
  stats.wait_seconds = absl::ToDoubleSeconds(waited_);
  return stats;
}

int Pool::idle_connections() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(idle_.size());
}

}  // namespace fhub::db
