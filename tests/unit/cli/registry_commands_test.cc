#include "tools/fhub/registry_commands.h"

#include <fstream>
#include <string>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/fhub/command.h"
#include "tools/fhub/registry_requests.h"
#include "tools/fhub/session.h"

ABSL_DECLARE_FLAG(std::string, file);
ABSL_DECLARE_FLAG(std::string, provider);
ABSL_DECLARE_FLAG(std::string, framework);
ABSL_DECLARE_FLAG(std::string, lots);
ABSL_DECLARE_FLAG(std::string, lot);
ABSL_DECLARE_FLAG(std::string, scope);
ABSL_DECLARE_FLAG(std::string, reason);
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(int, places);
ABSL_DECLARE_FLAG(std::string, authority);
ABSL_DECLARE_FLAG(std::string, lat);
ABSL_DECLARE_FLAG(std::string, lng);
ABSL_DECLARE_FLAG(double, miles);
ABSL_DECLARE_FLAG(std::string, by);
ABSL_DECLARE_FLAG(std::string, request_id);
ABSL_DECLARE_FLAG(std::string, registry_addr);
ABSL_DECLARE_FLAG(std::string, token);

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::registry::v1;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

class RegistryCommandsTest : public ::testing::Test {
 protected:
  // A file under the test's temporary directory, set as --file.
  void SetFile(const std::string& name, const std::string& contents) {
    std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << contents;
    absl::SetFlag(&FLAGS_file, path);
  }

  absl::FlagSaver flags_;
};

// --- applications create ---------------------------------------------------

TEST_F(RegistryCommandsTest, CreateApplicationFromAListOfAnswers) {
  absl::SetFlag(&FLAGS_provider, "providers/acme-care");
  absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
  absl::SetFlag(&FLAGS_lots, "lot-1,lot-2");
  absl::SetFlag(&FLAGS_request_id, "req-1");
  SetFile("answers.json",
          R"([{"criterionId": "safeguarding", "text": "We train..."},
              {"criterionId": "staffing", "text": "Ratios..."}])");
  auto request = BuildCreateApplication({});
  ASSERT_THAT(request.status(), IsOk());
  const v1::Application& application = request->application();
  EXPECT_EQ(application.provider(), "providers/acme-care");
  EXPECT_EQ(application.framework(), "frameworks/nw-16plus");
  EXPECT_THAT(application.lot_ids(), ElementsAre("lot-1", "lot-2"));
  ASSERT_EQ(application.answers_size(), 2);
  EXPECT_EQ(application.answers(1).criterion_id(), "staffing");
  EXPECT_EQ(application.answers(1).text(), "Ratios...");
  EXPECT_EQ(request->request_id(), "req-1");
}

TEST_F(RegistryCommandsTest, CreateApplicationFromAnApplication) {
  SetFile("application.json",
          R"({"provider": "providers/acme-care",
              "framework": "frameworks/nw-16plus", "lotIds": ["lot-3"],
              "answers": [{"criterionId": "safeguarding", "text": "..."}]})");
  auto request = BuildCreateApplication({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->application().provider(), "providers/acme-care");
  EXPECT_THAT(request->application().lot_ids(), ElementsAre("lot-3"));
  EXPECT_FALSE(request->request_id().empty());  // A fresh UUID.
}

TEST_F(RegistryCommandsTest, CreateApplicationFileMayNotContradictFlags) {
  absl::SetFlag(&FLAGS_provider, "providers/other");
  SetFile("contradicting.json",
          R"({"provider": "providers/acme-care",
              "framework": "frameworks/nw-16plus", "lotIds": ["lot-3"],
              "answers": [{"criterionId": "safeguarding", "text": "..."}]})");
  EXPECT_THAT(BuildCreateApplication({}).status(),
              StatusIs(kInvalid, HasSubstr("providers/acme-care")));
}

TEST_F(RegistryCommandsTest, CreateApplicationNamesTheMissingFlag) {
  absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
  absl::SetFlag(&FLAGS_lots, "lot-1");
  SetFile("answers_only.json", R"([{"criterionId": "a", "text": "b"}])");
  EXPECT_THAT(BuildCreateApplication({}).status(),
              StatusIs(kInvalid, HasSubstr("--provider is required")));
  absl::SetFlag(&FLAGS_provider, "providers/acme-care");
  absl::SetFlag(&FLAGS_file, "");
  EXPECT_THAT(BuildCreateApplication({}).status(),
              StatusIs(kInvalid, HasSubstr("--file is required")));
}

