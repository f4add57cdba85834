// Console sessions: sealed cookies, safe return paths, and the start of a
// sign-in (PKCE S256, state and nonce, the login cookie).

#include <openssl/sha.h>

#include <map>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "common/auth/external_issuers.h"
#include "common/clock.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/gateway/api/oidc_sign_in.h"
#include "services/gateway/api/session_cookie.h"

namespace fhub::gateway {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(SessionSealTest, OpensOnlyWhatItSealedForThatPurpose) {
  const SessionSeal seal("a key of more than thirty-two bytes, for tests");
  const std::string sealed = seal.Seal("session", "the token");
  EXPECT_THAT(seal.Open("session", sealed),
              ::fhub::testing::IsOkAndHolds(::testing::Eq("the token")));
  EXPECT_THAT(seal.Open("login", sealed),
              StatusIs(absl::StatusCode::kUnauthenticated));
  std::string tampered = sealed;
  tampered[tampered.size() / 2] ^= 1;
  EXPECT_FALSE(seal.Open("session", tampered).ok());
  EXPECT_FALSE(seal.Open("session", "garbage").ok());
  const SessionSeal other("another key of more than thirty-two bytes!!");
  EXPECT_FALSE(other.Open("session", sealed).ok());
  // Sealing twice gives different cookies (a fresh nonce each time).
  EXPECT_NE(seal.Seal("session", "x"), seal.Seal("session", "x"));
}

TEST(SessionSealTest, SessionsRoundTripAndExpire) {
  const SessionSeal seal("");
  Session session;
  session.token = "eyJ...";
  session.via = "sefton";
  session.expires = absl::FromUnixSeconds(1800000600);
  session.subject = "person-1";
  session.organisation = "authorities/sefton";
  session.roles = {"COMMISSIONER"};
  const std::string cookie = SealSession(seal, session);
  auto opened = OpenSession(seal, cookie, absl::FromUnixSeconds(1800000000));
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(opened->token, "eyJ...");
  EXPECT_EQ(opened->organisation, "authorities/sefton");
  EXPECT_EQ(opened->roles, session.roles);
  EXPECT_FALSE(
      OpenSession(seal, cookie, absl::FromUnixSeconds(1800000600)).has_value());
}

TEST(CookieTest, ReadAndSet) {
  EXPECT_EQ(CookieValue("a=1; fhub_session=xyz; b=2", "fhub_session"), "xyz");
  EXPECT_EQ(CookieValue("fhub_session_old=1", "fhub_session"), "");
  EXPECT_EQ(SetCookie("fhub_session", "v", "/", 60, true),
            "fhub_session=v; Path=/; Max-Age=60; HttpOnly; Secure; "
            "SameSite=Lax");
}

TEST(SafeReturnPathTest, OnlyPathsOnThisSite) {
  EXPECT_EQ(SafeReturnPath("/referrals/1"), "/referrals/1");
  EXPECT_EQ(SafeReturnPath("//evil.example/x"), "/");
  EXPECT_EQ(SafeReturnPath("https://evil.example/"), "/");
  EXPECT_EQ(SafeReturnPath("/\\evil.example"), "/");
  EXPECT_EQ(SafeReturnPath("/auth/callback"), "/");
  EXPECT_EQ(SafeReturnPath(""), "/");
}

class OidcBeginTest : public ::testing::Test {
 protected:
  OidcBeginTest()
      : clock_(absl::FromUnixSeconds(1800000000)),
        seal_("a key of more than thirty-two bytes, for tests") {
    auto trusted = auth::ParseTrustConfig(R"({"issuers": [{
      "id": "sefton", "issuer": "https://idp.example/sefton",
      "audience": "fhub", "organisation": "authorities/sefton",
      "roles": {"c": "COMMISSIONER"},
      "console": {"display_name": "Sefton Council", "client_id": "console",
                  "scopes": "openid profile"}}, {
      "id": "api-only", "issuer": "https://idp.example/api",
      "audience": "fhub", "organisation": "authorities/wirral",
      "roles": {"c": "COMMISSIONER"}}]})");
    EXPECT_TRUE(trusted.ok()) << trusted.status();
    issuers_ = std::make_unique<auth::ExternalIssuers>(
        *trusted,
        [](const std::string& url,
           absl::Duration) -> absl::StatusOr<std::string> {
          if (url ==
              "https://idp.example/sefton/.well-known/openid-configuration") {
            return std::string(R"({"issuer": "https://idp.example/sefton",
              "authorization_endpoint": "https://idp.example/sefton/auth",
              "token_endpoint": "https://idp.example/sefton/token",
              "jwks_uri": "https://idp.example/sefton/jwks"})");
          }
          return absl::UnavailableError("no such document");
        },
        &clock_);
    OidcOptions options;
    options.public_url = "https://hub.example";
    oidc_ = std::make_unique<OidcSignIn>(options, issuers_.get(), &seal_,
                                         &clock_);
  }

  static std::map<std::string, std::string> Query(const std::string& url) {
    std::map<std::string, std::string> out;
    for (absl::string_view pair :
         absl::StrSplit(url.substr(url.find('?') + 1), '&')) {
      std::pair<std::string, std::string> kv =
          absl::StrSplit(pair, absl::MaxSplits('=', 1));
      out[kv.first] = kv.second;
    }
    return out;
  }

  FakeClock clock_;
  SessionSeal seal_;
  std::unique_ptr<auth::ExternalIssuers> issuers_;
  std::unique_ptr<OidcSignIn> oidc_;
};

