// The trust file and the rules by which an external issuer's claims become
// a principal: who it may speak for, and how its roles map.

#include "common/auth/trust.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::auth {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;
constexpr auto kUnauthenticated = absl::StatusCode::kUnauthenticated;

constexpr char kSefton[] = R"({"issuers": [{
  "id": "sefton", "issuer": "https://login.example/sefton/v2.0",
  "audience": "api://fhub", "organisation": "authorities/sefton",
  "subject_claim": "oid", "roles_claim": "roles",
  "roles": {"fhub-commissioner": "COMMISSIONER", "fhub-lead": "LEAD_ADMIN"},
  "console": {"display_name": "Sefton Council", "client_id": "console"}
}, {
  "id": "providers", "issuer": "https://idp.example/providers",
  "jwks_url": "https://idp.example/providers/jwks",
  "audience": "fhub", "organisation_claim": "org",
  "organisations": ["providers/*"], "roles_claim": "groups",
  "roles": {"staff": "PROVIDER_USER"}, "algorithms": ["ES256"]
}]})";

TrustedIssuer Issuer(int which) {
  auto issuers = ParseTrustConfig(kSefton);
  EXPECT_TRUE(issuers.ok()) << issuers.status();
  return (*issuers)[which];
}

TEST(ParseTrustConfigTest, ReadsEveryField) {
  auto issuers = ParseTrustConfig(kSefton);
  ASSERT_THAT(issuers.status(), IsOk());
  ASSERT_EQ(issuers->size(), 2u);
  const TrustedIssuer& sefton = (*issuers)[0];
  EXPECT_EQ(sefton.discovery_url,
            "https://login.example/sefton/v2.0/.well-known/openid-configuration");
  EXPECT_THAT(sefton.organisations, ElementsAre("authorities/sefton"));
  EXPECT_EQ(sefton.subject_claim, "oid");
  EXPECT_EQ(sefton.roles.at("fhub-lead"), Role::kLeadAdmin);
  EXPECT_THAT(sefton.algorithms, ElementsAre("RS256", "ES256"));
  EXPECT_TRUE(sefton.has_console);
  EXPECT_EQ(sefton.console.scopes, "openid");
  const TrustedIssuer& providers = (*issuers)[1];
  EXPECT_TRUE(providers.discovery_url.empty());
  EXPECT_THAT(providers.algorithms, ElementsAre("ES256"));
  EXPECT_FALSE(providers.has_console);
}

TEST(ParseTrustConfigTest, RefusesWhatWouldWeakenTrustNamingTheEntry) {
  const auto parse = [](const std::string& entry) {
    return ParseTrustConfig(absl::StrCat(R"({"issuers": [)", entry, "]}"));
  };
  const std::string base =
      R"("id": "x", "issuer": "https://idp.example/x", "audience": "fhub",)"
      R"( "organisation": "authorities/knowsley")";
  EXPECT_THAT(parse(absl::StrCat("{", base, R"(, "roles": {"a": "SERVICE"}})")),
              StatusIs(kInvalid, HasSubstr("SERVICE comes only from the hub")));
  EXPECT_THAT(
      parse(absl::StrCat("{", base, R"(, "roles": {"a": "HUB_ADMIN"}})")),
      StatusIs(kInvalid, HasSubstr("issuers[0] (x)")));
  EXPECT_THAT(parse(absl::StrCat("{", base,
                                 R"(, "roles": {"a": "COMMISSIONER"},)"
                                 R"( "algorithms": ["HS256"]})")),
              StatusIs(kInvalid, HasSubstr("RS256 and ES256 only")));
  EXPECT_THAT(parse(R"({"id": "x", "issuer": "http://idp.example/x",)"
                    R"( "audience": "fhub", "organisation": "authorities/knowsley",)"
                    R"( "roles": {"a": "COMMISSIONER"}})"),
              StatusIs(kInvalid, HasSubstr("must be an https:// URL")));
  EXPECT_THAT(parse(R"({"id": "x", "issuer": "https://idp.example/x",)"
                    R"( "audience": "fhub", "roles": {"a": "COMMISSIONER"}})"),
              StatusIs(kInvalid, HasSubstr("give organisation")));
  EXPECT_THAT(parse(R"({"id": "x", "issuer": "https://idp.example/x",)"
                    R"( "audience": "fhub", "organisation":)"
                    R"( "services/referrals", "roles": {"a": "COMMISSIONER"}})"),
              StatusIs(kInvalid, HasSubstr("authorities/{id} or providers")));
  EXPECT_THAT(parse(absl::StrCat("{", base, R"(, "roles": {"a": "KING"}})")),
              StatusIs(kInvalid, HasSubstr("roles")));
  EXPECT_THAT(parse(absl::StrCat("{", base, "}")),
              StatusIs(kInvalid, HasSubstr("roles must map")));
  EXPECT_THAT(ParseTrustConfig("[]"), StatusIs(kInvalid));
  EXPECT_THAT(ParseTrustConfig(R"({"issuers": [{"id": "Bad Id"}]})"),
              StatusIs(kInvalid, HasSubstr("id must be")));
  const std::string twice =
      absl::StrCat("{", base, R"(, "roles": {"a": "COMMISSIONER"}})");
  EXPECT_THAT(parse(absl::StrCat(twice, ",", twice)),
              StatusIs(kInvalid, HasSubstr("used twice")));
  // http:// to this machine is allowed: tests' identity providers.
  EXPECT_THAT(parse(R"({"id": "x", "issuer": "http://127.0.0.1:9000/x",)"
                    R"( "audience": "fhub", "organisation": "authorities/knowsley",)"
                    R"( "roles": {"a": "COMMISSIONER"}})")
                  .status(),
              IsOk());
}

