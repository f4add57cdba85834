// Building rpc requests from HTTP parts by the JSON mapping, and printing
// responses.

#include "services/gateway/api/transcode.h"

#include "common/testing/status_matchers.h"
#include "fhub/frameworks/v1/frameworks.pb.h"
#include "fhub/referrals/v1/referrals.pb.h"
#include "fhub/registry/v1/registry.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::gateway {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;
namespace rv1 = ::fhub::referrals::v1;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

TEST(BuildRequestTest, PathVariablesAndQueryParameters) {
  HttpRequestParts parts;
  parts.bindings = {{"parent", "authorities/sefton"}};
  parts.query = {{"page_size", "5"}, {"pageToken", "abc"}};
  rv1::ListReferralsRequest request;
  ASSERT_THAT(BuildRequest("", parts, &request), IsOk());
  EXPECT_EQ(request.parent(), "authorities/sefton");
  EXPECT_EQ(request.page_size(), 5);
  EXPECT_EQ(request.page_token(), "abc");
}

TEST(BuildRequestTest, DatesInTheQueryAsUkCalendarDatesOrFields) {
  HttpRequestParts parts;
  parts.bindings = {{"name", "authorities/sefton/placements/1"}};
  parts.query = {{"first_day", "2026-12-16"},
                 {"last_day.year", "2027"},
                 {"last_day.month", "3"},
                 {"lastDay.day", "15"}};
  rv1::GetPlacementCostRequest request;
  ASSERT_THAT(BuildRequest("", parts, &request), IsOk());
  EXPECT_EQ(request.first_day().year(), 2026);
  EXPECT_EQ(request.first_day().day(), 16);
  EXPECT_EQ(request.last_day().month(), 3);
  EXPECT_EQ(request.last_day().day(), 15);

  parts.query = {{"first_day", "16/12/2026"}};
  EXPECT_THAT(BuildRequest("", parts, &request),
              StatusIs(kInvalid, HasSubstr("first_day must be a date")));
}

TEST(BuildRequestTest, NumbersAndBooleansInTheQuery) {
  HttpRequestParts parts;
  parts.bindings = {{"framework", "frameworks/nw"}, {"lot_id", "lot-1"}};
  parts.query = {{"latitude", "53.4"}, {"max_results", "ten"}};
  registry::v1::SearchEligibleProvidersRequest search;
  EXPECT_THAT(BuildRequest("", parts, &search),
              StatusIs(kInvalid, HasSubstr("max_results")));
  parts.query = {{"latitude", "53.4"}, {"longitude", "-3"}};
  ASSERT_THAT(BuildRequest("", parts, &search), IsOk());
  EXPECT_DOUBLE_EQ(search.latitude(), 53.4);
  EXPECT_DOUBLE_EQ(search.longitude(), -3);

  frameworks::v1::ListMembersRequest members;
  parts = {};
  parts.query = {{"include_ceased", "yes"}};
  EXPECT_THAT(BuildRequest("", parts, &members),
              StatusIs(kInvalid, HasSubstr("true or false")));
  parts.query = {{"include_ceased", "true"}};
  ASSERT_THAT(BuildRequest("", parts, &members), IsOk());
  EXPECT_TRUE(members.include_ceased());
}

TEST(BuildRequestTest, UnknownOrRepeatedQueryParametersAreRefusedByName) {
  HttpRequestParts parts;
  parts.query = {{"colour", "red"}};
  rv1::ListReferralsRequest request;
  EXPECT_THAT(BuildRequest("", parts, &request),
              StatusIs(kInvalid,
                       HasSubstr("query parameter colour is not a field of "
                                 "fhub.referrals.v1.ListReferralsRequest")));
  parts.query = {{"page_size", "1"}, {"pageSize", "2"}};
  EXPECT_THAT(BuildRequest("", parts, &request),
              StatusIs(kInvalid, HasSubstr("given twice")));
}

