#include "services/pricing/domain/offer_check.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/pricing/domain/rates.h"

namespace fhub::pricing {
namespace {

struct Component {
  RateComponent component;
  int64_t offered;
  int64_t book;
  int64_t max_pence;
};

std::array<Component, 4> Components(const OfferedRates& offered,
                                    const RateCard& card) {
  return {{
      {RateComponent::kAccommodationWeekly, offered.accommodation_weekly_pence,
       card.accommodation_weekly_pence, kMaxWeeklyPence},
      {RateComponent::kSupportHourly, offered.support_hourly_pence,
       card.support_hourly_pence, kMaxHourlyPence},
      {RateComponent::kWakingNightHourly, offered.waking_night_hourly_pence,
       card.waking_night_hourly_pence, kMaxHourlyPence},
      {RateComponent::kSleepInNightly, offered.sleep_in_nightly_pence,
       card.sleep_in_nightly_pence, kMaxNightlyPence},
  }};
}

}  // namespace

absl::Status ValidateOfferedRates(const OfferedRates& offered) {
  for (const Component& c : Components(offered, RateCard())) {
    if (c.offered < 0 || c.offered > c.max_pence) {
      return absl::InvalidArgumentError(absl::StrCat(
          "offered.", NameOf(kRateComponents, c.component),
          " must be from 0 to ", c.max_pence, " pence, got ", c.offered));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<OfferCheck> CheckOffer(const std::optional<RateCard>& card,
                                      const OfferedRates& offered,
                                      const PricingPolicy& policy) {
  FHUB_RETURN_IF_ERROR(ValidateOfferedRates(offered));
  OfferCheck check;
  if (!card.has_value()) {
    check.outcome = policy.allow_spot_prices
                        ? OfferOutcome::kNoPriceBookSpotAllowed
                        : OfferOutcome::kNoPriceBookSpotRefused;
    return check;
  }
  check.card_version = card->version;
  for (const Component& c : Components(offered, *card)) {
    if (c.offered > c.book) {
      check.exceeding.push_back({c.component, c.offered, c.book});
    }
  }
  check.outcome = check.exceeding.empty() ? OfferOutcome::kWithinPriceBook
                                          : OfferOutcome::kExceedsPriceBook;
  return check;
}

}  // namespace fhub::pricing
