// Admission windows, without I/O.

#include "services/frameworks/domain/admission.h"

#include "common/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::frameworks {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

absl::Time Uk(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), UkTimeZone());
}

absl::Time Utc(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss),
                         absl::UTCTimeZone());
}

// The North West 16+ framework: windows of 28 days every 4 months.
Framework NorthWest() {
  Framework f;
  f.id = "nw-16plus";
  f.status = FrameworkStatus::kActive;
  f.lots = {{"lot-1", "Group living", ServiceType::kSemiIndependentGroupLiving,
             true, OfstedGrade::kAny},
            {"lot-2", "Floating support", ServiceType::kFloatingSupport, false,
             OfstedGrade::kAny}};
  f.term.start = absl::CivilDay(2025, 4, 1);
  f.term.initial_end = absl::CivilDay(2027, 3, 31);
  f.term.extension_months = {12, 12};
  f.term.maximum_end = absl::CivilDay(2029, 3, 31);
  f.term.current_end = f.term.initial_end;
  f.admission = {AdmissionKind::kPeriodic, 4, 28, absl::CivilDay(2025, 4, 1)};
  return f;
}

Framework Continuous() {
  Framework f = NorthWest();
  f.admission = {AdmissionKind::kContinuous, 0, 0, absl::CivilDay()};
  return f;
}

std::vector<absl::Time> Openings(const std::vector<AdmissionWindow>& windows) {
  std::vector<absl::Time> opens;
  opens.reserve(windows.size());
  for (const AdmissionWindow& window : windows) opens.push_back(window.opens);
  return opens;
}

TEST(StartOfUkDayTest, IsMidnightInLondon) {
  // British Summer Time began on 30 March 2025 and ended on 26 October.
  EXPECT_EQ(StartOfUkDay(absl::CivilDay(2025, 4, 1)), Utc(2025, 3, 31, 23));
  EXPECT_EQ(StartOfUkDay(absl::CivilDay(2025, 3, 29)), Utc(2025, 3, 29));
  EXPECT_EQ(StartOfUkDay(absl::CivilDay(2025, 10, 27)), Utc(2025, 10, 27));
}

TEST(ContinuousAdmissionTest, OpenThroughoutTheTerm) {
  const Framework f = Continuous();
  for (absl::Time at :
       {Uk(2025, 4, 1), Uk(2026, 6, 15, 12), Uk(2027, 3, 31, 23, 59, 59)}) {
    const AdmissionAnswer answer = AdmissionAt(f, {}, "lot-1", at);
    EXPECT_TRUE(answer.open) << at;
    ASSERT_TRUE(answer.current.has_value());
    EXPECT_EQ(answer.current->opens, Uk(2025, 4, 1));
    EXPECT_EQ(answer.current->closes, Uk(2027, 4, 1));
    EXPECT_FALSE(answer.next.has_value());
  }
}

TEST(ContinuousAdmissionTest, ClosedOutsideTheTerm) {
  const Framework f = Continuous();
  EXPECT_FALSE(AdmissionAt(f, {}, "lot-1", Uk(2025, 3, 31, 23, 59, 59)).open);
  EXPECT_FALSE(AdmissionAt(f, {}, "lot-1", Uk(2027, 4, 1)).open);
  // Extended: open again until the new end.
  Framework extended = f;
  extended.term.current_end = absl::CivilDay(2028, 3, 31);
  EXPECT_TRUE(AdmissionAt(extended, {}, "lot-1", Uk(2027, 4, 1)).open);
}

TEST(ContinuousAdmissionTest, ClosedUnlessActive) {
  for (FrameworkStatus status :
       {FrameworkStatus::kDraft, FrameworkStatus::kExpired,
        FrameworkStatus::kTerminated}) {
    Framework f = Continuous();
    f.status = status;
    const AdmissionAnswer answer = AdmissionAt(f, {}, "lot-1", Uk(2026, 1, 5));
    EXPECT_FALSE(answer.open);
    EXPECT_FALSE(answer.current.has_value());
    EXPECT_FALSE(answer.next.has_value());
  }
}

