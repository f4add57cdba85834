// Server-Sent Events framing and Last-Event-ID.

#include "services/gateway/domain/sse.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::gateway {
namespace {

using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::Eq;
using ::testing::HasSubstr;

TEST(SseEventTest, IdTypeAndOneDataLinePerLine) {
  EXPECT_EQ(SseEvent(R"({"a":1})", "42"), "id: 42\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(SseEvent("x\ny", "", "error"), "event: error\ndata: x\ndata: y\n\n");
  EXPECT_EQ(SseEvent("x\r\ny"), "data: x\ndata: y\n\n");
  // A field with a line break would end early: it is left out.
  EXPECT_EQ(SseEvent("x", "1\n2"), "data: x\n\n");
}

TEST(LastEventIdTest, ASequence) {
  EXPECT_THAT(ParseLastEventId("17"), IsOkAndHolds(Eq(17)));
  EXPECT_THAT(ParseLastEventId(" 0 "), IsOkAndHolds(Eq(0)));
  EXPECT_THAT(ParseLastEventId("-1"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("Last-Event-ID")));
  EXPECT_THAT(ParseLastEventId("abc"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace fhub::gateway
