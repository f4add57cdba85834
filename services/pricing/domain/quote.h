#pragma once

// The cost of a package under a rate card: one week line by line, and any
// range of days that may cross card changes.
//
// Rounding, written down once:
//   - A time-based line is computed exactly in integers and rounded once to
//     the nearest penny, halves up:
//       support      = round(support_hourly_pence x support_minutes / 60)
//       waking night = round(waking_night_hourly_pence x waking_minutes / 60)
//     e.g. 1850p/h x 450 min / 60 = 13875p exactly; 1999p/h x 20 min / 60 =
//     666.33p -> 666p; 1999p/h x 50 min / 60 = 1665.83p -> 1666p;
//     1999p/h x 30 min / 60 = 999.5p -> 1000p.
//   - Accommodation, sleep-in (nightly x nights) and weekly extras are whole
//     pence already.
//   - The weekly total is the sum of the rounded weekly lines (so the lines
//     always add up to the total).
//   - One-off extras are listed apart and are in neither the weekly total
//     nor any range cost.
//   - A range is split into segments of consecutive days under one card;
//     a segment costs round(weekly_total x days / 7), to the nearest penny
//     halves up, rounded once per segment; the range total is the sum of
//     the segments' costs.
// Lines appear in the order accommodation, support, waking night, sleep-in,
// then the package's extras in the order the package names them. A line is
// listed even when it is 0p, so a quote always shows the same rows.
//
// Overflow: with the bounds of rates.h a weekly total is at most
// 240,000,000p and a range at most kMaxRangeDaysAfterFirst + 1 days, so
// weekly_total x days < 3 x 10^11, far inside int64.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/pricing/domain/model.h"

namespace fhub::pricing {

// A range ends at most three years (3 x 365 + 1 days) after it starts.
inline constexpr int64_t kMaxRangeDaysAfterFirst = 3 * 365 + 1;

struct QuoteLine {
  // "accommodation", "support", "waking night", "sleep-in" or the extra's
  // name.
  std::string label;
  // How the amount was reached, e.g. "450 min at 1850p/h".
  std::string basis;
  int64_t amount_pence = 0;
};

struct Quote {
  int card_version = 0;
  std::vector<QuoteLine> lines;  // weekly
  int64_t weekly_total_pence = 0;
  std::vector<QuoteLine> one_off_lines;
  int64_t one_off_total_pence = 0;
};

// One week of `package` under `card`. INVALID_ARGUMENT as ValidatePackage
// (and ValidateRates for a card out of bounds).
absl::StatusOr<Quote> WeeklyQuote(const RateCard& card, const Package& package);

// Consecutive days of a range under one card.
struct RangeSegment {
  absl::CivilDay first_day;
  absl::CivilDay last_day;  // inclusive
  int64_t days = 0;
  int card_version = 0;
  int64_t weekly_total_pence = 0;
  // round(weekly_total_pence x days / 7), halves up.
  int64_t cost_pence = 0;
};

struct RangeCost {
  std::vector<RangeSegment> segments;  // in date order
  int64_t total_pence = 0;             // sum of the segments' costs
};

// `package` from `first_day` to `last_day` inclusive under the cards in
// force on each day (CardOn), one-off extras excluded. INVALID_ARGUMENT
// naming "last_day" if it is before `first_day` or more than
// kMaxRangeDaysAfterFirst days after it; FAILED_PRECONDITION if some day of
// the range has no card in force (it names the first such day); the
// package must be valid under every card used (ValidatePackage).
absl::StatusOr<RangeCost> RangeQuote(const std::vector<RateCard>& cards,
                                     const Package& package,
                                     absl::CivilDay first_day,
                                     absl::CivilDay last_day);

}  // namespace fhub::pricing
