#include "services/gateway/domain/http_status.h"

#include <array>

namespace fhub::gateway {
namespace {

struct CodeFacts {
  int http;
  absl::string_view name;
  absl::string_view connect;
};

// Indexed by the gRPC code's number (0 OK .. 16 UNAUTHENTICATED).
constexpr std::array<CodeFacts, 17> kCodes = {{
    {200, "OK", "ok"},
    {499, "CANCELLED", "canceled"},
    {500, "UNKNOWN", "unknown"},
    {400, "INVALID_ARGUMENT", "invalid_argument"},
    {504, "DEADLINE_EXCEEDED", "deadline_exceeded"},
    {404, "NOT_FOUND", "not_found"},
    {409, "ALREADY_EXISTS", "already_exists"},
    {403, "PERMISSION_DENIED", "permission_denied"},
    {429, "RESOURCE_EXHAUSTED", "resource_exhausted"},
    {400, "FAILED_PRECONDITION", "failed_precondition"},
    {409, "ABORTED", "aborted"},
    {400, "OUT_OF_RANGE", "out_of_range"},
    {501, "UNIMPLEMENTED", "unimplemented"},
    {500, "INTERNAL", "internal"},
    {503, "UNAVAILABLE", "unavailable"},
    {500, "DATA_LOSS", "data_loss"},
    {401, "UNAUTHENTICATED", "unauthenticated"},
}};

const CodeFacts& FactsOf(int grpc_code) {
  if (grpc_code < 0 || grpc_code >= static_cast<int>(kCodes.size())) {
    return kCodes[2];  // UNKNOWN
  }
  return kCodes[grpc_code];
}

}  // namespace

int HttpStatusOf(int grpc_code) { return FactsOf(grpc_code).http; }

absl::string_view ConnectCodeName(int grpc_code) {
  return FactsOf(grpc_code).connect;
}

absl::string_view GrpcCodeName(int grpc_code) {
  return FactsOf(grpc_code).name;
}

}  // namespace fhub::gateway
