#pragma once

// The finance export: a council's placements' cost over one finance period
// (a calendar month, or four weeks from a date), as lines its finance
// system can load: one per placement and run of days at one level of
// hours, priced as CostOver prices them, so that the lines of a period add
// up to the placements' cost over it to the penny.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/referrals/domain/model.h"
#include "services/referrals/domain/placement_rules.h"

namespace fhub::referrals {

enum class FinanceCadence { kMonthly, kFourWeekly };

struct FinancePeriod {
  absl::CivilDay first;
  absl::CivilDay last;
};

// The period of `cadence` starting `start`: to the end of its month
// (MONTHLY, which must start on the 1st) or 28 days (FOUR_WEEKLY).
// INVALID_ARGUMENT naming period_start otherwise.
absl::StatusOr<FinancePeriod> FinancePeriodOf(FinanceCadence cadence,
                                              absl::CivilDay start);

struct FinanceLine {
  std::string line_id;
  CostSegment segment;
};

// "{authority}-{placement}-{YYYYMMDD of the first day}": the same each time
// a period is exported while the placement stays as it was, and unique in
// any export (a placement's runs of days start on different days).
std::string FinanceLineId(const Placement& placement, absl::CivilDay first_day);

// The placement's lines over `period`, by day: none for a placement not
// running in it.
absl::StatusOr<std::vector<FinanceLine>> FinanceLinesOf(
    const Placement& placement, const FinancePeriod& period);

// The CSV (common/csv.h) header row and one line's row; the columns are the
// README's "Finance export" layout.
std::string FinanceCsvHeader();
std::string FinanceCsvRow(const FinancePeriod& period,
                          const Placement& placement,
                          const std::string& case_reference,
                          const FinanceLine& line);

}  // namespace fhub::referrals
