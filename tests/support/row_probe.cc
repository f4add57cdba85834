#include "tests/support/row_probe.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

namespace fhub::testing {
namespace {

absl::Status Run(db::Pool& pool, const std::function<void(db::Tx&)>& body) {
  db::TxOptions options;
  options.max_attempts = 1;
  return db::Transact(pool, options, [&](db::Tx& tx) {
    body(tx);
    return absl::OkStatus();
  });
}

}  // namespace

void InTx(db::Pool& pool, const std::function<void(db::Tx&)>& body) {
  const absl::Status status = Run(pool, body);
  EXPECT_TRUE(status.ok()) << status;
}

int VisibleRows(db::Pool& pool, const std::string& table) {
  int n = -1;
  InTx(pool, [&](db::Tx& tx) {
    n = tx.exec1("SELECT count(*) FROM " + table)[0].as<int>();
  });
  return n;
}

int UpdatedRows(db::Pool& pool, const std::string& table,
                const std::string& set) {
  int n = -1;
  InTx(pool, [&](db::Tx& tx) {
    n = static_cast<int>(
        tx.exec("UPDATE " + table + " SET " + set).affected_rows());
  });
  return n;
}

absl::Status ExecInTx(db::Pool& pool, const std::string& sql) {
  return Run(pool, [&](db::Tx& tx) { tx.exec0(sql); });
}

db::RowScope AuthorityRows(const std::string& authority_id) {
  return db::RowScope::Of("authorities/" + authority_id);
}

db::RowScope ProviderRows(const std::string& provider_id) {
  return db::RowScope::Of("providers/" + provider_id);
}

}  // namespace fhub::testing
