// The referrals client: its input parsing (weights, needs, minutes, ages,
// names), the requests its commands build from flags and files, the
// ranking table and the command table. No server: every test stops before
// a call is made.

#include "tools/fhub/referrals_commands.h"

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/fhub/command.h"
#include "tools/fhub/ranking_table.h"
#include "tools/fhub/referrals_input.h"
#include "tools/fhub/referrals_requests.h"

ABSL_DECLARE_FLAG(std::string, authority);
ABSL_DECLARE_FLAG(std::string, provider);
ABSL_DECLARE_FLAG(std::string, framework);
ABSL_DECLARE_FLAG(std::string, lot);
ABSL_DECLARE_FLAG(std::string, setting);
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(std::string, to);
ABSL_DECLARE_FLAG(std::string, date);
ABSL_DECLARE_FLAG(std::string, file);
ABSL_DECLARE_FLAG(std::string, reason);
ABSL_DECLARE_FLAG(std::string, note);
ABSL_DECLARE_FLAG(std::string, summary);
ABSL_DECLARE_FLAG(std::string, lat);
ABSL_DECLARE_FLAG(std::string, lng);
ABSL_DECLARE_FLAG(double, miles);
ABSL_DECLARE_FLAG(int, places);
ABSL_DECLARE_FLAG(bool, active);
ABSL_DECLARE_FLAG(std::string, support_minutes);
ABSL_DECLARE_FLAG(std::string, accommodation_weekly_pence);
ABSL_DECLARE_FLAG(std::string, support_hourly_pence);
ABSL_DECLARE_FLAG(std::string, case_reference);
ABSL_DECLARE_FLAG(std::string, age);
ABSL_DECLARE_FLAG(std::string, needs);
ABSL_DECLARE_FLAG(std::string, accommodation_type);
ABSL_DECLARE_FLAG(std::string, wanted_start);
ABSL_DECLARE_FLAG(std::string, deadline);
ABSL_DECLARE_FLAG(std::string, weights);
ABSL_DECLARE_FLAG(std::string, budget_pence);
ABSL_DECLARE_FLAG(std::string, invitation);
ABSL_DECLARE_FLAG(std::string, block_contract);
ABSL_DECLARE_FLAG(std::string, available);
ABSL_DECLARE_FLAG(bool, open_only);
ABSL_DECLARE_FLAG(std::string, settings);
ABSL_DECLARE_FLAG(std::string, weekly_pence_per_place);
ABSL_DECLARE_FLAG(std::string, request_id);
ABSL_DECLARE_FLAG(std::string, referrals_addr);
ABSL_DECLARE_FLAG(std::string, token);

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::referrals::v1;
using ::fhub::testing::IsOk;
using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;
constexpr char kReferral[] = "authorities/sefton/referrals/3";
constexpr char kInvitation[] =
    "authorities/sefton/referrals/3/invitations/acme-care";
constexpr char kPlacement[] = "authorities/sefton/placements/7";

// An unsigned JWT whose only claim is "org": the client reads it without
// checking the signature.
std::string TokenFor(const std::string& org) {
  return absl::StrCat(
      absl::WebSafeBase64Escape(R"({"alg":"HS256","typ":"JWT"})"), ".",
      absl::WebSafeBase64Escape(absl::StrCat(R"({"org":")", org, R"("})")),
      ".c2ln");
}

class ReferralCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override { unsetenv("FHUB_TOKEN"); }

  // A file under the test's temporary directory, set as --file.
  static void SetFile(const std::string& name, const std::string& contents) {
    std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << contents;
    absl::SetFlag(&FLAGS_file, path);
  }

  absl::FlagSaver flags_;
};

// --- Weights, needs, minutes, ages and names ---------------------------------

TEST(ParseWeightsTest, QualityPriceDistanceSummingTo100) {
  auto weights = ParseWeights("--weights", "50/30/20");
  ASSERT_THAT(weights.status(), IsOk());
  EXPECT_EQ(weights->quality(), 50);
  EXPECT_EQ(weights->price(), 30);
  EXPECT_EQ(weights->distance(), 20);
  weights = ParseWeights("--weights", "");
  ASSERT_THAT(weights.status(), IsOk());
  EXPECT_EQ(weights->quality() + weights->price() + weights->distance(), 0);
}

TEST(ParseWeightsTest, WeightsNotSummingTo100NameTheFlagAndTheSum) {
  EXPECT_THAT(ParseWeights("--weights", "60/30/0"),
              StatusIs(kInvalid, HasSubstr("--weights '60/30/0' sums to 90; "
                                           "quality, price and distance "
                                           "must sum to 100")));
  EXPECT_THAT(ParseWeights("--weights", "0/0/0"),
              StatusIs(kInvalid, HasSubstr("default 60/40/0")));
  for (const char* bad : {"60/40", "60/40/0/0", "60%/40/0", "60.5/39.5/0",
                          "-10/110/0", "101/0/0", "60//40", "a/b/c"}) {
    EXPECT_THAT(
        ParseWeights("--weights", bad),
        StatusIs(kInvalid, HasSubstr(absl::StrCat("--weights '", bad,
                                                  "' is not "
                                                  "QUALITY/PRICE/DISTANCE"))))
        << bad;
  }
}

TEST(CheckWeightsTest, AllZeroIsTheDefault) {
  v1::EvaluationWeights weights;
  EXPECT_THAT(CheckWeights("--file: weights", weights), IsOk());
  weights.set_quality(70);
  weights.set_price(20);
  EXPECT_THAT(CheckWeights("--file: weights", weights),
              StatusIs(kInvalid, HasSubstr("--file: weights 70/20/0 sum to "
                                           "90")));
  weights.set_distance(10);
  EXPECT_THAT(CheckWeights("--file: weights", weights), IsOk());
}

