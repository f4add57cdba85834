#pragma once

// The frameworks service in process, over a fresh database, called through a
// real gRPC channel on a loopback port.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "common/auth/token.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "common/server.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/frameworks/api/framework_service.h"
#include "services/frameworks/storage/framework_store.h"
#include "tests/support/grpc_harness.h"
#include "tests/support/test_database.h"

namespace fhub::frameworks {

using auth::Role;

class FrameworkServiceTest : public ::testing::Test {
 protected:
  FrameworkServiceTest();
  ~FrameworkServiceTest() override;

  // Tokens of the people in the North West story.
  std::string Token(absl::string_view organisation, std::vector<Role> roles) {
    return testing::TestToken(clock_, organisation, std::move(roles));
  }
  std::string HubAdmin() { return Token("services/hub", {Role::kHubAdmin}); }
  std::string LeadAdmin(absl::string_view authority = "tameside") {
    return Token(absl::StrCat("authorities/", authority), {Role::kLeadAdmin});
  }
  std::string StrategicLead(absl::string_view authority) {
    return Token(absl::StrCat("authorities/", authority),
                 {Role::kStrategicLead});
  }
  std::string Commissioner(absl::string_view authority) {
    return Token(absl::StrCat("authorities/", authority),
                 {Role::kCommissioner});
  }

  grpc::Status CreateAuthority(const std::string& token, const std::string& id,
                               v1::Authority* out = nullptr,
                               const std::string& request_id = "");
  // The North West 16+ framework as Tameside would create it.
  static v1::CreateFrameworkRequest NorthWestRequest(
      const std::string& id = "nw-16plus");
  grpc::Status CreateFramework(const std::string& token,
                               const v1::CreateFrameworkRequest& request,
                               v1::Framework* out = nullptr);
  grpc::Status Activate(const std::string& token, const std::string& id,
                        v1::Framework* out = nullptr,
                        const std::string& request_id = "");
  grpc::Status AddMember(const std::string& token, const std::string& framework,
                         const std::string& authority,
                         v1::Membership* out = nullptr,
                         const std::string& request_id = "");
  grpc::Status Cease(const std::string& token, const std::string& name,
                     const std::string& date, v1::Membership* out = nullptr,
                     const std::string& request_id = "");

  // Registers Tameside and the members, and creates the NW framework.
  void SetUpNorthWest();

  // Rows of a table in the service's schema.
  int CountRows(const std::string& table);

  // Serves the service afresh, over the same database, counting placements
  // with `placements` (which must outlive the test) instead of the counter
  // that leaves counting to the lead.
  void ServeWith(PlacementCounter* placements);

  std::string NextRequestId() { return absl::StrCat("req-", ++requests_); }

  testing::ScratchDatabase db_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 22, 9, 0, 0),
                                   absl::UTCTimeZone())};
  std::unique_ptr<db::Pool> pool_;
  PgFrameworkStore store_;
  PgRecordStore records_;
  PlacementCountsFromLead placements_;
  std::unique_ptr<auth::TokenVerifier> verifier_;
  std::unique_ptr<FrameworkServiceImpl> service_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::FrameworkService::Stub> stub_;
  int requests_ = 0;
};

}  // namespace fhub::frameworks
