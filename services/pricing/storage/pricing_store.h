#pragma once

// What the pricing service keeps (migrations/V001__price_books_rate_cards.
// sql), and how it reads and changes it. Every method runs inside the
// caller's transaction (common/db/transaction.h), so a change and its audit
// record and event commit together. Book ids are assigned by the database;
// a book named by text that is not a positive number names nothing.
//
// A book always comes with all its cards, oldest (lowest version) first; the
// domain picks among them (SelectBook, CardOn, PrepareNewCard).
//
// Errors: NOT_FOUND when a Find* or Update* finds nothing, ALREADY_EXISTS
// when an Insert* meets a taken key; anything else the database raises goes
// through db::FromPqxx (UNAVAILABLE, ABORTED...).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"
#include "services/pricing/domain/benchmark.h"
#include "services/pricing/domain/model.h"

namespace fhub::pricing {

struct PolicyRecord {
  PricingPolicy policy;
  absl::Time update_time;
};

// A book and all its cards in version order.
struct BookRecord {
  PriceBook book;
  std::vector<RateCard> cards;
};

class PricingStore {
 public:
  // Statements to prepare on every connection of the service's pool.
  static std::vector<db::PreparedStatement> Statements();

  // --- Policies ------------------------------------------------------------
  // Inserts or replaces the authority's policy.
  absl::Status PutPolicy(db::Tx& tx, const PricingPolicy& policy,
                         absl::Time at);
  // std::nullopt when the authority has never set one.
  absl::StatusOr<std::optional<PolicyRecord>> FindPolicy(
      db::Tx& tx, const std::string& authority_id);
  // Whether the authority allows spot prices, read whoever the caller is
  // (checking an offer against its prices): false when it never said.
  absl::StatusOr<bool> AllowsSpotPrices(db::Tx& tx,
                                        const std::string& authority_id);

  // --- Books ---------------------------------------------------------------
  // Sets book.id. ALREADY_EXISTS if the authority already has a book with
  // the provider on the framework for the same lot and setting.
  absl::Status InsertBook(db::Tx& tx, PriceBook& book);
  // `id` as in "priceBooks/{id}"; `for_update` locks the book (not its
  // cards), which serializes changes to its cards.
  absl::StatusOr<BookRecord> FindBook(db::Tx& tx, const std::string& id,
                                      bool for_update);
  // Writes status, accept_time and accepted_by.
  absl::Status UpdateBookAcceptance(db::Tx& tx, const PriceBook& book);
  // An authority's books, on one framework or (empty) all, newest first,
  // ids below `before_id` (0: from the newest), at most `limit`.
  absl::StatusOr<std::vector<BookRecord>> ListAuthorityBooks(
      db::Tx& tx, const std::string& authority_id,
      const std::string& framework_id, int64_t before_id, int limit);
  // A provider's books, as ListAuthorityBooks.
  absl::StatusOr<std::vector<BookRecord>> ListProviderBooks(
      db::Tx& tx, const std::string& provider_id,
      const std::string& framework_id, int64_t before_id, int limit);
  // Every book (any status, any start) of the authority with the provider
  // on the framework, in id order: what SelectBook chooses from for Quote,
  // QuoteRange and CheckOffer. One statement.
  absl::StatusOr<std::vector<BookRecord>> BooksForScope(
      db::Tx& tx, const std::string& authority_id,
      const std::string& provider_id, const std::string& framework_id);
  // The books an uplift from `day` changes, locked FOR UPDATE so that two
  // uplifts (or an uplift and AddRateCard) cannot interleave, in id order:
  // with `book_ids` empty, every book of the authority with a card in force
  // on `day`; otherwise those of the listed books that are the authority's,
  // whatever their cards (the caller reports a listed book that is missing
  // or has no card in force). Ids that are not numbers name nothing.
  absl::StatusOr<std::vector<BookRecord>> CardsInForce(
      db::Tx& tx, const std::string& authority_id,
      const std::vector<std::string>& book_ids, absl::CivilDay day);

  // --- Cards ---------------------------------------------------------------
  // NOT_FOUND if the book does not exist; ALREADY_EXISTS if it already has
  // a card of that version or effective from that date.
  absl::Status InsertCard(db::Tx& tx, const RateCard& card);
  // Writes the rates, extras and update_time of the card (book_id, version).
  absl::Status UpdateCard(db::Tx& tx, const RateCard& card);

  // --- Benchmark -----------------------------------------------------------
  // One point per ACCEPTED book on the framework that applies to the lot
  // (naming it, or no lot; any setting) and has started by `day`, with the
  // rates of its card in force on `day`; books with no card by then give
  // none. In book id order.
  absl::StatusOr<std::vector<BenchmarkPoint>> BenchmarkPoints(
      db::Tx& tx, const std::string& framework_id, const std::string& lot_id,
      absl::CivilDay day);
};

}  // namespace fhub::pricing
