// Placements after an award: the dated support hours, the cost over a
// period, ending, and who may list and read them.

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

TEST_F(ReferralsApiTest, SupportHoursChangeFromADateAndTheCostFollowsThem) {
  const v1::Placement placement = Awarded("bootle-house");
  ASSERT_FALSE(placement.name().empty());
  EXPECT_TRUE(
      absl::StartsWith(placement.name(), "authorities/sefton/placements/"));
  EXPECT_EQ(DayText(placement.start_date()), "2026-12-14");
  EXPECT_EQ(placement.setting(), "providers/bootle-house/settings/main");
  ASSERT_EQ(placement.hours_size(), 1);
  EXPECT_EQ(placement.hours(0).support_minutes_per_week(), 600);
  v1::Placement read;
  ASSERT_THAT(GetPlacement(Commissioner(), placement.name(), &read), GrpcOk());
  EXPECT_EQ(read.referral(), placement.referral());
  EXPECT_EQ(read.case_reference(), "SEF-2026-0042");

  // 10 hours down to 6 from two months after the start; a second change on
  // the same date replaces the first.
  v1::Placement adjusted;
  ASSERT_THAT(AdjustHours(Commissioner(), placement.name(), "2027-02-14", 480,
                          &adjusted),
              GrpcOk());
  ASSERT_EQ(adjusted.hours_size(), 2);
  ASSERT_THAT(AdjustHours(Commissioner(), placement.name(), "2027-02-14", 360,
                          &adjusted),
              GrpcOk());
  ASSERT_EQ(adjusted.hours_size(), 2);
  EXPECT_EQ(DayText(adjusted.hours(0).effective_date()), "2026-12-14");
  EXPECT_EQ(adjusted.hours(0).support_minutes_per_week(), 600);
  EXPECT_EQ(DayText(adjusted.hours(1).effective_date()), "2027-02-14");
  EXPECT_EQ(adjusted.hours(1).support_minutes_per_week(), 360);
  EXPECT_EQ(CountRows("hours_changes"), 2);

  EXPECT_THAT(
      AdjustHours(Commissioner(), placement.name(), "2026-12-13", 300),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "change.effective_date"));
  EXPECT_THAT(
      AdjustHours(Commissioner(), placement.name(), "2027-03-01", 10081),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
             "change.support_minutes_per_week"));
  EXPECT_THAT(AdjustHours(Commissioner(), placement.name(), "2027-03-01", -1),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
                     "change.support_minutes_per_week"));
  EXPECT_EQ(CountRows("hours_changes"), 2);

  // December to February; the days before the start cost nothing.
  //   2026-12-14 .. 2027-02-13: 18 + 31 + 13 = 62 days at 600 minutes:
  //     weekly 85000 + round(1850 x 600 / 60) = 85000 + 18500 = 103500;
  //     103500 x 62 / 7 = 6417000 / 7 = 916714.29 -> 916714.
  //   2027-02-14 .. 2027-02-28: 15 days at 360 minutes:
  //     weekly 85000 + round(1850 x 360 / 60) = 85000 + 11100 = 96100;
  //     96100 x 15 / 7 = 1441500 / 7 = 205928.57 -> 205929.
  //   Total 916714 + 205929 = 1122643.
  v1::PlacementCost cost;
  ASSERT_THAT(PlacementCost(Commissioner(), placement.name(), "2026-12-01",
                            "2027-02-28", &cost),
              GrpcOk());
  EXPECT_EQ(cost.placement(), placement.name());
  ASSERT_EQ(cost.segments_size(), 2);
  EXPECT_EQ(DayText(cost.segments(0).first_day()), "2026-12-14");
  EXPECT_EQ(DayText(cost.segments(0).last_day()), "2027-02-13");
  EXPECT_EQ(cost.segments(0).days(), 62);
  EXPECT_EQ(cost.segments(0).support_minutes_per_week(), 600);
  EXPECT_EQ(cost.segments(0).weekly_pence(), 103500);
  EXPECT_EQ(cost.segments(0).cost_pence(), 916714);
  EXPECT_EQ(DayText(cost.segments(1).first_day()), "2027-02-14");
  EXPECT_EQ(DayText(cost.segments(1).last_day()), "2027-02-28");
  EXPECT_EQ(cost.segments(1).days(), 15);
  EXPECT_EQ(cost.segments(1).support_minutes_per_week(), 360);
  EXPECT_EQ(cost.segments(1).weekly_pence(), 96100);
  EXPECT_EQ(cost.segments(1).cost_pence(), 205929);
  EXPECT_EQ(cost.total_pence(), 1122643);

  // Ending: a reason, not before the start, once.
  EXPECT_THAT(EndPlacement(Commissioner(), placement.name(), "2027-03-31",
                           v1::END_REASON_UNSPECIFIED),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "reason"));
  EXPECT_THAT(EndPlacement(Commissioner(), placement.name(), "2026-12-13",
                           v1::MOVED_TO_INDEPENDENCE),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "end_date"));
  v1::Placement ended;
  ASSERT_THAT(EndPlacement(Commissioner(), placement.name(), "2027-03-31",
                           v1::MOVED_TO_INDEPENDENCE, &ended),
              GrpcOk());
  EXPECT_EQ(DayText(ended.end_date()), "2027-03-31");
  EXPECT_EQ(ended.end_reason(), v1::MOVED_TO_INDEPENDENCE);
  EXPECT_THAT(EndPlacement(Commissioner(), placement.name(), "2027-04-30",
                           v1::RETURNED_HOME),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "already ended"));
  EXPECT_THAT(
      AdjustHours(Commissioner(), placement.name(), "2027-04-01", 300),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "change.effective_date"));
  ASSERT_THAT(GetPlacement(Commissioner(), placement.name(), &read), GrpcOk());
  EXPECT_EQ(DayText(read.end_date()), "2027-03-31");
  EXPECT_EQ(read.end_reason(), v1::MOVED_TO_INDEPENDENCE);

  // Days after the end cost nothing: March only, 31 days at 96100:
  // 96100 x 31 / 7 = 2979100 / 7 = 425585.71 -> 425586.
  ASSERT_THAT(PlacementCost(Commissioner(), placement.name(), "2027-03-01",
                            "2027-04-30", &cost),
              GrpcOk());
  ASSERT_EQ(cost.segments_size(), 1);
  EXPECT_EQ(DayText(cost.segments(0).last_day()), "2027-03-31");
  EXPECT_EQ(cost.segments(0).days(), 31);
  EXPECT_EQ(cost.total_pence(), 425586);
  EXPECT_THAT(PlacementCost(Commissioner(), placement.name(), "2027-03-01",
                            "2027-02-28", &cost),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "last_day"));
}

