#pragma once

// Price books: one per scope, and the most specific one applies.
//
// A book's scope is (authority, provider, framework, lot, setting). A
// general book leaves lot and setting empty; a lot book names a lot; a
// setting book names a setting of the provider and may name its lot too.
// For a placement on lot L at setting S on day D the books that apply are
// the authority's books with the provider under the framework that have
// started by D (start_date <= D) and are ACCEPTED by the provider, and of
// those
//   1. a setting book for S (naming lot L or no lot) beats
//   2. a lot book for L beats
//   3. the general book.
// A book for another lot or another setting never applies, and neither does
// a setting book naming S but another lot. There is at most one book per
// scope (ValidateNewBook), so no two books can tie.

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/pricing/domain/model.h"

namespace fhub::pricing {

// `book` may be created beside `existing` books: authority, provider and
// framework are resource ids, lot_id and setting_id are empty or resource
// ids (INVALID_ARGUMENT naming "price_book.lot_id" etc.); ALREADY_EXISTS if
// a book with the same authority, provider, framework, lot and setting
// exists.
absl::Status ValidateNewBook(const PriceBook& book,
                             const std::vector<PriceBook>& existing);

// The book that prices a placement of `authority_id` with `provider_id` on
// `framework_id`, lot `lot_id` (may be empty) and setting `setting_id` (may
// be empty), on `day`, by the order above; none if no book applies.
std::optional<PriceBook> SelectBook(
    const std::vector<PriceBook>& books, absl::string_view authority_id,
    absl::string_view provider_id, absl::string_view framework_id,
    absl::string_view lot_id, absl::string_view setting_id, absl::CivilDay day);

// The provider's user `officer` accepts `book`. FAILED_PRECONDITION unless
// it is PROPOSED. Who may accept is access.h's CheckMayAcceptBook.
absl::Status AcceptBook(PriceBook& book, absl::string_view officer,
                        absl::Time at);

}  // namespace fhub::pricing