TEST(ParseNeedsTest, NamesInAnyCaseNoneTwice) {
  EXPECT_THAT(ParseNeeds("--needs", "going_missing, MENTAL_HEALTH"),
              IsOkAndHolds(ElementsAre(v1::GOING_MISSING, v1::MENTAL_HEALTH)));
  EXPECT_THAT(ParseNeeds("--needs", ""), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(ParseNeeds("--needs", "GOING_MISSING,flying"),
              StatusIs(kInvalid, HasSubstr("--needs 'flying': give one of "
                                           "UNACCOMPANIED_ASYLUM_SEEKING")));
  EXPECT_THAT(ParseNeeds("--needs", "NEED_UNSPECIFIED"),
              StatusIs(kInvalid, HasSubstr("--needs 'NEED_UNSPECIFIED'")));
  EXPECT_THAT(ParseNeeds("--needs", "offending,OFFENDING"),
              StatusIs(kInvalid, HasSubstr("--needs names 'OFFENDING' twice")));
}

TEST(ParseMinutesPerWeekTest, WholeMinutesWithinTheWeek) {
  EXPECT_THAT(ParseMinutesPerWeek("--support_minutes", "450", true),
              IsOkAndHolds(450));
  EXPECT_THAT(ParseMinutesPerWeek("--support_minutes", "10080", true),
              IsOkAndHolds(10080));
  EXPECT_THAT(ParseMinutesPerWeek("--support_minutes", "", false),
              IsOkAndHolds(0));
  EXPECT_THAT(ParseMinutesPerWeek("--support_minutes", "", true),
              StatusIs(kInvalid, HasSubstr("--support_minutes is required")));
  for (const char* bad : {"-30", "10081", "7.5", "7h30"}) {
    EXPECT_THAT(
        ParseMinutesPerWeek("--support_minutes", bad, true),
        StatusIs(kInvalid, HasSubstr(absl::StrCat("--support_minutes '", bad,
                                                  "' is not whole minutes a "
                                                  "week from 0 to 10080"))))
        << bad;
  }
}

TEST(ParseAgeTest, WholeYearsRequired) {
  EXPECT_THAT(ParseAge("--age", "16"), IsOkAndHolds(16));
  EXPECT_THAT(ParseAge("--age", ""),
              StatusIs(kInvalid, HasSubstr("--age is required")));
  EXPECT_THAT(ParseAge("--age", "16.5"),
              StatusIs(kInvalid, HasSubstr("--age '16.5' is not an age")));
  EXPECT_THAT(ParseAge("--age", "-1"), StatusIs(kInvalid));
}

TEST(CheckMilesTest, ZeroOrAboveZeroUpTo700) {
  EXPECT_THAT(CheckMiles("--miles", 0), IsOk());
  EXPECT_THAT(CheckMiles("--miles", 700), IsOk());
  EXPECT_THAT(CheckMiles("--miles", 700.5),
              StatusIs(kInvalid, HasSubstr("--miles must be above 0 and at "
                                           "most 700")));
  EXPECT_THAT(CheckMiles("--miles", -1), StatusIs(kInvalid));
}

TEST(ParseSettingNamesTest, TheProvidersOwnNoneTwice) {
  EXPECT_THAT(ParseSettingNames(
                  "--settings",
                  "providers/acme/settings/oak, providers/acme/settings/elm",
                  "providers/acme"),
              IsOkAndHolds(ElementsAre("providers/acme/settings/oak",
                                       "providers/acme/settings/elm")));
  EXPECT_THAT(ParseSettingNames("--settings", "", "providers/acme"),
              StatusIs(kInvalid, HasSubstr("--settings is required")));
  EXPECT_THAT(ParseSettingNames("--settings", "providers/other/settings/oak",
                                "providers/acme"),
              StatusIs(kInvalid, HasSubstr("is not a setting of "
                                           "providers/acme")));
  EXPECT_THAT(ParseSettingNames("--settings", "oak", "providers/acme"),
              StatusIs(kInvalid, HasSubstr("--settings 'oak' is not a name")));
  EXPECT_THAT(ParseSettingNames(
                  "--settings",
                  "providers/acme/settings/oak,providers/acme/settings/oak",
                  "providers/acme"),
              StatusIs(kInvalid, HasSubstr("twice")));
}

TEST(InvitationNameTest, ReferralProviderAndAuthority) {
  EXPECT_EQ(ReferralOfInvitation(kInvitation), kReferral);
  EXPECT_EQ(ProviderOfInvitation(kInvitation), "providers/acme-care");
  EXPECT_EQ(AuthorityOf(kInvitation), "authorities/sefton");
  EXPECT_EQ(AuthorityOf("authorities/sefton/blockContracts/2"),
            "authorities/sefton");
}

// --- referrals create --------------------------------------------------------

class CreateReferralTest : public ReferralCommandsTest {
 protected:
  void SetUp() override {
    ReferralCommandsTest::SetUp();
    absl::SetFlag(&FLAGS_authority, "authorities/sefton");
    absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
    absl::SetFlag(&FLAGS_lot, "lot-1");
    absl::SetFlag(&FLAGS_case_reference, "SEF-2291");
    absl::SetFlag(&FLAGS_age, "16");
    absl::SetFlag(&FLAGS_support_minutes, "450");
    absl::SetFlag(&FLAGS_accommodation_type, "shared_house");
    absl::SetFlag(&FLAGS_lat, "53.6475");
    absl::SetFlag(&FLAGS_lng, "-3.0053");
    absl::SetFlag(&FLAGS_wanted_start, "2026-05-01");
  }

  static void ExpectError(const std::string& text) {
    EXPECT_THAT(BuildCreateReferral({}).status(),
                StatusIs(kInvalid, HasSubstr(text)));
  }
};

TEST_F(CreateReferralTest, EveryFlagBecomesTheReferral) {
  absl::SetFlag(&FLAGS_needs, "GOING_MISSING,mental_health");
  absl::SetFlag(&FLAGS_miles, 25.5);
  absl::SetFlag(&FLAGS_deadline, "2026-04-20T12:00:00Z");
  absl::SetFlag(&FLAGS_weights, "50/30/20");
  absl::SetFlag(&FLAGS_budget_pence, "120000");
  absl::SetFlag(&FLAGS_summary, "Needs a quiet house near school.");
  absl::SetFlag(&FLAGS_request_id, "req-1");
  auto request = BuildCreateReferral({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "authorities/sefton");
  EXPECT_EQ(request->request_id(), "req-1");
  const v1::Referral& referral = request->referral();
  EXPECT_EQ(referral.framework(), "frameworks/nw-16plus");
  EXPECT_EQ(referral.lot_id(), "lot-1");
  EXPECT_EQ(referral.case_reference(), "SEF-2291");
  EXPECT_EQ(referral.age(), 16);
  EXPECT_THAT(referral.needs(),
              ElementsAre(v1::GOING_MISSING, v1::MENTAL_HEALTH));
  EXPECT_EQ(referral.support_minutes_per_week(), 450);
  EXPECT_EQ(referral.accommodation_type(), v1::SHARED_HOUSE);
  EXPECT_DOUBLE_EQ(referral.home_location().latitude(), 53.6475);
  EXPECT_DOUBLE_EQ(referral.home_location().longitude(), -3.0053);
  EXPECT_DOUBLE_EQ(referral.max_distance_miles(), 25.5);
  EXPECT_EQ(referral.wanted_start_date().year(), 2026);
  EXPECT_EQ(referral.wanted_start_date().month(), 5);
  EXPECT_EQ(referral.wanted_start_date().day(), 1);
  EXPECT_EQ(referral.response_deadline().seconds(), 1776686400);
  EXPECT_EQ(referral.weights().quality(), 50);
  EXPECT_EQ(referral.weights().price(), 30);
  EXPECT_EQ(referral.weights().distance(), 20);
  EXPECT_EQ(referral.weekly_budget_pence(), 120000);
  EXPECT_EQ(referral.confidential_summary(),
            "Needs a quiet house near school.");
}

TEST_F(CreateReferralTest, OptionalFlagsLeaveTheServiceDefaults) {
  auto request = BuildCreateReferral({});
  ASSERT_THAT(request.status(), IsOk());
  const v1::Referral& referral = request->referral();
  EXPECT_EQ(referral.needs_size(), 0);
  EXPECT_EQ(referral.max_distance_miles(), 0);     // 20 miles.
  EXPECT_FALSE(referral.has_response_deadline());  // 24 hours.
  EXPECT_FALSE(referral.has_weights());            // 60/40/0.
  EXPECT_EQ(referral.weekly_budget_pence(), 0);
  EXPECT_FALSE(request->request_id().empty());  // A fresh UUID.
}

TEST_F(CreateReferralTest, AFreshRequestIdEachTimeUnlessGiven) {
  auto first = BuildCreateReferral({});
  auto second = BuildCreateReferral({});
  ASSERT_THAT(first.status(), IsOk());
  ASSERT_THAT(second.status(), IsOk());
  EXPECT_NE(first->request_id(), second->request_id());
  absl::SetFlag(&FLAGS_request_id, std::string(129, 'x'));
  ExpectError("--request_id");
}

TEST_F(CreateReferralTest, ADeadlineMayBeAPlainDate) {
  absl::SetFlag(&FLAGS_deadline, "2026-04-20");  // 17:00 BST.
  auto request = BuildCreateReferral({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->referral().response_deadline().seconds(), 1776700800);
}

TEST_F(CreateReferralTest, BadInputNamesTheFlag) {
  absl::SetFlag(&FLAGS_weights, "60/30/0");
  ExpectError("--weights '60/30/0' sums to 90");
  absl::SetFlag(&FLAGS_weights, "");
  absl::SetFlag(&FLAGS_wanted_start, "01/05/2026");
  ExpectError(
      "--wanted_start '01/05/2026' is not a date of the form "
      "YYYY-MM-DD");
  absl::SetFlag(&FLAGS_wanted_start, "2026-02-30");
  ExpectError("--wanted_start '2026-02-30' is not a day of the calendar");
  absl::SetFlag(&FLAGS_wanted_start, "2026-05-01");
  absl::SetFlag(&FLAGS_deadline, "tomorrow");
  ExpectError("--deadline 'tomorrow' is neither an RFC 3339 time");
  absl::SetFlag(&FLAGS_deadline, "");
  absl::SetFlag(&FLAGS_needs, "GOING_MISSING,HOMELESS");
  ExpectError("--needs 'HOMELESS': give one of");
  absl::SetFlag(&FLAGS_needs, "");
  absl::SetFlag(&FLAGS_support_minutes, "-60");
  ExpectError("--support_minutes '-60' is not whole minutes a week");
  absl::SetFlag(&FLAGS_support_minutes, "450");
  absl::SetFlag(&FLAGS_accommodation_type, "CASTLE");
  ExpectError("--accommodation_type 'CASTLE': give one of SOLO_FLAT");
  absl::SetFlag(&FLAGS_accommodation_type, "SOLO_FLAT");
  absl::SetFlag(&FLAGS_lat, "95");
  ExpectError("--lat '95' is not a number of degrees from -90 to 90");
  absl::SetFlag(&FLAGS_lat, "53.6475");
  absl::SetFlag(&FLAGS_miles, 701);
  ExpectError("--miles must be above 0 and at most 700");
  absl::SetFlag(&FLAGS_miles, 0);
  absl::SetFlag(&FLAGS_budget_pence, "1200.00");
  ExpectError("--budget_pence '1200.00' is not a whole number of pence");
  absl::SetFlag(&FLAGS_budget_pence, "");
  absl::SetFlag(&FLAGS_age, "sixteen");
  ExpectError("--age 'sixteen' is not an age");
  absl::SetFlag(&FLAGS_age, "16");
  absl::SetFlag(&FLAGS_case_reference, std::string(65, 'X'));
  ExpectError("--case_reference must be at most 64 characters");
  absl::SetFlag(&FLAGS_case_reference, "SEF-2291");
  absl::SetFlag(&FLAGS_lot, "Lot 1");
  ExpectError("--lot 'Lot 1' is not a lot id");
  absl::SetFlag(&FLAGS_lot, "lot-1");
  absl::SetFlag(&FLAGS_framework, "nw-16plus");
  ExpectError(
      "--framework 'nw-16plus' is not a name of the form "
      "frameworks/{id}");
}

TEST_F(CreateReferralTest, NamesTheMissingFlag) {
  for (auto* flag : {&FLAGS_case_reference, &FLAGS_age, &FLAGS_support_minutes,
                     &FLAGS_accommodation_type, &FLAGS_lat, &FLAGS_lng,
                     &FLAGS_wanted_start, &FLAGS_lot, &FLAGS_framework}) {
    absl::FlagSaver saver;
    absl::SetFlag(flag, "");
    std::string name =
        absl::StrCat("--", absl::GetFlagReflectionHandle(*flag).Name());
    ExpectError(absl::StrCat(name, " is required"));
  }
}

TEST_F(CreateReferralTest, TheAuthorityDefaultsToTheTokensOrganisation) {
  absl::SetFlag(&FLAGS_authority, "");
  absl::SetFlag(&FLAGS_token, TokenFor("authorities/wirral"));
  auto request = BuildCreateReferral({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "authorities/wirral");
  absl::SetFlag(&FLAGS_token, TokenFor("providers/acme-care"));
  ExpectError(
      "--authority is required: the token acts for "
      "'providers/acme-care'");
  absl::SetFlag(&FLAGS_token, "");
  ExpectError(
      "--authority is required: the token's organisation cannot be "
      "read (no bearer token");
  absl::SetFlag(&FLAGS_authority, "sefton");
  ExpectError("--authority 'sefton' is not a name");
}

class CreateReferralFromFileTest : public ReferralCommandsTest {
 protected:
  void SetUp() override {
    ReferralCommandsTest::SetUp();
    absl::SetFlag(&FLAGS_authority, "authorities/sefton");
  }
};

TEST_F(CreateReferralFromFileTest, TheFileHoldsAReferral) {
  SetFile("referral.json", R"({
      "framework": "frameworks/nw-16plus", "lotId": "lot-1",
      "caseReference": "SEF-2291", "age": 16,
      "needs": ["GOING_MISSING", "MENTAL_HEALTH"],
      "support_minutes_per_week": 450, "accommodationType": "SOLO_FLAT",
      "homeLocation": {"latitude": 53.6475, "longitude": -3.0053},
      "wantedStartDate": {"year": 2026, "month": 5, "day": 1},
      "weights": {"quality": 70, "price": 30}})");
  auto request = BuildCreateReferral({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "authorities/sefton");
  const v1::Referral& referral = request->referral();
  EXPECT_EQ(referral.framework(), "frameworks/nw-16plus");
  EXPECT_EQ(referral.case_reference(), "SEF-2291");
  EXPECT_THAT(referral.needs(),
              ElementsAre(v1::GOING_MISSING, v1::MENTAL_HEALTH));
  EXPECT_EQ(referral.support_minutes_per_week(), 450);
  EXPECT_EQ(referral.accommodation_type(), v1::SOLO_FLAT);
  EXPECT_EQ(referral.wanted_start_date().day(), 1);
  EXPECT_EQ(referral.weights().quality(), 70);
  EXPECT_FALSE(request->request_id().empty());
}

TEST_F(CreateReferralFromFileTest, FileOrFlagsNotBoth) {
  SetFile("both.json",
          R"({"framework": "frameworks/nw-16plus", "lotId": "lot-1"})");
  absl::SetFlag(&FLAGS_age, "16");
  EXPECT_THAT(BuildCreateReferral({}).status(),
              StatusIs(kInvalid, HasSubstr("--age: give the referral with "
                                           "--file or with flags, not both")));
}

TEST_F(CreateReferralFromFileTest, BadFilesAreNamed) {
  SetFile("weights.json", R"({"framework": "frameworks/nw-16plus",
      "lotId": "lot-1", "weights": {"quality": 60, "price": 30}})");
  EXPECT_THAT(BuildCreateReferral({}).status(),
              StatusIs(kInvalid, HasSubstr("--file: weights 60/30/0 sum to "
                                           "90")));
  SetFile("need.json", R"({"framework": "frameworks/nw-16plus",
      "lotId": "lot-1", "needs": ["HOMELESS"]})");
  EXPECT_THAT(BuildCreateReferral({}).status(),
              StatusIs(kInvalid, HasSubstr("--file:")));
  SetFile("unknown.json", R"({"framework": "frameworks/nw-16plus",
      "lotId": "lot-1", "dateOfBirth": "2010-01-01"})");
  EXPECT_THAT(BuildCreateReferral({}).status(),
              StatusIs(kInvalid, HasSubstr("does not hold a Referral")));
  SetFile("nolot.json", R"({"framework": "frameworks/nw-16plus"})");
  EXPECT_THAT(BuildCreateReferral({}).status(),
              StatusIs(kInvalid, HasSubstr("--file: lotId is required")));
  absl::SetFlag(&FLAGS_file, ::testing::TempDir() + "missing.json");
  EXPECT_THAT(BuildCreateReferral({}).status(),
              StatusIs(kInvalid, HasSubstr("cannot read")));
}

// --- The other referral commands ---------------------------------------------

TEST_F(ReferralCommandsTest, NamedReadsAndWrites) {
  auto get = BuildGetReferral({kReferral});
  ASSERT_THAT(get.status(), IsOk());
  EXPECT_EQ(get->name(), kReferral);
  EXPECT_THAT(BuildGetReferral({"referrals/3"}).status(),
              StatusIs(kInvalid, HasSubstr("authorities/{id}/referrals/"
                                           "{number}")));
  absl::SetFlag(&FLAGS_request_id, "submit-1");
  auto submit = BuildSubmitReferral({kReferral});
  ASSERT_THAT(submit.status(), IsOk());
  EXPECT_EQ(submit->name(), kReferral);
  EXPECT_EQ(submit->request_id(), "submit-1");
  auto rank = BuildRankOffers({kReferral});
  ASSERT_THAT(rank.status(), IsOk());
  EXPECT_EQ(rank->name(), kReferral);
  EXPECT_THAT(BuildRankOffers({"authorities/sefton/referrals/0"}).status(),
              StatusIs(kInvalid));
}

TEST_F(ReferralCommandsTest, CancelNeedsAReason) {
  EXPECT_THAT(BuildCancelReferral({kReferral}).status(),
              StatusIs(kInvalid, HasSubstr("--reason is required")));
  absl::SetFlag(&FLAGS_reason, "Placed with family.");
  auto request = BuildCancelReferral({kReferral});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->reason(), "Placed with family.");
  EXPECT_FALSE(request->request_id().empty());
}

