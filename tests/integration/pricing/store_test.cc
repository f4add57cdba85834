// The pricing service's storage against a migrated PostgreSQL: every record
// type round-trips, keys and missing rows give the documented statuses,
// books come with their cards in version order, the scope read behind
// Quote is one indexed statement, an uplift's books are locked, and the
// benchmark's points take the card in force on the day.

#include <chrono>
#include <iostream>
#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/pricing/migrations.h"
#include "services/pricing/storage/pricing_store.h"
#include "services/pricing/storage/queries.h"
#include "tests/support/test_database.h"

namespace fhub::pricing {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::ScratchDatabase;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

// Microseconds included: instants must survive the trip exactly.
const absl::Time kAt = absl::FromCivil(absl::CivilSecond(2026, 3, 2, 9, 30, 0),
                                       absl::UTCTimeZone()) +
                       absl::Microseconds(123456);
const absl::CivilDay kStart(2026, 4, 1);

PriceBook MakeBook(const std::string& authority, const std::string& provider,
                   const std::string& lot = "", const std::string& setting = "",
                   const std::string& framework = "nw-16plus") {
  PriceBook b;
  b.authority_id = authority;
  b.provider_id = provider;
  b.framework_id = framework;
  b.lot_id = lot;
  b.setting_id = setting;
  b.start_date = kStart;
  b.create_time = kAt;
  return b;
}

RateCard MakeCard(int64_t book_id, int version, absl::CivilDay from,
                  int64_t weekly, int64_t hourly = 1850) {
  RateCard c;
  c.book_id = book_id;
  c.version = version;
  c.effective_from = from;
  c.accommodation_weekly_pence = weekly;
  c.support_hourly_pence = hourly;
  c.waking_night_hourly_pence = 1600;
  c.sleep_in_nightly_pence = 4500;
  c.extras = {{"Bills allowance", 1500, ExtraKind::kWeekly},
              {"Setup pack", 25000, ExtraKind::kOneOff}};
  c.create_time = kAt;
  c.update_time = kAt;
  return c;
}

std::vector<int64_t> BookIds(const std::vector<BookRecord>& records) {
  std::vector<int64_t> ids;
  for (const BookRecord& r : records) ids.push_back(r.book.id);
  return ids;
}

std::vector<int> Versions(const BookRecord& record) {
  std::vector<int> versions;
  for (const RateCard& c : record.cards) versions.push_back(c.version);
  return versions;
}

class PricingStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_.Migrate("pricing", "pricing", Migrations());
    db::PoolOptions options;
    options.dsn = database_.dsn();
    options.size = 2;
    options.search_path = "pricing";
    options.statements = PricingStore::Statements();
    auto pool = db::Pool::Create(options);
    ASSERT_THAT(pool, IsOk());
    pool_ = *std::move(pool);
  }

  // Runs `f(tx)` in a committed transaction and returns what it returned
  // (or the transaction's own error).
  template <typename F>
  auto In(F f) {
    using Result = decltype(f(std::declval<db::Tx&>()));
    Result result = absl::UnknownError("not run");
    absl::Status status = db::Transact(*pool_, {}, [&](db::Tx& tx) {
      result = f(tx);
      return absl::OkStatus();
    });
    return status.ok() ? result : Result(status);
  }

  int64_t AddBook(PriceBook book) {
    EXPECT_THAT(In([&](db::Tx& tx) { return store_.InsertBook(tx, book); }),
                IsOk());
    EXPECT_GT(book.id, 0);
    return book.id;
  }

  // An ACCEPTED book.
  int64_t AddAcceptedBook(PriceBook book) {
    book.status = PriceBookStatus::kAccepted;
    book.accept_time = kAt;
    book.accepted_by = "provider-user";
    return AddBook(std::move(book));
  }

  void AddCard(const RateCard& card) {
    ASSERT_THAT(In([&](db::Tx& tx) { return store_.InsertCard(tx, card); }),
                IsOk());
  }

  ScratchDatabase database_;
  std::unique_ptr<db::Pool> pool_;
  PricingStore store_;
};

// libpqxx prepares lazily, so a bad statement would only fail when first
// run: prepare every one explicitly.
TEST_F(PricingStoreTest, EveryStatementPrepares) {
  pqxx::connection connection{database_.dsn()};
  pqxx::nontransaction tx(connection);
  tx.exec("SET search_path TO pricing");
  std::set<std::string> names;
  for (const db::PreparedStatement& statement : PricingStore::Statements()) {
    EXPECT_TRUE(names.insert(statement.name).second) << statement.name;
    EXPECT_NO_THROW(
        tx.exec("PREPARE " + statement.name + " AS " + statement.sql))
        << statement.name;
  }
  for (const db::Query& query : queries::kAll) {
    EXPECT_EQ(names.count(query.name), 1u) << query.name;
  }
}

