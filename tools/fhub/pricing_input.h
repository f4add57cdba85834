#pragma once

// The input only the pricing commands read (pricing_requests.cc): money in
// whole pence, counts, basis points, extras and lists of price books. Every
// error is INVALID_ARGUMENT naming the flag, as in input.h. Only the form is
// checked here; the pricing service checks the bounds of each rate.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fhub/pricing/v1/pricing.pb.h"

namespace fhub::cli {

// Pricing's resource names, as patterns for CheckNamePattern (input.h).
inline constexpr char kPriceBookName[] = "priceBooks/{number}";
inline constexpr char kRateCardName[] =
    "priceBooks/{number}/rateCards/{number}";

// "1850" -> 1850. Money is whole pence written in digits only, so "18.50",
// "£18.50", "-5" and "1,850" are refused, with a hint that £18.50 is 1850;
// an empty `text` is "<flag> is required".
absl::StatusOr<int64_t> ParsePence(absl::string_view flag,
                                   absl::string_view text);

// "450" -> 450: a whole number from 0 to `max` in digits only; an empty
// `text` gives 0.
absl::StatusOr<int64_t> ParseCount(absl::string_view flag,
                                   absl::string_view text, int64_t max);

// "250" -> 250 (2.5%), "-100" -> -100: a whole number of basis points,
// required; "2.5" is refused with a hint that 2.5% is 250.
absl::StatusOr<int32_t> ParseBasisPoints(absl::string_view flag,
                                         absl::string_view text);

// "Bills allowance=2500:WEEKLY,Setup=10000:one_off" -> two extras: items
// NAME=PENCE:KIND separated by commas, the kind WEEKLY or ONE_OFF in any
// case, no name twice; an empty `text` gives none. A name may hold '=' or
// ':' (the last of each separates), not ','.
absl::StatusOr<std::vector<pricing::v1::Extra>> ParseExtras(
    absl::string_view flag, absl::string_view text);

// "Bills allowance,Setup" -> the names of a card's extras, none twice; an
// empty `text` gives none.
absl::StatusOr<std::vector<std::string>> ParseExtraNames(
    absl::string_view flag, absl::string_view text);

// "priceBooks/1,priceBooks/2" -> the names, each a price book, none twice;
// an empty `text` gives none.
absl::StatusOr<std::vector<std::string>> ParsePriceBookNames(
    absl::string_view flag, absl::string_view text);

// "allow" -> true, "refuse" -> false, in any case; required.
absl::StatusOr<bool> ParseSpotPrices(absl::string_view flag,
                                     absl::string_view text);

}  // namespace fhub::cli
