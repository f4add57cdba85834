#include "common/auth/token.h"

#include <jwt.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/clock.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::auth {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr auto kUnauthenticated = absl::StatusCode::kUnauthenticated;
constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

constexpr char kSecret[] = "test-secret-of-at-least-32-bytes!";
constexpr char kOtherSecret[] = "another-secret-at-least-32-bytes!";

// A P-256 key pair made for these tests only.
constexpr char kEcPrivateKey[] = R"(-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIBkEDQ0tar8uaZqWsXogliF+agGfAJPvxDIYJXdK6TONoAoGCCqGSM49
AwEHoUQDQgAEskYQmEouiMBRbS3eENFM6T0IlSIoGwDozUoRhWMR/kdP/Kv2EfCv
GsszEAjTEMEMkLBzke3zXmsAhedZEYF0TA==
-----END EC PRIVATE KEY-----
)";
constexpr char kEcPublicKey[] = R"(-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEskYQmEouiMBRbS3eENFM6T0IlSIo
GwDozUoRhWMR/kdP/Kv2EfCvGsszEAjTEMEMkLBzke3zXmsAhedZEYF0TA==
-----END PUBLIC KEY-----
)";

const absl::Time kNow = absl::FromUnixSeconds(1'717'000'000);

TokenOptions Options() {
  TokenOptions options;
  options.key = kSecret;
  options.issuer = "fhub-test";
  options.audience = "fhub";
  return options;
}

TokenClaims Claims() {
  TokenClaims claims;
  claims.subject = "user-17";
  claims.organisation = "authorities/sefton";
  claims.roles = {Role::kCommissioner, Role::kEvaluator};
  claims.issuer = "fhub-test";
  claims.audience = "fhub";
  claims.issued_at = kNow;
  claims.expires_at = kNow + absl::Hours(1);
  return claims;
}

std::string Issue(const TokenClaims& claims, absl::string_view key = kSecret,
                  absl::string_view algorithm = "HS256") {
  auto token = IssueToken(claims, key, algorithm);
  EXPECT_THAT(token, IsOk());
  return token.ok() ? *token : "";
}

// Signs a claims object written by hand, for claims IssueToken never writes.
std::string SignJson(const std::string& json,
                     jwt_alg_t algorithm = JWT_ALG_HS256,
                     absl::string_view key = kSecret) {
  jwt_t* jwt = nullptr;
  EXPECT_EQ(jwt_new(&jwt), 0);
  EXPECT_EQ(jwt_add_grants_json(jwt, json.c_str()), 0);
  EXPECT_EQ(
      jwt_set_alg(jwt, algorithm,
                  algorithm == JWT_ALG_NONE
                      ? nullptr
                      : reinterpret_cast<const unsigned char*>(key.data()),
                  algorithm == JWT_ALG_NONE ? 0 : static_cast<int>(key.size())),
      0);
  char* encoded = jwt_encode_str(jwt);
  std::string token = encoded != nullptr ? encoded : "";
  std::free(encoded);
  jwt_free(jwt);
  return token;
}

// The usual claims as JSON, with `extra` fields appended.
std::string ClaimsJson(absl::string_view extra = "") {
  return absl::StrCat(R"({"sub":"user-17","org":"authorities/sefton",)",
                      R"("iss":"fhub-test","aud":"fhub","exp":)",
                      absl::ToUnixSeconds(kNow + absl::Hours(1)), extra, "}");
}

class TokenVerifierTest : public ::testing::Test {
 protected:
  FakeClock clock_{kNow};
  TokenVerifier verifier_{Options(), &clock_};
};

TEST_F(TokenVerifierTest, IssuedTokenVerifiesIntoAPrincipal) {
  auto principal = verifier_.Verify(Issue(Claims()));
  ASSERT_THAT(principal, IsOk());
  EXPECT_EQ(principal->subject, "user-17");
  EXPECT_EQ(principal->organisation, "authorities/sefton");
  EXPECT_THAT(principal->roles,
              ElementsAre(Role::kCommissioner, Role::kEvaluator));
}

TEST_F(TokenVerifierTest, AuthorizationHeaderNeedsBearer) {
  const std::string token = Issue(Claims());
  EXPECT_THAT(verifier_.VerifyAuthorizationHeader("Bearer " + token), IsOk());
  EXPECT_THAT(verifier_.VerifyAuthorizationHeader("bearer " + token), IsOk());
  EXPECT_THAT(verifier_.VerifyAuthorizationHeader(token),
              StatusIs(kUnauthenticated, HasSubstr("Bearer <token>")));
  EXPECT_THAT(verifier_.VerifyAuthorizationHeader("Basic dXNlcjpwYXNz"),
              StatusIs(kUnauthenticated, HasSubstr("Bearer <token>")));
  EXPECT_THAT(verifier_.VerifyAuthorizationHeader("Bearer"),
              StatusIs(kUnauthenticated));
  EXPECT_THAT(verifier_.VerifyAuthorizationHeader("Bearer "),
              StatusIs(kUnauthenticated));
  EXPECT_THAT(verifier_.VerifyAuthorizationHeader(""),
              StatusIs(kUnauthenticated, HasSubstr("missing bearer token")));
}

TEST_F(TokenVerifierTest, ExpiredTokenIsRefusedAfterTheLeeway) {
  const std::string token = Issue(Claims());  // Expires at kNow + 1h.
  clock_.Set(kNow + absl::Hours(1) + absl::Seconds(29));
  EXPECT_THAT(verifier_.Verify(token), IsOk());
  clock_.Set(kNow + absl::Hours(1) + absl::Seconds(30));
  EXPECT_THAT(verifier_.Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("expired")));
}