TEST_F(OidcBeginTest, RedirectsWithPkceStateAndNonce) {
  EXPECT_EQ(oidc_->ProvidersJson(),
            R"([{"displayName":"Sefton Council","id":"sefton",)"
            R"("signIn":"/auth/login?issuer=sefton"}])");
  auto redirect = oidc_->Begin("sefton", "/referrals");
  ASSERT_THAT(redirect.status(), IsOk());
  EXPECT_THAT(redirect->location, StartsWith("https://idp.example/sefton/auth?"));
  auto query = Query(redirect->location);
  EXPECT_EQ(query["response_type"], "code");
  EXPECT_EQ(query["client_id"], "console");
  EXPECT_EQ(query["redirect_uri"], "https%3A%2F%2Fhub.example%2Fauth%2Fcallback");
  EXPECT_EQ(query["scope"], "openid%20profile");
  EXPECT_EQ(query["code_challenge_method"], "S256");
  EXPECT_EQ(query["code_challenge"].size(), 43u);  // SHA-256, base64url
  EXPECT_GE(query["state"].size(), 20u);
  EXPECT_GE(query["nonce"].size(), 20u);
  ASSERT_EQ(redirect->set_cookies.size(), 1u);
  EXPECT_THAT(redirect->set_cookies[0],
              StartsWith(std::string(kLoginCookie) + "="));
  EXPECT_THAT(redirect->set_cookies[0],
              HasSubstr("Path=/auth; Max-Age=600; HttpOnly; Secure"));
  // Another sign-in gets another verifier, state and nonce.
  auto again = oidc_->Begin("sefton", "/");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(Query(again->location)["state"], query["state"]);
}

TEST_F(OidcBeginTest, RefusesWhatItCannotFinish) {
  EXPECT_THAT(oidc_->Begin("api-only", "/"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no sign-in through \"api-only\"")));
  EXPECT_THAT(oidc_->Begin("nobody", "/"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  auto redirect = oidc_->Begin("sefton", "/");
  ASSERT_TRUE(redirect.ok());
  const std::string cookie = redirect->set_cookies[0].substr(
      std::string(kLoginCookie).size() + 1,
      redirect->set_cookies[0].find(';') - std::string(kLoginCookie).size() - 1);
  EXPECT_THAT(oidc_->Finish("code", "not-the-state", cookie),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("state does not match")));
  EXPECT_THAT(oidc_->Finish("code", Query(redirect->location)["state"], ""),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("no login cookie")));
  clock_.Advance(absl::Minutes(11));
  EXPECT_THAT(oidc_->Finish("code", Query(redirect->location)["state"], cookie),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("too long")));
}

}  // namespace
}  // namespace fhub::gateway
