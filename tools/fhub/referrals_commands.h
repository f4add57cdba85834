#pragma once

// Commands of fhub.referrals.v1.ReferralService, placement referrals and
// their mini-competitions: a commissioner's referrals, rankings and
// awards, a provider's invitations and offers, placements, block contracts
// and figures. Every one of them calls the referrals service at
// --referrals_addr; the requests they send are built by
// referrals_requests.h.

#include <vector>

#include "absl/status/statusor.h"
#include "fhub/referrals/v1/referrals.pb.h"
#include "tools/fhub/command.h"

namespace fhub::cli {

std::vector<Command> ReferralCommands();

// `finance lines` and `referrals import` (council_systems_commands.cc): the
// finance export and the import of referrals.
std::vector<Command> FinanceCommands();

// The request `finance lines authorities/ID --month YYYY-MM` (or
// --four_weeks_from YYYY-MM-DD) sends; INVALID_ARGUMENT naming the flag.
absl::StatusOr<referrals::v1::ListFinanceLinesRequest> BuildFinanceLines(
    const Args& args);
absl::StatusOr<referrals::v1::ImportReferralsRequest> BuildImport(
    const Args& args);

}  // namespace fhub::cli
