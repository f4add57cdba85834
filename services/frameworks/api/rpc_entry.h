#pragma once

// The gRPC entry point of a unary rpc of FrameworkServiceImpl: calls
// Do<Method> and maps its absl::Status to a grpc::Status.

#include "common/db/row_scope.h"
#include "common/db/transaction.h"
#include "common/grpc_status.h"

#define FHUB_RPC(Method, Request, Response)                               \
  grpc::Status FrameworkServiceImpl::Method(grpc::ServerContext* context, \
                                            const v1::Request* request,   \
                                            v1::Response* response) {     \
    const ::fhub::db::CallDeadline call_deadline(context->deadline());    \
    const ::fhub::db::ScopedRows rows;                                    \
    return ToGrpcStatus(Do##Method(*context, *request, response));        \
  }
