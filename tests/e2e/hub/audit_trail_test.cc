// The audit trail as deployed: fhub-frameworks as its own process with an
// audit key file, signing a checkpoint every second; the checkpoint handed
// out by GetLatestCheckpoint and kept, the log verified through
// fhub.common.v1.AuditService and through `fhub audit verify`, the wrong
// callers refused; then the newest records deleted and the chain's head
// set back by the database's owner, which the held checkpoint shows.

#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <fstream>
#include <pqxx/pqxx>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/audit_signing.h"
#include "fhub/common/v1/audit.grpc.pb.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/e2e/hub/hub_processes.h"
#include "tests/support/grpc_matchers.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/hub_story.h"

namespace fhub {
namespace {

using testing::GrpcIs;
using testing::GrpcOk;
using ::testing::HasSubstr;
namespace av1 = ::fhub::common::v1;

// openssl genpkey -algorithm ed25519
constexpr char kAuditKey[] = R"(-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIIVHpUhcDfqu2UVWvcnlweDqo1t7UqCPCIPGdP/gDPYq
-----END PRIVATE KEY-----
)";

absl::Time MadeAt(const av1::AuditCheckpoint& c) {
  return absl::FromUnixSeconds(c.make_time().seconds()) +
         absl::Nanoseconds(c.make_time().nanos());
}

class AuditTrailTest : public HubProcessesTest {
 protected:
  grpc::Status Latest(const std::string& token, av1::AuditCheckpoint* out) {
    grpc::ClientContext context;
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    return audit_->GetLatestCheckpoint(&context, {}, out);
  }

  grpc::Status Verify(const std::string& token,
                      const av1::VerifyAuditRequest& request,
                      av1::AuditReport* out) {
    grpc::ClientContext context;
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    return audit_->VerifyAudit(&context, request, out);
  }