TEST_F(ReferralCommandsTest, ReopenWithAGreaterDistanceAndANewDeadline) {
  auto request = BuildReopenReferral({kReferral});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->max_distance_miles(), 0);  // Kept.
  EXPECT_FALSE(request->has_response_deadline());
  absl::SetFlag(&FLAGS_miles, 40);
  absl::SetFlag(&FLAGS_deadline, "2026-04-20T12:00:00Z");
  request = BuildReopenReferral({kReferral});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->max_distance_miles(), 40);
  EXPECT_EQ(request->response_deadline().seconds(), 1776686400);
  absl::SetFlag(&FLAGS_miles, -5);
  EXPECT_THAT(BuildReopenReferral({kReferral}).status(),
              StatusIs(kInvalid, HasSubstr("--miles")));
}

TEST_F(ReferralCommandsTest, AwardAnInvitationOfTheReferral) {
  EXPECT_THAT(BuildAwardReferral({kReferral}).status(),
              StatusIs(kInvalid, HasSubstr("--invitation is required")));
  absl::SetFlag(&FLAGS_invitation, kInvitation);
  auto request = BuildAwardReferral({kReferral});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->name(), kReferral);
  EXPECT_EQ(request->invitation(), kInvitation);
  EXPECT_EQ(request->reason(), "");  // The first ranked needs none.
  absl::SetFlag(&FLAGS_reason, "Nearer to school.");
  request = BuildAwardReferral({kReferral});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->reason(), "Nearer to school.");
  absl::SetFlag(&FLAGS_invitation,
                "authorities/sefton/referrals/4/invitations/acme-care");
  EXPECT_THAT(BuildAwardReferral({kReferral}).status(),
              StatusIs(kInvalid, HasSubstr("is not an invitation of "
                                           "authorities/sefton/referrals/3")));
  absl::SetFlag(&FLAGS_invitation, "acme-care");
  EXPECT_THAT(BuildAwardReferral({kReferral}).status(),
              StatusIs(kInvalid, HasSubstr("--invitation 'acme-care'")));
}

