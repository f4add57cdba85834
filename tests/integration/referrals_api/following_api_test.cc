// What referrals hears from the frameworks service's event stream: a member
// that ceases, or a framework that ends, stops new referrals and cancels
// those not yet placed, while placements run on.

#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

namespace fv1 = ::fhub::frameworks::v1;

class FollowingApiTest : public ReferralsApiTest {
 protected:
  // Waits until the referral reaches `status` (the follower applies events
  // on its own thread).
  v1::Referral WaitFor(const std::string& name, v1::ReferralStatus status) {
    v1::Referral referral;
    for (int i = 0; i < 200; ++i) {
      EXPECT_THAT(Get(Commissioner(), name, &referral), GrpcOk());
      if (referral.status() == status) break;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return referral;
  }

  // A placement of Sefton's with Bootle House, awarded.
  v1::Placement Placed() {
    const v1::Referral referral = Submitted();
    AnswerAll(referral.name(), {"bootle-house"});
    v1::Placement placement;
    EXPECT_THAT(
        Award(Commissioner(), referral.name(),
              InvitationOf(referral.name(), "bootle-house"), "", &placement),
        GrpcOk());
    return placement;
  }

  grpc::Status AdjustHours(const std::string& placement, int64_t minutes) {
    v1::AdjustSupportHoursRequest request;
    request.set_name(placement);
    *request.mutable_change()->mutable_effective_date() = Day("2027-01-04");
    request.mutable_change()->set_support_minutes_per_week(minutes);
    request.set_request_id(NextRequestId());
    v1::Placement out;
    return stub_->AdjustSupportHours(testing::CallContext(Commissioner()).get(),
                                     request, &out);
  }
};

TEST_F(FollowingApiTest,
       ACeasedMemberMakesNoNewReferralsButItsPlacementsRunOn) {
  const v1::Placement placement = Placed();
  v1::Referral draft;
  ASSERT_THAT(Create(Commissioner(), SampleReferral(), &draft), GrpcOk());
  const v1::Referral open = Submitted();

  fv1::CeaseMembershipRequest cease;
  cease.set_name("frameworks/nw-16plus/members/sefton");
  cease.set_reason("Sefton now buys through the LCR framework.");
  cease.set_request_id(NextRequestId());
  fv1::Membership ceased;
  ASSERT_THAT(frameworks_service_->stub().CeaseMembership(
                  testing::CallContext(
                      Token("authorities/tameside", {Role::kLeadAdmin}))
                      .get(),
                  cease, &ceased),
              GrpcOk());

  // The referrals not yet placed stop; their invitations close.
  EXPECT_EQ(WaitFor(draft.name(), v1::CANCELLED).status(), v1::CANCELLED);
  const v1::Referral stopped = WaitFor(open.name(), v1::CANCELLED);
  EXPECT_EQ(stopped.status(), v1::CANCELLED);
  EXPECT_EQ(stopped.cancel_reason(), "the membership has ceased");
  v1::Invitation invitation;
  ASSERT_THAT(
      GetInvitation(ProviderUser("bootle-house"),
                    InvitationOf(open.name(), "bootle-house"), &invitation),
      GrpcOk());
  EXPECT_EQ(invitation.status(), v1::CLOSED);

  // No new referral.
  v1::Referral refused;
  EXPECT_THAT(
      Create(Commissioner(), SampleReferral(), &refused),
      GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "not an active member"));
  // The placement runs on: its hours can still change.
  EXPECT_THAT(AdjustHours(placement.name(), 360), GrpcOk());
  // Wirral, still a member, refers as before.
  v1::Referral wirral;
  EXPECT_THAT(
      Create(Commissioner("wirral"), SampleReferral(), &wirral, "wirral"),
      GrpcOk());
}

TEST_F(FollowingApiTest, ATerminatedFrameworkStopsEveryMembersReferrals) {
  const v1::Placement placement = Placed();
  const v1::Referral open = Submitted();

  fv1::TerminateFrameworkRequest terminate;
  terminate.set_name(kNw);
  terminate.set_reason("Replaced by the 2027 framework.");
  terminate.set_request_id(NextRequestId());
  fv1::Framework ended;
  ASSERT_THAT(frameworks_service_->stub().TerminateFramework(
                  testing::CallContext(
                      Token("authorities/tameside", {Role::kLeadAdmin}))
                      .get(),
                  terminate, &ended),
              GrpcOk());
  EXPECT_EQ(WaitFor(open.name(), v1::CANCELLED).cancel_reason(),
            "the framework was terminated");
  v1::Referral refused;
  EXPECT_THAT(
      Create(Commissioner("wirral"), SampleReferral(), &refused, "wirral"),
      GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "not ACTIVE"));
  EXPECT_THAT(AdjustHours(placement.name(), 360), GrpcOk());
}

}  // namespace
}  // namespace fhub::referrals