TEST_F(PricingStoreTest, PolicyPutReplaceAndFind) {
  auto found = In([&](db::Tx& tx) { return store_.FindPolicy(tx, "sefton"); });
  ASSERT_THAT(found, IsOk());
  EXPECT_FALSE(found->has_value());

  ASSERT_THAT(In([&](db::Tx& tx) {
                return store_.PutPolicy(tx, {"sefton", true}, kAt);
              }),
              IsOk());
  found = In([&](db::Tx& tx) { return store_.FindPolicy(tx, "sefton"); });
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->policy.authority_id, "sefton");
  EXPECT_TRUE((*found)->policy.allow_spot_prices);
  EXPECT_EQ((*found)->update_time, kAt);

  ASSERT_THAT(
      In([&](db::Tx& tx) {
        return store_.PutPolicy(tx, {"sefton", false}, kAt + absl::Hours(1));
      }),
      IsOk());
  found = In([&](db::Tx& tx) { return store_.FindPolicy(tx, "sefton"); });
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_FALSE((*found)->policy.allow_spot_prices);
  EXPECT_EQ((*found)->update_time, kAt + absl::Hours(1));

  found = In([&](db::Tx& tx) { return store_.FindPolicy(tx, "knowsley"); });
  ASSERT_THAT(found, IsOk());
  EXPECT_FALSE(found->has_value());
}

