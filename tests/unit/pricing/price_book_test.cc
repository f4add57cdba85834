// One book per scope; the most specific book applies.

#include "services/pricing/domain/price_book.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/pricing/fixtures.h"

namespace fhub::pricing {
namespace {

using ::fhub::pricing::testing::kBookStart;
using ::fhub::pricing::testing::SeftonBook;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 3, 2, 10, 0, 0),
                                        absl::UTCTimeZone());

PriceBook Book(int64_t id, const std::string& lot, const std::string& setting) {
  PriceBook book = SeftonBook();
  book.id = id;
  book.lot_id = lot;
  book.setting_id = setting;
  return book;
}

TEST(ValidateNewBookTest, OneBookPerScope) {
  const std::vector<PriceBook> existing = {
      Book(1, "", ""), Book(2, "lot-1", ""), Book(3, "lot-1", "bootle-house")};
  EXPECT_THAT(
      ValidateNewBook(Book(0, "", ""), existing),
      StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("price book 1")));
  EXPECT_THAT(
      ValidateNewBook(Book(0, "lot-1", ""), existing),
      StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("price book 2")));
  EXPECT_THAT(ValidateNewBook(Book(0, "lot-1", "bootle-house"), existing),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // A different scope is a different book.
  EXPECT_THAT(ValidateNewBook(Book(0, "lot-2", ""), existing), IsOk());
  EXPECT_THAT(ValidateNewBook(Book(0, "", "bootle-house"), existing), IsOk());
  PriceBook other_provider = Book(0, "", "");
  other_provider.provider_id = "bright-futures";
  EXPECT_THAT(ValidateNewBook(other_provider, existing), IsOk());
  PriceBook other_authority = Book(0, "", "");
  other_authority.authority_id = "wirral";
  EXPECT_THAT(ValidateNewBook(other_authority, existing), IsOk());
  PriceBook other_framework = Book(0, "", "");
  other_framework.framework_id = "lcr-care";
  EXPECT_THAT(ValidateNewBook(other_framework, existing), IsOk());
}

TEST(ValidateNewBookTest, IdsNameTheirFields) {
  struct Case {
    void (*change)(PriceBook&);
    const char* field;
  };
  const Case cases[] = {
      {[](PriceBook& b) { b.authority_id.clear(); }, "price_book.authority"},
      {[](PriceBook& b) { b.provider_id = "Acme Care"; },
       "price_book.provider"},
      {[](PriceBook& b) { b.framework_id = "-x"; }, "price_book.framework"},
      {[](PriceBook& b) { b.lot_id = "Lot 1"; }, "price_book.lot_id"},
      {[](PriceBook& b) { b.setting_id = "bootle_house"; },
       "price_book.setting"},
  };
  for (const Case& c : cases) {
    PriceBook book = SeftonBook();
    c.change(book);
    EXPECT_THAT(
        ValidateNewBook(book, {}),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.field)))
        << c.field;
  }
}

std::optional<int64_t> Selected(const std::vector<PriceBook>& books,
                                const std::string& lot,
                                const std::string& setting,
                                absl::CivilDay day = kBookStart + 30) {
  auto book =
      SelectBook(books, "sefton", "acme-care", "nw-16plus", lot, setting, day);
  if (!book.has_value()) return std::nullopt;
  return book->id;
}

TEST(SelectBookTest, SettingBeatsLotBeatsGeneral) {
  const std::vector<PriceBook> books = {Book(1, "", ""), Book(2, "lot-1", ""),
                                        Book(3, "", "bootle-house"),
                                        Book(4, "lot-2", "crosby-flat")};
  EXPECT_EQ(Selected(books, "lot-1", "bootle-house"), 3);
  EXPECT_EQ(Selected(books, "lot-1", "other-house"), 2);
  EXPECT_EQ(Selected(books, "lot-1", ""), 2);
  EXPECT_EQ(Selected(books, "lot-3", ""), 1);
  EXPECT_EQ(Selected(books, "lot-3", "bootle-house"), 3);
  // A setting book naming another lot does not apply.
  EXPECT_EQ(Selected(books, "lot-1", "crosby-flat"), 2);
  EXPECT_EQ(Selected(books, "lot-2", "crosby-flat"), 4);
  // Order in the input does not matter.
  const std::vector<PriceBook> reversed(books.rbegin(), books.rend());
  EXPECT_EQ(Selected(reversed, "lot-1", "bootle-house"), 3);
  EXPECT_EQ(Selected(reversed, "lot-1", ""), 2);
}

TEST(SelectBookTest, ABookForAnotherLotOrSettingNeverApplies) {
  const std::vector<PriceBook> books = {Book(2, "lot-2", ""),
                                        Book(3, "", "crosby-flat")};
  EXPECT_EQ(Selected(books, "lot-1", "bootle-house"), std::nullopt);
  EXPECT_EQ(Selected(books, "", ""), std::nullopt);
}

TEST(SelectBookTest, OnlyTheBuyersStartedAcceptedBooks) {
  PriceBook general = Book(1, "", "");
  PriceBook lot = Book(2, "lot-1", "");
  lot.start_date = kBookStart + 31;  // not yet started on day 30
  PriceBook setting = Book(3, "", "bootle-house");
  setting.status = PriceBookStatus::kProposed;
  std::vector<PriceBook> books = {general, lot, setting};
  EXPECT_EQ(Selected(books, "lot-1", "bootle-house"), 1);
  EXPECT_EQ(Selected(books, "lot-1", "bootle-house", kBookStart + 31), 2);
  EXPECT_EQ(Selected(books, "lot-1", "", kBookStart - 1), std::nullopt);
  EXPECT_FALSE(SelectBook(books, "wirral", "acme-care", "nw-16plus", "lot-1",
                          "", kBookStart + 40)
                   .has_value());
  EXPECT_FALSE(SelectBook(books, "sefton", "other", "nw-16plus", "lot-1", "",
                          kBookStart + 40)
                   .has_value());
  EXPECT_FALSE(SelectBook(books, "sefton", "acme-care", "lcr-care", "lot-1", "",
                          kBookStart + 40)
                   .has_value());
}

TEST(AcceptBookTest, OnceFromProposed) {
  PriceBook book = SeftonBook();
  book.status = PriceBookStatus::kProposed;
  ASSERT_THAT(AcceptBook(book, "provider-officer", kNow), IsOk());
  EXPECT_EQ(book.status, PriceBookStatus::kAccepted);
  EXPECT_EQ(book.accepted_by, "provider-officer");
  EXPECT_EQ(book.accept_time, kNow);
  EXPECT_THAT(
      AcceptBook(book, "someone", kNow),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ACCEPTED")));
  EXPECT_EQ(book.accepted_by, "provider-officer");
}

}  // namespace
}  // namespace fhub::pricing
