// Sharing the lead's cost among the members, without I/O.

#include "services/frameworks/domain/cost_sharing.h"

#include <random>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::frameworks {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<int64_t> Pence(const Apportionment& apportionment) {
  std::vector<int64_t> pence;
  pence.reserve(apportionment.shares.size());
  for (const Share& share : apportionment.shares) pence.push_back(share.pence);
  return pence;
}

int64_t Sum(const std::vector<int64_t>& values) {
  int64_t sum = 0;
  for (int64_t v : values) sum += v;
  return sum;
}

TEST(ApportionTest, ProRataByPlacements) {
  auto result = Apportion(100000, CostSharingMethod::kProRataPlacements,
                          {{"tameside", 3}, {"wigan", 1}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(75000, 25000));
  EXPECT_EQ(result->applied, CostSharingMethod::kProRataPlacements);
  EXPECT_FALSE(result->fell_back_to_equal_shares);
  EXPECT_EQ(result->shares[0].authority_id, "tameside");
  EXPECT_EQ(result->shares[0].basis, 3);
}

TEST(ApportionTest, OnePennyGoesToTheFirstIdWhenBasesAreEqual) {
  // Given out of order: the tie goes to the lowest id, not the first given.
  auto result = Apportion(1, CostSharingMethod::kEqualShares,
                          {{"wigan", 0}, {"bolton", 0}, {"sefton", 0}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(0, 1, 0));
}

TEST(ApportionTest, LeftoverPenceGoToTheLargestRemaindersThenLargerBasis) {
  // 10 * 1/3 = 3.33 and 10 * 2/3 = 6.67: the larger remainder gets the penny.
  auto result = Apportion(10, CostSharingMethod::kProRataPlacements,
                          {{"a", 1}, {"b", 2}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(3, 7));
  // 1 over bases 1 and 2 (remainders 1 and 2 of 3) -> "b".
  result =
      Apportion(1, CostSharingMethod::kProRataPlacements, {{"a", 1}, {"b", 2}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(0, 1));
  // 3 over bases 2, 2, 2, 1, 1 (total 8): remainders 6, 6, 6, 3, 3, so the
  // three pence go to the members with basis 2.
  result = Apportion(3, CostSharingMethod::kProRataPlacements,
                     {{"a", 1}, {"b", 2}, {"c", 2}, {"d", 1}, {"e", 2}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(0, 1, 1, 0, 1));
}

TEST(ApportionTest, NoPlacementsFallsBackToEqualShares) {
  auto result = Apportion(900, CostSharingMethod::kProRataPlacements,
                          {{"bolton", 0}, {"sefton", 0}, {"wigan", 0}});
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->fell_back_to_equal_shares);
  EXPECT_EQ(result->applied, CostSharingMethod::kEqualShares);
  EXPECT_THAT(Pence(*result), ElementsAre(300, 300, 300));
  EXPECT_EQ(result->shares[0].basis, 1);
}

TEST(ApportionTest, OneMemberWithAllPlacementsPaysEverything) {
  auto result = Apportion(123457, CostSharingMethod::kProRataPlacements,
                          {{"bolton", 0}, {"sefton", 17}, {"wigan", 0}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(0, 123457, 0));
}

TEST(ApportionTest, MembersWithoutPlacementsPayNothing) {
  auto result = Apportion(1000001, CostSharingMethod::kProRataPlacements,
                          {{"a", 0}, {"b", 1}, {"c", 0}, {"d", 1}, {"e", 1}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(0, 333334, 0, 333334, 333333));
}

TEST(ApportionTest, TwentyThreeEqualShares) {
  std::vector<MemberBasis> members;
  members.reserve(23);
  for (int i = 0; i < 23; ++i) {
    members.push_back({absl::StrCat("council-", i < 10 ? "0" : "", i), 5});
  }
  // 1,000,000 = 23 * 43,478 + 6: the first six ids pay a penny more.
  auto result = Apportion(1000000, CostSharingMethod::kEqualShares, members);
  ASSERT_THAT(result, IsOk());
  const std::vector<int64_t> pence = Pence(*result);
  EXPECT_EQ(Sum(pence), 1000000);
  for (int i = 0; i < 23; ++i) {
    EXPECT_EQ(pence[i], i < 6 ? 43479 : 43478) << members[i].authority_id;
    EXPECT_EQ(result->shares[i].basis, 1);
  }
}

TEST(ApportionTest, FixedFeesThatAddUpToTheCostAreChargedExactly) {
  auto result =
      Apportion(1000000, CostSharingMethod::kFixedFees,
                {{"bolton", 333333}, {"sefton", 333334}, {"wigan", 333333}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(333333, 333334, 333333));
}

TEST(ApportionTest, FixedFeesAreScaledToTheCost) {
  auto result = Apportion(3000, CostSharingMethod::kFixedFees,
                          {{"bolton", 100}, {"sefton", 200}, {"wigan", 0}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(1000, 2000, 0));
}

TEST(ApportionTest, ZeroCostSharesNothing) {
  auto result = Apportion(0, CostSharingMethod::kProRataPlacements,
                          {{"bolton", 4}, {"sefton", 2}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(0, 0));
}

TEST(ApportionTest, LargeCostsAndBasesDoNotOverflow) {
  // 10^12 * 10^9 is far past 2^63.
  const int64_t cost = 1000000000000;
  auto result = Apportion(
      cost, CostSharingMethod::kProRataPlacements,
      {{"a", 1000000000}, {"b", 999999999}, {"c", 1}, {"d", 1000000000}});
  ASSERT_THAT(result, IsOk());
  // a, c and d have equal remainders; the one leftover penny goes to the
  // larger basis, then the lower id: "a".
  EXPECT_THAT(Pence(*result),
              ElementsAre(333333333334, 333333333000, 333, 333333333333));
  EXPECT_EQ(Sum(Pence(*result)), cost);
}

TEST(ApportionTest, RejectsBadInput) {
  const auto kBad = absl::StatusCode::kInvalidArgument;
  EXPECT_THAT(Apportion(-1, CostSharingMethod::kEqualShares, {{"a", 1}}),
              StatusIs(kBad, HasSubstr("cost_pence")));
  EXPECT_THAT(Apportion(100, CostSharingMethod::kProRataPlacements,
                        {{"a", 1}, {"b", -1}}),
              StatusIs(kBad, HasSubstr("members[1].basis")));
  EXPECT_THAT(Apportion(100, CostSharingMethod::kFixedFees, {{"a", -5}}),
              StatusIs(kBad, HasSubstr("members[0].basis")));
  EXPECT_THAT(Apportion(100, CostSharingMethod::kEqualShares, {}),
              StatusIs(kBad, HasSubstr("members")));
  EXPECT_THAT(Apportion(100, CostSharingMethod::kEqualShares,
                        {{"a", 1}, {"b", 1}, {"a", 2}}),
              StatusIs(kBad, HasSubstr("members[2].authority_id")));
  EXPECT_THAT(
      Apportion(100, CostSharingMethod::kFixedFees, {{"a", 0}, {"b", 0}}),
      StatusIs(kBad, HasSubstr("FIXED_FEES")));
}

TEST(ApportionTest, EqualSharesIgnoresTheBasis) {
  auto result =
      Apportion(10, CostSharingMethod::kEqualShares, {{"a", -3}, {"b", 1000}});
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(Pence(*result), ElementsAre(5, 5));
}

// For many generated cases: the shares add up to the cost, members with no
// basis pay nothing, and each share is its exact quota rounded down or up.
TEST(ApportionPropertyTest, SharesAlwaysAddUpToTheCost) {
  std::mt19937_64 random(20250401);
  std::uniform_int_distribution<int64_t> cost_of(0, 1000000000);
  std::uniform_int_distribution<int> size_of(1, 30);
  std::uniform_int_distribution<int> method_of(0, 2);
  std::uniform_int_distribution<int> kind_of(0, 3);
  std::uniform_int_distribution<int64_t> basis_of[] = {
      std::uniform_int_distribution<int64_t>(0, 0),
      std::uniform_int_distribution<int64_t>(1, 3),
      std::uniform_int_distribution<int64_t>(0, 199),
      std::uniform_int_distribution<int64_t>(0, 1000000000)};
  const CostSharingMethod kMethods[] = {CostSharingMethod::kProRataPlacements,
                                        CostSharingMethod::kEqualShares,
                                        CostSharingMethod::kFixedFees};
  for (int round = 0; round < 5000; ++round) {
    const int64_t cost = cost_of(random);
    const CostSharingMethod method = kMethods[method_of(random)];
    std::vector<MemberBasis> members(size_of(random));
    for (size_t i = 0; i < members.size(); ++i) {
      members[i].authority_id = absl::StrCat("la-", random() % 1000, "-", i);
      // Plenty of zeros and ties, and some large bases.
      members[i].basis = basis_of[kind_of(random)](random);
    }
    if (method == CostSharingMethod::kFixedFees) members[0].basis += 1;
    SCOPED_TRACE(absl::StrCat("round ", round, ": cost ", cost, ", method ",
                              NameOf(kCostSharingMethods, method), ", ",
                              members.size(), " members"));

    auto result = Apportion(cost, method, members);
    ASSERT_THAT(result, IsOk());
    ASSERT_EQ(result->shares.size(), members.size());
    __int128 total = 0;
    for (const Share& share : result->shares) total += share.basis;
    int64_t sum = 0;
    for (size_t i = 0; i < members.size(); ++i) {
      const Share& share = result->shares[i];
      EXPECT_EQ(share.authority_id, members[i].authority_id);
      EXPECT_GE(share.pence, 0);
      if (share.basis == 0) {
        EXPECT_EQ(share.pence, 0);
      }
      // |pence - cost * basis / total| < 1
      const __int128 error =
          __int128{share.pence} * total - __int128{cost} * share.basis;
      EXPECT_TRUE(error > -total && error < total) << share.authority_id;
      sum += share.pence;
    }
    EXPECT_EQ(sum, cost);
  }
}

}  // namespace
}  // namespace fhub::frameworks
