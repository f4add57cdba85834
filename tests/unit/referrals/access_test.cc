// Who may see and change referrals and invitations, as access.h promises.

#include "services/referrals/domain/access.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::referrals {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

using auth::Principal;
using auth::Role;

constexpr absl::StatusCode kDenied = absl::StatusCode::kPermissionDenied;

Principal Caller(std::string organisation, std::vector<Role> roles) {
  return {"officer", std::move(organisation), std::move(roles)};
}

Principal SeftonCommissioner() {
  return Caller("authorities/sefton", {Role::kCommissioner});
}
Principal WirralCommissioner() {
  return Caller("authorities/wirral", {Role::kCommissioner});
}
Principal SeftonLeadAdmin() {
  return Caller("authorities/sefton", {Role::kLeadAdmin});
}
Principal AcmeUser() {
  return Caller("providers/acme-care", {Role::kProviderUser});
}
Principal BrightUser() {
  return Caller("providers/bright-futures", {Role::kProviderUser});
}
Principal ReferralsService() {
  return Caller("services/referrals", {Role::kService});
}

TEST(ProviderIdOfTest, TheIdAfterProviders) {
  EXPECT_EQ(ProviderIdOf(AcmeUser()), "acme-care");
  EXPECT_EQ(ProviderIdOf(Caller("providers/acme-care", {})), "acme-care");
  EXPECT_EQ(ProviderIdOf(SeftonCommissioner()), "");
  EXPECT_EQ(ProviderIdOf(ReferralsService()), "");
  EXPECT_EQ(ProviderIdOf(Caller("", {})), "");
  // A prefix that only looks like one.
  EXPECT_EQ(ProviderIdOf(Caller("providersx/acme", {Role::kProviderUser})), "");
}

TEST(IsCommissionerOfTest, ACommissionerOfThatAuthorityOnly) {
  EXPECT_TRUE(IsCommissionerOf(SeftonCommissioner(), "sefton"));
  EXPECT_TRUE(IsCommissionerOf(
      Caller("authorities/sefton", {Role::kEvaluator, Role::kCommissioner}),
      "sefton"));
  EXPECT_FALSE(IsCommissionerOf(WirralCommissioner(), "sefton"));
  EXPECT_FALSE(IsCommissionerOf(SeftonLeadAdmin(), "sefton"));
  EXPECT_FALSE(IsCommissionerOf(AcmeUser(), "sefton"));
  EXPECT_FALSE(IsCommissionerOf(ReferralsService(), "sefton"));
  // A provider organisation named like the authority is not it.
  EXPECT_FALSE(IsCommissionerOf(
      Caller("providers/sefton", {Role::kCommissioner}), "sefton"));
  // No authority: nobody's.
  EXPECT_FALSE(IsCommissionerOf(SeftonCommissioner(), ""));
  EXPECT_FALSE(
      IsCommissionerOf(Caller("authorities/", {Role::kCommissioner}), ""));
}

TEST(CanReadAuthorityTest, ItsCommissionerOrAService) {
  EXPECT_TRUE(CanReadAuthority(SeftonCommissioner(), "sefton"));
  EXPECT_TRUE(CanReadAuthority(ReferralsService(), "sefton"));
  EXPECT_FALSE(CanReadAuthority(WirralCommissioner(), "sefton"));
  EXPECT_FALSE(CanReadAuthority(SeftonLeadAdmin(), "sefton"));
  EXPECT_FALSE(CanReadAuthority(
      Caller("authorities/sefton", {Role::kStrategicLead}), "sefton"));
  EXPECT_FALSE(CanReadAuthority(Caller("authorities/sefton", {Role::kAuditor}),
                                "sefton"));
  EXPECT_FALSE(CanReadAuthority(AcmeUser(), "sefton"));
}

TEST(CheckCommissionerOfTest, OwnAuthorityOtherAuthorityLeadAdminProvider) {
  EXPECT_THAT(CheckCommissionerOf(SeftonCommissioner(), "sefton"), IsOk());
  EXPECT_THAT(CheckCommissionerOf(WirralCommissioner(), "sefton"),
              StatusIs(kDenied, AllOf(HasSubstr("authorities/sefton"),
                                      HasSubstr("authorities/wirral"))));
  EXPECT_THAT(CheckCommissionerOf(SeftonLeadAdmin(), "sefton"),
              StatusIs(kDenied, HasSubstr("COMMISSIONER")));
  EXPECT_THAT(CheckCommissionerOf(AcmeUser(), "sefton"),
              StatusIs(kDenied, HasSubstr("providers/acme-care")));
  // A service may read, not act as a commissioner.
  EXPECT_THAT(CheckCommissionerOf(ReferralsService(), "sefton"),
              StatusIs(kDenied));
}

TEST(CheckProviderUserOfTest, AProviderUserOfThatProviderOnly) {
  EXPECT_THAT(CheckProviderUserOf(AcmeUser(), "acme-care"), IsOk());
  EXPECT_THAT(CheckProviderUserOf(BrightUser(), "acme-care"),
              StatusIs(kDenied, AllOf(HasSubstr("PROVIDER_USER"),
                                      HasSubstr("providers/acme-care"))));
  EXPECT_THAT(
      CheckProviderUserOf(Caller("providers/acme-care", {}), "acme-care"),
      StatusIs(kDenied));
  EXPECT_THAT(CheckProviderUserOf(SeftonCommissioner(), "acme-care"),
              StatusIs(kDenied));
  EXPECT_THAT(CheckProviderUserOf(ReferralsService(), "acme-care"),
              StatusIs(kDenied));
  // An authority whose id matches the provider's is still not it.
  EXPECT_THAT(
      CheckProviderUserOf(
          Caller("authorities/acme-care", {Role::kProviderUser}), "acme-care"),
      StatusIs(kDenied));
  EXPECT_THAT(
      CheckProviderUserOf(Caller("providers/", {Role::kProviderUser}), ""),
      StatusIs(kDenied));
}

TEST(CanSeeInvitationTest, TheProviderTheAuthorityAndServices) {
  EXPECT_TRUE(CanSeeInvitation(AcmeUser(), "sefton", "acme-care"));
  EXPECT_TRUE(CanSeeInvitation(SeftonCommissioner(), "sefton", "acme-care"));
  EXPECT_TRUE(CanSeeInvitation(ReferralsService(), "sefton", "acme-care"));
}

TEST(CanSeeInvitationTest, NobodyElse) {
  for (const Principal& other :
       {BrightUser(), WirralCommissioner(), SeftonLeadAdmin(),
        Caller("providers/acme-care", {Role::kAuditor}),
        Caller("authorities/sefton", {Role::kEvaluator}),
        Caller("authorities/sefton", {Role::kStrategicLead}),
        Caller("authorities/acme-care", {Role::kProviderUser}),
        Caller("authorities/wirral", {Role::kHubAdmin})}) {
    EXPECT_FALSE(CanSeeInvitation(other, "sefton", "acme-care"))
        << other.organisation;
  }
}

}  // namespace
}  // namespace fhub::referrals
