// `fhub referrals|invitations|offer|decline|withdraw-offer|placements|
// block-contracts|figures|placement-counts ...`: the commands of the
// referrals service.
//
// Each table entry pairs a command's usage with the rpc it calls; the
// request it sends is built and checked from its arguments, flags and --file
// in referrals_requests.cc. Responses print as JSON, money in whole pence;
// `referrals rank --table` prints the ranking for people instead.

#include "tools/fhub/referrals_commands.h"

#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "tools/fhub/event_stream.h"
#include "tools/fhub/ranking_table.h"
#include "tools/fhub/referrals_requests.h"
#include "tools/fhub/session.h"

ABSL_FLAG(bool, table, false,
          "referrals rank: print the ranking as a table for people rather "
          "than JSON");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::referrals::v1;
using Stub = v1::ReferralService::Stub;

// The synopsis of a referral given with flags.
constexpr char kReferralFlags[] =
    "[--authority authorities/ID]\n"
    "      (--file referral.json | --framework frameworks/ID --lot lot-1\n"
    "       --case_reference REF --age N --support_minutes N\n"
    "       --accommodation_type TYPE --lat 53.6475 --lng -3.0053\n"
    "       --wanted_start YYYY-MM-DD [--needs NEED,...] [--miles 20]\n"
    "       [--deadline RFC3339|YYYY-MM-DD] [--weights 60/40/0]\n"
    "       [--budget_pence N] [--summary \"...\"])";

int PrintRanking(const v1::RankOffersResponse& ranking) {
  if (!absl::GetFlag(FLAGS_table)) {
    return PrintMessage(ranking);
  }
  std::cout << RankingTable(ranking);
  return kExitOk;
}

std::vector<Command> CommissionerCommands() {
  return {
      {"referrals", "create", kReferralFlags,
       "Creates a DRAFT referral from flags or a Referral in protobuf JSON\n"
       "      (COMMISSIONER); --authority defaults to the token's org.",
       0, 0,
       [](const Args& args) {
         return Write(&Stub::CreateReferral, BuildCreateReferral(args));
       }},
      {"referrals", "get", "authorities/ID/referrals/N",
       "Shows one referral and its status as of now.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetReferral, BuildGetReferral(args));
       }},
      {"referrals", "list", "[--authority authorities/ID] [--all]",
       "Lists the authority's referrals, newest first.", 0, 0,
       [](const Args& args) {
         return List(&Stub::ListReferrals, BuildListReferrals(args));
       }},
      {"referrals", "submit", "authorities/ID/referrals/N",
       "Opens the mini-competition: invites every eligible provider "
       "(DRAFT -> OPEN).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::SubmitReferral, BuildSubmitReferral(args));
       }},
      {"referrals", "cancel", "authorities/ID/referrals/N --reason \"...\"",
       "Cancels a referral not yet awarded; open invitations close.", 1, 1,
       [](const Args& args) {
         return Write(&Stub::CancelReferral, BuildCancelReferral(args));
       }},
      {"referrals", "reopen",
       "authorities/ID/referrals/N [--miles M]\n"
       "      [--deadline RFC3339|YYYY-MM-DD]",
       "Re-opens a NO_SUITABLE_OFFER referral, inviting providers not yet "
       "invited.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::ReopenReferral, BuildReopenReferral(args));
       }},
      {"referrals", "rank", "authorities/ID/referrals/N [--table]",
       "The offers best first with their scores, once the referral is "
       "EVALUATING; --table\n      prints them for people.",
       1, 1,
       [](const Args& args) {
         return Read(&Stub::RankOffers, BuildRankOffers(args), PrintRanking);
       }},
      {"referrals", "award",
       "authorities/ID/referrals/N\n"
       "      --invitation authorities/ID/referrals/N/invitations/ID "
       "[--reason \"...\"]",
       "Awards an offer and starts its placement; any offer but the first "
       "ranked needs\n      a reason.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::AwardReferral, BuildAwardReferral(args));
       }},
      {"referrals", "place-in-block",
       "authorities/ID/referrals/N\n"
       "      --block_contract authorities/ID/blockContracts/N\n"
       "      --setting providers/ID/settings/ID [--from YYYY-MM-DD]",
       "Places a DRAFT or OPEN referral in a free place of a block contract; "
       "--from\n      defaults to the wanted start.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::PlaceInBlock, BuildPlaceInBlock(args));
       }},
  };
}

