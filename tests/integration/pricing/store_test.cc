// The pricing service's storage against a migrated PostgreSQL: every
// statement prepares, every record type round-trips, keys and missing rows
// give the documented statuses, and books come with their cards in version
// order. The reads behind Quote, uplifts and the benchmark are in
// query_store_test.cc.

#include <pqxx/pqxx>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
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
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// libpqxx prepares lazily, so a bad statement would only fail when first
// run: prepare every one explicitly.
TEST_F(PricingStoreTest, EveryStatementPrepares) {
  pqxx::connection connection{::fhub::testing::AsAdmin(database_.dsn())};
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

}  // namespace
}  // namespace fhub::pricing
