// Ranking a referral's offers and awarding one: the placement it becomes.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/referrals/api/referrals_service.h"
#include "services/referrals/domain/access.h"
#include "services/referrals/domain/placement_rules.h"
#include "services/referrals/domain/ranking.h"
#include "services/referrals/domain/referral_rules.h"

namespace fhub::referrals {

// --- Ranking and award -------------------------------------------------------

namespace {

std::vector<Candidate> Candidates(const std::vector<Invitation>& invitations,
                                  ReferralStatus status) {
  std::vector<Candidate> out;
  for (const Invitation& i : invitations) {
    if (!RankedAt(i, status) || !i.offer.has_value()) continue;
    out.push_back({i.provider_id, i.offer_weekly_pence, i.offer_distance_miles,
                   i.quality_score, i.answer_time.value_or(i.invite_time)});
  }
  return out;
}

const Invitation* FindByProvider(const std::vector<Invitation>& invitations,
                                 absl::string_view provider_id) {
  for (const Invitation& i : invitations) {
    if (i.provider_id == provider_id) return &i;
  }
  return nullptr;
}

absl::Status CheckAwardable(ReferralStatus status) {
  switch (status) {
    case ReferralStatus::kEvaluating:
      return absl::OkStatus();
    case ReferralStatus::kOpen:
      return absl::FailedPreconditionError(
          "the competition is still OPEN: offers are ranked and awarded after "
          "the deadline or once every invitee has answered");
    case ReferralStatus::kAwarded:
      return absl::FailedPreconditionError("the referral is already AWARDED");
    case ReferralStatus::kCancelled:
      return absl::FailedPreconditionError("the referral was CANCELLED");
    case ReferralStatus::kNoSuitableOffer:
      return absl::FailedPreconditionError(
          "the referral has NO_SUITABLE_OFFER; re-open it with a wider "
          "distance");
    default:
      return absl::FailedPreconditionError(
          "the referral is a DRAFT and has no offers");
  }
}

}  // namespace

absl::Status ReferralsServiceImpl::DoRankOffers(
    const grpc::ServerContext& context, const v1::RankOffersRequest& request,
    v1::RankOffersResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParseReferralName("name", request.name()));
  if (!CanReadAuthority(caller, name.authority_id)) {
    return absl::NotFoundError(absl::StrCat(request.name(), " not found"));
  }
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(
        ReferralRecord record,
        store_.FindReferral(tx, name.authority_id, name.id, false));
    FHUB_ASSIGN_OR_RETURN(std::vector<Invitation> invitations,
                          store_.ReferralInvitations(tx, name.id));
    const ReferralStatus status =
        CompetitionStatus(record.referral, invitations, clock_.Now());
    if (status == ReferralStatus::kOpen || status == ReferralStatus::kDraft) {
      return CheckAwardable(status);
    }
    const Referral& r = record.referral;
    response->Clear();
    for (const RankedCandidate& ranked :
         Rank(Candidates(invitations, status), r.weights, r.max_distance_miles,
              r.weekly_budget_pence)) {
      const Invitation* i =
          FindByProvider(invitations, ranked.candidate.provider_id);
      v1::RankedOffer* out = response->add_offers();
      out->set_rank(ranked.rank);
      out->set_invitation(InvitationResourceName(*i));
      out->set_provider(absl::StrCat("providers/", i->provider_id));
      ToProto(*i->offer, i->provider_id, out->mutable_offer());
      out->set_weekly_pence(ranked.candidate.weekly_pence);
      out->set_distance_miles(ranked.candidate.distance_miles);
      out->set_quality_score(ranked.candidate.quality_score);
      out->set_quality_component(ranked.quality_component);
      out->set_price_component(ranked.price_component);
      out->set_distance_component(ranked.distance_component);
      out->set_score(ranked.score);
      out->set_within_budget(ranked.within_budget);
      out->set_spot_price(i->spot_price);
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<Placement> ReferralsServiceImpl::Place(
    db::Tx& tx, Locked& locked, Placement placement,
    const std::string& chosen_provider) {
  Referral& referral = locked.record.referral;
  const absl::Time now = clock_.Now();
  placement.authority_id = referral.authority_id;
  placement.referral_id = referral.id;
  placement.framework_id = referral.framework_id;
  placement.lot_id = referral.lot_id;
  placement.create_time = now;
  FHUB_RETURN_IF_ERROR(store_.InsertPlacement(tx, placement));
  for (Invitation& invitation : locked.invitations) {
    InvitationStatus next = invitation.status;
    if (invitation.provider_id == chosen_provider &&
        invitation.status == InvitationStatus::kOffered) {
      next = InvitationStatus::kOfferAwarded;
    } else if (invitation.status == InvitationStatus::kOffered) {
      next = InvitationStatus::kUnsuccessful;
    } else if (invitation.status == InvitationStatus::kInvited) {
      next = InvitationStatus::kClosed;
    }
    if (next == invitation.status) continue;
    invitation.status = next;
    FHUB_RETURN_IF_ERROR(store_.UpdateInvitation(tx, invitation));
    EmitInvitationChanged(tx, referral, invitation);
  }
  referral.status = ReferralStatus::kAwarded;
  referral.award_time = now;
  referral.placement_id = placement.id;
  FHUB_RETURN_IF_ERROR(store_.UpdateReferral(tx, referral));
  Emit(tx, v1::PLACEMENT_STARTED, referral, placement.provider_id,
       PlacementName(referral.authority_id, placement.id));
  return placement;
}

absl::Status ReferralsServiceImpl::DoAwardReferral(
    const grpc::ServerContext& context, const v1::AwardReferralRequest& request,
    v1::Placement* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParseReferralName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, name.authority_id));
  FHUB_ASSIGN_OR_RETURN(
      InvitationName chosen,
      ParseInvitationName("invitation", request.invitation()));
  if (chosen.authority_id != name.authority_id ||
      chosen.referral_id != name.id) {
    return absl::InvalidArgumentError(
        absl::StrCat("invitation: ", request.invitation(),
                     " is not an invitation of ", request.name()));
  }
  FHUB_RETURN_IF_ERROR(
      CheckText("reason", request.reason(), 0, kMaxReasonLength));
  return Change<v1::Placement>(
      caller, "AwardReferral", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Placement* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Locked locked, LockReferral(tx, name));
        FHUB_RETURN_IF_ERROR(CheckAwardable(locked.status));
        const Referral& referral = locked.record.referral;
        const Invitation* invitation =
            FindByProvider(locked.invitations, chosen.provider_id);
        if (invitation == nullptr) {
          return absl::NotFoundError(
              absl::StrCat("invitation: providers/", chosen.provider_id,
                           " was not invited to ", request.name()));
        }
        if (!LiveOffer(*invitation) || !invitation->offer.has_value()) {
          return absl::FailedPreconditionError(absl::StrCat(
              "invitation: ", request.invitation(), " holds no live offer (",
              NameOf(kInvitationStatuses, invitation->status), ")"));
        }
        const std::vector<RankedCandidate> ranked = Rank(
            Candidates(locked.invitations, locked.status), referral.weights,
            referral.max_distance_miles, referral.weekly_budget_pence);
        const bool first =
            !ranked.empty() &&
            ranked.front().candidate.provider_id == chosen.provider_id;
        if (!first && request.reason().empty()) {
          return absl::InvalidArgumentError(
              absl::StrCat("reason: providers/", chosen.provider_id,
                           " is not the first ranked offer (providers/",
                           ranked.front().candidate.provider_id,
                           " is); say why it is chosen"));
        }
        const OfferTerms& offer = *invitation->offer;
        const absl::CivilDay start =
            std::max(offer.available_date, referral.wanted_start_date);
        // The setting's last place is given once: its row is locked, then
        // the places taken are counted.
        FHUB_ASSIGN_OR_RETURN(
            SettingPlaces places,
            store_.LockSettingPlaces(tx, chosen.provider_id, offer.setting_id));
        FHUB_ASSIGN_OR_RETURN(std::vector<Placement> taken,
                              store_.PlacesTaken(tx, chosen.provider_id,
                                                 offer.setting_id, start));
        FHUB_RETURN_IF_ERROR(
            CheckFreePlace(taken, places.capacity, start,
                           SettingName(chosen.provider_id, offer.setting_id)));

        Placement placement;
        placement.provider_id = chosen.provider_id;
        placement.setting_id = offer.setting_id;
        placement.start_date = start;
        placement.accommodation_weekly_pence = offer.accommodation_weekly_pence;
        placement.support_hourly_pence = offer.support_hourly_pence;
        placement.hours.push_back(
            {start, offer.support_minutes_per_week, clock_.Now()});
        placement.distance_miles = invitation->offer_distance_miles;
        placement.award_reason = request.reason();
        const std::string case_reference = referral.case_reference;
        FHUB_ASSIGN_OR_RETURN(placement, Place(tx, locked, std::move(placement),
                                               chosen.provider_id));
        ToProto(placement, case_reference, out);
        return out->name();
      });
}

}  // namespace fhub::referrals
