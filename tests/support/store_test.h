#pragma once

// A fixture for a service's storage over a freshly migrated scratch
// PostgreSQL: Open() migrates the schema and opens a pool (TestPool), and
// In() runs a step in a committed transaction of its own, with every row in
// reach (common/db/row_scope.h).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "common/db/migrations.h"
#include "common/db/pool.h"
#include "common/db/row_scope.h"
#include "common/db/transaction.h"
#include "gtest/gtest.h"
#include "tests/support/grpc_harness.h"
#include "tests/support/test_database.h"

namespace fhub::testing {

class StoreTest : public ::testing::Test {
 protected:
  // Migrates `schema` with `migrations` (component `schema`) and opens the
  // pool with `search_path` and `statements`.
  void Open(const std::string& schema,
            const std::vector<db::MigrationFile>& migrations,
            const std::string& search_path,
            std::vector<db::PreparedStatement> statements) {
    database_.Migrate(schema, schema, migrations);
    pool_ = TestPool(database_.dsn(), search_path, std::move(statements));
    ASSERT_NE(pool_, nullptr);
  }

  // Runs `f(tx)` in a committed transaction and returns what it returned
  // (or the transaction's own error).
  template <typename F>
  auto In(F f) {
    using Result = decltype(f(std::declval<db::Tx&>()));
    Result result = absl::UnknownError("not run");
    absl::Status status = db::Transact(*pool_, {}, [&](db::Tx& tx) {
      result = f(tx);
      return absl::OkStatus();
    });
    return status.ok() ? result : Result(status);
  }

  ScratchDatabase database_;
  std::unique_ptr<db::Pool> pool_;
  // What the storage does, not what row-level security hides (each
  // service's RowSecurityTest): every row in reach on the test's thread.
  const db::ScopedRows rows_{db::RowScope::Everything()};
};

}  // namespace fhub::testing
