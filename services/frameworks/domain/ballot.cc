#include "services/frameworks/domain/ballot.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "services/frameworks/domain/rules.h"

namespace fhub::frameworks {
namespace {

std::string FrameworkName(const Framework& framework) {
  return absl::StrCat("frameworks/", framework.id);
}

bool HasOptionLeft(const Term& term) {
  return term.extensions_taken >= 0 &&
         static_cast<size_t>(term.extensions_taken) <
             term.extension_months.size();
}

}  // namespace

BallotOutcome DecideBallot(const BallotRules& rules, const Tally& tally) {
  // In 64 bits so that no electorate size can overflow the products.
  const int64_t voted = tally.voted();
  if (tally.electorate <= 0 ||
      voted * 100 < int64_t{rules.quorum_percent} * tally.electorate) {
    return BallotOutcome::kNoQuorum;
  }
  if (rules.unanimous) {
    return tally.approve > 0 && tally.reject == 0 ? BallotOutcome::kPassed
                                                  : BallotOutcome::kFailed;
  }
  const int64_t decided = int64_t{tally.approve} + tally.reject;
  if (decided == 0) return BallotOutcome::kFailed;
  return int64_t{tally.approve} * 100 >=
                 int64_t{rules.pass_threshold_percent} * decided
             ? BallotOutcome::kPassed
             : BallotOutcome::kFailed;
}

bool EveryoneHasVoted(const Tally& tally) {
  // An empty electorate has not "all voted": such a ballot runs to its close
  // time rather than closing the moment it opens.
  return tally.electorate > 0 && tally.voted() >= tally.electorate;
}

absl::Status CheckOpenBallot(const Framework& framework, bool ballot_open,
                             absl::Time now, absl::Time closes_at) {
  if (framework.status != FrameworkStatus::kActive) {
    return absl::FailedPreconditionError(absl::StrCat(
        FrameworkName(framework), " is ",
        NameOf(kFrameworkStatuses, framework.status),
        "; an extension ballot can be opened only on an ACTIVE framework"));
  }
  if (ballot_open) {
    return absl::FailedPreconditionError(absl::StrCat(
        FrameworkName(framework), " already has an extension ballot open"));
  }
  const Term& term = framework.term;
  if (!HasOptionLeft(term)) {
    return absl::FailedPreconditionError(
        absl::StrCat(FrameworkName(framework), " has taken all ",
                     term.extension_months.size(), " extension options"));
  }
  if (term.current_end >= term.maximum_end) {
    return absl::FailedPreconditionError(absl::StrCat(
        FrameworkName(framework), " already runs to its maximum end ",
        absl::FormatCivilTime(term.maximum_end)));
  }
  if (closes_at <= now) {
    return absl::InvalidArgumentError("close_time must be in the future");
  }
  return absl::OkStatus();
}

absl::StatusOr<Term> ExtendTerm(const Term& term) {
  if (!HasOptionLeft(term)) {
    return absl::FailedPreconditionError(
        absl::StrCat("all ", term.extension_months.size(),
                     " extension options have been taken"));
  }
  Term extended = term;
  const absl::CivilDay wanted =
      AddMonths(term.current_end, term.extension_months[term.extensions_taken]);
  // Clamped to the maximum, but never shortened if the data already ran past
  // it.
  extended.current_end =
      std::max(term.current_end, std::min(wanted, term.maximum_end));
  ++extended.extensions_taken;
  return extended;
}

}  // namespace fhub::frameworks
