// How judgements on the two Ofsted scales compare with a lot's floor.

#include "services/registry/domain/ofsted.h"

#include "gtest/gtest.h"

namespace fhub::registry {
namespace {

TEST(OfstedTest, EachJudgementBelongsToOneScale) {
  EXPECT_EQ(ScaleOf(Judgement::kOutstanding), RegistrationType::kChildrensHome);
  EXPECT_EQ(ScaleOf(Judgement::kInadequate), RegistrationType::kChildrensHome);
  EXPECT_EQ(ScaleOf(Judgement::kOutcome1),
            RegistrationType::kSupportedAccommodation);
  EXPECT_EQ(ScaleOf(Judgement::kOutcome3),
            RegistrationType::kSupportedAccommodation);
}

TEST(OfstedTest, FourPointScaleAgainstEveryFloor) {
  EXPECT_TRUE(
      MeetsLowestGrade(Judgement::kOutstanding, OfstedGrade::kOutstanding));
  EXPECT_FALSE(MeetsLowestGrade(Judgement::kGood, OfstedGrade::kOutstanding));
  EXPECT_TRUE(MeetsLowestGrade(Judgement::kGood, OfstedGrade::kGood));
  EXPECT_FALSE(
      MeetsLowestGrade(Judgement::kRequiresImprovement, OfstedGrade::kGood));
  EXPECT_TRUE(MeetsLowestGrade(Judgement::kRequiresImprovement,
                               OfstedGrade::kRequiresImprovement));
  EXPECT_FALSE(MeetsLowestGrade(Judgement::kInadequate,
                                OfstedGrade::kRequiresImprovement));
  EXPECT_TRUE(MeetsLowestGrade(Judgement::kInadequate, OfstedGrade::kAny));
}

TEST(OfstedTest, OutcomesRankAsGoodRequiresImprovementAndInadequate) {
  EXPECT_EQ(QualityRank(Judgement::kOutcome1), QualityRank(Judgement::kGood));
  EXPECT_EQ(QualityRank(Judgement::kOutcome2),
            QualityRank(Judgement::kRequiresImprovement));
  EXPECT_EQ(QualityRank(Judgement::kOutcome3),
            QualityRank(Judgement::kInadequate));
  EXPECT_FALSE(
      MeetsLowestGrade(Judgement::kOutcome1, OfstedGrade::kOutstanding));
  EXPECT_TRUE(MeetsLowestGrade(Judgement::kOutcome1, OfstedGrade::kGood));
  EXPECT_FALSE(MeetsLowestGrade(Judgement::kOutcome2, OfstedGrade::kGood));
  EXPECT_TRUE(MeetsLowestGrade(Judgement::kOutcome2,
                               OfstedGrade::kRequiresImprovement));
  EXPECT_FALSE(MeetsLowestGrade(Judgement::kOutcome3,
                                OfstedGrade::kRequiresImprovement));
  EXPECT_TRUE(MeetsLowestGrade(Judgement::kOutcome3, OfstedGrade::kAny));
}

TEST(OfstedTest, NamesRoundTrip) {
  for (const auto& entry : kJudgements) {
    EXPECT_EQ(ValueOf(kJudgements, entry.name), entry.value);
  }
  EXPECT_EQ(NameOf(kJudgements, Judgement::kOutcome2), "OUTCOME_2");
  EXPECT_EQ(ValueOf(kRegistrationTypes, "SUPPORTED_ACCOMMODATION"),
            RegistrationType::kSupportedAccommodation);
  EXPECT_FALSE(ValueOf(kJudgements, "OUTCOME_4").has_value());
}

}  // namespace
}  // namespace fhub::registry
