#pragma once

// An authority's percentage uplift of its prices from a date: a new card on
// each book, never a change to a card already in force.
//
// The uplift is given in basis points (250 is 2.5%, -250 is a 2.5% cut),
// from kMinUpliftBasisPoints to kMaxUpliftBasisPoints (-50% to +100%). Every
// rate and every extra amount of the card in force becomes
//
//   amount x (10000 + basis_points) / 10000
//
// computed exactly in integers and rounded once by the chosen rule
// (money.h): NEAREST_PENNY (halves up), DOWN or UP. E.g. +2.5% of 1850p is
// 1896.25p: NEAREST 1896, DOWN 1896, UP 1897; -2.5% of 1001p is 975.975p:
// NEAREST 976, DOWN 975, UP 976. The multiplier is at least 5000 so no
// amount becomes negative, and amounts are at most 10,000,000p so the
// product is at most 2 x 10^11.

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/pricing/domain/model.h"
#include "services/pricing/domain/money.h"

namespace fhub::pricing {

inline constexpr int kMinUpliftBasisPoints = -5000;
inline constexpr int kMaxUpliftBasisPoints = 10000;

// `amount_pence` uplifted by `basis_points` and rounded by `rule`; the
// caller has checked the basis points and that amount_pence >= 0.
int64_t UpliftAmount(int64_t amount_pence, int basis_points, RoundingRule rule);

// The card that follows `card_in_force` from `effective_from`: its rates
// and extras uplifted, version card_in_force.version + 1 (PrepareNewCard
// gives the final version when the card is stored). INVALID_ARGUMENT naming
// "uplift.basis_points" outside the range, "uplift.effective_from" if it is
// before card_in_force's own date (that card is not in force then), and
// "uplift.basis_points" with the field that would break its bound (e.g.
// "rate_card.support_hourly_pence") if a result would exceed rates.h's
// bounds.
absl::StatusOr<RateCard> UpliftCard(const RateCard& card_in_force,
                                    int basis_points, RoundingRule rule,
                                    absl::CivilDay effective_from);

}  // namespace fhub::pricing
