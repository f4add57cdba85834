// Bad input: each refused with the code that tells the caller what to do,
// and the field at fault named in the message; nothing is written.

#include <functional>
#include <string>

#include "common/proto_values.h"
#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

using grpc::StatusCode;

class BadInputTest : public ReferralsApiTest {
 protected:
  // Creates a SampleReferral changed by `change`, as Sefton.
  grpc::Status CreateChanged(const std::function<void(v1::Referral&)>& change) {
    v1::Referral referral = SampleReferral();
    change(referral);
    v1::Referral out;
    return Create(Commissioner(), referral, &out);
  }
};

TEST_F(BadInputTest, AReferralOutOfBoundsIsRefusedNamingTheField) {
  EXPECT_THAT(
      CreateChanged([this](v1::Referral& r) {
        ToProto(clock_.Now() - absl::Minutes(1), r.mutable_response_deadline());
      }),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.response_deadline"));
  EXPECT_THAT(
      CreateChanged([this](v1::Referral& r) {
        ToProto(clock_.Now() + absl::Hours(24 * 61),
                r.mutable_response_deadline());
      }),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.response_deadline"));
  EXPECT_THAT(CreateChanged([](v1::Referral& r) {
                r.mutable_weights()->set_quality(50);
                r.mutable_weights()->set_price(40);
              }),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.weights"));
  for (int age : {14, 15, 26}) {
    EXPECT_THAT(CreateChanged([age](v1::Referral& r) { r.set_age(age); }),
                GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.age"))
        << age;
  }
  for (int64_t minutes : {-1, 10081}) {
    EXPECT_THAT(CreateChanged([minutes](v1::Referral& r) {
                  r.set_support_minutes_per_week(minutes);
                }),
                GrpcIs(StatusCode::INVALID_ARGUMENT,
                       "referral.support_minutes_per_week"))
        << minutes;
  }
  EXPECT_THAT(
      CreateChanged([](v1::Referral& r) { r.add_needs(v1::NEED_UNSPECIFIED); }),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.needs[2]"));
  EXPECT_THAT(CreateChanged([](v1::Referral& r) {
                r.add_needs(static_cast<v1::Need>(42));
              }),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.needs[2]"));
  EXPECT_THAT(
      CreateChanged([](v1::Referral& r) { r.add_needs(v1::GOING_MISSING); }),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.needs[2]"));
  EXPECT_THAT(
      CreateChanged([](v1::Referral& r) {
        r.set_accommodation_type(v1::ACCOMMODATION_TYPE_UNSPECIFIED);
      }),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.accommodation_type"));
  for (const char* dated :
       {"SEF 12/03/2010", "SEF-2010-03-12", "SEF 12 March 2010"}) {
    EXPECT_THAT(CreateChanged(
                    [dated](v1::Referral& r) { r.set_case_reference(dated); }),
                GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.case_reference"))
        << dated;
  }
  EXPECT_THAT(CreateChanged([](v1::Referral& r) { r.clear_case_reference(); }),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.case_reference"));
  EXPECT_THAT(
      CreateChanged([](v1::Referral& r) {
        *r.mutable_wanted_start_date() = Day("2026-11-29");
      }),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.wanted_start_date"));
  EXPECT_THAT(CreateChanged([](v1::Referral& r) { r.set_lot_id("lot-9"); }),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.lot_id"));
  EXPECT_THAT(CreateChanged([](v1::Referral& r) {
                r.set_framework("frameworks/nowhere");
              }),
              GrpcIs(StatusCode::NOT_FOUND, "referral.framework"));
  EXPECT_THAT(
      CreateChanged([](v1::Referral& r) { r.set_max_distance_miles(701); }),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.max_distance_miles"));
  EXPECT_THAT(
      CreateChanged(
          [](v1::Referral& r) { r.mutable_home_location()->set_latitude(91); }),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.home_location.latitude"));
  EXPECT_THAT(
      CreateChanged([](v1::Referral& r) {
        r.set_confidential_summary(std::string(4001, 'x'));
      }),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "referral.confidential_summary"));

  // Nottingham is an authority but no member of the framework: the
  // request is sound, the state of things refuses it.
  v1::Referral out;
  EXPECT_THAT(
      Create(Commissioner("nottingham"), SampleReferral(), &out, "nottingham"),
      GrpcIs(StatusCode::FAILED_PRECONDITION, "not an active member"));
  // Malformed parent; no request_id.
  EXPECT_THAT(Create(Commissioner(), SampleReferral(), &out, "Sefton Council"),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "parent"));
  v1::CreateReferralRequest no_id;
  no_id.set_parent("authorities/sefton");
  *no_id.mutable_referral() = SampleReferral();
  EXPECT_THAT(stub_->CreateReferral(testing::CallContext(Commissioner()).get(),
                                    no_id, &out),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "request_id"));

  EXPECT_EQ(CountRows("referrals"), 0);
  EXPECT_EQ(CountRows("idempotency_keys"), 0);
}

TEST_F(BadInputTest, AnOfferOrDeclineOutOfBoundsIsRefusedNamingTheField) {
  const v1::Referral referral = Submitted();
  const std::string bootle = InvitationOf(referral.name(), "bootle-house");
  const std::string token = ProviderUser("bootle-house");

  // Manchester Lodge is over 20 miles away and was not invited.
  EXPECT_THAT(MakeOffer(ProviderUser("manchester-lodge"),
                        InvitationOf(referral.name(), "manchester-lodge"),
                        Offer("manchester-lodge")),
              GrpcIs(StatusCode::NOT_FOUND, "not invited"));
  v1::OfferTerms offer = Offer("bootle-house");
  offer.set_setting("providers/mersey-living/settings/main");
  EXPECT_THAT(MakeOffer(token, bootle, offer),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "offer.setting"));
  offer.set_setting("bootle-house/main");
  EXPECT_THAT(MakeOffer(token, bootle, offer),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "offer.setting"));
  offer = Offer("bootle-house");
  offer.set_setting("providers/bootle-house/settings/annex");
  EXPECT_THAT(MakeOffer(token, bootle, offer),
              GrpcIs(StatusCode::NOT_FOUND, "offer.setting"));
  EXPECT_THAT(
      MakeOffer(token, bootle, Offer("bootle-house", 10'000'001)),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "offer.accommodation_weekly_pence"));
  EXPECT_THAT(
      MakeOffer(token, bootle, Offer("bootle-house", -1)),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "offer.accommodation_weekly_pence"));
  EXPECT_THAT(
      MakeOffer(token, bootle, Offer("bootle-house", 85000, 59524)),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "offer.support_hourly_pence"));
  EXPECT_THAT(
      MakeOffer(token, bootle, Offer("bootle-house", 85000, 1850, 10081)),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "offer.support_minutes_per_week"));
  EXPECT_THAT(MakeOffer(token, bootle,
                        Offer("bootle-house", 85000, 1850, 600, "2026-11-29")),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "offer.available_date"));
  offer = Offer("bootle-house");
  offer.clear_available_date();
  EXPECT_THAT(MakeOffer(token, bootle, offer),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "offer.available_date"));
  v1::MakeOfferRequest bare;
  bare.set_name(bootle);
  bare.set_request_id(NextRequestId());
  v1::Invitation out;
  EXPECT_THAT(stub_->MakeOffer(testing::CallContext(token).get(), bare, &out),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "offer"));
  bare.clear_request_id();
  *bare.mutable_offer() = Offer("bootle-house");
  EXPECT_THAT(stub_->MakeOffer(testing::CallContext(token).get(), bare, &out),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "request_id"));
  for (const char* name :
       {"authorities/sefton/referrals/1/invitations", "bootle-house",
        "authorities/sefton/referrals/x/invitations/bootle-house",
        "authorities/sefton/referrals/01/invitations/bootle-house"}) {
    EXPECT_THAT(MakeOffer(token, name, Offer("bootle-house")),
                GrpcIs(StatusCode::INVALID_ARGUMENT, "name"))
        << name;
  }

  // OTHER needs a note; a reason is needed.
  v1::DeclineInvitationRequest decline;
  decline.set_name(bootle);
  decline.set_reason(v1::OTHER);
  decline.set_request_id(NextRequestId());
  EXPECT_THAT(stub_->DeclineInvitation(testing::CallContext(token).get(),
                                       decline, &out),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "note"));
  decline.set_reason(v1::DECLINE_REASON_UNSPECIFIED);
  EXPECT_THAT(stub_->DeclineInvitation(testing::CallContext(token).get(),
                                       decline, &out),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "reason"));
  decline.set_reason(v1::NO_VACANCY);
  decline.set_note(std::string(1001, 'x'));
  EXPECT_THAT(stub_->DeclineInvitation(testing::CallContext(token).get(),
                                       decline, &out),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "note"));

  // Still open and unanswered.
  v1::Invitation invitation;
  ASSERT_THAT(GetInvitation(token, bootle, &invitation), GrpcOk());
  EXPECT_EQ(invitation.status(), v1::INVITED);
  EXPECT_EQ(CountRows("invitations", "status <> 'INVITED'"), 0);
}

