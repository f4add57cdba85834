// Pricing's request conversion and validation from any bytes: a new book
// and its first card (CreatePriceBook), a card (AddRateCard), a quote's
// scope and package priced against the card (Quote).

#include "fhub/pricing/v1/pricing.pb.h"
#include "fuzz/fuzz_input.h"
#include "services/pricing/api/convert.h"
#include "services/pricing/domain/quote.h"
#include "services/pricing/domain/rates.h"

namespace fhub::pricing {
namespace {

int FuzzOne(const uint8_t* data, size_t size) {
  fhub::fuzz::Input in;
  if (!fhub::fuzz::Split(data, size, &in)) return 0;
  switch (in.which % 3) {
    case 0: {
      v1::CreatePriceBookRequest request;
      if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
      fhub::fuzz::Check(FromProto(request.price_book()).status(),
                        "FromProto(PriceBook)");
      auto card = FromProto("first_card", request.first_card(), true);
      fhub::fuzz::Check(card.status(), "FromProto(RateCard)");
      if (card.ok()) fhub::fuzz::Check(ValidateRates(*card), "ValidateRates");
      break;
    }
    case 1: {
      v1::AddRateCardRequest request;
      if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
      auto card = FromProto("rate_card", request.rate_card(), false);
      fhub::fuzz::Check(card.status(), "FromProto(RateCard)");
      if (card.ok()) fhub::fuzz::Check(ValidateRates(*card), "ValidateRates");
      break;
    }
    default: {
      // A quote: the card and the package both from the input, the card as
      // a CreatePriceBook's first card after the package's bytes.
      v1::QuoteRequest request;
      if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
      fhub::fuzz::Check(FromProto(request.scope()).status(),
                        "FromProto(PriceScope)");
      auto package = FromProto(request.package());
      fhub::fuzz::Check(package.status(), "FromProto(Package)");
      if (!package.ok()) break;
      RateCard card;
      card.accommodation_weekly_pence = 85000;
      card.support_hourly_pence = 1850;
      card.waking_night_hourly_pence = 2000;
      card.sleep_in_nightly_pence = 9000;
      if (!ValidatePackage(card, *package).ok()) break;
      fhub::fuzz::Check(WeeklyQuote(card, *package).status(), "WeeklyQuote");
      break;
    }
  }
  return 0;
}

}  // namespace
}  // namespace fhub::pricing

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fhub::pricing::FuzzOne(data, size);
}
