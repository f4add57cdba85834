#pragma once

// Whole-penny division, the one place pricing rounds. Every amount in
// pricing is int64 pence and every rate is a product of pence and a whole
// quantity (minutes, nights, days, basis points), so an exact result is a
// fraction numerator / denominator that is rounded once, here, and never
// through floating point.

#include <array>
#include <cstdint>

#include "common/enum_names.h"

namespace fhub::pricing {

// How a fraction of a penny becomes whole pence.
enum class RoundingRule {
  kNearestPenny,  // to the nearest penny; exactly half a penny rounds up
  kDown,          // towards zero (the amounts rounded are never negative)
  kUp,            // away from zero
};
inline constexpr std::array<EnumName<RoundingRule>, 3> kRoundingRules = {{
    {RoundingRule::kNearestPenny, "NEAREST_PENNY"},
    {RoundingRule::kDown, "DOWN"},
    {RoundingRule::kUp, "UP"},
}};

// numerator / denominator rounded by `rule`, for numerator >= 0 and
// denominator > 0 (the callers' amounts and quantities are never negative).
// The caller keeps 2 * numerator + denominator within int64; each caller
// documents the bound that guarantees it.
constexpr int64_t DivideRounded(int64_t numerator, int64_t denominator,
                                RoundingRule rule) {
  switch (rule) {
    case RoundingRule::kDown:
      return numerator / denominator;
    case RoundingRule::kUp:
      return (numerator + denominator - 1) / denominator;
    case RoundingRule::kNearestPenny:
    default:
      // floor(n / d + 1/2) = floor((2n + d) / 2d): halves go up.
      return (2 * numerator + denominator) / (2 * denominator);
  }
}

// numerator / denominator to the nearest penny, halves up.
constexpr int64_t DivideToNearestPenny(int64_t numerator, int64_t denominator) {
  return DivideRounded(numerator, denominator, RoundingRule::kNearestPenny);
}

}  // namespace fhub::pricing
