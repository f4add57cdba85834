#include "common/clock.h"

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace fhub {
namespace {

absl::Time Utc(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute),
                         absl::UTCTimeZone());
}

TEST(UkTimeZoneTest, IsEuropeLondon) {
  EXPECT_EQ(UkTimeZone().name(), "Europe/London");
}

TEST(FakeClockTest, MovesOnlyWhenTold) {
  FakeClock clock(Utc(2024, 9, 2, 8, 0));
  EXPECT_EQ(clock.Now(), Utc(2024, 9, 2, 8, 0));
  EXPECT_EQ(clock.Now(), Utc(2024, 9, 2, 8, 0));
  clock.Advance(absl::Hours(25));
  EXPECT_EQ(clock.Now(), Utc(2024, 9, 3, 9, 0));
  clock.Set(Utc(2025, 1, 1, 0, 0));
  EXPECT_EQ(clock.Now(), Utc(2025, 1, 1, 0, 0));
}

TEST(ClockTodayTest, InWinterUkDateIsUtcDate) {
  // GMT: midnight in London is midnight UTC.
  EXPECT_EQ(FakeClock(Utc(2024, 1, 15, 23, 59)).Today(),
            absl::CivilDay(2024, 1, 15));
  EXPECT_EQ(FakeClock(Utc(2024, 1, 16, 0, 0)).Today(),
            absl::CivilDay(2024, 1, 16));
}

TEST(ClockTodayTest, InSummerUkDateTurnsAnHourBeforeUtc) {
  // BST: 23:00 UTC is already midnight in London.
  EXPECT_EQ(FakeClock(Utc(2024, 7, 31, 22, 59)).Today(),
            absl::CivilDay(2024, 7, 31));
  EXPECT_EQ(FakeClock(Utc(2024, 7, 31, 23, 0)).Today(),
            absl::CivilDay(2024, 8, 1));
}

TEST(ClockTodayTest, FollowsTheClocksGoingForward) {
  // BST began at 01:00 UTC on Sunday 31 March 2024.
  FakeClock clock(Utc(2024, 3, 30, 23, 30));
  EXPECT_EQ(clock.Today(), absl::CivilDay(2024, 3, 30));  // 23:30 GMT.
  clock.Advance(absl::Hours(24));
  EXPECT_EQ(clock.Today(), absl::CivilDay(2024, 4, 1));  // 00:30 BST.
}

TEST(ClockTodayTest, FollowsTheClocksGoingBack) {
  // BST ended at 01:00 UTC on Sunday 27 October 2024.
  FakeClock clock(Utc(2024, 10, 26, 23, 30));
  EXPECT_EQ(clock.Today(), absl::CivilDay(2024, 10, 27));  // 00:30 BST.
  clock.Advance(absl::Hours(24));
  EXPECT_EQ(clock.Today(), absl::CivilDay(2024, 10, 27));  // 23:30 GMT.
  clock.Advance(absl::Minutes(30));
  EXPECT_EQ(clock.Today(), absl::CivilDay(2024, 10, 28));
}

TEST(SystemClockTest, IsNearTheWallClock) {
  SystemClock clock;
  EXPECT_LT(absl::AbsDuration(clock.Now() - absl::Now()), absl::Seconds(5));
}

}  // namespace
}  // namespace fhub