TEST(BuildRequestTest, TheBodyIsTheMessageAndThePathWins) {
  HttpRequestParts parts;
  parts.bindings = {{"parent", "authorities/sefton"}};
  parts.body = R"({
    "parent": "authorities/wirral",
    "referral": {"framework": "frameworks/nw", "lotId": "lot-1",
                 "age": 16, "needs": ["GOING_MISSING", "MENTAL_HEALTH"],
                 "wantedStartDate": {"year": 2026, "month": 12, "day": 16},
                 "responseDeadline": "2026-12-09T17:00:00Z"},
    "requestId": "r-1"})";
  rv1::CreateReferralRequest request;
  ASSERT_THAT(BuildRequest("*", parts, &request), IsOk());
  EXPECT_EQ(request.parent(), "authorities/sefton");
  EXPECT_EQ(request.referral().needs_size(), 2);
  EXPECT_EQ(request.referral().wanted_start_date().day(), 16);
  EXPECT_EQ(request.referral().response_deadline().seconds(), 1796835600);
  EXPECT_EQ(request.request_id(), "r-1");
}

TEST(BuildRequestTest, BadBodies) {
  HttpRequestParts parts;
  rv1::CreateReferralRequest request;
  parts.body = R"({"referral": {"age": 16,})";
  EXPECT_THAT(BuildRequest("*", parts, &request),
              StatusIs(kInvalid, HasSubstr("not valid JSON")));
  parts.body = R"({"referral": {"colour": "red"}})";
  EXPECT_THAT(BuildRequest("*", parts, &request),
              StatusIs(kInvalid, HasSubstr("colour")));
  parts.body = R"({"referral": {"age": "sixteen"}})";
  EXPECT_THAT(BuildRequest("*", parts, &request),
              StatusIs(kInvalid, HasSubstr("age")));
  parts.body = R"({"referral": {"needs": ["FLYING"]}})";
  EXPECT_THAT(BuildRequest("*", parts, &request),
              StatusIs(kInvalid, HasSubstr("FLYING")));
  parts.body = "[1, 2]";
  EXPECT_THAT(BuildRequest("*", parts, &request),
              StatusIs(kInvalid, HasSubstr("must be a JSON object")));
  // A GET takes no body, and a body rule takes no query.
  parts.body = "{}";
  rv1::GetReferralRequest get;
  EXPECT_THAT(BuildRequest("", parts, &get),
              StatusIs(kInvalid, HasSubstr("takes no request body")));
  parts.body = "";
  parts.query = {{"request_id", "x"}};
  EXPECT_THAT(BuildRequest("*", parts, &request),
              StatusIs(kInvalid, HasSubstr("in the JSON body")));
}

TEST(BuildRequestTest, IdempotencyKeyFillsAnEmptyRequestId) {
  HttpRequestParts parts;
  parts.bindings = {{"name", "authorities/sefton/referrals/1"}};
  parts.idempotency_key = "key-1";
  rv1::SubmitReferralRequest submit;
  ASSERT_THAT(BuildRequest("*", parts, &submit), IsOk());
  EXPECT_EQ(submit.request_id(), "key-1");
  parts.body = R"({"requestId": "from-body"})";
  submit.Clear();
  ASSERT_THAT(BuildRequest("*", parts, &submit), IsOk());
  EXPECT_EQ(submit.request_id(), "from-body");
}

TEST(BuildRequestTest, LastEventIdSetsTheStreamsPosition) {
  HttpRequestParts parts;
  parts.query = {{"after_sequence", "3"}};
  parts.last_event_id = 12;
  frameworks::v1::StreamEventsRequest request;
  ASSERT_THAT(BuildRequest("", parts, &request), IsOk());
  EXPECT_EQ(request.after_sequence(), 12);
}

TEST(ToJsonTest, Proto3JsonOnOneLine) {
  rv1::Referral referral;
  referral.set_name("authorities/sefton/referrals/1");
  referral.set_support_minutes_per_week(600);
  referral.add_needs(rv1::GOING_MISSING);
  auto json = ToJson(referral);
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(*json,
            R"({"name":"authorities/sefton/referrals/1","needs":["GOING_MISSING"],)"
            R"("supportMinutesPerWeek":"600"})");
}

}  // namespace
}  // namespace fhub::gateway