TEST_F(ReferralCommandsTest, PlaceInBlockOfTheSameAuthority) {
  absl::SetFlag(&FLAGS_block_contract, "authorities/sefton/blockContracts/2");
  absl::SetFlag(&FLAGS_setting, "providers/acme-care/settings/oak-house");
  auto request = BuildPlaceInBlock({kReferral});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->block_contract(), "authorities/sefton/blockContracts/2");
  EXPECT_EQ(request->setting(), "providers/acme-care/settings/oak-house");
  EXPECT_FALSE(request->has_start_date());  // The wanted start.
  absl::SetFlag(&FLAGS_from, "2026-05-04");
  request = BuildPlaceInBlock({kReferral});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->start_date().day(), 4);
  absl::SetFlag(&FLAGS_block_contract, "authorities/wirral/blockContracts/2");
  EXPECT_THAT(BuildPlaceInBlock({kReferral}).status(),
              StatusIs(kInvalid, HasSubstr("is not a contract of "
                                           "authorities/sefton")));
  absl::SetFlag(&FLAGS_block_contract, "authorities/sefton/blockContracts/2");
  absl::SetFlag(&FLAGS_setting, "");
  EXPECT_THAT(BuildPlaceInBlock({kReferral}).status(),
              StatusIs(kInvalid, HasSubstr("--setting is required")));
}

