// The client's commands for a council's own systems
// (council_systems_commands.cc): the requests `finance lines` and
// `referrals import` build from their flags and files. No server.

#include <fstream>
#include <string>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/fhub/referrals_commands.h"

ABSL_DECLARE_FLAG(std::string, file);
ABSL_DECLARE_FLAG(std::string, month);
ABSL_DECLARE_FLAG(std::string, four_weeks_from);
ABSL_DECLARE_FLAG(std::string, format);

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::referrals::v1;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;

TEST(FinanceCommandsTest, AMonthOrFourWeeksFromADay) {
  absl::FlagSaver flags;
  absl::SetFlag(&FLAGS_month, "2027-01");
  auto month = BuildFinanceLines({"authorities/sefton"});
  ASSERT_THAT(month.status(), IsOk());
  EXPECT_EQ(month->parent(), "authorities/sefton");
  EXPECT_EQ(month->cadence(), v1::MONTHLY);
  EXPECT_EQ(month->period_start().year(), 2027);
  EXPECT_EQ(month->period_start().month(), 1);
  EXPECT_EQ(month->period_start().day(), 1);

  absl::SetFlag(&FLAGS_month, "");
  absl::SetFlag(&FLAGS_four_weeks_from, "2026-12-28");
  auto weeks = BuildFinanceLines({"authorities/sefton"});
  ASSERT_THAT(weeks.status(), IsOk());
  EXPECT_EQ(weeks->cadence(), v1::FOUR_WEEKLY);
  EXPECT_EQ(weeks->period_start().day(), 28);
}

TEST(FinanceCommandsTest, RefusesBadMonthsAndBothOrNeither) {
  absl::FlagSaver flags;
  EXPECT_THAT(BuildFinanceLines({"authorities/sefton"}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("give one of --month")));
  absl::SetFlag(&FLAGS_month, "2027-01");
  absl::SetFlag(&FLAGS_four_weeks_from, "2027-01-04");
  EXPECT_THAT(BuildFinanceLines({"authorities/sefton"}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  absl::SetFlag(&FLAGS_four_weeks_from, "");
  for (const char* bad : {"2027-13", "2027-1", "27-01", "2027-01-01", "x"}) {
    absl::SetFlag(&FLAGS_month, bad);
    EXPECT_THAT(BuildFinanceLines({"authorities/sefton"}).status(),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         ::testing::HasSubstr("--month")))
        << bad;
  }
  absl::SetFlag(&FLAGS_month, "2027-01");
  EXPECT_THAT(BuildFinanceLines({"providers/bootle-house"}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ImportCommandTest, ReadsTheFileWithItsFormat) {
  absl::FlagSaver flags;
  const std::string csv = ::testing::TempDir() + "/batch.csv";
  std::ofstream(csv) << "case_reference\r\nSEF-1\r\n";
  absl::SetFlag(&FLAGS_file, csv);
  auto request = BuildImport({"authorities/sefton"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "authorities/sefton");
  EXPECT_EQ(request->format(), v1::CSV);
  EXPECT_EQ(request->content(), "case_reference\r\nSEF-1\r\n");
  EXPECT_FALSE(request->request_id().empty());

  const std::string lines = ::testing::TempDir() + "/batch.txt";
  std::ofstream(lines) << "{}\n";
  absl::SetFlag(&FLAGS_file, lines);
  EXPECT_THAT(BuildImport({"authorities/sefton"}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("--format")));
  absl::SetFlag(&FLAGS_format, "jsonl");
  request = BuildImport({"authorities/sefton"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->format(), v1::JSON_LINES);

  absl::SetFlag(&FLAGS_file, ::testing::TempDir() + "/missing.csv");
  EXPECT_THAT(BuildImport({"authorities/sefton"}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("--file: cannot read")));
}

}  // namespace
}  // namespace fhub::cli
