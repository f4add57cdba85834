#include "tests/integration/frameworks/fixture.h"

#include <pqxx/pqxx>

#include "common/proto_values.h"
#include "services/frameworks/migrations.h"
#include "tests/support/sample_frameworks.h"

namespace fhub::frameworks {

FrameworkServiceTest::FrameworkServiceTest() {
  db_.Migrate("frameworks", "frameworks", Migrations());
  pool_ = testing::TestPool(db_.dsn(), "frameworks",
                            PgFrameworkStore::Statements());
  verifier_ = std::make_unique<auth::TokenVerifier>(testing::TestTokenOptions(),
                                                    &clock_);
  ServeWith(&placements_);
}

void FrameworkServiceTest::ServeWith(PlacementCounter* placements) {
  if (server_ != nullptr) {
    server_->Shutdown();
    server_.reset();
  }
  service_ = std::make_unique<FrameworkServiceImpl>(
      pool_.get(), &store_, &records_, placements, verifier_.get(), &clock_);
  server_ = testing::StartLoopbackServer(service_.get());
  stub_ = v1::FrameworkService::NewStub(testing::LoopbackChannel(*server_));
}

FrameworkServiceTest::~FrameworkServiceTest() {
  server_->Shutdown();
  pool_.reset();
}

grpc::Status FrameworkServiceTest::CreateAuthority(
    const std::string& token, const std::string& id, v1::Authority* out,
    const std::string& request_id) {
  v1::CreateAuthorityRequest request;
  request.set_authority_id(id);
  request.mutable_authority()->set_display_name(
      absl::StrCat("Metropolitan Borough of ", id));
  request.mutable_authority()->set_kind(v1::LOCAL_AUTHORITY);
  request.set_request_id(request_id.empty() ? NextRequestId() : request_id);
  v1::Authority response;
  return stub_->CreateAuthority(testing::CallContext(token).get(), request,
                                out != nullptr ? out : &response);
}

v1::CreateFrameworkRequest FrameworkServiceTest::NorthWestRequest(
    const std::string& id) {
  testing::SampleFramework sample;
  sample.id = id;
  return testing::SampleFrameworkRequest(sample);
}

grpc::Status FrameworkServiceTest::CreateFramework(
    const std::string& token, const v1::CreateFrameworkRequest& request,
    v1::Framework* out) {
  v1::Framework response;
  return stub_->CreateFramework(testing::CallContext(token).get(), request,
                                out != nullptr ? out : &response);
}

grpc::Status FrameworkServiceTest::Activate(const std::string& token,
                                            const std::string& id,
                                            v1::Framework* out,
                                            const std::string& request_id) {
  v1::ActivateFrameworkRequest request;
  request.set_name(absl::StrCat("frameworks/", id));
  request.set_request_id(request_id.empty() ? NextRequestId() : request_id);
  v1::Framework response;
  return stub_->ActivateFramework(testing::CallContext(token).get(), request,
                                  out != nullptr ? out : &response);
}

grpc::Status FrameworkServiceTest::AddMember(const std::string& token,
                                             const std::string& framework,
                                             const std::string& authority,
                                             v1::Membership* out,
                                             const std::string& request_id) {
  v1::AddMemberRequest request;
  request.set_parent(absl::StrCat("frameworks/", framework));
  request.set_authority(absl::StrCat("authorities/", authority));
  request.mutable_strategic_lead()->set_full_name(
      absl::StrCat("Director of Children's Services, ", authority));
  request.mutable_strategic_lead()->set_email(
      absl::StrCat("dcs@", authority, ".gov.uk"));
  ParseDate("2025-04-01", request.mutable_joined_date());
  request.set_request_id(request_id.empty() ? NextRequestId() : request_id);
  v1::Membership response;
  return stub_->AddMember(testing::CallContext(token).get(), request,
                          out != nullptr ? out : &response);
}

grpc::Status FrameworkServiceTest::Cease(const std::string& token,
                                         const std::string& name,
                                         const std::string& date,
                                         v1::Membership* out,
                                         const std::string& request_id) {
  v1::CeaseMembershipRequest request;
  request.set_name(name);
  if (!date.empty()) ParseDate(date, request.mutable_ceased_date());
  request.set_reason("Placements now made through a regional block contract");
  request.set_request_id(request_id.empty() ? NextRequestId() : request_id);
  v1::Membership response;
  return stub_->CeaseMembership(testing::CallContext(token).get(), request,
                                out != nullptr ? out : &response);
}

void FrameworkServiceTest::SetUpNorthWest() {
  for (const char* id : {"tameside", "sefton", "wirral", "halton", "knowsley",
                         "liverpool", "nottingham"}) {
    ASSERT_TRUE(CreateAuthority(HubAdmin(), id).ok()) << id;
  }
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest()).ok());
}

int FrameworkServiceTest::CountRows(const std::string& table) {
  pqxx::connection connection{testing::AsAdmin(db_.dsn())};
  pqxx::nontransaction tx(connection);
  return tx.exec1("SELECT count(*) FROM frameworks." + table)[0].as<int>();
}

}  // namespace fhub::frameworks
