#pragma once

// Delivers webhooks (domain/webhooks.h) in two steps, each resumable:
//   - fan-out: reads the service's own outbox after the position saved as
//     stream 'webhooks' (stream_positions), and queues a delivery for each
//     live endpoint of each organisation an event concerns, in the same
//     transaction as the new position, so an event is queued once however
//     many replicas run; suspensions from the registry's stream are queued
//     by the follower in the transaction that applies them;
//   - sending: claims each endpoint's oldest pending delivery once due
//     (a lease, so replicas never send one twice at once), POSTs it over
//     HTTPS with its signature, and records the answer: delivered on a 2xx,
//     otherwise tried again after the retry policy's delay, and given up
//     after its last attempt. A sender that dies mid-attempt leaves the
//     lease to run out, and the delivery is tried again.
// Delivery is at least once: a receiver drops repeats by `event`.

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "fhub/referrals/v1/referrals.pb.h"
#include "fhub/registry/v1/registry.pb.h"
#include "services/referrals/domain/webhooks.h"
#include "services/referrals/storage/referrals_store.h"
#include "services/referrals/storage/webhooks_store.h"

namespace fhub::referrals {

// Who an event is sent to, "authorities/{id}" or "providers/{id}", and as
// what.
struct WebhookRecipient {
  std::string organisation;
  WebhookEvent type;
  bool operator==(const WebhookRecipient& o) const {
    return organisation == o.organisation && type == o.type;
  }
};
std::vector<WebhookRecipient> RecipientsOf(const v1::Event& event);
// A suspension or reinstatement goes to the provider and, when it is for
// one member, to that authority; when framework-wide, to each of
// `members` (the framework's active members' ids).
std::vector<WebhookRecipient> RecipientsOf(
    const registry::v1::Event& event, const std::vector<std::string>& members);

// Whether RecipientsOf(event, members) needs the framework's members.
bool NeedsMembers(const registry::v1::Event& event);

// Queues a registry event's deliveries (the follower, in its transaction).
absl::Status EnqueueRegistryWebhooks(db::Tx& tx, WebhooksStore& store,
                                     const registry::v1::Event& event,
                                     const std::vector<std::string>& members,
                                     absl::Time now);

// An HTTPS POST: the answer's status code, or an error saying why there
// was none. Injected so that tests can count attempts.
struct WebhookPost {
  std::string url;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};
using WebhookSender =
    std::function<absl::StatusOr<int>(const WebhookPost& post)>;

struct WebhookOptions {
  RetryPolicy retry;
  // How often the fan-out and the sender look for work when idle.
  absl::Duration poll = absl::Milliseconds(100);
  // An attempt's connect, send and read time, each.
  absl::Duration timeout = absl::Seconds(10);
  // Certificate authorities that endpoints' certificates are checked with.
  std::string ca_file = "/etc/ssl/certs/ca-certificates.crt";
  // Whether endpoints may resolve to loopback, private or link-local
  // addresses (IsPublicAddress): for local development and tests only.
  bool allow_private_addresses = false;
  // Deliveries claimed (and sent in parallel) at a time.
  int batch = 8;
  // How long delivered and failed deliveries stay listed.
  absl::Duration keep_finished = absl::Hours(24 * 30);
};

// POSTs with cpp-httplib over TLS, verifying the endpoint's certificate and
// host name against `options.ca_file`; no redirects are followed. The host
// is resolved first and refused (FAILED_PRECONDITION, recorded as the
// attempt's error) if any of its addresses is not public, unless
// `options.allow_private_addresses`.
WebhookSender HttpsWebhookSender(const WebhookOptions& options);

class WebhookDispatcher {
 public:
  WebhookDispatcher(db::Pool* pool, ReferralsStore* store,
                    WebhooksStore* webhooks, const Clock* clock,
                    WebhookOptions options, WebhookSender sender);
  ~WebhookDispatcher();
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  void Start();
  void Stop();

  // One pass of each step (exposed for tests): the events read, the
  // attempts made.
  absl::StatusOr<int> FanOut(int limit = 200);
  absl::StatusOr<int> SendDue();
  // Deletes finished deliveries older than options.keep_finished, up to
  // `limit`; called by the service's housekeeping.
  absl::StatusOr<int> Sweep(int limit = 1000);

 private:
  void Loop(const std::function<absl::StatusOr<int>()>& pass, const char* what);

  db::Pool& pool_;
  ReferralsStore& store_;
  WebhooksStore& webhooks_;
  const Clock& clock_;
  WebhookOptions options_;
  WebhookSender sender_;
  absl::Notification stop_;
  std::vector<std::thread> threads_;
};

}  // namespace fhub::referrals
