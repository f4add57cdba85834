#pragma once

// How a gRPC status code reads over HTTP: the HTTP status a REST caller
// gets, and the name the Connect protocol uses. The mapping is Google's
// (google/rpc/code.proto), which grpc-gateway and Connect also use, so
// clients built for either read our answers right:
//
//   OK 200                  INVALID_ARGUMENT 400    FAILED_PRECONDITION 400
//   OUT_OF_RANGE 400        UNAUTHENTICATED 401     PERMISSION_DENIED 403
//   NOT_FOUND 404           ALREADY_EXISTS 409      ABORTED 409
//   RESOURCE_EXHAUSTED 429  CANCELLED 499           UNIMPLEMENTED 501
//   UNAVAILABLE 503         DEADLINE_EXCEEDED 504   INTERNAL, UNKNOWN,
//                                                   DATA_LOSS 500
//
// FAILED_PRECONDITION is 400, not 409: the caller must change something
// (wait for the admission window, award a different offer) before the same
// request can succeed, whereas 409 (ALREADY_EXISTS, ABORTED) says that
// retrying after re-reading may.

#include "absl/strings/string_view.h"

namespace fhub::gateway {

// The canonical gRPC codes, by number (grpc::StatusCode without gRPC).
int HttpStatusOf(int grpc_code);

// "invalid_argument", "not_found", ...: the Connect protocol's code names.
absl::string_view ConnectCodeName(int grpc_code);

// "INVALID_ARGUMENT", "NOT_FOUND", ...
absl::string_view GrpcCodeName(int grpc_code);

}  // namespace fhub::gateway
