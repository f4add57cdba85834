#pragma once

// GoogleTest matchers for grpc::Status, and readable statuses in failure
// messages:
//   EXPECT_THAT(stub->Get(...), GrpcOk());
//   EXPECT_THAT(status, GrpcIs(grpc::StatusCode::NOT_FOUND));
//   EXPECT_THAT(status, GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "lot_id"));

#include <grpcpp/support/status.h>

#include <ostream>
#include <string>

#include "gmock/gmock.h"

namespace grpc {
inline void PrintTo(const Status& status, std::ostream* os) {
  *os << "status " << status.error_code() << ": " << status.error_message();
}
}  // namespace grpc

namespace fhub::testing {

// A gRPC status matcher: code, and optionally a substring of the message.
MATCHER_P(GrpcIs, code, "has gRPC code " + ::testing::PrintToString(code)) {
  *result_listener << "status is " << arg.error_code() << ": "
                   << arg.error_message();
  return arg.error_code() == code;
}
MATCHER_P2(GrpcIs, code, text,
           "has gRPC code " + ::testing::PrintToString(code) +
               " and a message containing " + ::testing::PrintToString(text)) {
  *result_listener << "status is " << arg.error_code() << ": "
                   << arg.error_message();
  return arg.error_code() == code &&
         arg.error_message().find(text) != std::string::npos;
}
MATCHER(GrpcOk, "is OK") {
  *result_listener << "status is " << arg.error_code() << ": "
                   << arg.error_message();
  return arg.ok();
}

}  // namespace fhub::testing