TEST(PeriodicAdmissionTest, TheFirstWindowOfNorthWest) {
  const Framework f = NorthWest();
  EXPECT_TRUE(AdmissionAt(f, {}, "lot-1", Uk(2025, 4, 1)).open);
  // 00:00 UK on 1 April 2025 is 23:00 UTC on 31 March (BST).
  EXPECT_TRUE(AdmissionAt(f, {}, "lot-1", Utc(2025, 3, 31, 23)).open);
  EXPECT_FALSE(AdmissionAt(f, {}, "lot-1", Utc(2025, 3, 31, 22, 59, 59)).open);

  const AdmissionAnswer last_minute =
      AdmissionAt(f, {}, "lot-1", Uk(2025, 4, 28, 23, 59));
  EXPECT_TRUE(last_minute.open);
  ASSERT_TRUE(last_minute.current.has_value());
  EXPECT_EQ(last_minute.current->opens, Uk(2025, 4, 1));
  EXPECT_EQ(last_minute.current->closes, Uk(2025, 4, 29));
  EXPECT_THAT(last_minute.current->round_id, IsEmpty());

  const AdmissionAnswer after = AdmissionAt(f, {}, "lot-1", Uk(2025, 4, 29));
  EXPECT_FALSE(after.open);
  EXPECT_FALSE(after.current.has_value());
  ASSERT_TRUE(after.next.has_value());
  EXPECT_EQ(after.next->opens, Uk(2025, 8, 1));
  EXPECT_EQ(after.next->closes, Uk(2025, 8, 29));
}

TEST(PeriodicAdmissionTest, WindowsAcrossAClockChangeUseUkMidnight) {
  Framework f = NorthWest();
  f.term.start = absl::CivilDay(2025, 3, 1);
  f.admission.first_window_opens = absl::CivilDay(2025, 3, 15);
  std::vector<AdmissionWindow> windows =
      AdmissionWindows(f, {}, "lot-1", Uk(2025, 3, 1), Uk(2025, 6, 1));
  ASSERT_EQ(windows.size(), 1u);
  // Opens in GMT, closes in BST: an hour short of 28 days.
  EXPECT_EQ(windows[0].opens, Utc(2025, 3, 15));
  EXPECT_EQ(windows[0].closes, Utc(2025, 4, 11, 23));

  f.admission.first_window_opens = absl::CivilDay(2025, 10, 15);
  windows = AdmissionWindows(f, {}, "lot-1", Uk(2025, 10, 1), Uk(2026, 1, 1));
  ASSERT_EQ(windows.size(), 1u);
  // Opens in BST, closes in GMT: an hour over.
  EXPECT_EQ(windows[0].opens, Utc(2025, 10, 14, 23));
  EXPECT_EQ(windows[0].closes, Utc(2025, 11, 12));
  EXPECT_TRUE(AdmissionAt(f, {}, "lot-1", Utc(2025, 11, 11, 23, 30)).open);
}

TEST(PeriodicAdmissionTest, TheWindowsOfAYear) {
  const std::vector<AdmissionWindow> windows = AdmissionWindows(
      NorthWest(), {}, "lot-1", Uk(2026, 1, 1), Uk(2027, 1, 1));
  EXPECT_THAT(Openings(windows),
              ElementsAre(Uk(2026, 4, 1), Uk(2026, 8, 1), Uk(2026, 12, 1)));
  for (const AdmissionWindow& window : windows) {
    EXPECT_EQ(window.closes - window.opens, absl::Hours(24 * 28));
    EXPECT_THAT(window.lot_ids, IsEmpty());
  }
}

TEST(PeriodicAdmissionTest, NoWindowsAfterTheCurrentEnd) {
  Framework f = NorthWest();
  // The window of 1 April 2027 would open the day after the term ends.
  EXPECT_THAT(Openings(AdmissionWindows(f, {}, "", Uk(2026, 6, 1),
                                        absl::InfiniteFuture())),
              ElementsAre(Uk(2026, 8, 1), Uk(2026, 12, 1)));
  // A window running past the current end is cut at it.
  f.term.current_end = absl::CivilDay(2027, 4, 10);
  const std::vector<AdmissionWindow> windows =
      AdmissionWindows(f, {}, "", Uk(2027, 1, 1), absl::InfiniteFuture());
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].opens, Uk(2027, 4, 1));
  EXPECT_EQ(windows[0].closes, Uk(2027, 4, 11));
  EXPECT_FALSE(AdmissionAt(f, {}, "lot-1", Uk(2027, 4, 11)).open);
}

TEST(PeriodicAdmissionTest, NextSkipsTheCurrentWindowAndEndsWithTheTerm) {
  const Framework f = NorthWest();
  const AdmissionAnswer during = AdmissionAt(f, {}, "lot-1", Uk(2025, 4, 10));
  ASSERT_TRUE(during.current.has_value());
  ASSERT_TRUE(during.next.has_value());
  EXPECT_EQ(during.current->opens, Uk(2025, 4, 1));
  EXPECT_EQ(during.next->opens, Uk(2025, 8, 1));

  const AdmissionAnswer last = AdmissionAt(f, {}, "lot-1", Uk(2026, 12, 15));
  EXPECT_TRUE(last.open);
  EXPECT_EQ(last.current->opens, Uk(2026, 12, 1));
  EXPECT_FALSE(last.next.has_value());

  const AdmissionAnswer after = AdmissionAt(f, {}, "lot-1", Uk(2027, 1, 15));
  EXPECT_FALSE(after.open);
  EXPECT_FALSE(after.next.has_value());
}

