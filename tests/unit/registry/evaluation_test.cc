// The quality questionnaire and moderation of evaluators' scores.

#include "services/registry/domain/evaluation.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

// Weights 30/50/20, scores 0 to 5, pass mark 60.
Questionnaire NorthWest() {
  Questionnaire q;
  q.framework_id = "nw-16plus";
  q.criteria = {{"safeguarding", "How do you keep young people safe?", 30, 3},
                {"outcomes", "How do you help young people thrive?", 50, 2},
                {"staffing", "How do you recruit and train staff?", 20, 0}};
  q.max_score = 5;
  q.pass_mark = 60;
  q.minimum_evaluations = 2;
  return q;
}

Evaluation Scores(const std::string& evaluator, int safeguarding, int outcomes,
                  int staffing) {
  Evaluation e;
  e.application_id = "app-1";
  e.evaluator = evaluator;
  e.evaluator_authority_id = "sefton";
  e.scores = {{"safeguarding", safeguarding, ""},
              {"outcomes", outcomes, ""},
              {"staffing", staffing, ""}};
  return e;
}

TEST(ModerateTest, MeanPerCriterionAndWeightedTotal) {
  // Means 3.5, 3.5, 4: 100 * (30*3.5 + 50*3.5 + 20*4) / (5 * 100) = 72.
  auto result =
      Moderate(NorthWest(), {Scores("ann", 4, 3, 4), Scores("bob", 3, 4, 4)});
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->evaluation_count, 2);
  ASSERT_EQ(result->criteria.size(), 3u);
  EXPECT_EQ(result->criteria[0].criterion_id, "safeguarding");
  EXPECT_DOUBLE_EQ(result->criteria[0].moderated_score, 3.5);
  EXPECT_DOUBLE_EQ(result->criteria[1].moderated_score, 3.5);
  EXPECT_DOUBLE_EQ(result->criteria[2].moderated_score, 4);
  EXPECT_DOUBLE_EQ(result->total, 72);
  EXPECT_EQ(result->pass_mark, 60);
  EXPECT_TRUE(result->passed);
}

TEST(ModerateTest, ExactlyThePassMarkPasses) {
  // All 3s: 60 exactly.
  auto result =
      Moderate(NorthWest(), {Scores("ann", 3, 3, 3), Scores("bob", 3, 3, 3)});
  ASSERT_THAT(result, IsOk());
  EXPECT_DOUBLE_EQ(result->total, 60);
  EXPECT_TRUE(result->passed);
}

TEST(ModerateTest, JustBelowThePassMarkFails) {
  // Staffing mean 2.5: 100 * (90 + 150 + 50) / 500 = 58.
  auto result =
      Moderate(NorthWest(), {Scores("ann", 3, 3, 2), Scores("bob", 3, 3, 3)});
  ASSERT_THAT(result, IsOk());
  EXPECT_DOUBLE_EQ(result->total, 58);
  EXPECT_FALSE(result->passed);
  for (const CriterionResult& c : result->criteria)
    EXPECT_TRUE(c.meets_minimum);
}

TEST(ModerateTest, ACriterionBelowItsMinimumFailsWhateverTheTotal) {
  // Safeguarding mean 2.5 < 3, total 100*(75+250+100)/500 = 85.
  auto result =
      Moderate(NorthWest(), {Scores("ann", 2, 5, 5), Scores("bob", 3, 5, 5)});
  ASSERT_THAT(result, IsOk());
  EXPECT_DOUBLE_EQ(result->total, 85);
  EXPECT_FALSE(result->criteria[0].meets_minimum);
  EXPECT_TRUE(result->criteria[1].meets_minimum);
  EXPECT_FALSE(result->passed);
}

TEST(ModerateTest, AMeanExactlyAtTheMinimumMeetsIt) {
  Questionnaire q = NorthWest();
  q.minimum_evaluations = 3;
  // Safeguarding 3, 3, 3 - but with thirds elsewhere: outcomes (2+2+3)/3.
  auto result = Moderate(q, {Scores("ann", 3, 2, 5), Scores("bob", 3, 2, 5),
                             Scores("cat", 3, 3, 5)});
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->criteria[0].meets_minimum);
  EXPECT_NEAR(result->criteria[1].moderated_score, 7.0 / 3, 1e-12);
  // 100 * (30*9 + 50*7 + 20*15) / (3 * 5 * 100) = 92000 / 1500.
  EXPECT_NEAR(result->total, 61.3333, 1e-4);
  EXPECT_TRUE(result->passed);
}

