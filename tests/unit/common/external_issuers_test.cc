// External issuers' tokens verified with real keys and signatures: keys by
// kid from the issuer's published set, rotation without a restart, the
// refresh rate limit, and every refusal (forged, expired, wrong audience,
// wrong issuer, another organisation, an algorithm or key the issuer does
// not publish); and the hub's own tokens beside them.

#include "common/auth/external_issuers.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/auth/token.h"
#include "common/clock.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/test_issuer.h"

namespace fhub::auth {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::fhub::testing::TestSigningKey;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr auto kUnauthenticated = absl::StatusCode::kUnauthenticated;
constexpr char kSeftonIss[] = "https://login.example/sefton/v2.0";
constexpr char kWirralIss[] = "https://login.example/wirral/v2.0";
constexpr char kHubSecret[] = "hub-secret-of-at-least-32-bytes-long";

// Two councils' tenants, each publishing its keys at its own discovery
// document, served from memory.
class ExternalIssuersTest : public ::testing::Test {
 protected:
  ExternalIssuersTest()
      : clock_(absl::FromUnixSeconds(1800000000)),
        sefton_key_(TestSigningKey::Rsa("sefton-1")),
        wirral_key_(TestSigningKey::Ec("wirral-1")) {
    Publish("sefton", kSeftonIss, {&sefton_key_});
    Publish("wirral", kWirralIss, {&wirral_key_});
    auto issuers = ParseTrustConfig(absl::StrCat(
        R"({"issuers": [)", Entry("sefton", kSeftonIss), ",",
        Entry("wirral", kWirralIss), "]}"));
    EXPECT_TRUE(issuers.ok()) << issuers.status();
    TokenOptions options;
    options.key = kHubSecret;
    options.issuer = "fhub-dev";
    options.audience = "fhub";
    options.trusted_issuers = *issuers;
    options.http_get = [this](const std::string& url, absl::Duration) {
      return Get(url);
    };
    verifier_ = std::make_unique<TokenVerifier>(options, &clock_);
  }

  static std::string Entry(const std::string& id, const std::string& iss) {
    return absl::StrCat(R"({"id": ")", id, R"(", "issuer": ")", iss,
                        R"(", "audience": "api://fhub", "organisation": )"
                        R"("authorities/)", id,
                        R"(", "roles": {"fhub-commissioner": "COMMISSIONER"}})");
  }

  void Publish(const std::string& id, const std::string& iss,
               const std::vector<const TestSigningKey*>& keys) {
    documents_[absl::StrCat(iss, "/.well-known/openid-configuration")] =
        absl::StrCat(R"({"issuer": ")", iss, R"(", "jwks_uri": ")", iss,
                     R"(/jwks", "authorization_endpoint": ")", iss,
                     R"(/authorize", "token_endpoint": ")", iss,
                     R"(/token"})");
    documents_[absl::StrCat(iss, "/jwks")] = testing::JwksJson(keys);
  }

  absl::StatusOr<std::string> Get(const std::string& url) {
    ++fetches_[url];
    if (down_) return absl::UnavailableError("the issuer is down");
    auto it = documents_.find(url);
    if (it == documents_.end()) return absl::UnavailableError("404");
    return it->second;
  }

  std::string Claims(const std::string& iss, const std::string& extra = "",
                     int64_t exp_in = 600, const std::string& aud =
                                               "api://fhub") {
    return absl::StrCat(R"({"iss": ")", iss, R"(", "aud": ")", aud,
                        R"(", "sub": "person-1", "exp": )",
                        absl::ToUnixSeconds(clock_.Now()) + exp_in,
                        R"(, "roles": ["fhub-commissioner"])", extra, "}");
  }

  int JwksFetches(const std::string& iss) {
    return fetches_[absl::StrCat(iss, "/jwks")];
  }

  FakeClock clock_;
  TestSigningKey sefton_key_, wirral_key_;
  std::map<std::string, std::string> documents_;
  std::map<std::string, int> fetches_;
  bool down_ = false;
  std::unique_ptr<TokenVerifier> verifier_;
};