TEST_F(TokenVerifierTest, ARememberedTokenAnswersAgainUntilItExpires) {
  const std::string token = Issue(Claims());
  ASSERT_THAT(verifier_.Verify(token), IsOk());
  for (int i = 0; i < 3; ++i) {
    auto again = verifier_.Verify(token);
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(again->subject, "user-17");
    EXPECT_THAT(again->roles,
                ElementsAre(Role::kCommissioner, Role::kEvaluator));
  }
  // Remembering never outlives the token, nor widens it to another one.
  std::string tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_THAT(verifier_.Verify(tampered), StatusIs(kUnauthenticated));
  clock_.Set(kNow + absl::Hours(2));
  EXPECT_THAT(verifier_.Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("expired")));
}

TEST_F(TokenVerifierTest, TokenWithoutExpiryIsRefused) {
  const std::string token = SignJson(
      R"({"sub":"user-17","org":"authorities/sefton","iss":"fhub-test",)"
      R"("aud":"fhub"})");
  EXPECT_THAT(verifier_.Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("no expiry")));
}

TEST_F(TokenVerifierTest, TokenNotYetValidIsRefusedBeyondTheLeeway) {
  const std::string soon = SignJson(
      ClaimsJson(absl::StrCat(R"(,"nbf":)", absl::ToUnixSeconds(kNow) + 20)));
  const std::string later = SignJson(
      ClaimsJson(absl::StrCat(R"(,"nbf":)", absl::ToUnixSeconds(kNow) + 31)));
  EXPECT_THAT(verifier_.Verify(soon), IsOk());
  EXPECT_THAT(verifier_.Verify(later),
              StatusIs(kUnauthenticated, HasSubstr("not yet valid")));
  clock_.Advance(absl::Seconds(1));
  EXPECT_THAT(verifier_.Verify(later), IsOk());
}

TEST_F(TokenVerifierTest, NonNumericNotBeforeIsRefused) {
  EXPECT_THAT(verifier_.Verify(SignJson(ClaimsJson(R"(,"nbf":"now")"))),
              StatusIs(kUnauthenticated, HasSubstr("not yet valid")));
}

TEST_F(TokenVerifierTest, WrongIssuerIsRefused) {
  TokenClaims claims = Claims();
  claims.issuer = "someone-else";
  EXPECT_THAT(verifier_.Verify(Issue(claims)),
              StatusIs(kUnauthenticated, HasSubstr("wrong issuer")));
}

TEST_F(TokenVerifierTest, WrongAudienceIsRefused) {
  TokenClaims claims = Claims();
  claims.audience = "another-hub";
  EXPECT_THAT(verifier_.Verify(Issue(claims)),
              StatusIs(kUnauthenticated, HasSubstr("wrong audience")));
}

TEST_F(TokenVerifierTest, AudienceListMustContainOurs) {
  const std::string json =
      absl::StrCat(R"({"sub":"u","org":"providers/acme","iss":"fhub-test",)",
                   R"("exp":)", absl::ToUnixSeconds(kNow + absl::Hours(1)));
  EXPECT_THAT(verifier_.Verify(SignJson(json + R"(,"aud":["x","fhub"]})")),
              IsOk());
  EXPECT_THAT(verifier_.Verify(SignJson(json + R"(,"aud":["x","y"]})")),
              StatusIs(kUnauthenticated, HasSubstr("wrong audience")));
  EXPECT_THAT(verifier_.Verify(SignJson(json + "}")),
              StatusIs(kUnauthenticated, HasSubstr("wrong audience")));
}

