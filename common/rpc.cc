#include "common/rpc.h"

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/json_util.h"

namespace fhub::rpc {

db::RowScope RowsOf(const auth::Principal& caller) {
  if (caller.HasRole(auth::Role::kService)) return db::RowScope::Everything();
  return db::RowScope::Of(caller.organisation);
}

void ScopeToConsortium(const auth::Principal& caller,
                       const std::string& framework_id) {
  db::RowScope scope = RowsOf(caller);
  scope.framework_id = framework_id;
  db::ScopedRows::Set(std::move(scope));
}

absl::StatusOr<auth::Principal> Authenticate(
    const auth::TokenVerifier& verifier, const grpc::ServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  absl::StatusOr<auth::Principal> caller =
      it == metadata.end()
          ? verifier.VerifyAuthorizationHeader("")
          : verifier.VerifyAuthorizationHeader(
                absl::string_view(it->second.data(), it->second.size()));
  db::ScopedRows::Set(caller.ok() ? RowsOf(*caller) : db::RowScope());
  return caller;
}

std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

std::string AuditJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    return "{}";
  }
  return json;
}

}  // namespace fhub::rpc
