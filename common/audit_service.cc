#include "common/audit_service.h"

#include "common/db/audit.h"
#include "common/db/row_scope.h"
#include "common/grpc_status.h"
#include "common/proto_values.h"
#include "common/rpc.h"

namespace fhub {
namespace {

namespace v1 = ::fhub::common::v1;
using auth::Role;

void ToProto(const db::Checkpoint& c, v1::AuditCheckpoint* out) {
  out->set_id(c.id);
  ::fhub::ToProto(c.made_at, out->mutable_make_time());
  for (const db::ChainHead& h : c.heads) {
    v1::ChainHead* head = out->add_heads();
    head->set_chain(h.chain);
    head->set_index(h.index);
    head->set_hash(h.hash);
  }
  out->set_root(c.root);
  out->set_public_key(c.public_key);
  out->set_signature(c.signature);
}

db::Checkpoint FromProto(const v1::AuditCheckpoint& c) {
  db::Checkpoint out;
  out.id = c.id();
  for (const v1::ChainHead& h : c.heads()) {
    out.heads.push_back({h.chain(), h.index(), h.hash()});
  }
  out.root = c.root();
  out.public_key = c.public_key();
  out.signature = c.signature();
  return out;
}

}  // namespace

grpc::Status AuditServiceImpl::VerifyAudit(
    grpc::ServerContext* context, const v1::VerifyAuditRequest* request,
    v1::AuditReport* response) {
  auto caller = rpc::Authenticate(verifier_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (!caller->HasRole(Role::kAuditor) && !caller->HasRole(Role::kHubAdmin)) {
    return ToGrpcStatus(absl::PermissionDeniedError(
        "verifying the audit trail is for AUDITOR and HUB_ADMIN callers"));
  }
  std::optional<db::Checkpoint> held;
  if (request->has_held()) {
    if (request->held().public_key().size() != 32 ||
        request->held().signature().size() != 64) {
      return ToGrpcStatus(absl::InvalidArgumentError(
          "held: a checkpoint as GetLatestCheckpoint gives it (a 32-byte "
          "public_key and a 64-byte signature)"));
    }
    held = FromProto(request->held());
  }
  // Every organisation's chain: the check is of the whole log.
  const db::ScopedRows rows(db::RowScope::Everything());
  auto report = db::VerifyAudit(pool_, held);
  if (!report.ok()) return ToGrpcStatus(report.status());
  response->set_intact(report->intact());
  response->set_records(report->records);
  response->set_chains(report->chains);
  response->set_checkpoints(report->checkpoints);
  for (int64_t id : report->broken_records) response->add_broken_records(id);
  for (const std::string& p : report->problems) response->add_problems(p);
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::GetLatestCheckpoint(
    grpc::ServerContext* context, const v1::GetLatestCheckpointRequest*,
    v1::AuditCheckpoint* response) {
  auto caller = rpc::Authenticate(verifier_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (!caller->HasRole(Role::kAuditor) && !caller->HasRole(Role::kHubAdmin) &&
      caller->AuthorityId().empty()) {
    return ToGrpcStatus(absl::PermissionDeniedError(
        "checkpoints are handed to authorities, AUDITOR and HUB_ADMIN"));
  }
  auto latest = db::LatestCheckpoint(pool_);
  if (!latest.ok()) return ToGrpcStatus(latest.status());
  if (!latest->has_value()) {
    return ToGrpcStatus(
        absl::NotFoundError("no checkpoint has been written yet"));
  }
  ToProto(**latest, response);
  return grpc::Status::OK;
}

}  // namespace fhub
