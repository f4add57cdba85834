#pragma once

// The quality questionnaire and its moderation. Each criterion is scored
// from 0 to the questionnaire's max_score by every evaluator; the moderated
// score of a criterion is the mean of the evaluators' scores; the weighted
// total is
//
//   100 * sum(weight * moderated score) / (max_score * sum(weight))
//
// so it runs from 0 to 100 whatever the weights add up to (weights of 30,
// 50 and 20 read as percentages). A provider passes when the total is at
// least the pass mark and every criterion's moderated score is at least its
// minimum. Comparisons are made exactly in integers (a mean of 2.5 meets a
// minimum of 2.5 * n / n), never on rounded floating point.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/registry/domain/model.h"

namespace fhub::registry {

inline constexpr size_t kMaxCriteria = 50;
inline constexpr int kMaxWeight = 100;
inline constexpr int kMaxScoreScale = 100;
inline constexpr int kMaxMinimumEvaluations = 10;
inline constexpr size_t kMaxQuestionLength = 2000;
inline constexpr size_t kMaxCommentLength = 4000;

struct CriterionResult {
  std::string criterion_id;
  double moderated_score = 0;  // the mean
  int minimum_score = 0;
  bool meets_minimum = false;
};

struct ModeratedResult {
  int evaluation_count = 0;
  // In the questionnaire's order.
  std::vector<CriterionResult> criteria;
  double total = 0;  // 0 to 100
  int pass_mark = 0;
  bool passed = false;
};

// 1 to kMaxCriteria criteria with distinct ids, a question, weight 1 to
// kMaxWeight and minimum 0 to max_score; max_score 1 to kMaxScoreScale;
// pass_mark 0 to 100; minimum_evaluations 1 to kMaxMinimumEvaluations.
absl::Status ValidateQuestionnaire(const Questionnaire& questionnaire);

// One score per criterion of `questionnaire`, each from 0 to max_score,
// none missing, unknown or given twice.
absl::Status ValidateEvaluation(const Questionnaire& questionnaire,
                                const Evaluation& evaluation);

// May `evaluation` be recorded beside `existing` (the application's earlier
// evaluations)? ValidateEvaluation, then ALREADY_EXISTS if its evaluator
// has already scored the application.
absl::Status CheckNewEvaluation(const Questionnaire& questionnaire,
                                const Evaluation& evaluation,
                                const std::vector<Evaluation>& existing);

// The moderated result of one application's evaluations. FAILED_PRECONDITION
// with fewer than questionnaire.minimum_evaluations; INVALID_ARGUMENT if any
// evaluation is invalid (ValidateEvaluation), two come from one evaluator,
// or they are not all for the same application.
absl::StatusOr<ModeratedResult> Moderate(
    const Questionnaire& questionnaire,
    const std::vector<Evaluation>& evaluations);

}  // namespace fhub::registry
