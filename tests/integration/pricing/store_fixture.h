#pragma once

// The pricing service's storage over a freshly migrated PostgreSQL (see
// tests/support/test_database.h), shared by the pricing_store_test files:
// sample books and cards, and a fixture that runs each step in a committed
// transaction.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/pricing/migrations.h"
#include "services/pricing/storage/pricing_store.h"
#include "tests/support/store_test.h"

namespace fhub::pricing {

// Microseconds included: instants must survive the trip exactly.
inline const absl::Time kAt =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 9, 30, 0),
                    absl::UTCTimeZone()) +
    absl::Microseconds(123456);
inline const absl::CivilDay kStart(2026, 4, 1);

inline PriceBook MakeBook(const std::string& authority,
                          const std::string& provider,
                          const std::string& lot = "",
                          const std::string& setting = "",
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

inline RateCard MakeCard(int64_t book_id, int version, absl::CivilDay from,
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

inline std::vector<int64_t> BookIds(const std::vector<BookRecord>& records) {
  std::vector<int64_t> ids;
  for (const BookRecord& r : records) ids.push_back(r.book.id);
  return ids;
}

inline std::vector<int> Versions(const BookRecord& record) {
  std::vector<int> versions;
  for (const RateCard& c : record.cards) versions.push_back(c.version);
  return versions;
}

class PricingStoreTest : public ::fhub::testing::StoreTest {
 protected:
  void SetUp() override {
    Open("pricing", Migrations(), "pricing", PricingStore::Statements());
  }

  int64_t AddBook(PriceBook book) {
    EXPECT_THAT(In([&](db::Tx& tx) { return store_.InsertBook(tx, book); }),
                ::fhub::testing::IsOk());
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
                ::fhub::testing::IsOk());
  }

  PricingStore store_;
};

}  // namespace fhub::pricing