TEST(PeriodicAdmissionTest, ClampsToTheEndOfShortMonths) {
  Framework f = NorthWest();
  f.term.start = absl::CivilDay(2025, 1, 1);
  f.admission = {AdmissionKind::kPeriodic, 1, 7, absl::CivilDay(2025, 1, 31)};
  EXPECT_THAT(Openings(AdmissionWindows(f, {}, "lot-1", Uk(2025, 1, 1),
                                        Uk(2025, 5, 1))),
              ElementsAre(Uk(2025, 1, 31), Uk(2025, 2, 28), Uk(2025, 3, 31),
                          Uk(2025, 4, 30)));
}

TEST(AdHocRoundTest, OpensOnlyTheLotsItNames) {
  const Framework f = NorthWest();
  const std::vector<AdmissionRound> rounds = {
      {"lot-2-june", {"lot-2"}, Uk(2025, 6, 2, 9), Uk(2025, 6, 30, 17)}};
  const AdmissionAnswer lot2 =
      AdmissionAt(f, rounds, "lot-2", Uk(2025, 6, 10, 12));
  EXPECT_TRUE(lot2.open);
  ASSERT_TRUE(lot2.current.has_value());
  EXPECT_EQ(lot2.current->round_id, "lot-2-june");
  EXPECT_THAT(lot2.current->lot_ids, ElementsAre("lot-2"));

  const AdmissionAnswer lot1 =
      AdmissionAt(f, rounds, "lot-1", Uk(2025, 6, 10, 12));
  EXPECT_FALSE(lot1.open);
  ASSERT_TRUE(lot1.next.has_value());
  EXPECT_EQ(lot1.next->opens, Uk(2025, 8, 1));

  // Before it opens, it is lot-2's next window.
  const AdmissionAnswer before =
      AdmissionAt(f, rounds, "lot-2", Uk(2025, 5, 1));
  ASSERT_TRUE(before.next.has_value());
  EXPECT_EQ(before.next->round_id, "lot-2-june");
  // Listed for "any lot".
  EXPECT_EQ(
      AdmissionWindows(f, rounds, "", Uk(2025, 6, 1), Uk(2025, 7, 1)).size(),
      1u);
}

TEST(AdHocRoundTest, ARoundClosedEarlyIsClosedAfterwards) {
  const Framework f = NorthWest();
  std::vector<AdmissionRound> rounds = {
      {"june", {}, Uk(2025, 6, 2, 9), Uk(2025, 6, 30, 17)}};
  rounds[0].closes = Uk(2025, 6, 10, 12);
  EXPECT_TRUE(
      AdmissionAt(f, rounds, "lot-1", Uk(2025, 6, 10, 11, 59, 59)).open);
  EXPECT_FALSE(AdmissionAt(f, rounds, "lot-1", Uk(2025, 6, 10, 12)).open);
  EXPECT_FALSE(AdmissionAt(f, rounds, "lot-1", Uk(2025, 6, 20)).open);
}

TEST(AdHocRoundTest, OverlappingWindowsReportTheOneClosingLast) {
  const Framework f = NorthWest();
  const std::vector<AdmissionRound> rounds = {
      {"spring", {}, Uk(2025, 4, 20), Uk(2025, 5, 20)}};
  const AdmissionAnswer answer =
      AdmissionAt(f, rounds, "lot-1", Uk(2025, 4, 25));
  ASSERT_TRUE(answer.current.has_value());
  EXPECT_EQ(answer.current->round_id, "spring");
  ASSERT_TRUE(answer.next.has_value());
  EXPECT_EQ(answer.next->opens, Uk(2025, 8, 1));
  // Still open after the periodic window has closed.
  EXPECT_TRUE(AdmissionAt(f, rounds, "lot-1", Uk(2025, 5, 1)).open);
}

TEST(AdHocRoundTest, CutToTheTerm) {
  const Framework f = NorthWest();
  const std::vector<AdmissionRound> rounds = {
      {"early", {}, Uk(2025, 3, 1), Uk(2025, 4, 5)},
      {"late", {}, Uk(2027, 3, 20), Uk(2027, 5, 1)}};
  const std::vector<AdmissionWindow> windows = AdmissionWindows(
      f, rounds, "lot-1", absl::InfinitePast(), absl::InfiniteFuture());
  ASSERT_EQ(windows.size(), 8u);  // six periodic, two rounds
  EXPECT_EQ(windows[0].opens, Uk(2025, 4, 1));
  EXPECT_EQ(windows[0].round_id, "early");  // closes first of the two
  EXPECT_EQ(windows[7].round_id, "late");
  EXPECT_EQ(windows[7].closes, Uk(2027, 4, 1));
  EXPECT_FALSE(AdmissionAt(f, rounds, "lot-1", Uk(2025, 3, 15)).open);
}

}  // namespace
}  // namespace fhub::frameworks
