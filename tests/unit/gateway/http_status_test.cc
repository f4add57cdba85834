// The gRPC code -> HTTP status and Connect name mapping.

#include "services/gateway/domain/http_status.h"

#include <grpcpp/support/status.h>

#include "gtest/gtest.h"

namespace fhub::gateway {
namespace {

int Http(grpc::StatusCode code) { return HttpStatusOf(static_cast<int>(code)); }

TEST(HttpStatusTest, TheMappingTheGatewayDocuments) {
  EXPECT_EQ(Http(grpc::StatusCode::OK), 200);
  EXPECT_EQ(Http(grpc::StatusCode::INVALID_ARGUMENT), 400);
  EXPECT_EQ(Http(grpc::StatusCode::FAILED_PRECONDITION), 400);
  EXPECT_EQ(Http(grpc::StatusCode::OUT_OF_RANGE), 400);
  EXPECT_EQ(Http(grpc::StatusCode::UNAUTHENTICATED), 401);
  EXPECT_EQ(Http(grpc::StatusCode::PERMISSION_DENIED), 403);
  EXPECT_EQ(Http(grpc::StatusCode::NOT_FOUND), 404);
  EXPECT_EQ(Http(grpc::StatusCode::ALREADY_EXISTS), 409);
  EXPECT_EQ(Http(grpc::StatusCode::ABORTED), 409);
  EXPECT_EQ(Http(grpc::StatusCode::RESOURCE_EXHAUSTED), 429);
  EXPECT_EQ(Http(grpc::StatusCode::CANCELLED), 499);
  EXPECT_EQ(Http(grpc::StatusCode::UNIMPLEMENTED), 501);
  EXPECT_EQ(Http(grpc::StatusCode::UNAVAILABLE), 503);
  EXPECT_EQ(Http(grpc::StatusCode::DEADLINE_EXCEEDED), 504);
  EXPECT_EQ(Http(grpc::StatusCode::INTERNAL), 500);
  EXPECT_EQ(Http(grpc::StatusCode::DATA_LOSS), 500);
  EXPECT_EQ(Http(grpc::StatusCode::UNKNOWN), 500);
}

TEST(HttpStatusTest, NamesAndOutOfRangeCodes) {
  EXPECT_EQ(ConnectCodeName(5), "not_found");
  EXPECT_EQ(ConnectCodeName(1), "canceled");
  EXPECT_EQ(GrpcCodeName(9), "FAILED_PRECONDITION");
  EXPECT_EQ(HttpStatusOf(99), 500);
  EXPECT_EQ(GrpcCodeName(-1), "UNKNOWN");
}

}  // namespace
}  // namespace fhub::gateway
