#include "common/auth/principal.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::auth {
namespace {

using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::Eq;
using ::testing::HasSubstr;

constexpr Role kAllRoles[] = {Role::kLeadAdmin,     Role::kCommissioner,
                              Role::kStrategicLead, Role::kEvaluator,
                              Role::kProviderUser,  Role::kAuditor,
                              Role::kService,       Role::kHubAdmin};

TEST(RoleTest, NamesRoundTrip) {
  for (Role role : kAllRoles) {
    EXPECT_THAT(ParseRole(RoleName(role)), IsOkAndHolds(Eq(role)))
        << RoleName(role);
  }
}

TEST(RoleTest, NamesAreTheTokenSpellings) {
  EXPECT_EQ(RoleName(Role::kLeadAdmin), "LEAD_ADMIN");
  EXPECT_EQ(RoleName(Role::kStrategicLead), "STRATEGIC_LEAD");
  EXPECT_EQ(RoleName(Role::kProviderUser), "PROVIDER_USER");
  EXPECT_EQ(RoleName(Role::kHubAdmin), "HUB_ADMIN");
}

TEST(RoleTest, UnknownNamesAreInvalid) {
  for (absl::string_view name : {"", "lead_admin", "ADMIN", "LEAD_ADMIN "}) {
    EXPECT_THAT(ParseRole(name), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("unknown role")))
        << name;
  }
}

TEST(PrincipalTest, HasOnlyTheRolesGiven) {
  Principal principal{
      "user-1", "authorities/sefton", {Role::kCommissioner, Role::kEvaluator}};
  EXPECT_TRUE(principal.HasRole(Role::kCommissioner));
  EXPECT_TRUE(principal.HasRole(Role::kEvaluator));
  EXPECT_FALSE(principal.HasRole(Role::kLeadAdmin));
  EXPECT_FALSE(principal.HasRole(Role::kHubAdmin));
  EXPECT_FALSE(Principal{}.HasRole(Role::kAuditor));
}

TEST(PrincipalTest, AuthorityIdOnlyForAuthorities) {
  EXPECT_EQ((Principal{"u", "authorities/sefton", {}}).AuthorityId(), "sefton");
  EXPECT_EQ((Principal{"u", "providers/acme-care", {}}).AuthorityId(), "");
  EXPECT_EQ((Principal{"u", "services/registry", {}}).AuthorityId(), "");
  EXPECT_EQ((Principal{"u", "", {}}).AuthorityId(), "");
}

TEST(IsOrganisationNameTest, AcceptsTheThreeKinds) {
  EXPECT_TRUE(IsOrganisationName("authorities/sefton"));
  EXPECT_TRUE(IsOrganisationName("providers/acme-care"));
  EXPECT_TRUE(IsOrganisationName("services/frameworks"));
}

TEST(IsOrganisationNameTest, RefusesOtherNames) {
  for (absl::string_view name :
       {"", "authorities", "authorities/", "authorities/Sefton",
        "councils/sefton", "authorities/sefton/members/x", "sefton",
        "/authorities/sefton"}) {
    EXPECT_FALSE(IsOrganisationName(name)) << name;
  }
}

}  // namespace
}  // namespace fhub::auth
