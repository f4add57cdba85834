#include "common/grpc_status.h"

#include <string>

#include "gtest/gtest.h"

namespace fhub {
namespace {

TEST(GrpcStatusTest, OkMapsToOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(GrpcStatusTest, CodeNamesAgree) {
  // Numeric equality of the two enums is what the mapping relies on; check
  // it through the names each library gives its codes.
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("x")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcStatus(absl::FailedPreconditionError("x")).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ToGrpcStatus(absl::UnauthenticatedError("x")).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ToGrpcStatus(absl::ResourceExhaustedError("x")).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(FromGrpcStatus(grpc::Status(grpc::StatusCode::ABORTED, "x")).code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(
      FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "x")).code(),
      absl::StatusCode::kUnavailable);
}

TEST(GrpcStatusTest, EveryCodeAndMessageRoundTrips) {
  for (int code = 1; code <= 16; ++code) {
    const absl::Status status(static_cast<absl::StatusCode>(code),
                              "framework 'nw' not found: é");
    const grpc::Status grpc_status = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(grpc_status.error_code()), code);
    EXPECT_EQ(grpc_status.error_message(), "framework 'nw' not found: é");
    EXPECT_EQ(FromGrpcStatus(grpc_status), status);
  }
}

TEST(GrpcStatusTest, LongMessagesAreCutKeepingTheCode) {
  // A message quoting a 100,000-character name would exceed gRPC's metadata
  // limit and reach the caller as RESOURCE_EXHAUSTED.
  const std::string quoted(100000, 'x');
  const grpc::Status cut = ToGrpcStatus(absl::InvalidArgumentError(
      "name: '" + quoted + "' is not a framework name"));
  EXPECT_EQ(cut.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LE(cut.error_message().size(), 1024u + 3);
  EXPECT_EQ(cut.error_message().substr(0, 7), "name: '");

  // Never in the middle of a character: "é" is two bytes.
  std::string accents;
  while (accents.size() < 2000) accents += "é";
  const std::string message =
      ToGrpcStatus(absl::NotFoundError(accents)).error_message();
  ASSERT_GE(message.size(), 3u);
  const std::string kept = message.substr(0, message.size() - 3);
  EXPECT_EQ(kept.size() % 2, 0u);
  EXPECT_EQ(message.substr(message.size() - 3), "...");
}

}  // namespace
}  // namespace fhub
