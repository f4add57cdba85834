#pragma once

// Every SQL statement of the pricing service, prepared once per connection
// (search_path "pricing"). Instants come out as microseconds since the epoch
// (*_us columns); nullable instants go in as text, '' for NULL. Extras are
// jsonb and come out as JSON text.
//
// A book comes with its cards in one statement: the book's columns and then
// a card's (all NULL for a book without cards), one row per card, grouped by
// book and in version order within a book, read by position (kBook*,
// kCard* in pricing_store.cc).

#include "common/db/pool.h"

namespace fhub::pricing::queries {

using db::Query;

#define FHUB_US(column) "(extract(epoch FROM " column ") * 1000000)::bigint"

// --- Policies ----------------------------------------------------------------

inline constexpr Query kPutPolicy{"put_pricing_policy", R"sql(
INSERT INTO pricing_policies (authority_id, allow_spot_prices, update_time)
VALUES ($1, $2, $3::timestamptz)
ON CONFLICT (authority_id) DO UPDATE
SET allow_spot_prices = EXCLUDED.allow_spot_prices,
    update_time = EXCLUDED.update_time)sql"};

inline constexpr Query kFindPolicy{
    "find_pricing_policy",
    "SELECT authority_id, allow_spot_prices, " FHUB_US("update_time")
    " AS update_us FROM pricing_policies WHERE authority_id = $1"};

// Whether authority $1 allows spot prices, NULL if it never said: through
// a function (V003), so that a provider checking an offer learns that and
// nothing else of the authority's policy.
inline constexpr Query kAllowsSpotPrices{
    "allows_spot_prices", "SELECT authority_allows_spot_prices($1)"};

// --- Books -------------------------------------------------------------------

// Nothing comes back when the scope already has a book.
inline constexpr Query kInsertBook{"insert_price_book", R"sql(
INSERT INTO price_books (authority_id, provider_id, framework_id, lot_id,
                         setting_id, start_date, status, create_time,
                         accept_time, accepted_by)
VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8::timestamptz,
        NULLIF($9, '')::timestamptz, $10)
ON CONFLICT DO NOTHING
RETURNING price_book_id)sql"};

inline constexpr Query kUpdateBookAcceptance{"update_price_book_acceptance",
                                             R"sql(
UPDATE price_books
SET status = $2, accept_time = NULLIF($3, '')::timestamptz, accepted_by = $4
WHERE price_book_id = $1)sql"};

// A book's columns (b) then a card's (c), by position.
#define FHUB_BOOK_CARD_COLUMNS \
  "b.price_book_id, b.authority_id, b.provider_id, b.framework_id, "       \
  "b.lot_id, b.setting_id, b.start_date, b.status, "                       \
  FHUB_US("b.create_time") ", " FHUB_US("b.accept_time") ", "              \
  "b.accepted_by, c.version, c.effective_from, "                           \
  "c.accommodation_weekly_pence, c.support_hourly_pence, "                 \
  "c.waking_night_hourly_pence, c.sleep_in_nightly_pence, c.extras, "      \
  FHUB_US("c.create_time") ", " FHUB_US("c.update_time")

// Each book's cards, by the cards' primary key (book, version): a lateral
// read per book, never a scan of every card.
#define FHUB_WITH_CARDS                            \
  " LEFT JOIN LATERAL (SELECT * FROM rate_cards r" \
  "   WHERE r.price_book_id = b.price_book_id ORDER BY r.version) c ON true"

inline constexpr Query kFindBook{"find_price_book",
                                 "SELECT " FHUB_BOOK_CARD_COLUMNS
                                 " FROM price_books b" FHUB_WITH_CARDS
                                 " WHERE b.price_book_id = $1"
                                 " ORDER BY c.version"};

inline constexpr Query kFindBookForUpdate{
    "find_price_book_for_update",
    "SELECT " FHUB_BOOK_CARD_COLUMNS " FROM price_books b" FHUB_WITH_CARDS
    " WHERE b.price_book_id = $1"
    " ORDER BY c.version FOR UPDATE OF b"};

// $2: one framework, or '' for all; ids below $3, newest first, $4 books.
inline constexpr Query kListAuthorityBooks{
    "list_authority_price_books",
    "WITH b AS ("
    "  SELECT * FROM price_books"
    "  WHERE authority_id = $1 AND ($2 = '' OR framework_id = $2)"
    "    AND price_book_id < $3"
    "  ORDER BY price_book_id DESC LIMIT $4)"
    " SELECT " FHUB_BOOK_CARD_COLUMNS " FROM b" FHUB_WITH_CARDS
    " ORDER BY b.price_book_id DESC, c.version"};

