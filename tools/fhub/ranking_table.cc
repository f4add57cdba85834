#include "tools/fhub/ranking_table.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::referrals::v1;

constexpr char kHeader[] =
    "RANK  SCORE  WEEKLY      QUALITY  PRICE  DISTANCE  MILES  AVAILABLE   "
    "NOTE\n";

std::string Date(const common::v1::Date& date) {
  if (date.year() == 0) {
    return "(not set)";
  }
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(),
                         date.day());
}

std::string Note(const v1::RankedOffer& offer) {
  std::vector<std::string> notes;
  if (!offer.within_budget()) {
    notes.push_back("over budget");
  }
  if (offer.spot_price()) {
    notes.push_back("spot price");
  }
  return absl::StrJoin(notes, ", ");
}

}  // namespace

std::string Pounds(int64_t pence) {
  const bool negative = pence < 0;
  // In unsigned arithmetic, so that the most negative int64 has a magnitude.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(pence)
                                : static_cast<uint64_t>(pence);
  std::string pounds = absl::StrCat(magnitude / 100);
  for (int i = static_cast<int>(pounds.size()) - 3; i > 0; i -= 3) {
    pounds.insert(static_cast<size_t>(i), ",");
  }
  return absl::StrFormat("%s£%s.%02d", negative ? "-" : "", pounds,
                         static_cast<int>(magnitude % 100));
}

std::string RankingTable(const v1::RankOffersResponse& ranking) {
  if (ranking.offers().empty()) {
    return "No offers to rank.\n";
  }
  std::string out = kHeader;
  for (const v1::RankedOffer& offer : ranking.offers()) {
    std::string line = absl::StrFormat(
        "%4d  %5.1f  %-11s  %7.2f  %5.2f  %8.2f  %5.1f  %-10s  %s",
        offer.rank(), offer.score(), Pounds(offer.weekly_pence()),
        offer.quality_component(), offer.price_component(),
        offer.distance_component(), offer.distance_miles(),
        Date(offer.offer().available_date()), Note(offer));
    // No trailing spaces when there is no note.
    line.erase(line.find_last_not_of(' ') + 1);
    absl::StrAppend(&out, line, "\n      ", offer.invitation(), "\n");
  }
  absl::StrAppend(&out, "Award an offer other than rank 1 with a --reason.\n");
  return out;
}

}  // namespace fhub::cli
