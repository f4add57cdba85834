#pragma once

// Proto <-> domain for the pricing API. Conversions from proto check what
// the proto cannot say (dates are real, enums are set) and name the field
// as the API spells it; the domain checks the rest.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fhub/pricing/v1/pricing.pb.h"
#include "services/pricing/domain/benchmark.h"
#include "services/pricing/domain/model.h"
#include "services/pricing/domain/money.h"
#include "services/pricing/domain/offer_check.h"
#include "services/pricing/domain/quote.h"
#include "services/pricing/storage/pricing_store.h"

namespace fhub::pricing {


// "priceBooks/12"; "priceBooks/12/rateCards/3".
std::string BookName(int64_t book_id);
std::string CardName(int64_t book_id, int version);

// "priceBooks/12/rateCards/3" -> (12 as text, 3); INVALID_ARGUMENT naming
// `field` otherwise.
absl::StatusOr<std::pair<std::string, int>> ParseCardName(
    absl::string_view field, absl::string_view name);

// Which book a price applies to, as ids.
struct Scope {
  std::string authority_id;
  std::string provider_id;
  std::string framework_id;
  std::string lot_id;
  std::string setting_id;
};
// Authority, provider and framework are required names; lot_id, when
// given, is an id; setting, when given, is a setting of the provider.
absl::StatusOr<Scope> FromProto(const v1::PriceScope& scope);

// A new book's scope and start date (status and times are the service's).
absl::StatusOr<PriceBook> FromProto(const v1::PriceBook& book);
// A card's date, rates and extras, fields named under `field` ("rate_card",
// "first_card"); an unset date stays default when `date_optional`.
absl::StatusOr<RateCard> FromProto(absl::string_view field,
                                   const v1::RateCard& card,
                                   bool date_optional);
absl::StatusOr<Package> FromProto(const v1::Package& package);
OfferedRates FromProto(const v1::OfferedRates& offered);
absl::StatusOr<RoundingRule> FromProto(v1::RoundingRule rule);

void ToProto(const RateCard& card, v1::RateCard* out);
void ToProto(const BookRecord& record, v1::PriceBook* out);
void ToProto(const PolicyRecord& record, v1::PricingPolicy* out);
void ToProto(const QuoteLine& line, v1::QuoteLine* out);
void ToProto(const RateStatistics& statistics, v1::RateStatistics* out);

}  // namespace fhub::pricing