TEST_F(ExternalIssuersTest, EachCouncilsTenantSpeaksForItsCouncil) {
  auto sefton = verifier_->Verify(sefton_key_.Sign(Claims(kSeftonIss)));
  ASSERT_THAT(sefton.status(), IsOk());
  EXPECT_EQ(sefton->organisation, "authorities/sefton");
  EXPECT_EQ(sefton->subject, "person-1");
  EXPECT_THAT(sefton->roles, ElementsAre(Role::kCommissioner));
  // ES256 from Wirral's tenant.
  auto wirral = verifier_->Verify(wirral_key_.Sign(Claims(kWirralIss)));
  ASSERT_THAT(wirral.status(), IsOk());
  EXPECT_EQ(wirral->organisation, "authorities/wirral");
  EXPECT_EQ(JwksFetches(kSeftonIss), 1);
}

TEST_F(ExternalIssuersTest, OneCouncilCannotActAsAnother) {
  // Sefton's tenant asserting Wirral.
  EXPECT_THAT(verifier_->Verify(sefton_key_.Sign(
                  Claims(kSeftonIss, R"(, "org": "authorities/wirral")"))),
              StatusIs(kUnauthenticated,
                       HasSubstr("may not speak for authorities/wirral")));
  // Wirral's issuer name with Sefton's key: Wirral does not publish it.
  EXPECT_THAT(verifier_->Verify(sefton_key_.Sign(Claims(kWirralIss))),
              StatusIs(kUnauthenticated));
}

TEST_F(ExternalIssuersTest, ForgedExpiredWrongAudienceAndUnknownIssuer) {
  // Signed by a key that claims Sefton's kid but is not Sefton's.
  const TestSigningKey impostor = TestSigningKey::Rsa("sefton-1");
  EXPECT_THAT(verifier_->Verify(impostor.Sign(Claims(kSeftonIss))),
              StatusIs(kUnauthenticated, HasSubstr("bad signature")));
  EXPECT_THAT(verifier_->Verify(sefton_key_.Sign(Claims(kSeftonIss, "", -60))),
              StatusIs(kUnauthenticated, HasSubstr("expired")));
  EXPECT_THAT(verifier_->Verify(
                  sefton_key_.Sign(Claims(kSeftonIss, "", 600, "api://other"))),
              StatusIs(kUnauthenticated, HasSubstr("wrong audience")));
  EXPECT_THAT(verifier_->Verify(sefton_key_.Sign(
                  Claims("https://login.example/knowsley"))),
              StatusIs(kUnauthenticated, HasSubstr("not trusted")));
  // A tampered payload.
  std::string token = sefton_key_.Sign(Claims(kSeftonIss));
  const size_t dot = token.find('.');
  token[dot + 5] = token[dot + 5] == 'A' ? 'B' : 'A';
  EXPECT_THAT(verifier_->Verify(token), StatusIs(kUnauthenticated));
}

TEST_F(ExternalIssuersTest, OnlyRs256AndEs256FromAnExternalIssuer) {
  // An HMAC token that names Sefton's tenant: whatever its secret, it is
  // not checked against a key the issuer publishes.
  TokenClaims claims;
  claims.subject = "x";
  claims.organisation = "authorities/sefton";
  claims.roles = {Role::kCommissioner};
  claims.issuer = kSeftonIss;
  claims.audience = "api://fhub";
  claims.issued_at = clock_.Now();
  claims.expires_at = clock_.Now() + absl::Minutes(5);
  auto hmac = IssueToken(claims, kHubSecret);
  ASSERT_TRUE(hmac.ok());
  EXPECT_THAT(verifier_->Verify(*hmac),
              StatusIs(kUnauthenticated, HasSubstr("HS256")));
}

