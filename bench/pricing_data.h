#pragma once

// The data of pricing_quote_bench (pricing_quote.cc): price books of six
// authorities with 1,700 providers on two frameworks, each with one to three
// effective-dated rate cards, stored through PricingStore; and the Quote
// requests asked of them, each with the book and card it must be priced
// under. Books and requests depend only on the seed and today's date.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "fhub/pricing/v1/pricing.pb.h"
#include "services/pricing/storage/pricing_store.h"

namespace fhub::bench {

// The books of one (authority, provider, framework) triple: what one
// Quote's statement reads.
struct PricingScope {
  std::string authority_id;
  std::string provider_id;
  std::string framework_id;
  // General, lot and setting books, each with its cards in version order.
  std::vector<pricing::BookRecord> books;
};

struct PricingPlan {
  std::vector<PricingScope> scopes;
  int books = 0, general_books = 0, lot_books = 0, setting_books = 0;
  int cards = 0, cards_with_extras = 0;
};

// `books` ACCEPTED books spread over pairs of the six authorities and 1,700
// providers taken in a random order, one framework per pair: most pairs
// have a general book, some a lot book or two, some a setting book (with or
// without a lot). Books started between 2 and 36 months before `today`;
// each has 1-3 cards a year or so apart (the last may be in the future) and
// 0-4 extras, weekly or one-off, on every card.
PricingPlan PlanPriceBooks(uint64_t seed, int books, absl::CivilDay today,
                           absl::Time now);

// Stores `plan` through `store`, `batch` books per transaction, and sets
// the ids of its books and cards.
absl::Status SeedPriceBooks(db::Pool& pool, pricing::PricingStore& store,
                            PricingPlan& plan, int batch);

// A Quote request and what it must answer.
struct QuoteCase {
  pricing::v1::QuoteRequest request;
  std::string price_book;  // "priceBooks/{id}"
  std::string rate_card;   // "priceBooks/{id}/rateCards/{version}"
};

// `count` requests, each for a random seeded scope, with a lot of its
// framework, sometimes a setting, a day from two years before `today` to
// one year after, and a package of support, waking nights, sleep-ins and
// some of the extras on the card in force; only requests some book
// applies to are kept.
std::vector<QuoteCase> QuoteCases(const PricingPlan& plan, uint64_t seed,
                                  int count, absl::CivilDay today);

}  // namespace fhub::bench
