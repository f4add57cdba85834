#pragma once

// Ofsted registration and judgements, and how a judgement compares with the
// lowest grade a lot allows.
//
// Children's homes are judged on the four-point scale (OUTSTANDING, GOOD,
// REQUIRES_IMPROVEMENT, INADEQUATE). Supported accommodation for 16 and 17
// year olds is judged on a three-outcome model instead: outcome 1
// ("consistently strong service delivery"), outcome 2 ("inconsistent
// quality ... adversely affects some children") and outcome 3 ("serious or
// widespread failures"). One enum holds both scales, so that a setting's
// judgement is one value and its scale follows from it.
//
// Lots state their floor on the four-point scale (the frameworks service's
// OfstedGrade). To compare, every judgement has a rank, 1 best to 4 worst:
// OUTSTANDING 1, GOOD 2, REQUIRES_IMPROVEMENT 3, INADEQUATE 4, and the
// outcomes by their descriptors: OUTCOME_1 2 (as GOOD; the three-outcome
// model has nothing above it, so it does not claim OUTSTANDING), OUTCOME_2 3
// (as REQUIRES_IMPROVEMENT), OUTCOME_3 4 (as INADEQUATE).

#include <array>

#include "absl/time/civil_time.h"
#include "common/enum_names.h"
#include "common/lot_types.h"

namespace fhub::registry {

using ::fhub::kOfstedGrades;
using ::fhub::OfstedGrade;

enum class RegistrationType { kChildrensHome, kSupportedAccommodation, kNone };
inline constexpr std::array<EnumName<RegistrationType>, 3> kRegistrationTypes =
    {{
        {RegistrationType::kChildrensHome, "CHILDRENS_HOME"},
        {RegistrationType::kSupportedAccommodation, "SUPPORTED_ACCOMMODATION"},
        {RegistrationType::kNone, "NONE"},
    }};

enum class Judgement {
  kOutstanding,
  kGood,
  kRequiresImprovement,
  kInadequate,
  kOutcome1,
  kOutcome2,
  kOutcome3,
};
inline constexpr std::array<EnumName<Judgement>, 7> kJudgements = {{
    {Judgement::kOutstanding, "OUTSTANDING"},
    {Judgement::kGood, "GOOD"},
    {Judgement::kRequiresImprovement, "REQUIRES_IMPROVEMENT"},
    {Judgement::kInadequate, "INADEQUATE"},
    {Judgement::kOutcome1, "OUTCOME_1"},
    {Judgement::kOutcome2, "OUTCOME_2"},
    {Judgement::kOutcome3, "OUTCOME_3"},
}};

struct OfstedJudgement {
  Judgement judgement = Judgement::kGood;
  // The date of the inspection that gave it.
  absl::CivilDay date;
};

// The registration whose inspections give `judgement`.
constexpr RegistrationType ScaleOf(Judgement judgement) {
  switch (judgement) {
    case Judgement::kOutcome1:
    case Judgement::kOutcome2:
    case Judgement::kOutcome3:
      return RegistrationType::kSupportedAccommodation;
    default:
      return RegistrationType::kChildrensHome;
  }
}

// 1 (best) to 4 (worst) on the common scale described above.
constexpr int QualityRank(Judgement judgement) {
  switch (judgement) {
    case Judgement::kOutstanding:
      return 1;
    case Judgement::kGood:
    case Judgement::kOutcome1:
      return 2;
    case Judgement::kRequiresImprovement:
    case Judgement::kOutcome2:
      return 3;
    case Judgement::kInadequate:
    case Judgement::kOutcome3:
      return 4;
  }
  return 4;
}

// 1 to 4 for a grade; 5 for kAny, which every judgement meets.
constexpr int QualityRank(OfstedGrade grade) {
  switch (grade) {
    case OfstedGrade::kOutstanding:
      return 1;
    case OfstedGrade::kGood:
      return 2;
    case OfstedGrade::kRequiresImprovement:
      return 3;
    case OfstedGrade::kInadequate:
      return 4;
    case OfstedGrade::kAny:
      return 5;
  }
  return 5;
}

// True when `judgement` is `lowest` or better.
constexpr bool MeetsLowestGrade(Judgement judgement, OfstedGrade lowest) {
  return QualityRank(judgement) <= QualityRank(lowest);
}

}  // namespace fhub::registry
