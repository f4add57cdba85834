// Webhook endpoints' rules, signatures and retry spacing (webhooks.h).

#include "services/referrals/domain/webhooks.h"

#include <set>
#include <string>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::referrals {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr int kInvitationReceived =
    static_cast<int>(WebhookEvent::kInvitationReceived);
constexpr int kOfferMade = static_cast<int>(WebhookEvent::kOfferMade);
constexpr int kPlacementStarted =
    static_cast<int>(WebhookEvent::kPlacementStarted);

WebhookEndpointSpec Spec(std::string url, std::vector<int> types) {
  return {std::move(url), std::move(types), ""};
}

absl::Status Url(const std::string& url) {
  return ValidateEndpoint(Spec(url, {kPlacementStarted}),
                          WebhookOwner::kAuthority);
}

TEST(WebhookEndpointTest, AcceptsHttpsUrlsWithHostPortPathAndQuery) {
  EXPECT_THAT(Url("https://hooks.sefton.gov.uk/fhub"), IsOk());
  EXPECT_THAT(Url("https://hooks.sefton.gov.uk:8443/fhub?x=1"), IsOk());
  EXPECT_THAT(Url("HTTPS://Hooks.Sefton.gov.uk"), IsOk());
  EXPECT_THAT(Url("https://[2001:db8::1]:443/in"), IsOk());
  EXPECT_THAT(Url("https://127.0.0.1:9443/"), IsOk());
}

TEST(WebhookEndpointTest, RefusesUrlsTheHubWillNotDeliverTo) {
  const auto bad_url = [](const char* why) {
    return StatusIs(absl::StatusCode::kInvalidArgument,
                    AllOf(HasSubstr("webhook_endpoint.url"), HasSubstr(why)));
  };
  EXPECT_THAT(Url(""), bad_url("required"));
  EXPECT_THAT(Url("http://hooks.sefton.gov.uk/"), bad_url("https"));
  EXPECT_THAT(Url("ftp://hooks.sefton.gov.uk/"), bad_url("https"));
  EXPECT_THAT(Url("https:///path"), bad_url("no host"));
  EXPECT_THAT(Url("https://user:pw@hooks.sefton.gov.uk/"), bad_url("user"));
  EXPECT_THAT(Url("https://hooks.sefton.gov.uk/#top"), bad_url("fragment"));
  EXPECT_THAT(Url("https://hooks.sefton.gov.uk/a b"), bad_url("space"));
  EXPECT_THAT(Url("https://hooks.sefton.gov.uk:http/"), bad_url("port"));
  EXPECT_THAT(Url("https://hooks.sefton.gov.uk:99999/"), bad_url("port"));
  EXPECT_THAT(Url("https://[2001:db8::1/"), bad_url("IPv6"));
  EXPECT_THAT(Url("https://h.example/" + std::string(2100, 'a')),
              bad_url("longer than 2048"));
}

TEST(WebhookEndpointTest, EventTypesMustBeKnownSentToTheOwnerAndOnce) {
  const auto authority = WebhookOwner::kAuthority;
  const auto provider = WebhookOwner::kProvider;
  const std::string url = "https://hooks.example/in";
  EXPECT_THAT(
      ValidateEndpoint(Spec(url, {}), authority),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("webhook_endpoint.event_types: at least one")));
  EXPECT_THAT(ValidateEndpoint(Spec(url, {kPlacementStarted, 0}), authority),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("event_types[1]: is not a webhook event")));
  EXPECT_THAT(ValidateEndpoint(Spec(url, {kLastWebhookEvent + 1}), provider),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("event_types[0]: is not a webhook event")));
  EXPECT_THAT(ValidateEndpoint(Spec(url, {kInvitationReceived}), authority),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is never sent to an authority")));
  EXPECT_THAT(ValidateEndpoint(Spec(url, {kOfferMade}), provider),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is never sent to a provider")));
  EXPECT_THAT(
      ValidateEndpoint(Spec(url, {kOfferMade, kPlacementStarted, kOfferMade}),
                       authority),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("event_types[2]: is given twice")));
  EXPECT_THAT(
      ValidateEndpoint(Spec(url, {kOfferMade, kPlacementStarted}), authority),
      IsOk());
  EXPECT_THAT(ValidateEndpoint(Spec(url, {kInvitationReceived}), provider),
              IsOk());
}

