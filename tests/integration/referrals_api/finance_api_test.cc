// The finance export (ListFinanceLines): a council's placements' cost lines
// over a month or four weeks, as fields and as CSV, adding up to what
// GetPlacementCost says; who may export, and bad periods and tokens.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

class FinanceApiTest : public ReferralsApiTest {
 protected:
  grpc::Status Lines(const std::string& token, v1::FinanceCadence cadence,
                     const std::string& start,
                     v1::ListFinanceLinesResponse* out,
                     const std::string& page_token = "", int page_size = 0,
                     const std::string& parent = "authorities/sefton") {
    v1::ListFinanceLinesRequest request;
    request.set_parent(parent);
    request.set_cadence(cadence);
    if (!start.empty()) *request.mutable_period_start() = Day(start);
    request.set_page_token(page_token);
    request.set_page_size(page_size);
    return stub_->ListFinanceLines(testing::CallContext(token).get(), request,
                                   out);
  }

  grpc::Status Month(const std::string& start,
                     v1::ListFinanceLinesResponse* out) {
    return Lines(Commissioner(), v1::MONTHLY, start, out);
  }

  int64_t CostOf(const std::string& placement, const std::string& first,
                 const std::string& last) {
    v1::PlacementCost cost;
    EXPECT_THAT(PlacementCost(Commissioner(), placement, first, last, &cost),
                GrpcOk());
    return cost.total_pence();
  }

  // The CSV's records, each split into its fields (the test's fields hold
  // no commas or quotes).
  static std::vector<std::vector<std::string>> Records(const std::string& csv) {
    std::vector<std::vector<std::string>> records;
    for (absl::string_view line : absl::StrSplit(csv, "\r\n")) {
      if (line.empty()) continue;
      records.push_back(absl::StrSplit(line, ','));
    }
    return records;
  }

  // Sum of the CSV's cost_pence column (the 19th).
  static int64_t CsvTotal(const std::string& csv) {
    int64_t total = 0;
    const auto records = Records(csv);
    for (size_t i = 1; i < records.size(); ++i) {
      int64_t pence = 0;
      EXPECT_TRUE(absl::SimpleAtoi(records[i][18], &pence)) << records[i][18];
      total += pence;
    }
    return total;
  }
};

