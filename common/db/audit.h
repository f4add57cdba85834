#pragma once

// The audit trail's checks and checkpoints (migrations/V003): each
// organisation's records form a hash chain; a checkpoint signs a Merkle
// root over every chain's head with the service's Ed25519 key, so a
// rewrite of history by whoever owns the database shows against any
// checkpoint a member kept. Also the sweep of old idempotency keys.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/audit_signing.h"
#include "common/db/pool.h"

namespace fhub::db {

using ::fhub::AuditSigner;
using ::fhub::ChainHead;
using ::fhub::MerkleRoot;
using ::fhub::VerifyAuditSignature;

struct Checkpoint {
  int64_t id = 0;
  absl::Time made_at;
  std::vector<ChainHead> heads;
  std::string root;
  std::string public_key;
  std::string signature;
};

// Signs the chains' heads as they stand; nothing when no chain moved since
// the last checkpoint (nullopt), or when another replica is writing one.
absl::StatusOr<std::optional<Checkpoint>> WriteCheckpoint(
    Pool& pool, const AuditSigner& signer, absl::Time now);

absl::StatusOr<std::optional<Checkpoint>> LatestCheckpoint(Pool& pool);

struct AuditReport {
  int64_t records = 0;
  int64_t chains = 0;
  int64_t checkpoints = 0;
  std::vector<int64_t> broken_records;
  std::vector<std::string> problems;
  bool intact() const { return broken_records.empty() && problems.empty(); }
};

// Checks every chain, every checkpoint, and `held` (one a member kept),
// against the log as it is.
absl::StatusOr<AuditReport> VerifyAudit(Pool& pool,
                                        const std::optional<Checkpoint>& held);

// Deletes up to `limit` idempotency keys created before `before`; how many.
absl::StatusOr<int64_t> SweepRequestIds(Pool& pool, absl::Time before,
                                        int limit);

// request_ids remembered now (for metrics).
absl::StatusOr<int64_t> CountRequestIds(Pool& pool);

}  // namespace fhub::db
