#include "common/log.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::log {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const absl::Time kAt = absl::FromCivil(absl::CivilSecond(2024, 3, 31, 1, 2, 3),
                                       absl::UTCTimeZone()) +
                       absl::Milliseconds(45);

// The text FormatLine gives for one field `v=value`.
std::string FieldText(absl::string_view value) {
  std::string line = FormatLine(kAt, Level::kInfo, "e", {{"v", value}});
  return line.substr(line.find(" v=") + 3);
}

TEST(FormatLineTest, WritesTimeLevelEventAndFieldsInOrder) {
  EXPECT_EQ(FormatLine(kAt, Level::kWarning, "rpc",
                       {{"method", "/fhub.Frameworks/Get"},
                        {"code", "OK"},
                        {"ms", 3},
                        {"retry", false}}),
            "ts=2024-03-31T01:02:03.045Z level=warning event=rpc "
            "method=/fhub.Frameworks/Get code=OK ms=3 retry=false");
}

TEST(FormatLineTest, NamesEveryLevel) {
  EXPECT_THAT(FormatLine(kAt, Level::kDebug, "e", {}),
              HasSubstr(" level=debug "));
  EXPECT_THAT(FormatLine(kAt, Level::kInfo, "e", {}),
              HasSubstr(" level=info "));
  EXPECT_THAT(FormatLine(kAt, Level::kError, "e", {}),
              HasSubstr(" level=error "));
}

TEST(FormatLineTest, TimeIsUtcWithMilliseconds) {
  const absl::Time at = absl::FromCivil(absl::CivilSecond(2024, 7, 1, 12, 0, 0),
                                        absl::UTCTimeZone());
  EXPECT_THAT(FormatLine(at, Level::kInfo, "e", {}),
              StartsWith("ts=2024-07-01T12:00:00.000Z "));
}

TEST(FormatLineTest, NumbersAndBooleansAreWrittenPlainly) {
  EXPECT_EQ(FormatLine(kAt, Level::kInfo, "e",
                       {{"i", -7}, {"u", 42u}, {"d", 1.5}, {"b", true}}),
            "ts=2024-03-31T01:02:03.045Z level=info event=e i=-7 u=42 d=1.5 "
            "b=true");
}

TEST(FormatLineTest, PlainValuesAreNotQuoted) {
  EXPECT_EQ(FieldText("authorities/sefton"), "authorities/sefton");
  EXPECT_EQ(FieldText("a-b_c.d:e"), "a-b_c.d:e");
  EXPECT_EQ(FieldText("Café"), "Café");
}

TEST(FormatLineTest, EmptyValueIsQuoted) {
  EXPECT_EQ(FieldText(""), "\"\"");
  const char* null_text = nullptr;
  EXPECT_EQ(FormatLine(kAt, Level::kInfo, "e", {{"v", null_text}}),
            "ts=2024-03-31T01:02:03.045Z level=info event=e v=\"\"");
}

TEST(FormatLineTest, SpacesAndEqualsAreQuoted) {
  EXPECT_EQ(FieldText("two words"), "\"two words\"");
  EXPECT_EQ(FieldText("a=b"), "\"a=b\"");
}

TEST(FormatLineTest, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(FieldText("say \"hi\""), R"("say \"hi\"")");
  EXPECT_EQ(FieldText(R"(C:\temp)"), R"("C:\\temp")");
}

TEST(FormatLineTest, ControlCharactersCannotBreakTheLine) {
  EXPECT_EQ(FieldText("one\ntwo"), R"("one\ntwo")");
  EXPECT_EQ(FieldText("a\rb\tc"), R"("a\rb\tc")");
  EXPECT_EQ(FieldText(std::string("bell\x07", 5)), "\"bell?\"");
  EXPECT_EQ(FieldText(std::string("nul\0x", 5)), "\"nul?x\"");
}

TEST(FormatLineTest, InjectedFieldStaysInsideItsValue) {
  const std::string line = FormatLine(
      kAt, Level::kInfo, "e", {{"subject", "x level=error event=forged"}});
  EXPECT_EQ(line,
            "ts=2024-03-31T01:02:03.045Z level=info event=e "
            "subject=\"x level=error event=forged\"");
}

TEST(FormatLineTest, EventIsQuotedLikeAValue) {
  EXPECT_THAT(FormatLine(kAt, Level::kInfo, "bad event", {}),
              HasSubstr(" event=\"bad event\""));
}

TEST(WriteTest, SendsFormattedLinesToTheSink) {
  std::vector<std::string> lines;
  Sink previous =
      SetSink([&lines](absl::string_view line) { lines.emplace_back(line); });
  Info("started", {{"port", 7001}});
  Warning("slow");
  Error("failed", {{"why", "no database"}});
  SetSink(std::move(previous));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[0], HasSubstr(" level=info event=started port=7001"));
  EXPECT_THAT(lines[1], HasSubstr(" level=warning event=slow"));
  EXPECT_THAT(lines[2],
              HasSubstr(" level=error event=failed why=\"no database\""));
  EXPECT_THAT(lines, ElementsAre(StartsWith("ts="), StartsWith("ts="),
                                 StartsWith("ts=")));
}

TEST(WriteTest, SetSinkReturnsThePreviousSink) {
  std::vector<std::string> first;
  std::vector<std::string> second;
  Sink original =
      SetSink([&first](absl::string_view line) { first.emplace_back(line); });
  Sink replaced =
      SetSink([&second](absl::string_view line) { second.emplace_back(line); });
  replaced("direct");
  Info("event");
  SetSink(std::move(original));
  EXPECT_THAT(first, ElementsAre("direct"));
  EXPECT_EQ(second.size(), 1u);
}

}  // namespace
}  // namespace fhub::log
