#pragma once

// Extension ballots of the regional strategic leads: how a ballot is decided,
// when it closes early, and what a passed ballot does to the term.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/enum_names.h"
#include "services/frameworks/domain/model.h"

namespace fhub::frameworks {

enum class VoteChoice { kApprove, kReject, kAbstain };
inline constexpr std::array<EnumName<VoteChoice>, 3> kVoteChoices = {{
    {VoteChoice::kApprove, "APPROVE"},
    {VoteChoice::kReject, "REJECT"},
    {VoteChoice::kAbstain, "ABSTAIN"},
}};

enum class BallotOutcome { kPassed, kFailed, kNoQuorum };
inline constexpr std::array<EnumName<BallotOutcome>, 3> kBallotOutcomes = {{
    {BallotOutcome::kPassed, "PASSED"},
    {BallotOutcome::kFailed, "FAILED"},
    {BallotOutcome::kNoQuorum, "NO_QUORUM"},
}};

// The votes of a ballot. `electorate` counts the members who may still vote
// or have voted: those active when the ballot opened, less any that ceased
// membership before voting (a vote cast before ceasing still counts).
struct Tally {
  int electorate = 0;
  int approve = 0;
  int reject = 0;
  int abstain = 0;

  int voted() const { return approve + reject + abstain; }
};

// The outcome under `rules`:
// - NO_QUORUM unless voted * 100 >= quorum_percent * electorate (an empty
//   electorate never has a quorum); abstentions count as voting;
// - unanimous rules: PASSED if at least one APPROVE and no REJECT;
// - otherwise PASSED if approve * 100 >= pass_threshold_percent *
//   (approve + reject): a tie at the threshold passes;
// - with a quorum but no APPROVE or REJECT at all (everyone abstained),
//   FAILED.
BallotOutcome DecideBallot(const BallotRules& rules, const Tally& tally);

// True when everyone in the electorate has voted, so the ballot closes
// early.
bool EveryoneHasVoted(const Tally& tally);

// May the lead open a ballot on `framework` now, closing at `closes_at`?
// FAILED_PRECONDITION unless the framework is ACTIVE, has no ballot open,
// has an extension option left (term.extensions_taken <
// extension_months.size()) and its current end is before its maximum end;
// INVALID_ARGUMENT (naming close_time) unless `closes_at` is after `now`.
absl::Status CheckOpenBallot(const Framework& framework, bool ballot_open,
                             absl::Time now, absl::Time closes_at);

// The term once the next extension option is taken: current end moved by
// the option's months (AddMonths), never past the maximum end, and
// extensions_taken one higher. FAILED_PRECONDITION if no option is left.
absl::StatusOr<Term> ExtendTerm(const Term& term);

}  // namespace fhub::frameworks