TEST_F(ExternalIssuersTest, ARotatedKeyIsFetchedWhenItsKidFirstArrives) {
  ASSERT_THAT(verifier_->Verify(sefton_key_.Sign(Claims(kSeftonIss))).status(),
              IsOk());
  // A minute later Sefton rotates: the new key signs, the set publishes
  // both.
  clock_.Advance(absl::Minutes(1));
  const TestSigningKey next = TestSigningKey::Rsa("sefton-2");
  Publish("sefton", kSeftonIss, {&sefton_key_, &next});
  auto rotated = verifier_->Verify(next.Sign(Claims(kSeftonIss, R"(, "n": 1)")));
  ASSERT_THAT(rotated.status(), IsOk());
  EXPECT_EQ(JwksFetches(kSeftonIss), 2);
  // Unknown kids do not make the hub fetch again within 30 s.
  const TestSigningKey unknown = TestSigningKey::Rsa("sefton-9");
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(
        verifier_->Verify(unknown.Sign(Claims(kSeftonIss, absl::StrCat(
                                                  R"(, "i": )", i)))),
        StatusIs(kUnauthenticated, HasSubstr("no key sefton-9")));
  }
  EXPECT_EQ(JwksFetches(kSeftonIss), 2);
  clock_.Advance(absl::Seconds(31));
  EXPECT_THAT(verifier_->Verify(unknown.Sign(Claims(kSeftonIss))),
              StatusIs(kUnauthenticated));
  EXPECT_EQ(JwksFetches(kSeftonIss), 3);
}

TEST_F(ExternalIssuersTest, AnIssuerThatCannotBeReachedIsUnavailable) {
  down_ = true;
  EXPECT_THAT(verifier_->Verify(sefton_key_.Sign(Claims(kSeftonIss))),
              StatusIs(absl::StatusCode::kUnavailable,
                       HasSubstr("cannot read the keys of issuer sefton")));
  // Once it is back (and the rate limit has passed), it works.
  down_ = false;
  clock_.Advance(absl::Seconds(31));
  EXPECT_THAT(verifier_->Verify(sefton_key_.Sign(Claims(kSeftonIss))).status(),
              IsOk());
  // Keys already held outlive a later outage.
  down_ = true;
  clock_.Advance(absl::Hours(2));
  EXPECT_THAT(
      verifier_->Verify(sefton_key_.Sign(Claims(kSeftonIss, R"(, "n": 2)")))
          .status(),
      IsOk());
}

TEST_F(ExternalIssuersTest, TheHubsOwnTokensStillVerify) {
  TokenClaims claims;
  claims.subject = "fhub-referrals";
  claims.organisation = "services/referrals";
  claims.roles = {Role::kService};
  claims.issuer = "fhub-dev";
  claims.audience = "fhub";
  claims.issued_at = clock_.Now();
  claims.expires_at = clock_.Now() + absl::Minutes(5);
  auto token = IssueToken(claims, kHubSecret);
  ASSERT_TRUE(token.ok());
  auto principal = verifier_->Verify(*token);
  ASSERT_THAT(principal.status(), IsOk());
  EXPECT_THAT(principal->roles, ElementsAre(Role::kService));
}

TEST_F(ExternalIssuersTest, ATokenThatNamesItsOwnKeyIsRefused) {
  // {"alg":"RS256","jku":"https://evil.example/jwks"} . claims . signature
  const std::string token = sefton_key_.Sign(Claims(kSeftonIss));
  const std::string header =
      "eyJhbGciOiJSUzI1NiIsImprdSI6Imh0dHBzOi8vZXZpbC5leGFtcGxlL2p3a3MifQ";
  const std::string forged = header + token.substr(token.find('.'));
  EXPECT_THAT(verifier_->Verify(forged),
              StatusIs(kUnauthenticated, HasSubstr("jku")));
  EXPECT_EQ(fetches_.count("https://evil.example/jwks"), 0u);
}

}  // namespace
}  // namespace fhub::auth
