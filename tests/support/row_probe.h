#pragma once

// Probes of row-level security for the stores' tests: what a transaction
// of a service's pool, in the calling thread's row scope
// (common/db/row_scope.h), sees and changes of a table, with no rpc's
// checks in front of it.

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "common/db/pool.h"
#include "common/db/row_scope.h"
#include "common/db/transaction.h"

namespace fhub::testing {

// Runs `body` in one transaction of `pool` (one attempt); fails the test
// if the transaction does not commit.
void InTx(db::Pool& pool, const std::function<void(db::Tx&)>& body);

// Rows of `table` the current scope sees.
int VisibleRows(db::Pool& pool, const std::string& table);

// Rows of `table` that `UPDATE table SET <set>` in the current scope
// reaches.
int UpdatedRows(db::Pool& pool, const std::string& table,
                const std::string& set);

// The status of running `sql` alone in one transaction of `pool`.
absl::Status ExecInTx(db::Pool& pool, const std::string& sql);

db::RowScope AuthorityRows(const std::string& authority_id);
db::RowScope ProviderRows(const std::string& provider_id);

}  // namespace fhub::testing