// Sefton's placement at Bootle House from 14 December 2026, 10 hours a week
// (103,500p), 6 hours (96,100p) from 14 February 2027.
TEST_F(FinanceApiTest, AMonthsLinesAddUpToThePlacementsCost) {
  const v1::Placement placement = Awarded("bootle-house");
  ASSERT_THAT(AdjustHours(Commissioner(), placement.name(), "2027-02-14", 360),
              GrpcOk());

  v1::ListFinanceLinesResponse february;
  ASSERT_THAT(Month("2027-02-01", &february), GrpcOk());
  EXPECT_EQ(DayText(february.period_first_day()), "2027-02-01");
  EXPECT_EQ(DayText(february.period_last_day()), "2027-02-28");
  ASSERT_EQ(february.lines_size(), 2);
  const v1::FinanceLine& first = february.lines(0);
  const std::string number =
      placement.name().substr(placement.name().rfind('/') + 1);
  EXPECT_EQ(first.line_id(), "sefton-" + number + "-20270201");
  EXPECT_EQ(first.case_reference(), "SEF-2026-0042");
  EXPECT_EQ(first.placement(), placement.name());
  EXPECT_EQ(first.provider(), "providers/bootle-house");
  EXPECT_EQ(first.setting(), "providers/bootle-house/settings/main");
  EXPECT_EQ(first.framework(), placement.framework());
  EXPECT_EQ(first.accommodation_weekly_pence(), 85000);
  EXPECT_EQ(first.support_hourly_pence(), 1850);
  // 1-13 February: 103500 x 13 / 7 = 192214.29 -> 192214.
  EXPECT_EQ(DayText(first.segment().first_day()), "2027-02-01");
  EXPECT_EQ(DayText(first.segment().last_day()), "2027-02-13");
  EXPECT_EQ(first.segment().cost_pence(), 192214);
  // 14-28 February: 96100 x 15 / 7 = 205928.57 -> 205929.
  EXPECT_EQ(february.lines(1).line_id(), "sefton-" + number + "-20270214");
  EXPECT_EQ(february.lines(1).segment().support_minutes_per_week(), 360);
  EXPECT_EQ(february.lines(1).segment().cost_pence(), 205929);
  EXPECT_EQ(february.total_pence(), 192214 + 205929);
  EXPECT_TRUE(february.next_page_token().empty());

  // To the penny: the fields, the CSV and the cost rpc.
  EXPECT_EQ(february.total_pence(),
            CostOf(placement.name(), "2027-02-01", "2027-02-28"));
  EXPECT_EQ(CsvTotal(february.csv()), february.total_pence());
  const auto records = Records(february.csv());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0][0], "line_id");
  EXPECT_EQ(records[0][19], "cost_gbp");
  EXPECT_EQ(records[1],
            (std::vector<std::string>{"sefton-" + number + "-20270201",
                                      "2027-02-01",
                                      "2027-02-28",
                                      "sefton",
                                      "SEF-2026-0042",
                                      number,
                                      "bootle-house",
                                      "main",
                                      placement.framework().substr(11),
                                      placement.lot_id(),
                                      "",
                                      "2027-02-01",
                                      "2027-02-13",
                                      "13",
                                      "600",
                                      "85000",
                                      "1850",
                                      "103500",
                                      "192214",
                                      "1922.14"}));

  // December from the start; November nothing but the header.
  v1::ListFinanceLinesResponse december;
  ASSERT_THAT(Month("2026-12-01", &december), GrpcOk());
  ASSERT_EQ(december.lines_size(), 1);
  EXPECT_EQ(DayText(december.lines(0).segment().first_day()), "2026-12-14");
  EXPECT_EQ(december.lines(0).segment().days(), 18);
  EXPECT_EQ(december.total_pence(),
            CostOf(placement.name(), "2026-12-01", "2026-12-31"));
  v1::ListFinanceLinesResponse november;
  ASSERT_THAT(Month("2026-11-01", &november), GrpcOk());
  EXPECT_EQ(november.lines_size(), 0);
  EXPECT_EQ(november.total_pence(), 0);
  EXPECT_EQ(Records(november.csv()).size(), 1u);

  // Exported again: the same lines, the same ids.
  v1::ListFinanceLinesResponse again;
  ASSERT_THAT(Month("2027-02-01", &again), GrpcOk());
  EXPECT_EQ(again.csv(), february.csv());
}

TEST_F(FinanceApiTest, FourWeeksFromAnyDayAndAnEndedPlacement) {
  const v1::Placement placement = Awarded("bootle-house");
  ASSERT_THAT(EndPlacement(Commissioner(), placement.name(), "2027-01-10",
                           v1::MOVED_TO_INDEPENDENCE),
              GrpcOk());
  v1::ListFinanceLinesResponse lines;
  ASSERT_THAT(Lines(Commissioner(), v1::FOUR_WEEKLY, "2026-12-28", &lines),
              GrpcOk());
  EXPECT_EQ(DayText(lines.period_last_day()), "2027-01-24");
  ASSERT_EQ(lines.lines_size(), 1);
  EXPECT_EQ(DayText(lines.lines(0).segment().last_day()), "2027-01-10");
  EXPECT_EQ(lines.lines(0).segment().days(), 14);
  EXPECT_EQ(lines.total_pence(), 207000);  // Two weeks at 103,500p.
  EXPECT_EQ(lines.total_pence(),
            CostOf(placement.name(), "2026-12-28", "2027-01-24"));
  // Ended before the next period: not in it.
  ASSERT_THAT(Lines(Commissioner(), v1::FOUR_WEEKLY, "2027-01-25", &lines),
              GrpcOk());
  EXPECT_EQ(lines.lines_size(), 0);
}

