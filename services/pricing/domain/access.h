#pragma once

// Who may see and change price books (DESIGN.md section 5).
//
// A book and its cards are visible to a COMMISSIONER or LEAD_ADMIN of the
// buying authority, a PROVIDER_USER of the provider, and SERVICE callers
// (the referrals service checking an offer), and to nobody else: not other
// members, not other providers, and not the lead authority unless it is the
// buyer. Anyone else gets NOT_FOUND with the message a missing book gets
// (BookNotFound), so that a refusal tells nothing about whether the book
// exists, let alone its rates. Those who may see a book but not do what
// they ask get PERMISSION_DENIED. Only a COMMISSIONER of the buyer creates
// books, adds and corrects cards and applies uplifts; only a PROVIDER_USER
// of the provider accepts a book.

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"
#include "services/pricing/domain/model.h"

namespace fhub::pricing {

// NOT_FOUND "priceBooks/{id} not found": what both a missing book and a
// book the caller may not see answer.
absl::Status BookNotFound(int64_t book_id);

// The id after "providers/", or empty if the caller is not a provider.
absl::string_view ProviderIdOf(const auth::Principal& caller);

// Whether `caller` may see `book` (and its cards), by the rule above.
bool CanSeeBook(const auth::Principal& caller, const PriceBook& book);

// OK if CanSeeBook, else BookNotFound.
absl::Status CheckCanSeeBook(const auth::Principal& caller,
                             const PriceBook& book);

// A COMMISSIONER of `authority_id`: may create its books and uplift them.
// PERMISSION_DENIED otherwise (the books asked for do not exist yet, or are
// the caller's own, so nothing leaks).
absl::Status CheckCommissionerOf(const auth::Principal& caller,
                                 absl::string_view authority_id);

// May add or correct a card of `book`: CheckCanSeeBook, then a COMMISSIONER
// of its authority (PERMISSION_DENIED, e.g. for the buyer's LEAD_ADMIN or
// the provider).
absl::Status CheckMayChangeCards(const auth::Principal& caller,
                                 const PriceBook& book);

// May accept `book`: CheckCanSeeBook, then a PROVIDER_USER of its provider.
absl::Status CheckMayAcceptBook(const auth::Principal& caller,
                                const PriceBook& book);

// May price for (quote, range quote, check an offer of) `authority_id` with
// `provider_id`: a COMMISSIONER or LEAD_ADMIN of the authority, a
// PROVIDER_USER of the provider, or a SERVICE. PERMISSION_DENIED otherwise;
// decided on the names asked for alone, before any book is read, so the
// refusal says nothing about what books exist.
absl::Status CheckMayPrice(const auth::Principal& caller,
                           absl::string_view authority_id,
                           absl::string_view provider_id);

// May read `authority_id`'s pricing policy: a COMMISSIONER or LEAD_ADMIN of
// it, or a SERVICE. May set it: a COMMISSIONER or LEAD_ADMIN of it.
absl::Status CheckMayReadPolicy(const auth::Principal& caller,
                                absl::string_view authority_id);
absl::Status CheckMaySetPolicy(const auth::Principal& caller,
                               absl::string_view authority_id);

}  // namespace fhub::pricing
