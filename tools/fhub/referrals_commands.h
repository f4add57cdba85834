#pragma once

// Commands of fhub.referrals.v1.ReferralService, placement referrals and
// their mini-competitions: a commissioner's referrals, rankings and
// awards, a provider's invitations and offers, placements, block contracts
// and figures. Every one of them calls the referrals service at
// --referrals_addr; the requests they send are built by
// referrals_requests.h.

#include <vector>

#include "tools/fhub/command.h"

namespace fhub::cli {

std::vector<Command> ReferralCommands();

}  // namespace fhub::cli
