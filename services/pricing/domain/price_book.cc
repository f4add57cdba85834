#include "services/pricing/domain/price_book.h"

#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::pricing {
namespace {

bool SameScope(const PriceBook& a, const PriceBook& b) {
  return a.authority_id == b.authority_id && a.provider_id == b.provider_id &&
         a.framework_id == b.framework_id && a.lot_id == b.lot_id &&
         a.setting_id == b.setting_id;
}

// 3 for a setting book, 2 for a lot book, 1 for the general book, 0 if the
// book does not apply to the lot and setting.
int Specificity(const PriceBook& book, absl::string_view lot_id,
                absl::string_view setting_id) {
  if (!book.setting_id.empty()) {
    const bool lot_fits = book.lot_id.empty() || book.lot_id == lot_id;
    return book.setting_id == setting_id && lot_fits ? 3 : 0;
  }
  if (!book.lot_id.empty()) return book.lot_id == lot_id ? 2 : 0;
  return 1;
}

}  // namespace

absl::Status ValidateNewBook(const PriceBook& book,
                             const std::vector<PriceBook>& existing) {
  FHUB_RETURN_IF_ERROR(
      CheckResourceId("price_book.authority", book.authority_id));
  FHUB_RETURN_IF_ERROR(
      CheckResourceId("price_book.provider", book.provider_id));
  FHUB_RETURN_IF_ERROR(
      CheckResourceId("price_book.framework", book.framework_id));
  if (!book.lot_id.empty()) {
    FHUB_RETURN_IF_ERROR(CheckResourceId("price_book.lot_id", book.lot_id));
  }
  if (!book.setting_id.empty()) {
    FHUB_RETURN_IF_ERROR(
        CheckResourceId("price_book.setting", book.setting_id));
  }
  for (const PriceBook& other : existing) {
    if (SameScope(book, other)) {
      return absl::AlreadyExistsError(absl::StrCat(
          "authorities/", book.authority_id, " already has price book ",
          other.id, " with providers/", book.provider_id, " on frameworks/",
          book.framework_id, " for ",
          book.lot_id.empty() ? "every lot" : "lot " + book.lot_id, " and ",
          book.setting_id.empty() ? "every setting"
                                  : "setting " + book.setting_id));
    }
  }
  return absl::OkStatus();
}

std::optional<PriceBook> SelectBook(const std::vector<PriceBook>& books,
                                    absl::string_view authority_id,
                                    absl::string_view provider_id,
                                    absl::string_view framework_id,
                                    absl::string_view lot_id,
                                    absl::string_view setting_id,
                                    absl::CivilDay day) {
  const PriceBook* best = nullptr;
  int best_specificity = 0;
  for (const PriceBook& book : books) {
    if (book.authority_id != authority_id || book.provider_id != provider_id ||
        book.framework_id != framework_id || book.start_date > day ||
        book.status != PriceBookStatus::kAccepted) {
      continue;
    }
    const int specificity = Specificity(book, lot_id, setting_id);
    if (specificity > best_specificity) {
      best = &book;
      best_specificity = specificity;
    }
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

absl::Status AcceptBook(PriceBook& book, absl::string_view officer,
                        absl::Time at) {
  if (book.status != PriceBookStatus::kProposed) {
    return absl::FailedPreconditionError(absl::StrCat(
        "price book ", book.id, " is ", NameOf(kPriceBookStatuses, book.status),
        "; only a PROPOSED book can be accepted"));
  }
  book.status = PriceBookStatus::kAccepted;
  book.accepted_by = std::string(officer);
  book.accept_time = at;
  return absl::OkStatus();
}

}  // namespace fhub::pricing
