#include "services/referrals/domain/webhooks.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace fhub::referrals {
namespace {

constexpr size_t kMostUrlChars = 2048;
constexpr char kUrlField[] = "webhook_endpoint.url";

absl::Status BadUrl(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(kUrlField, ": ", why));
}

absl::Status ValidateUrl(absl::string_view url) {
  if (url.empty()) return BadUrl("is required");
  if (url.size() > kMostUrlChars) {
    return BadUrl(
        absl::StrCat("is longer than ", kMostUrlChars, " characters"));
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return BadUrl("holds a space or a control character");
    }
  }
  constexpr absl::string_view kScheme = "https://";
  if (!absl::StartsWithIgnoreCase(url, kScheme)) {
    return BadUrl("must be an https:// URL (deliveries are sent over TLS)");
  }
  if (absl::StrContains(url, '#')) return BadUrl("must not have a fragment");
  absl::string_view rest = url.substr(kScheme.size());
  const absl::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (absl::StrContains(authority, '@')) {
    return BadUrl("must not carry a user or password");
  }
  absl::string_view host = authority;
  if (absl::StartsWith(host, "[")) {
    const size_t close = host.find(']');
    if (close == absl::string_view::npos || close == 1) {
      return BadUrl("has a malformed IPv6 host");
    }
    host = host.substr(0, close + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return BadUrl("has no host");
  const absl::string_view after = authority.substr(host.size());
  if (!after.empty()) {
    const absl::string_view port = after.substr(1);
    const bool digits =
        after[0] == ':' && !port.empty() && port.size() <= 5 &&
        std::all_of(port.begin(), port.end(), absl::ascii_isdigit);
    const int value = digits ? std::stoi(std::string(port)) : 0;
    if (value < 1 || value > 65535) {
      return BadUrl(absl::StrCat("has a bad port '", port, "'"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool SentTo(WebhookEvent type, WebhookOwner owner) {
  const bool authority = owner == WebhookOwner::kAuthority;
  switch (type) {
    case WebhookEvent::kInvitationReceived:
    case WebhookEvent::kInvitationClosed:
    case WebhookEvent::kOfferAwarded:
    case WebhookEvent::kOfferUnsuccessful:
      return !authority;
    case WebhookEvent::kOfferMade:
    case WebhookEvent::kOfferDeclined:
    case WebhookEvent::kOfferWithdrawn:
    case WebhookEvent::kReferralCancelled:
      return authority;
    case WebhookEvent::kPlacementStarted:
    case WebhookEvent::kHoursChanged:
    case WebhookEvent::kPlacementEnded:
    case WebhookEvent::kProviderSuspended:
    case WebhookEvent::kProviderReinstated:
      return true;
  }
  return false;
}

absl::Status ValidateEndpoint(const WebhookEndpointSpec& spec,
                              WebhookOwner owner) {
  if (absl::Status url = ValidateUrl(spec.url); !url.ok()) return url;
  if (spec.event_types.empty()) {
    return absl::InvalidArgumentError(
        "webhook_endpoint.event_types: at least one is required");
  }
  std::set<int> seen;
  for (size_t i = 0; i < spec.event_types.size(); ++i) {
    const int type = spec.event_types[i];
    const std::string field =
        absl::StrCat("webhook_endpoint.event_types[", i, "]");
    if (type < 1 || type > kLastWebhookEvent) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": is not a webhook event type"));
    }
    if (!SentTo(static_cast<WebhookEvent>(type), owner)) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": is never sent to ",
          owner == WebhookOwner::kAuthority ? "an authority" : "a provider"));
    }
    if (!seen.insert(type).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": is given twice"));
    }
  }
  return absl::OkStatus();
}

std::string NewWebhookSecret() {
  unsigned char bytes[32];
  RAND_bytes(bytes, sizeof(bytes));
  return absl::StrCat(
      "whsec_", absl::BytesToHexString(absl::string_view(
                    reinterpret_cast<const char*>(bytes), sizeof(bytes))));
}

std::string WebhookSignature(absl::string_view secret, absl::Time at,
                             absl::string_view body) {
  const std::string t = absl::StrCat(absl::ToUnixSeconds(at));
  const std::string signed_text = absl::StrCat(t, ".", body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_text.data()),
       signed_text.size(), mac, &length);
  return absl::StrCat("t=", t, ",v1=",
                      absl::BytesToHexString(absl::string_view(
                          reinterpret_cast<const char*>(mac), length)));
}

absl::Duration RetryDelay(const RetryPolicy& policy, int failed) {
  absl::Duration delay = policy.first;
  for (int i = 1; i < failed && delay < policy.longest; ++i) delay *= 2;
  return std::min(delay, policy.longest);
}

}  // namespace fhub::referrals