inline constexpr Query kListProviderBooks{
    "list_provider_price_books",
    "WITH b AS ("
    "  SELECT * FROM price_books"
    "  WHERE provider_id = $1 AND ($2 = '' OR framework_id = $2)"
    "    AND price_book_id < $3"
    "  ORDER BY price_book_id DESC LIMIT $4)"
    " SELECT " FHUB_BOOK_CARD_COLUMNS " FROM b" FHUB_WITH_CARDS
    " ORDER BY b.price_book_id DESC, c.version"};

// The hot path of Quote, QuoteRange and CheckOffer: every book of the
// (authority, provider, framework) triple, found by the prefix of the
// scope's UNIQUE index, with its cards by their primary key.
inline constexpr Query kBooksForScope{"price_books_for_scope",
                                      "SELECT " FHUB_BOOK_CARD_COLUMNS
                                      " FROM price_books b" FHUB_WITH_CARDS
                                      " WHERE b.authority_id = $1"
                                      "   AND b.provider_id = $2"
                                      "   AND b.framework_id = $3"
                                      " ORDER BY b.price_book_id, c.version"};

// An uplift's books, locked, each with all its cards, in book order: every
// book of authority $1 with a card in force on $2 ...
inline constexpr Query kCardsInForceAll{
    "price_book_cards_in_force_all",
    "SELECT " FHUB_BOOK_CARD_COLUMNS " FROM price_books b" FHUB_WITH_CARDS
    " WHERE b.authority_id = $1"
    "   AND EXISTS (SELECT 1 FROM rate_cards f"
    "               WHERE f.price_book_id = b.price_book_id"
    "                 AND f.effective_from <= $2::date)"
    " ORDER BY b.price_book_id, c.version"
    " FOR UPDATE OF b"};

// ... or those of its books whose ids are in the bigint[] $2.
inline constexpr Query kCardsInForceListed{
    "price_book_cards_in_force_listed",
    "SELECT " FHUB_BOOK_CARD_COLUMNS " FROM price_books b" FHUB_WITH_CARDS
    " WHERE b.price_book_id = ANY ($2::bigint[]) AND b.authority_id = $1"
    " ORDER BY b.price_book_id, c.version"
    " FOR UPDATE OF b"};

// --- Cards -------------------------------------------------------------------

// One row: does the book exist, and was the card stored (not when the book
// already has that version or a card on that date).
inline constexpr Query kInsertCard{"insert_rate_card", R"sql(
WITH book AS (
  SELECT price_book_id FROM price_books WHERE price_book_id = $1),
stored AS (
  INSERT INTO rate_cards (price_book_id, version, effective_from,
                          accommodation_weekly_pence, support_hourly_pence,
                          waking_night_hourly_pence, sleep_in_nightly_pence,
                          extras, create_time, update_time)
  SELECT price_book_id, $2, $3::date, $4, $5, $6, $7, $8::jsonb,
         $9::timestamptz, $10::timestamptz
  FROM book
  ON CONFLICT DO NOTHING
  RETURNING 1)
SELECT EXISTS (SELECT 1 FROM book), EXISTS (SELECT 1 FROM stored))sql"};

inline constexpr Query kUpdateCard{"update_rate_card", R"sql(
UPDATE rate_cards
SET accommodation_weekly_pence = $3, support_hourly_pence = $4,
    waking_night_hourly_pence = $5, sleep_in_nightly_pence = $6,
    extras = $7::jsonb, update_time = $8::timestamptz
WHERE price_book_id = $1 AND version = $2)sql"};

// --- Benchmark ---------------------------------------------------------------

// One row per ACCEPTED book of framework $1 applying to lot $2 (naming it or
// no lot; any setting) that has started by $3, with its card in force on $3
// (the latest effective_from no later than $3, by the card's UNIQUE index);
// books with no card by then give no row.
inline constexpr Query kBenchmarkPoints{"benchmark_points", R"sql(
SELECT b.authority_id, b.provider_id, c.accommodation_weekly_pence,
       c.support_hourly_pence
FROM price_books b
CROSS JOIN LATERAL (
  SELECT accommodation_weekly_pence, support_hourly_pence
  FROM rate_cards
  WHERE price_book_id = b.price_book_id AND effective_from <= $3::date
  ORDER BY effective_from DESC
  LIMIT 1) c
WHERE b.framework_id = $1 AND b.lot_id IN ($2, '')
  AND b.status = 'ACCEPTED' AND b.start_date <= $3::date
ORDER BY b.price_book_id)sql"};

#undef FHUB_US
#undef FHUB_BOOK_CARD_COLUMNS
#undef FHUB_WITH_CARDS

inline constexpr Query kAll[] = {
    kPutPolicy,         kFindPolicy,           kAllowsSpotPrices,
    kInsertBook,        kUpdateBookAcceptance, kFindBook,
    kFindBookForUpdate, kListAuthorityBooks,   kListProviderBooks,
    kBooksForScope,     kCardsInForceAll,      kCardsInForceListed,
    kInsertCard,        kUpdateCard,           kBenchmarkPoints,
};

}  // namespace fhub::pricing::queries
