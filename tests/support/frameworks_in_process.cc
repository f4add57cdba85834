#include "tests/support/frameworks_in_process.h"

#include "absl/strings/str_cat.h"
#include "common/proto_values.h"
#include "tests/support/grpc_harness.h"
#include "tests/support/sample_frameworks.h"

namespace fhub::testing {

namespace fv1 = ::fhub::frameworks::v1;

FrameworksInProcess::FrameworksInProcess(const std::string& dsn,
                                         const auth::TokenVerifier* verifier,
                                         const Clock* clock) {
  pool_ =
      TestPool(dsn, "frameworks", frameworks::PgFrameworkStore::Statements());
  service_ = std::make_unique<frameworks::FrameworkServiceImpl>(
      pool_.get(), &store_, &records_, &placements_, verifier, clock);
  server_ = StartLoopbackServer(service_.get());
  channel_ = LoopbackChannel(*server_);
  stub_ = fv1::FrameworkService::NewStub(channel_);
}

FrameworksInProcess::~FrameworksInProcess() {
  if (server_) server_->Shutdown();
  pool_.reset();
}

namespace {

grpc::Status CreateAuthorityThrough(fv1::FrameworkService::Stub& frameworks,
                                    const std::string& hub_admin_token,
                                    const std::string& id,
                                    const std::string& request_id) {
  fv1::CreateAuthorityRequest request;
  request.set_authority_id(id);
  request.mutable_authority()->set_display_name(
      absl::StrCat("Metropolitan Borough of ", id));
  request.mutable_authority()->set_kind(fv1::LOCAL_AUTHORITY);
  request.set_request_id(request_id);
  fv1::Authority response;
  return frameworks.CreateAuthority(CallContext(hub_admin_token).get(), request,
                                    &response);
}

grpc::Status AddMemberThrough(fv1::FrameworkService::Stub& frameworks,
                              const std::string& lead_token,
                              const std::string& framework_id,
                              const std::string& authority_id,
                              const std::string& request_id) {
  fv1::AddMemberRequest request;
  request.set_parent(absl::StrCat("frameworks/", framework_id));
  request.set_authority(absl::StrCat("authorities/", authority_id));
  request.mutable_strategic_lead()->set_full_name(
      absl::StrCat("Director of Children's Services, ", authority_id));
  request.mutable_strategic_lead()->set_email(
      absl::StrCat("dcs@", authority_id, ".gov.uk"));
  ParseDate("2025-04-01", request.mutable_joined_date());
  request.set_request_id(request_id);
  fv1::Membership response;
  return frameworks.AddMember(CallContext(lead_token).get(), request,
                              &response);
}

}  // namespace

grpc::Status FrameworksInProcess::SetUpNorthWest(
    const std::string& hub_admin_token, const std::string& lead_token,
    const std::function<std::string()>& next_request_id) {
  return testing::SetUpNorthWest(*stub_, hub_admin_token, lead_token,
                                 next_request_id);
}

grpc::Status SetUpNorthWest(
    fv1::FrameworkService::Stub& frameworks, const std::string& hub_admin_token,
    const std::string& lead_token,
    const std::function<std::string()>& next_request_id) {
  for (const char* id : {"tameside", "sefton", "wirral", "halton", "knowsley",
                         "liverpool", "nottingham"}) {
    grpc::Status status = CreateAuthorityThrough(frameworks, hub_admin_token,
                                                 id, next_request_id());
    if (!status.ok()) return status;
  }
  SampleFramework sample;
  fv1::Framework framework;
  grpc::Status status =
      frameworks.CreateFramework(CallContext(lead_token).get(),
                                 SampleFrameworkRequest(sample), &framework);
  if (!status.ok()) return status;
  fv1::ActivateFrameworkRequest activate;
  activate.set_name(absl::StrCat("frameworks/", sample.id));
  activate.set_request_id(next_request_id());
  status = frameworks.ActivateFramework(CallContext(lead_token).get(), activate,
                                        &framework);
  if (!status.ok()) return status;
  for (const char* id :
       {"sefton", "wirral", "halton", "knowsley", "liverpool", "tameside"}) {
    status = AddMemberThrough(frameworks, lead_token, sample.id, id,
                              next_request_id());
    if (!status.ok()) return status;
  }
  return grpc::Status::OK;
}

}  // namespace fhub::testing
