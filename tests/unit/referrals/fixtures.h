#pragma once

// Sample referrals, invitations and placements for the referrals domain
// tests. The clock is fixed: "now" is 10:00 UTC on Monday 11 May 2026.

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/referrals/domain/model.h"
#include "services/referrals/domain/referral_rules.h"

namespace fhub::referrals::testing {

inline absl::Time At(absl::CivilSecond when) {
  return absl::FromCivil(when, absl::UTCTimeZone());
}

inline constexpr absl::CivilDay kToday(2026, 5, 11);
inline const absl::Time kNow = At(absl::CivilSecond(2026, 5, 11, 10, 0, 0));

// The ages of a 16-plus supported accommodation framework.
inline constexpr AgeRange kSixteenToTwentyFive{16, 25};

// A referral that ValidateReferral accepts on kToday at kNow.
inline Referral SeftonReferral() {
  Referral r;
  r.id = 7;
  r.authority_id = "sefton";
  r.framework_id = "nw-16plus";
  r.lot_id = "lot-1";
  r.case_reference = "SEF-2026-0042";
  r.age = 17;
  r.needs = {Need::kGoingMissing, Need::kMentalHealth};
  r.support_minutes_per_week = 600;
  r.accommodation_type = AccommodationType::kSoloFlat;
  r.latitude = 53.48;
  r.longitude = -2.99;
  r.max_distance_miles = 20;
  r.wanted_start_date = kToday + 7;
  r.weights = Weights{60, 40, 0};
  r.weekly_budget_pence = 0;
  r.confidential_summary = "Needs a quiet flat near college.";
  r.create_time = kNow - absl::Hours(1);
  return r;
}

// SeftonReferral submitted an hour ago with a deadline a day on.
inline Referral OpenReferral() {
  Referral r = SeftonReferral();
  r.status = ReferralStatus::kOpen;
  r.submit_time = kNow - absl::Hours(1);
  r.response_deadline = kNow + absl::Hours(23);
  return r;
}

inline Invitation InvitationOf(std::string provider_id,
                               InvitationStatus status) {
  Invitation i;
  i.referral_id = 7;
  i.authority_id = "sefton";
  i.provider_id = std::move(provider_id);
  i.setting_id = "main-house";
  i.distance_miles = 4.5;
  i.quality_score = 80;
  i.status = status;
  i.invite_time = kNow - absl::Hours(1);
  return i;
}

}  // namespace fhub::referrals::testing