TEST_F(BadInputTest, WrongStatesAndMalformedNamesAreRefused) {
  const v1::Referral referral = Submitted();
  const std::string commissioner = Commissioner();

  // Awarding waits for the competition; an invitation of another referral
  // is not this one's.
  EXPECT_THAT(Award(commissioner, referral.name(),
                    InvitationOf(referral.name(), "bootle-house"), ""),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "OPEN"));
  EXPECT_THAT(
      Award(commissioner, referral.name(),
            "authorities/sefton/referrals/999/invitations/bootle-house", ""),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "invitation"));
  EXPECT_THAT(Award(commissioner, referral.name(), "bootle-house", ""),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "invitation"));
  v1::AwardReferralRequest no_id;
  no_id.set_name(referral.name());
  no_id.set_invitation(InvitationOf(referral.name(), "bootle-house"));
  v1::Placement placement;
  EXPECT_THAT(stub_->AwardReferral(testing::CallContext(commissioner).get(),
                                   no_id, &placement),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "request_id"));
  // A submitted referral is not submitted again.
  EXPECT_THAT(Submit(commissioner, referral.name()),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "DRAFT"));
  v1::SubmitReferralRequest submit;
  submit.set_name(referral.name());
  v1::Referral out;
  EXPECT_THAT(stub_->SubmitReferral(testing::CallContext(commissioner).get(),
                                    submit, &out),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "request_id"));

  // After a cancellation nothing can be offered or awarded.
  ASSERT_THAT(MakeOffer(ProviderUser("bootle-house"),
                        InvitationOf(referral.name(), "bootle-house"),
                        Offer("bootle-house")),
              GrpcOk());
  v1::Referral cancelled;
  ASSERT_THAT(Cancel(commissioner, referral.name(), &cancelled), GrpcOk());
  EXPECT_EQ(cancelled.status(), v1::CANCELLED);
  EXPECT_THAT(Award(commissioner, referral.name(),
                    InvitationOf(referral.name(), "bootle-house"), ""),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "CANCELLED"));
  EXPECT_THAT(MakeOffer(ProviderUser("mersey-living"),
                        InvitationOf(referral.name(), "mersey-living"),
                        Offer("mersey-living")),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "cancelled"));
  EXPECT_THAT(Cancel(commissioner, referral.name()),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "CANCELLED"));
  v1::CancelReferralRequest no_reason;
  no_reason.set_name(referral.name());
  no_reason.set_request_id(NextRequestId());
  EXPECT_THAT(stub_->CancelReferral(testing::CallContext(commissioner).get(),
                                    no_reason, &out),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "reason"));
  EXPECT_EQ(CountRows("placements"), 0);

  // Malformed names on reads.
  for (const char* name :
       {"", "authorities/sefton", "authorities/sefton/referrals/0",
        "authorities/sefton/referrals/-1", "authorities/Sefton/referrals/1",
        "authorities/sefton/placements/1", "referrals/1"}) {
    EXPECT_THAT(Get(commissioner, name, &out),
                GrpcIs(StatusCode::INVALID_ARGUMENT, "name"))
        << name;
  }
  EXPECT_THAT(GetPlacement(commissioner, "authorities/sefton/placements/abc",
                           &placement),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "name"));
  EXPECT_THAT(GetPlacement(commissioner, referral.name(), &placement),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "name"));
  v1::PlacementCost cost;
  EXPECT_THAT(PlacementCost(commissioner, "authorities/sefton/placements/1",
                            "2027-01-01", "2026-12-01", &cost),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "last_day"));
  EXPECT_THAT(PlacementCost(commissioner, "authorities/sefton/placements/1",
                            "2026-12-01", "2030-12-01", &cost),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "last_day"));
  // A change out of bounds is refused as such before any placement is
  // looked up, even for one that does not exist.
  EXPECT_THAT(
      AdjustHours(commissioner, "authorities/sefton/placements/999",
                  "2027-01-04", 10081),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "change.support_minutes_per_week"));
  EXPECT_THAT(
      AdjustHours(commissioner, "authorities/sefton/placements/999",
                  "2027-01-04", -1),
      GrpcIs(StatusCode::INVALID_ARGUMENT, "change.support_minutes_per_week"));
  v1::EndPlacementRequest end;
  end.set_name("authorities/sefton/placements/999");
  *end.mutable_end_date() = Day("2027-01-31");
  end.set_reason(v1::RETURNED_HOME);
  end.set_note(std::string(1001, 'x'));
  end.set_request_id(NextRequestId());
  EXPECT_THAT(stub_->EndPlacement(testing::CallContext(commissioner).get(), end,
                                  &placement),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "note"));
  // Create, Submit, MakeOffer and Cancel only.
  EXPECT_EQ(CountRows("idempotency_keys"), 4);
  v1::Invitation invitation;
  EXPECT_THAT(GetInvitation(ProviderUser("bootle-house"),
                            "authorities/sefton/referrals/1/invitations/B",
                            &invitation),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "name"));
  v1::ListInvitationsResponse listed;
  EXPECT_THAT(ListInvitations(ProviderUser("bootle-house"), "Bootle House",
                              false, &listed),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "parent"));
}

}  // namespace
}  // namespace fhub::referrals
