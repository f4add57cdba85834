// How offers are ranked, as ranking.h promises: the components, the score
// and every step of the tie-break rule.

#include "services/referrals/domain/ranking.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/referrals/fixtures.h"

namespace fhub::referrals {
namespace {

using ::fhub::referrals::testing::kNow;
using ::testing::ElementsAre;

constexpr double kTolerance = 1e-9;
constexpr Weights kQualityOnly{100, 0, 0};

Candidate Offer(std::string provider_id, int64_t weekly_pence,
                double distance_miles, double quality_score,
                absl::Time offer_time = kNow) {
  Candidate c;
  c.provider_id = std::move(provider_id);
  c.weekly_pence = weekly_pence;
  c.distance_miles = distance_miles;
  c.quality_score = quality_score;
  c.offer_time = offer_time;
  return c;
}

std::vector<std::string> ProvidersInOrder(
    const std::vector<RankedCandidate>& ranked) {
  std::vector<std::string> providers;
  for (const RankedCandidate& r : ranked) {
    providers.push_back(r.candidate.provider_id);
  }
  return providers;
}

const RankedCandidate& Find(const std::vector<RankedCandidate>& ranked,
                            const std::string& provider_id) {
  for (const RankedCandidate& r : ranked) {
    if (r.candidate.provider_id == provider_id) return r;
  }
  ADD_FAILURE() << provider_id << " is not ranked";
  return ranked.front();
}

// Three offers, greatest distance 20 miles, no budget:
//
//            weekly    miles  quality
//   acme     100,000     5      80
//   bright   125,000    10      90
//   cedar     80,000    15      70
//
// lowest weekly = 80,000, so
//   price:    acme 80,000/100,000 = 0.8; bright 80,000/125,000 = 0.64;
//             cedar 1
//   distance: acme 1 - 5/20 = 0.75; bright 1 - 10/20 = 0.5;
//             cedar 1 - 15/20 = 0.25
//   quality:  acme 0.8; bright 0.9; cedar 0.7
std::vector<Candidate> ThreeOffers() {
  return {Offer("acme", 100'000, 5, 80), Offer("bright", 125'000, 10, 90),
          Offer("cedar", 80'000, 15, 70)};
}

TEST(RankTest, WorkedExampleAt60_40_0) {
  // acme   = 0.8 x 60 + 0.8  x 40 + 0.75 x 0 = 48 + 32   = 80
  // bright = 0.9 x 60 + 0.64 x 40 + 0.5  x 0 = 54 + 25.6 = 79.6
  // cedar  = 0.7 x 60 + 1    x 40 + 0.25 x 0 = 42 + 40   = 82
  const std::vector<RankedCandidate> ranked =
      Rank(ThreeOffers(), Weights{60, 40, 0}, 20, 0);
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("cedar", "acme", "bright"));
  EXPECT_NEAR(ranked[0].score, 82, kTolerance);
  EXPECT_NEAR(ranked[1].score, 80, kTolerance);
  EXPECT_NEAR(ranked[2].score, 79.6, kTolerance);

  const RankedCandidate& acme = Find(ranked, "acme");
  EXPECT_NEAR(acme.quality_component, 0.8, kTolerance);
  EXPECT_NEAR(acme.price_component, 0.8, kTolerance);
  EXPECT_NEAR(acme.distance_component, 0.75, kTolerance);
  const RankedCandidate& bright = Find(ranked, "bright");
  EXPECT_NEAR(bright.quality_component, 0.9, kTolerance);
  EXPECT_NEAR(bright.price_component, 0.64, kTolerance);
  EXPECT_NEAR(bright.distance_component, 0.5, kTolerance);
  const RankedCandidate& cedar = Find(ranked, "cedar");
  EXPECT_NEAR(cedar.quality_component, 0.7, kTolerance);
  EXPECT_NEAR(cedar.price_component, 1, kTolerance);
  EXPECT_NEAR(cedar.distance_component, 0.25, kTolerance);
  for (const RankedCandidate& r : ranked) EXPECT_TRUE(r.within_budget);
}

TEST(RankTest, WorkedExampleAt50_30_20) {
  // acme   = 0.8 x 50 + 0.8  x 30 + 0.75 x 20 = 40 + 24   + 15 = 79
  // bright = 0.9 x 50 + 0.64 x 30 + 0.5  x 20 = 45 + 19.2 + 10 = 74.2
  // cedar  = 0.7 x 50 + 1    x 30 + 0.25 x 20 = 35 + 30   +  5 = 70
  const std::vector<RankedCandidate> ranked =
      Rank(ThreeOffers(), Weights{50, 30, 20}, 20, 0);
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("acme", "bright", "cedar"));
  EXPECT_NEAR(ranked[0].score, 79, kTolerance);
  EXPECT_NEAR(ranked[1].score, 74.2, kTolerance);
  EXPECT_NEAR(ranked[2].score, 70, kTolerance);
}

TEST(RankTest, RanksRunFrom1ToN) {
  const std::vector<RankedCandidate> ranked =
      Rank(ThreeOffers(), Weights{60, 40, 0}, 20, 0);
  ASSERT_EQ(ranked.size(), 3u);
  for (size_t i = 0; i < ranked.size(); ++i) {
    EXPECT_EQ(ranked[i].rank, static_cast<int>(i) + 1);
  }
}

TEST(RankTest, NoOffersRankNothing) {
  EXPECT_TRUE(Rank({}, Weights{60, 40, 0}, 20, 0).empty());
  EXPECT_TRUE(Rank({}, Weights{60, 40, 0}, 20, 100'000).empty());
}

TEST(RankTest, ALoneOfferHasTheLowestPrice) {
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("acme", 100'000, 5, 80)}, Weights{60, 40, 0}, 20, 0);
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].rank, 1);
  EXPECT_NEAR(ranked[0].price_component, 1, kTolerance);
  EXPECT_NEAR(ranked[0].score, 0.8 * 60 + 40, kTolerance);
}

TEST(RankTest, PriceIsLowestOverThisOne) {
  // lowest 60,000: 60,000/60,000 = 1; 60,000/90,000 = 2/3;
  // 60,000/240,000 = 0.25.
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("a", 90'000, 1, 50), Offer("b", 60'000, 1, 50),
            Offer("c", 240'000, 1, 50)},
           Weights{0, 100, 0}, 20, 0);
  EXPECT_NEAR(Find(ranked, "a").price_component, 2.0 / 3.0, kTolerance);
  EXPECT_NEAR(Find(ranked, "b").price_component, 1, kTolerance);
  EXPECT_NEAR(Find(ranked, "c").price_component, 0.25, kTolerance);
  EXPECT_NEAR(Find(ranked, "a").score, 200.0 / 3.0, kTolerance);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("b", "a", "c"));
}

TEST(RankTest, AFreeOfferScoresFullPriceAndLeavesOthersNone) {
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("paid", 50'000, 1, 90), Offer("free", 0, 1, 40)},
           Weights{60, 40, 0}, 20, 0);
  const RankedCandidate& free = Find(ranked, "free");
  const RankedCandidate& paid = Find(ranked, "paid");
  EXPECT_NEAR(free.price_component, 1, kTolerance);
  EXPECT_NEAR(paid.price_component, 0, kTolerance);
  // free = 0.4 x 60 + 1 x 40 = 64; paid = 0.9 x 60 + 0 x 40 = 54.
  EXPECT_NEAR(free.score, 64, kTolerance);
  EXPECT_NEAR(paid.score, 54, kTolerance);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("free", "paid"));
}

TEST(RankTest, SeveralFreeOffersAllScoreFullPrice) {
  const std::vector<RankedCandidate> ranked = Rank(
      {Offer("a", 0, 1, 50), Offer("b", 0, 2, 50)}, Weights{0, 100, 0}, 20, 0);
  for (const RankedCandidate& r : ranked) {
    EXPECT_NEAR(r.price_component, 1, kTolerance) << r.candidate.provider_id;
  }
}

TEST(RankTest, DistanceFallsToZeroAtTheGreatestDistanceAndStaysThere) {
  // Greatest distance 20: 0 miles -> 1; 15 -> 0.25; 20 -> 0; 30 -> 0, not
  // -0.5.
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("home", 50'000, 0, 50), Offer("near", 50'000, 15, 50),
            Offer("edge", 50'000, 20, 50), Offer("far", 50'000, 30, 50)},
           Weights{0, 0, 100}, 20, 0);
  EXPECT_NEAR(Find(ranked, "home").distance_component, 1, kTolerance);
  EXPECT_NEAR(Find(ranked, "near").distance_component, 0.25, kTolerance);
  EXPECT_NEAR(Find(ranked, "edge").distance_component, 0, kTolerance);
  EXPECT_NEAR(Find(ranked, "far").distance_component, 0, kTolerance);
  EXPECT_NEAR(Find(ranked, "far").score, 0, kTolerance);
  // edge and far score the same; far is further, so it comes last.
  EXPECT_THAT(ProvidersInOrder(ranked),
              ElementsAre("home", "near", "edge", "far"));
}