TEST(MaySpeakForTest, FixedOrganisationsAndPatterns) {
  EXPECT_TRUE(MaySpeakFor(Issuer(0), "authorities/sefton"));
  EXPECT_FALSE(MaySpeakFor(Issuer(0), "authorities/wirral"));
  EXPECT_TRUE(MaySpeakFor(Issuer(1), "providers/bootle-house"));
  EXPECT_FALSE(MaySpeakFor(Issuer(1), "authorities/sefton"));
  EXPECT_FALSE(MaySpeakFor(Issuer(1), "providers/"));
  EXPECT_FALSE(MaySpeakFor(Issuer(1), "providers/a/b"));
}

class PrincipalFromClaimsTest : public ::testing::Test {
 protected:
  absl::StatusOr<Principal> From(int issuer, const std::string& claims) {
    return PrincipalFromClaims(Issuer(issuer), claims, now_, absl::Seconds(30),
                               &not_before_, &expires_);
  }
  const absl::Time now_ = absl::FromUnixSeconds(1800000000);
  absl::Time not_before_, expires_;
};

TEST_F(PrincipalFromClaimsTest, AFixedOrganisationWithMappedRoles) {
  auto principal = From(0, R"({"iss": "https://login.example/sefton/v2.0",
      "aud": ["other", "api://fhub"], "exp": 1800000600, "nbf": 1799999000,
      "oid": "5f1c", "roles": ["fhub-commissioner", "Tenant.Admin"]})");
  ASSERT_THAT(principal.status(), IsOk());
  EXPECT_EQ(principal->subject, "5f1c");
  EXPECT_EQ(principal->organisation, "authorities/sefton");
  EXPECT_THAT(principal->roles, ElementsAre(Role::kCommissioner));
  EXPECT_EQ(expires_, absl::FromUnixSeconds(1800000630));
}

TEST_F(PrincipalFromClaimsTest, RolesAsOneCommaSeparatedString) {
  auto principal = From(0, R"({"iss": "https://login.example/sefton/v2.0",
      "aud": "api://fhub", "exp": 1800000600, "oid": "x",
      "roles": "fhub-lead,fhub-commissioner, other"})");
  ASSERT_THAT(principal.status(), IsOk());
  EXPECT_THAT(principal->roles,
              ElementsAre(Role::kLeadAdmin, Role::kCommissioner));
}

TEST_F(PrincipalFromClaimsTest, AClaimedOrganisationMustBeAllowed) {
  auto provider = From(1, R"({"iss": "https://idp.example/providers",
      "aud": "fhub", "exp": 1800000600, "sub": "u1",
      "org": "providers/bootle-house", "groups": ["staff"]})");
  ASSERT_THAT(provider.status(), IsOk());
  EXPECT_EQ(provider->organisation, "providers/bootle-house");
  EXPECT_THAT(provider->roles, ElementsAre(Role::kProviderUser));
  EXPECT_THAT(From(1, R"({"iss": "https://idp.example/providers",
      "aud": "fhub", "exp": 1800000600, "sub": "u1",
      "org": "authorities/sefton", "groups": ["staff"]})"),
              StatusIs(kUnauthenticated,
                       HasSubstr("may not speak for authorities/sefton")));
  // Sefton's tenant naming Wirral in an org claim is refused, not ignored.
  EXPECT_THAT(From(0, R"({"iss": "https://login.example/sefton/v2.0",
      "aud": "api://fhub", "exp": 1800000600, "oid": "x",
      "org": "authorities/wirral"})"),
              StatusIs(kUnauthenticated,
                       HasSubstr("may not speak for authorities/wirral")));
}

TEST_F(PrincipalFromClaimsTest, IssuerAudienceAndTimes) {
  const std::string good_rest =
      R"("oid": "x", "roles": ["fhub-commissioner"])";
  EXPECT_THAT(From(0, absl::StrCat(R"({"iss": "https://login.example/wirral",
      "aud": "api://fhub", "exp": 1800000600, )", good_rest, "}")),
              StatusIs(kUnauthenticated, HasSubstr("wrong issuer")));
  EXPECT_THAT(From(0, absl::StrCat(R"({"iss": "https://login.example/sefton/v2.0",
      "aud": "api://other", "exp": 1800000600, )", good_rest, "}")),
              StatusIs(kUnauthenticated, HasSubstr("wrong audience")));
  EXPECT_THAT(From(0, absl::StrCat(R"({"iss": "https://login.example/sefton/v2.0",
      "aud": "api://fhub", "exp": 1799999900, )", good_rest, "}")),
              StatusIs(kUnauthenticated, HasSubstr("expired")));
  EXPECT_THAT(From(0, absl::StrCat(R"({"iss": "https://login.example/sefton/v2.0",
      "aud": "api://fhub", "exp": 1800000600, "nbf": 1800000100, )",
                                   good_rest, "}")),
              StatusIs(kUnauthenticated, HasSubstr("not yet valid")));
  EXPECT_THAT(From(0, R"({"iss": "https://login.example/sefton/v2.0",
      "aud": "api://fhub"})"),
              StatusIs(kUnauthenticated, HasSubstr("no expiry")));
  EXPECT_THAT(From(0, R"({"iss": "https://login.example/sefton/v2.0",
      "aud": "api://fhub", "exp": 1800000600})"),
              StatusIs(kUnauthenticated, HasSubstr("no oid")));
}

}  // namespace
}  // namespace fhub::auth
