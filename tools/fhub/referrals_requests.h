#pragma once

// The requests of the referrals commands (referrals_commands.cc), one
// builder a command, each from the command's arguments and flags. As with
// pricing's (pricing_requests.h), a builder checks everything it can before
// any call: bad input is INVALID_ARGUMENT naming the argument or flag,
// which the command reports as a usage error, and builders of writes set
// the request id (WriteRequestId, session.h). Money is whole pence, support
// time minutes a week, dates YYYY-MM-DD.
//
// Where a request names the caller's own authority or provider (a parent),
// --authority or --provider gives it, else the bearer token's organisation
// when it is one of those.

#include "absl/status/statusor.h"
#include "fhub/referrals/v1/referrals.pb.h"
#include "tools/fhub/command.h"

namespace fhub::cli {

// --- Referrals (the referring authority's COMMISSIONER) ----------------------

// `referrals create [--authority A] (--file referral.json | <referral>)`,
// <referral> being --framework --lot --case_reference --age [--needs]
// --support_minutes --accommodation_type --lat --lng [--miles]
// --wanted_start [--deadline] [--weights] [--budget_pence] [--summary].
absl::StatusOr<referrals::v1::CreateReferralRequest> BuildCreateReferral(
    const Args& args);

// `referrals get authorities/A/referrals/N`.
absl::StatusOr<referrals::v1::GetReferralRequest> BuildGetReferral(
    const Args& args);

// `referrals list [--authority A]`.
absl::StatusOr<referrals::v1::ListReferralsRequest> BuildListReferrals(
    const Args& args);

// `referrals submit authorities/A/referrals/N`.
absl::StatusOr<referrals::v1::SubmitReferralRequest> BuildSubmitReferral(
    const Args& args);

// `referrals cancel authorities/A/referrals/N --reason "..."`.
absl::StatusOr<referrals::v1::CancelReferralRequest> BuildCancelReferral(
    const Args& args);

// `referrals reopen authorities/A/referrals/N [--miles M] [--deadline T]`.
absl::StatusOr<referrals::v1::ReopenReferralRequest> BuildReopenReferral(
    const Args& args);

// `referrals rank authorities/A/referrals/N`.
absl::StatusOr<referrals::v1::RankOffersRequest> BuildRankOffers(
    const Args& args);

// `referrals award authorities/A/referrals/N --invitation I [--reason]`.
absl::StatusOr<referrals::v1::AwardReferralRequest> BuildAwardReferral(
    const Args& args);

// `referrals place-in-block authorities/A/referrals/N --block_contract B
// --setting S [--from YYYY-MM-DD]`.
absl::StatusOr<referrals::v1::PlaceInBlockRequest> BuildPlaceInBlock(
    const Args& args);

// --- Invitations and offers (the invited provider's PROVIDER_USER) -----------

// `invitations list [--provider P] [--open_only]`.
absl::StatusOr<referrals::v1::ListInvitationsRequest> BuildListInvitations(
    const Args& args);

// `invitations get authorities/A/referrals/N/invitations/P`.
absl::StatusOr<referrals::v1::GetInvitationRequest> BuildGetInvitation(
    const Args& args);

// `invitations watch [--provider P]`.
absl::StatusOr<referrals::v1::StreamInvitationsRequest> BuildStreamInvitations(
    const Args& args);

// `offer --invitation I --setting S --available YYYY-MM-DD
// --accommodation_weekly_pence N --support_hourly_pence N
// --support_minutes N [--note "..."]`.
absl::StatusOr<referrals::v1::MakeOfferRequest> BuildMakeOffer(
    const Args& args);

// `decline --invitation I --reason R [--note "..."]`.
absl::StatusOr<referrals::v1::DeclineInvitationRequest> BuildDeclineInvitation(
    const Args& args);

// `withdraw-offer --invitation I`.
absl::StatusOr<referrals::v1::WithdrawOfferRequest> BuildWithdrawOffer(
    const Args& args);

// --- Placements (the authority's COMMISSIONER) -------------------------------

// `placements get authorities/A/placements/N`.
absl::StatusOr<referrals::v1::GetPlacementRequest> BuildGetPlacement(
    const Args& args);

// `placements list [--authority A | --provider P] [--active]`.
absl::StatusOr<referrals::v1::ListPlacementsRequest> BuildListPlacements(
    const Args& args);

// `placements adjust-hours authorities/A/placements/N --from YYYY-MM-DD
// --support_minutes N`.
absl::StatusOr<referrals::v1::AdjustSupportHoursRequest>
BuildAdjustSupportHours(const Args& args);

// `placements end authorities/A/placements/N --date YYYY-MM-DD --reason R
// [--note "..."]`.
absl::StatusOr<referrals::v1::EndPlacementRequest> BuildEndPlacement(
    const Args& args);

// `placements cost authorities/A/placements/N --from YYYY-MM-DD
// --to YYYY-MM-DD`.
absl::StatusOr<referrals::v1::GetPlacementCostRequest> BuildGetPlacementCost(
    const Args& args);

// --- Block contracts (the authority's COMMISSIONER) --------------------------

// `block-contracts create [--authority A] --provider P --framework F --lot L
// --settings S,... --places N --from YYYY-MM-DD --to YYYY-MM-DD
// --weekly_pence_per_place N --support_hourly_pence N`.
absl::StatusOr<referrals::v1::CreateBlockContractRequest>
BuildCreateBlockContract(const Args& args);

// `block-contracts list [--authority A]`.
absl::StatusOr<referrals::v1::ListBlockContractsRequest>
BuildListBlockContracts(const Args& args);

// `block-contracts occupancy authorities/A/blockContracts/N --from
// YYYY-MM-DD --to YYYY-MM-DD`.
absl::StatusOr<referrals::v1::GetBlockOccupancyRequest> BuildGetBlockOccupancy(
    const Args& args);

// --- Figures -----------------------------------------------------------------

// `figures --framework F [--authority A] --from YYYY-MM-DD --to YYYY-MM-DD`;
// without --authority, the consortium's.
absl::StatusOr<referrals::v1::GetFiguresRequest> BuildGetFigures(
    const Args& args);

// `placement-counts --framework F --from YYYY-MM-DD --to YYYY-MM-DD`.
absl::StatusOr<referrals::v1::CountPlacementsRequest> BuildCountPlacements(
    const Args& args);

}  // namespace fhub::cli