TEST(RankTest, QualityIsTheScoreOver100) {
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("a", 50'000, 1, 100), Offer("b", 50'000, 1, 0),
            Offer("c", 50'000, 1, 37.5)},
           kQualityOnly, 20, 0);
  EXPECT_NEAR(Find(ranked, "a").quality_component, 1, kTolerance);
  EXPECT_NEAR(Find(ranked, "b").quality_component, 0, kTolerance);
  EXPECT_NEAR(Find(ranked, "c").quality_component, 0.375, kTolerance);
  EXPECT_NEAR(Find(ranked, "c").score, 37.5, kTolerance);
}

TEST(RankTest, OffersWithinTheBudgetComeFirstWhateverTheirScore) {
  // Budget 95,000. pricey: 1 x 60 + (90,000/120,000 = 0.75) x 40 = 90;
  // cheap: 0.1 x 60 + 1 x 40 = 46; at_budget: 0.5 x 60 + (90,000/95,000)
  // x 40 = 67.89...; over: 0.95 x 60 + 0.9 x 40 = 93 (90,000/100,000).
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("pricey", 120'000, 1, 100), Offer("cheap", 90'000, 1, 10),
            Offer("at_budget", 95'000, 1, 50), Offer("over", 100'000, 1, 95)},
           Weights{60, 40, 0}, 20, 95'000);
  EXPECT_THAT(ProvidersInOrder(ranked),
              ElementsAre("at_budget", "cheap", "over", "pricey"));
  EXPECT_TRUE(Find(ranked, "cheap").within_budget);
  EXPECT_TRUE(Find(ranked, "at_budget").within_budget);
  EXPECT_FALSE(Find(ranked, "over").within_budget);
  EXPECT_FALSE(Find(ranked, "pricey").within_budget);
  EXPECT_NEAR(Find(ranked, "pricey").score, 90, kTolerance);
  EXPECT_NEAR(Find(ranked, "over").score, 93, kTolerance);
  EXPECT_NEAR(Find(ranked, "cheap").score, 46, kTolerance);
  EXPECT_NEAR(Find(ranked, "at_budget").score, 30 + 40 * 90.0 / 95.0,
              kTolerance);
  for (size_t i = 0; i < ranked.size(); ++i) {
    EXPECT_EQ(ranked[i].rank, static_cast<int>(i) + 1);
  }
}

