// `fhub audit checkpoint` and `fhub audit verify`: each service's audit
// trail (fhub.common.v1.AuditService, served by every service on its own
// port). A checkpoint printed by `audit checkpoint` is what a member keeps;
// `audit verify --held FILE` checks it here, outside the hub (its root
// from its heads, its signature, with --audit_public_key the key it was
// signed with), then asks the service to check its log against it.

#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/audit_signing.h"
#include "fhub/common/v1/audit.grpc.pb.h"
#include "tools/fhub/audit_commands.h"
#include "tools/fhub/input.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, held, "",
          "audit verify: a checkpoint kept from `fhub audit checkpoint` "
          "(JSON file, - for stdin) to check the service's log against");
ABSL_FLAG(std::string, audit_public_key, "",
          "audit verify: the Ed25519 public key (hex or base64, as "
          "checkpoints show it) the held checkpoint must be signed with");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::common::v1;

struct Named {
  const char* name;
  Service service;
};
constexpr Named kServices[] = {{"frameworks", Service::kFrameworks},
                               {"registry", Service::kRegistry},
                               {"pricing", Service::kPricing},
                               {"referrals", Service::kReferrals}};

absl::StatusOr<Service> ParseService(const std::string& name) {
  for (const Named& n : kServices) {
    if (name == n.name) return n.service;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "SERVICE must be frameworks, registry, pricing or referrals, not \"",
      name, "\""));
}

// 32 bytes from 64 hex digits or base64.
absl::StatusOr<std::string> ParsePublicKey(const std::string& text) {
  std::string key;
  if (text.size() == 64 &&
      text.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos) {
    key = absl::HexStringToBytes(text);
  } else if (!absl::Base64Unescape(text, &key)) {
    key.clear();
  }
  if (key.size() != 32) {
    return absl::InvalidArgumentError(
        "--audit_public_key must be a 32-byte Ed25519 public key, as 64 hex "
        "digits or in base64");
  }
  return key;
}

// What is wrong with `held` on its own: checked here, with no help from
// the hub.
std::vector<std::string> CheckHeld(const v1::AuditCheckpoint& held,
                                   const std::string& trusted_key) {
  std::vector<std::string> problems;
  std::vector<ChainHead> heads;
  for (const v1::ChainHead& h : held.heads()) {
    heads.push_back({h.chain(), h.index(), h.hash()});
  }
  if (MerkleRoot(heads) != held.root()) {
    problems.push_back("its root does not follow from its heads");
  }
  if (!VerifyAuditSignature(held.public_key(), held.root(),
                            held.signature())) {
    problems.push_back("its signature does not hold");
  }
  if (!trusted_key.empty() && held.public_key() != trusted_key) {
    problems.push_back("it is signed with another key than --audit_public_key");
  }
  return problems;
}

int Checkpoint(const Args& args) {
  auto service = ParseService(args[0]);
  if (!service.ok()) return UsageError(service.status());
  auto session = Session::FromFlags(*service);
  if (!session.ok()) return UsageError(session.status());
  v1::AuditService::Stub stub(session->channel());
  grpc::ClientContext context;
  session->Prepare(&context);
  v1::AuditCheckpoint checkpoint;
  const grpc::Status status =
      stub.GetLatestCheckpoint(&context, {}, &checkpoint);
  return status.ok() ? PrintMessage(checkpoint) : ReportRpcError(status);
}

int Verify(const Args& args) {
  std::vector<std::string> names;
  for (const std::string& arg : args) names.push_back(arg);
  if (names.empty()) {
    for (const Named& n : kServices) names.push_back(n.name);
  }
  const std::string held_path = absl::GetFlag(FLAGS_held);
  if (!held_path.empty() && names.size() != 1) {
    return UsageError(
        "--held is one service's checkpoint: name that one SERVICE");
  }
  std::string trusted_key;
  if (!absl::GetFlag(FLAGS_audit_public_key).empty()) {
    auto key = ParsePublicKey(absl::GetFlag(FLAGS_audit_public_key));
    if (!key.ok()) return UsageError(key.status());
    trusted_key = *std::move(key);
  }
  v1::VerifyAuditRequest request;
  if (!held_path.empty()) {
    if (absl::Status read = ReadJsonFile(held_path, request.mutable_held());
        !read.ok()) {
      return UsageError(absl::StrCat("--held: ", read.message()));
    }
  }

  bool intact = true;
  if (request.has_held()) {
    const std::vector<std::string> problems =
        CheckHeld(request.held(), trusted_key);
    if (!problems.empty()) {
      std::cout << "held checkpoint " << request.held().id() << ": "
                << absl::StrJoin(problems, "; ") << "\n";
      std::cout << "BROKEN: the checkpoint you hold is not one the service "
                   "signed\n";
      return kExitRpcFailed;
    }
  }
  for (const std::string& name : names) {
    auto service = ParseService(name);
    if (!service.ok()) return UsageError(service.status());
    auto session = Session::FromFlags(*service);
    if (!session.ok()) return UsageError(session.status());
    v1::AuditService::Stub stub(session->channel());
    grpc::ClientContext context;
    session->Prepare(&context);
    v1::AuditReport report;
    const grpc::Status status = stub.VerifyAudit(&context, request, &report);
    if (!status.ok()) return ReportRpcError(status);
    std::cout << name << ": " << report.records() << " records in "
              << report.chains() << " chains, " << report.checkpoints()
              << " checkpoints: " << (report.intact() ? "intact" : "BROKEN")
              << "\n";
    if (!report.broken_records().empty()) {
      std::cout << "  records whose chain does not hold: "
                << absl::StrJoin(report.broken_records(), ", ") << "\n";
    }
    for (const std::string& problem : report.problems()) {
      std::cout << "  " << problem << "\n";
    }
    intact = intact && report.intact();
  }
  return intact ? kExitOk : kExitRpcFailed;
}

}  // namespace

std::vector<Command> AuditCommands() {
  return {
      {"audit", "checkpoint", "SERVICE",
       "Prints SERVICE's newest signed audit checkpoint as JSON, to keep "
       "outside the hub\n      (an authority, AUDITOR or HUB_ADMIN); SERVICE "
       "is frameworks, registry, pricing or referrals.",
       1, 1, Checkpoint},
      {"audit", "verify",
       "[SERVICE...] [--held FILE [--audit_public_key KEY]]",
       "Checks every audit chain and checkpoint of each SERVICE (default "
       "all four) and,\n      with --held, that the log still holds what "
       "that checkpoint signed (AUDITOR or\n      HUB_ADMIN); exits 1 when "
       "anything is broken.",
       0, 4, Verify},
  };
}

}  // namespace fhub::cli
