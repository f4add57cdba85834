#pragma once

// The frameworks service in process, for tests of the services that ask it
// (the registry, pricing): its pool, store and server on a loopback port
// over a database whose "frameworks" schema is migrated, and a stub. With
// SetUpNorthWest it holds the North West 16+ framework as the tests expect
// it: Tameside leads it, ACTIVE, with members sefton, wirral, halton,
// knowsley, liverpool and tameside; nottingham is an authority but no
// member.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "common/auth/token.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "common/server.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "services/frameworks/api/framework_service.h"
#include "services/frameworks/storage/framework_store.h"

namespace fhub::testing {

class FrameworksInProcess {
 public:
  // `verifier` and `clock` must outlive it.
  FrameworksInProcess(const std::string& dsn,
                      const auth::TokenVerifier* verifier, const Clock* clock);
  ~FrameworksInProcess();

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // Stops serving (the service is then down for its callers). Idempotent.
  void Shutdown() { server_->Shutdown(); }
  frameworks::v1::FrameworkService::Stub& stub() { return *stub_; }

  // SetUpNorthWest below, on this service.
  grpc::Status SetUpNorthWest(
      const std::string& hub_admin_token, const std::string& lead_token,
      const std::function<std::string()>& next_request_id);

 private:
  std::unique_ptr<db::Pool> pool_;
  frameworks::PgFrameworkStore store_;
  frameworks::PgRecordStore records_;
  frameworks::PlacementCountsFromLead placements_;
  std::unique_ptr<frameworks::FrameworkServiceImpl> service_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<frameworks::v1::FrameworkService::Stub> stub_;
};

// Through `frameworks` (in process or not): the authorities, the North West
// framework and its members, as above; the first failure, or OK.
grpc::Status SetUpNorthWest(
    frameworks::v1::FrameworkService::Stub& frameworks,
    const std::string& hub_admin_token, const std::string& lead_token,
    const std::function<std::string()>& next_request_id);

}  // namespace fhub::testing
