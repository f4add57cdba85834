// Wrong callers on each rpc, and retries: a referral and what follows from
// it are the referring authority's; an invitation is its provider's;
// figures are for their audiences; a request_id applies a change once.

#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using grpc::StatusCode;

TEST_F(ReferralsApiTest, AnotherAuthorityNeitherSeesNorChangesSeftonsReferral) {
  const v1::Placement placement = Awarded("bootle-house");
  ASSERT_FALSE(placement.name().empty());
  const std::string referral = placement.referral();
  const std::string wirral = Commissioner("wirral");

  v1::Referral seen;
  v1::RankOffersResponse ranked;
  v1::Placement placed;
  v1::PlacementCost cost;
  EXPECT_THAT(Get(wirral, referral, &seen), GrpcIs(StatusCode::NOT_FOUND));
  EXPECT_THAT(Rank(wirral, referral, &ranked), GrpcIs(StatusCode::NOT_FOUND));
  EXPECT_THAT(GetPlacement(wirral, placement.name(), &placed),
              GrpcIs(StatusCode::NOT_FOUND));
  EXPECT_THAT(PlacementCost(wirral, placement.name(), "2026-12-14",
                            "2026-12-31", &cost),
              GrpcIs(StatusCode::NOT_FOUND));
  // As for a referral that does not exist.
  EXPECT_THAT(Get(wirral, "authorities/sefton/referrals/999", &seen),
              GrpcIs(StatusCode::NOT_FOUND, "not found"));
  EXPECT_THAT(Get(Commissioner(), "authorities/sefton/referrals/999", &seen),
              GrpcIs(StatusCode::NOT_FOUND, "not found"));

  v1::Referral draft;
  ASSERT_THAT(Create(Commissioner(), SampleReferral(), &draft), GrpcOk());
  EXPECT_THAT(Create(wirral, SampleReferral(), &seen, "sefton"),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  // Submit answers another authority as if the referral did not exist
  // (api/referrals_service.cc, DoSubmitReferral); Award and Cancel refuse
  // by the name alone. Neither tells whether the referral exists.
  EXPECT_THAT(Submit(wirral, draft.name()), GrpcIs(StatusCode::NOT_FOUND));
  EXPECT_THAT(Award(wirral, referral, InvitationOf(referral, "bootle-house"),
                    "wirral's choice"),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Cancel(wirral, draft.name()),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  v1::ListReferralsRequest list;
  list.set_parent("authorities/sefton");
  v1::ListReferralsResponse listed;
  EXPECT_THAT(
      stub_->ListReferrals(testing::CallContext(wirral).get(), list, &listed),
      GrpcIs(StatusCode::PERMISSION_DENIED));

  // The framework's lead administers the framework, not Sefton's referrals;
  // nor may it refer for itself without the COMMISSIONER role.
  const std::string lead = Token("authorities/tameside", {Role::kLeadAdmin});
  EXPECT_THAT(Create(lead, SampleReferral(), &seen, "sefton"),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Create(lead, SampleReferral(), &seen, "tameside"),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Get(lead, referral, &seen), GrpcIs(StatusCode::NOT_FOUND));
  // Sefton's other roles are not its commissioner's.
  const std::string strategic =
      Token("authorities/sefton", {Role::kStrategicLead});
  EXPECT_THAT(Create(strategic, SampleReferral(), &seen),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Get(strategic, referral, &seen), GrpcIs(StatusCode::NOT_FOUND));

  // No token at all.
  EXPECT_THAT(Get("", referral, &seen), GrpcIs(StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(Create("", SampleReferral(), &seen),
              GrpcIs(StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(GetPlacement("", placement.name(), &placed),
              GrpcIs(StatusCode::UNAUTHENTICATED));
  v1::Invitation invitation;
  EXPECT_THAT(
      GetInvitation("", InvitationOf(referral, "bootle-house"), &invitation),
      GrpcIs(StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(Get(Token("authorities/sefton", {}), referral, &seen),
              GrpcIs(StatusCode::NOT_FOUND));

  // Nothing changed.
  ASSERT_THAT(Get(Commissioner(), draft.name(), &seen), GrpcOk());
  EXPECT_EQ(seen.status(), v1::DRAFT);
  EXPECT_EQ(CountRows("referrals"), 2);
  EXPECT_EQ(CountRows("placements"), 1);
}

TEST_F(ReferralsApiTest, AProviderSeesAndAnswersOnlyItsOwnInvitations) {
  const v1::Referral referral = Submitted();
  const std::string bootle = InvitationOf(referral.name(), "bootle-house");
  v1::Invitation invitation;

  EXPECT_THAT(
      MakeOffer(ProviderUser("mersey-living"), bootle, Offer("bootle-house")),
      GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(
      MakeOffer(ProviderUser("mersey-living"), bootle, Offer("mersey-living")),
      GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Decline(ProviderUser("mersey-living"), bootle, v1::NO_VACANCY),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Withdraw(ProviderUser("mersey-living"), bootle),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(GetInvitation(ProviderUser("crosby-care"), bootle, &invitation),
              GrpcIs(StatusCode::NOT_FOUND));
  // Manchester Lodge was not invited: its own invitation is not there.
  EXPECT_THAT(GetInvitation(ProviderUser("manchester-lodge"),
                            InvitationOf(referral.name(), "manchester-lodge"),
                            &invitation),
              GrpcIs(StatusCode::NOT_FOUND));
  v1::ListInvitationsResponse listed;
  EXPECT_THAT(ListInvitations(ProviderUser("crosby-care"), "bootle-house",
                              false, &listed),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  ASSERT_THAT(ListInvitations(ProviderUser("manchester-lodge"),
                              "manchester-lodge", false, &listed),
              GrpcOk());
  EXPECT_EQ(listed.invitations_size(), 0);
  // A provider reads no referral; Wirral reads no invitation of Sefton's.
  v1::Referral seen;
  EXPECT_THAT(Get(ProviderUser("bootle-house"), referral.name(), &seen),
              GrpcIs(StatusCode::NOT_FOUND));
  EXPECT_THAT(GetInvitation(Commissioner("wirral"), bootle, &invitation),
              GrpcIs(StatusCode::NOT_FOUND));
  // A commissioner does not answer for a provider.
  EXPECT_THAT(MakeOffer(Commissioner(), bootle, Offer("bootle-house")),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  // The referring authority's commissioner sees it, in full.
  ASSERT_THAT(GetInvitation(Commissioner(), bootle, &invitation), GrpcOk());
  EXPECT_EQ(invitation.referral().case_reference(), "SEF-2026-0042");

  ASSERT_THAT(GetInvitation(ProviderUser("bootle-house"), bootle, &invitation),
              GrpcOk());
  EXPECT_EQ(invitation.status(), v1::INVITED);
  EXPECT_EQ(CountRows("invitations", "status <> 'INVITED'"), 0);
}

TEST_F(ReferralsApiTest, FiguresAndPlacementCountsAreForTheirAudiences) {
  const v1::Placement placement = Awarded("bootle-house");
  ASSERT_FALSE(placement.name().empty());
  v1::Figures figures;
  // The consortium's: not one member's commissioner; the lead's admin.
  EXPECT_THAT(Figures(Commissioner(), "", "2026-11-01", "2026-12-31", &figures),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Figures(ProviderUser("bootle-house"), "", "2026-11-01",
                      "2026-12-31", &figures),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  ASSERT_THAT(Figures(Token("authorities/tameside", {Role::kLeadAdmin}), "",
                      "2026-11-01", "2026-12-31", &figures),
              GrpcOk());
  EXPECT_EQ(figures.authority(), "");
  EXPECT_EQ(figures.referrals(), 1);
  EXPECT_EQ(figures.placements_started(), 1);
  ASSERT_THAT(Figures(Token("authorities/wirral", {Role::kStrategicLead}), "",
                      "2026-11-01", "2026-12-31", &figures),
              GrpcOk());
  EXPECT_EQ(figures.referrals(), 1);
  // One authority's: its own commissioner only.
  EXPECT_THAT(Figures(Commissioner("wirral"), "sefton", "2026-11-01",
                      "2026-12-31", &figures),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  ASSERT_THAT(
      Figures(Commissioner(), "sefton", "2026-11-01", "2026-12-31", &figures),
      GrpcOk());
  EXPECT_EQ(figures.awarded(), 1);

  v1::CountPlacementsRequest count;
  count.set_framework(kNw);
  *count.mutable_first_day() = Day("2026-12-01");
  *count.mutable_last_day() = Day("2026-12-31");
  v1::CountPlacementsResponse counted;
  ASSERT_THAT(stub_->CountPlacements(testing::CallContext(Service()).get(),
                                     count, &counted),
              GrpcOk());
  ASSERT_EQ(counted.members_size(), 1);
  EXPECT_EQ(counted.members(0).authority(), "authorities/sefton");
  EXPECT_EQ(counted.members(0).placements(), 1);
  EXPECT_THAT(stub_->CountPlacements(testing::CallContext(Commissioner()).get(),
                                     count, &counted),
              GrpcIs(StatusCode::PERMISSION_DENIED));
  ASSERT_THAT(
      stub_->CountPlacements(testing::CallContext(Token("authorities/tameside",
                                                        {Role::kLeadAdmin}))
                                 .get(),
                             count, &counted),
      GrpcOk());
  EXPECT_EQ(counted.members_size(), 1);
  // January: none started.
  *count.mutable_first_day() = Day("2027-01-01");
  *count.mutable_last_day() = Day("2027-01-31");
  ASSERT_THAT(stub_->CountPlacements(testing::CallContext(Service()).get(),
                                     count, &counted),
              GrpcOk());
  EXPECT_EQ(counted.members_size(), 0);
}

TEST_F(ReferralsApiTest, ARetryReturnsTheFirstResultAndChangesNothingAgain) {
  const std::string commissioner = Commissioner();
  // CreateReferral.
  v1::Referral created;
  v1::Referral again;
  ASSERT_THAT(
      Create(commissioner, SampleReferral(), &created, "sefton", "create-1"),
      GrpcOk());
  ASSERT_THAT(
      Create(commissioner, SampleReferral(), &again, "sefton", "create-1"),
      GrpcOk());
  EXPECT_TRUE(MessageDifferencer::Equals(again, created));
  v1::Referral older = SampleReferral();
  older.set_age(17);
  EXPECT_THAT(Create(commissioner, older, &again, "sefton", "create-1"),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "create-1"));
  EXPECT_EQ(CountRows("referrals"), 1);
  // The key is the caller's organisation's: Wirral's "create-1" is its own.
  v1::Referral wirrals;
  ASSERT_THAT(Create(Commissioner("wirral"), SampleReferral(), &wirrals,
                     "wirral", "create-1"),
              GrpcOk());
  EXPECT_NE(wirrals.name(), created.name());
  EXPECT_EQ(CountRows("referrals"), 2);

  // MakeOffer.
  ASSERT_THAT(Submit(commissioner, created.name()), GrpcOk());
  const std::string bootle = InvitationOf(created.name(), "bootle-house");
  v1::Invitation offered;
  v1::Invitation offered_again;
  ASSERT_THAT(MakeOffer(ProviderUser("bootle-house"), bootle,
                        Offer("bootle-house"), &offered, "offer-1"),
              GrpcOk());
  ASSERT_THAT(MakeOffer(ProviderUser("bootle-house"), bootle,
                        Offer("bootle-house"), &offered_again, "offer-1"),
              GrpcOk());
  EXPECT_TRUE(MessageDifferencer::Equals(offered_again, offered));
  EXPECT_THAT(
      MakeOffer(ProviderUser("bootle-house"), bootle,
                Offer("bootle-house", 84000), &offered_again, "offer-1"),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "offer-1"));
  EXPECT_EQ(CountRows("invitations", "status = 'OFFERED'"), 1);
  ASSERT_THAT(
      GetInvitation(ProviderUser("bootle-house"), bootle, &offered_again),
      GrpcOk());
  EXPECT_EQ(offered_again.offer().accommodation_weekly_pence(), 85000);

  // AwardReferral.
  AnswerAll(created.name(), {"bootle-house"});
  v1::Placement placement;
  v1::Placement placement_again;
  ASSERT_THAT(
      Award(commissioner, created.name(), bootle, "", &placement, "award-1"),
      GrpcOk());
  ASSERT_THAT(Award(commissioner, created.name(), bootle, "", &placement_again,
                    "award-1"),
              GrpcOk());
  EXPECT_TRUE(MessageDifferencer::Equals(placement_again, placement));
  EXPECT_THAT(Award(commissioner, created.name(), bootle, "a second thought",
                    &placement_again, "award-1"),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "award-1"));
  EXPECT_EQ(CountRows("placements"), 1);

  // AdjustSupportHours, retried ten minutes later.
  v1::Placement adjusted;
  v1::Placement adjusted_again;
  ASSERT_THAT(AdjustHours(commissioner, placement.name(), "2027-01-04", 360,
                          &adjusted, "hours-1"),
              GrpcOk());
  clock_.Advance(absl::Minutes(10));
  ASSERT_THAT(AdjustHours(Commissioner(), placement.name(), "2027-01-04", 360,
                          &adjusted_again, "hours-1"),
              GrpcOk());
  EXPECT_TRUE(MessageDifferencer::Equals(adjusted_again, adjusted));
  EXPECT_THAT(AdjustHours(Commissioner(), placement.name(), "2027-01-04", 420,
                          &adjusted_again, "hours-1"),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "hours-1"));
  EXPECT_EQ(CountRows("hours_changes"), 2);
  v1::Placement read;
  ASSERT_THAT(GetPlacement(Commissioner(), placement.name(), &read), GrpcOk());
  ASSERT_EQ(read.hours_size(), 2);
  EXPECT_EQ(read.hours(1).support_minutes_per_week(), 360);
  // The first record time stands: the retry recorded nothing.
  EXPECT_TRUE(MessageDifferencer::Equals(read.hours(1).record_time(),
                                         adjusted.hours(1).record_time()));

  // Each change was audited once.
  EXPECT_EQ(CountRows("audit_log",
                      "request_id IN ('create-1', 'offer-1', "
                      "'award-1', 'hours-1')"),
            5);  // Sefton's and Wirral's "create-1", and three more.
}

}  // namespace
}  // namespace fhub::referrals
