#pragma once

// What every rpc handler does at the edge: authenticate the caller, apply a
// change once per request_id, and map statuses to gRPC.

#include <grpcpp/server_context.h>

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "common/db/change.h"
#include "common/db/row_scope.h"
#include "common/status_macros.h"
#include "google/protobuf/message.h"

namespace fhub::rpc {

// The rows a caller's transactions may see (db/row_scope.h): a SERVICE's
// every row, otherwise its organisation's.
db::RowScope RowsOf(const auth::Principal& caller);

// Widens the rpc's row scope with the rows each table's policies give the
// consortium of `framework_id` (its lead and members): read only for the
// figures and the benchmark, read and written for what the registry keeps
// about the framework's providers. Called once the rpc has checked with the
// frameworks service that `caller` belongs to it. A SERVICE reaches every
// row anyway.
void ScopeToConsortium(const auth::Principal& caller,
                       const std::string& framework_id);

// The verified caller of `context`; UNAUTHENTICATED without a valid token.
// Also narrows the calling thread's row scope (the rpc entry point's
// db::ScopedRows) to the caller's rows, or to none without a valid token.
absl::StatusOr<auth::Principal> Authenticate(
    const auth::TokenVerifier& verifier, const grpc::ServerContext& context);

// The request, serialized deterministically (identifies a retry) and as JSON
// (kept in the audit record).
std::string DeterministicBytes(const google::protobuf::Message& message);
std::string AuditJson(const google::protobuf::Message& message);

// Applies a change once per (caller organisation, request_id). `apply` fills
// `response` and returns the name of the resource it changed; on a retry the
// stored response is parsed into `response` instead and `apply` never runs.
template <typename Response>
absl::Status ApplyChangeOnce(
    db::Pool& pool, const auth::Principal& caller, absl::Time at,
    absl::string_view method, const google::protobuf::Message& request,
    absl::string_view request_id, Response* response,
    const std::function<absl::StatusOr<std::string>(db::Tx&, Response*)>&
        apply) {
  const std::string bytes = DeterministicBytes(request);
  const std::string json = AuditJson(request);
  db::ChangeRequest change{method,         request_id,          bytes, json,
                           caller.subject, caller.organisation, at};
  FHUB_ASSIGN_OR_RETURN(
      std::string stored,
      db::ApplyOnce(
          pool, change, [&](db::Tx& tx) -> absl::StatusOr<db::AppliedChange> {
            response->Clear();
            FHUB_ASSIGN_OR_RETURN(std::string resource, apply(tx, response));
            return db::AppliedChange{std::move(resource),
                                     DeterministicBytes(*response)};
          }));
  if (!response->ParseFromString(stored)) {
    return absl::InternalError("stored response cannot be read");
  }
  return absl::OkStatus();
}

}  // namespace fhub::rpc