TEST_F(RegistryCommandsTest, CreateApplicationChecksNameFlags) {
  absl::SetFlag(&FLAGS_provider, "acme-care");
  EXPECT_THAT(BuildCreateApplication({}).status(),
              StatusIs(kInvalid, HasSubstr("--provider 'acme-care'")));
}

// --- applications score ----------------------------------------------------

TEST_F(RegistryCommandsTest, ScoresFromAList) {
  SetFile("scores.json",
          R"([{"criterionId": "safeguarding", "score": 4, "comment": "ok"},
              {"criterionId": "staffing", "score": 3}])");
  auto request = BuildSubmitEvaluation({"applications/12"});
  ASSERT_THAT(request.status(), IsOk());
  const v1::Evaluation& evaluation = request->evaluation();
  EXPECT_EQ(evaluation.application(), "applications/12");
  ASSERT_EQ(evaluation.scores_size(), 2);
  EXPECT_EQ(evaluation.scores(0).score(), 4);
  EXPECT_EQ(evaluation.scores(0).comment(), "ok");
  EXPECT_EQ(evaluation.scores(1).criterion_id(), "staffing");
}

TEST_F(RegistryCommandsTest, ScoresMustBeWholeNumbers) {
  SetFile("fractional.json", R"([{"criterionId": "a", "score": 3.5}])");
  EXPECT_THAT(BuildSubmitEvaluation({"applications/12"}).status(),
              StatusIs(kInvalid, HasSubstr("--file")));
}

TEST_F(RegistryCommandsTest, ScoresOfAnotherApplicationAreRefused) {
  SetFile("evaluation.json",
          R"({"application": "applications/3",
              "scores": [{"criterionId": "a", "score": 1}]})");
  EXPECT_THAT(BuildSubmitEvaluation({"applications/12"}).status(),
              StatusIs(kInvalid, HasSubstr("applications/3")));
}

TEST_F(RegistryCommandsTest, EmptyScoresAreRefused) {
  SetFile("no_scores.json", "[]");
  EXPECT_THAT(BuildSubmitEvaluation({"applications/12"}).status(),
              StatusIs(kInvalid, HasSubstr("no scores")));
}

// --- suspensions create ----------------------------------------------------

class SuspendTest : public RegistryCommandsTest {
 protected:
  void SetUp() override {
    absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
    absl::SetFlag(&FLAGS_scope, "member_only");
    absl::SetFlag(&FLAGS_reason, "Missed two safeguarding reviews");
  }
};

TEST_F(SuspendTest, PlanWithDatesInEitherForm) {
  SetFile("plan.json",
          R"([{"description": "Train staff", "dueDate": "2027-03-31"},
              {"description": "Audit", "dueDate":
                {"year": 2027, "month": 4, "day": 30}}])");
  auto request = BuildSuspendProvider({"providers/acme-care"});
  ASSERT_THAT(request.status(), IsOk());
  const v1::Suspension& suspension = request->suspension();
  EXPECT_EQ(suspension.provider(), "providers/acme-care");
  EXPECT_EQ(suspension.framework(), "frameworks/nw-16plus");
  EXPECT_EQ(suspension.scope(), v1::MEMBER_ONLY);
  EXPECT_EQ(suspension.reason(), "Missed two safeguarding reviews");
  ASSERT_EQ(suspension.action_plan_size(), 2);
  EXPECT_EQ(suspension.action_plan(0).description(), "Train staff");
  EXPECT_EQ(suspension.action_plan(0).due_date().year(), 2027);
  EXPECT_EQ(suspension.action_plan(0).due_date().month(), 3);
  EXPECT_EQ(suspension.action_plan(0).due_date().day(), 31);
  EXPECT_EQ(suspension.action_plan(1).due_date().month(), 4);
}

TEST_F(SuspendTest, PlanAsASuspension) {
  SetFile("suspension.json",
          R"({"actionPlan": [{"description": "Train staff",
                              "due_date": "2027-03-31"}]})");
  auto request = BuildSuspendProvider({"providers/acme-care"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->suspension().action_plan(0).due_date().day(), 31);
}

TEST_F(SuspendTest, BadDueDateIsAUsageError) {
  SetFile("bad_date.json",
          R"([{"description": "Train staff", "dueDate": "2027-02-30"}])");
  EXPECT_THAT(BuildSuspendProvider({"providers/acme-care"}).status(),
              StatusIs(kInvalid, HasSubstr("dueDate '2027-02-30'")));
}

