#include "services/frameworks/domain/records.h"

#include <algorithm>

namespace fhub::frameworks {

Tally TallyOf(const ExtensionBallot& ballot,
              const std::vector<std::string>& ceased) {
  Tally tally;
  for (const Elector& elector : ballot.electors) {
    const Vote* vote = ballot.VoteOf(elector.authority_id);
    if (vote == nullptr) {
      const bool gone =
          elector.withdrawn || std::find(ceased.begin(), ceased.end(),
                                         elector.authority_id) != ceased.end();
      if (!gone) ++tally.electorate;
      continue;
    }
    ++tally.electorate;
    switch (vote->choice) {
      case VoteChoice::kApprove:
        ++tally.approve;
        break;
      case VoteChoice::kReject:
        ++tally.reject;
        break;
      case VoteChoice::kAbstain:
        ++tally.abstain;
        break;
    }
  }
  return tally;
}

}  // namespace fhub::frameworks