TEST_F(PricingStoreTest, BookAndCardsRoundTrip) {
  PriceBook book = MakeBook("sefton", "acme-care", "lot-1", "bootle-house");
  ASSERT_THAT(In([&](db::Tx& tx) { return store_.InsertBook(tx, book); }),
              IsOk());
  ASSERT_GT(book.id, 0);

  auto found = In([&](db::Tx& tx) {
    return store_.FindBook(tx, absl::StrCat(book.id), /*for_update=*/false);
  });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->book.id, book.id);
  EXPECT_EQ(found->book.authority_id, "sefton");
  EXPECT_EQ(found->book.provider_id, "acme-care");
  EXPECT_EQ(found->book.framework_id, "nw-16plus");
  EXPECT_EQ(found->book.lot_id, "lot-1");
  EXPECT_EQ(found->book.setting_id, "bootle-house");
  EXPECT_EQ(found->book.start_date, kStart);
  EXPECT_EQ(found->book.status, PriceBookStatus::kProposed);
  EXPECT_EQ(found->book.create_time, kAt);
  EXPECT_FALSE(found->book.accept_time.has_value());
  EXPECT_EQ(found->book.accepted_by, "");
  EXPECT_THAT(found->cards, IsEmpty());

  // Added out of date order: cards still come oldest (version) first.
  AddCard(MakeCard(book.id, 1, kStart, 85000));
  AddCard(MakeCard(book.id, 2, absl::CivilDay(2027, 4, 1), 87125));
  RateCard third = MakeCard(book.id, 3, absl::CivilDay(2026, 10, 1), 86000);
  third.extras.clear();
  third.create_time = kAt + absl::Minutes(5);
  third.update_time = kAt + absl::Minutes(6);
  AddCard(third);

  PriceBook accepted = found->book;
  accepted.status = PriceBookStatus::kAccepted;
  accepted.accept_time = kAt + absl::Hours(2);
  accepted.accepted_by = "ann@acme";
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateBookAcceptance(tx, accepted); }),
      IsOk());

  found = In([&](db::Tx& tx) {
    return store_.FindBook(tx, absl::StrCat(book.id), /*for_update=*/true);
  });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->book.status, PriceBookStatus::kAccepted);
  EXPECT_EQ(found->book.accept_time, kAt + absl::Hours(2));
  EXPECT_EQ(found->book.accepted_by, "ann@acme");
  EXPECT_EQ(found->book.create_time, kAt);
  ASSERT_THAT(found->cards, SizeIs(3));
  EXPECT_THAT(Versions(*found), ElementsAre(1, 2, 3));
  const RateCard& first = found->cards[0];
  EXPECT_EQ(first.book_id, book.id);
  EXPECT_EQ(first.effective_from, kStart);
  EXPECT_EQ(first.accommodation_weekly_pence, 85000);
  EXPECT_EQ(first.support_hourly_pence, 1850);
  EXPECT_EQ(first.waking_night_hourly_pence, 1600);
  EXPECT_EQ(first.sleep_in_nightly_pence, 4500);
  ASSERT_THAT(first.extras, SizeIs(2));
  EXPECT_EQ(first.extras[0].name, "Bills allowance");
  EXPECT_EQ(first.extras[0].amount_pence, 1500);
  EXPECT_EQ(first.extras[0].kind, ExtraKind::kWeekly);
  EXPECT_EQ(first.extras[1].name, "Setup pack");
  EXPECT_EQ(first.extras[1].amount_pence, 25000);
  EXPECT_EQ(first.extras[1].kind, ExtraKind::kOneOff);
  EXPECT_EQ(first.create_time, kAt);
  EXPECT_EQ(first.update_time, kAt);
  EXPECT_EQ(found->cards[1].effective_from, absl::CivilDay(2027, 4, 1));
  EXPECT_EQ(found->cards[2].effective_from, absl::CivilDay(2026, 10, 1));
  EXPECT_THAT(found->cards[2].extras, IsEmpty());
  EXPECT_EQ(found->cards[2].create_time, kAt + absl::Minutes(5));
  EXPECT_EQ(found->cards[2].update_time, kAt + absl::Minutes(6));

  // A correction changes rates, extras and update_time only.
  RateCard corrected = found->cards[1];
  corrected.accommodation_weekly_pence = 88000;
  corrected.support_hourly_pence = 1900;
  corrected.waking_night_hourly_pence = 1700;
  corrected.sleep_in_nightly_pence = 4600;
  corrected.extras = {{"Travel", 999, ExtraKind::kWeekly}};
  corrected.effective_from = absl::CivilDay(2030, 1, 1);  // not written
  corrected.create_time = kAt + absl::Hours(9);           // not written
  corrected.update_time = kAt + absl::Hours(3);
  ASSERT_THAT(In([&](db::Tx& tx) { return store_.UpdateCard(tx, corrected); }),
              IsOk());
  found = In([&](db::Tx& tx) {
    return store_.FindBook(tx, absl::StrCat(book.id), false);
  });
  ASSERT_THAT(found, IsOk());
  ASSERT_THAT(found->cards, SizeIs(3));
  const RateCard& second = found->cards[1];
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(second.effective_from, absl::CivilDay(2027, 4, 1));
  EXPECT_EQ(second.accommodation_weekly_pence, 88000);
  EXPECT_EQ(second.support_hourly_pence, 1900);
  EXPECT_EQ(second.waking_night_hourly_pence, 1700);
  EXPECT_EQ(second.sleep_in_nightly_pence, 4600);
  ASSERT_THAT(second.extras, SizeIs(1));
  EXPECT_EQ(second.extras[0].name, "Travel");
  EXPECT_EQ(second.extras[0].amount_pence, 999);
  EXPECT_EQ(second.create_time, kAt);
  EXPECT_EQ(second.update_time, kAt + absl::Hours(3));
  // The others are untouched.
  EXPECT_EQ(found->cards[0].accommodation_weekly_pence, 85000);
  EXPECT_EQ(found->cards[2].accommodation_weekly_pence, 86000);
}

TEST_F(PricingStoreTest, SecondBookOfAScopeAlreadyExists) {
  const int64_t general = AddBook(MakeBook("sefton", "acme-care"));
  PriceBook again = MakeBook("sefton", "acme-care");
  again.start_date = absl::CivilDay(2027, 1, 1);
  EXPECT_THAT(In([&](db::Tx& tx) { return store_.InsertBook(tx, again); }),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(again.id, 0);

  // Narrowed to a lot or a setting, or for another authority, provider or
  // framework, it is another scope.
  const int64_t lot = AddBook(MakeBook("sefton", "acme-care", "lot-1"));
  const int64_t setting =
      AddBook(MakeBook("sefton", "acme-care", "lot-1", "bootle-house"));
  AddBook(MakeBook("sefton", "acme-care", "", "bootle-house"));
  AddBook(MakeBook("knowsley", "acme-care"));
  AddBook(MakeBook("sefton", "bright-homes"));
  AddBook(MakeBook("sefton", "acme-care", "", "", "nw-18plus"));
  EXPECT_LT(general, lot);
  EXPECT_LT(lot, setting);
  PriceBook setting_again =
      MakeBook("sefton", "acme-care", "lot-1", "bootle-house");
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.InsertBook(tx, setting_again); }),
      StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(PricingStoreTest, CardOfTheSameVersionOrDateAlreadyExists) {
  const int64_t id = AddBook(MakeBook("sefton", "acme-care"));
  AddCard(MakeCard(id, 1, kStart, 85000));
  AddCard(MakeCard(id, 2, absl::CivilDay(2027, 4, 1), 87000));
  // Same version, another date.
  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.InsertCard(
                    tx, MakeCard(id, 2, absl::CivilDay(2028, 4, 1), 1));
              }),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // Another version, same date.
  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.InsertCard(tx, MakeCard(id, 3, kStart, 1));
              }),
              StatusIs(absl::StatusCode::kAlreadyExists));
  auto found =
      In([&](db::Tx& tx) { return store_.FindBook(tx, absl::StrCat(id), 0); });
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(Versions(*found), ElementsAre(1, 2));
  EXPECT_EQ(found->cards[1].accommodation_weekly_pence, 87000);
  // The same version and date on another book is fine.
  const int64_t other = AddBook(MakeBook("sefton", "acme-care", "lot-1"));
  AddCard(MakeCard(other, 1, kStart, 85000));
}