TEST_F(SuspendTest, ItemWithoutDueDateIsRefused) {
  SetFile("no_date.json", R"([{"description": "Train staff"}])");
  EXPECT_THAT(BuildSuspendProvider({"providers/acme-care"}).status(),
              StatusIs(kInvalid, HasSubstr("item 1")));
}

TEST_F(SuspendTest, ScopeIsRequired) {
  absl::SetFlag(&FLAGS_scope, "");
  SetFile("plan2.json", R"([{"description": "x", "dueDate": "2027-03-31"}])");
  EXPECT_THAT(BuildSuspendProvider({"providers/acme-care"}).status(),
              StatusIs(kInvalid, HasSubstr("--scope is required")));
}

TEST_F(SuspendTest, ReasonIsRequired) {
  absl::SetFlag(&FLAGS_reason, "");
  EXPECT_THAT(BuildSuspendProvider({"providers/acme-care"}).status(),
              StatusIs(kInvalid, HasSubstr("--reason")));
}

// --- vacancies, accreditations, eligibility ---------------------------------

TEST_F(RegistryCommandsTest, RecordVacancy) {
  absl::SetFlag(&FLAGS_places, 2);
  absl::SetFlag(&FLAGS_from, "2026-09-01");
  auto request = BuildRecordVacancy({"providers/acme-care/settings/oak-house"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->parent(), "providers/acme-care/settings/oak-house");
  EXPECT_EQ(request->vacancy().places(), 2);
  EXPECT_EQ(request->vacancy().available_from().month(), 9);
}

TEST_F(RegistryCommandsTest, RecordVacancyNamesMissingFlags) {
  EXPECT_THAT(
      BuildRecordVacancy({"providers/acme-care/settings/oak-house"}).status(),
      StatusIs(kInvalid, HasSubstr("--places is required")));
  absl::SetFlag(&FLAGS_places, 2);
  EXPECT_THAT(
      BuildRecordVacancy({"providers/acme-care/settings/oak-house"}).status(),
      StatusIs(kInvalid, HasSubstr("--from is required")));
  absl::SetFlag(&FLAGS_from, "1/9/2026");
  EXPECT_THAT(
      BuildRecordVacancy({"providers/acme-care/settings/oak-house"}).status(),
      StatusIs(kInvalid, HasSubstr("--from '1/9/2026'")));
}

TEST_F(RegistryCommandsTest, AccreditationsOfOneOrTheOther) {
  EXPECT_THAT(BuildListAccreditations({}).status(),
              StatusIs(kInvalid, HasSubstr("--provider or --framework")));
  absl::SetFlag(&FLAGS_provider, "providers/acme-care");
  absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
  EXPECT_THAT(BuildListAccreditations({}).status(),
              StatusIs(kInvalid, HasSubstr("not both")));
  absl::SetFlag(&FLAGS_framework, "");
  absl::SetFlag(&FLAGS_lot, "lot-1");
  EXPECT_THAT(BuildListAccreditations({}).status(),
              StatusIs(kInvalid, HasSubstr("--lot needs --framework")));
  absl::SetFlag(&FLAGS_provider, "");
  absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
  auto request = BuildListAccreditations({});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->framework(), "frameworks/nw-16plus");
  EXPECT_EQ(request->lot_id(), "lot-1");
}

class EligibleTest : public RegistryCommandsTest {
 protected:
  void SetUp() override {
    absl::SetFlag(&FLAGS_lot, "lot-1");
    absl::SetFlag(&FLAGS_authority, "authorities/sefton");
    absl::SetFlag(&FLAGS_lat, "53.6475");
    absl::SetFlag(&FLAGS_lng, "-3.0053");
  }
};

TEST_F(EligibleTest, BuildsTheSearch) {
  absl::SetFlag(&FLAGS_miles, 15);
  absl::SetFlag(&FLAGS_by, "2026-10-01");
  auto request = BuildSearchEligible({"frameworks/nw-16plus"});
  ASSERT_THAT(request.status(), IsOk());
  EXPECT_EQ(request->framework(), "frameworks/nw-16plus");
  EXPECT_EQ(request->lot_id(), "lot-1");
  EXPECT_EQ(request->authority(), "authorities/sefton");
  EXPECT_DOUBLE_EQ(request->latitude(), 53.6475);
  EXPECT_DOUBLE_EQ(request->longitude(), -3.0053);
  EXPECT_DOUBLE_EQ(request->max_distance_miles(), 15);
  EXPECT_EQ(request->wanted_by().day(), 1);
}