TEST_F(ReferralCommandsTest, ListReferralsOfYourAuthority) {
  absl::SetFlag(&FLAGS_token, TokenFor("authorities/sefton"));
  auto request = BuildListReferrals({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "authorities/sefton");
  absl::SetFlag(&FLAGS_authority, "authorities/halton");
  request = BuildListReferrals({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "authorities/halton");
}

// --- Invitations and offers --------------------------------------------------

TEST_F(ReferralCommandsTest, InvitationsOfYourProvider) {
  absl::SetFlag(&FLAGS_token, TokenFor("providers/acme-care"));
  absl::SetFlag(&FLAGS_open_only, true);
  auto list = BuildListInvitations({});
  ASSERT_THAT(list.status(), IsOk());
  EXPECT_EQ(list->parent(), "providers/acme-care");
  EXPECT_TRUE(list->open_only());
  auto watch = BuildStreamInvitations({});
  ASSERT_THAT(watch.status(), IsOk());
  EXPECT_EQ(watch->parent(), "providers/acme-care");
  absl::SetFlag(&FLAGS_token, TokenFor("authorities/sefton"));
  EXPECT_THAT(BuildListInvitations({}).status(),
              StatusIs(kInvalid, HasSubstr("--provider is required")));
  absl::SetFlag(&FLAGS_provider, "providers/bootle-house");
  list = BuildListInvitations({});
  ASSERT_THAT(list.status(), IsOk());
  EXPECT_EQ(list->parent(), "providers/bootle-house");
  auto get = BuildGetInvitation({kInvitation});
  ASSERT_THAT(get.status(), IsOk());
  EXPECT_EQ(get->name(), kInvitation);
  EXPECT_THAT(BuildGetInvitation({kReferral}).status(), StatusIs(kInvalid));
}

class MakeOfferTest : public ReferralCommandsTest {
 protected:
  void SetUp() override {
    ReferralCommandsTest::SetUp();
    absl::SetFlag(&FLAGS_invitation, kInvitation);
    absl::SetFlag(&FLAGS_setting, "providers/acme-care/settings/oak-house");
    absl::SetFlag(&FLAGS_available, "2026-05-04");
    absl::SetFlag(&FLAGS_accommodation_weekly_pence, "85000");
    absl::SetFlag(&FLAGS_support_hourly_pence, "1850");
    absl::SetFlag(&FLAGS_support_minutes, "450");
  }
};

TEST_F(MakeOfferTest, TheTermsFromFlags) {
  absl::SetFlag(&FLAGS_note, "Room with its own bathroom.");
  absl::SetFlag(&FLAGS_request_id, "offer-1");
  auto request = BuildMakeOffer({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->name(), kInvitation);
  EXPECT_EQ(request->request_id(), "offer-1");
  const v1::OfferTerms& offer = request->offer();
  EXPECT_EQ(offer.setting(), "providers/acme-care/settings/oak-house");
  EXPECT_EQ(offer.available_date().month(), 5);
  EXPECT_EQ(offer.available_date().day(), 4);
  EXPECT_EQ(offer.accommodation_weekly_pence(), 85000);
  EXPECT_EQ(offer.support_hourly_pence(), 1850);
  EXPECT_EQ(offer.support_minutes_per_week(), 450);
  EXPECT_EQ(offer.notes(), "Room with its own bathroom.");
}

TEST_F(MakeOfferTest, BadInputNamesTheFlag) {
  absl::SetFlag(&FLAGS_setting, "providers/bootle-house/settings/oak-house");
  EXPECT_THAT(BuildMakeOffer({}).status(),
              StatusIs(kInvalid, HasSubstr("--setting "
                                           "'providers/bootle-house/settings/"
                                           "oak-house' is not a setting of "
                                           "providers/acme-care")));
  absl::SetFlag(&FLAGS_setting, "providers/acme-care/settings/oak-house");
  absl::SetFlag(&FLAGS_support_hourly_pence, "18.50");
  EXPECT_THAT(BuildMakeOffer({}).status(),
              StatusIs(kInvalid, HasSubstr("--support_hourly_pence '18.50' "
                                           "is not a whole number of pence")));
  absl::SetFlag(&FLAGS_support_hourly_pence, "1850");
  absl::SetFlag(&FLAGS_support_minutes, "");
  EXPECT_THAT(BuildMakeOffer({}).status(),
              StatusIs(kInvalid, HasSubstr("--support_minutes is required")));
  absl::SetFlag(&FLAGS_support_minutes, "-1");
  EXPECT_THAT(BuildMakeOffer({}).status(),
              StatusIs(kInvalid, HasSubstr("--support_minutes '-1'")));
  absl::SetFlag(&FLAGS_support_minutes, "450");
  absl::SetFlag(&FLAGS_available, "2026-13-01");
  EXPECT_THAT(BuildMakeOffer({}).status(),
              StatusIs(kInvalid, HasSubstr("--available '2026-13-01'")));
  absl::SetFlag(&FLAGS_available, "2026-05-04");
  absl::SetFlag(&FLAGS_invitation, "");
  EXPECT_THAT(BuildMakeOffer({}).status(),
              StatusIs(kInvalid, HasSubstr("--invitation is required")));
}

TEST_F(ReferralCommandsTest, DeclineWithAReasonCode) {
  absl::SetFlag(&FLAGS_invitation, kInvitation);
  EXPECT_THAT(BuildDeclineInvitation({}).status(),
              StatusIs(kInvalid, HasSubstr("--reason is required: give one "
                                           "of NO_VACANCY, CANNOT_MEET_NEEDS, "
                                           "LOCATION, RISK, OTHER")));
  absl::SetFlag(&FLAGS_reason, "no_vacancy");
  auto request = BuildDeclineInvitation({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->name(), kInvitation);
  EXPECT_EQ(request->reason(), v1::NO_VACANCY);
  EXPECT_FALSE(request->request_id().empty());
  absl::SetFlag(&FLAGS_reason, "FULL");
  EXPECT_THAT(BuildDeclineInvitation({}).status(),
              StatusIs(kInvalid, HasSubstr("--reason 'FULL': give one of "
                                           "NO_VACANCY")));
  absl::SetFlag(&FLAGS_reason, "OTHER");
  EXPECT_THAT(BuildDeclineInvitation({}).status(),
              StatusIs(kInvalid, HasSubstr("--note is required")));
  absl::SetFlag(&FLAGS_note, "Registration pending.");
  request = BuildDeclineInvitation({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->reason(), v1::OTHER);
  EXPECT_EQ(request->note(), "Registration pending.");
}

TEST_F(ReferralCommandsTest, WithdrawOffer) {
  absl::SetFlag(&FLAGS_invitation, kInvitation);
  absl::SetFlag(&FLAGS_request_id, "withdraw-1");
  auto request = BuildWithdrawOffer({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->name(), kInvitation);
  EXPECT_EQ(request->request_id(), "withdraw-1");
}

// --- Placements --------------------------------------------------------------

TEST_F(ReferralCommandsTest, AdjustSupportHours) {
  absl::SetFlag(&FLAGS_from, "2026-06-01");
  absl::SetFlag(&FLAGS_support_minutes, "600");
  auto request = BuildAdjustSupportHours({kPlacement});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->name(), kPlacement);
  EXPECT_EQ(request->change().effective_date().month(), 6);
  EXPECT_EQ(request->change().support_minutes_per_week(), 600);
  EXPECT_FALSE(request->request_id().empty());
  absl::SetFlag(&FLAGS_support_minutes, "0");  // Support may stop.
  EXPECT_THAT(BuildAdjustSupportHours({kPlacement}).status(), IsOk());
  absl::SetFlag(&FLAGS_support_minutes, "-60");
  EXPECT_THAT(BuildAdjustSupportHours({kPlacement}).status(),
              StatusIs(kInvalid, HasSubstr("--support_minutes '-60'")));
  absl::SetFlag(&FLAGS_support_minutes, "");
  EXPECT_THAT(BuildAdjustSupportHours({kPlacement}).status(),
              StatusIs(kInvalid, HasSubstr("--support_minutes is required")));
  absl::SetFlag(&FLAGS_support_minutes, "600");
  absl::SetFlag(&FLAGS_from, "");
  EXPECT_THAT(BuildAdjustSupportHours({kPlacement}).status(),
              StatusIs(kInvalid, HasSubstr("--from is required")));
  EXPECT_THAT(BuildAdjustSupportHours({kReferral}).status(),
              StatusIs(kInvalid, HasSubstr("placements/{number}")));
}

TEST_F(ReferralCommandsTest, EndPlacementWithAnEndReason) {
  absl::SetFlag(&FLAGS_date, "2027-03-31");
  absl::SetFlag(&FLAGS_reason, "moved_to_independence");
  auto request = BuildEndPlacement({kPlacement});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->end_date().year(), 2027);
  EXPECT_EQ(request->reason(), v1::MOVED_TO_INDEPENDENCE);
  absl::SetFlag(&FLAGS_reason, "NO_VACANCY");  // A decline's, not an end's.
  EXPECT_THAT(BuildEndPlacement({kPlacement}).status(),
              StatusIs(kInvalid, HasSubstr("--reason 'NO_VACANCY': give one "
                                           "of MOVED_TO_INDEPENDENCE")));
  absl::SetFlag(&FLAGS_reason, "AGE_OUT");
  absl::SetFlag(&FLAGS_date, "");
  EXPECT_THAT(BuildEndPlacement({kPlacement}).status(),
              StatusIs(kInvalid, HasSubstr("--date is required")));
}

TEST_F(ReferralCommandsTest, PeriodsRunFromToTo) {
  absl::SetFlag(&FLAGS_from, "2026-05-01");
  absl::SetFlag(&FLAGS_to, "2026-05-31");
  auto cost = BuildGetPlacementCost({kPlacement});
  ASSERT_THAT(cost.status(), IsOk());
  EXPECT_EQ(cost->first_day().day(), 1);
  EXPECT_EQ(cost->last_day().day(), 31);
  auto occupancy =
      BuildGetBlockOccupancy({"authorities/sefton/blockContracts/2"});
  ASSERT_THAT(occupancy.status(), IsOk());
  EXPECT_EQ(occupancy->name(), "authorities/sefton/blockContracts/2");
  absl::SetFlag(&FLAGS_to, "2026-04-30");
  EXPECT_THAT(BuildGetPlacementCost({kPlacement}).status(),
              StatusIs(kInvalid, HasSubstr("--to must not be before --from")));
  absl::SetFlag(&FLAGS_to, "");
  EXPECT_THAT(
      BuildGetBlockOccupancy({"authorities/sefton/blockContracts/2"}).status(),
      StatusIs(kInvalid, HasSubstr("--to is required")));
}

TEST_F(ReferralCommandsTest, ListPlacementsOfAnAuthorityOrAProvider) {
  absl::SetFlag(&FLAGS_token, TokenFor("providers/acme-care"));
  auto request = BuildListPlacements({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "providers/acme-care");
  EXPECT_FALSE(request->active_only());
  absl::SetFlag(&FLAGS_authority, "authorities/sefton");
  absl::SetFlag(&FLAGS_active, true);
  request = BuildListPlacements({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "authorities/sefton");
  EXPECT_TRUE(request->active_only());
  absl::SetFlag(&FLAGS_provider, "providers/acme-care");
  EXPECT_THAT(BuildListPlacements({}).status(),
              StatusIs(kInvalid, HasSubstr("not both")));
  absl::SetFlag(&FLAGS_authority, "");
  absl::SetFlag(&FLAGS_provider, "");
  absl::SetFlag(&FLAGS_token, TokenFor("hub"));
  EXPECT_THAT(BuildListPlacements({}).status(),
              StatusIs(kInvalid, HasSubstr("--authority or --provider is "
                                           "required")));
}

// --- Block contracts and figures ---------------------------------------------

TEST_F(ReferralCommandsTest, CreateBlockContract) {
  absl::SetFlag(&FLAGS_authority, "authorities/sefton");
  absl::SetFlag(&FLAGS_provider, "providers/acme-care");
  absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
  absl::SetFlag(&FLAGS_lot, "lot-1");
  absl::SetFlag(&FLAGS_settings,
                "providers/acme-care/settings/oak,providers/acme-care/"
                "settings/elm");
  absl::SetFlag(&FLAGS_places, 4);
  absl::SetFlag(&FLAGS_from, "2026-04-01");
  absl::SetFlag(&FLAGS_to, "2027-03-31");
  absl::SetFlag(&FLAGS_weekly_pence_per_place, "95000");
  absl::SetFlag(&FLAGS_support_hourly_pence, "1800");
  auto request = BuildCreateBlockContract({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "authorities/sefton");
  const v1::BlockContract& contract = request->block_contract();
  EXPECT_EQ(contract.provider(), "providers/acme-care");
  EXPECT_EQ(contract.framework(), "frameworks/nw-16plus");
  EXPECT_EQ(contract.lot_id(), "lot-1");
  EXPECT_THAT(contract.settings(),
              ElementsAre("providers/acme-care/settings/oak",
                          "providers/acme-care/settings/elm"));
  EXPECT_EQ(contract.places(), 4);
  EXPECT_EQ(contract.start_date().year(), 2026);
  EXPECT_EQ(contract.end_date().year(), 2027);
  EXPECT_EQ(contract.weekly_pence_per_place(), 95000);
  EXPECT_EQ(contract.support_hourly_pence(), 1800);
  EXPECT_FALSE(request->request_id().empty());
  absl::SetFlag(&FLAGS_places, 0);
  EXPECT_THAT(BuildCreateBlockContract({}).status(),
              StatusIs(kInvalid, HasSubstr("--places is required")));
  absl::SetFlag(&FLAGS_places, 4);
  absl::SetFlag(&FLAGS_weekly_pence_per_place, "");
  EXPECT_THAT(
      BuildCreateBlockContract({}).status(),
      StatusIs(kInvalid, HasSubstr("--weekly_pence_per_place is required")));
}

TEST_F(ReferralCommandsTest, FiguresOfTheConsortiumOrOneAuthority) {
  absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
  absl::SetFlag(&FLAGS_from, "2026-04-01");
  absl::SetFlag(&FLAGS_to, "2027-03-31");
  absl::SetFlag(&FLAGS_token, TokenFor("authorities/sefton"));
  auto figures = BuildGetFigures({});
  ASSERT_THAT(figures.status(), IsOk());
  EXPECT_EQ(figures->framework(), "frameworks/nw-16plus");
  EXPECT_EQ(figures->authority(), "");  // Not the token's: the consortium.
  EXPECT_EQ(figures->first_day().month(), 4);
  EXPECT_EQ(figures->last_day().month(), 3);
  absl::SetFlag(&FLAGS_authority, "authorities/sefton");
  figures = BuildGetFigures({});
  ASSERT_THAT(figures.status(), IsOk());
  EXPECT_EQ(figures->authority(), "authorities/sefton");
  auto counts = BuildCountPlacements({});
  ASSERT_THAT(counts.status(), IsOk());
  EXPECT_EQ(counts->framework(), "frameworks/nw-16plus");
  absl::SetFlag(&FLAGS_framework, "");
  EXPECT_THAT(BuildCountPlacements({}).status(),
              StatusIs(kInvalid, HasSubstr("--framework is required")));
}

// --- The ranking table -------------------------------------------------------

TEST(PoundsTest, PenceAsPoundsWithSeparators) {
  EXPECT_EQ(Pounds(0), "£0.00");
  EXPECT_EQ(Pounds(5), "£0.05");
  EXPECT_EQ(Pounds(123456), "£1,234.56");
  EXPECT_EQ(Pounds(100000000), "£1,000,000.00");
  EXPECT_EQ(Pounds(-250), "-£2.50");
}

TEST(RankingTableTest, OneLinePerOfferBestFirst) {
  v1::RankOffersResponse ranking;
  v1::RankedOffer& first = *ranking.add_offers();
  first.set_rank(1);
  first.set_invitation(kInvitation);
  first.set_weekly_pence(99250);
  first.set_distance_miles(12.34);
  first.set_quality_component(0.78);
  first.set_price_component(1);
  first.set_distance_component(0.62);
  first.set_score(81.3);
  first.set_within_budget(true);
  first.mutable_offer()->mutable_available_date()->set_year(2026);
  first.mutable_offer()->mutable_available_date()->set_month(5);
  first.mutable_offer()->mutable_available_date()->set_day(4);
  v1::RankedOffer& second = *ranking.add_offers();
  second.set_rank(2);
  second.set_invitation("authorities/sefton/referrals/3/invitations/bootle");
  second.set_weekly_pence(150000);
  second.set_score(70);
  second.set_within_budget(false);
  second.set_spot_price(true);
  std::string table = RankingTable(ranking);
  EXPECT_EQ(table,
            "RANK  SCORE  WEEKLY      QUALITY  PRICE  DISTANCE  MILES  "
            "AVAILABLE   NOTE\n"
            "   1   81.3  £992.50        0.78   1.00      0.62   12.3  "
            "2026-05-04\n"
            "      authorities/sefton/referrals/3/invitations/acme-care\n"
            "   2   70.0  £1,500.00      0.00   0.00      0.00    0.0  "
            "(not set)   over budget, spot price\n"
            "      authorities/sefton/referrals/3/invitations/bootle\n"
            "Award an offer other than rank 1 with a --reason.\n");
  EXPECT_EQ(RankingTable(v1::RankOffersResponse()), "No offers to rank.\n");
}

// --- The command table -------------------------------------------------------

TEST_F(ReferralCommandsTest, EveryCommandIsInTheTable) {
  CommandTable table("");
  table.Add(ReferralCommands());
  table.Add(FinanceCommands());
  std::string usage = table.Usage();
  for (const char* line : {"fhub referrals create",
                           "fhub referrals get",
                           "fhub referrals list",
                           "fhub referrals submit",
                           "fhub referrals cancel",
                           "fhub referrals reopen",
                           "fhub referrals rank",
                           "fhub referrals award",
                           "fhub referrals place-in-block",
                           "fhub invitations list",
                           "fhub invitations get",
                           "fhub invitations watch",
                           "fhub offer --invitation",
                           "fhub decline --invitation",
                           "fhub withdraw-offer --invitation",
                           "fhub placements get",
                           "fhub placements list",
                           "fhub placements adjust-hours",
                           "fhub placements end",
                           "fhub placements cost",
                           "fhub finance lines",
                           "fhub referrals import",
                           "fhub block-contracts create",
                           "fhub block-contracts list",
                           "fhub block-contracts occupancy",
                           "fhub figures --framework",
                           "fhub placement-counts --framework"}) {
    EXPECT_NE(usage.find(line), std::string::npos) << line;
  }
  EXPECT_EQ(table.Usage("placements").find("referrals create"),
            std::string::npos);
}

// Bad input is a usage error naming the flag, before any call: the
// referrals address points nowhere and no token is given.
TEST_F(ReferralCommandsTest, BadInputIsAUsageErrorBeforeAnyCall) {
  absl::SetFlag(&FLAGS_referrals_addr, "127.0.0.1:1");
  absl::SetFlag(&FLAGS_token, "");
  CommandTable table("");
  table.Add(ReferralCommands());
  absl::SetFlag(&FLAGS_invitation, kInvitation);
  absl::SetFlag(&FLAGS_reason, "BUSY");
  ::testing::internal::CaptureStderr();
  int status = table.Run({"decline"});
  std::string stderr_text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, kExitUsage);
  EXPECT_THAT(stderr_text, HasSubstr("error: --reason 'BUSY': give one of "
                                     "NO_VACANCY"));
  EXPECT_THAT(stderr_text, HasSubstr("usage: fhub decline --invitation"));

  ::testing::internal::CaptureStderr();
  status = table.Run({"referrals", "rank"});
  stderr_text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, kExitUsage);
  EXPECT_THAT(stderr_text, HasSubstr("takes 1 argument, got 0"));
}

// Good input gets as far as the session, which wants a token: still before
// any call.
TEST_F(ReferralCommandsTest, GoodInputNeedsAToken) {
  absl::SetFlag(&FLAGS_referrals_addr, "127.0.0.1:1");
  absl::SetFlag(&FLAGS_token, "");
  CommandTable table("");
  table.Add(ReferralCommands());
  for (const std::vector<std::string>& words :
       {std::vector<std::string>{"referrals", "get", kReferral},
        std::vector<std::string>{"invitations", "get", kInvitation}}) {
    ::testing::internal::CaptureStderr();
    int status = table.Run(words);
    std::string stderr_text = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(status, kExitUsage);
    EXPECT_THAT(stderr_text, HasSubstr("no bearer token"));
  }
}

}  // namespace
}  // namespace fhub::cli
