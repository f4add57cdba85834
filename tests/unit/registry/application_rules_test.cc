// Applications: the state machine, one live application per lot, admission
// and rejection.

#include "services/registry/domain/application_rules.h"

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

const std::vector<std::string> kLots = {"lot-1", "lot-2", "lot-3"};

Questionnaire NorthWest() {
  Questionnaire q;
  q.framework_id = "nw-16plus";
  q.criteria = {{"safeguarding", "Safe?", 60, 3},
                {"outcomes", "Thrive?", 40, 2}};
  q.pass_mark = 60;
  return q;
}

Application Draft(const std::string& id, std::vector<std::string> lots) {
  Application a;
  a.id = id;
  a.provider_id = "acme-care";
  a.framework_id = "nw-16plus";
  a.lot_ids = std::move(lots);
  a.answers = {{"safeguarding", "We train every member of staff."},
               {"outcomes", "Each young person has a plan."}};
  return a;
}

Application WithStatus(Application a, ApplicationStatus status) {
  a.status = status;
  return a;
}

ModeratedResult Result(bool passed, double total, bool minimums_met = true) {
  ModeratedResult r;
  r.evaluation_count = 2;
  r.criteria = {{"safeguarding", minimums_met ? 3.5 : 2.5, 3, minimums_met},
                {"outcomes", 4, 2, true}};
  r.total = total;
  r.pass_mark = 60;
  r.passed = passed;
  return r;
}

TEST(CheckTransitionTest, TheAllowedMoves) {
  using S = ApplicationStatus;
  const std::vector<std::pair<S, S>> allowed = {
      {S::kDraft, S::kSubmitted},
      {S::kSubmitted, S::kUnderEvaluation},
      {S::kSubmitted, S::kRejected},
      {S::kUnderEvaluation, S::kAdmitted},
      {S::kUnderEvaluation, S::kRejected}};
  for (const auto& from : kApplicationStatuses) {
    for (const auto& to : kApplicationStatuses) {
      const bool ok =
          std::find(allowed.begin(), allowed.end(),
                    std::make_pair(from.value, to.value)) != allowed.end();
      const absl::Status status = CheckTransition(
          WithStatus(Draft("a", {"lot-1"}), from.value), to.value);
      if (ok) {
        EXPECT_THAT(status, IsOk()) << from.name << " -> " << to.name;
      } else {
        EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition,
                                     HasSubstr(std::string(from.name))))
            << from.name << " -> " << to.name;
      }
    }
  }
}

TEST(IsLiveTest, SubmittedAndUnderEvaluationOnly) {
  EXPECT_FALSE(IsLive(ApplicationStatus::kDraft));
  EXPECT_TRUE(IsLive(ApplicationStatus::kSubmitted));
  EXPECT_TRUE(IsLive(ApplicationStatus::kUnderEvaluation));
  EXPECT_FALSE(IsLive(ApplicationStatus::kAdmitted));
  EXPECT_FALSE(IsLive(ApplicationStatus::kRejected));
}

TEST(ValidateApplicationTest, LotsAndAnswers) {
  EXPECT_THAT(ValidateApplication(Draft("a", {"lot-1", "lot-3"}), kLots),
              IsOk());
  EXPECT_THAT(ValidateApplication(Draft("a", {}), kLots),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("application.lot_ids")));
  EXPECT_THAT(ValidateApplication(Draft("a", {"lot-1", "lot-9"}), kLots),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("application.lot_ids[1]")));
  EXPECT_THAT(
      ValidateApplication(Draft("a", {"lot-1", "lot-1"}), kLots),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("named twice")));
  Application twice = Draft("a", {"lot-1"});
  twice.answers.push_back({"outcomes", "again"});
  EXPECT_THAT(ValidateApplication(twice, kLots),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("application.answers[2].criterion_id")));
  // A draft is stored before any questionnaire checks its answers: their
  // ids and number are bounded as questionnaires bound criteria.
  Application odd = Draft("a", {"lot-1"});
  odd.answers[1].criterion_id = std::string(100, 'c');
  EXPECT_THAT(ValidateApplication(odd, kLots),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("application.answers[1].criterion_id")));
  odd.answers[1].criterion_id = "";
  EXPECT_THAT(ValidateApplication(odd, kLots),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("application.answers[1].criterion_id")));
  Application many = Draft("a", {"lot-1"});
  many.answers.clear();
  for (size_t i = 0; i <= kMaxCriteria; ++i) {
    many.answers.push_back({absl::StrCat("criterion-", i), "An answer"});
  }
  EXPECT_THAT(ValidateApplication(many, kLots),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("application.answers must have at most")));
  many.answers.pop_back();
  EXPECT_THAT(ValidateApplication(many, kLots), IsOk());
}

TEST(CheckSubmitTest, ADraftWithEveryAnswerGoesIn) {
  EXPECT_THAT(CheckSubmit(Draft("a", {"lot-1"}), NorthWest(), kLots, {}, {}),
              IsOk());
}

TEST(CheckSubmitTest, OnlyFromDraft) {
  EXPECT_THAT(
      CheckSubmit(
          WithStatus(Draft("a", {"lot-1"}), ApplicationStatus::kRejected),
          NorthWest(), kLots, {}, {}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("REJECTED")));
}

