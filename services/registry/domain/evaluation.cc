#include "services/registry/domain/evaluation.h"

#include <cstdint>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::registry {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, " ", what));
}

const Criterion* FindCriterion(const Questionnaire& questionnaire,
                               absl::string_view id) {
  for (const Criterion& criterion : questionnaire.criteria) {
    if (criterion.id == id) return &criterion;
  }
  return nullptr;
}

const CriterionScore* FindScore(const Evaluation& evaluation,
                                absl::string_view criterion_id) {
  for (const CriterionScore& score : evaluation.scores) {
    if (score.criterion_id == criterion_id) return &score;
  }
  return nullptr;
}

absl::Status ValidateCriterion(const Criterion& criterion, size_t index,
                               int max_score) {
  const std::string field = absl::StrCat("questionnaire.criteria[", index, "]");
  FHUB_RETURN_IF_ERROR(
      CheckResourceId(absl::StrCat(field, ".criterion_id"), criterion.id));
  FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".question"),
                                 criterion.question, 1, kMaxQuestionLength));
  if (criterion.weight < 1 || criterion.weight > kMaxWeight) {
    return Invalid(absl::StrCat(field, ".weight"),
                   absl::StrCat("must be from 1 to ", kMaxWeight));
  }
  if (criterion.minimum_score < 0 || criterion.minimum_score > max_score) {
    return Invalid(
        absl::StrCat(field, ".minimum_score"),
        absl::StrCat("must be from 0 to max_score (", max_score, ")"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateQuestionnaire(const Questionnaire& questionnaire) {
  if (questionnaire.max_score < 1 || questionnaire.max_score > kMaxScoreScale) {
    return Invalid("questionnaire.max_score",
                   absl::StrCat("must be from 1 to ", kMaxScoreScale));
  }
  if (questionnaire.pass_mark < 0 || questionnaire.pass_mark > 100) {
    return Invalid("questionnaire.pass_mark", "must be from 0 to 100");
  }
  if (questionnaire.minimum_evaluations < 1 ||
      questionnaire.minimum_evaluations > kMaxMinimumEvaluations) {
    return Invalid("questionnaire.minimum_evaluations",
                   absl::StrCat("must be from 1 to ", kMaxMinimumEvaluations));
  }
  const std::vector<Criterion>& criteria = questionnaire.criteria;
  if (criteria.empty() || criteria.size() > kMaxCriteria) {
    return Invalid("questionnaire.criteria",
                   absl::StrCat("must have 1 to ", kMaxCriteria, " criteria"));
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < criteria.size(); ++i) {
    FHUB_RETURN_IF_ERROR(
        ValidateCriterion(criteria[i], i, questionnaire.max_score));
    if (!ids.insert(criteria[i].id).second) {
      return Invalid(
          absl::StrCat("questionnaire.criteria[", i, "].criterion_id"),
          absl::StrCat("'", criteria[i].id, "' is used twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateEvaluation(const Questionnaire& questionnaire,
                                const Evaluation& evaluation) {
  std::set<std::string> seen;
  for (size_t i = 0; i < evaluation.scores.size(); ++i) {
    const CriterionScore& score = evaluation.scores[i];
    const std::string field = absl::StrCat("evaluation.scores[", i, "]");
    if (FindCriterion(questionnaire, score.criterion_id) == nullptr) {
      return Invalid(absl::StrCat(field, ".criterion_id"),
                     absl::StrCat("'", score.criterion_id,
                                  "' is not a criterion of the questionnaire"));
    }
    if (!seen.insert(score.criterion_id).second) {
      return Invalid(
          absl::StrCat(field, ".criterion_id"),
          absl::StrCat("'", score.criterion_id, "' is scored twice"));
    }
    if (score.score < 0 || score.score > questionnaire.max_score) {
      return Invalid(absl::StrCat(field, ".score"),
                     absl::StrCat("must be from 0 to ", questionnaire.max_score,
                                  ", got ", score.score));
    }
    FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".comment"),
                                   score.comment, 0, kMaxCommentLength));
  }
  for (const Criterion& criterion : questionnaire.criteria) {
    if (seen.count(criterion.id) == 0) {
      return Invalid(
          "evaluation.scores",
          absl::StrCat("has no score for criterion '", criterion.id, "'"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNewEvaluation(const Questionnaire& questionnaire,
                                const Evaluation& evaluation,
                                const std::vector<Evaluation>& existing) {
  FHUB_RETURN_IF_ERROR(ValidateEvaluation(questionnaire, evaluation));
  for (const Evaluation& earlier : existing) {
    if (earlier.application_id == evaluation.application_id &&
        earlier.evaluator == evaluation.evaluator) {
      return absl::AlreadyExistsError(
          absl::StrCat(evaluation.evaluator, " has already evaluated ",
                       "application ", evaluation.application_id));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<ModeratedResult> Moderate(
    const Questionnaire& questionnaire,
    const std::vector<Evaluation>& evaluations) {
  FHUB_RETURN_IF_ERROR(ValidateQuestionnaire(questionnaire));
  const int64_t n = static_cast<int64_t>(evaluations.size());
  if (n < questionnaire.minimum_evaluations) {
    return absl::FailedPreconditionError(
        absl::StrCat("the moderated result needs at least ",
                     questionnaire.minimum_evaluations,
                     " evaluations, the application has ", n));
  }
  std::set<std::string> evaluators;
  for (const Evaluation& evaluation : evaluations) {
    FHUB_RETURN_IF_ERROR(ValidateEvaluation(questionnaire, evaluation));
    if (evaluation.application_id != evaluations.front().application_id) {
      return Invalid("evaluations", "must all be for one application");
    }
    if (!evaluators.insert(evaluation.evaluator).second) {
      return Invalid("evaluations", absl::StrCat("has two from evaluator ",
                                                 evaluation.evaluator));
    }
  }

  ModeratedResult result;
  result.evaluation_count = static_cast<int>(n);
  result.pass_mark = questionnaire.pass_mark;
  bool every_minimum_met = true;
  int64_t weighted_sum = 0;  // sum(weight * sum of scores)
  int64_t total_weight = 0;
  for (const Criterion& criterion : questionnaire.criteria) {
    int64_t sum = 0;
    for (const Evaluation& evaluation : evaluations) {
      sum += FindScore(evaluation, criterion.id)->score;
    }
    CriterionResult moderated;
    moderated.criterion_id = criterion.id;
    moderated.moderated_score =
        static_cast<double>(sum) / static_cast<double>(n);
    moderated.minimum_score = criterion.minimum_score;
    moderated.meets_minimum = sum >= int64_t{criterion.minimum_score} * n;
    every_minimum_met = every_minimum_met && moderated.meets_minimum;
    result.criteria.push_back(moderated);
    weighted_sum += int64_t{criterion.weight} * sum;
    total_weight += criterion.weight;
  }
  const int64_t denominator = n * questionnaire.max_score * total_weight;
  result.total = 100.0 * static_cast<double>(weighted_sum) /
                 static_cast<double>(denominator);
  result.passed = every_minimum_met &&
                  100 * weighted_sum >= questionnaire.pass_mark * denominator;
  return result;
}

}  // namespace fhub::registry
