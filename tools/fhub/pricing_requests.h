#pragma once

// The requests of the pricing commands (pricing_commands.cc), one builder a
// command, each from the command's arguments and flags. As with the
// registry's (registry_requests.h), a builder checks everything it can
// before any call: bad input is INVALID_ARGUMENT naming the argument or
// flag, which the command reports as a usage error, and builders of writes
// set the request id (WriteRequestId, session.h). Money is whole pence,
// dates YYYY-MM-DD.

#include <string>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "fhub/pricing/v1/pricing.pb.h"
#include "tools/fhub/command.h"

// --setting, --accommodation_weekly_pence, --support_hourly_pence and
// --support_minutes, also read by the referrals commands
// (referrals_requests.cc).
ABSL_DECLARE_FLAG(std::string, setting);
ABSL_DECLARE_FLAG(std::string, accommodation_weekly_pence);
ABSL_DECLARE_FLAG(std::string, support_hourly_pence);
ABSL_DECLARE_FLAG(std::string, support_minutes);

namespace fhub::cli {

// --- Price books and rate cards ----------------------------------------------

// `price-books create --authority A --provider P --framework F [--lot L]
// [--setting S] --from YYYY-MM-DD <rates> [--extras ... | --file ...]`.
absl::StatusOr<pricing::v1::CreatePriceBookRequest> BuildCreatePriceBook(
    const Args& args);

// `price-books get priceBooks/N`.
absl::StatusOr<pricing::v1::GetPriceBookRequest> BuildGetPriceBook(
    const Args& args);

// `price-books list [--framework F]`.
absl::StatusOr<pricing::v1::ListPriceBooksRequest> BuildListPriceBooks(
    const Args& args);

// `price-books accept priceBooks/N`.
absl::StatusOr<pricing::v1::AcceptPriceBookRequest> BuildAcceptPriceBook(
    const Args& args);

// `rate-cards add priceBooks/N --from YYYY-MM-DD <rates> [extras]`.
absl::StatusOr<pricing::v1::AddRateCardRequest> BuildAddRateCard(
    const Args& args);

// `rate-cards correct priceBooks/N/rateCards/V <rates> [extras]`: no
// --from, since a correction never moves a card.
absl::StatusOr<pricing::v1::CorrectRateCardRequest> BuildCorrectRateCard(
    const Args& args);

// `uplift authorities/A --basis_points N --rounding R --from YYYY-MM-DD
// [--price_books priceBooks/1,...]`.
absl::StatusOr<pricing::v1::ApplyUpliftRequest> BuildApplyUplift(
    const Args& args);

// --- Policy ------------------------------------------------------------------

// `pricing-policy set authorities/A --spot_prices allow|refuse`.
absl::StatusOr<pricing::v1::SetPricingPolicyRequest> BuildSetPricingPolicy(
    const Args& args);

// `pricing-policy get authorities/A`.
absl::StatusOr<pricing::v1::GetPricingPolicyRequest> BuildGetPricingPolicy(
    const Args& args);

// --- Quotes, offer checks and benchmarks -------------------------------------

// `quote <scope> --date YYYY-MM-DD <package>`.
absl::StatusOr<pricing::v1::QuoteRequest> BuildQuote(const Args& args);

// `quote-range <scope> --from YYYY-MM-DD --to YYYY-MM-DD <package>`.
absl::StatusOr<pricing::v1::QuoteRangeRequest> BuildQuoteRange(
    const Args& args);

// `check-offer <scope> --date YYYY-MM-DD <rates>`.
absl::StatusOr<pricing::v1::CheckOfferRequest> BuildCheckOffer(
    const Args& args);

// `benchmark frameworks/F --lot L [--date YYYY-MM-DD]`.
absl::StatusOr<pricing::v1::GetBenchmarkRequest> BuildGetBenchmark(
    const Args& args);

}  // namespace fhub::cli
