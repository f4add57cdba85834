#include "bench/cycle_client.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/proto_values.h"

namespace fhub::bench {

namespace v1 = ::fhub::referrals::v1;

const char* CodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  const int i = static_cast<int>(code);
  return i >= 0 && i < 17 ? kNames[i] : "?";
}

v1::Referral CycleClient::Referral(int64_t cycle) const {
  v1::Referral r;
  r.set_framework(absl::StrCat("frameworks/", kHubFramework));
  r.set_lot_id(kHubLot);
  r.set_case_reference(absl::StrCat("SEF-BENCH-", id_, "-", cycle));
  r.set_age(16);
  r.add_needs(v1::GOING_MISSING);
  r.add_needs(v1::MENTAL_HEALTH);
  r.set_support_minutes_per_week(kOfferMinutesPerWeek);
  r.set_accommodation_type(v1::SHARED_HOUSE);
  r.mutable_home_location()->set_latitude(kHome.latitude);
  r.mutable_home_location()->set_longitude(kHome.longitude);
  *r.mutable_wanted_start_date() = start_;
  r.set_confidential_summary("Known to the youth offending team; benchmark.");
  return r;
}

v1::OfferTerms CycleClient::Offer(int provider, int position) const {
  v1::OfferTerms o;
  o.set_setting(absl::StrCat("providers/", HubProviderId(provider),
                             "/settings/", kHubSetting));
  *o.mutable_available_date() = start_;
  o.set_accommodation_weekly_pence(OfferAccommodationPence(position));
  o.set_support_hourly_pence(kOfferHourlyPence);
  o.set_support_minutes_per_week(kOfferMinutesPerWeek);
  o.set_notes("A room on the ground floor.");
  return o;
}

bool CycleClient::Run(int64_t cycle, StepTimes* times, CycleError* error,
                      int* winner) {
  const std::string tag = absl::StrCat("bench-", id_, "-", cycle, "-");
  const int base = static_cast<int>(cycle % kHubProviders);
  auto provider = [&](int position) {
    return (base + position) % kHubProviders;
  };

  v1::CreateReferralRequest create;
  create.set_parent(absl::StrCat("authorities/", kHubAuthority));
  *create.mutable_referral() = Referral(cycle);
  create.set_request_id(tag + "create");
  v1::Referral created;
  if (!Timed(kCreate, tokens_.commissioner, &Stub::CreateReferral, create,
             &created, times, error)) {
    return false;
  }
  if (created.status() != v1::DRAFT || created.name().empty()) {
    return Wrong(kCreate, created.ShortDebugString(), error);
  }
  const std::string& name = created.name();

  v1::SubmitReferralRequest submit;
  submit.set_name(name);
  submit.set_request_id(tag + "submit");
  v1::Referral submitted;
  if (!Timed(kSubmit, tokens_.commissioner, &Stub::SubmitReferral, submit,
             &submitted, times, error)) {
    return false;
  }
  if (submitted.status() != v1::OPEN ||
      submitted.invitation_count() != kHubProviders) {
    return Wrong(kSubmit,
                 absl::StrCat("expected OPEN with ", kHubProviders,
                              " invitations: ", submitted.ShortDebugString()),
                 error);
  }

  auto invitation = [&](int position) {
    return absl::StrCat(name, "/invitations/",
                        HubProviderId(provider(position)));
  };
  for (int k = 0; k < kOffersPerCycle; ++k) {
    v1::MakeOfferRequest offer;
    offer.set_name(invitation(k));
    *offer.mutable_offer() = Offer(provider(k), k);
    offer.set_request_id(absl::StrCat(tag, "offer-", k));
    v1::Invitation answered;
    if (!Timed(kOffer, tokens_.providers[provider(k)], &Stub::MakeOffer, offer,
               &answered, times, error)) {
      return false;
    }
    if (answered.status() != v1::OFFERED) {
      return Wrong(kOffer, answered.ShortDebugString(), error);
    }
  }
  for (int k = kOffersPerCycle; k < kHubProviders; ++k) {
    v1::DeclineInvitationRequest decline;
    decline.set_name(invitation(k));
    decline.set_reason(v1::NO_VACANCY);
    decline.set_request_id(absl::StrCat(tag, "decline-", k));
    v1::Invitation answered;
    if (!Timed(kDecline, tokens_.providers[provider(k)],
               &Stub::DeclineInvitation, decline, &answered, times, error)) {
      return false;
    }
    // The last answer closes the competition.
    const v1::ReferralStatus expected =
        k + 1 == kHubProviders ? v1::EVALUATING : v1::OPEN;
    if (answered.status() != v1::DECLINED ||
        answered.referral().status() != expected) {
      return Wrong(kDecline,
                   absl::StrCat("expected DECLINED with the referral ",
                                v1::ReferralStatus_Name(expected), ": ",
                                answered.ShortDebugString()),
                   error);
    }
  }

  v1::RankOffersRequest rank;
  rank.set_name(name);
  v1::RankOffersResponse ranked;
  if (!Timed(kRank, tokens_.commissioner, &Stub::RankOffers, rank, &ranked,
             times, error)) {
    return false;
  }
  if (ranked.offers_size() != kOffersPerCycle || ranked.offers(0).rank() != 1) {
    return Wrong(kRank,
                 absl::StrCat("expected ", kOffersPerCycle,
                              " ranked offers: ", ranked.ShortDebugString()),
                 error);
  }

  v1::AwardReferralRequest award;
  award.set_name(name);
  award.set_invitation(ranked.offers(0).invitation());
  award.set_request_id(tag + "award");
  v1::Placement placement;
  if (!Timed(kAward, tokens_.commissioner, &Stub::AwardReferral, award,
             &placement, times, error)) {
    return false;
  }
  if (placement.name().empty() || placement.referral() != name ||
      placement.provider() != ranked.offers(0).provider()) {
    return Wrong(kAward,
                 absl::StrCat("expected a placement of ", name, " with ",
                              ranked.offers(0).provider(), ": ",
                              placement.ShortDebugString()),
                 error);
  }
  *winner = -1;
  for (int p = 0; p < kHubProviders; ++p) {
    if (placement.provider() == absl::StrCat("providers/", HubProviderId(p))) {
      *winner = p;
    }
  }
  return true;
}

}  // namespace fhub::bench
