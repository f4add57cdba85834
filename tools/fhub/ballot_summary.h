#pragma once

// `fhub ballots results`: an extension ballot as plain text for people,
// where every other command prints JSON for scripts.

#include <string>

#include "fhub/frameworks/v1/frameworks.pb.h"

namespace fhub::cli {

// The option voted on, whether the ballot is open, its outcome, each
// elector's vote and the tally, with times in UK time, e.g.
//
//   Ballot   frameworks/nw-16plus/ballots/2
//   Option   extension option 2, +12 months
//   Status   closed 2027-01-16 10:14 GMT (opened 2027-01-01 09:00 GMT, ...)
//   Outcome  PASSED: the framework now ends on 2029-03-31
//   Votes
//     authorities/knowsley   APPROVE  2027-01-02 09:00 GMT by jane.smith
//         "We support it."
//     authorities/st-helens  did not vote
//     authorities/halton     withdrawn: ceased membership
//   Tally    1 approve, 0 reject, 0 abstain; 1 of 2 eligible electors ...
std::string BallotSummary(const fhub::frameworks::v1::ExtensionBallot& ballot);

}  // namespace fhub::cli
