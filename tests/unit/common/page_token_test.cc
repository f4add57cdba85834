#include "common/page_token.h"

#include <string>

#include "absl/strings/escaping.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub {
namespace {

using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

TEST(PageSizeTest, ZeroMeansTheDefault) {
  EXPECT_THAT(PageSize(0), IsOkAndHolds(Eq(kDefaultPageSize)));
}

TEST(PageSizeTest, SizesUpToTheMaximumAreKept) {
  EXPECT_THAT(PageSize(1), IsOkAndHolds(Eq(1)));
  EXPECT_THAT(PageSize(kMaxPageSize), IsOkAndHolds(Eq(kMaxPageSize)));
}

TEST(PageSizeTest, SizesAboveTheMaximumAreRefusedNamingTheField) {
  EXPECT_THAT(PageSize(kMaxPageSize + 1),
              StatusIs(kInvalid, HasSubstr("page_size must be 1 to 200")));
  EXPECT_THAT(PageSize(1 << 30), StatusIs(kInvalid, HasSubstr("page_size")));
}

TEST(PageSizeTest, NegativeIsInvalid) {
  EXPECT_THAT(PageSize(-1), StatusIs(kInvalid, HasSubstr("page_size")));
  EXPECT_THAT(PageSize(-(1 << 30)), StatusIs(kInvalid));
}

TEST(PageTokenTest, RoundTripsTheLastKey) {
  const std::string token = EncodePageToken("frameworks", "nw-16plus");
  EXPECT_THAT(DecodePageToken("frameworks", token),
              IsOkAndHolds(Eq("nw-16plus")));
}

TEST(PageTokenTest, RoundTripsKeysWithSeparatorsAndBinary) {
  const std::string key("2024-01-01|sefton\0\xff", 19);
  const std::string token =
      EncodePageToken("frameworks/nw-16plus/members", key);
  EXPECT_THAT(DecodePageToken("frameworks/nw-16plus/members", token),
              IsOkAndHolds(Eq(key)));
}

TEST(PageTokenTest, TokenIsOpaqueAndUrlSafe) {
  const std::string token = EncodePageToken("frameworks", "nw-16plus/x+y");
  EXPECT_THAT(token, Not(HasSubstr("nw-16plus")));
  EXPECT_EQ(token.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                "0123456789-_="),
            std::string::npos)
      << token;
}

TEST(PageTokenTest, EmptyTokenMeansTheFirstPage) {
  EXPECT_THAT(DecodePageToken("frameworks", ""), IsOkAndHolds(Eq("")));
}

TEST(PageTokenTest, TokenOfAnotherListIsRefused) {
  const std::string token = EncodePageToken("frameworks", "nw-16plus");
  EXPECT_THAT(DecodePageToken("providers", token),
              StatusIs(kInvalid, HasSubstr("page_token")));
  // A list whose name begins with the other's is another list too.
  EXPECT_THAT(DecodePageToken("framework", token), StatusIs(kInvalid));
  EXPECT_THAT(
      DecodePageToken("frameworks/nw-16plus/members",
                      EncodePageToken("frameworks/nw-16plus/lots", "a")),
      StatusIs(kInvalid));
}

TEST(PageTokenTest, GarbageIsRefused) {
  for (absl::string_view garbage :
       {"not a token", "!!!!", "%%%", "djF8", "AAAA"}) {
    EXPECT_THAT(DecodePageToken("frameworks", garbage), StatusIs(kInvalid))
        << garbage;
  }
}

TEST(PageTokenTest, TokenOfAnotherVersionIsRefused) {
  const std::string token = absl::WebSafeBase64Escape("v2|frameworks|x");
  EXPECT_THAT(DecodePageToken("frameworks", token), StatusIs(kInvalid));
}

TEST(PageTokenTest, TokenWithoutAKeyIsRefused) {
  const std::string token = absl::WebSafeBase64Escape("v1|frameworks|");
  EXPECT_THAT(DecodePageToken("frameworks", token), StatusIs(kInvalid));
}

TEST(PageTokenTest, TruncatedTokenIsRefused) {
  const std::string token = EncodePageToken("frameworks", "nw-16plus");
  EXPECT_THAT(DecodePageToken("frameworks", token.substr(0, 6)),
              StatusIs(kInvalid));
}

}  // namespace
}  // namespace fhub
