#include "common/csv.h"

#include <cstdint>
#include <limits>
#include <string>

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

}  // namespace
}  // namespace fhub::csv