std::vector<Command> ProviderCommands() {
  return {
      {"invitations", "list", "[--provider providers/ID] [--open_only] [--all]",
       "Lists your invitations, newest first (PROVIDER_USER); --provider "
       "defaults to the\n      token's org.",
       0, 0,
       [](const Args& args) {
         return List(&Stub::ListInvitations, BuildListInvitations(args));
       }},
      {"invitations", "get", "authorities/ID/referrals/N/invitations/ID",
       "Shows one invitation.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetInvitation, BuildGetInvitation(args));
       }},
      {"invitations", "watch", "[--provider providers/ID]",
       "Prints your open invitations, then each new one or change, one line "
       "of JSON each,\n      until interrupted.",
       0, 0,
       [](const Args& args) {
         return FollowUpdates(&Stub::StreamInvitations,
                              BuildStreamInvitations(args));
       }},
      {"offer", "",
       "--invitation authorities/ID/referrals/N/invitations/ID\n"
       "      --setting providers/ID/settings/ID --available YYYY-MM-DD\n"
       "      --accommodation_weekly_pence N --support_hourly_pence N\n"
       "      --support_minutes N [--note \"...\"]",
       "Offers a place, in whole pence and minutes a week; checked against "
       "the\n      authority's price book.",
       0, 0,
       [](const Args& args) {
         return Write(&Stub::MakeOffer, BuildMakeOffer(args));
       }},
      {"decline", "",
       "--invitation authorities/ID/referrals/N/invitations/ID\n"
       "      --reason NO_VACANCY|CANNOT_MEET_NEEDS|LOCATION|RISK|OTHER "
       "[--note \"...\"]",
       "Declines an open invitation; OTHER needs a --note.", 0, 0,
       [](const Args& args) {
         return Write(&Stub::DeclineInvitation, BuildDeclineInvitation(args));
       }},
      {"withdraw-offer", "",
       "--invitation authorities/ID/referrals/N/invitations/ID",
       "Withdraws your offer, until the award and before the deadline.", 0, 0,
       [](const Args& args) {
         return Write(&Stub::WithdrawOffer, BuildWithdrawOffer(args));
       }},
  };
}

std::vector<Command> PlacementCommands() {
  return {
      {"placements", "get", "authorities/ID/placements/N",
       "Shows one placement with its history of hours.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetPlacement, BuildGetPlacement(args));
       }},
      {"placements", "list",
       "[--authority authorities/ID | --provider providers/ID]\n"
       "      [--active] [--all]",
       "Lists an authority's or a provider's placements, newest first "
       "(default the\n      token's org); --active only those not ended.",
       0, 0,
       [](const Args& args) {
         return List(&Stub::ListPlacements, BuildListPlacements(args));
       }},
      {"placements", "adjust-hours",
       "authorities/ID/placements/N --from YYYY-MM-DD\n"
       "      --support_minutes N",
       "Changes the weekly support minutes from a day; a later change on the "
       "same day\n      replaces it.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::AdjustSupportHours, BuildAdjustSupportHours(args));
       }},
      {"placements", "end",
       "authorities/ID/placements/N --date YYYY-MM-DD --reason REASON\n"
       "      [--note \"...\"]",
       "Ends a placement on its last day; REASON is MOVED_TO_INDEPENDENCE, "
       "RETURNED_HOME,\n      STAYING_PUT, PLACEMENT_BREAKDOWN, AGE_OUT or "
       "OTHER_REASON.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::EndPlacement, BuildEndPlacement(args));
       }},
      {"placements", "cost",
       "authorities/ID/placements/N --from YYYY-MM-DD --to YYYY-MM-DD",
       "The cost from one day to another, inclusive, in segments of equal "
       "hours.",
       1, 1,
       [](const Args& args) {
         return Read(&Stub::GetPlacementCost, BuildGetPlacementCost(args));
       }},
  };
}

std::vector<Command> BlockAndFigureCommands() {
  return {
      {"block-contracts", "create",
       "[--authority authorities/ID] --provider providers/ID\n"
       "      --framework frameworks/ID --lot lot-1\n"
       "      --settings providers/ID/settings/ID,... --places N\n"
       "      --from YYYY-MM-DD --to YYYY-MM-DD --weekly_pence_per_place N\n"
       "      --support_hourly_pence N",
       "Records places reserved with a provider for a period (COMMISSIONER).",
       0, 0,
       [](const Args& args) {
         return Write(&Stub::CreateBlockContract,
                      BuildCreateBlockContract(args));
       }},
      {"block-contracts", "list", "[--authority authorities/ID]",
       "Lists the authority's block contracts, newest first.", 0, 0,
       [](const Args& args) {
         return Read(&Stub::ListBlockContracts, BuildListBlockContracts(args));
       }},
      {"block-contracts", "occupancy",
       "authorities/ID/blockContracts/N\n"
       "      --from YYYY-MM-DD --to YYYY-MM-DD",
       "Occupied and empty place days of a block contract over a period.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetBlockOccupancy, BuildGetBlockOccupancy(args));
       }},
      {"figures", "",
       "--framework frameworks/ID [--authority authorities/ID]\n"
       "      --from YYYY-MM-DD --to YYYY-MM-DD",
       "Referrals, offers, declines, awards and placements over a period, of "
       "one\n      authority or (without --authority) the consortium.",
       0, 0,
       [](const Args& args) {
         return Read(&Stub::GetFigures, BuildGetFigures(args));
       }},
      {"placement-counts", "",
       "--framework frameworks/ID --from YYYY-MM-DD --to YYYY-MM-DD",
       "Placements each member started in a period, as cost sharing counts "
       "them (SERVICE,\n      or the framework's lead).",
       0, 0,
       [](const Args& args) {
         return Read(&Stub::CountPlacements, BuildCountPlacements(args));
       }},
  };
}

}  // namespace

std::vector<Command> ReferralCommands() {
  std::vector<Command> commands = CommissionerCommands();
  for (std::vector<Command> group :
       {ProviderCommands(), PlacementCommands(), BlockAndFigureCommands()}) {
    commands.insert(commands.end(), group.begin(), group.end());
  }
  return commands;
}

}  // namespace fhub::cli
