// The rules of contract holding, without I/O.

#include "services/frameworks/domain/rules.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::frameworks {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

Framework NorthWest() {
  Framework f;
  f.id = "nw-16plus";
  f.title = "North West 16+";
  f.lead_authority_id = "tameside";
  f.lots = {{"lot-1", "Group living", ServiceType::kSemiIndependentGroupLiving,
             true, OfstedGrade::kAny}};
  f.term.start = absl::CivilDay(2025, 4, 1);
  f.term.initial_end = absl::CivilDay(2027, 3, 31);
  f.term.extension_months = {12, 12};
  f.term.maximum_end = absl::CivilDay(2029, 3, 31);
  f.admission = {AdmissionKind::kPeriodic, 4, 28, absl::CivilDay(2025, 4, 1)};
  f.ages = {16, 25};
  f.ballot = {75, 50, false};
  return f;
}

TEST(AddMonthsTest, ClampsToTheEndOfShortMonths) {
  EXPECT_EQ(AddMonths(absl::CivilDay(2027, 3, 31), 12),
            absl::CivilDay(2028, 3, 31));
  EXPECT_EQ(AddMonths(absl::CivilDay(2026, 1, 31), 1),
            absl::CivilDay(2026, 2, 28));
  EXPECT_EQ(AddMonths(absl::CivilDay(2028, 1, 31), 1),
            absl::CivilDay(2028, 2, 29));
  EXPECT_EQ(AddMonths(absl::CivilDay(2026, 11, 30), 3),
            absl::CivilDay(2027, 2, 28));
  EXPECT_EQ(AddMonths(absl::CivilDay(2026, 5, 15), -4),
            absl::CivilDay(2026, 1, 15));
}

TEST(PrepareNewFrameworkTest, WorksOutTheTermAndStartsAsDraft) {
  Framework f = NorthWest();
  f.status = FrameworkStatus::kActive;
  auto prepared = PrepareNewFramework(f, false);
  ASSERT_THAT(prepared, IsOk());
  EXPECT_EQ(prepared->status, FrameworkStatus::kDraft);
  EXPECT_EQ(prepared->term.current_end, absl::CivilDay(2027, 3, 31));
  EXPECT_EQ(prepared->term.maximum_end, absl::CivilDay(2029, 3, 31));
}

TEST(PrepareNewFrameworkTest, KeepsAGivenMaximumEnd) {
  Framework f = NorthWest();
  f.term.maximum_end = absl::CivilDay(2028, 3, 31);
  auto prepared = PrepareNewFramework(f, true);
  ASSERT_THAT(prepared, IsOk());
  EXPECT_EQ(prepared->term.maximum_end, absl::CivilDay(2028, 3, 31));
}

TEST(PrepareNewFrameworkTest, ContinuousAdmissionNeedsNoWindow) {
  Framework f = NorthWest();
  f.admission = {AdmissionKind::kContinuous, 0, 0, {}};
  EXPECT_THAT(PrepareNewFramework(f, false), IsOk());
}

TEST(PrepareNewFrameworkTest, UnanimousBallotsNeedNoThreshold) {
  Framework f = NorthWest();
  f.ballot = {100, 0, true};
  EXPECT_THAT(PrepareNewFramework(f, false), IsOk());
  f.ballot.unanimous = false;
  EXPECT_THAT(PrepareNewFramework(f, false),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("pass_threshold_percent")));
}

struct BadFramework {
  const char* field;
  void (*mutate)(Framework&);
  friend void PrintTo(const BadFramework& bad, std::ostream* os) {
    *os << bad.field;
  }
};

class PrepareNewFrameworkRefusesTest
    : public ::testing::TestWithParam<BadFramework> {};

TEST_P(PrepareNewFrameworkRefusesTest, NamingTheField) {
  Framework f = NorthWest();
  GetParam().mutate(f);
  EXPECT_THAT(PrepareNewFramework(f, true),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(GetParam().field)));
}

INSTANTIATE_TEST_SUITE_P(
    Fields, PrepareNewFrameworkRefusesTest,
    ::testing::Values(
        BadFramework{"framework_id", [](Framework& f) { f.id = "x"; }},
        BadFramework{"framework_id", [](Framework& f) { f.id = "nw-"; }},
        BadFramework{"framework.title", [](Framework& f) { f.title = ""; }},
        BadFramework{"framework.title",
                     [](Framework& f) { f.title = std::string(201, 'a'); }},
        BadFramework{"framework.title",
                     [](Framework& f) { f.title = "bad\x01title"; }},
        BadFramework{"framework.lots", [](Framework& f) { f.lots.clear(); }},
        BadFramework{"framework.lots",
                     [](Framework& f) { f.lots.resize(21, f.lots[0]); }},
        BadFramework{"framework.lots[1].lot_id",
                     [](Framework& f) { f.lots.push_back(f.lots[0]); }},
        BadFramework{"framework.lots[0].title",
                     [](Framework& f) { f.lots[0].title = ""; }},
        BadFramework{"framework.term.initial_end_date",
                     [](Framework& f) { f.term.initial_end = f.term.start; }},
        BadFramework{"framework.term.extension_options[1].months",
                     [](Framework& f) { f.term.extension_months[1] = 61; }},
        BadFramework{
            "framework.term.extension_options",
            [](Framework& f) { f.term.extension_months.assign(11, 12); }},
        BadFramework{
            "framework.term.maximum_end_date",
            [](Framework& f) { f.term.maximum_end = f.term.initial_end - 1; }},
        BadFramework{"framework.admission_policy.interval_months",
                     [](Framework& f) { f.admission.interval_months = 0; }},
        BadFramework{"framework.admission_policy.window_days",
                     [](Framework& f) { f.admission.window_days = 0; }},
        BadFramework{"framework.admission_policy.window_days",
                     [](Framework& f) { f.admission.window_days = 124; }},
        BadFramework{"framework.age_range.minimum_age",
                     [](Framework& f) { f.ages.minimum = -1; }},
        BadFramework{"framework.age_range.maximum_age",
                     [](Framework& f) { f.ages.maximum = 26; }},
        BadFramework{"framework.ballot_rules.quorum_percent",
                     [](Framework& f) { f.ballot.quorum_percent = 101; }}));

