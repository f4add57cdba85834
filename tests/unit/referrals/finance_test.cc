// The finance export's periods, lines and CSV rows (finance.h).

#include "services/referrals/domain/finance.h"

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::referrals {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;
using Day = absl::CivilDay;

// From Monday 4 January 2027 at 85,000p a week and 1,850p an hour, 10 hours
// a week (103,500p a week), 6 hours (96,100p) from 4 March 2027.
Placement Sample() {
  Placement p;
  p.id = 31;
  p.authority_id = "sefton";
  p.referral_id = 7;
  p.framework_id = "nw-16plus";
  p.lot_id = "lot-1";
  p.provider_id = "acme-care";
  p.setting_id = "main-house";
  p.start_date = Day(2027, 1, 4);
  p.accommodation_weekly_pence = 85000;
  p.support_hourly_pence = 1850;
  p.hours = {{Day(2027, 1, 4), 600, absl::UnixEpoch()},
             {Day(2027, 3, 4), 360, absl::UnixEpoch()}};
  return p;
}

FinancePeriod Period(FinanceCadence cadence, Day start) {
  auto period = FinancePeriodOf(cadence, start);
  EXPECT_THAT(period, IsOk());
  return period.ok() ? *period : FinancePeriod{};
}

TEST(FinancePeriodTest, AMonthRunsToItsLastDay) {
  FinancePeriod p = Period(FinanceCadence::kMonthly, Day(2027, 3, 1));
  EXPECT_EQ(p.first, Day(2027, 3, 1));
  EXPECT_EQ(p.last, Day(2027, 3, 31));
  EXPECT_EQ(Period(FinanceCadence::kMonthly, Day(2028, 2, 1)).last,
            Day(2028, 2, 29));
  EXPECT_EQ(Period(FinanceCadence::kMonthly, Day(2026, 12, 1)).last,
            Day(2026, 12, 31));
}

TEST(FinancePeriodTest, AMonthStartsOnTheFirst) {
  EXPECT_THAT(FinancePeriodOf(FinanceCadence::kMonthly, Day(2027, 3, 2)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("period_start: a MONTHLY period starts on "
                                 "the first of a month, not 2027-03-02")));
}

TEST(FinancePeriodTest, FourWeeksAreTwentyEightDaysFromAnyDay) {
  FinancePeriod p = Period(FinanceCadence::kFourWeekly, Day(2027, 2, 22));
  EXPECT_EQ(p.first, Day(2027, 2, 22));
  EXPECT_EQ(p.last, Day(2027, 3, 21));
}

TEST(FinanceLinesTest, OneLinePerRunOfDaysAtOneLevelOfHours) {
  const Placement p = Sample();
  const FinancePeriod march = Period(FinanceCadence::kMonthly, Day(2027, 3, 1));
  auto lines = FinanceLinesOf(p, march);
  ASSERT_THAT(lines, IsOk());
  ASSERT_EQ(lines->size(), 2u);
  // 1-3 March at 103,500p a week: 103500 x 3 / 7 = 44357.14 -> 44357.
  EXPECT_EQ((*lines)[0].line_id, "sefton-31-20270301");
  EXPECT_EQ((*lines)[0].segment.first_day, Day(2027, 3, 1));
  EXPECT_EQ((*lines)[0].segment.last_day, Day(2027, 3, 3));
  EXPECT_EQ((*lines)[0].segment.cost_pence, 44357);
  // 4-31 March at 96,100p: four weeks, 384,400p.
  EXPECT_EQ((*lines)[1].line_id, "sefton-31-20270304");
  EXPECT_EQ((*lines)[1].segment.days, 28);
  EXPECT_EQ((*lines)[1].segment.cost_pence, 384400);

  // The lines add up to the placement's cost over the period.
  auto cost = CostOver(p, march.first, march.last);
  ASSERT_THAT(cost, IsOk());
  EXPECT_EQ(cost->total_pence, 44357 + 384400);
}

TEST(FinanceLinesTest, OnlyTheDaysInThePeriodAndThePlacement) {
  const Placement p = Sample();
  // Before the start: nothing.
  auto december =
      FinanceLinesOf(p, Period(FinanceCadence::kMonthly, Day(2026, 12, 1)));
  ASSERT_THAT(december, IsOk());
  EXPECT_TRUE(december->empty());
  // January from the 4th.
  auto january =
      FinanceLinesOf(p, Period(FinanceCadence::kMonthly, Day(2027, 1, 1)));
  ASSERT_THAT(january, IsOk());
  ASSERT_EQ(january->size(), 1u);
  EXPECT_EQ((*january)[0].line_id, "sefton-31-20270104");
  EXPECT_EQ((*january)[0].segment.days, 28);
  EXPECT_EQ((*january)[0].segment.cost_pence, 414000);
  // Ended on 10 March: four weekly from 22 February stops there.
  Placement ended = p;
  ended.end_date = Day(2027, 3, 10);
  auto four_weeks = FinanceLinesOf(
      ended, Period(FinanceCadence::kFourWeekly, Day(2027, 2, 22)));
  ASSERT_THAT(four_weeks, IsOk());
  ASSERT_EQ(four_weeks->size(), 2u);
  EXPECT_EQ((*four_weeks)[0].segment.days, 10);  // 22 Feb - 3 Mar
  EXPECT_EQ((*four_weeks)[0].segment.cost_pence, 147857);
  EXPECT_EQ((*four_weeks)[1].segment.days, 7);  // 4 - 10 Mar
  EXPECT_EQ((*four_weeks)[1].segment.cost_pence, 96100);
}

TEST(FinanceCsvTest, HeaderAndRowFollowTheLayout) {
  EXPECT_EQ(FinanceCsvHeader(),
            "line_id,period_first_day,period_last_day,authority_id,"
            "case_reference,placement_number,provider_id,setting_id,"
            "framework_id,lot_id,block_contract_number,first_day,last_day,"
            "days,support_minutes_per_week,accommodation_weekly_pence,"
            "support_hourly_pence,weekly_pence,cost_pence,cost_gbp\r\n");
  const Placement p = Sample();
  const FinancePeriod march = Period(FinanceCadence::kMonthly, Day(2027, 3, 1));
  auto lines = FinanceLinesOf(p, march);
  ASSERT_THAT(lines, IsOk());
  EXPECT_EQ(FinanceCsvRow(march, p, "SEF-2026-0042", (*lines)[0]),
            "sefton-31-20270301,2027-03-01,2027-03-31,sefton,SEF-2026-0042,"
            "31,acme-care,main-house,nw-16plus,lot-1,,2027-03-01,2027-03-03,"
            "3,600,85000,1850,103500,44357,443.57\r\n");
  Placement block = p;
  block.block_contract_id = 4;
  EXPECT_THAT(FinanceCsvRow(march, block, "=cmd|' /C calc'!A0", (*lines)[1]),
              HasSubstr(",sefton,'=cmd|' /C calc'!A0,31,acme-care,main-house,"
                        "nw-16plus,lot-1,4,2027-03-04,2027-03-31,28,360,"));
}

}  // namespace
}  // namespace fhub::referrals
