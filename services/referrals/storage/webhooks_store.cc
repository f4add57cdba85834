#include "services/referrals/storage/webhooks_store.h"

#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/db/values.h"
#include "services/referrals/storage/rows.h"

namespace fhub::referrals {
namespace {

using db::Query;

#define FHUB_WH_US(column) "(extract(epoch FROM " column ") * 1000000)::bigint"

#define FHUB_ENDPOINT_COLUMNS \
  "endpoint_id, organisation, url, array_to_string(event_types, ',') AS " \
  "event_types, description, secret, " FHUB_WH_US(                        \
      "create_time") " AS create_us, " FHUB_WH_US("delete_time") " AS "   \
                                                                 "delete_us"

#define FHUB_DELIVERY_COLUMNS \
  "d.delivery_id, d.endpoint_id, d.organisation, d.event, d.event_type, "  \
  "d.body, d.state, d.attempts, d.last_status_code, d.last_error, "        \
  FHUB_WH_US("d.create_time") " AS create_us, " FHUB_WH_US(                \
      "d.next_attempt_time") " AS next_us, " FHUB_WH_US("d.deliver_time") \
      " AS deliver_us"

constexpr Query kInsertEndpoint{"webhooks_insert_endpoint", R"sql(
INSERT INTO webhook_endpoints (organisation, url, event_types, description,
  secret, create_time)
VALUES ($1, $2, $3::int[], $4, $5, $6::timestamptz)
RETURNING endpoint_id)sql"};

constexpr Query kListEndpoints{
    "webhooks_list_endpoints",
    "SELECT " FHUB_ENDPOINT_COLUMNS
    " FROM webhook_endpoints WHERE organisation = $1 ORDER BY endpoint_id"};

constexpr Query kFindEndpoint{
    "webhooks_find_endpoint",
    "SELECT " FHUB_ENDPOINT_COLUMNS
    " FROM webhook_endpoints WHERE organisation = $1 AND endpoint_id = $2"};

constexpr Query kFindEndpointForUpdate{
    "webhooks_find_endpoint_for_update",
    "SELECT " FHUB_ENDPOINT_COLUMNS
    " FROM webhook_endpoints WHERE organisation = $1 AND endpoint_id = $2 "
    "FOR UPDATE"};

constexpr Query kDeleteEndpoint{"webhooks_delete_endpoint", R"sql(
WITH gone AS (
  UPDATE webhook_endpoints SET delete_time = $2::timestamptz
  WHERE endpoint_id = $1 AND delete_time IS NULL RETURNING endpoint_id)
UPDATE webhook_deliveries SET state = 'FAILED',
  last_error = 'the endpoint was deleted', lease_until = NULL
WHERE endpoint_id IN (SELECT endpoint_id FROM gone) AND state = 'PENDING')sql"};

constexpr Query kEnqueue{"webhooks_enqueue", R"sql(
INSERT INTO webhook_deliveries (endpoint_id, organisation, event, event_type,
  body, state, create_time, next_attempt_time)
SELECT endpoint_id, organisation, $3, $2, $4, 'PENDING', $5::timestamptz,
  $5::timestamptz
FROM webhook_endpoints
WHERE organisation = $1 AND delete_time IS NULL AND $2 = ANY (event_types)
  AND create_time <= $6::timestamptz
ON CONFLICT (endpoint_id, event) DO NOTHING)sql"};

// The head of each endpoint is its oldest PENDING delivery; a later one
// never goes before it. The lease and due conditions are repeated on `d`
// so that a second sender racing for the same row re-checks them on the
// row the first one updated, and skips it.
constexpr Query kClaimDue{"webhooks_claim_due", R"sql(
WITH heads AS (
  SELECT DISTINCT ON (endpoint_id) delivery_id
  FROM webhook_deliveries WHERE state = 'PENDING'
  ORDER BY endpoint_id, delivery_id),
due AS (
  SELECT d.delivery_id FROM webhook_deliveries d
  JOIN heads h ON h.delivery_id = d.delivery_id
  WHERE d.next_attempt_time <= $1::timestamptz
    AND (d.lease_until IS NULL OR d.lease_until <= $1::timestamptz)
  ORDER BY d.next_attempt_time, d.delivery_id
  LIMIT $3)
UPDATE webhook_deliveries d
SET lease_until = $2::timestamptz, attempts = d.attempts + 1
FROM due, webhook_endpoints e
WHERE d.delivery_id = due.delivery_id AND e.endpoint_id = d.endpoint_id
  AND d.state = 'PENDING' AND d.next_attempt_time <= $1::timestamptz
  AND (d.lease_until IS NULL OR d.lease_until <= $1::timestamptz)
RETURNING )sql" FHUB_DELIVERY_COLUMNS ", e.url, e.secret"};

constexpr Query kRecordAttempt{"webhooks_record_attempt", R"sql(
UPDATE webhook_deliveries SET state = $2, last_status_code = $3,
  last_error = $4, lease_until = NULL,
  deliver_time = CASE WHEN $2 = 'DELIVERED' THEN $5::timestamptz END,
  next_attempt_time = CASE WHEN $2 = 'PENDING' THEN $6::timestamptz
                           ELSE next_attempt_time END
WHERE delivery_id = $1 AND state = 'PENDING')sql"};

constexpr Query kListDeliveries{
    "webhooks_list_deliveries",
    "SELECT " FHUB_DELIVERY_COLUMNS
    " FROM webhook_deliveries d WHERE d.endpoint_id = $1 "
    "AND d.delivery_id < $2 ORDER BY d.delivery_id DESC LIMIT $3"};

constexpr Query kSweepFinished{"webhooks_sweep_finished", R"sql(
DELETE FROM webhook_deliveries WHERE delivery_id IN (
  SELECT delivery_id FROM webhook_deliveries
  WHERE state <> 'PENDING' AND create_time < $1::timestamptz
  LIMIT $2))sql"};

#undef FHUB_DELIVERY_COLUMNS
#undef FHUB_ENDPOINT_COLUMNS
#undef FHUB_WH_US

const char* StateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending:
      return "PENDING";
    case DeliveryState::kDelivered:
      return "DELIVERED";
    case DeliveryState::kFailed:
      return "FAILED";
  }
  return "PENDING";
}

