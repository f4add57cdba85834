#include "common/db/change.h"

#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/db/outbox.h"
#include "common/db/values.h"
#include "common/status_macros.h"

namespace fhub::db {
namespace {

constexpr char kClaimRequestId[] = "hub_claim_request_id";
constexpr char kClaimRequestIdSql[] = R"sql(
INSERT INTO idempotency_keys
  (organisation, request_id, method, request_hash, created_at)
VALUES ($1, $2, $3, sha256(decode($4, 'hex')), $5::timestamptz)
ON CONFLICT DO NOTHING)sql";

constexpr char kFindRequestId[] = "hub_find_request_id";
constexpr char kFindRequestIdSql[] = R"sql(
SELECT method = $3 AND request_hash = sha256(decode($4, 'hex')),
       encode(response, 'hex')
FROM idempotency_keys
WHERE organisation = $1 AND request_id = $2)sql";

// A change's end, in one round trip: its events (in the order emitted; the
// outbox's insert order follows unnest's), its audit record and its stored
// response. Every sub-statement runs to completion, whether or not the
// outer one reads it.
constexpr char kFinishChange[] = "hub_finish_change";
constexpr char kFinishChangeSql[] = R"sql(
WITH events AS (
  INSERT INTO outbox_events (occurred_at, event_type, payload)
  SELECT $1::timestamptz, e.event_type, decode(e.payload, 'hex')
  FROM unnest($8::text[], $9::text[]) WITH ORDINALITY AS e(event_type, payload, n)
  ORDER BY e.n),
audit AS (
  INSERT INTO audit_log
    (occurred_at, subject, organisation, action, resource, request_id,
     details, previous_hash, hash)
  VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7::jsonb, '\x', '\x'))
UPDATE idempotency_keys SET response = decode($10, 'hex')
WHERE organisation = $3 AND request_id = $6)sql";

constexpr char kAppendAudit[] = "hub_append_audit";
constexpr char kAppendAuditSql[] = R"sql(
INSERT INTO audit_log
  (occurred_at, subject, organisation, action, resource, request_id, details,
   previous_hash, hash)
VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7::jsonb, '\x', '\x'))sql";

}  // namespace

std::vector<PreparedStatement> ChangeStatements() {
  return {{kClaimRequestId, kClaimRequestIdSql},
          {kFindRequestId, kFindRequestIdSql},
          {kFinishChange, kFinishChangeSql},
          {kAppendAudit, kAppendAuditSql}};
}

void AppendAudit(Tx& tx, absl::Time at, absl::string_view subject,
                 absl::string_view organisation, absl::string_view action,
                 absl::string_view resource, absl::string_view details_json) {
  tx.exec_prepared0(kAppendAudit, SqlTimestamp(at), std::string(subject),
                    std::string(organisation), std::string(action),
                    std::string(resource), "", std::string(details_json));
}

absl::StatusOr<std::string> ApplyOnce(
    Pool& pool, const ChangeRequest& request,
    const std::function<absl::StatusOr<AppliedChange>(Tx&)>& apply,
    TxOptions options) {
  const std::string organisation(request.organisation);
  const std::string request_id(request.request_id);
  const std::string method(request.method);
  const std::string request_hex = absl::BytesToHexString(request.request_bytes);
  const std::string at = SqlTimestamp(request.at);
  if (options.name == "transaction") options.name = request.method;

  std::string response;
  absl::Status status = Transact(pool, options, [&](Tx& tx) -> absl::Status {
    response.clear();
    pqxx::result claimed = tx.exec_prepared(
        kClaimRequestId, organisation, request_id, method, request_hex, at);
    if (claimed.affected_rows() == 0) {
      pqxx::row seen = tx.exec_prepared1(kFindRequestId, organisation,
                                         request_id, method, request_hex);
      if (!seen[0].as<bool>()) {
        return absl::InvalidArgumentError(
            absl::StrCat("request_id '", request_id,
                         "' was already used for a different request"));
      }
      response = absl::HexStringToBytes(seen[1].as<std::string>(""));
      return absl::OkStatus();
    }
    EventBatch events(tx);
    FHUB_ASSIGN_OR_RETURN(AppliedChange change, apply(tx));
    const auto [types, payloads] = EventArrays(events.events());
    tx.exec_prepared0(kFinishChange, at, std::string(request.subject),
                      organisation, method, change.resource, request_id,
                      std::string(request.request_json), types, payloads,
                      absl::BytesToHexString(change.response_bytes));
    response = std::move(change.response_bytes);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return response;
}

}  // namespace fhub::db
