#pragma once

// The cryptography of the audit checkpoints (common/db/audit.h), with no
// database: the Merkle root over the chains' heads and the Ed25519 key
// that signs it. The client checks a checkpoint it holds with these alone,
// outside the database whose history it vouches for.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub {

// The service's audit key (Ed25519).
class AuditSigner {
 public:
  // A PEM private key (openssl genpkey -algorithm ed25519).
  static absl::StatusOr<AuditSigner> FromPem(absl::string_view pem);
  // A key made now, for as long as the process runs.
  static AuditSigner Generate();

  std::string Sign(absl::string_view message) const;
  // The raw 32-byte public key.
  const std::string& public_key() const { return public_key_; }

 private:
  std::string private_raw_;
  std::string public_key_;
};

// Whether `signature` is `public_key`'s Ed25519 signature of `message`.
bool VerifyAuditSignature(absl::string_view public_key,
                          absl::string_view message,
                          absl::string_view signature);

struct ChainHead {
  std::string chain;
  int64_t index = 0;
  std::string hash;  // 32 bytes
};

// The Merkle root over `heads` (sorted by chain here): leaves
// SHA-256(0x00 || chain || 0x00 || index || 0x00 || hash), nodes
// SHA-256(0x01 || left || right), an odd node carried up; the root of no
// heads is SHA-256 of nothing.
std::string MerkleRoot(std::vector<ChainHead> heads);

}  // namespace fhub
