#include "common/csv.h"

#include <cstdint>
#include <limits>
#include <string>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::csv {
namespace {

std::string Record(absl::string_view text) {
  std::string out;
  RecordWriter(&out).Text(text).End();
  return out;
}

TEST(CsvTest, PlainFieldsAreWrittenAsTheyAre) {
  std::string out;
  RecordWriter w(&out);
  w.Text("SEF-2026-0042").Raw("2026-12-14").Number(916714).Number(-3);
  w.End();
  w.Text("second").End();
  EXPECT_EQ(out, "SEF-2026-0042,2026-12-14,916714,-3\r\nsecond\r\n");
}

TEST(CsvTest, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(Record("Smith, J"), "\"Smith, J\"\r\n");
  EXPECT_EQ(Record("the \"main\" house"), "\"the \"\"main\"\" house\"\r\n");
  EXPECT_EQ(Record("two\nlines"), "\"two\nlines\"\r\n");
  EXPECT_EQ(Record("cr\rhere"), "\"cr\rhere\"\r\n");
  EXPECT_EQ(Record(""), "\r\n");
}

// What a spreadsheet would run as a formula stays text.
TEST(CsvTest, TextThatLooksLikeAFormulaIsPrefixed) {
  EXPECT_EQ(Record("=1+2"), "'=1+2\r\n");
  EXPECT_EQ(Record("+44"), "'+44\r\n");
  EXPECT_EQ(Record("-2"), "'-2\r\n");
  EXPECT_EQ(Record("@SUM(A1)"), "'@SUM(A1)\r\n");
  EXPECT_EQ(Record("\tx"), "'\tx\r\n");
  EXPECT_EQ(Record("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
  // Not in the middle, and not for fields the system made.
  EXPECT_EQ(Record("a=b"), "a=b\r\n");
  std::string out;
  RecordWriter(&out).Raw("-5").End();
  EXPECT_EQ(out, "-5\r\n");
}

TEST(CsvTest, PenceAsPounds) {
  EXPECT_EQ(Pounds(0), "0.00");
  EXPECT_EQ(Pounds(5), "0.05");
  EXPECT_EQ(Pounds(916714), "9167.14");
  EXPECT_EQ(Pounds(100), "1.00");
  EXPECT_EQ(Pounds(-5), "-0.05");
  EXPECT_EQ(Pounds(-123456), "-1234.56");
  EXPECT_EQ(Pounds(std::numeric_limits<int64_t>::min()),
            "-92233720368547758.08");
}

using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;

TEST(CsvReadTest, FieldsAndRecordsWithEitherLineEnd) {
  EXPECT_THAT(ParseRecords("a,b,c\r\n1,,3\n4,5,6"),
              IsOkAndHolds(ElementsAre(ElementsAre("a", "b", "c"),
                                       ElementsAre("1", "", "3"),
                                       ElementsAre("4", "5", "6"))));
  EXPECT_THAT(ParseRecords(""), IsOkAndHolds(ElementsAre()));
  // Empty lines are no records; a trailing comma is an empty field.
  EXPECT_THAT(ParseRecords("\r\na,\n\n"),
              IsOkAndHolds(ElementsAre(ElementsAre("a", ""))));
  // A spreadsheet's byte-order mark is not part of the first field.
  EXPECT_THAT(ParseRecords("\xEF\xBB\xBF"
                           "case_reference\n"),
              IsOkAndHolds(ElementsAre(ElementsAre("case_reference"))));
}

TEST(CsvReadTest, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  EXPECT_THAT(ParseRecords(
                  "\"Smith, J\",\"the \"\"main\"\" house\",\"two\r\nlines\"\r\n"
                  "\"\",x\n"),
              IsOkAndHolds(ElementsAre(
                  ElementsAre("Smith, J", "the \"main\" house", "two\r\nlines"),
                  ElementsAre("", "x"))));
}

TEST(CsvReadTest, WhatTheWriterWritesReadsBack) {
  std::string out;
  RecordWriter(&out).Text("a,b").Text("q\"q").Raw("2027-01-01").Number(7).End();
  EXPECT_THAT(
      ParseRecords(out),
      IsOkAndHolds(ElementsAre(ElementsAre("a,b", "q\"q", "2027-01-01", "7"))));
}

TEST(CsvReadTest, BrokenQuotesAreRefusedNamingTheRecord) {
  EXPECT_THAT(ParseRecords("a,b\n\"open,c\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "record 2: a quoted field is not closed"));
  EXPECT_THAT(ParseRecords("\"closed\"after,b\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "record 1: text after a closing quote"));
}

}  // namespace
}  // namespace fhub::csv
