#include "services/referrals/domain/finance.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/csv.h"
#include "common/status_macros.h"

namespace fhub::referrals {
namespace {

constexpr int kFourWeeksDays = 28;

std::string IsoDay(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

}  // namespace

absl::StatusOr<FinancePeriod> FinancePeriodOf(FinanceCadence cadence,
                                              absl::CivilDay start) {
  switch (cadence) {
    case FinanceCadence::kMonthly: {
      if (start.day() != 1) {
        return absl::InvalidArgumentError(
            absl::StrCat("period_start: a MONTHLY period starts on the first "
                         "of a month, not ",
                         IsoDay(start)));
      }
      const absl::CivilMonth month(start);
      return FinancePeriod{start, absl::CivilDay(month + 1) - 1};
    }
    case FinanceCadence::kFourWeekly:
      return FinancePeriod{start, start + (kFourWeeksDays - 1)};
  }
  return absl::InvalidArgumentError("cadence: MONTHLY or FOUR_WEEKLY");
}

std::string FinanceLineId(const Placement& placement,
                          absl::CivilDay first_day) {
  return absl::StrFormat("%s-%d-%04d%02d%02d", placement.authority_id,
                         placement.id, first_day.year(), first_day.month(),
                         first_day.day());
}

absl::StatusOr<std::vector<FinanceLine>> FinanceLinesOf(
    const Placement& placement, const FinancePeriod& period) {
  FHUB_ASSIGN_OR_RETURN(PeriodCost cost,
                        CostOver(placement, period.first, period.last));
  std::vector<FinanceLine> lines;
  lines.reserve(cost.segments.size());
  for (const CostSegment& segment : cost.segments) {
    lines.push_back({FinanceLineId(placement, segment.first_day), segment});
  }
  return lines;
}

std::string FinanceCsvHeader() {
  return "line_id,period_first_day,period_last_day,authority_id,"
         "case_reference,placement_number,provider_id,setting_id,"
         "framework_id,lot_id,block_contract_number,"
         "first_day,last_day,days,support_minutes_per_week,"
         "accommodation_weekly_pence,support_hourly_pence,weekly_pence,"
         "cost_pence,cost_gbp\r\n";
}

std::string FinanceCsvRow(const FinancePeriod& period,
                          const Placement& placement,
                          const std::string& case_reference,
                          const FinanceLine& line) {
  std::string out;
  csv::RecordWriter row(&out);
  row.Raw(line.line_id)
      .Raw(IsoDay(period.first))
      .Raw(IsoDay(period.last))
      .Raw(placement.authority_id)
      .Text(case_reference)
      .Raw(absl::StrCat(placement.id))
      .Raw(placement.provider_id)
      .Raw(placement.setting_id)
      .Raw(placement.framework_id)
      .Raw(placement.lot_id)
      .Raw(placement.block_contract_id == 0
               ? ""
               : absl::StrCat(placement.block_contract_id))
      .Raw(IsoDay(line.segment.first_day))
      .Raw(IsoDay(line.segment.last_day))
      .Number(line.segment.days)
      .Number(line.segment.minutes_per_week)
      .Number(placement.accommodation_weekly_pence)
      .Number(placement.support_hourly_pence)
      .Number(line.segment.weekly_pence)
      .Number(line.segment.cost_pence)
      .Raw(csv::Pounds(line.segment.cost_pence));
  row.End();
  return out;
}

}  // namespace fhub::referrals