TEST(RankTest, WithoutABudgetEveryOfferIsWithinIt) {
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("a", 9'000'000, 1, 100), Offer("b", 10, 1, 10)},
           Weights{60, 40, 0}, 20, 0);
  for (const RankedCandidate& r : ranked) {
    EXPECT_TRUE(r.within_budget) << r.candidate.provider_id;
  }
}

TEST(RankTest, BudgetStillOrdersByScoreWithinEachGroup) {
  // Quality only; budget 100,000: within {a 70, b 90}, over {c 95, d 60}.
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("a", 90'000, 1, 70), Offer("c", 150'000, 1, 95),
            Offer("d", 110'000, 1, 60), Offer("b", 100'000, 1, 90)},
           kQualityOnly, 20, 100'000);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("b", "a", "c", "d"));
}

// Tie-breaks. With quality-only weights the score depends on the quality
// score alone, so equal quality gives equal scores; each test makes the
// deciding field and every later one point opposite ways.

TEST(RankTest, EqualScoresGoToTheLowerWeeklyCost) {
  // The dearer offer is nearer, earlier and first alphabetically.
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("a-dear", 90'000, 1, 80, kNow - absl::Hours(2)),
            Offer("z-cheap", 80'000, 10, 80, kNow)},
           kQualityOnly, 20, 0);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("z-cheap", "a-dear"));
  EXPECT_NEAR(ranked[0].score, ranked[1].score, kTolerance);
}

