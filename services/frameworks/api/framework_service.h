#pragma once

// The gRPC adapter of the frameworks service: authenticates each call,
// converts between proto and domain, decides authorisation with the domain's
// rules, and runs one transaction per call through the store. No SQL here.

#include <functional>

#include "common/auth/token.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "services/frameworks/storage/framework_store.h"

namespace fhub::frameworks {

class FrameworkServiceImpl final
    : public ::fhub::frameworks::v1::FrameworkService::Service {
 public:
  // All arguments must outlive the service.
  FrameworkServiceImpl(db::Pool* pool, FrameworkStore* store,
                       const auth::TokenVerifier* verifier, const Clock* clock);

  grpc::Status CreateAuthority(grpc::ServerContext* context,
                               const v1::CreateAuthorityRequest* request,
                               v1::Authority* response) override;
  grpc::Status GetAuthority(grpc::ServerContext* context,
                            const v1::GetAuthorityRequest* request,
                            v1::Authority* response) override;
  grpc::Status ListAuthorities(grpc::ServerContext* context,
                               const v1::ListAuthoritiesRequest* request,
                               v1::ListAuthoritiesResponse* response) override;
  grpc::Status CreateFramework(grpc::ServerContext* context,
                               const v1::CreateFrameworkRequest* request,
                               v1::Framework* response) override;
  grpc::Status GetFramework(grpc::ServerContext* context,
                            const v1::GetFrameworkRequest* request,
                            v1::Framework* response) override;
  grpc::Status ListFrameworks(grpc::ServerContext* context,
                              const v1::ListFrameworksRequest* request,
                              v1::ListFrameworksResponse* response) override;
  grpc::Status ActivateFramework(grpc::ServerContext* context,
                                 const v1::ActivateFrameworkRequest* request,
                                 v1::Framework* response) override;
  grpc::Status AddMember(grpc::ServerContext* context,
                         const v1::AddMemberRequest* request,
                         v1::Membership* response) override;
  grpc::Status CeaseMembership(grpc::ServerContext* context,
                               const v1::CeaseMembershipRequest* request,
                               v1::Membership* response) override;
  grpc::Status ListMembers(grpc::ServerContext* context,
                           const v1::ListMembersRequest* request,
                           v1::ListMembersResponse* response) override;

 private:
  // Runs read-only work in a transaction of its own.
  absl::Status Read(const std::function<absl::Status(db::Tx&)>& body);
  // Loads a framework the caller may read (locked when `for_update`), and
  // whether the caller's authority has been a member of it.
  absl::StatusOr<std::pair<Framework, bool>> LoadVisible(
      db::Tx& tx, const auth::Principal& caller, const std::string& id,
      bool for_update);

  absl::Status DoCreateAuthority(const grpc::ServerContext& context,
                                 const v1::CreateAuthorityRequest& request,
                                 v1::Authority* response);
  absl::Status DoGetAuthority(const grpc::ServerContext& context,
                              const v1::GetAuthorityRequest& request,
                              v1::Authority* response);
  absl::Status DoListAuthorities(const grpc::ServerContext& context,
                                 const v1::ListAuthoritiesRequest& request,
                                 v1::ListAuthoritiesResponse* response);
  absl::Status DoCreateFramework(const grpc::ServerContext& context,
                                 const v1::CreateFrameworkRequest& request,
                                 v1::Framework* response);
  absl::Status DoGetFramework(const grpc::ServerContext& context,
                              const v1::GetFrameworkRequest& request,
                              v1::Framework* response);
  absl::Status DoListFrameworks(const grpc::ServerContext& context,
                                const v1::ListFrameworksRequest& request,
                                v1::ListFrameworksResponse* response);
  absl::Status DoActivateFramework(const grpc::ServerContext& context,
                                   const v1::ActivateFrameworkRequest& request,
                                   v1::Framework* response);
  absl::Status DoAddMember(const grpc::ServerContext& context,
                           const v1::AddMemberRequest& request,
                           v1::Membership* response);
  absl::Status DoCeaseMembership(const grpc::ServerContext& context,
                                 const v1::CeaseMembershipRequest& request,
                                 v1::Membership* response);
  absl::Status DoListMembers(const grpc::ServerContext& context,
                             const v1::ListMembersRequest& request,
                             v1::ListMembersResponse* response);

  db::Pool& pool_;
  FrameworkStore& store_;
  const auth::TokenVerifier& verifier_;
  const Clock& clock_;
};

}  // namespace fhub::frameworks
