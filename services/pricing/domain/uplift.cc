#include "services/pricing/domain/uplift.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/pricing/domain/rates.h"

namespace fhub::pricing {

int64_t UpliftAmount(int64_t amount_pence, int basis_points,
                     RoundingRule rule) {
  return DivideRounded(amount_pence * (10000 + basis_points), 10000, rule);
}

absl::StatusOr<RateCard> UpliftCard(const RateCard& card_in_force,
                                    int basis_points, RoundingRule rule,
                                    absl::CivilDay effective_from) {
  if (basis_points < kMinUpliftBasisPoints ||
      basis_points > kMaxUpliftBasisPoints) {
    return absl::InvalidArgumentError(absl::StrCat(
        "uplift.basis_points must be from ", kMinUpliftBasisPoints, " to ",
        kMaxUpliftBasisPoints, " (-50% to +100%), got ", basis_points));
  }
  if (effective_from < card_in_force.effective_from) {
    return absl::InvalidArgumentError(absl::StrCat(
        "uplift.effective_from (", absl::FormatCivilTime(effective_from),
        ") is before rate card version ", card_in_force.version,
        " comes into force (",
        absl::FormatCivilTime(card_in_force.effective_from), ")"));
  }
  // Uplifting amounts out of bounds would overflow nothing but mean nothing.
  FHUB_RETURN_IF_ERROR(ValidateRates(card_in_force));
  const auto up = [&](int64_t amount) {
    return UpliftAmount(amount, basis_points, rule);
  };
  RateCard next = card_in_force;
  next.version = card_in_force.version + 1;
  next.effective_from = effective_from;
  next.accommodation_weekly_pence =
      up(card_in_force.accommodation_weekly_pence);
  next.support_hourly_pence = up(card_in_force.support_hourly_pence);
  next.waking_night_hourly_pence = up(card_in_force.waking_night_hourly_pence);
  next.sleep_in_nightly_pence = up(card_in_force.sleep_in_nightly_pence);
  for (Extra& extra : next.extras) extra.amount_pence = up(extra.amount_pence);
  next.create_time = absl::Time();
  next.update_time = absl::Time();
  const absl::Status bounds = ValidateRates(next);
  if (!bounds.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("uplift.basis_points of ", basis_points,
                     " takes a rate past its bound (", bounds.message(), ")"));
  }
  return next;
}

}  // namespace fhub::pricing