TEST_F(FinanceApiTest, PagesByPlacementWithTheHeaderOnceAndTheirOwnTokens) {
  const v1::Placement bootle = Awarded("bootle-house");
  v1::Referral second = SampleReferral();
  second.set_case_reference("SEF-2026-0043");
  const v1::Placement mersey = Awarded("mersey-living", second);
  ASSERT_FALSE(mersey.name().empty());

  v1::ListFinanceLinesResponse page1;
  ASSERT_THAT(Lines(Commissioner(), v1::MONTHLY, "2027-01-01", &page1, "", 1),
              GrpcOk());
  ASSERT_EQ(page1.lines_size(), 1);
  EXPECT_EQ(page1.lines(0).placement(), bootle.name());  // Oldest first.
  ASSERT_FALSE(page1.next_page_token().empty());
  v1::ListFinanceLinesResponse page2;
  ASSERT_THAT(Lines(Commissioner(), v1::MONTHLY, "2027-01-01", &page2,
                    page1.next_page_token(), 1),
              GrpcOk());
  ASSERT_EQ(page2.lines_size(), 1);
  EXPECT_EQ(page2.lines(0).placement(), mersey.name());
  EXPECT_EQ(page2.lines(0).case_reference(), "SEF-2026-0043");
  EXPECT_TRUE(page2.next_page_token().empty());
  EXPECT_EQ(Records(page1.csv()).size(), 2u);  // Header and one line.
  EXPECT_EQ(Records(page2.csv()).size(), 1u);  // The line alone.
  EXPECT_EQ(CsvTotal(page1.csv() + page2.csv()),
            CostOf(bootle.name(), "2027-01-01", "2027-01-31") +
                CostOf(mersey.name(), "2027-01-01", "2027-01-31"));

  // A token is for the period it came from.
  v1::ListFinanceLinesResponse other;
  EXPECT_THAT(Lines(Commissioner(), v1::MONTHLY, "2027-02-01", &other,
                    page1.next_page_token(), 1),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "page_token"));
  EXPECT_THAT(Lines(Commissioner(), v1::FOUR_WEEKLY, "2027-01-01", &other,
                    page1.next_page_token(), 1),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "page_token"));
}

TEST_F(FinanceApiTest, OnlyTheAuthoritysCommissionerExports) {
  Awarded("bootle-house");
  v1::ListFinanceLinesResponse lines;
  EXPECT_THAT(Lines(Commissioner("wirral"), v1::MONTHLY, "2027-01-01", &lines),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(
      Lines(ProviderUser("bootle-house"), v1::MONTHLY, "2027-01-01", &lines),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(Lines("", v1::MONTHLY, "2027-01-01", &lines),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
  // Wirral's own export has none of Sefton's lines.
  ASSERT_THAT(Lines(Commissioner("wirral"), v1::MONTHLY, "2027-01-01", &lines,
                    "", 0, "authorities/wirral"),
              GrpcOk());
  EXPECT_EQ(lines.lines_size(), 0);
  // A SERVICE (a finance system's integration account) may.
  ASSERT_THAT(Lines(Service(), v1::MONTHLY, "2027-01-01", &lines), GrpcOk());
  EXPECT_EQ(lines.lines_size(), 1);
}

TEST_F(FinanceApiTest, BadPeriodsAreRefusedNamingTheField) {
  v1::ListFinanceLinesResponse lines;
  EXPECT_THAT(Lines(Commissioner(), v1::FINANCE_CADENCE_UNSPECIFIED,
                    "2027-01-01", &lines),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "cadence"));
  EXPECT_THAT(Lines(Commissioner(), v1::MONTHLY, "", &lines),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "period_start"));
  EXPECT_THAT(Lines(Commissioner(), v1::MONTHLY, "2027-01-02", &lines),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
                     "period_start: a MONTHLY period starts on the first"));
  EXPECT_THAT(
      Lines(Commissioner(), v1::MONTHLY, "2027-01-01", &lines, "not-a-token"),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "page_token"));
  EXPECT_THAT(Lines(Commissioner(), v1::MONTHLY, "2027-01-01", &lines, "", 201),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "page_size"));
  EXPECT_THAT(Lines(Commissioner(), v1::MONTHLY, "2027-01-01", &lines, "", 0,
                    "providers/bootle-house"),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "parent"));
}

}  // namespace
}  // namespace fhub::referrals
