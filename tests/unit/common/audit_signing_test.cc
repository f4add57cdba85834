// The audit checkpoints' cryptography (common/audit_signing.h): the Merkle root
// over the chains' heads and the Ed25519 signature over it.

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "common/audit_signing.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

std::string Hash(char fill) { return std::string(32, fill); }

std::vector<ChainHead> Heads() {
  return {{"authorities/sefton", 4, Hash('a')},
          {"authorities/wirral", 9, Hash('b')},
          {"providers/acme", 1, Hash('c')}};
}

TEST(MerkleRootTest, IsSha256OfTheLeavesAndNodes) {
  // Values computed independently (Python's hashlib): leaf(x) =
  // SHA-256(0x00 || chain || 0x00 || index || 0x00 || hash), two heads give
  // SHA-256(0x01 || leaf(a) || leaf(b)); a third is carried up and joined
  // at the next level.
  std::vector<ChainHead> heads = {{"a", 1, Hash('a')}, {"b", 2, Hash('b')}};
  EXPECT_EQ(absl::BytesToHexString(MerkleRoot(heads)), "d06bb2f06bb55495b1fcd2fa86f23cf46529be4ddc528ddeb9c23d43f516606d");
  heads.push_back({"c", 3, Hash('c')});
  EXPECT_EQ(absl::BytesToHexString(MerkleRoot(heads)), "061dc1efd270fda3e074c0799ba3d2f12534c4a178202cfc4f069956bcfdd65d");
  EXPECT_EQ(absl::BytesToHexString(MerkleRoot({})),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(MerkleRootTest, DoesNotDependOnTheOrderGiven) {
  std::vector<ChainHead> heads = Heads();
  const std::string root = MerkleRoot(heads);
  std::swap(heads[0], heads[2]);
  EXPECT_EQ(MerkleRoot(heads), root);
}

TEST(MerkleRootTest, ChangesWithAnyHead) {
  const std::string root = MerkleRoot(Heads());
  for (size_t i = 0; i < Heads().size(); ++i) {
    std::vector<ChainHead> index = Heads(), hash = Heads(), chain = Heads();
    ++index[i].index;
    hash[i].hash[7] ^= 1;
    chain[i].chain += "x";
    EXPECT_NE(MerkleRoot(index), root) << i;
    EXPECT_NE(MerkleRoot(hash), root) << i;
    EXPECT_NE(MerkleRoot(chain), root) << i;
  }
  std::vector<ChainHead> fewer = Heads();
  fewer.pop_back();
  EXPECT_NE(MerkleRoot(fewer), root);
}

TEST(MerkleRootTest, LeavesCannotPassForNodes) {
  // A chain named so that its leaf's input looks like an inner node's would
  // still hash with a different prefix.
  std::vector<ChainHead> one = {{"a", 1, Hash('a')}};
  std::vector<ChainHead> two = {{"a", 1, Hash('a')}, {"a", 1, Hash('a')}};
  EXPECT_NE(MerkleRoot(one), MerkleRoot(two));
}

TEST(AuditSignerTest, SignaturesVerifyWithThePublicKeyOnly) {
  const AuditSigner signer = AuditSigner::Generate();
  ASSERT_EQ(signer.public_key().size(), 32u);
  const std::string root = MerkleRoot(Heads());
  const std::string signature = signer.Sign(root);
  ASSERT_EQ(signature.size(), 64u);
  EXPECT_TRUE(VerifyAuditSignature(signer.public_key(), root, signature));

  std::string other_root = root;
  other_root[0] ^= 1;
  EXPECT_FALSE(VerifyAuditSignature(signer.public_key(), other_root, signature));
  std::string bent = signature;
  bent[10] ^= 1;
  EXPECT_FALSE(VerifyAuditSignature(signer.public_key(), root, bent));
  EXPECT_FALSE(VerifyAuditSignature(AuditSigner::Generate().public_key(), root,
                                    signature));
  EXPECT_FALSE(VerifyAuditSignature("short", root, signature));
  EXPECT_FALSE(VerifyAuditSignature(signer.public_key(), root, "short"));
}

// Made with: openssl genpkey -algorithm ed25519
constexpr char kPem[] = R"(-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIIVHpUhcDfqu2UVWvcnlweDqo1t7UqCPCIPGdP/gDPYq
-----END PRIVATE KEY-----
)";

TEST(AuditSignerTest, ReadsAnEd25519KeyInPem) {
  auto a = AuditSigner::FromPem(kPem);
  auto b = AuditSigner::FromPem(kPem);
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  EXPECT_EQ(a->public_key(), b->public_key());
  EXPECT_TRUE(VerifyAuditSignature(b->public_key(), "m", a->Sign("m")));
}

TEST(AuditSignerTest, RefusesWhatIsNotAnEd25519Key) {
  EXPECT_THAT(AuditSigner::FromPem("not a key"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("Ed25519 private key in PEM")));
  // An EC P-256 key (openssl genpkey -algorithm EC -pkeyopt
  // ec_paramgen_curve:P-256).
  constexpr char kEcPem[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgl0weqGPFZ1GuBNgQ
nE3EhlBDO0VKiuCLr7hCbbzOEgihRANCAATf4Mv0/Tao9rB0Pa0gzeye4VkPW6YU
B/C8kAc574XLMiZ/CXd5aY4uiBzpXeDhLWFcKkLAMkmi/rvejhx9xUq3
-----END PRIVATE KEY-----
)";
  EXPECT_THAT(AuditSigner::FromPem(kEcPem),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace fhub
