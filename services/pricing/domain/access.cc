#include "services/pricing/domain/access.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"

namespace fhub::pricing {

using auth::Role;

absl::Status BookNotFound(int64_t book_id) {
  return absl::NotFoundError(
      absl::StrCat("priceBooks/", book_id, " not found"));
}

absl::string_view ProviderIdOf(const auth::Principal& caller) {
  absl::string_view org = caller.organisation;
  return absl::ConsumePrefix(&org, "providers/") ? org : absl::string_view();
}

namespace {

bool IsBuyerOfficer(const auth::Principal& caller,
                    absl::string_view authority_id) {
  return !authority_id.empty() && caller.AuthorityId() == authority_id &&
         (caller.HasRole(Role::kCommissioner) ||
          caller.HasRole(Role::kLeadAdmin));
}

}  // namespace

bool CanSeeBook(const auth::Principal& caller, const PriceBook& book) {
  if (caller.HasRole(Role::kService)) return true;
  if (IsBuyerOfficer(caller, book.authority_id)) return true;
  return !book.provider_id.empty() &&
         ProviderIdOf(caller) == book.provider_id &&
         caller.HasRole(Role::kProviderUser);
}

absl::Status CheckCanSeeBook(const auth::Principal& caller,
                             const PriceBook& book) {
  return CanSeeBook(caller, book) ? absl::OkStatus() : BookNotFound(book.id);
}

absl::Status CheckCommissionerOf(const auth::Principal& caller,
                                 absl::string_view authority_id) {
  if (caller.HasRole(Role::kCommissioner) && !authority_id.empty() &&
      caller.AuthorityId() == authority_id) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("only a COMMISSIONER of authorities/", authority_id,
                   " may do this; the caller acts for ", caller.organisation));
}

absl::Status CheckMayChangeCards(const auth::Principal& caller,
                                 const PriceBook& book) {
  FHUB_RETURN_IF_ERROR(CheckCanSeeBook(caller, book));
  return CheckCommissionerOf(caller, book.authority_id);
}

absl::Status CheckMayAcceptBook(const auth::Principal& caller,
                                const PriceBook& book) {
  FHUB_RETURN_IF_ERROR(CheckCanSeeBook(caller, book));
  if (caller.HasRole(Role::kProviderUser) &&
      ProviderIdOf(caller) == book.provider_id) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("only a PROVIDER_USER of providers/", book.provider_id,
                   " may accept price book ", book.id));
}

absl::Status CheckMayPrice(const auth::Principal& caller,
                           absl::string_view authority_id,
                           absl::string_view provider_id) {
  if (caller.HasRole(Role::kService) || IsBuyerOfficer(caller, authority_id) ||
      (caller.HasRole(Role::kProviderUser) && !provider_id.empty() &&
       ProviderIdOf(caller) == provider_id)) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat(caller.organisation, " may not price for authorities/",
                   authority_id, " with providers/", provider_id));
}

absl::Status CheckMayReadPolicy(const auth::Principal& caller,
                                absl::string_view authority_id) {
  if (caller.HasRole(Role::kService)) return absl::OkStatus();
  return CheckMaySetPolicy(caller, authority_id);
}

absl::Status CheckMaySetPolicy(const auth::Principal& caller,
                               absl::string_view authority_id) {
  if (IsBuyerOfficer(caller, authority_id)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "only a COMMISSIONER or LEAD_ADMIN of authorities/", authority_id,
      " may do this; the caller acts for ", caller.organisation));
}

}  // namespace fhub::pricing