TEST(RankTest, ScoresWithin1e9AreEqual) {
  // 80.0000000000001 vs 80: a difference of about 1e-13 in the score, so
  // the cheaper offer wins although its score is lower.
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("dear", 90'000, 1, 80.0000000000001),
            Offer("cheap", 80'000, 1, 80)},
           kQualityOnly, 20, 0);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("cheap", "dear"));
  // A difference of 1e-6 is not a tie.
  const std::vector<RankedCandidate> apart =
      Rank({Offer("dear", 90'000, 1, 80.000001), Offer("cheap", 80'000, 1, 80)},
           kQualityOnly, 20, 0);
  EXPECT_THAT(ProvidersInOrder(apart), ElementsAre("dear", "cheap"));
}

TEST(RankTest, EqualWeeklyCostGoesToTheNearer) {
  // The further offer is earlier and first alphabetically.
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("a-far", 80'000, 12, 80, kNow - absl::Hours(2)),
            Offer("z-near", 80'000, 3, 80, kNow)},
           kQualityOnly, 20, 0);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("z-near", "a-far"));
}

TEST(RankTest, EqualDistanceGoesToTheEarlierOffer) {
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("a-late", 80'000, 3, 80, kNow),
            Offer("z-early", 80'000, 3, 80, kNow - absl::Minutes(1))},
           kQualityOnly, 20, 0);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("z-early", "a-late"));
}

TEST(RankTest, EqualOfferTimesGoByProviderId) {
  const std::vector<RankedCandidate> ranked =
      Rank({Offer("cedar", 80'000, 3, 80), Offer("acme", 80'000, 3, 80),
            Offer("bright", 80'000, 3, 80)},
           kQualityOnly, 20, 0);
  EXPECT_THAT(ProvidersInOrder(ranked), ElementsAre("acme", "bright", "cedar"));
  EXPECT_EQ(ranked[0].rank, 1);
  EXPECT_EQ(ranked[1].rank, 2);
  EXPECT_EQ(ranked[2].rank, 3);
}

TEST(RankTest, TheOrderDoesNotDependOnTheInputOrder) {
  std::vector<Candidate> offers = ThreeOffers();
  offers.push_back(Offer("dove", 80'000, 15, 70, kNow - absl::Hours(1)));
  const std::vector<std::string> expected =
      ProvidersInOrder(Rank(offers, Weights{50, 30, 20}, 20, 0));
  std::vector<Candidate> reversed(offers.rbegin(), offers.rend());
  EXPECT_EQ(ProvidersInOrder(Rank(reversed, Weights{50, 30, 20}, 20, 0)),
            expected);
  // dove ties cedar on every component and is earlier.
  EXPECT_THAT(expected, ElementsAre("acme", "bright", "dove", "cedar"));
}

}  // namespace
}  // namespace fhub::referrals