TEST_F(TokenVerifierTest, TokenSignedWithAnotherKeyIsRefused) {
  EXPECT_THAT(verifier_.Verify(Issue(Claims(), kOtherSecret)),
              StatusIs(kUnauthenticated, HasSubstr("signature")));
}

TEST_F(TokenVerifierTest, TamperedSignatureIsRefused) {
  std::vector<std::string> parts = absl::StrSplit(Issue(Claims()), '.');
  ASSERT_EQ(parts.size(), 3u);
  // Change a character in the middle: the last one may carry only padding
  // bits.
  char& c = parts[2][parts[2].size() / 2];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_THAT(verifier_.Verify(absl::StrJoin(parts, ".")),
              StatusIs(kUnauthenticated, HasSubstr("signature")));
}

TEST_F(TokenVerifierTest, TamperedClaimsAreRefused) {
  std::vector<std::string> parts = absl::StrSplit(Issue(Claims()), '.');
  ASSERT_EQ(parts.size(), 3u);
  std::string claims;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(parts[1], &claims));
  const std::string forged = absl::StrReplaceAll(
      claims, {{"authorities/sefton", "authorities/wirral"}});
  ASSERT_NE(forged, claims);
  parts[1] = absl::WebSafeBase64Escape(forged);
  EXPECT_THAT(verifier_.Verify(absl::StrJoin(parts, ".")),
              StatusIs(kUnauthenticated));
}

TEST_F(TokenVerifierTest, AlgorithmOutsideTheAllowListIsRefused) {
  // Correctly signed with the shared secret, but HS384 is not allowed.
  const std::string token = Issue(Claims(), kSecret, "HS384");
  EXPECT_THAT(verifier_.Verify(token),
              StatusIs(kUnauthenticated, HasSubstr("algorithm not allowed")));

  TokenOptions options = Options();
  options.algorithms = {"HS256", "HS384"};
  TokenVerifier both(options, &clock_);
  EXPECT_THAT(both.Verify(token), IsOk());
}

TEST_F(TokenVerifierTest, UnsignedTokenIsRefused) {
  const std::string token = SignJson(ClaimsJson(), JWT_ALG_NONE);
  ASSERT_FALSE(token.empty());
  EXPECT_THAT(verifier_.Verify(token), StatusIs(kUnauthenticated));
}

TEST_F(TokenVerifierTest, OrganisationMustBeNamed) {
  TokenClaims claims = Claims();
  claims.organisation = "";
  EXPECT_THAT(verifier_.Verify(Issue(claims)),
              StatusIs(kUnauthenticated, HasSubstr("org")));
  claims.organisation = "councils/sefton";
  EXPECT_THAT(verifier_.Verify(Issue(claims)),
              StatusIs(kUnauthenticated, HasSubstr("org")));
  claims.organisation = "authorities/Sefton";
  EXPECT_THAT(verifier_.Verify(Issue(claims)),
              StatusIs(kUnauthenticated, HasSubstr("org")));
  const std::string no_org = SignJson(
      absl::StrCat(R"({"sub":"u","iss":"fhub-test","aud":"fhub","exp":)",
                   absl::ToUnixSeconds(kNow + absl::Hours(1)), "}"));
  EXPECT_THAT(verifier_.Verify(no_org),
              StatusIs(kUnauthenticated, HasSubstr("org")));
}

TEST_F(TokenVerifierTest, SubjectIsRequired) {
  TokenClaims claims = Claims();
  claims.subject = "";
  EXPECT_THAT(verifier_.Verify(Issue(claims)),
              StatusIs(kUnauthenticated, HasSubstr("no subject")));
}

TEST_F(TokenVerifierTest, UnknownRolesAreIgnored) {
  auto principal = verifier_.Verify(
      SignJson(ClaimsJson(R"(,"roles":["FUTURE_ROLE","AUDITOR",7])")));
  ASSERT_THAT(principal, IsOk());
  EXPECT_THAT(principal->roles, ElementsAre(Role::kAuditor));
  principal = verifier_.Verify(SignJson(ClaimsJson()));
  ASSERT_THAT(principal, IsOk());
  EXPECT_THAT(principal->roles, IsEmpty());
}