TEST(WebhookEndpointTest, EveryEventTypeReachesSomeone) {
  for (int type = 1; type <= kLastWebhookEvent; ++type) {
    const auto event = static_cast<WebhookEvent>(type);
    EXPECT_TRUE(SentTo(event, WebhookOwner::kAuthority) ||
                SentTo(event, WebhookOwner::kProvider))
        << type;
  }
  // Both sides hear of a placement and of a suspension.
  EXPECT_TRUE(SentTo(WebhookEvent::kPlacementStarted, WebhookOwner::kProvider));
  EXPECT_TRUE(
      SentTo(WebhookEvent::kProviderSuspended, WebhookOwner::kAuthority));
  // An award is told to the provider; the authority made it.
  EXPECT_FALSE(SentTo(WebhookEvent::kOfferAwarded, WebhookOwner::kAuthority));
}

TEST(WebhookSecretTest, IsFreshHexFromTheRandomSource) {
  std::set<std::string> secrets;
  for (int i = 0; i < 50; ++i) {
    const std::string secret = NewWebhookSecret();
    EXPECT_THAT(secret, MatchesRegex("whsec_[0-9a-f]{64}"));
    secrets.insert(secret);
  }
  EXPECT_EQ(secrets.size(), 50u);
}

TEST(WebhookSignatureTest, MatchesAnIndependentHmacSha256) {
  // printf '%s' '1796893200.{"event":"events/referrals/7"}' |
  //   openssl dgst -sha256 -hmac whsec_test
  const absl::Time at = absl::FromUnixSeconds(1796893200);
  EXPECT_EQ(
      WebhookSignature("whsec_test", at, R"({"event":"events/referrals/7"})"),
      "t=1796893200,v1=e3a51c8af984b32823e45b996be03a0733ea536b581f6f29e8"
      "f22b00c25ebb59");
  // Any change to the body, the time or the secret changes it.
  EXPECT_NE(WebhookSignature("whsec_test", at, R"({"event":"events/8"})"),
            WebhookSignature("whsec_test", at, R"({"event":"events/7"})"));
  EXPECT_NE(WebhookSignature("whsec_test", at + absl::Seconds(1), "{}"),
            WebhookSignature("whsec_test", at, "{}"));
  EXPECT_NE(WebhookSignature("whsec_other", at, "{}"),
            WebhookSignature("whsec_test", at, "{}"));
}

TEST(RetryDelayTest, DoublesFromTheFirstUpToTheLongest) {
  const RetryPolicy policy;  // 5 s, doubling, at most an hour
  EXPECT_EQ(RetryDelay(policy, 1), absl::Seconds(5));
  EXPECT_EQ(RetryDelay(policy, 2), absl::Seconds(10));
  EXPECT_EQ(RetryDelay(policy, 3), absl::Seconds(20));
  EXPECT_EQ(RetryDelay(policy, 10), absl::Seconds(2560));
  EXPECT_EQ(RetryDelay(policy, 11), absl::Hours(1));
  EXPECT_EQ(RetryDelay(policy, 1000), absl::Hours(1));
  // Twelve attempts span about two and a half hours (8,715 s).
  absl::Duration total;
  for (int failed = 1; failed < policy.attempts; ++failed) {
    total += RetryDelay(policy, failed);
  }
  EXPECT_EQ(total, absl::Seconds(5 * (1 << 10) - 5 + 3600));
}

TEST(PublicAddressTest, OnlyTheInternetsAddressesArePublic) {
  for (const char* ip :
       {"8.8.8.8", "81.2.69.160", "172.15.255.255", "172.32.0.1",
        "100.63.255.255", "192.169.0.1", "2a00:1450:4009:81f::200e",
        "::ffff:81.2.69.160", "64:ff9b::808:808"}) {
    EXPECT_TRUE(IsPublicAddress(ip)) << ip;
  }
  for (const char* ip : {"127.0.0.1",
                         "127.255.0.9",
                         "10.1.2.3",
                         "172.16.0.1",
                         "172.31.255.255",
                         "192.168.1.1",
                         "169.254.169.254",
                         "100.64.0.1",
                         "0.0.0.0",
                         "224.0.0.1",
                         "255.255.255.255",
                         "198.18.0.1",
                         "192.0.2.10",
                         "::1",
                         "::",
                         "fd00::1",
                         "fc00::1",
                         "fe80::1",
                         "ff02::1",
                         "::ffff:127.0.0.1",
                         "::ffff:10.0.0.1",
                         "64:ff9b::a00:1",
                         "2001:db8::1",
                         "not-an-ip",
                         "",
                         "256.1.1.1"}) {
    EXPECT_FALSE(IsPublicAddress(ip)) << ip;
  }
}

TEST(DeliveredTest, OnlyTwoHundredsCount) {
  EXPECT_TRUE(Delivered(200));
  EXPECT_TRUE(Delivered(204));
  EXPECT_FALSE(Delivered(199));
  EXPECT_FALSE(Delivered(301));
  EXPECT_FALSE(Delivered(410));
  EXPECT_FALSE(Delivered(500));
}

}  // namespace
}  // namespace fhub::referrals