DeliveryState StateOf(const std::string& name) {
  if (name == "DELIVERED") return DeliveryState::kDelivered;
  if (name == "FAILED") return DeliveryState::kFailed;
  return DeliveryState::kPending;
}

std::string IntArray(const std::vector<int>& values) {
  return absl::StrCat("{", absl::StrJoin(values, ","), "}");
}

WebhookEndpointRecord EndpointOf(const pqxx::row& row) {
  WebhookEndpointRecord e;
  e.id = row["endpoint_id"].as<int64_t>();
  e.organisation = row["organisation"].as<std::string>();
  e.url = row["url"].as<std::string>();
  for (absl::string_view part : absl::StrSplit(
           row["event_types"].as<std::string>(), ',', absl::SkipEmpty())) {
    int type = 0;
    if (absl::SimpleAtoi(part, &type)) e.event_types.push_back(type);
  }
  e.description = row["description"].as<std::string>();
  e.secret = row["secret"].as<std::string>();
  e.create_time = TimeColumn(row["create_us"]);
  e.delete_time = OptionalTime(row["delete_us"]);
  return e;
}

WebhookDeliveryRecord DeliveryOf(const pqxx::row& row) {
  WebhookDeliveryRecord d;
  d.id = row["delivery_id"].as<int64_t>();
  d.endpoint_id = row["endpoint_id"].as<int64_t>();
  d.organisation = row["organisation"].as<std::string>();
  d.event = row["event"].as<std::string>();
  d.event_type = row["event_type"].as<int>();
  d.body = row["body"].as<std::string>();
  d.state = StateOf(row["state"].as<std::string>());
  d.attempts = row["attempts"].as<int>();
  d.last_status_code = row["last_status_code"].as<int>();
  d.last_error = row["last_error"].as<std::string>();
  d.create_time = TimeColumn(row["create_us"]);
  d.next_attempt_time = TimeColumn(row["next_us"]);
  d.deliver_time = OptionalTime(row["deliver_us"]);
  return d;
}

}  // namespace

