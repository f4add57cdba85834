// Placements as placement_rules.h promises: dated support hours, ending,
// cost over a period, occupancy and free places, block contract bounds.

#include "services/referrals/domain/placement_rules.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/referrals/fixtures.h"

namespace fhub::referrals {
namespace {

using ::fhub::referrals::testing::kNow;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kPrecondition =
    absl::StatusCode::kFailedPrecondition;

using Day = absl::CivilDay;

HoursChange Hours(Day from, int64_t minutes_per_week) {
  return HoursChange{from, minutes_per_week, kNow};
}

// From Monday 4 January 2027 at 85,000p a week accommodation and 1,850p an
// hour support, 10 hours (600 minutes) a week.
Placement AcmePlacement() {
  Placement p;
  p.id = 31;
  p.authority_id = "sefton";
  p.referral_id = 7;
  p.provider_id = "acme-care";
  p.setting_id = "main-house";
  p.start_date = Day(2027, 1, 4);
  p.accommodation_weekly_pence = 85000;
  p.support_hourly_pence = 1850;
  p.hours = {Hours(Day(2027, 1, 4), 600)};
  return p;
}

// AcmePlacement dropping to 6 hours (360 minutes) a week from 4 March 2027.
Placement AcmePlacementWithChange() {
  Placement p = AcmePlacement();
  p.hours.push_back(Hours(Day(2027, 3, 4), 360));
  return p;
}

std::vector<Day> EffectiveDates(const Placement& p) {
  std::vector<Day> days;
  for (const HoursChange& h : p.hours) days.push_back(h.effective_date);
  return days;
}

// A placement in a place from `start`, ended on `end` if given.
Placement InPlace(Day start, std::optional<Day> end = std::nullopt) {
  Placement p = AcmePlacement();
  p.start_date = start;
  p.hours = {Hours(start, 600)};
  p.end_date = end;
  if (end.has_value()) p.end_reason = EndReason::kMovedToIndependence;
  return p;
}

// ---------------------------------------------------------------------------
// ValidatePeriod

TEST(ValidatePeriodTest, OneDayToThreeYears) {
  const Day first(2027, 1, 1);
  EXPECT_THAT(ValidatePeriod(first, first), IsOk());
  EXPECT_THAT(ValidatePeriod(first, first + 1096), IsOk());
  EXPECT_THAT(ValidatePeriod(first, first - 1),
              StatusIs(kInvalid,
                       AllOf(HasSubstr("last_day"), HasSubstr("2026-12-31"))));
  EXPECT_THAT(ValidatePeriod(first, first + 1097),
              StatusIs(kInvalid, HasSubstr("last_day")));
}

// ---------------------------------------------------------------------------
// WithHoursChange

TEST(WithHoursChangeTest, AddsALaterChange) {
  absl::StatusOr<Placement> p =
      WithHoursChange(AcmePlacement(), Hours(Day(2027, 3, 4), 360));
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(EffectiveDates(*p),
            (std::vector<Day>{Day(2027, 1, 4), Day(2027, 3, 4)}));
  EXPECT_EQ(p->hours.back().support_minutes_per_week, 360);
}

TEST(WithHoursChangeTest, KeepsTheHistorySortedByDate) {
  absl::StatusOr<Placement> p =
      WithHoursChange(AcmePlacementWithChange(), Hours(Day(2027, 2, 1), 480));
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(
      EffectiveDates(*p),
      (std::vector<Day>{Day(2027, 1, 4), Day(2027, 2, 1), Day(2027, 3, 4)}));
  EXPECT_EQ(p->hours[1].support_minutes_per_week, 480);
  EXPECT_EQ(p->hours[2].support_minutes_per_week, 360);
}

TEST(WithHoursChangeTest, ASameDatedChangeReplacesTheEarlierOne) {
  HoursChange later = Hours(Day(2027, 3, 4), 420);
  later.record_time = kNow + absl::Hours(5);
  absl::StatusOr<Placement> p =
      WithHoursChange(AcmePlacementWithChange(), later);
  ASSERT_THAT(p, IsOk());
  ASSERT_EQ(p->hours.size(), 2u);
  EXPECT_EQ(p->hours[1].effective_date, Day(2027, 3, 4));
  EXPECT_EQ(p->hours[1].support_minutes_per_week, 420);
  EXPECT_EQ(p->hours[1].record_time, kNow + absl::Hours(5));
  // Even the award's hours on the start date.
  p = WithHoursChange(AcmePlacement(), Hours(Day(2027, 1, 4), 300));
  ASSERT_THAT(p, IsOk());
  ASSERT_EQ(p->hours.size(), 1u);
  EXPECT_EQ(p->hours[0].support_minutes_per_week, 300);
}

TEST(WithHoursChangeTest, NotBeforeTheStart) {
  EXPECT_THAT(WithHoursChange(AcmePlacement(), Hours(Day(2027, 1, 3), 360)),
              StatusIs(kInvalid, AllOf(HasSubstr("change.effective_date"),
                                       HasSubstr("2027-01-04"))));
}

TEST(WithHoursChangeTest, NotAfterTheEndButOnIt) {
  Placement p = AcmePlacement();
  p.end_date = Day(2027, 6, 30);
  p.end_reason = EndReason::kReturnedHome;
  EXPECT_THAT(WithHoursChange(p, Hours(Day(2027, 6, 30), 360)), IsOk());
  EXPECT_THAT(WithHoursChange(p, Hours(Day(2027, 7, 1), 360)),
              StatusIs(kInvalid, AllOf(HasSubstr("change.effective_date"),
                                       HasSubstr("2027-06-30"))));
}

TEST(WithHoursChangeTest, ZeroTo168HoursAWeek) {
  for (int64_t minutes : {int64_t{0}, int64_t{10080}}) {
    EXPECT_THAT(
        WithHoursChange(AcmePlacement(), Hours(Day(2027, 2, 1), minutes)),
        IsOk())
        << minutes;
  }
  for (int64_t minutes : {int64_t{-1}, int64_t{10081}}) {
    EXPECT_THAT(
        WithHoursChange(AcmePlacement(), Hours(Day(2027, 2, 1), minutes)),
        StatusIs(kInvalid, HasSubstr("change.support_minutes_per_week")))
        << minutes;
  }
}

// ---------------------------------------------------------------------------
// MinutesOn

TEST(MinutesOnTest, TheHoursInForceOnEachDay) {
  const Placement p = AcmePlacementWithChange();
  EXPECT_EQ(MinutesOn(p, Day(2026, 12, 31)), 0);
  EXPECT_EQ(MinutesOn(p, Day(2027, 1, 3)), 0);
  EXPECT_EQ(MinutesOn(p, Day(2027, 1, 4)), 600);
  EXPECT_EQ(MinutesOn(p, Day(2027, 3, 3)), 600);
  EXPECT_EQ(MinutesOn(p, Day(2027, 3, 4)), 360);
  EXPECT_EQ(MinutesOn(p, Day(2030, 1, 1)), 360);
}

// ---------------------------------------------------------------------------
// Ended

TEST(EndedTest, RecordsTheEnd) {
  absl::StatusOr<Placement> p =
      Ended(AcmePlacementWithChange(), Day(2027, 6, 30),
            EndReason::kMovedToIndependence, "Moved to her own tenancy.");
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(p->end_date, Day(2027, 6, 30));
  EXPECT_EQ(p->end_reason, EndReason::kMovedToIndependence);
  EXPECT_EQ(p->end_note, "Moved to her own tenancy.");
}

TEST(EndedTest, NotTwice) {
  Placement p = AcmePlacement();
  p.end_date = Day(2027, 6, 30);
  p.end_reason = EndReason::kReturnedHome;
  EXPECT_THAT(Ended(p, Day(2027, 7, 31), EndReason::kOther, ""),
              StatusIs(kPrecondition, HasSubstr("2027-06-30")));
}

TEST(EndedTest, NotBeforeTheStartButOnIt) {
  EXPECT_THAT(Ended(AcmePlacement(), Day(2027, 1, 4),
                    EndReason::kPlacementBreakdown, ""),
              IsOk());
  EXPECT_THAT(Ended(AcmePlacement(), Day(2027, 1, 3),
                    EndReason::kPlacementBreakdown, ""),
              StatusIs(kInvalid, HasSubstr("end_date")));
}

TEST(EndedTest, NotBeforeTheLatestHoursChangeButOnIt) {
  EXPECT_THAT(
      Ended(AcmePlacementWithChange(), Day(2027, 3, 4), EndReason::kOther, ""),
      IsOk());
  EXPECT_THAT(
      Ended(AcmePlacementWithChange(), Day(2027, 3, 3), EndReason::kOther, ""),
      StatusIs(kInvalid,
               AllOf(HasSubstr("end_date"), HasSubstr("2027-03-04"))));
}

TEST(EndedTest, NoteAtMost1000Characters) {
  EXPECT_THAT(Ended(AcmePlacement(), Day(2027, 6, 30), EndReason::kOther,
                    std::string(1000, 'n')),
              IsOk());
  EXPECT_THAT(Ended(AcmePlacement(), Day(2027, 6, 30), EndReason::kOther,
                    std::string(1001, 'n')),
              StatusIs(kInvalid, HasSubstr("note")));
}

// ---------------------------------------------------------------------------
// Occupies

TEST(OccupiesTest, FromTheStartToTheEndInclusive) {
  Placement p = AcmePlacement();
  EXPECT_FALSE(Occupies(p, Day(2027, 1, 3)));
  EXPECT_TRUE(Occupies(p, Day(2027, 1, 4)));
  EXPECT_TRUE(Occupies(p, Day(2035, 1, 1)));
  p.end_date = Day(2027, 6, 30);
  EXPECT_TRUE(Occupies(p, Day(2027, 6, 30)));
  EXPECT_FALSE(Occupies(p, Day(2027, 7, 1)));
}

// ---------------------------------------------------------------------------
// CostOver

TEST(CostOverTest, WorkedExampleAcrossAnHoursChange) {
  // 4 Jan to 3 Apr 2027 (90 days):
  //   4 Jan - 3 Mar: 28 (Jan) + 28 (Feb) + 3 (Mar) = 59 days at 10 h:
  //     weekly 85,000 + 1,850 x 600 / 60 = 85,000 + 18,500 = 103,500;
  //     103,500 x 59 / 7 = 6,106,500 / 7 = 872,357.14 -> 872,357.
  //   4 Mar - 3 Apr: 28 (Mar) + 3 (Apr) = 31 days at 6 h:
  //     weekly 85,000 + 1,850 x 360 / 60 = 85,000 + 11,100 = 96,100;
  //     96,100 x 31 / 7 = 2,979,100 / 7 = 425,585.71 -> 425,586.
  //   total 872,357 + 425,586 = 1,297,943.
  absl::StatusOr<PeriodCost> cost =
      CostOver(AcmePlacementWithChange(), Day(2027, 1, 4), Day(2027, 4, 3));
  ASSERT_THAT(cost, IsOk());
  ASSERT_EQ(cost->segments.size(), 2u);
  const CostSegment& ten = cost->segments[0];
  EXPECT_EQ(ten.first_day, Day(2027, 1, 4));
  EXPECT_EQ(ten.last_day, Day(2027, 3, 3));
  EXPECT_EQ(ten.days, 59);
  EXPECT_EQ(ten.minutes_per_week, 600);
  EXPECT_EQ(ten.weekly_pence, 103'500);
  EXPECT_EQ(ten.cost_pence, 872'357);
  const CostSegment& six = cost->segments[1];
  EXPECT_EQ(six.first_day, Day(2027, 3, 4));
  EXPECT_EQ(six.last_day, Day(2027, 4, 3));
  EXPECT_EQ(six.days, 31);
  EXPECT_EQ(six.minutes_per_week, 360);
  EXPECT_EQ(six.weekly_pence, 96'100);
  EXPECT_EQ(six.cost_pence, 425'586);
  EXPECT_EQ(cost->total_pence, 1'297'943);
}

TEST(CostOverTest, RoundsOncePerSegmentNotPerDay) {
  // One day: 103,500 / 7 = 14,785.71 -> 14,786. Seven single days would
  // be 103,502; a week is 103,500.
  absl::StatusOr<PeriodCost> day =
      CostOver(AcmePlacement(), Day(2027, 1, 4), Day(2027, 1, 4));
  ASSERT_THAT(day, IsOk());
  EXPECT_EQ(day->total_pence, 14'786);
  absl::StatusOr<PeriodCost> week =
      CostOver(AcmePlacement(), Day(2027, 1, 4), Day(2027, 1, 10));
  ASSERT_THAT(week, IsOk());
  ASSERT_EQ(week->segments.size(), 1u);
  EXPECT_EQ(week->total_pence, 103'500);
}

TEST(CostOverTest, DaysBeforeTheStartCostNothing) {
  // 1 Dec 2026 - 10 Jan 2027: only 4 - 10 Jan, a week at 103,500.
  absl::StatusOr<PeriodCost> cost =
      CostOver(AcmePlacementWithChange(), Day(2026, 12, 1), Day(2027, 1, 10));
  ASSERT_THAT(cost, IsOk());
  ASSERT_EQ(cost->segments.size(), 1u);
  EXPECT_EQ(cost->segments[0].first_day, Day(2027, 1, 4));
  EXPECT_EQ(cost->segments[0].last_day, Day(2027, 1, 10));
  EXPECT_EQ(cost->segments[0].days, 7);
  EXPECT_EQ(cost->total_pence, 103'500);
}

TEST(CostOverTest, DaysAfterTheEndCostNothing) {
  // Ended 17 Mar 2027; 1 - 31 Mar: 1 - 3 Mar at 103,500 (3 days:
  // 310,500 / 7 = 44,357.14 -> 44,357), 4 - 17 Mar at 96,100 (14 days:
  // exactly 192,200).
  Placement p = AcmePlacementWithChange();
  p.end_date = Day(2027, 3, 17);
  p.end_reason = EndReason::kReturnedHome;
  absl::StatusOr<PeriodCost> cost =
      CostOver(p, Day(2027, 3, 1), Day(2027, 3, 31));
  ASSERT_THAT(cost, IsOk());
  ASSERT_EQ(cost->segments.size(), 2u);
  EXPECT_EQ(cost->segments[0].days, 3);
  EXPECT_EQ(cost->segments[0].cost_pence, 44'357);
  EXPECT_EQ(cost->segments[1].first_day, Day(2027, 3, 4));
  EXPECT_EQ(cost->segments[1].last_day, Day(2027, 3, 17));
  EXPECT_EQ(cost->segments[1].days, 14);
  EXPECT_EQ(cost->segments[1].cost_pence, 192'200);
  EXPECT_EQ(cost->total_pence, 44'357 + 192'200);
}

TEST(CostOverTest, APeriodStartingAfterAChangeUsesItsHours) {
  // 10 - 16 Mar 2027: a week at 6 h = 96,100.
  absl::StatusOr<PeriodCost> cost =
      CostOver(AcmePlacementWithChange(), Day(2027, 3, 10), Day(2027, 3, 16));
  ASSERT_THAT(cost, IsOk());
  ASSERT_EQ(cost->segments.size(), 1u);
  EXPECT_EQ(cost->segments[0].minutes_per_week, 360);
  EXPECT_EQ(cost->total_pence, 96'100);
}

TEST(CostOverTest, ChangesAfterThePeriodDoNotSplitIt) {
  // 1 - 3 Mar 2027 ends the day before the change.
  absl::StatusOr<PeriodCost> cost =
      CostOver(AcmePlacementWithChange(), Day(2027, 2, 25), Day(2027, 3, 3));
  ASSERT_THAT(cost, IsOk());
  ASSERT_EQ(cost->segments.size(), 1u);
  EXPECT_EQ(cost->total_pence, 103'500);
}

TEST(CostOverTest, ThreeSegments) {
  // 600 min from 4 Jan, 0 from 11 Jan, 1,200 from 18 Jan; 4 - 24 Jan 2027:
  //   4 - 10 Jan: 103,500; 11 - 17 Jan: 85,000;
  //   18 - 24 Jan: 85,000 + 1,850 x 20 = 122,000.
  Placement p = AcmePlacement();
  p.hours.push_back(Hours(Day(2027, 1, 11), 0));
  p.hours.push_back(Hours(Day(2027, 1, 18), 1200));
  absl::StatusOr<PeriodCost> cost =
      CostOver(p, Day(2027, 1, 4), Day(2027, 1, 24));
  ASSERT_THAT(cost, IsOk());
  ASSERT_EQ(cost->segments.size(), 3u);
  EXPECT_EQ(cost->segments[0].cost_pence, 103'500);
  EXPECT_EQ(cost->segments[1].cost_pence, 85'000);
  EXPECT_EQ(cost->segments[2].weekly_pence, 122'000);
  EXPECT_EQ(cost->segments[2].cost_pence, 122'000);
  EXPECT_EQ(cost->total_pence, 103'500 + 85'000 + 122'000);
}

TEST(CostOverTest, NoOverlapCostsNothing) {
  const Placement open_ended = AcmePlacementWithChange();
  absl::StatusOr<PeriodCost> before =
      CostOver(open_ended, Day(2026, 12, 1), Day(2027, 1, 3));
  ASSERT_THAT(before, IsOk());
  EXPECT_TRUE(before->segments.empty());
  EXPECT_EQ(before->total_pence, 0);

  Placement ended = AcmePlacement();
  ended.end_date = Day(2027, 2, 28);
  ended.end_reason = EndReason::kAgeOut;
  absl::StatusOr<PeriodCost> after =
      CostOver(ended, Day(2027, 3, 1), Day(2027, 3, 31));
  ASSERT_THAT(after, IsOk());
  EXPECT_TRUE(after->segments.empty());
  EXPECT_EQ(after->total_pence, 0);
}

TEST(CostOverTest, ThePeriodIsValidatedFirst) {
  EXPECT_THAT(CostOver(AcmePlacement(), Day(2027, 3, 1), Day(2027, 2, 28)),
              StatusIs(kInvalid, HasSubstr("last_day")));
  EXPECT_THAT(
      CostOver(AcmePlacement(), Day(2027, 1, 4), Day(2027, 1, 4) + 1097),
      StatusIs(kInvalid, HasSubstr("last_day")));
  // Three years exactly is allowed: 1,097 days at 103,500 a week
  // = 113,539,500 / 7 = 16,219,928.57 -> 16,219,929.
  absl::StatusOr<PeriodCost> longest =
      CostOver(AcmePlacement(), Day(2027, 1, 4), Day(2027, 1, 4) + 1096);
  ASSERT_THAT(longest, IsOk());
  EXPECT_EQ(longest->total_pence, 16'219'929);
}

// ---------------------------------------------------------------------------
// OccupancyOver

// Two places through 2027.
BlockContract TwoPlaces() {
  BlockContract c;
  c.id = 3;
  c.authority_id = "sefton";
  c.provider_id = "acme-care";
  c.framework_id = "nw-16plus";
  c.lot_id = "lot-1";
  c.setting_ids = {"main-house", "annexe"};
  c.places = 2;
  c.start_date = Day(2027, 1, 1);
  c.end_date = Day(2027, 12, 31);
  c.weekly_pence_per_place = 90000;
  c.support_hourly_pence = 1850;
  return c;
}

TEST(OccupancyOverTest, PlacementsOverlappingPartly) {
  // February 2027 (28 days, 56 place-days):
  //   first: from 1 Jan, open-ended: 28 days.
  //   second: 11 - 20 Feb: 10 days.
  const std::vector<Placement> placements = {
      InPlace(Day(2027, 1, 1)), InPlace(Day(2027, 2, 11), Day(2027, 2, 20))};
  absl::StatusOr<Occupancy> o =
      OccupancyOver(TwoPlaces(), placements, Day(2027, 2, 1), Day(2027, 2, 28));
  ASSERT_THAT(o, IsOk());
  EXPECT_EQ(o->contract_days, 28);
  EXPECT_EQ(o->place_days, 56);
  EXPECT_EQ(o->occupied_place_days, 38);
  EXPECT_EQ(o->empty_place_days, 18);
  EXPECT_EQ(o->occupied_on_last_day, 1);
  EXPECT_EQ(o->free_on_last_day, 1);
}

TEST(OccupancyOverTest, OccupiedNeverExceedsThePlaces) {
  // Three placements in two places (CheckFreePlace never lets this happen),
  // February 2027:
  //   1 - 4 Feb: first + second = 2          ->  4 x 2 =  8
  //   5 - 10 Feb: all three, capped at 2      ->  6 x 2 = 12
  //   11 - 20 Feb: first + third = 2          -> 10 x 2 = 20
  //   21 - 28 Feb: first alone                ->  8 x 1 =  8
  //   occupied 48 of 56.
  const std::vector<Placement> placements = {
      InPlace(Day(2027, 1, 1)), InPlace(Day(2027, 2, 1), Day(2027, 2, 10)),
      InPlace(Day(2027, 2, 5), Day(2027, 2, 20))};
  absl::StatusOr<Occupancy> o =
      OccupancyOver(TwoPlaces(), placements, Day(2027, 2, 1), Day(2027, 2, 28));
  ASSERT_THAT(o, IsOk());
  EXPECT_EQ(o->place_days, 56);
  EXPECT_EQ(o->occupied_place_days, 48);
  EXPECT_EQ(o->empty_place_days, 8);
  // On 7 Feb all three overlap; the last day is capped too.
  absl::StatusOr<Occupancy> crowded =
      OccupancyOver(TwoPlaces(), placements, Day(2027, 2, 1), Day(2027, 2, 7));
  ASSERT_THAT(crowded, IsOk());
  EXPECT_EQ(crowded->occupied_on_last_day, 2);
  EXPECT_EQ(crowded->free_on_last_day, 0);
  EXPECT_EQ(crowded->occupied_place_days, 14);
  EXPECT_EQ(crowded->empty_place_days, 0);
}

TEST(OccupancyOverTest, DaysBeforeTheContractCountNothing) {
  // 25 Dec 2026 - 3 Jan 2027: only 1 - 3 Jan are in the contract.
  absl::StatusOr<Occupancy> o =
      OccupancyOver(TwoPlaces(), {InPlace(Day(2027, 1, 2))}, Day(2026, 12, 25),
                    Day(2027, 1, 3));
  ASSERT_THAT(o, IsOk());
  EXPECT_EQ(o->contract_days, 3);
  EXPECT_EQ(o->place_days, 6);
  EXPECT_EQ(o->occupied_place_days, 2);
  EXPECT_EQ(o->empty_place_days, 4);
  EXPECT_EQ(o->occupied_on_last_day, 1);
  EXPECT_EQ(o->free_on_last_day, 1);
}

TEST(OccupancyOverTest, DaysAfterTheContractCountNothing) {
  // 30 Dec 2027 - 5 Jan 2028: 30 and 31 Dec are in the contract; the last
  // day is not, so nothing is occupied or free on it.
  absl::StatusOr<Occupancy> o =
      OccupancyOver(TwoPlaces(), {InPlace(Day(2027, 1, 1))}, Day(2027, 12, 30),
                    Day(2028, 1, 5));
  ASSERT_THAT(o, IsOk());
  EXPECT_EQ(o->contract_days, 2);
  EXPECT_EQ(o->place_days, 4);
  EXPECT_EQ(o->occupied_place_days, 2);
  EXPECT_EQ(o->empty_place_days, 2);
  EXPECT_EQ(o->occupied_on_last_day, 0);
  EXPECT_EQ(o->free_on_last_day, 0);
}

TEST(OccupancyOverTest, APeriodOutsideTheContractCountsNothing) {
  absl::StatusOr<Occupancy> o =
      OccupancyOver(TwoPlaces(), {InPlace(Day(2027, 1, 1))}, Day(2028, 2, 1),
                    Day(2028, 2, 29));
  ASSERT_THAT(o, IsOk());
  EXPECT_EQ(o->contract_days, 0);
  EXPECT_EQ(o->place_days, 0);
  EXPECT_EQ(o->occupied_place_days, 0);
  EXPECT_EQ(o->empty_place_days, 0);
  EXPECT_EQ(o->occupied_on_last_day, 0);
  EXPECT_EQ(o->free_on_last_day, 0);
}

TEST(OccupancyOverTest, FreeOnTheLastDay) {
  const std::vector<Placement> placements = {
      InPlace(Day(2027, 1, 1), Day(2027, 3, 31)), InPlace(Day(2027, 2, 1))};
  // The first's last day still occupies its place.
  absl::StatusOr<Occupancy> on_end =
      OccupancyOver(TwoPlaces(), placements, Day(2027, 3, 1), Day(2027, 3, 31));
  ASSERT_THAT(on_end, IsOk());
  EXPECT_EQ(on_end->occupied_on_last_day, 2);
  EXPECT_EQ(on_end->free_on_last_day, 0);
  // The day after, it is free.
  absl::StatusOr<Occupancy> after =
      OccupancyOver(TwoPlaces(), placements, Day(2027, 3, 1), Day(2027, 4, 1));
  ASSERT_THAT(after, IsOk());
  EXPECT_EQ(after->occupied_on_last_day, 1);
  EXPECT_EQ(after->free_on_last_day, 1);
  // Nobody placed yet.
  absl::StatusOr<Occupancy> empty =
      OccupancyOver(TwoPlaces(), {}, Day(2027, 3, 1), Day(2027, 3, 31));
  ASSERT_THAT(empty, IsOk());
  EXPECT_EQ(empty->occupied_place_days, 0);
  EXPECT_EQ(empty->empty_place_days, 62);
  EXPECT_EQ(empty->free_on_last_day, 2);
}

TEST(OccupancyOverTest, ThePeriodIsValidatedFirst) {
  EXPECT_THAT(OccupancyOver(TwoPlaces(), {}, Day(2027, 3, 1), Day(2027, 2, 1)),
              StatusIs(kInvalid, HasSubstr("last_day")));
  EXPECT_THAT(
      OccupancyOver(TwoPlaces(), {}, Day(2027, 1, 1), Day(2027, 1, 1) + 1097),
      StatusIs(kInvalid, HasSubstr("last_day")));
}

// ---------------------------------------------------------------------------
// CheckFreePlace

constexpr absl::string_view kContract = "authorities/sefton/blockContracts/3";

TEST(CheckFreePlaceTest, FreeWhileFewerThanThePlacesAreTaken) {
  EXPECT_THAT(CheckFreePlace({}, 1, Day(2027, 4, 1), kContract), IsOk());
  EXPECT_THAT(
      CheckFreePlace({InPlace(Day(2027, 1, 1))}, 2, Day(2027, 4, 1), kContract),
      IsOk());
}

TEST(CheckFreePlaceTest, FullWhenEveryPlaceIsTaken) {
  const std::vector<Placement> placements = {InPlace(Day(2027, 1, 1)),
                                             InPlace(Day(2027, 2, 1))};
  EXPECT_THAT(CheckFreePlace(placements, 2, Day(2027, 4, 1), kContract),
              StatusIs(kPrecondition,
                       AllOf(HasSubstr(std::string(kContract)),
                             HasSubstr("2027-04-01"), HasSubstr("2 of 2"))));
}

TEST(CheckFreePlaceTest, APlacementEndedBeforeTheStartFreesItsPlace) {
  const std::vector<Placement> placements = {
      InPlace(Day(2027, 1, 1)), InPlace(Day(2027, 1, 1), Day(2027, 3, 31))};
  EXPECT_THAT(CheckFreePlace(placements, 2, Day(2027, 4, 1), kContract),
              IsOk());
  EXPECT_THAT(CheckFreePlace(placements, 2, Day(2027, 5, 1), kContract),
              IsOk());
}

TEST(CheckFreePlaceTest, APlacementEndingOnOrAfterTheStartDoesNot) {
  const std::vector<Placement> placements = {
      InPlace(Day(2027, 1, 1)), InPlace(Day(2027, 1, 1), Day(2027, 3, 31))};
  EXPECT_THAT(CheckFreePlace(placements, 2, Day(2027, 3, 31), kContract),
              StatusIs(kPrecondition));
  EXPECT_THAT(CheckFreePlace(placements, 2, Day(2027, 3, 1), kContract),
              StatusIs(kPrecondition));
}

TEST(CheckFreePlaceTest, APlacementStartingLaterTakesThePlaceFromThen) {
  // One place: a placement from June leaves no place free "from April on".
  EXPECT_THAT(
      CheckFreePlace({InPlace(Day(2027, 6, 1))}, 1, Day(2027, 4, 1), kContract),
      StatusIs(kPrecondition));
}

// ---------------------------------------------------------------------------
// ValidateBlockContract

TEST(ValidateBlockContractTest, ASampleContractIsValid) {
  EXPECT_THAT(ValidateBlockContract(TwoPlaces()), IsOk());
}

TEST(ValidateBlockContractTest, ProviderIsRequired) {
  BlockContract c = TwoPlaces();
  c.provider_id = "";
  EXPECT_THAT(ValidateBlockContract(c),
              StatusIs(kInvalid, HasSubstr("block_contract.provider")));
}

TEST(ValidateBlockContractTest, OneToTwentyDistinctSettings) {
  BlockContract c = TwoPlaces();
  c.setting_ids = {"only"};
  EXPECT_THAT(ValidateBlockContract(c), IsOk());
  c.setting_ids.clear();
  for (int i = 0; i < 20; ++i) c.setting_ids.push_back("s" + std::to_string(i));
  EXPECT_THAT(ValidateBlockContract(c), IsOk());
  c.setting_ids.push_back("s20");
  EXPECT_THAT(ValidateBlockContract(c),
              StatusIs(kInvalid, HasSubstr("block_contract.settings")));
  c.setting_ids.clear();
  EXPECT_THAT(ValidateBlockContract(c),
              StatusIs(kInvalid, HasSubstr("block_contract.settings")));
  c.setting_ids = {"main-house", "annexe", "main-house"};
  EXPECT_THAT(ValidateBlockContract(c),
              StatusIs(kInvalid, HasSubstr("block_contract.settings[2]")));
}

TEST(ValidateBlockContractTest, OneTo500Places) {
  BlockContract c = TwoPlaces();
  for (int places : {1, 500}) {
    c.places = places;
    EXPECT_THAT(ValidateBlockContract(c), IsOk()) << places;
  }
  for (int places : {0, -1, 501}) {
    c.places = places;
    EXPECT_THAT(ValidateBlockContract(c),
                StatusIs(kInvalid, HasSubstr("block_contract.places")))
        << places;
  }
}

TEST(ValidateBlockContractTest, EndNotBeforeStartAndAtMostTenYearsOn) {
  BlockContract c = TwoPlaces();
  c.end_date = c.start_date;
  EXPECT_THAT(ValidateBlockContract(c), IsOk());
  c.end_date = c.start_date - 1;
  EXPECT_THAT(ValidateBlockContract(c),
              StatusIs(kInvalid, HasSubstr("block_contract.end_date")));
  // 1 Jan 2027 + 10 years = 1 Jan 2037.
  c.end_date = Day(2037, 1, 1);
  EXPECT_THAT(ValidateBlockContract(c), IsOk());
  for (Day too_late : {Day(2037, 1, 2), Day(2037, 1, 8), Day(2040, 1, 1)}) {
    c.end_date = too_late;
    EXPECT_THAT(ValidateBlockContract(c),
                StatusIs(kInvalid, HasSubstr("block_contract.end_date")))
        << too_late;
  }
}

TEST(ValidateBlockContractTest, PriceBounds) {
  BlockContract c = TwoPlaces();
  for (int64_t weekly : {int64_t{0}, int64_t{10'000'000}}) {
    c.weekly_pence_per_place = weekly;
    EXPECT_THAT(ValidateBlockContract(c), IsOk()) << weekly;
  }
  for (int64_t weekly : {int64_t{-1}, int64_t{10'000'001}}) {
    c.weekly_pence_per_place = weekly;
    EXPECT_THAT(
        ValidateBlockContract(c),
        StatusIs(kInvalid, HasSubstr("block_contract.weekly_pence_per_place")))
        << weekly;
  }
  c = TwoPlaces();
  for (int64_t hourly : {int64_t{0}, int64_t{59'523}}) {
    c.support_hourly_pence = hourly;
    EXPECT_THAT(ValidateBlockContract(c), IsOk()) << hourly;
  }
  for (int64_t hourly : {int64_t{-1}, int64_t{59'524}}) {
    c.support_hourly_pence = hourly;
    EXPECT_THAT(
        ValidateBlockContract(c),
        StatusIs(kInvalid, HasSubstr("block_contract.support_hourly_pence")))
        << hourly;
  }
}

}  // namespace
}  // namespace fhub::referrals