TEST_F(ReferralsApiTest, TheAuthorityListsAllItsPlacementsAProviderItsOwn) {
  const v1::Placement bootle = Awarded("bootle-house");
  v1::Referral second = SampleReferral();
  second.set_case_reference("SEF-2026-0043");
  const v1::Placement mersey = Awarded("mersey-living", second);
  ASSERT_FALSE(mersey.name().empty());

  v1::ListPlacementsResponse listed;
  ASSERT_THAT(ListPlacements(Commissioner(), "authorities/sefton", &listed),
              GrpcOk());
  ASSERT_EQ(listed.placements_size(), 2);  // Newest first.
  EXPECT_EQ(listed.placements(0).name(), mersey.name());
  EXPECT_EQ(listed.placements(0).case_reference(), "SEF-2026-0043");
  EXPECT_EQ(listed.placements(1).name(), bootle.name());
  EXPECT_EQ(listed.placements(1).case_reference(), "SEF-2026-0042");

  // A page at a time.
  v1::ListPlacementsRequest page;
  page.set_parent("authorities/sefton");
  page.set_page_size(1);
  ASSERT_THAT(stub_->ListPlacements(testing::CallContext(Commissioner()).get(),
                                    page, &listed),
              GrpcOk());
  ASSERT_EQ(listed.placements_size(), 1);
  EXPECT_EQ(listed.placements(0).name(), mersey.name());
  ASSERT_FALSE(listed.next_page_token().empty());
  page.set_page_token(listed.next_page_token());
  ASSERT_THAT(stub_->ListPlacements(testing::CallContext(Commissioner()).get(),
                                    page, &listed),
              GrpcOk());
  ASSERT_EQ(listed.placements_size(), 1);
  EXPECT_EQ(listed.placements(0).name(), bootle.name());
  EXPECT_TRUE(listed.next_page_token().empty());

  ASSERT_THAT(ListPlacements(ProviderUser("bootle-house"),
                             "providers/bootle-house", &listed),
              GrpcOk());
  ASSERT_EQ(listed.placements_size(), 1);
  EXPECT_EQ(listed.placements(0).name(), bootle.name());
  EXPECT_EQ(listed.placements(0).case_reference(), "SEF-2026-0042");
  ASSERT_THAT(ListPlacements(ProviderUser("mersey-living"),
                             "providers/mersey-living", &listed),
              GrpcOk());
  ASSERT_EQ(listed.placements_size(), 1);
  EXPECT_EQ(listed.placements(0).case_reference(), "SEF-2026-0043");
  ASSERT_THAT(ListPlacements(ProviderUser("crosby-care"),
                             "providers/crosby-care", &listed),
              GrpcOk());
  EXPECT_EQ(listed.placements_size(), 0);

  // The provider reads and costs its own placement.
  v1::Placement read;
  ASSERT_THAT(GetPlacement(ProviderUser("bootle-house"), bootle.name(), &read),
              GrpcOk());
  EXPECT_EQ(read.case_reference(), "SEF-2026-0042");
  v1::PlacementCost cost;
  EXPECT_THAT(PlacementCost(ProviderUser("bootle-house"), bootle.name(),
                            "2026-12-14", "2026-12-20", &cost),
              GrpcOk());
  EXPECT_EQ(cost.total_pence(), 103500);

  // Only the placements not ended, once one has.
  ASSERT_THAT(EndPlacement(Commissioner(), bootle.name(), "2027-01-31",
                           v1::PLACEMENT_BREAKDOWN),
              GrpcOk());
  v1::ListPlacementsRequest active;
  active.set_parent("authorities/sefton");
  active.set_active_only(true);
  ASSERT_THAT(stub_->ListPlacements(testing::CallContext(Commissioner()).get(),
                                    active, &listed),
              GrpcOk());
  ASSERT_EQ(listed.placements_size(), 1);
  EXPECT_EQ(listed.placements(0).name(), mersey.name());
}

