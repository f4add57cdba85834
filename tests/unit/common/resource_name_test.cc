#include "common/resource_name.h"

#include <string>

#include "absl/strings/escaping.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Pair;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

TEST(IsResourceIdTest, AcceptsLowercaseLettersDigitsAndHyphens) {
  EXPECT_TRUE(IsResourceId("nw-16plus"));
  EXPECT_TRUE(IsResourceId("sefton"));
  EXPECT_TRUE(IsResourceId("a1"));
  EXPECT_TRUE(IsResourceId("a--b"));
  EXPECT_TRUE(IsResourceId("a" + std::string(62, 'b')));
}

TEST(IsResourceIdTest, RefusesWhatIsNotAnId) {
  EXPECT_FALSE(IsResourceId(""));
  EXPECT_FALSE(IsResourceId("a"));                         // Too short.
  EXPECT_FALSE(IsResourceId("a" + std::string(63, 'b')));  // 64: too long.
  EXPECT_FALSE(IsResourceId("1abc"));       // Starts with a digit.
  EXPECT_FALSE(IsResourceId("-abc"));       // Starts with a hyphen.
  EXPECT_FALSE(IsResourceId("abc-"));       // Ends with a hyphen.
  EXPECT_FALSE(IsResourceId("Sefton"));     // Uppercase.
  EXPECT_FALSE(IsResourceId("st_helens"));  // Underscore.
  EXPECT_FALSE(IsResourceId("st helens"));
  EXPECT_FALSE(IsResourceId("a/b"));
  EXPECT_FALSE(IsResourceId("caf\xc3\xa9"));
}

TEST(CheckResourceIdTest, NamesTheFieldAndTheValue) {
  EXPECT_THAT(CheckResourceId("framework_id", "nw-16plus"), IsOk());
  EXPECT_THAT(
      CheckResourceId("framework_id", "NW 16+"),
      StatusIs(kInvalid, AllOf(HasSubstr("framework_id"), HasSubstr("'NW 16+'"),
                               HasSubstr("lowercase"))));
}

TEST(CheckResourceIdTest, EmptyIsRequired) {
  EXPECT_THAT(CheckResourceId("member_id", ""),
              StatusIs(kInvalid, HasSubstr("member_id is required")));
}

TEST(ParseResourceNameTest, ReturnsTheId) {
  EXPECT_THAT(ParseResourceName("frameworks/nw-16plus", "frameworks"),
              IsOkAndHolds(Eq("nw-16plus")));
}

TEST(ParseResourceNameTest, RefusesOtherShapes) {
  for (absl::string_view name :
       {"", "frameworks", "frameworks/", "/nw-16plus", "frameworks/NW",
        "providers/nw-16plus", "frameworks/nw-16plus/", "frameworks//nw",
        "frameworks/nw-16plus/members/sefton", "Frameworks/nw-16plus"}) {
    EXPECT_THAT(ParseResourceName(name, "frameworks"),
                StatusIs(kInvalid, HasSubstr("frameworks/{id}")))
        << name;
  }
}

TEST(ParseChildNameTest, ReturnsBothIds) {
  EXPECT_THAT(ParseChildName("frameworks/nw-16plus/members/sefton",
                             "frameworks", "members"),
              IsOkAndHolds(Pair("nw-16plus", "sefton")));
}

TEST(ParseChildNameTest, RefusesOtherShapes) {
  for (absl::string_view name :
       {"frameworks/nw-16plus", "frameworks/nw-16plus/members",
        "frameworks/nw-16plus/members/", "frameworks/nw-16plus/lots/sefton",
        "providers/nw-16plus/members/sefton", "frameworks/NW/members/sefton",
        "frameworks/nw-16plus/members/Sefton",
        "frameworks/nw-16plus/members/sefton/x"}) {
    EXPECT_THAT(ParseChildName(name, "frameworks", "members"),
                StatusIs(kInvalid, HasSubstr("frameworks/{id}/members/{id}")))
        << name;
  }
}

