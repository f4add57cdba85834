#include "services/pricing/api/provider_directory.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/clients/frameworks_client.h"
#include "common/clients/peer_setup.h"
#include "common/status_macros.h"

namespace fhub::pricing {

GrpcProviderDirectory::GrpcProviderDirectory(
    GrpcProviderDirectoryOptions options)
    : options_(std::move(options)),
      stub_(registry::v1::RegistryService::NewStub(options_.channel)) {}

absl::Status GrpcProviderDirectory::Prepare(grpc::ClientContext& context) {
  FHUB_ASSIGN_OR_RETURN(std::string authorization, options_.authorization());
  PreparePeerCall(context, authorization, options_.deadline);
  return absl::OkStatus();
}

absl::Status GrpcProviderDirectory::CheckProvider(
    absl::string_view field, const std::string& provider_id,
    const std::string& setting_id) {
  grpc::ClientContext context;
  FHUB_RETURN_IF_ERROR(Prepare(context));
  grpc::Status status;
  std::string name = absl::StrCat("providers/", provider_id);
  if (setting_id.empty()) {
    registry::v1::GetProviderRequest request;
    request.set_name(name);
    registry::v1::Provider provider;
    status = stub_->GetProvider(&context, request, &provider);
  } else {
    absl::StrAppend(&name, "/settings/", setting_id);
    registry::v1::GetSettingRequest request;
    request.set_name(name);
    registry::v1::Setting setting;
    status = stub_->GetSetting(&context, request, &setting);
  }
  if (status.ok()) return absl::OkStatus();
  absl::Status answer = FromPeer(status, "registry", name);
  if (absl::IsNotFound(answer)) {
    return absl::NotFoundError(absl::StrCat(field, ": ", answer.message()));
  }
  return answer;
}

}  // namespace fhub::pricing
