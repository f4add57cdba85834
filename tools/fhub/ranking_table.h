#pragma once

// `fhub referrals rank --table`: a referral's ranked offers as a plain-text
// table for the commissioner choosing one, where the command otherwise
// prints JSON for scripts (as `ballots results` does for a ballot).

#include <cstdint>
#include <string>

#include "fhub/referrals/v1/referrals.pb.h"

namespace fhub::cli {

// 123456 -> "£1,234.56"; -5 -> "-£0.05".
std::string Pounds(int64_t pence);

// A line per offer, best first, then its invitation (to award it), e.g.
//
//   RANK  SCORE  WEEKLY      QUALITY  PRICE  DISTANCE  MILES  AVAILABLE   NOTE
//      1   81.3  £992.50        0.78   1.00      0.62   12.3  2026-05-04
//         authorities/sefton/referrals/3/invitations/acme-care
//      2   70.0  £1,500.00      0.90   0.66      0.10   18.0  2026-05-08  ...
//         authorities/sefton/referrals/3/invitations/bootle
//
// with the weekly cost for the hours offered, the components of the score
// from 0 to 1, the distance from home in miles and a NOTE of "over budget"
// and "spot price" where they apply; "No offers to rank." when there are
// none.
std::string RankingTable(const referrals::v1::RankOffersResponse& ranking);

}  // namespace fhub::cli
