#pragma once

// Rate cards: what a card may hold, when a new one may be added, which card
// is in force on a day, and when a card may still be corrected.
//
// Bounds. "Absurd rates (over £100,000 a week)" are refused, component by
// component, so that no single component can cost more than 10,000,000p in
// a week:
//   accommodation per week      0 to 10,000,000p
//   support per hour            0 to 59,523p     (floor(10,000,000 / 168))
//   waking night per hour       0 to 59,523p
//   sleep-in per night          0 to 1,428,571p  (floor(10,000,000 / 7))
//   each extra (weekly/one-off) 0 to 10,000,000p; at most 20 extras, named
//                               1 to 100 characters, names distinct.
// A package asks for 0 to 10,080 minutes (168 hours) of support and of
// waking night a week and 0 to 7 sleep-in nights. Hence a week's time-based
// line is at most 59,523 x 10,080 = 600,011,840 before division by 60, and
// a weekly total at most 4 x 10,000,000 + 20 x 10,000,000 = 240,000,000p;
// no product in pricing comes near int64's 9.2 x 10^18.
//
// Effective dating. A card is in force from its effective_from until the
// day before the next card's effective_from; the rate for a day is the card
// in force on that day, so a new version never changes what an earlier
// period cost. Two cards of one book never share a date (ALREADY_EXISTS).
// A card that is in force or has been (effective_from <= today) never
// changes; a future card may be corrected until its date comes.
//
// Checks about the request return INVALID_ARGUMENT naming the field as the
// API spells it ("rate_card.support_hourly_pence", "package.extras[1]");
// about the state of things, FAILED_PRECONDITION.

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/pricing/domain/model.h"

namespace fhub::pricing {

inline constexpr int64_t kMaxWeeklyPence = 10'000'000;  // £100,000
inline constexpr int64_t kHoursPerWeek = 168;
inline constexpr int64_t kMaxHourlyPence = kMaxWeeklyPence / kHoursPerWeek;
inline constexpr int64_t kMaxNightlyPence = kMaxWeeklyPence / 7;
inline constexpr int64_t kMaxExtraPence = kMaxWeeklyPence;
inline constexpr size_t kMaxExtras = 20;
inline constexpr size_t kMaxExtraNameLength = 100;
inline constexpr int64_t kMaxMinutesPerWeek = kHoursPerWeek * 60;
inline constexpr int kMaxNightsPerWeek = 7;

static_assert(kMaxHourlyPence == 59'523);
static_assert(kMaxNightlyPence == 1'428'571);

// The rates and extras of `card` within the bounds above, each refusal
// naming its field under "rate_card.". Dates, versions and times are not
// looked at.
absl::Status ValidateRates(const RateCard& card);

// `card` as it would be added to `book`, which already has `existing`
// cards: ValidateRates; INVALID_ARGUMENT naming rate_card.effective_from if
// it is dated before the book starts; ALREADY_EXISTS if a card of the book
// is already effective from that date; FAILED_PRECONDITION if the book
// already has cards and the new one is dated today or earlier (it would
// change what a period already begun cost; the first card of a book may
// date from the book's start). The result belongs to the book, has the next
// version (1 + the highest so far) and both times `at`.
absl::StatusOr<RateCard> PrepareNewCard(RateCard card, const PriceBook& book,
                                        const std::vector<RateCard>& existing,
                                        absl::CivilDay today, absl::Time at);

// FAILED_PRECONDITION unless `card` may still be corrected on `today`, that
// is its effective_from is after today.
absl::Status CheckCorrection(const RateCard& card, absl::CivilDay today);

// `current` with the rates and extras of `corrected`: CheckCorrection, then
// ValidateRates of `corrected`. The book, version, date and create_time stay
// as they were (a correction never moves a card); update_time becomes `at`.
absl::StatusOr<RateCard> CorrectCard(const RateCard& current,
                                     const RateCard& corrected,
                                     absl::CivilDay today, absl::Time at);

// The card in force on `day`: the one with the latest effective_from no
// later than `day` (of two with one date, which PrepareNewCard never lets
// happen, the higher version). None if every card starts after `day`.
std::optional<RateCard> CardOn(const std::vector<RateCard>& cards,
                               absl::CivilDay day);

// `package` may be priced against `card`: support and waking-night minutes
// 0 to kMaxMinutesPerWeek, nights 0 to kMaxNightsPerWeek, and every extra
// named is an extra of the card, named once (INVALID_ARGUMENT naming
// "package.extras[i]").
absl::Status ValidatePackage(const RateCard& card, const Package& package);

// The extra of `card` named `name`, or null.
const Extra* FindExtra(const RateCard& card, absl::string_view name);

}  // namespace fhub::pricing
