#include "common/db/audit.h"

#include <pqxx/pqxx>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/db/transaction.h"
#include "common/db/values.h"
#include "common/status_macros.h"

namespace fhub::db {
namespace {

using Json = nlohmann::json;

Json HeadsJson(const std::vector<ChainHead>& heads) {
  Json out = Json::array();
  for (const ChainHead& h : heads) {
    out.push_back({h.chain, h.index, absl::BytesToHexString(h.hash)});
  }
  return out;
}

std::vector<ChainHead> HeadsFrom(const Json& json) {
  std::vector<ChainHead> heads;
  if (!json.is_array()) return heads;
  for (const Json& h : json) {
    if (!h.is_array() || h.size() != 3) continue;
    heads.push_back({h[0].get<std::string>(), h[1].get<int64_t>(),
                     absl::HexStringToBytes(h[2].get<std::string>())});
  }
  return heads;
}

// The heads of every chain, in chain order.
std::vector<ChainHead> ReadHeads(Tx& tx) {
  std::vector<ChainHead> heads;
  for (const pqxx::row& row :
       tx.exec("SELECT chain, last_index, encode(last_hash, 'hex') "
               "FROM audit_chain_heads WHERE last_index > 0 ORDER BY chain")) {
    heads.push_back({row[0].as<std::string>(), row[1].as<int64_t>(),
                     absl::HexStringToBytes(row[2].as<std::string>())});
  }
  return heads;
}

Checkpoint CheckpointFrom(const pqxx::row& row) {
  Checkpoint c;
  c.id = row[0].as<int64_t>();
  c.made_at = absl::FromUnixMicros(row[1].as<int64_t>());
  c.heads = HeadsFrom(Json::parse(row[2].as<std::string>(), nullptr, false));
  c.root = absl::HexStringToBytes(row[3].as<std::string>());
  c.public_key = absl::HexStringToBytes(row[4].as<std::string>());
  c.signature = absl::HexStringToBytes(row[5].as<std::string>());
  return c;
}

constexpr char kCheckpointColumns[] =
    "id, (extract(epoch FROM made_at) * 1000000)::bigint, heads::text, "
    "encode(root, 'hex'), encode(public_key, 'hex'), "
    "encode(signature, 'hex')";

// What is wrong with `c` against the log as `tx` sees it.
void CheckCheckpoint(Tx& tx, const Checkpoint& c, absl::string_view what,
                     std::vector<std::string>* problems) {
  if (MerkleRoot(c.heads) != c.root) {
    problems->push_back(absl::StrCat(what, ": its root does not follow from "
                                           "its heads"));
  }
  if (!VerifyAuditSignature(c.public_key, c.root, c.signature)) {
    problems->push_back(absl::StrCat(what, ": its signature does not hold"));
  }
  for (const ChainHead& head : c.heads) {
    pqxx::result found = tx.exec_params(
        "SELECT encode(hash, 'hex') FROM audit_log "
        "WHERE chain = $1 AND chain_index = $2",
        head.chain, head.index);
    if (found.empty()) {
      problems->push_back(absl::StrCat(what, ": ", head.chain, "'s record ",
                                       head.index, " is gone from the log"));
    } else if (absl::HexStringToBytes(found[0][0].as<std::string>()) !=
               head.hash) {
      problems->push_back(absl::StrCat(what, ": ", head.chain, "'s record ",
                                       head.index,
                                       " is not the record it signed"));
    }
  }
}

}  // namespace

absl::StatusOr<std::optional<Checkpoint>> WriteCheckpoint(
    Pool& pool, const AuditSigner& signer, absl::Time now) {
  std::optional<Checkpoint> written;
  TxOptions options;
  options.name = "audit checkpoint";
  absl::Status status = Transact(pool, options, [&](Tx& tx) -> absl::Status {
    written.reset();
    // One writer of checkpoints at a time, whichever replica it is.
    if (!tx.exec1("SELECT pg_try_advisory_xact_lock(hashtext(current_schema() "
                  "|| '.audit_checkpoint'))")[0]
             .as<bool>()) {
      return absl::OkStatus();
    }
    Checkpoint c;
    c.heads = ReadHeads(tx);
    pqxx::result last = tx.exec(absl::StrCat(
        "SELECT ", kCheckpointColumns,
        " FROM audit_checkpoints ORDER BY id DESC LIMIT 1"));
    if (!last.empty()) {
      const Checkpoint previous = CheckpointFrom(last[0]);
      if (MerkleRoot(previous.heads) == MerkleRoot(c.heads)) {
        return absl::OkStatus();  // nothing moved
      }
    }
    c.made_at = now;
    c.root = MerkleRoot(c.heads);
    c.public_key = signer.public_key();
    c.signature = signer.Sign(c.root);
    c.id = tx.exec_params1(
                 "INSERT INTO audit_checkpoints "
                 "(made_at, heads, root, public_key, signature) "
                 "VALUES ($1::timestamptz, $2::jsonb, decode($3, 'hex'), "
                 "decode($4, 'hex'), decode($5, 'hex')) RETURNING id",
                 SqlTimestamp(now), HeadsJson(c.heads).dump(),
                 absl::BytesToHexString(c.root),
                 absl::BytesToHexString(c.public_key),
                 absl::BytesToHexString(c.signature))[0]
               .as<int64_t>();
    written = std::move(c);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return written;
}

absl::StatusOr<std::optional<Checkpoint>> LatestCheckpoint(Pool& pool) {
  std::optional<Checkpoint> latest;
  TxOptions options;
  options.name = "read audit checkpoint";
  absl::Status status = Transact(pool, options, [&](Tx& tx) -> absl::Status {
    pqxx::result rows = tx.exec(absl::StrCat(
        "SELECT ", kCheckpointColumns,
        " FROM audit_checkpoints ORDER BY id DESC LIMIT 1"));
    latest.reset();
    if (!rows.empty()) latest = CheckpointFrom(rows[0]);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return latest;
}

absl::StatusOr<AuditReport> VerifyAudit(Pool& pool,
                                        const std::optional<Checkpoint>& held) {
  AuditReport report;
  TxOptions options;
  options.name = "verify audit";
  // One consistent view of the whole log.
  options.isolation = Isolation::kRepeatableRead;
  absl::Status status = Transact(pool, options, [&](Tx& tx) -> absl::Status {
    report = AuditReport();
    report.records = tx.exec1("SELECT count(*) FROM audit_log")[0].as<int64_t>();
    report.chains =
        tx.exec1("SELECT count(*) FROM audit_chain_heads")[0].as<int64_t>();
    for (const pqxx::row& row : tx.exec("SELECT audit_chain_breaks()")) {
      report.broken_records.push_back(row[0].as<int64_t>());
    }
    // Records whose chain has no head, or a head behind its newest record.
    for (const pqxx::row& row : tx.exec(
             "SELECT a.chain, max(a.chain_index), h.last_index "
             "FROM audit_log a LEFT JOIN audit_chain_heads h USING (chain) "
             "GROUP BY a.chain, h.last_index "
             "HAVING h.last_index IS DISTINCT FROM max(a.chain_index)")) {
      report.problems.push_back(absl::StrCat(
          row[0].as<std::string>(), "'s head names record ",
          row[2].is_null() ? std::string("none") : row[2].as<std::string>(),
          " but its newest record is ", row[1].as<int64_t>()));
    }
    for (const pqxx::row& row : tx.exec(absl::StrCat(
             "SELECT ", kCheckpointColumns,
             " FROM audit_checkpoints ORDER BY id"))) {
      ++report.checkpoints;
      const Checkpoint c = CheckpointFrom(row);
      CheckCheckpoint(tx, c, absl::StrCat("checkpoint ", c.id),
                      &report.problems);
    }
    if (held.has_value()) {
      CheckCheckpoint(tx, *held, "the checkpoint you hold", &report.problems);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return report;
}

absl::StatusOr<int64_t> SweepRequestIds(Pool& pool, absl::Time before,
                                        int limit) {
  int64_t deleted = 0;
  TxOptions options;
  options.name = "sweep request ids";
  absl::Status status = Transact(pool, options, [&](Tx& tx) -> absl::Status {
    deleted = tx.exec_params(
                    "DELETE FROM idempotency_keys WHERE ctid IN ("
                    "SELECT ctid FROM idempotency_keys "
                    "WHERE created_at < $1::timestamptz LIMIT $2)",
                    SqlTimestamp(before), limit)
                  .affected_rows();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return deleted;
}

absl::StatusOr<int64_t> CountRequestIds(Pool& pool) {
  int64_t count = 0;
  TxOptions options;
  options.name = "count request ids";
  FHUB_RETURN_IF_ERROR(Transact(pool, options, [&](Tx& tx) {
    count = tx.exec1("SELECT count(*) FROM idempotency_keys")[0].as<int64_t>();
    return absl::OkStatus();
  }));
  return count;
}

}  // namespace fhub::db