TEST_F(ReferralsApiTest, AnotherAuthorityOrProviderCannotReachAPlacement) {
  const v1::Placement placement = Awarded("bootle-house");
  ASSERT_FALSE(placement.name().empty());
  v1::Placement read;
  v1::PlacementCost cost;
  v1::ListPlacementsResponse listed;

  const std::string wirral = Commissioner("wirral");
  EXPECT_THAT(GetPlacement(wirral, placement.name(), &read),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(PlacementCost(wirral, placement.name(), "2026-12-14",
                            "2026-12-31", &cost),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(ListPlacements(wirral, "authorities/sefton", &listed),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(AdjustHours(wirral, placement.name(), "2027-01-01", 300),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(
      EndPlacement(wirral, placement.name(), "2027-01-01", v1::RETURNED_HOME),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  // Naming its own authority with Sefton's number finds nothing either.
  const std::string as_wirral = absl::StrReplaceAll(
      placement.name(), {{"authorities/sefton/", "authorities/wirral/"}});
  EXPECT_THAT(GetPlacement(wirral, as_wirral, &read),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  ASSERT_THAT(ListPlacements(wirral, "authorities/wirral", &listed), GrpcOk());
  EXPECT_EQ(listed.placements_size(), 0);

  const std::string mersey = ProviderUser("mersey-living");
  EXPECT_THAT(GetPlacement(mersey, placement.name(), &read),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(PlacementCost(mersey, placement.name(), "2026-12-14",
                            "2026-12-31", &cost),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(ListPlacements(mersey, "providers/bootle-house", &listed),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(ListPlacements(mersey, "authorities/sefton", &listed),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  // The placed provider itself reads but does not change it.
  EXPECT_THAT(AdjustHours(ProviderUser("bootle-house"), placement.name(),
                          "2027-01-01", 300),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(EndPlacement(ProviderUser("bootle-house"), placement.name(),
                           "2027-01-01", v1::RETURNED_HOME),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));

  // Nothing changed.
  ASSERT_THAT(GetPlacement(Commissioner(), placement.name(), &read), GrpcOk());
  EXPECT_EQ(read.hours_size(), 1);
  EXPECT_FALSE(read.has_end_date());
}

}  // namespace
}  // namespace fhub::referrals
