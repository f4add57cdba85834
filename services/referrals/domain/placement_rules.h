#pragma once

// Placements: the dated history of support hours, ending, cost over a
// period, free places at a setting and in a block contract.
//
// Hours. A placement starts with the hours of the award in force from its
// start date. A change takes effect from its date until the next change;
// the hours can go up or down at any time, including from a past date (the
// history says when each change was recorded). A change dated like an
// earlier one replaces it. No change may date before the start or after the
// end.
//
// Cost. A day costs what a week at that day's hours costs, divided by
// seven. Consecutive days at the same hours form a segment, costing
// round(weekly x days / 7), halves up, rounded once per segment: the same
// rule as pricing's range quotes (services/pricing/domain/quote.h), with
// the weekly cost accommodation + round(support hourly x minutes / 60).

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/referrals/domain/model.h"

namespace fhub::referrals {

// A period is at most three years (3 x 365 + 1 days after its first day).
inline constexpr int64_t kMaxPeriodDaysAfterFirst = 3 * 365 + 1;

// INVALID_ARGUMENT naming last_day when it is before `first` or too far on.
absl::Status ValidatePeriod(absl::CivilDay first, absl::CivilDay last);

// INVALID_ARGUMENT naming change.support_minutes_per_week outside 0 to
// 10,080: what can be checked of a change before its placement is read.
absl::Status ValidateHoursChange(const HoursChange& change);

// `placement` with `change` in its history (sorted, a same-dated change
// replaced). ValidateHoursChange's refusals; INVALID_ARGUMENT naming
// change.effective_date before the start or after the end.
absl::StatusOr<Placement> WithHoursChange(Placement placement,
                                          const HoursChange& change);

// The hours in force on `day` (0 before the start).
int64_t MinutesOn(const Placement& placement, absl::CivilDay day);

// `placement` ended on `end_date` for `reason`. FAILED_PRECONDITION if it
// has already ended; INVALID_ARGUMENT naming end_date if it is before the
// start or before the latest hours change, note over 1000 characters.
absl::StatusOr<Placement> Ended(Placement placement, absl::CivilDay end_date,
                                EndReason reason, std::string note);

// Whether the placement occupies its place on `day`.
bool Occupies(const Placement& placement, absl::CivilDay day);

struct CostSegment {
  absl::CivilDay first_day;
  absl::CivilDay last_day;
  int64_t days = 0;
  int64_t minutes_per_week = 0;
  int64_t weekly_pence = 0;
  int64_t cost_pence = 0;
};

struct PeriodCost {
  std::vector<CostSegment> segments;
  int64_t total_pence = 0;
};

// The placement's cost from `first` to `last` inclusive; days outside the
// placement cost nothing and are in no segment. ValidatePeriod first.
absl::StatusOr<PeriodCost> CostOver(const Placement& placement,
                                    absl::CivilDay first, absl::CivilDay last);

// Occupancy of a block contract over a period.
struct Occupancy {
  int64_t contract_days = 0;
  int64_t place_days = 0;
  int64_t occupied_place_days = 0;
  int64_t empty_place_days = 0;
  int occupied_on_last_day = 0;
  int free_on_last_day = 0;
};

// `placements` are those made into `contract`; days outside the contract
// count nothing. ValidatePeriod first. Occupied place-days never exceed the
// contract's place-days.
absl::StatusOr<Occupancy> OccupancyOver(
    const BlockContract& contract, const std::vector<Placement>& placements,
    absl::CivilDay first, absl::CivilDay last);

// FAILED_PRECONDITION unless `placements` (those in the place, any
// status) leave one of `places` free on every day from `start` on, that is
// fewer than `places` occupy a place on `start` or later. `what` names the
// place ("providers/p/settings/s", "authorities/a/blockContracts/n").
absl::Status CheckFreePlace(const std::vector<Placement>& placements,
                            int places, absl::CivilDay start,
                            absl::string_view what);

// INVALID_ARGUMENT naming the field "block_contract.<field>": provider set,
// 1 to 20 distinct settings, 1 to 500 places, end not before start and at
// most 10 years on, weekly price 0 to 10,000,000p per place, support 0 to
// 59,523p an hour.
absl::Status ValidateBlockContract(const BlockContract& contract);

}  // namespace fhub::referrals
