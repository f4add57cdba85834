#pragma once

// absl::Status <-> grpc::Status at the edge of every service. The codes are
// numerically the same; this is the one place that says so.

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace fhub {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace fhub
