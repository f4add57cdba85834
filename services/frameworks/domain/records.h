#pragma once

// The records contract holding keeps beyond frameworks and memberships:
// extension ballots with their votes, and cost-share statements.

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/frameworks/domain/ballot.h"
#include "services/frameworks/domain/cost_sharing.h"
#include "services/frameworks/domain/model.h"

namespace fhub::frameworks {

struct Elector {
  std::string authority_id;
  // Ceased membership before voting; no longer counts.
  bool withdrawn = false;
};

struct Vote {
  std::string authority_id;
  VoteChoice choice = VoteChoice::kAbstain;
  std::string comment;
  absl::Time cast_time;
  std::string voter;
};

struct ExtensionBallot {
  std::string framework_id;
  int number = 0;
  int option_number = 0;  // from 1
  int option_months = 0;
  absl::Time open_time;
  absl::Time close_time;
  std::optional<absl::Time> closed_time;
  std::optional<BallotOutcome> outcome;
  std::optional<absl::CivilDay> new_current_end;
  std::vector<Elector> electors;  // by authority id
  std::vector<Vote> votes;        // by authority id

  bool open() const { return !closed_time.has_value(); }
  const Vote* VoteOf(const std::string& authority_id) const {
    for (const Vote& v : votes) {
      if (v.authority_id == authority_id) return &v;
    }
    return nullptr;
  }
};

// The ballot's tally, given which electors who have not voted have since
// ceased membership (`ceased`): they leave the electorate.
Tally TallyOf(const ExtensionBallot& ballot,
              const std::vector<std::string>& ceased);

enum class PlacementCountSource { kNone, kSuppliedByLead, kReferralsService };
inline constexpr std::array<EnumName<PlacementCountSource>, 3>
    kPlacementCountSources = {{
        {PlacementCountSource::kNone, "NONE"},
        {PlacementCountSource::kSuppliedByLead, "SUPPLIED_BY_LEAD"},
        {PlacementCountSource::kReferralsService, "REFERRALS_SERVICE"},
    }};

struct CostShareStatement {
  std::string framework_id;
  int number = 0;
  absl::CivilDay period_start;
  absl::CivilDay period_end;
  int64_t cost_pence = 0;
  CostSharingMethod method = CostSharingMethod::kEqualShares;
  CostSharingMethod applied_method = CostSharingMethod::kEqualShares;
  PlacementCountSource count_source = PlacementCountSource::kNone;
  std::vector<Share> shares;
  std::optional<int> corrects;
  std::string note;
  absl::Time issue_time;
};

}  // namespace fhub::frameworks
