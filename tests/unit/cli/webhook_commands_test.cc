// `fhub webhooks create`: the request it builds from its flags (no server).

#include "tools/fhub/webhook_commands.h"

#include <string>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

ABSL_DECLARE_FLAG(std::string, url);
ABSL_DECLARE_FLAG(std::string, events);
ABSL_DECLARE_FLAG(std::string, description);

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::referrals::v1;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(WebhookCommandsTest, EventTypesByNameWithOrWithoutThePrefix) {
  auto types = ParseWebhookEvents("offer_made, WEBHOOK_PLACEMENT_STARTED,");
  ASSERT_THAT(types.status(), IsOk());
  EXPECT_THAT(*types, ElementsAre(v1::WEBHOOK_OFFER_MADE,
                                  v1::WEBHOOK_PLACEMENT_STARTED));
  EXPECT_THAT(ParseWebhookEvents("OFFER_MADE,OFFER_EATEN").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--events: 'OFFER_EATEN'")));
  EXPECT_THAT(ParseWebhookEvents("EVENT_TYPE_UNSPECIFIED").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ParseWebhookEvents("").status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at least one")));
}

TEST(WebhookCommandsTest, CreateNeedsAnOwnerAUrlAndEvents) {
  absl::FlagSaver flags;
  absl::SetFlag(&FLAGS_url, "https://hooks.sefton.gov.uk/fhub");
  absl::SetFlag(&FLAGS_events, "OFFER_MADE");
  absl::SetFlag(&FLAGS_description, "case system");
  auto request = BuildCreateWebhook({"authorities/sefton"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "authorities/sefton");
  EXPECT_EQ(request->webhook_endpoint().url(),
            "https://hooks.sefton.gov.uk/fhub");
  EXPECT_THAT(request->webhook_endpoint().event_types(),
              ElementsAre(v1::WEBHOOK_OFFER_MADE));
  EXPECT_EQ(request->webhook_endpoint().description(), "case system");
  EXPECT_FALSE(request->request_id().empty());

  EXPECT_THAT(BuildCreateWebhook({"providers/bootle-house"}).status(), IsOk());
  EXPECT_THAT(BuildCreateWebhook({"frameworks/nw-16plus"}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  absl::SetFlag(&FLAGS_url, "");
  EXPECT_THAT(BuildCreateWebhook({"authorities/sefton"}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--url")));
}

}  // namespace
}  // namespace fhub::cli
