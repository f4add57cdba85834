// The pricing service's reads against a migrated PostgreSQL: the scope
// read behind Quote is one indexed statement, an uplift's books are locked,
// and the benchmark's points take the card in force on the day.

#include <chrono>
#include <iostream>
#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/pricing/storage/pricing_store.h"
#include "services/pricing/storage/queries.h"
#include "tests/integration/pricing/store_fixture.h"

namespace fhub::pricing {
namespace {

using ::fhub::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

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
  pqxx::connection other{::fhub::testing::AsAdmin(database_.dsn())};
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
    pqxx::connection connection{::fhub::testing::AsAdmin(database_.dsn())};
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
  // are, and as the authority's, row-level security's policies and all. No
  // statement reading books by authority scans a table.
  pqxx::connection connection{database_.dsn()};
  pqxx::work tx(connection);
  tx.exec("SET LOCAL search_path TO pricing");
  tx.exec("SELECT set_config('fhub.authority', 'a-7', true)");
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