TEST_F(EligibleTest, ZeroLatitudeIsGivenNotMissing) {
  absl::SetFlag(&FLAGS_lat, "0");
  EXPECT_THAT(BuildSearchEligible({"frameworks/nw-16plus"}).status(), IsOk());
}

TEST_F(EligibleTest, NamesTheBadFlag) {
  absl::SetFlag(&FLAGS_lng, "");
  EXPECT_THAT(BuildSearchEligible({"frameworks/nw-16plus"}).status(),
              StatusIs(kInvalid, HasSubstr("--lng is required")));
  absl::SetFlag(&FLAGS_lng, "-200");
  EXPECT_THAT(BuildSearchEligible({"frameworks/nw-16plus"}).status(),
              StatusIs(kInvalid, HasSubstr("--lng '-200'")));
  absl::SetFlag(&FLAGS_lng, "1");
  absl::SetFlag(&FLAGS_miles, 701);
  EXPECT_THAT(BuildSearchEligible({"frameworks/nw-16plus"}).status(),
              StatusIs(kInvalid, HasSubstr("--miles")));
  absl::SetFlag(&FLAGS_miles, 0);
  absl::SetFlag(&FLAGS_authority, "sefton");
  EXPECT_THAT(BuildSearchEligible({"frameworks/nw-16plus"}).status(),
              StatusIs(kInvalid, HasSubstr("--authority 'sefton'")));
}

// --- The command table ------------------------------------------------------

TEST_F(RegistryCommandsTest, EveryCommandIsInTheTable) {
  CommandTable table("");
  table.Add(RegistryCommands());
  std::string usage = table.Usage();
  for (const char* line :
       {"fhub providers create",       "fhub providers get",
        "fhub providers list",         "fhub providers update",
        "fhub providers remove",       "fhub settings add",
        "fhub settings get",           "fhub settings list",
        "fhub settings update",        "fhub vacancies record",
        "fhub vacancies list",         "fhub vacancies withdraw",
        "fhub questionnaire set",      "fhub questionnaire get",
        "fhub applications create",    "fhub applications submit",
        "fhub applications get",       "fhub applications list",
        "fhub applications score",     "fhub applications admit",
        "fhub applications reject",    "fhub accreditations list",
        "fhub suspensions create",     "fhub suspensions get",
        "fhub suspensions list",       "fhub suspensions accept",
        "fhub suspensions reinstate",  "fhub action-plan evidence",
        "fhub concerns raise",         "fhub concerns respond",
        "fhub concerns close",         "fhub concerns list",
        "fhub eligible frameworks/ID", "fhub registry-events follow"}) {
    EXPECT_NE(usage.find(line), std::string::npos) << line;
  }
}

// A missing flag is a usage error naming it, before any call: the registry
// address points nowhere and no token is given.
TEST_F(RegistryCommandsTest, MissingFlagIsAUsageErrorBeforeAnyCall) {
  absl::SetFlag(&FLAGS_registry_addr, "127.0.0.1:1");
  absl::SetFlag(&FLAGS_token, "");
  CommandTable table("");
  table.Add(RegistryCommands());
  ::testing::internal::CaptureStderr();
  int status = table.Run({"action-plan", "evidence", "suspensions/4",
                          "--ignored-positional-check"});
  std::string stderr_text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, kExitUsage);
  EXPECT_THAT(stderr_text, HasSubstr("takes 1 argument"));

  ::testing::internal::CaptureStderr();
  status = table.Run({"action-plan", "evidence", "suspensions/4"});
  stderr_text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, kExitUsage);
  EXPECT_THAT(stderr_text, HasSubstr("error: --item is required"));
  EXPECT_THAT(stderr_text, HasSubstr("usage: fhub action-plan evidence "
                                     "suspensions/N --item K"));
}

TEST_F(RegistryCommandsTest, BadNameIsAUsageError) {
  CommandTable table("");
  table.Add(RegistryCommands());
  ::testing::internal::CaptureStderr();
  int status = table.Run({"concerns", "close", "concern/4"});
  std::string stderr_text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, kExitUsage);
  EXPECT_THAT(stderr_text, HasSubstr("concerns/{number}"));
}

}  // namespace
}  // namespace fhub::cli