TEST(CheckSubmitTest, EveryCriterionAnsweredAndNoOther) {
  Application missing = Draft("a", {"lot-1"});
  missing.answers.pop_back();
  EXPECT_THAT(CheckSubmit(missing, NorthWest(), kLots, {}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("criterion 'outcomes'")));
  Application blank = Draft("a", {"lot-1"});
  blank.answers[0].text.clear();
  EXPECT_THAT(CheckSubmit(blank, NorthWest(), kLots, {}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("criterion 'safeguarding'")));
  Application unknown = Draft("a", {"lot-1"});
  unknown.answers.push_back({"price", "cheap"});
  EXPECT_THAT(CheckSubmit(unknown, NorthWest(), kLots, {}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("application.answers[2].criterion_id")));
}

TEST(CheckSubmitTest, NoTwoLiveApplicationsForOneLot) {
  const Application mine = Draft("new", {"lot-1", "lot-2"});
  for (ApplicationStatus live :
       {ApplicationStatus::kSubmitted, ApplicationStatus::kUnderEvaluation}) {
    const Application other = WithStatus(Draft("old", {"lot-2"}), live);
    EXPECT_THAT(
        CheckSubmit(mine, NorthWest(), kLots, {other}, {}),
        StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("lot lot-2")));
  }
  // Other lots, drafts, other providers and other frameworks do not count,
  // nor does the application itself.
  Application other_lot =
      WithStatus(Draft("b", {"lot-3"}), ApplicationStatus::kSubmitted);
  Application draft = Draft("c", {"lot-1"});
  Application other_provider =
      WithStatus(Draft("d", {"lot-1"}), ApplicationStatus::kSubmitted);
  other_provider.provider_id = "other-care";
  Application other_framework =
      WithStatus(Draft("e", {"lot-1"}), ApplicationStatus::kSubmitted);
  other_framework.framework_id = "lcr-care";
  EXPECT_THAT(
      CheckSubmit(mine, NorthWest(), kLots,
                  {other_lot, draft, other_provider, other_framework, mine},
                  {}),
      IsOk());
}

TEST(CheckSubmitTest, ARejectedProviderMayApplyAgain) {
  const Application rejected =
      WithStatus(Draft("first", {"lot-1"}), ApplicationStatus::kRejected);
  EXPECT_THAT(CheckSubmit(Draft("second", {"lot-1"}), NorthWest(), kLots,
                          {rejected}, {}),
              IsOk());
}

TEST(CheckSubmitTest, NotForALotItAlreadyHolds) {
  Accreditation held;
  held.provider_id = "acme-care";
  held.lot = {"nw-16plus", "lot-1"};
  for (AccreditationStatus status :
       {AccreditationStatus::kAdmitted, AccreditationStatus::kSuspended}) {
    held.status = status;
    EXPECT_THAT(
        CheckSubmit(Draft("a", {"lot-1"}), NorthWest(), kLots, {}, {held}),
        StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("lot-1")));
  }
  held.status = AccreditationStatus::kRemoved;
  EXPECT_THAT(
      CheckSubmit(Draft("a", {"lot-1"}), NorthWest(), kLots, {}, {held}),
      IsOk());
}

TEST(CheckAdmitTest, OnlyAPassingResultUnderEvaluation) {
  const Application evaluating =
      WithStatus(Draft("a", {"lot-1"}), ApplicationStatus::kUnderEvaluation);
  EXPECT_THAT(CheckAdmit(evaluating, Result(true, 72)), IsOk());
  EXPECT_THAT(CheckAdmit(evaluating, Result(false, 58.5)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("58.5 is below the pass mark 60")));
  EXPECT_THAT(CheckAdmit(evaluating, Result(false, 85, false)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("safeguarding")));
  EXPECT_THAT(
      CheckAdmit(WithStatus(evaluating, ApplicationStatus::kSubmitted),
                 Result(true, 72)),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("SUBMITTED")));
}

TEST(CheckRejectTest, NeedsFeedback) {
  const Application submitted =
      WithStatus(Draft("a", {"lot-1"}), ApplicationStatus::kSubmitted);
  EXPECT_THAT(CheckReject(submitted, "Safeguarding policy out of date."),
              IsOk());
  EXPECT_THAT(
      CheckReject(submitted, ""),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("feedback")));
  EXPECT_THAT(
      CheckReject(WithStatus(submitted, ApplicationStatus::kAdmitted), "late"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ADMITTED")));
}

TEST(AccreditationsOnAdmissionTest, OnePerLotWithTheScore) {
  const absl::Time at = absl::FromUnixSeconds(1767225600);
  const std::vector<Accreditation> made = AccreditationsOnAdmission(
      Draft("a", {"lot-1", "lot-3"}), Result(true, 72.5), at);
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].lot.lot_id, "lot-1");
  EXPECT_EQ(made[1].lot.lot_id, "lot-3");
  for (const Accreditation& a : made) {
    EXPECT_EQ(a.provider_id, "acme-care");
    EXPECT_EQ(a.lot.framework_id, "nw-16plus");
    EXPECT_EQ(a.status, AccreditationStatus::kAdmitted);
    EXPECT_DOUBLE_EQ(a.quality_score, 72.5);
    EXPECT_EQ(a.application_id, "a");
    EXPECT_EQ(a.admit_time, at);
  }
}

}  // namespace
}  // namespace fhub::registry
