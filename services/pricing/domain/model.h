#pragma once

// The words of per-authority pricing (DESIGN.md section 3) as plain C++
// types: price books, their effective-dated rate cards, the packages that
// are priced against them, and each authority's pricing policy. Money is
// int64 pence throughout, never floating point. Authorities, frameworks,
// lots, providers and settings belong to other services and are named here
// by id.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/enum_names.h"

namespace fhub::pricing {

// PROPOSED by the buying authority until the provider ACCEPTS it.
enum class PriceBookStatus { kProposed, kAccepted };
inline constexpr std::array<EnumName<PriceBookStatus>, 2> kPriceBookStatuses = {
    {
        {PriceBookStatus::kProposed, "PROPOSED"},
        {PriceBookStatus::kAccepted, "ACCEPTED"},
    }};

// WEEKLY extras are part of every week's cost; ONE_OFF extras are charged
// once and are never part of a weekly total or a range cost.
enum class ExtraKind { kWeekly, kOneOff };
inline constexpr std::array<EnumName<ExtraKind>, 2> kExtraKinds = {{
    {ExtraKind::kWeekly, "WEEKLY"},
    {ExtraKind::kOneOff, "ONE_OFF"},
}};

// What one authority pays one provider under one framework, optionally
// narrowed to a lot or to one setting of the provider. At most one book per
// (authority, provider, framework, lot, setting).
struct PriceBook {
  int64_t id = 0;            // "priceBooks/{id}"; 0 until stored
  std::string authority_id;  // the buyer
  std::string provider_id;
  std::string framework_id;
  std::string lot_id;      // empty: every lot
  std::string setting_id;  // empty: every setting; a setting of the provider
  absl::CivilDay start_date;
  PriceBookStatus status = PriceBookStatus::kProposed;
  std::string accepted_by;  // subject of the provider's user
  absl::Time create_time;
  std::optional<absl::Time> accept_time;
};

// A named extra on a card, e.g. "Bills allowance".
struct Extra {
  std::string name;
  int64_t amount_pence = 0;
  ExtraKind kind = ExtraKind::kWeekly;
};

// A version of a book's prices, in force from `effective_from` until the
// next card's date.
struct RateCard {
  int64_t book_id = 0;
  int version = 0;  // 1, 2, ... in the order added
  absl::CivilDay effective_from;
  int64_t accommodation_weekly_pence = 0;
  // The fixed hourly support rate.
  int64_t support_hourly_pence = 0;
  int64_t waking_night_hourly_pence = 0;
  int64_t sleep_in_nightly_pence = 0;
  std::vector<Extra> extras;
  absl::Time create_time;
  absl::Time update_time;  // when last corrected
};

// What is priced, per week.
struct Package {
  int64_t support_minutes_per_week = 0;
  int64_t waking_night_minutes_per_week = 0;
  int sleep_in_nights_per_week = 0;
  // Names of the card's extras included.
  std::vector<std::string> extras;
};

// Whether an authority accepts offers from providers it has no price book
// with (spot prices). Refused until the authority says otherwise.
struct PricingPolicy {
  std::string authority_id;
  bool allow_spot_prices = false;
};

}  // namespace fhub::pricing