TEST_F(PricingStoreTest, MissingBooksAndCardsAreNotFound) {
  const int64_t id = AddBook(MakeBook("sefton", "acme-care"));
  AddCard(MakeCard(id, 1, kStart, 85000));
  for (const std::string& name :
       {absl::StrCat(id + 1), std::string("abc"), std::string(""),
        std::string("0"), std::string("-1"), absl::StrCat(id, "x"),
        std::string("99999999999999999999")}) {
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.FindBook(tx, name, false); }),
        StatusIs(absl::StatusCode::kNotFound))
        << name;
    EXPECT_THAT(In([&](db::Tx& tx) { return store_.FindBook(tx, name, true); }),
                StatusIs(absl::StatusCode::kNotFound))
        << name;
  }
  PriceBook missing = MakeBook("sefton", "acme-care");
  missing.id = id + 1;
  missing.status = PriceBookStatus::kAccepted;
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateBookAcceptance(tx, missing); }),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.InsertCard(tx, MakeCard(id + 1, 1, kStart, 1));
              }),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.UpdateCard(tx, MakeCard(id, 2, kStart, 1));
              }),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.UpdateCard(tx, MakeCard(id + 1, 1, kStart, 1));
              }),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PricingStoreTest, ListsAreNewestFirstWithCardsAndPages) {
  const int64_t a1 = AddBook(MakeBook("sefton", "acme-care"));
  const int64_t a2 = AddBook(MakeBook("sefton", "bright-homes"));
  const int64_t k1 = AddBook(MakeBook("knowsley", "acme-care"));
  const int64_t a3 =
      AddBook(MakeBook("sefton", "acme-care", "", "", "nw-18plus"));
  const int64_t a4 = AddBook(MakeBook("sefton", "acme-care", "lot-1"));
  AddCard(MakeCard(a1, 1, kStart, 85000));
  AddCard(MakeCard(a1, 2, absl::CivilDay(2027, 4, 1), 87000));
  AddCard(MakeCard(a4, 1, kStart, 90000));
  AddCard(MakeCard(k1, 1, kStart, 70000));

  auto listed = In([&](db::Tx& tx) {
    return store_.ListAuthorityBooks(tx, "sefton", "", 0, 10);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(BookIds(*listed), ElementsAre(a4, a3, a2, a1));
  EXPECT_THAT(Versions((*listed)[0]), ElementsAre(1));
  EXPECT_THAT((*listed)[1].cards, IsEmpty());
  EXPECT_THAT((*listed)[2].cards, IsEmpty());
  EXPECT_THAT(Versions((*listed)[3]), ElementsAre(1, 2));
  EXPECT_EQ((*listed)[3].cards[1].accommodation_weekly_pence, 87000);

  // Pages: the limit counts books, not cards.
  listed = In([&](db::Tx& tx) {
    return store_.ListAuthorityBooks(tx, "sefton", "", 0, 2);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(BookIds(*listed), ElementsAre(a4, a3));
  listed = In([&](db::Tx& tx) {
    return store_.ListAuthorityBooks(tx, "sefton", "", a3, 2);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(BookIds(*listed), ElementsAre(a2, a1));
  EXPECT_THAT(Versions((*listed)[1]), ElementsAre(1, 2));
  listed = In([&](db::Tx& tx) {
    return store_.ListAuthorityBooks(tx, "sefton", "", a1, 2);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(*listed, IsEmpty());

  listed = In([&](db::Tx& tx) {
    return store_.ListAuthorityBooks(tx, "sefton", "nw-16plus", 0, 10);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(BookIds(*listed), ElementsAre(a4, a2, a1));
  listed = In([&](db::Tx& tx) {
    return store_.ListAuthorityBooks(tx, "wirral", "", 0, 10);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(*listed, IsEmpty());

  listed = In([&](db::Tx& tx) {
    return store_.ListProviderBooks(tx, "acme-care", "", 0, 10);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(BookIds(*listed), ElementsAre(a4, a3, k1, a1));
  EXPECT_EQ((*listed)[2].book.authority_id, "knowsley");
  EXPECT_THAT(Versions((*listed)[2]), ElementsAre(1));
  listed = In([&](db::Tx& tx) {
    return store_.ListProviderBooks(tx, "acme-care", "nw-16plus", a4, 2);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(BookIds(*listed), ElementsAre(k1, a1));
  listed = In([&](db::Tx& tx) {
    return store_.ListProviderBooks(tx, "acme-care", "nw-18plus", 0, 10);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(BookIds(*listed), ElementsAre(a3));
}

TEST_F(PricingStoreTest, BooksForScopeReadsExactlyTheTriple) {
  const int64_t general = AddAcceptedBook(MakeBook("sefton", "acme-care"));
  const int64_t lot = AddBook(MakeBook("sefton", "acme-care", "lot-1"));
  const int64_t setting =
      AddAcceptedBook(MakeBook("sefton", "acme-care", "lot-1", "bootle-house"));
  // Other triples.
  const int64_t other_authority = AddBook(MakeBook("knowsley", "acme-care"));
  const int64_t other_provider = AddBook(MakeBook("sefton", "bright-homes"));
  const int64_t other_framework =
      AddBook(MakeBook("sefton", "acme-care", "", "", "nw-18plus"));
  for (int64_t id : {other_authority, other_provider, other_framework}) {
    AddCard(MakeCard(id, 1, kStart, 1));
  }
  AddCard(MakeCard(general, 1, kStart, 85000));
  AddCard(MakeCard(general, 2, absl::CivilDay(2027, 4, 1), 87000));
  AddCard(MakeCard(general, 3, absl::CivilDay(2026, 10, 1), 86000));
  AddCard(MakeCard(setting, 1, absl::CivilDay(2026, 5, 1), 95000));

  auto books = In([&](db::Tx& tx) {
    return store_.BooksForScope(tx, "sefton", "acme-care", "nw-16plus");
  });
  ASSERT_THAT(books, IsOk());
  EXPECT_THAT(BookIds(*books), ElementsAre(general, lot, setting));
  EXPECT_THAT(Versions((*books)[0]), ElementsAre(1, 2, 3));
  EXPECT_EQ((*books)[0].cards[2].accommodation_weekly_pence, 86000);
  EXPECT_EQ((*books)[0].book.status, PriceBookStatus::kAccepted);
  EXPECT_EQ((*books)[0].book.accept_time, kAt);
  EXPECT_EQ((*books)[0].book.accepted_by, "provider-user");
  EXPECT_THAT((*books)[1].cards, IsEmpty());
  EXPECT_EQ((*books)[1].book.status, PriceBookStatus::kProposed);
  EXPECT_EQ((*books)[2].book.setting_id, "bootle-house");
  EXPECT_EQ((*books)[2].book.lot_id, "lot-1");
  EXPECT_THAT(Versions((*books)[2]), ElementsAre(1));
  EXPECT_EQ((*books)[2].cards[0].extras.size(), 2u);

  books = In([&](db::Tx& tx) {
    return store_.BooksForScope(tx, "wirral", "acme-care", "nw-16plus");
  });
  ASSERT_THAT(books, IsOk());
  EXPECT_THAT(*books, IsEmpty());
}

TEST_F(PricingStoreTest, CardsInForceLocksTheUpliftsBooks) {
  const int64_t general = AddBook(MakeBook("sefton", "acme-care"));
  const int64_t lot = AddBook(MakeBook("sefton", "acme-care", "lot-1"));
  const int64_t later = AddBook(MakeBook("sefton", "bright-homes"));
  const int64_t bare = AddBook(MakeBook("sefton", "calm-homes"));
  const int64_t knowsley = AddBook(MakeBook("knowsley", "acme-care"));
  AddCard(MakeCard(general, 1, kStart, 85000));
  AddCard(MakeCard(general, 2, absl::CivilDay(2027, 4, 1), 87000));
  AddCard(MakeCard(lot, 1, absl::CivilDay(2026, 6, 1), 90000));
  AddCard(MakeCard(later, 1, absl::CivilDay(2027, 6, 1), 80000));
  AddCard(MakeCard(knowsley, 1, kStart, 70000));
  const absl::CivilDay day(2027, 4, 1);

  // All: the authority's books with a card in force on the day, with every
  // card (the later and superseded ones too).
  auto books = In(
      [&](db::Tx& tx) { return store_.CardsInForce(tx, "sefton", {}, day); });
  ASSERT_THAT(books, IsOk());
  EXPECT_THAT(BookIds(*books), ElementsAre(general, lot));
  EXPECT_THAT(Versions((*books)[0]), ElementsAre(1, 2));
  EXPECT_THAT(Versions((*books)[1]), ElementsAre(1));
  books = In([&](db::Tx& tx) {
    return store_.CardsInForce(tx, "sefton", {}, absl::CivilDay(2027, 6, 1));
  });
  ASSERT_THAT(books, IsOk());
  EXPECT_THAT(BookIds(*books), ElementsAre(general, lot, later));
  EXPECT_THAT(Versions((*books)[2]), ElementsAre(1));

  // Listed: those of the authority, whatever their cards; another
  // authority's book, a missing one and a non-number are left out.
  books = In([&](db::Tx& tx) {
    return store_.CardsInForce(
        tx, "sefton",
        {absl::StrCat(bare), absl::StrCat(later), absl::StrCat(knowsley), "abc",
         absl::StrCat(knowsley + 100)},
        day);
  });
  ASSERT_THAT(books, IsOk());
  EXPECT_THAT(BookIds(*books), ElementsAre(later, bare));
  EXPECT_THAT((*books)[1].cards, IsEmpty());
  // Only non-numbers: nothing, not every book.
  books = In([&](db::Tx& tx) {
    return store_.CardsInForce(tx, "sefton", {"abc", ""}, day);
  });
  ASSERT_THAT(books, IsOk());
  EXPECT_THAT(*books, IsEmpty());

  // While an uplift's transaction holds them, the books cannot be locked
  // by another; a book it did not read can.
  pqxx::connection other{database_.dsn()};
  auto try_lock = [&](int64_t id) {
    pqxx::work tx(other);
    tx.exec("SET LOCAL lock_timeout = '100ms'");
    tx.exec("SELECT 1 FROM pricing.price_books WHERE price_book_id = " +
            std::to_string(id) + " FOR UPDATE");
    tx.commit();
  };
  absl::Status status = db::Transact(*pool_, {}, [&](db::Tx& tx) {
    auto locked = store_.CardsInForce(tx, "sefton", {}, day);
    if (!locked.ok()) return locked.status();
    EXPECT_THAT(BookIds(*locked), ElementsAre(general, lot));
    EXPECT_THROW(try_lock(general), pqxx::sql_error);
    EXPECT_THROW(try_lock(lot), pqxx::sql_error);
    EXPECT_NO_THROW(try_lock(later));
    EXPECT_NO_THROW(try_lock(knowsley));
    return absl::OkStatus();
  });
  ASSERT_THAT(status, IsOk());
  // Released at commit.
  EXPECT_NO_THROW(try_lock(general));
}

TEST_F(PricingStoreTest, BenchmarkPointsTakeTheCardInForceOnTheDay) {
  const absl::CivilDay day(2027, 6, 15);
  // Superseded card, card in force, later card: the one in force counts.
  const int64_t sefton = AddAcceptedBook(MakeBook("sefton", "acme-care"));
  AddCard(MakeCard(sefton, 1, kStart, 80000, 1800));
  AddCard(MakeCard(sefton, 2, absl::CivilDay(2027, 4, 1), 82000, 1850));
  AddCard(MakeCard(sefton, 3, absl::CivilDay(2027, 7, 1), 99000, 1999));
  // In force from the day itself, though added before an older card.
  const int64_t knowsley =
      AddAcceptedBook(MakeBook("knowsley", "bright-homes", "lot-1"));
  AddCard(MakeCard(knowsley, 1, day, 90000, 1900));
  AddCard(MakeCard(knowsley, 2, absl::CivilDay(2027, 1, 1), 11111, 1111));
  // A setting book on the lot counts.
  const int64_t wirral =
      AddAcceptedBook(MakeBook("wirral", "calm-homes", "lot-1", "house-1"));
  AddCard(MakeCard(wirral, 1, kStart, 70000, 1700));
  // A setting book with no lot counts too.
  const int64_t halton =
      AddAcceptedBook(MakeBook("halton", "acme-care", "", "house-2"));
  AddCard(MakeCard(halton, 1, kStart, 75000, 1750));

  // None of these counts:
  // PROPOSED;
  const int64_t proposed = AddBook(MakeBook("sefton", "bright-homes"));
  AddCard(MakeCard(proposed, 1, kStart, 1, 1));
  // not started by the day (its card is dated on its start);
  PriceBook future = MakeBook("sefton", "calm-homes");
  future.start_date = absl::CivilDay(2027, 6, 16);
  const int64_t not_started = AddAcceptedBook(future);
  AddCard(MakeCard(not_started, 1, absl::CivilDay(2027, 6, 16), 2, 2));
  // another lot, or a setting book on another lot;
  const int64_t other_lot =
      AddAcceptedBook(MakeBook("sefton", "acme-care", "lot-2"));
  AddCard(MakeCard(other_lot, 1, kStart, 3, 3));
  const int64_t other_lot_setting =
      AddAcceptedBook(MakeBook("wirral", "acme-care", "lot-2", "house-3"));
  AddCard(MakeCard(other_lot_setting, 1, kStart, 4, 4));
  // another framework;
  const int64_t other_framework = AddAcceptedBook(
      MakeBook("sefton", "acme-care", "lot-1", "", "nw-18plus"));
  AddCard(MakeCard(other_framework, 1, kStart, 5, 5));
  // no card by the day, or no card at all.
  const int64_t card_later = AddAcceptedBook(MakeBook("knowsley", "acme-care"));
  AddCard(MakeCard(card_later, 1, absl::CivilDay(2027, 6, 16), 6, 6));
  AddAcceptedBook(MakeBook("knowsley", "calm-homes"));

  auto points = In([&](db::Tx& tx) {
    return store_.BenchmarkPoints(tx, "nw-16plus", "lot-1", day);
  });
  ASSERT_THAT(points, IsOk());
  ASSERT_THAT(*points, SizeIs(4));
  const BenchmarkPoint& p0 = (*points)[0];
  EXPECT_EQ(p0.authority_id, "sefton");
  EXPECT_EQ(p0.provider_id, "acme-care");
  EXPECT_EQ(p0.accommodation_weekly_pence, 82000);
  EXPECT_EQ(p0.support_hourly_pence, 1850);
  const BenchmarkPoint& p1 = (*points)[1];
  EXPECT_EQ(p1.authority_id, "knowsley");
  EXPECT_EQ(p1.provider_id, "bright-homes");
  EXPECT_EQ(p1.accommodation_weekly_pence, 90000);
  EXPECT_EQ(p1.support_hourly_pence, 1900);
  const BenchmarkPoint& p2 = (*points)[2];
  EXPECT_EQ(p2.authority_id, "wirral");
  EXPECT_EQ(p2.provider_id, "calm-homes");
  EXPECT_EQ(p2.accommodation_weekly_pence, 70000);
  const BenchmarkPoint& p3 = (*points)[3];
  EXPECT_EQ(p3.authority_id, "halton");
  EXPECT_EQ(p3.accommodation_weekly_pence, 75000);
  EXPECT_EQ(p3.support_hourly_pence, 1750);

  // A day earlier the knowsley book's card in force is its version 2.
  points = In([&](db::Tx& tx) {
    return store_.BenchmarkPoints(tx, "nw-16plus", "lot-1",
                                  absl::CivilDay(2027, 6, 14));
  });
  ASSERT_THAT(points, IsOk());
  ASSERT_THAT(*points, SizeIs(4));
  EXPECT_EQ((*points)[1].accommodation_weekly_pence, 11111);
  // Before 2027 it has no card, and sefton's first card applies.
  points = In([&](db::Tx& tx) {
    return store_.BenchmarkPoints(tx, "nw-16plus", "lot-1",
                                  absl::CivilDay(2026, 12, 31));
  });
  ASSERT_THAT(points, IsOk());
  ASSERT_THAT(*points, SizeIs(3));
  EXPECT_EQ((*points)[0].accommodation_weekly_pence, 80000);
  EXPECT_EQ((*points)[1].authority_id, "wirral");
  // Before every book starts: nothing.
  points = In([&](db::Tx& tx) {
    return store_.BenchmarkPoints(tx, "nw-16plus", "lot-1",
                                  absl::CivilDay(2026, 3, 31));
  });
  ASSERT_THAT(points, IsOk());
  EXPECT_THAT(*points, IsEmpty());
}

// The hot path at scale: 10,000 books (3,334 triples of a general, a lot
// and a setting book) with 3 cards each. The scope read must use the
// indexes, never scan a table, and stay well under a millisecond.
TEST_F(PricingStoreTest, BooksForScopeIsIndexedAtTenThousandBooks) {
  {
    pqxx::connection connection{database_.dsn()};
    pqxx::work tx(connection);
    tx.exec(R"sql(
      INSERT INTO pricing.price_books
        (authority_id, provider_id, framework_id, lot_id, setting_id,
         start_date, status, create_time, accept_time, accepted_by)
      SELECT 'a-' || (g / 3) % 50, 'p-' || (g / 3) / 50, 'nw-16plus',
             CASE g % 3 WHEN 0 THEN '' ELSE 'lot-1' END,
             CASE g % 3 WHEN 2 THEN 's-1' ELSE '' END,
             '2024-04-01', 'ACCEPTED', now(), now(), 'user'
      FROM generate_series(0, 9999) g)sql");
    tx.exec(R"sql(
      INSERT INTO pricing.rate_cards
      SELECT b.price_book_id, v, date '2024-04-01' + 365 * (v - 1),
             85000 + v, 1850, 1600, 4500,
             '[{"name": "Bills", "amount_pence": 1500, "kind": "WEEKLY"}]',
             now(), now()
      FROM pricing.price_books b, generate_series(1, 3) v)sql");
    tx.exec("ANALYZE pricing.price_books");
    tx.exec("ANALYZE pricing.rate_cards");
    tx.commit();
  }

  auto books = In([&](db::Tx& tx) {
    return store_.BooksForScope(tx, "a-7", "p-13", "nw-16plus");
  });
  ASSERT_THAT(books, IsOk());
  ASSERT_THAT(*books, SizeIs(3));
  for (const BookRecord& b : *books) {
    EXPECT_EQ(b.book.authority_id, "a-7");
    EXPECT_EQ(b.book.provider_id, "p-13");
    EXPECT_THAT(Versions(b), ElementsAre(1, 2, 3));
  }

  // The plans, the last of a few runs: warm, as the service's connections
  // are. No statement reading books by authority scans a table.
  pqxx::connection connection{database_.dsn()};
  pqxx::work tx(connection);
  tx.exec("SET LOCAL search_path TO pricing");
  auto plan_of = [&](const db::Query& query, const std::string& arguments) {
    tx.exec(absl::StrCat("PREPARE ", query.name, " AS ", query.sql));
    std::string plan;
    for (int run = 0; run < 5; ++run) {
      plan.clear();
      for (const pqxx::row& row :
           tx.exec(absl::StrCat("EXPLAIN (ANALYZE, BUFFERS) EXECUTE ",
                                query.name, "(", arguments, ")"))) {
        plan += row[0].as<std::string>() + "\n";
      }
    }
    return plan;
  };
  const std::string scope_plan =
      plan_of(queries::kBooksForScope, "'a-7', 'p-13', 'nw-16plus'");
  std::cout << scope_plan;
  EXPECT_THAT(scope_plan, Not(HasSubstr("Seq Scan")));
  EXPECT_THAT(scope_plan, HasSubstr("Index"));
  for (const std::string& plan :
       {plan_of(queries::kListAuthorityBooks,
                "'a-7', '', 9223372036854775807, 20"),
        plan_of(queries::kCardsInForceAll, "'a-7', '2025-06-01'"),
        plan_of(queries::kCardsInForceListed, "'a-7', '{5,10,100}'")}) {
    EXPECT_THAT(plan, Not(HasSubstr("Seq Scan"))) << plan;
    std::cout << plan.substr(plan.rfind("Execution Time"));
  }
  tx.abort();

  // The store's call, round trip and parsing included.
  constexpr int kCalls = 1000;
  const auto start = std::chrono::steady_clock::now();
  absl::Status status = db::Transact(*pool_, {}, [&](db::Tx& t) {
    for (int i = 0; i < kCalls; ++i) {
      auto read = store_.BooksForScope(t, absl::StrCat("a-", i % 50),
                                       absl::StrCat("p-", i % 66), "nw-16plus");
      if (!read.ok()) return read.status();
      EXPECT_THAT(*read, SizeIs(3));
    }
    return absl::OkStatus();
  });
  ASSERT_THAT(status, IsOk());
  const double micros = std::chrono::duration<double, std::micro>(
                            std::chrono::steady_clock::now() - start)
                            .count() /
                        kCalls;
  std::cout << "BooksForScope: " << micros << " us per call\n";
  RecordProperty("books_for_scope_us", static_cast<int>(micros));
}

}  // namespace
}  // namespace fhub::pricing
