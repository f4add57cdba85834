#include "services/pricing/domain/quote.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/pricing/domain/money.h"
#include "services/pricing/domain/rates.h"

namespace fhub::pricing {
namespace {

QuoteLine TimeLine(absl::string_view label, int64_t hourly_pence,
                   int64_t minutes) {
  // At most 59,523 x 10,080 (rates.h): no overflow.
  return {std::string(label),
          absl::StrCat(minutes, " min at ", hourly_pence, "p/h"),
          DivideToNearestPenny(hourly_pence * minutes, 60)};
}

// Cards sorted by date (then version), so that the card after one in force
// is the next element.
std::vector<RateCard> ByDate(std::vector<RateCard> cards) {
  std::sort(cards.begin(), cards.end(),
            [](const RateCard& a, const RateCard& b) {
              return a.effective_from != b.effective_from
                         ? a.effective_from < b.effective_from
                         : a.version < b.version;
            });
  return cards;
}

}  // namespace

absl::StatusOr<Quote> WeeklyQuote(const RateCard& card,
                                  const Package& package) {
  FHUB_RETURN_IF_ERROR(ValidateRates(card));
  FHUB_RETURN_IF_ERROR(ValidatePackage(card, package));
  Quote quote;
  quote.card_version = card.version;
  quote.lines.push_back(
      {"accommodation",
       absl::StrCat("1 week at ", card.accommodation_weekly_pence, "p/wk"),
       card.accommodation_weekly_pence});
  quote.lines.push_back(TimeLine("support", card.support_hourly_pence,
                                 package.support_minutes_per_week));
  quote.lines.push_back(TimeLine("waking night", card.waking_night_hourly_pence,
                                 package.waking_night_minutes_per_week));
  quote.lines.push_back(
      {"sleep-in",
       absl::StrCat(package.sleep_in_nights_per_week, " nights at ",
                    card.sleep_in_nightly_pence, "p/night"),
       card.sleep_in_nightly_pence * package.sleep_in_nights_per_week});
  for (const std::string& name : package.extras) {
    const Extra& extra = *FindExtra(card, name);
    if (extra.kind == ExtraKind::kWeekly) {
      quote.lines.push_back({extra.name, "weekly", extra.amount_pence});
    } else {
      quote.one_off_lines.push_back(
          {extra.name, "one-off", extra.amount_pence});
      quote.one_off_total_pence += extra.amount_pence;
    }
  }
  for (const QuoteLine& line : quote.lines) {
    quote.weekly_total_pence += line.amount_pence;
  }
  return quote;
}

absl::StatusOr<RangeCost> RangeQuote(const std::vector<RateCard>& cards,
                                     const Package& package,
                                     absl::CivilDay first_day,
                                     absl::CivilDay last_day) {
  if (last_day < first_day) {
    return absl::InvalidArgumentError(
        absl::StrCat("last_day (", absl::FormatCivilTime(last_day),
                     ") must not be before first_day (",
                     absl::FormatCivilTime(first_day), ")"));
  }
  if (last_day - first_day > kMaxRangeDaysAfterFirst) {
    return absl::InvalidArgumentError(
        absl::StrCat("last_day must be at most ", kMaxRangeDaysAfterFirst,
                     " days (three years) after first_day"));
  }
  const std::vector<RateCard> sorted = ByDate(cards);
  RangeCost cost;
  absl::CivilDay day = first_day;
  while (day <= last_day) {
    std::optional<RateCard> card = CardOn(sorted, day);
    if (!card.has_value()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "no rate card is in force on ", absl::FormatCivilTime(day)));
    }
    absl::CivilDay segment_last = last_day;
    for (const RateCard& next : sorted) {
      if (next.effective_from > day) {
        segment_last = std::min(segment_last, next.effective_from - 1);
        break;
      }
    }
    FHUB_ASSIGN_OR_RETURN(const Quote week, WeeklyQuote(*card, package));
    RangeSegment segment;
    segment.first_day = day;
    segment.last_day = segment_last;
    segment.days = segment_last - day + 1;
    segment.card_version = card->version;
    segment.weekly_total_pence = week.weekly_total_pence;
    segment.cost_pence =
        DivideToNearestPenny(week.weekly_total_pence * segment.days, 7);
    cost.total_pence += segment.cost_pence;
    cost.segments.push_back(segment);
    day = segment_last + 1;
  }
  return cost;
}

}  // namespace fhub::pricing
