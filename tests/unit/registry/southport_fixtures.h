#pragma once

// Shared by the eligibility tests: an authority searching from Southport,
// and a provider with settings in Bootle (13.9 miles away), Liverpool (16.5)
// and Manchester (33.4).

#include <string>
#include <vector>

#include "services/registry/domain/eligibility.h"

namespace fhub::registry {

inline constexpr LatLng kSouthport{53.6475, -3.0053};
inline constexpr LatLng kBootle{53.4466, -2.9920};
inline constexpr LatLng kLiverpool{53.4084, -2.9916};
inline constexpr LatLng kManchester{53.4808, -2.2426};
inline constexpr absl::CivilDay kWantedBy(2026, 4, 1);
inline const LotRef kLot{"nw-16plus", "lot-1"};

inline EligibilityQuery FromSouthport(const std::string& authority = "sefton") {
  EligibilityQuery q;
  q.lot.lot = kLot;
  q.lot.service_type = ServiceType::kSemiIndependentGroupLiving;
  q.lot.ofsted_registration_required = true;
  q.lot.lowest_ofsted_grade = OfstedGrade::kRequiresImprovement;
  q.authority_id = authority;
  q.location = kSouthport;
  q.max_distance_miles = 20;
  q.wanted_by = kWantedBy;
  return q;
}

inline SettingVacancies At(const std::string& id, LatLng where,
                           absl::CivilDay free_from = kWantedBy - 7) {
  SettingVacancies entry;
  Setting& s = entry.setting;
  s.id = id;
  s.provider_id = "acme-care";
  s.location = where;
  s.lots = {kLot};
  s.capacity = 4;
  s.ofsted_urn = "2745123";
  s.registration_type = RegistrationType::kSupportedAccommodation;
  s.latest_judgement =
      OfstedJudgement{Judgement::kOutcome1, absl::CivilDay(2025, 11, 3)};
  entry.vacancies = {{"v-" + id, id, 1, free_from}};
  return entry;
}

inline EligibilityCandidate Acme(std::vector<SettingVacancies> settings) {
  EligibilityCandidate c;
  c.provider_id = "acme-care";
  Accreditation a;
  a.provider_id = "acme-care";
  a.lot = kLot;
  a.status = AccreditationStatus::kAdmitted;
  a.quality_score = 72.5;
  c.accreditation = a;
  c.settings = std::move(settings);
  return c;
}

inline Suspension SuspendedBy(const std::string& authority,
                              SuspensionScope scope) {
  Suspension s;
  s.id = "s-" + authority;
  s.provider_id = "acme-care";
  s.framework_id = "nw-16plus";
  s.scope = scope;
  s.authority_id = authority;
  s.status = SuspensionStatus::kActive;
  return s;
}

}  // namespace fhub::registry
