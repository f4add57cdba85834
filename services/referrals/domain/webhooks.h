#pragma once

// Webhooks: an authority or a provider registers an HTTPS endpoint for event
// types, and each event of those types that concerns it is POSTed there,
// signed, in order, and tried again with backoff until answered with a 2xx.
// These are the rules; the fan-out from the event streams, the store and the
// sender are in api/webhook_dispatcher.h.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace fhub::referrals {

// The event types, numbered as the API's WebhookEventType.
enum class WebhookEvent {
  kInvitationReceived = 1,
  kOfferMade = 2,
  kOfferDeclined = 3,
  kOfferWithdrawn = 4,
  kInvitationClosed = 5,
  kOfferAwarded = 6,
  kOfferUnsuccessful = 7,
  kPlacementStarted = 8,
  kHoursChanged = 9,
  kPlacementEnded = 10,
  kReferralCancelled = 11,
  kProviderSuspended = 12,
  kProviderReinstated = 13,
};
inline constexpr int kLastWebhookEvent = 13;

// Who can register for an event type.
enum class WebhookOwner { kAuthority, kProvider };

// Whether events of `type` are ever sent to an owner of that kind (an
// authority is never sent a provider's invitations, a provider never an
// authority's offers).
bool SentTo(WebhookEvent type, WebhookOwner owner);

// An endpoint as registered.
struct WebhookEndpointSpec {
  std::string url;
  std::vector<int> event_types;  // WebhookEvent values as given
  std::string description;
};

// INVALID_ARGUMENT naming the field ("webhook_endpoint.url",
// "webhook_endpoint.event_types[2]") unless the endpoint is one the hub
// can deliver to: an https URL with a host, no user or password, no
// fragment, at most 2,048 characters; at least one event type, each known,
// sent to `owner`'s kind and not repeated. (The description is checked as
// text, at most kMostDescriptionChars characters, by the rpc.)
absl::Status ValidateEndpoint(const WebhookEndpointSpec& spec,
                              WebhookOwner owner);

inline constexpr size_t kMostDescriptionChars = 200;

// A fresh signing secret: "whsec_" and 64 hex digits from the system's
// random source.
std::string NewWebhookSecret();

// The Fhub-Signature header's value for `body` sent at `at`:
// "t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}" keyed with the
// secret}".
std::string WebhookSignature(absl::string_view secret, absl::Time at,
                             absl::string_view body);

// How retries are spaced: after the n-th failed attempt (n >= 1) the next
// comes `first * 2^(n-1)` later, never more than `longest`; after
// `attempts` failures the delivery is given up.
struct RetryPolicy {
  absl::Duration first = absl::Seconds(5);
  absl::Duration longest = absl::Hours(1);
  int attempts = 12;
};

// The wait after the `failed`-th failed attempt.
absl::Duration RetryDelay(const RetryPolicy& policy, int failed);

// Whether `ip` (IPv4 dotted or IPv6 text) is an address on the public
// internet: not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
// shared (100.64/10), link-local (169.254/16 with the cloud metadata
// services, fe80::/10), unspecified, multicast, reserved or documentation
// space; IPv4-mapped IPv6 is judged as its IPv4. False for text that is not
// an address. Deliveries go only to public addresses unless told otherwise,
// so an endpoint cannot aim the hub at its own network.
bool IsPublicAddress(absl::string_view ip);

// Whether an HTTP answer counts as delivered (2xx).
inline bool Delivered(int status_code) {
  return status_code >= 200 && status_code < 300;
}

}  // namespace fhub::referrals
