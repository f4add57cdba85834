// Who may do what to a framework, without I/O.

#include "services/frameworks/domain/access.h"

#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"

namespace fhub::frameworks {
namespace {

using auth::Principal;
using auth::Role;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;

Principal Caller(const std::string& organisation, std::vector<Role> roles) {
  return {"someone", organisation, std::move(roles)};
}

Framework NorthWest(FrameworkStatus status) {
  Framework f;
  f.id = "nw-16plus";
  f.lead_authority_id = "tameside";
  f.status = status;
  return f;
}

Membership SeftonMembership() {
  return {"nw-16plus",  "sefton", {}, absl::CivilDay(2025, 4, 1),
          std::nullopt, ""};
}

TEST(AccessTest, CreatingAuthorities) {
  EXPECT_THAT(
      CheckCanCreateAuthority(Caller("services/hub", {Role::kHubAdmin})),
      IsOk());
  EXPECT_THAT(CheckCanCreateAuthority(
                  Caller("authorities/tameside", {Role::kLeadAdmin})),
              IsOk());
  EXPECT_THAT(CheckCanCreateAuthority(
                  Caller("authorities/sefton", {Role::kCommissioner})),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckCanCreateAuthority(
                  Caller("providers/acme-care", {Role::kLeadAdmin})),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST(AccessTest, CreatingFrameworks) {
  EXPECT_THAT(
      CheckCanCreateFramework(
          Caller("authorities/tameside", {Role::kLeadAdmin}), "tameside"),
      IsOk());
  EXPECT_THAT(CheckCanCreateFramework(
                  Caller("authorities/sefton", {Role::kLeadAdmin}), "tameside"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(
      CheckCanCreateFramework(
          Caller("authorities/tameside", {Role::kCommissioner}), "tameside"),
      StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST(AccessTest, ReadingFrameworks) {
  const Framework draft = NorthWest(FrameworkStatus::kDraft);
  const Framework active = NorthWest(FrameworkStatus::kActive);
  const Principal lead = Caller("authorities/tameside", {Role::kCommissioner});
  const Principal member = Caller("authorities/sefton", {Role::kCommissioner});
  const Principal outsider =
      Caller("authorities/nottingham", {Role::kLeadAdmin});
  const Principal service = Caller("services/registry", {Role::kService});
  EXPECT_THAT(CheckCanRead(lead, draft, false), IsOk());
  EXPECT_THAT(CheckCanRead(member, draft, true), IsOk());
  EXPECT_THAT(CheckCanRead(service, draft, false), IsOk());
  EXPECT_THAT(CheckCanRead(outsider, draft, false),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(CheckCanRead(outsider, active, false),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST(AccessTest, AdministeringFrameworks) {
  const Framework active = NorthWest(FrameworkStatus::kActive);
  const Framework draft = NorthWest(FrameworkStatus::kDraft);
  EXPECT_THAT(
      CheckCanAdminister(Caller("authorities/tameside", {Role::kLeadAdmin}),
                         active, false),
      IsOk());
  EXPECT_THAT(
      CheckCanAdminister(Caller("authorities/tameside", {Role::kCommissioner}),
                         active, false),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(
      CheckCanAdminister(Caller("authorities/sefton", {Role::kLeadAdmin}),
                         active, true),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckCanAdminister(Caller("services/registry", {Role::kService}),
                                 draft, false),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(
      CheckCanAdminister(Caller("authorities/nottingham", {Role::kLeadAdmin}),
                         draft, false),
      StatusIs(absl::StatusCode::kNotFound));
}

TEST(AccessTest, EndingAMembership) {
  const Framework f = NorthWest(FrameworkStatus::kActive);
  const Membership sefton = SeftonMembership();
  EXPECT_THAT(CheckCanCease(Caller("authorities/tameside", {Role::kLeadAdmin}),
                            f, sefton),
              IsOk());
  EXPECT_THAT(CheckCanCease(Caller("authorities/sefton", {Role::kCommissioner}),
                            f, sefton),
              IsOk());
  EXPECT_THAT(CheckCanCease(Caller("authorities/sefton", {Role::kLeadAdmin}), f,
                            sefton),
              IsOk());
  EXPECT_THAT(
      CheckCanCease(Caller("authorities/sefton", {Role::kStrategicLead}), f,
                    sefton),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckCanCease(Caller("authorities/wirral", {Role::kCommissioner}),
                            f, sefton),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

}  // namespace
}  // namespace fhub::frameworks
