#include "services/pricing/storage/pricing_store.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/change.h"
#include "common/db/outbox.h"
#include "common/db/values.h"
#include "services/pricing/storage/queries.h"

namespace fhub::pricing {
namespace {

namespace q = queries;
using Json = nlohmann::json;

// Columns of a book-and-card row (FHUB_BOOK_CARD_COLUMNS), by position.
enum BookCardColumn {
  kBookId,
  kBookAuthority,
  kBookProvider,
  kBookFramework,
  kBookLot,
  kBookSetting,
  kBookStart,
  kBookStatus,
  kBookCreateUs,
  kBookAcceptUs,
  kBookAcceptedBy,
  kCardVersion,
  kCardEffectiveFrom,
  kCardAccommodation,
  kCardSupport,
  kCardWakingNight,
  kCardSleepIn,
  kCardExtras,
  kCardCreateUs,
  kCardUpdateUs,
};

// --- Columns and parameters ----------------------------------------------

template <typename E, size_t N>
E EnumColumn(const std::array<EnumName<E>, N>& table, const pqxx::field& f) {
  // The schema's CHECK constraints keep stored names to known values.
  return ValueOf(table, f.as<std::string>()).value_or(table[0].value);
}

absl::Time TimeColumn(const pqxx::field& f) {
  return db::FromEpochMicros(f.as<int64_t>());
}

std::optional<absl::Time> OptionalTimeColumn(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return TimeColumn(f);
}

absl::CivilDay DateColumn(const pqxx::field& f) {
  return db::ParseSqlDate(f.c_str());
}

std::string Str(absl::string_view s) { return std::string(s); }

// A nullable instant as the statements take it: '' for NULL.
std::string OptionalTimestamp(const std::optional<absl::Time>& at) {
  return at.has_value() ? db::SqlTimestamp(*at) : "";
}

// A database-assigned id; std::nullopt for text that cannot be one, which
// therefore names nothing.
std::optional<int64_t> ParseId(const std::string& id) {
  int64_t value = 0;
  if (!absl::SimpleAtoi(id, &value) || value <= 0) return std::nullopt;
  return value;
}

// The upper bound of a newest-first page: ids below `before_id`, or all.
int64_t PageBound(int64_t before_id) {
  return before_id > 0 ? before_id : std::numeric_limits<int64_t>::max();
}

absl::Status NotFound(absl::string_view resource) {
  return absl::NotFoundError(absl::StrCat(resource, " not found"));
}

std::string BookName(int64_t id) { return absl::StrCat("priceBooks/", id); }

std::string CardName(const RateCard& card) {
  return absl::StrCat(BookName(card.book_id), "/rateCards/", card.version);
}

// --- JSON columns ----------------------------------------------------------

std::string ExtrasJson(const std::vector<Extra>& extras) {
  Json j = Json::array();
  for (const Extra& e : extras) {
    j.push_back({{"name", e.name},
                 {"amount_pence", e.amount_pence},
                 {"kind", Str(NameOf(kExtraKinds, e.kind))}});
  }
  return j.dump();
}

std::vector<Extra> ParseExtras(const char* text) {
  std::vector<Extra> extras;
  const Json j = Json::parse(text);
  extras.reserve(j.size());
  for (const Json& e : j) {
    Extra extra;
    extra.name = e.value("name", "");
    extra.amount_pence = e.value("amount_pence", int64_t{0});
    extra.kind =
        ValueOf(kExtraKinds, e.value("kind", "")).value_or(ExtraKind::kWeekly);
    extras.push_back(std::move(extra));
  }
  return extras;
}

// --- Rows ------------------------------------------------------------------

PriceBook ReadBook(const pqxx::row& row) {
  PriceBook b;
  b.id = row[kBookId].as<int64_t>();
  b.authority_id = row[kBookAuthority].as<std::string>();
  b.provider_id = row[kBookProvider].as<std::string>();
  b.framework_id = row[kBookFramework].as<std::string>();
  b.lot_id = row[kBookLot].as<std::string>();
  b.setting_id = row[kBookSetting].as<std::string>();
  b.start_date = DateColumn(row[kBookStart]);
  b.status = EnumColumn(kPriceBookStatuses, row[kBookStatus]);
  b.create_time = TimeColumn(row[kBookCreateUs]);
  b.accept_time = OptionalTimeColumn(row[kBookAcceptUs]);
  b.accepted_by = row[kBookAcceptedBy].as<std::string>();
  return b;
}

RateCard ReadCard(int64_t book_id, const pqxx::row& row) {
  RateCard c;
  c.book_id = book_id;
  c.version = row[kCardVersion].as<int>();
  c.effective_from = DateColumn(row[kCardEffectiveFrom]);
  c.accommodation_weekly_pence = row[kCardAccommodation].as<int64_t>();
  c.support_hourly_pence = row[kCardSupport].as<int64_t>();
  c.waking_night_hourly_pence = row[kCardWakingNight].as<int64_t>();
  c.sleep_in_nightly_pence = row[kCardSleepIn].as<int64_t>();
  c.extras = ParseExtras(row[kCardExtras].c_str());
  c.create_time = TimeColumn(row[kCardCreateUs]);
  c.update_time = TimeColumn(row[kCardUpdateUs]);
  return c;
}

// Books with their cards from book-and-card rows, which come grouped by book
// and in version order within a book; a book without cards has one row with
// NULL card columns.
std::vector<BookRecord> ReadBooks(const pqxx::result& rows) {
  std::vector<BookRecord> out;
  for (const pqxx::row& row : rows) {
    const int64_t id = row[kBookId].as<int64_t>();
    if (out.empty() || out.back().book.id != id) {
      out.push_back({ReadBook(row), {}});
    }
    if (!row[kCardVersion].is_null()) {
      out.back().cards.push_back(ReadCard(id, row));
    }
  }
  return out;
}

}  // namespace

std::vector<db::PreparedStatement> PricingStore::Statements() {
  std::vector<db::PreparedStatement> statements = db::ChangeStatements();
  for (const db::PreparedStatement& s : db::OutboxStatements()) {
    statements.push_back(s);
  }
  for (const db::Query& query : q::kAll) statements.emplace_back(query);
  return statements;
}

// --- Policies ----------------------------------------------------------------

absl::Status PricingStore::PutPolicy(db::Tx& tx, const PricingPolicy& policy,
                                     absl::Time at) {
  tx.exec_prepared0(q::kPutPolicy.name, policy.authority_id,
                    policy.allow_spot_prices, db::SqlTimestamp(at));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<PolicyRecord>> PricingStore::FindPolicy(
    db::Tx& tx, const std::string& authority_id) {
  pqxx::result r = tx.exec_prepared(q::kFindPolicy.name, authority_id);
  if (r.empty()) return std::optional<PolicyRecord>();
  PolicyRecord record;
  record.policy.authority_id = r[0][0].as<std::string>();
  record.policy.allow_spot_prices = r[0][1].as<bool>();
  record.update_time = TimeColumn(r[0][2]);
  return std::optional<PolicyRecord>(std::move(record));
}

absl::StatusOr<bool> PricingStore::AllowsSpotPrices(
    db::Tx& tx, const std::string& authority_id) {
  pqxx::result r = tx.exec_prepared(q::kAllowsSpotPrices.name, authority_id);
  return !r[0][0].is_null() && r[0][0].as<bool>();
}

// --- Books -------------------------------------------------------------------

absl::Status PricingStore::InsertBook(db::Tx& tx, PriceBook& book) {
  pqxx::result r =
      tx.exec_prepared(q::kInsertBook.name, book.authority_id, book.provider_id,
                       book.framework_id, book.lot_id, book.setting_id,
                       db::SqlDate(book.start_date),
                       Str(NameOf(kPriceBookStatuses, book.status)),
                       db::SqlTimestamp(book.create_time),
                       OptionalTimestamp(book.accept_time), book.accepted_by);
  if (r.empty()) {
    return absl::AlreadyExistsError(absl::StrCat(
        "authorities/", book.authority_id,
        " already has a price book with providers/", book.provider_id,
        " on frameworks/", book.framework_id, " for ",
        book.lot_id.empty() ? "every lot" : "lot " + book.lot_id, " and ",
        book.setting_id.empty() ? "every setting"
                                : "setting " + book.setting_id));
  }
  book.id = r[0][0].as<int64_t>();
  return absl::OkStatus();
}

absl::StatusOr<BookRecord> PricingStore::FindBook(db::Tx& tx,
                                                  const std::string& id,
                                                  bool for_update) {
  const std::optional<int64_t> number = ParseId(id);
  if (!number.has_value()) return NotFound(absl::StrCat("priceBooks/", id));
  std::vector<BookRecord> found = ReadBooks(tx.exec_prepared(
      for_update ? q::kFindBookForUpdate.name : q::kFindBook.name, *number));
  if (found.empty()) return NotFound(BookName(*number));
  return std::move(found.front());
}

absl::Status PricingStore::UpdateBookAcceptance(db::Tx& tx,
                                                const PriceBook& book) {
  pqxx::result r =
      tx.exec_prepared(q::kUpdateBookAcceptance.name, book.id,
                       Str(NameOf(kPriceBookStatuses, book.status)),
                       OptionalTimestamp(book.accept_time), book.accepted_by);
  if (r.affected_rows() == 0) return NotFound(BookName(book.id));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<BookRecord>> PricingStore::ListAuthorityBooks(
    db::Tx& tx, const std::string& authority_id,
    const std::string& framework_id, int64_t before_id, int limit) {
  return ReadBooks(tx.exec_prepared(q::kListAuthorityBooks.name, authority_id,
                                    framework_id, PageBound(before_id), limit));
}

absl::StatusOr<std::vector<BookRecord>> PricingStore::ListProviderBooks(
    db::Tx& tx, const std::string& provider_id, const std::string& framework_id,
    int64_t before_id, int limit) {
  return ReadBooks(tx.exec_prepared(q::kListProviderBooks.name, provider_id,
                                    framework_id, PageBound(before_id), limit));
}

absl::StatusOr<std::vector<BookRecord>> PricingStore::BooksForScope(
    db::Tx& tx, const std::string& authority_id, const std::string& provider_id,
    const std::string& framework_id) {
  return ReadBooks(tx.exec_prepared(q::kBooksForScope.name, authority_id,
                                    provider_id, framework_id));
}

absl::StatusOr<std::vector<BookRecord>> PricingStore::CardsInForce(
    db::Tx& tx, const std::string& authority_id,
    const std::vector<std::string>& book_ids, absl::CivilDay day) {
  if (book_ids.empty()) {
    return ReadBooks(tx.exec_prepared(q::kCardsInForceAll.name, authority_id,
                                      db::SqlDate(day)));
  }
  // Ids that are not numbers name nothing; a list of only such ids finds
  // nothing (not every book).
  std::vector<int64_t> ids;
  ids.reserve(book_ids.size());
  for (const std::string& id : book_ids) {
    if (std::optional<int64_t> number = ParseId(id)) ids.push_back(*number);
  }
  if (ids.empty()) return std::vector<BookRecord>();
  return ReadBooks(
      tx.exec_prepared(q::kCardsInForceListed.name, authority_id,
                       absl::StrCat("{", absl::StrJoin(ids, ","), "}")));
}

// --- Cards -------------------------------------------------------------------

absl::Status PricingStore::InsertCard(db::Tx& tx, const RateCard& card) {
  pqxx::row row = tx.exec_prepared1(
      q::kInsertCard.name, card.book_id, card.version,
      db::SqlDate(card.effective_from), card.accommodation_weekly_pence,
      card.support_hourly_pence, card.waking_night_hourly_pence,
      card.sleep_in_nightly_pence, ExtrasJson(card.extras),
      db::SqlTimestamp(card.create_time), db::SqlTimestamp(card.update_time));
  if (!row[0].as<bool>()) return NotFound(BookName(card.book_id));
  if (!row[1].as<bool>()) {
    return absl::AlreadyExistsError(absl::StrCat(
        BookName(card.book_id), " already has version ", card.version,
        " or a card effective from ", db::SqlDate(card.effective_from)));
  }
  return absl::OkStatus();
}

absl::Status PricingStore::UpdateCard(db::Tx& tx, const RateCard& card) {
  pqxx::result r = tx.exec_prepared(
      q::kUpdateCard.name, card.book_id, card.version,
      card.accommodation_weekly_pence, card.support_hourly_pence,
      card.waking_night_hourly_pence, card.sleep_in_nightly_pence,
      ExtrasJson(card.extras), db::SqlTimestamp(card.update_time));
  if (r.affected_rows() == 0) return NotFound(CardName(card));
  return absl::OkStatus();
}

// --- Benchmark ---------------------------------------------------------------

absl::StatusOr<std::vector<BenchmarkPoint>> PricingStore::BenchmarkPoints(
    db::Tx& tx, const std::string& framework_id, const std::string& lot_id,
    absl::CivilDay day) {
  std::vector<BenchmarkPoint> out;
  for (const pqxx::row& row : tx.exec_prepared(
           q::kBenchmarkPoints.name, framework_id, lot_id, db::SqlDate(day))) {
    BenchmarkPoint p;
    p.authority_id = row[0].as<std::string>();
    p.provider_id = row[1].as<std::string>();
    p.accommodation_weekly_pence = row[2].as<int64_t>();
    p.support_hourly_pence = row[3].as<int64_t>();
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace fhub::pricing
