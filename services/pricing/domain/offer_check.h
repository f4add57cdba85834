#pragma once

// Is a provider's offer within the authority's price book?
//
// With a card in force, the offer is WITHIN_PRICE_BOOK when every component
// (accommodation per week, support per hour, waking night per hour,
// sleep-in per night) is equal to or lower than the card's; otherwise it
// EXCEEDS_PRICE_BOOK and each component above the card is listed with the
// offered and the book's value, in that order of components. Without a card
// (no book applies, or its first card is not yet in force) the authority's
// policy decides: NO_PRICE_BOOK_SPOT_ALLOWED or NO_PRICE_BOOK_SPOT_REFUSED.
// Extras are not part of an offer.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "common/enum_names.h"
#include "services/pricing/domain/model.h"

namespace fhub::pricing {

enum class OfferOutcome {
  kWithinPriceBook,
  kExceedsPriceBook,
  kNoPriceBookSpotAllowed,
  kNoPriceBookSpotRefused,
};
inline constexpr std::array<EnumName<OfferOutcome>, 4> kOfferOutcomes = {{
    {OfferOutcome::kWithinPriceBook, "WITHIN_PRICE_BOOK"},
    {OfferOutcome::kExceedsPriceBook, "EXCEEDS_PRICE_BOOK"},
    {OfferOutcome::kNoPriceBookSpotAllowed, "NO_PRICE_BOOK_SPOT_ALLOWED"},
    {OfferOutcome::kNoPriceBookSpotRefused, "NO_PRICE_BOOK_SPOT_REFUSED"},
}};

// The components of an offer, named as the API's fields.
enum class RateComponent {
  kAccommodationWeekly,
  kSupportHourly,
  kWakingNightHourly,
  kSleepInNightly,
};
inline constexpr std::array<EnumName<RateComponent>, 4> kRateComponents = {{
    {RateComponent::kAccommodationWeekly, "accommodation_weekly_pence"},
    {RateComponent::kSupportHourly, "support_hourly_pence"},
    {RateComponent::kWakingNightHourly, "waking_night_hourly_pence"},
    {RateComponent::kSleepInNightly, "sleep_in_nightly_pence"},
}};

struct OfferedRates {
  int64_t accommodation_weekly_pence = 0;
  int64_t support_hourly_pence = 0;
  int64_t waking_night_hourly_pence = 0;
  int64_t sleep_in_nightly_pence = 0;
};

struct ExceedingComponent {
  RateComponent component = RateComponent::kAccommodationWeekly;
  int64_t offered_pence = 0;
  int64_t price_book_pence = 0;
};

struct OfferCheck {
  OfferOutcome outcome = OfferOutcome::kNoPriceBookSpotRefused;
  std::vector<ExceedingComponent> exceeding;
  // The card compared against, if any.
  std::optional<int> card_version;
};

// INVALID_ARGUMENT naming "offered.<component>" unless each offered rate
// is within the bounds of rates.h (the same bounds as a card).
absl::Status ValidateOfferedRates(const OfferedRates& offered);

// The outcome for `offered` against `card` (the card in force on the day
// the offer would start under the book that applies, or none) and the
// buying authority's `policy`. ValidateOfferedRates first.
absl::StatusOr<OfferCheck> CheckOffer(const std::optional<RateCard>& card,
                                      const OfferedRates& offered,
                                      const PricingPolicy& policy);

}  // namespace fhub::pricing
