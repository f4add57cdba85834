#include "services/referrals/api/peers.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/clients/frameworks_client.h"
#include "common/clients/peer_setup.h"
#include "common/proto_values.h"
#include "common/status_macros.h"

namespace fhub::referrals {
namespace {

absl::Status Prepare(const PeerOptions& options, grpc::ClientContext& context) {
  FHUB_ASSIGN_OR_RETURN(std::string authorization, options.authorization());
  PreparePeerCall(context, authorization, options.deadline);
  return absl::OkStatus();
}

// "providers/p/settings/s" -> {p, s}; empty strings when it is not one.
std::pair<std::string, std::string> SplitSetting(absl::string_view name) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "providers" || parts[2] != "settings") {
    return {};
  }
  return {parts[1], parts[3]};
}

}  // namespace

bool SettingFacts::Serves(absl::string_view framework_id,
                          absl::string_view lot_id) const {
  const std::string key = absl::StrCat(framework_id, "/", lot_id);
  for (const std::string& lot : lots) {
    if (lot == key) return true;
  }
  return false;
}

GrpcRegistry::GrpcRegistry(PeerOptions options)
    : options_(std::move(options)),
      stub_(registry::v1::RegistryService::NewStub(options_.channel)) {}

absl::StatusOr<std::vector<Eligible>> GrpcRegistry::SearchEligible(
    const Referral& referral) {
  grpc::ClientContext context;
  FHUB_RETURN_IF_ERROR(Prepare(options_, context));
  registry::v1::SearchEligibleProvidersRequest request;
  request.set_framework(absl::StrCat("frameworks/", referral.framework_id));
  request.set_lot_id(referral.lot_id);
  request.set_authority(absl::StrCat("authorities/", referral.authority_id));
  request.set_latitude(referral.latitude);
  request.set_longitude(referral.longitude);
  request.set_max_distance_miles(referral.max_distance_miles);
  ToProto(referral.wanted_start_date, request.mutable_wanted_by());
  request.set_max_results(500);
  registry::v1::SearchEligibleProvidersResponse response;
  grpc::Status status =
      stub_->SearchEligibleProviders(&context, request, &response);
  if (!status.ok()) {
    // Whatever the registry says, the referral cannot be submitted now.
    absl::Status answer = FromPeer(status, "registry", request.framework());
    if (absl::IsNotFound(answer)) {
      return absl::FailedPreconditionError(answer.message());
    }
    return answer;
  }
  std::vector<Eligible> out;
  out.reserve(response.providers_size());
  for (const registry::v1::EligibleProvider& p : response.providers()) {
    auto [provider_id, setting_id] = SplitSetting(p.setting());
    if (provider_id.empty()) {
      return absl::UnavailableError(absl::StrCat(
          "registry: an eligible provider came with a malformed setting '",
          p.setting(), "'"));
    }
    out.push_back(
        {provider_id, setting_id, p.distance_miles(), p.quality_score()});
  }
  return out;
}

absl::StatusOr<SettingFacts> GrpcRegistry::Setting(
    absl::string_view field, const std::string& provider_id,
    const std::string& setting_id) {
  grpc::ClientContext context;
  FHUB_RETURN_IF_ERROR(Prepare(options_, context));
  registry::v1::GetSettingRequest request;
  request.set_name(
      absl::StrCat("providers/", provider_id, "/settings/", setting_id));
  registry::v1::Setting setting;
  grpc::Status status = stub_->GetSetting(&context, request, &setting);
  if (!status.ok()) {
    absl::Status answer = FromPeer(status, "registry", request.name());
    if (absl::IsNotFound(answer)) {
      return absl::NotFoundError(absl::StrCat(field, ": ", answer.message()));
    }
    return answer;
  }
  SettingFacts facts;
  facts.provider_id = provider_id;
  facts.setting_id = setting_id;
  facts.capacity = setting.capacity();
  facts.latitude = setting.latitude();
  facts.longitude = setting.longitude();
  for (const registry::v1::LotRef& lot : setting.lots()) {
    facts.lots.push_back(absl::StrCat(
        absl::StripPrefix(lot.framework(), "frameworks/"), "/", lot.lot_id()));
  }
  return facts;
}

