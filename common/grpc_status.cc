#include "common/grpc_status.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace fhub {

namespace {

// Errors quote what the caller sent (a name, an id), which may be long; a
// message past the peer's metadata limit (8 KiB by default) would reach the
// caller as RESOURCE_EXHAUSTED instead of its own code. Cut it, on a UTF-8
// character boundary, well inside that limit even once percent-encoded.
constexpr size_t kMaxMessage = 1024;

std::string Bounded(absl::string_view message) {
  if (message.size() <= kMaxMessage) return std::string(message);
  size_t cut = kMaxMessage;
  while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xc0) == 0x80) {
    --cut;
  }
  return absl::StrCat(message.substr(0, cut), "...");
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      Bounded(status.message()));
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace fhub
