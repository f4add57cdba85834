// Price books are seen by their buyer, their provider and services alone.

#include "services/pricing/domain/access.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/pricing/fixtures.h"

namespace fhub::pricing {
namespace {

using ::fhub::pricing::testing::SeftonBook;
using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

using auth::Principal;
using auth::Role;

Principal Caller(std::string organisation, std::vector<Role> roles) {
  return {"officer", std::move(organisation), std::move(roles)};
}

TEST(CanSeeBookTest, BuyerProviderAndServicesOnly) {
  const PriceBook book = SeftonBook();
  EXPECT_TRUE(
      CanSeeBook(Caller("authorities/sefton", {Role::kCommissioner}), book));
  EXPECT_TRUE(
      CanSeeBook(Caller("authorities/sefton", {Role::kLeadAdmin}), book));
  EXPECT_TRUE(
      CanSeeBook(Caller("providers/acme-care", {Role::kProviderUser}), book));
  EXPECT_TRUE(CanSeeBook(Caller("services/referrals", {Role::kService}), book));
  // Another member, the lead authority (Tameside) when it is not the buyer,
  // another provider, and other roles of the buyer.
  for (const Principal& other :
       {Caller("authorities/wirral", {Role::kCommissioner}),
        Caller("authorities/tameside", {Role::kLeadAdmin}),
        Caller("providers/bright-futures", {Role::kProviderUser}),
        Caller("authorities/sefton", {Role::kEvaluator}),
        Caller("authorities/sefton", {Role::kStrategicLead}),
        Caller("authorities/sefton", {Role::kAuditor}),
        Caller("providers/acme-care", {}),
        Caller("providers/sefton", {Role::kProviderUser}),
        Caller("authorities/acme-care", {Role::kCommissioner})}) {
    EXPECT_FALSE(CanSeeBook(other, book)) << other.organisation;
    EXPECT_THAT(CheckCanSeeBook(other, book),
                StatusIs(absl::StatusCode::kNotFound))
        << other.organisation;
  }
}

TEST(CanSeeBookTest, ARefusalLooksLikeAMissingBookAndShowsNoRates) {
  const PriceBook book = SeftonBook();
  const absl::Status refused = CheckCanSeeBook(
      Caller("authorities/wirral", {Role::kCommissioner}), book);
  EXPECT_EQ(refused, BookNotFound(book.id));
  EXPECT_THAT(std::string(refused.message()), Not(HasSubstr("sefton")));
  EXPECT_THAT(std::string(refused.message()), Not(HasSubstr("acme")));
}

TEST(CheckCommissionerOfTest, CommissionersOfTheAuthority) {
  EXPECT_THAT(
      CheckCommissionerOf(Caller("authorities/sefton", {Role::kCommissioner}),
                          "sefton"),
      IsOk());
  EXPECT_THAT(
      CheckCommissionerOf(Caller("authorities/sefton", {Role::kLeadAdmin}),
                          "sefton"),
      StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("COMMISSIONER")));
  EXPECT_THAT(
      CheckCommissionerOf(Caller("authorities/wirral", {Role::kCommissioner}),
                          "sefton"),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckCommissionerOf(
                  Caller("services/referrals", {Role::kService}), "sefton"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST(CheckMayChangeCardsTest, TheBuyersCommissionerOnly) {
  const PriceBook book = SeftonBook();
  EXPECT_THAT(CheckMayChangeCards(
                  Caller("authorities/sefton", {Role::kCommissioner}), book),
              IsOk());
  // May see it, may not change it.
  EXPECT_THAT(CheckMayChangeCards(
                  Caller("authorities/sefton", {Role::kLeadAdmin}), book),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckMayChangeCards(
                  Caller("providers/acme-care", {Role::kProviderUser}), book),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(
      CheckMayChangeCards(Caller("services/referrals", {Role::kService}), book),
      StatusIs(absl::StatusCode::kPermissionDenied));
  // May not even see it.
  EXPECT_THAT(CheckMayChangeCards(
                  Caller("authorities/wirral", {Role::kCommissioner}), book),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(CheckMayAcceptBookTest, TheProvidersUsersOnly) {
  const PriceBook book = SeftonBook();
  EXPECT_THAT(CheckMayAcceptBook(
                  Caller("providers/acme-care", {Role::kProviderUser}), book),
              IsOk());
  EXPECT_THAT(CheckMayAcceptBook(
                  Caller("authorities/sefton", {Role::kCommissioner}), book),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("PROVIDER_USER")));
  EXPECT_THAT(
      CheckMayAcceptBook(Caller("services/referrals", {Role::kService}), book),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(
      CheckMayAcceptBook(
          Caller("providers/bright-futures", {Role::kProviderUser}), book),
      StatusIs(absl::StatusCode::kNotFound));
}

TEST(CheckMayPriceTest, BuyersOfficersTheProviderAndServices) {
  for (const Principal& allowed :
       {Caller("authorities/sefton", {Role::kCommissioner}),
        Caller("authorities/sefton", {Role::kLeadAdmin}),
        Caller("providers/acme-care", {Role::kProviderUser}),
        Caller("services/referrals", {Role::kService})}) {
    EXPECT_THAT(CheckMayPrice(allowed, "sefton", "acme-care"), IsOk())
        << allowed.organisation;
  }
  for (const Principal& other :
       {Caller("authorities/wirral", {Role::kCommissioner}),
        Caller("authorities/sefton", {Role::kEvaluator}),
        Caller("providers/bright-futures", {Role::kProviderUser}),
        Caller("providers/acme-care", {Role::kCommissioner})}) {
    EXPECT_THAT(CheckMayPrice(other, "sefton", "acme-care"),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << other.organisation;
  }
}

TEST(PolicyAccessTest, OfficersSetItAndServicesMayAlsoReadIt) {
  const Principal commissioner =
      Caller("authorities/wirral", {Role::kCommissioner});
  const Principal lead_admin = Caller("authorities/wirral", {Role::kLeadAdmin});
  const Principal service = Caller("services/referrals", {Role::kService});
  EXPECT_THAT(CheckMaySetPolicy(commissioner, "wirral"), IsOk());
  EXPECT_THAT(CheckMaySetPolicy(lead_admin, "wirral"), IsOk());
  EXPECT_THAT(CheckMaySetPolicy(service, "wirral"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckMayReadPolicy(service, "wirral"), IsOk());
  EXPECT_THAT(CheckMayReadPolicy(commissioner, "sefton"),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("authorities/sefton")));
  EXPECT_THAT(
      CheckMayReadPolicy(Caller("providers/acme-care", {Role::kProviderUser}),
                         "wirral"),
      StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST(ProviderIdOfTest, OnlyProviders) {
  EXPECT_EQ(ProviderIdOf(Caller("providers/acme-care", {})), "acme-care");
  EXPECT_EQ(ProviderIdOf(Caller("authorities/sefton", {})), "");
}

}  // namespace
}  // namespace fhub::pricing