GrpcPricing::GrpcPricing(PeerOptions options)
    : options_(std::move(options)),
      stub_(pricing::v1::PricingService::NewStub(options_.channel)) {}

absl::StatusOr<bool> GrpcPricing::AllowsSpotPrices(
    const std::string& authority_id) {
  grpc::ClientContext context;
  FHUB_RETURN_IF_ERROR(Prepare(options_, context));
  pricing::v1::GetPricingPolicyRequest request;
  request.set_authority(absl::StrCat("authorities/", authority_id));
  pricing::v1::PricingPolicy policy;
  grpc::Status status = stub_->GetPricingPolicy(&context, request, &policy);
  if (!status.ok()) {
    return FromPeer(status, "pricing", request.authority());
  }
  return policy.allow_spot_prices();
}

absl::StatusOr<PriceCheck> GrpcPricing::CheckOffer(
    const Referral& referral, const std::string& provider_id,
    const std::string& setting_id, absl::CivilDay day,
    int64_t accommodation_weekly_pence, int64_t support_hourly_pence) {
  grpc::ClientContext context;
  FHUB_RETURN_IF_ERROR(Prepare(options_, context));
  pricing::v1::CheckOfferRequest request;
  pricing::v1::PriceScope* scope = request.mutable_scope();
  scope->set_authority(absl::StrCat("authorities/", referral.authority_id));
  scope->set_provider(absl::StrCat("providers/", provider_id));
  scope->set_framework(absl::StrCat("frameworks/", referral.framework_id));
  scope->set_lot_id(referral.lot_id);
  scope->set_setting(
      absl::StrCat("providers/", provider_id, "/settings/", setting_id));
  ToProto(day, request.mutable_date());
  request.mutable_offered()->set_accommodation_weekly_pence(
      accommodation_weekly_pence);
  request.mutable_offered()->set_support_hourly_pence(support_hourly_pence);
  pricing::v1::CheckOfferResponse response;
  grpc::Status status = stub_->CheckOffer(&context, request, &response);
  if (!status.ok())
    return FromPeer(status, "pricing", "the offer's price book");

  PriceCheck check;
  check.price_book = response.price_book();
  switch (response.outcome()) {
    case pricing::v1::WITHIN_PRICE_BOOK:
      return check;
    case pricing::v1::NO_PRICE_BOOK_SPOT_ALLOWED:
      check.spot_price = true;
      return check;
    case pricing::v1::NO_PRICE_BOOK_SPOT_REFUSED:
      return absl::FailedPreconditionError(absl::StrCat(
          "authorities/", referral.authority_id,
          " has no price book with providers/", provider_id,
          " for this lot and setting, and does not accept spot prices"));
    case pricing::v1::EXCEEDS_PRICE_BOOK: {
      FHUB_ASSIGN_OR_RETURN(bool spot, AllowsSpotPrices(referral.authority_id));
      if (spot) {
        check.spot_price = true;
        return check;
      }
      std::vector<std::string> parts;
      for (const pricing::v1::ExceedingComponent& c : response.exceeding()) {
        parts.push_back(absl::StrCat("offer.", c.component(), " ",
                                     c.offered_pence(),
                                     " is above the price "
                                     "book's ",
                                     c.price_book_pence()));
      }
      return absl::FailedPreconditionError(
          absl::StrCat(absl::StrJoin(parts, "; "), " (", response.rate_card(),
                       "); the authority does not accept spot prices"));
    }
    default:
      return absl::UnavailableError(
          "pricing: CheckOffer gave an outcome this service does not know");
  }
}

}  // namespace fhub::referrals