TEST(ModerateTest, TooFewEvaluations) {
  EXPECT_THAT(
      Moderate(NorthWest(), {Scores("ann", 5, 5, 5)}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("at least 2")));
  EXPECT_THAT(Moderate(NorthWest(), {}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  Questionnaire single = NorthWest();
  single.minimum_evaluations = 1;
  EXPECT_THAT(Moderate(single, {Scores("ann", 5, 5, 5)}), IsOk());
}

TEST(ModerateTest, OneEvaluatorCountsOnce) {
  EXPECT_THAT(
      Moderate(NorthWest(), {Scores("ann", 5, 5, 5), Scores("ann", 4, 4, 4)}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ann")));
}

TEST(ModerateTest, EvaluationsOfOneApplication) {
  Evaluation other = Scores("bob", 4, 4, 4);
  other.application_id = "app-2";
  EXPECT_THAT(Moderate(NorthWest(), {Scores("ann", 5, 5, 5), other}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("one application")));
}

TEST(ModerateTest, RefusesAnInvalidEvaluation) {
  EXPECT_THAT(
      Moderate(NorthWest(), {Scores("ann", 5, 5, 5), Scores("bob", 6, 4, 4)}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("evaluation.scores[0].score")));
}

TEST(ValidateEvaluationTest, ScoreRange) {
  EXPECT_THAT(ValidateEvaluation(NorthWest(), Scores("ann", 0, 5, 0)), IsOk());
  EXPECT_THAT(ValidateEvaluation(NorthWest(), Scores("ann", -1, 5, 0)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("evaluation.scores[0].score")));
  EXPECT_THAT(ValidateEvaluation(NorthWest(), Scores("ann", 1, 6, 0)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("evaluation.scores[1].score")));
}

TEST(ValidateEvaluationTest, MissingUnknownAndTwiceScoredCriteria) {
  Evaluation missing = Scores("ann", 3, 3, 3);
  missing.scores.pop_back();
  EXPECT_THAT(ValidateEvaluation(NorthWest(), missing),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no score for criterion 'staffing'")));
  Evaluation unknown = Scores("ann", 3, 3, 3);
  unknown.scores.push_back({"price", 5, ""});
  EXPECT_THAT(ValidateEvaluation(NorthWest(), unknown),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("evaluation.scores[3].criterion_id")));
  Evaluation twice = Scores("ann", 3, 3, 3);
  twice.scores.push_back({"outcomes", 5, ""});
  EXPECT_THAT(
      ValidateEvaluation(NorthWest(), twice),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scored twice")));
}

TEST(CheckNewEvaluationTest, OneEvaluationPerEvaluator) {
  const std::vector<Evaluation> existing = {Scores("ann", 3, 3, 3)};
  EXPECT_THAT(CheckNewEvaluation(NorthWest(), Scores("bob", 4, 4, 4), existing),
              IsOk());
  EXPECT_THAT(CheckNewEvaluation(NorthWest(), Scores("ann", 4, 4, 4), existing),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(CheckNewEvaluation(NorthWest(), Scores("bob", 9, 4, 4), existing),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

struct BadQuestionnaire {
  const char* field;
  void (*mutate)(Questionnaire&);
  friend void PrintTo(const BadQuestionnaire& bad, std::ostream* os) {
    *os << bad.field;
  }
};

class ValidateQuestionnaireTest
    : public ::testing::TestWithParam<BadQuestionnaire> {};

TEST_P(ValidateQuestionnaireTest, NamesTheField) {
  Questionnaire q = NorthWest();
  ASSERT_THAT(ValidateQuestionnaire(q), IsOk());
  GetParam().mutate(q);
  EXPECT_THAT(ValidateQuestionnaire(q),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(GetParam().field)));
}

INSTANTIATE_TEST_SUITE_P(
    Fields, ValidateQuestionnaireTest,
    ::testing::Values(
        BadQuestionnaire{"questionnaire.criteria",
                         [](Questionnaire& q) { q.criteria.clear(); }},
        BadQuestionnaire{
            "questionnaire.criteria[3].criterion_id",
            [](Questionnaire& q) { q.criteria.push_back(q.criteria[0]); }},
        BadQuestionnaire{"questionnaire.criteria[0].criterion_id",
                         [](Questionnaire& q) { q.criteria[0].id = "A"; }},
        BadQuestionnaire{"questionnaire.criteria[1].question",
                         [](Questionnaire& q) { q.criteria[1].question = ""; }},
        BadQuestionnaire{"questionnaire.criteria[1].weight",
                         [](Questionnaire& q) { q.criteria[1].weight = 0; }},
        BadQuestionnaire{
            "questionnaire.criteria[2].minimum_score",
            [](Questionnaire& q) { q.criteria[2].minimum_score = 6; }},
        BadQuestionnaire{"questionnaire.max_score",
                         [](Questionnaire& q) { q.max_score = 0; }},
        BadQuestionnaire{"questionnaire.pass_mark",
                         [](Questionnaire& q) { q.pass_mark = 101; }},
        BadQuestionnaire{"questionnaire.minimum_evaluations",
                         [](Questionnaire& q) { q.minimum_evaluations = 0; }}));

}  // namespace
}  // namespace fhub::registry
