// Postcodes, company and charity numbers, Ofsted URNs and e-mail addresses.

#include "services/registry/domain/identifiers.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::Eq;
using ::testing::HasSubstr;

TEST(NormalisePostcodeTest, SpacingAndCase) {
  EXPECT_THAT(NormalisePostcode("f", "L20 3NJ"), IsOkAndHolds(Eq("L20 3NJ")));
  EXPECT_THAT(NormalisePostcode("f", "pr81da"), IsOkAndHolds(Eq("PR8 1DA")));
  EXPECT_THAT(NormalisePostcode("f", "  m1   1ae "),
              IsOkAndHolds(Eq("M1 1AE")));
  EXPECT_THAT(NormalisePostcode("f", "l203nj"), IsOkAndHolds(Eq("L20 3NJ")));
}

TEST(NormalisePostcodeTest, EveryOutwardShape) {
  EXPECT_THAT(NormalisePostcode("f", "M1 1AE"), IsOkAndHolds(Eq("M1 1AE")));
  EXPECT_THAT(NormalisePostcode("f", "B33 8TH"), IsOkAndHolds(Eq("B33 8TH")));
  EXPECT_THAT(NormalisePostcode("f", "W1A 0AX"), IsOkAndHolds(Eq("W1A 0AX")));
  EXPECT_THAT(NormalisePostcode("f", "CR2 6XH"), IsOkAndHolds(Eq("CR2 6XH")));
  EXPECT_THAT(NormalisePostcode("f", "DN55 1PT"), IsOkAndHolds(Eq("DN55 1PT")));
  EXPECT_THAT(NormalisePostcode("f", "EC1A 1BB"), IsOkAndHolds(Eq("EC1A 1BB")));
}

TEST(NormalisePostcodeTest, RefusesWhatIsNotAPostcode) {
  for (const char* bad :
       {"", "L20", "L20 3N", "L20 3NJX", "20L 3NJ", "L20 NJ3", "LLL0 3NJ",
        "L20 3CJ",   // inward letters never C I K M O V
        "Q1 1AA",    // no Q V X first
        "LI1 1AA",   // no I J Z second
        "W1I 0AX",   // third-position letter not allowed
        "EC1C 1BB",  // fourth-position letter not allowed
        "L20-3NJ", "L20 3NJ!"}) {
    EXPECT_THAT(NormalisePostcode("setting.address.postcode", bad),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("setting.address.postcode")))
        << bad;
  }
}

TEST(NormaliseCompanyNumberTest, EightDigitsOrTwoLettersAndSix) {
  EXPECT_THAT(NormaliseCompanyNumber("f", "01234567"),
              IsOkAndHolds(Eq("01234567")));
  EXPECT_THAT(NormaliseCompanyNumber("f", "sc123456"),
              IsOkAndHolds(Eq("SC123456")));
  EXPECT_THAT(NormaliseCompanyNumber("f", "OC 123 456"),
              IsOkAndHolds(Eq("OC123456")));
  for (const char* bad : {"", "1234567", "123456789", "S1234567", "SC12345A",
                          "1C123456", "SC-23456"}) {
    EXPECT_THAT(NormaliseCompanyNumber("provider.company_number", bad),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("provider.company_number")))
        << bad;
  }
}

TEST(NormaliseCharityNumberTest, SixOrSevenDigitsAndALinkedSuffix) {
  EXPECT_THAT(NormaliseCharityNumber("f", "1123456"),
              IsOkAndHolds(Eq("1123456")));
  EXPECT_THAT(NormaliseCharityNumber("f", "213890"),
              IsOkAndHolds(Eq("213890")));
  EXPECT_THAT(NormaliseCharityNumber("f", "1123456-1"),
              IsOkAndHolds(Eq("1123456-1")));
  EXPECT_THAT(NormaliseCharityNumber("f", "1123456 - 12"),
              IsOkAndHolds(Eq("1123456-12")));
  for (const char* bad : {"", "12345", "12345678", "SC012345", "1123456-",
                          "1123456-1234", "1123456-1-2", "-1", "11234a6"}) {
    EXPECT_THAT(NormaliseCharityNumber("provider.charity_number", bad),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("provider.charity_number")))
        << bad;
  }
}

TEST(NormaliseOfstedUrnTest, ScAndSixDigitsOrSevenDigits) {
  EXPECT_THAT(NormaliseOfstedUrn("f", "SC123456"),
              IsOkAndHolds(Eq("SC123456")));
  EXPECT_THAT(NormaliseOfstedUrn("f", "sc 123456"),
              IsOkAndHolds(Eq("SC123456")));
  EXPECT_THAT(NormaliseOfstedUrn("f", "2745123"), IsOkAndHolds(Eq("2745123")));
  for (const char* bad : {"", "SC12345", "SC1234567", "XY123456", "123456",
                          "12345678", "SC12345X"}) {
    EXPECT_THAT(NormaliseOfstedUrn("setting.ofsted_urn", bad),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("setting.ofsted_urn")))
        << bad;
  }
}

TEST(IsEmailAddressTest, PlainChecks) {
  EXPECT_TRUE(IsEmailAddress("referrals@acme-care.co.uk"));
  EXPECT_FALSE(IsEmailAddress(""));
  EXPECT_FALSE(IsEmailAddress("acme-care.co.uk"));
  EXPECT_FALSE(IsEmailAddress("@acme.org"));
  EXPECT_FALSE(IsEmailAddress("a@b@acme.org"));
  EXPECT_FALSE(IsEmailAddress("a b@acme.org"));
  EXPECT_FALSE(IsEmailAddress("a@localhost"));
  EXPECT_FALSE(IsEmailAddress("a@acme."));
  EXPECT_FALSE(IsEmailAddress("a@.org"));
}

}  // namespace
}  // namespace fhub::registry
