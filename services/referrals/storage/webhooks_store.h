#pragma once

// What the referrals service keeps of webhooks (migrations/V003__webhooks.sql)
// and how it reads and changes it, inside the caller's transaction. Rows
// are the registering organisation's (row-level security on
// fhub.organisation); the dispatcher reads and writes them under
// RowScope::Everything().

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"

namespace fhub::referrals {

struct WebhookEndpointRecord {
  int64_t id = 0;
  std::string organisation;  // "authorities/{id}" or "providers/{id}"
  std::string url;
  std::vector<int> event_types;
  std::string description;
  std::string secret;
  absl::Time create_time;
  std::optional<absl::Time> delete_time;
};

enum class DeliveryState { kPending, kDelivered, kFailed };

struct WebhookDeliveryRecord {
  int64_t id = 0;
  int64_t endpoint_id = 0;
  std::string organisation;
  std::string event;
  int event_type = 0;
  std::string body;
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  int last_status_code = 0;
  std::string last_error;
  absl::Time create_time;
  absl::Time next_attempt_time;
  std::optional<absl::Time> deliver_time;
};

// A delivery claimed for an attempt, with where and how to send it.
struct DueDelivery {
  WebhookDeliveryRecord delivery;  // attempts counts this one
  std::string url;
  std::string secret;
};

class WebhooksStore {
 public:
  static std::vector<db::PreparedStatement> Statements();

  // Sets `endpoint.id`.
  absl::Status InsertEndpoint(db::Tx& tx, WebhookEndpointRecord& endpoint);
  // The organisation's endpoints, deleted ones too, oldest first.
  absl::StatusOr<std::vector<WebhookEndpointRecord>> ListEndpoints(
      db::Tx& tx, const std::string& organisation);
  // NOT_FOUND unless the organisation has endpoint `id`.
  absl::StatusOr<WebhookEndpointRecord> FindEndpoint(
      db::Tx& tx, const std::string& organisation, int64_t id, bool for_update);
  // Marks the endpoint deleted at `at` and its PENDING deliveries FAILED.
  absl::Status DeleteEndpoint(db::Tx& tx, int64_t id, absl::Time at);

  // Queues `event` (of WebhookEventType `type`, POSTed as `body`) for every
  // live endpoint of `organisation` registered for `type`. An event already
  // queued for an endpoint is not queued again, nor is one that `occurred`
  // before the endpoint was registered. Returns how many were queued.
  absl::StatusOr<int> Enqueue(db::Tx& tx, const std::string& organisation,
                              int type, const std::string& event,
                              const std::string& body, absl::Time occurred,
                              absl::Time at);

  // Claims up to `limit` deliveries that are the head of their endpoint
  // (its oldest PENDING one), due by `now` and not leased, leasing each
  // until `lease_until` and counting the attempt.
  absl::StatusOr<std::vector<DueDelivery>> ClaimDue(db::Tx& tx, absl::Time now,
                                                    absl::Time lease_until,
                                                    int limit);
  // Records an attempt's outcome: `state` kDelivered (at `at`), kPending
  // (tried again at `next_attempt`) or kFailed (given up).
  absl::Status RecordAttempt(db::Tx& tx, int64_t delivery_id,
                             DeliveryState state, int status_code,
                             const std::string& error, absl::Time at,
                             absl::Time next_attempt);

  // The endpoint's deliveries with ids below `before_id` (0: from the
  // newest), newest first, at most `limit`.
  absl::StatusOr<std::vector<WebhookDeliveryRecord>> ListDeliveries(
      db::Tx& tx, int64_t endpoint_id, int64_t before_id, int limit);

  // Deletes up to `limit` DELIVERED or FAILED deliveries queued before
  // `before`; returns how many.
  absl::StatusOr<int> SweepFinished(db::Tx& tx, absl::Time before, int limit);
};

}  // namespace fhub::referrals
