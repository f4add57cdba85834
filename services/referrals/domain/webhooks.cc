#include "services/referrals/domain/webhooks.h"

#include <arpa/inet.h>
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

namespace {

// a.b.c.d as one number.
constexpr uint32_t V4(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

bool InV4(uint32_t address, uint32_t network, int bits) {
  const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (address & mask) == network;
}

bool IsPublicV4(uint32_t a) {
  struct Range {
    uint32_t network;
    int bits;
  };
  static constexpr Range kNotPublic[] = {
      {V4(0, 0, 0, 0), 8},      {V4(10, 0, 0, 0), 8},
      {V4(100, 64, 0, 0), 10},  {V4(127, 0, 0, 0), 8},
      {V4(169, 254, 0, 0), 16}, {V4(172, 16, 0, 0), 12},
      {V4(192, 0, 0, 0), 24},   {V4(192, 0, 2, 0), 24},
      {V4(192, 88, 99, 0), 24}, {V4(192, 168, 0, 0), 16},
      {V4(198, 18, 0, 0), 15},  {V4(198, 51, 100, 0), 24},
      {V4(203, 0, 113, 0), 24}, {V4(224, 0, 0, 0), 4},
      {V4(240, 0, 0, 0), 4},
  };
  for (const Range& r : kNotPublic) {
    if (InV4(a, r.network, r.bits)) return false;
  }
  return true;
}

}  // namespace

bool IsPublicAddress(absl::string_view ip) {
  const std::string text(ip);
  unsigned char b[16];
  if (inet_pton(AF_INET, text.c_str(), b) == 1) {
    return IsPublicV4(V4(b[0], b[1], b[2], b[3]));
  }
  if (inet_pton(AF_INET6, text.c_str(), b) != 1) return false;
  const bool zero_prefix =
      std::all_of(b, b + 10, [](unsigned char c) { return c == 0; });
  if (zero_prefix && b[10] == 0xff && b[11] == 0xff) {  // ::ffff:a.b.c.d
    return IsPublicV4(V4(b[12], b[13], b[14], b[15]));
  }
  if (zero_prefix && b[10] == 0 && b[11] == 0) return false;  // ::, ::1, ::/96
  if ((b[0] & 0xfe) == 0xfc) return false;                    // fc00::/7
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;    // fe80::/10
  if (b[0] == 0xff) return false;                             // ff00::/8
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) {
    return false;  // 2001:db8::/32, documentation
  }
  static constexpr unsigned char kNat64[12] = {0x00, 0x64, 0xff, 0x9b};
  if (std::equal(b, b + 12, kNat64)) {  // 64:ff9b::/96: an IPv4 through NAT64
    return IsPublicV4(V4(b[12], b[13], b[14], b[15]));
  }
  return true;
}

}  // namespace fhub::referrals