TEST_F(TokenVerifierTest, GarbageIsRefused) {
  for (absl::string_view garbage :
       {"", "x", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "...."}) {
    EXPECT_THAT(verifier_.Verify(garbage), StatusIs(kUnauthenticated))
        << garbage;
  }
  EXPECT_THAT(verifier_.Verify(std::string(10000, 'a')),
              StatusIs(kUnauthenticated, HasSubstr("oversized")));
}

class EcTokenTest : public ::testing::Test {
 protected:
  EcTokenTest() {
    options_.key = kEcPublicKey;
    options_.algorithms = {"ES256"};
  }
  FakeClock clock_{kNow};
  TokenOptions options_ = Options();
};

TEST_F(EcTokenTest, PublicKeyVerifiesTokensOfThePrivateKey) {
  ASSERT_THAT(ValidateTokenOptions(options_), IsOk());
  TokenVerifier verifier(options_, &clock_);
  auto principal = verifier.Verify(Issue(Claims(), kEcPrivateKey, "ES256"));
  ASSERT_THAT(principal, IsOk());
  EXPECT_EQ(principal->subject, "user-17");
}

TEST_F(EcTokenTest, PublicKeyCannotBeUsedAsAnHmacSecret) {
  // The classic confusion attack: sign HS256 with the public key's text.
  TokenVerifier verifier(options_, &clock_);
  EXPECT_THAT(verifier.Verify(Issue(Claims(), kEcPublicKey, "HS256")),
              StatusIs(kUnauthenticated));
}

TEST(IssueTokenTest, UnknownAlgorithmIsInvalid) {
  EXPECT_THAT(IssueToken(Claims(), kSecret, "XS256"),
              StatusIs(kInvalid, HasSubstr("XS256")));
  EXPECT_THAT(IssueToken(Claims(), kSecret, "none"), StatusIs(kInvalid));
}

TEST(ValidateTokenOptionsTest, AcceptsASecretOf32Bytes) {
  TokenOptions options = Options();
  options.key = std::string(32, 'k');
  EXPECT_THAT(ValidateTokenOptions(options), IsOk());
}

TEST(ValidateTokenOptionsTest, RefusesAShortSecret) {
  TokenOptions options = Options();
  options.key = std::string(31, 'k');
  EXPECT_THAT(ValidateTokenOptions(options),
              StatusIs(kInvalid, HasSubstr("at least 32 bytes")));
}

TEST(ValidateTokenOptionsTest, RefusesAPemKeyWithHmac) {
  TokenOptions options = Options();
  options.key = kEcPublicKey;
  options.algorithms = {"HS256"};
  EXPECT_THAT(ValidateTokenOptions(options),
              StatusIs(kInvalid, HasSubstr("not a PEM key")));
}

TEST(ValidateTokenOptionsTest, RefusesASecretWithPublicKeyAlgorithms) {
  TokenOptions options = Options();
  options.algorithms = {"RS256"};
  EXPECT_THAT(ValidateTokenOptions(options),
              StatusIs(kInvalid, HasSubstr("PEM public key")));
}

TEST(ValidateTokenOptionsTest, RefusesMixedFamilies) {
  TokenOptions options = Options();
  options.algorithms = {"HS256", "ES256"};
  EXPECT_THAT(ValidateTokenOptions(options), StatusIs(kInvalid));
  options.key = kEcPublicKey;
  EXPECT_THAT(ValidateTokenOptions(options), StatusIs(kInvalid));
}

TEST(ValidateTokenOptionsTest, RefusesUnknownNoneAndNoAlgorithms) {
  TokenOptions options = Options();
  options.algorithms = {"HS257"};
  EXPECT_THAT(ValidateTokenOptions(options),
              StatusIs(kInvalid, HasSubstr("'HS257' is not supported")));
  options.algorithms = {"none"};
  EXPECT_THAT(ValidateTokenOptions(options), StatusIs(kInvalid));
  options.algorithms = {};
  EXPECT_THAT(ValidateTokenOptions(options),
              StatusIs(kInvalid, HasSubstr("must not be empty")));
}

TEST(ValidateTokenOptionsTest, RequiresIssuerAndAudience) {
  TokenOptions options = Options();
  options.issuer = "";
  EXPECT_THAT(ValidateTokenOptions(options),
              StatusIs(kInvalid, HasSubstr("issuer")));
  options = Options();
  options.audience = "";
  EXPECT_THAT(ValidateTokenOptions(options),
              StatusIs(kInvalid, HasSubstr("audience")));
}

}  // namespace
}  // namespace fhub::auth
