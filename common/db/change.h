#pragma once

// Changes happen once and leave a trace: a state-changing request is keyed by
// the caller's organisation and its `request_id`; the first request runs and
// its response is stored, a retry gets the stored response, and the same id
// with a different request is INVALID_ARGUMENT. Every change appends an audit
// record, in the same transaction as the change itself.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"

namespace fhub::db {

// What is being asked, by whom, and when.
struct ChangeRequest {
  // The rpc, e.g. "CreateFramework".
  absl::string_view method;
  absl::string_view request_id;
  // The request, deterministically serialized; identifies a retry.
  absl::string_view request_bytes;
  // The request as JSON, kept in the audit record.
  absl::string_view request_json;
  absl::string_view subject;
  absl::string_view organisation;
  absl::Time at;
};

// What a change did: the resource it touched and the response to store.
struct AppliedChange {
  std::string resource;
  std::string response_bytes;
};

// Runs `apply` once per (organisation, request_id) and returns the response
// bytes: the new ones, or on a retry the stored ones. The events `apply`
// appends (outbox.h) are held and written at the change's end with its
// audit record and response, in one statement.
absl::StatusOr<std::string> ApplyOnce(
    Pool& pool, const ChangeRequest& request,
    const std::function<absl::StatusOr<AppliedChange>(Tx&)>& apply,
    TxOptions options = {});

// Appends an audit record for a change the service makes on its own (an
// expiry at the end of a term, a ballot closing at its time), in `tx`.
void AppendAudit(Tx& tx, absl::Time at, absl::string_view subject,
                 absl::string_view organisation, absl::string_view action,
                 absl::string_view resource, absl::string_view details_json);

// Statements ApplyOnce uses; every service prepares them with its own.
std::vector<PreparedStatement> ChangeStatements();

}  // namespace fhub::db