TEST(CheckRequestIdTest, AcceptsPrintableAscii) {
  EXPECT_THAT(CheckRequestId("x"), IsOk());
  EXPECT_THAT(CheckRequestId("3f2b9c1e-7d4a-4f0e-9a51-0c6de2f1a7b4"), IsOk());
  EXPECT_THAT(CheckRequestId("!~{}|#"), IsOk());
  EXPECT_THAT(CheckRequestId(std::string(128, 'r')), IsOk());
}

TEST(CheckRequestIdTest, RefusesEmptyLongSpacedAndNonAscii) {
  EXPECT_THAT(CheckRequestId(""),
              StatusIs(kInvalid, HasSubstr("request_id is required")));
  EXPECT_THAT(CheckRequestId(std::string(129, 'r')),
              StatusIs(kInvalid, HasSubstr("at most 128")));
  for (absl::string_view bad :
       {"with space", "tab\t", "new\nline", "caf\xc3\xa9", "del\x7f"}) {
    EXPECT_THAT(CheckRequestId(bad),
                StatusIs(kInvalid, HasSubstr("printable ASCII")))
        << bad;
  }
}

TEST(CheckTextTest, CountsCharactersNotBytes) {
  // "é" is two bytes and "€" three; each is one character.
  EXPECT_THAT(CheckText("title", "caf\xc3\xa9", 1, 4), IsOk());
  EXPECT_THAT(CheckText("title", "\xe2\x82\xac\xe2\x82\xac", 1, 2), IsOk());
  EXPECT_THAT(CheckText("title", "\xf0\x9f\x99\x82", 1, 1), IsOk());
  EXPECT_THAT(CheckText("title", "caf\xc3\xa9!", 1, 4),
              StatusIs(kInvalid, AllOf(HasSubstr("title"),
                                       HasSubstr("at most 4 characters"),
                                       HasSubstr("got 5"))));
}

TEST(CheckTextTest, AllowsNewlineAndTab) {
  EXPECT_THAT(CheckText("notes", "line one\nline\ttwo", 0, 100), IsOk());
}

TEST(CheckTextTest, RefusesControlCharacters) {
  for (absl::string_view bad : std::initializer_list<absl::string_view>{
           "bell\x07", "cr\r", "del\x7f", absl::string_view("nul\0", 4)}) {
    EXPECT_THAT(CheckText("notes", bad, 0, 100),
                StatusIs(kInvalid, AllOf(HasSubstr("notes"),
                                         HasSubstr("control characters"))));
  }
}

TEST(CheckTextTest, RefusesInvalidUtf8) {
  for (absl::string_view bad : {
           "\xff",              // Never valid.
           "\x80",              // Continuation byte alone.
           "caf\xc3",           // Truncated sequence.
           "\xc3\x28",          // Bad continuation.
           "\xc0\xaf",          // Overlong "/".
           "\xe0\x80\xaf",      // Overlong "/" in three bytes.
           "\xed\xa0\x80",      // UTF-16 surrogate.
           "\xf4\x90\x80\x80",  // Above U+10FFFF.
           "\xf5\x80\x80\x80",  // Lead byte above U+10FFFF.
       }) {
    EXPECT_THAT(CheckText("title", bad, 0, 100),
                StatusIs(kInvalid, HasSubstr("UTF-8")))
        << absl::CEscape(bad);
  }
}

TEST(CheckTextTest, RequiredTextMustNotBeEmptyOrBlank) {
  EXPECT_THAT(CheckText("title", "", 1, 100),
              StatusIs(kInvalid, HasSubstr("title is required")));
  EXPECT_THAT(CheckText("title", " \n\t ", 1, 100),
              StatusIs(kInvalid, HasSubstr("title is required")));
}

TEST(CheckTextTest, OptionalTextMayBeEmpty) {
  EXPECT_THAT(CheckText("notes", "", 0, 100), IsOk());
  EXPECT_THAT(CheckText("notes", "  ", 0, 100), IsOk());
}

TEST(CheckTextTest, TooShortTextSaysHowLongItMustBe) {
  EXPECT_THAT(CheckText("postcode", "L1", 5, 8),
              StatusIs(kInvalid, AllOf(HasSubstr("postcode"),
                                       HasSubstr("at least 5 characters"))));
  EXPECT_THAT(CheckText("postcode", "L1 8JQ", 5, 8), IsOk());
}

}  // namespace
}  // namespace fhub