  // `fhub audit verify frameworks` with `flags`: its exit code and output.
  std::pair<int, std::string> Cli(const std::string& token,
                                  const std::string& flags) {
    const std::string out = absl::StrCat(cluster_dir_, "/cli.out");
    const int status = std::system(
        absl::StrCat(FHUB_BINARY_DIR, "/tools/fhub/fhub --addr=",
                     Address("frameworks"), " --token=", token,
                     " audit verify frameworks ", flags, " >", out, " 2>&1")
            .c_str());
    std::ifstream in(out);
    std::string text((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
  }

  std::unique_ptr<av1::AuditService::Stub> audit_;
};

TEST_F(AuditTrailTest, CheckpointsAreSignedKeptAndShowARewrittenHistory) {
  StartCluster();
  const std::string key_file = absl::StrCat(cluster_dir_, "/audit-key.pem");
  std::ofstream(key_file) << kAuditKey;
  Start("frameworks", "fhub.frameworks.v1.FrameworkService",
        {{"FHUB_AUDIT_KEY_FILE", key_file},
         {"FHUB_AUDIT_CHECKPOINT_SECONDS", "1"}});
  ASSERT_TRUE(WaitServing("frameworks")) << processes_["frameworks"].child->Output();
  auto frameworks =
      frameworks::v1::FrameworkService::NewStub(Channel("frameworks"));
  audit_ = av1::AuditService::NewStub(Channel("frameworks"));
  const std::string hub = Token("services/hub", {Role::kHubAdmin});
  ASSERT_THAT(
      testing::SetUpNorthWest(*frameworks, hub,
                              Token("authorities/tameside", {Role::kLeadAdmin}),
                              [this] { return NextRequestId(); }),
      GrpcOk());
  const absl::Time set_up = absl::Now();

  // A member keeps the newest checkpoint once it covers the set-up.
  const std::string sefton = Token("authorities/sefton", {Role::kCommissioner});
  av1::AuditCheckpoint held;
  for (int i = 0; i < 100; ++i) {
    held.Clear();
    if (Latest(sefton, &held).ok() &&
        MadeAt(held) > set_up) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_GT(MadeAt(held), set_up)
      << held.ShortDebugString();
  ASSERT_GE(held.heads_size(), 2) << held.ShortDebugString();
  auto signer = AuditSigner::FromPem(kAuditKey);
  ASSERT_TRUE(signer.ok());
  EXPECT_EQ(held.public_key(), signer->public_key());
  std::vector<ChainHead> heads;
  for (const av1::ChainHead& h : held.heads()) {
    heads.push_back({h.chain(), h.index(), h.hash()});
  }
  EXPECT_EQ(held.root(), MerkleRoot(heads));
  EXPECT_TRUE(
      VerifyAuditSignature(held.public_key(), held.root(), held.signature()));

  // The wrong callers.
  av1::AuditCheckpoint ignored;
  EXPECT_THAT(Latest("", &ignored), GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(
      Latest(Token("providers/bootle-house", {Role::kProviderUser}), &ignored),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  av1::AuditReport report;
  EXPECT_THAT(Verify(sefton, {}, &report),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED,
                     "AUDITOR and HUB_ADMIN"));
  av1::VerifyAuditRequest bad;
  bad.mutable_held()->set_public_key("short");
  const std::string auditor = Token("services/hub", {Role::kAuditor});
  EXPECT_THAT(Verify(auditor, bad, &report),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "held"));

  // Intact, with and without the held checkpoint.
  av1::VerifyAuditRequest with_held;
  *with_held.mutable_held() = held;
  ASSERT_THAT(Verify(auditor, with_held, &report), GrpcOk());
  EXPECT_TRUE(report.intact()) << report.ShortDebugString();
  EXPECT_GT(report.records(), 2);
  EXPECT_GE(report.checkpoints(), 1);
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(held, &json).ok());
  const std::string held_file = absl::StrCat(cluster_dir_, "/held.json");
  std::ofstream(held_file) << json;
  auto [ok_code, ok_output] =
      Cli(auditor, absl::StrCat("--held=", held_file));
  EXPECT_EQ(ok_code, 0) << ok_output;
  EXPECT_THAT(ok_output, HasSubstr("intact"));
  // Held, but signed by a key the member does not trust.
  auto [key_code, key_output] = Cli(
      auditor, absl::StrCat("--held=", held_file, " --audit_public_key=",
                            std::string(64, 'a')));
  EXPECT_EQ(key_code, 1) << key_output;
  EXPECT_THAT(key_output, HasSubstr("another key"));

  // The database's owner deletes the newest records of the lead's chain,
  // sets its head back to match, and deletes the checkpoints.
  {
    pqxx::connection admin(
        absl::StrCat("host=", cluster_dir_, " dbname=fhub user=fhub_admin"));
    pqxx::work tx(admin);
    tx.exec(
        "ALTER TABLE frameworks.audit_log DISABLE TRIGGER USER; "
        "ALTER TABLE frameworks.audit_checkpoints DISABLE TRIGGER USER; "
        "DELETE FROM frameworks.audit_log a USING frameworks.audit_chain_heads "
        "h WHERE a.chain = h.chain AND a.chain = 'authorities/tameside' AND "
        "a.chain_index = h.last_index; "
        "UPDATE frameworks.audit_chain_heads h SET last_index = a.chain_index, "
        "last_id = a.id, last_hash = a.hash FROM frameworks.audit_log a WHERE "
        "a.chain = h.chain AND a.chain = 'authorities/tameside' AND "
        "a.chain_index = h.last_index - 1; "
        "DELETE FROM frameworks.audit_checkpoints; "
        "ALTER TABLE frameworks.audit_log ENABLE TRIGGER USER; "
        "ALTER TABLE frameworks.audit_checkpoints ENABLE TRIGGER USER");
    tx.commit();
  }
  ASSERT_THAT(Verify(auditor, {}, &report), GrpcOk());
  EXPECT_TRUE(report.intact()) << "nothing left in the database shows it";
  ASSERT_THAT(Verify(auditor, with_held, &report), GrpcOk());
  EXPECT_FALSE(report.intact());
  EXPECT_THAT(report.problems(),
              ::testing::Contains(HasSubstr(
                  "the checkpoint you hold: authorities/tameside's record")));
  auto [broken_code, broken_output] =
      Cli(auditor, absl::StrCat("--held=", held_file));
  EXPECT_EQ(broken_code, 1) << broken_output;
  EXPECT_THAT(broken_output, HasSubstr("BROKEN"));
}

}  // namespace
}  // namespace fhub