std::vector<db::PreparedStatement> WebhooksStore::Statements() {
  return {
      kInsertEndpoint, kListEndpoints, kFindEndpoint, kFindEndpointForUpdate,
      kDeleteEndpoint, kEnqueue,       kClaimDue,     kRecordAttempt,
      kListDeliveries, kSweepFinished};
}

absl::Status WebhooksStore::InsertEndpoint(db::Tx& tx,
                                           WebhookEndpointRecord& e) {
  pqxx::row row = tx.exec_prepared1(kInsertEndpoint.name, e.organisation, e.url,
                                    IntArray(e.event_types), e.description,
                                    e.secret, db::SqlTimestamp(e.create_time));
  e.id = row[0].as<int64_t>();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<WebhookEndpointRecord>> WebhooksStore::ListEndpoints(
    db::Tx& tx, const std::string& organisation) {
  std::vector<WebhookEndpointRecord> out;
  for (const pqxx::row& row :
       tx.exec_prepared(kListEndpoints.name, organisation)) {
    out.push_back(EndpointOf(row));
  }
  return out;
}

absl::StatusOr<WebhookEndpointRecord> WebhooksStore::FindEndpoint(
    db::Tx& tx, const std::string& organisation, int64_t id, bool for_update) {
  pqxx::result rows = tx.exec_prepared(
      for_update ? kFindEndpointForUpdate.name : kFindEndpoint.name,
      organisation, id);
  if (rows.empty()) {
    return absl::NotFoundError(
        absl::StrCat(organisation, "/webhookEndpoints/", id, " not found"));
  }
  return EndpointOf(rows[0]);
}

absl::Status WebhooksStore::DeleteEndpoint(db::Tx& tx, int64_t id,
                                           absl::Time at) {
  tx.exec_prepared0(kDeleteEndpoint.name, id, db::SqlTimestamp(at));
  return absl::OkStatus();
}

absl::StatusOr<int> WebhooksStore::Enqueue(db::Tx& tx,
                                           const std::string& organisation,
                                           int type, const std::string& event,
                                           const std::string& body,
                                           absl::Time occurred, absl::Time at) {
  pqxx::result result =
      tx.exec_prepared(kEnqueue.name, organisation, type, event, body,
                       db::SqlTimestamp(at), db::SqlTimestamp(occurred));
  return static_cast<int>(result.affected_rows());
}

absl::StatusOr<std::vector<DueDelivery>> WebhooksStore::ClaimDue(
    db::Tx& tx, absl::Time now, absl::Time lease_until, int limit) {
  std::vector<DueDelivery> out;
  for (const pqxx::row& row :
       tx.exec_prepared(kClaimDue.name, db::SqlTimestamp(now),
                        db::SqlTimestamp(lease_until), limit)) {
    DueDelivery due;
    due.delivery = DeliveryOf(row);
    due.url = row["url"].as<std::string>();
    due.secret = row["secret"].as<std::string>();
    out.push_back(std::move(due));
  }
  return out;
}

absl::Status WebhooksStore::RecordAttempt(db::Tx& tx, int64_t delivery_id,
                                          DeliveryState state, int status_code,
                                          const std::string& error,
                                          absl::Time at,
                                          absl::Time next_attempt) {
  tx.exec_prepared0(kRecordAttempt.name, delivery_id, StateName(state),
                    status_code, error, db::SqlTimestamp(at),
                    db::SqlTimestamp(next_attempt));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<WebhookDeliveryRecord>>
WebhooksStore::ListDeliveries(db::Tx& tx, int64_t endpoint_id,
                              int64_t before_id, int limit) {
  std::vector<WebhookDeliveryRecord> out;
  for (const pqxx::row& row : tx.exec_prepared(
           kListDeliveries.name, endpoint_id, PageBound(before_id), limit)) {
    out.push_back(DeliveryOf(row));
  }
  return out;
}

absl::StatusOr<int> WebhooksStore::SweepFinished(db::Tx& tx, absl::Time before,
                                                 int limit) {
  pqxx::result result =
      tx.exec_prepared(kSweepFinished.name, db::SqlTimestamp(before), limit);
  return static_cast<int>(result.affected_rows());
}

}  // namespace fhub::referrals
