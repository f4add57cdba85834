#pragma once

// fhub.common.v1.AuditService, which every service serves beside its own:
// the audit trail's verification and its newest signed checkpoint.

#include "common/auth/token.h"
#include "common/db/pool.h"
#include "fhub/common/v1/audit.grpc.pb.h"

namespace fhub {

class AuditServiceImpl final : public common::v1::AuditService::Service {
 public:
  // `pool` and `verifier` must outlive it.
  AuditServiceImpl(db::Pool* pool, const auth::TokenVerifier* verifier)
      : pool_(*pool), verifier_(*verifier) {}

  grpc::Status VerifyAudit(grpc::ServerContext* context,
                           const common::v1::VerifyAuditRequest* request,
                           common::v1::AuditReport* response) override;
  grpc::Status GetLatestCheckpoint(
      grpc::ServerContext* context,
      const common::v1::GetLatestCheckpointRequest* request,
      common::v1::AuditCheckpoint* response) override;

 private:
  db::Pool& pool_;
  const auth::TokenVerifier& verifier_;
};

}  // namespace fhub
