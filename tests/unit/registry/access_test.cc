#include "services/registry/domain/access.h"

#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"

namespace fhub::registry {
namespace {

#define EXPECT_OK(expr) EXPECT_THAT((expr), ::fhub::testing::IsOk())

using auth::Principal;
using auth::Role;

FrameworkAuthorities NorthWest() {
  return {"nw-16plus", "tameside", {"sefton", "wirral", "tameside"}};
}

Principal Caller(std::string organisation, std::vector<Role> roles) {
  return {"officer", std::move(organisation), std::move(roles)};
}

TEST(ProviderIdOfTest, OnlyProviders) {
  EXPECT_EQ(ProviderIdOf(Caller("providers/acme-care", {})), "acme-care");
  EXPECT_EQ(ProviderIdOf(Caller("authorities/sefton", {})), "");
}

TEST(CheckProviderUserTest, OwnUsersOnly) {
  EXPECT_OK(CheckProviderUser(
      Caller("providers/acme-care", {Role::kProviderUser}), "acme-care"));
  EXPECT_EQ(CheckProviderUser(Caller("providers/other", {Role::kProviderUser}),
                              "acme-care")
                .code(),
            absl::StatusCode::kPermissionDenied);
  // The organisation alone is not enough: the role is needed too.
  EXPECT_EQ(CheckProviderUser(Caller("providers/acme-care", {Role::kAuditor}),
                              "acme-care")
                .code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(CheckCanReadProviderTest, AuthoritiesServicesAndItself) {
  EXPECT_OK(CheckCanReadProvider(
      Caller("authorities/halton", {Role::kCommissioner}), "acme-care"));
  EXPECT_OK(CheckCanReadProvider(Caller("services/referrals", {Role::kService}),
                                 "acme-care"));
  EXPECT_OK(CheckCanReadProvider(
      Caller("providers/acme-care", {Role::kProviderUser}), "acme-care"));
  EXPECT_EQ(CheckCanReadProvider(
                Caller("providers/other", {Role::kProviderUser}), "acme-care")
                .code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(CheckLeadAdminTest, TheLeadsAdministratorOnly) {
  EXPECT_OK(CheckLeadAdmin(Caller("authorities/tameside", {Role::kLeadAdmin}),
                           NorthWest()));
  EXPECT_EQ(CheckLeadAdmin(Caller("authorities/sefton", {Role::kLeadAdmin}),
                           NorthWest())
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      CheckLeadAdmin(Caller("authorities/tameside", {Role::kCommissioner}),
                     NorthWest())
          .code(),
      absl::StatusCode::kPermissionDenied);
}

TEST(CheckMemberOfficerTest, ActiveMembersWithTheRole) {
  EXPECT_OK(CheckMemberOfficer(Caller("authorities/wirral", {Role::kEvaluator}),
                               NorthWest(), {Role::kEvaluator}));
  EXPECT_EQ(CheckMemberOfficer(Caller("authorities/halton", {Role::kEvaluator}),
                               NorthWest(), {Role::kEvaluator})
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      CheckMemberOfficer(Caller("authorities/wirral", {Role::kCommissioner}),
                         NorthWest(), {Role::kEvaluator})
          .code(),
      absl::StatusCode::kPermissionDenied);
}

TEST(CheckFrameworkReaderTest, LeadMembersAndTheHub) {
  EXPECT_OK(CheckFrameworkReader(
      Caller("authorities/sefton", {Role::kStrategicLead}), NorthWest()));
  EXPECT_OK(CheckFrameworkReader(Caller("services/hub", {Role::kAuditor}),
                                 NorthWest()));
  EXPECT_EQ(
      CheckFrameworkReader(
          Caller("authorities/nottingham", {Role::kCommissioner}), NorthWest())
          .code(),
      absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      CheckFrameworkReader(Caller("providers/acme-care", {Role::kProviderUser}),
                           NorthWest())
          .code(),
      absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace fhub::registry