TEST(CheckActivationTest, OnlyFromDraft) {
  Framework f = NorthWest();
  EXPECT_THAT(CheckActivation(f), IsOk());
  for (FrameworkStatus status :
       {FrameworkStatus::kActive, FrameworkStatus::kExpired,
        FrameworkStatus::kTerminated}) {
    f.status = status;
    EXPECT_THAT(CheckActivation(f),
                StatusIs(absl::StatusCode::kFailedPrecondition));
  }
}

TEST(ValidateStrategicLeadTest, NeedsANameAndAnAddress) {
  EXPECT_THAT(ValidateStrategicLead({"A Director", "dcs@sefton.gov.uk", ""}),
              IsOk());
  EXPECT_THAT(ValidateStrategicLead({"", "dcs@sefton.gov.uk", ""}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("strategic_lead.full_name")));
  for (const char* email :
       {"", "dcs", "@sefton.gov.uk", "dcs@", "a@b@c", "dcs @sefton.gov.uk"}) {
    EXPECT_THAT(ValidateStrategicLead({"A Director", email, ""}),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("strategic_lead.email")))
        << email;
  }
}

class MembershipRulesTest : public ::testing::Test {
 protected:
  MembershipRulesTest() {
    framework_ = *PrepareNewFramework(NorthWest(), false);
    framework_.status = FrameworkStatus::kActive;
  }
  Membership Sefton(std::optional<absl::CivilDay> ceased = std::nullopt) {
    return {"nw-16plus",
            "sefton",
            {"A Director", "dcs@sefton.gov.uk", ""},
            absl::CivilDay(2025, 4, 1),
            ceased,
            ""};
  }
  Framework framework_;
  const absl::CivilDay today_{2026, 11, 22};
};

TEST_F(MembershipRulesTest, ANewMemberJoinsWithinTheTerm) {
  EXPECT_THAT(CheckAddMember(framework_, std::nullopt, today_, today_), IsOk());
  EXPECT_THAT(
      CheckAddMember(framework_, std::nullopt, absl::CivilDay(2025, 3, 31),
                     today_),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("joined_date")));
  EXPECT_THAT(CheckAddMember(framework_, std::nullopt,
                             absl::CivilDay(2027, 4, 1), today_),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(MembershipRulesTest, ACurrentMemberCannotBeAddedAgain) {
  EXPECT_THAT(CheckAddMember(framework_, Sefton(), today_, today_),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // Ceasing in the future still counts as current.
  EXPECT_THAT(CheckAddMember(framework_, Sefton(absl::CivilDay(2027, 1, 1)),
                             today_, today_),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // A former member may be added again from its cease date on.
  EXPECT_THAT(CheckAddMember(framework_, Sefton(absl::CivilDay(2026, 6, 1)),
                             today_, today_),
              IsOk());
  EXPECT_THAT(CheckAddMember(framework_, Sefton(absl::CivilDay(2026, 6, 1)),
                             absl::CivilDay(2026, 5, 1), today_),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(MembershipRulesTest, NoNewMembersOnceAFrameworkHasEnded) {
  for (FrameworkStatus status :
       {FrameworkStatus::kExpired, FrameworkStatus::kTerminated}) {
    framework_.status = status;
    EXPECT_THAT(CheckAddMember(framework_, std::nullopt, today_, today_),
                StatusIs(absl::StatusCode::kFailedPrecondition));
  }
}

TEST_F(MembershipRulesTest, CeasingHappensOnceAndNotBeforeJoining) {
  EXPECT_THAT(CheckCease(Sefton(), today_), IsOk());
  EXPECT_THAT(CheckCease(Sefton(), absl::CivilDay(2025, 4, 1)), IsOk());
  EXPECT_THAT(
      CheckCease(Sefton(), absl::CivilDay(2025, 3, 31)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ceased_date")));
  EXPECT_THAT(CheckCease(Sefton(today_), today_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already ceased")));
}

TEST_F(MembershipRulesTest, AMembershipIsActiveFromJoiningUntilItCeases) {
  const Membership m = Sefton(absl::CivilDay(2026, 12, 1));
  EXPECT_FALSE(m.ActiveOn(absl::CivilDay(2025, 3, 31)));
  EXPECT_TRUE(m.ActiveOn(absl::CivilDay(2025, 4, 1)));
  EXPECT_TRUE(m.ActiveOn(absl::CivilDay(2026, 11, 30)));
  EXPECT_FALSE(m.ActiveOn(absl::CivilDay(2026, 12, 1)));
  EXPECT_TRUE(Sefton().ActiveOn(absl::CivilDay(2040, 1, 1)));
}

}  // namespace
}  // namespace fhub::frameworks
