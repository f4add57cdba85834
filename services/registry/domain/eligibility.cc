#include "services/registry/domain/eligibility.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "services/registry/domain/geography.h"
#include "services/registry/domain/suspension_rules.h"

namespace fhub::registry {
namespace {

EligibilityDecision Ineligible(Ineligibility reason, std::string detail) {
  EligibilityDecision decision;
  decision.reason = reason;
  decision.detail = std::move(detail);
  return decision;
}

bool ServesLot(const Setting& setting, const LotRef& lot) {
  return std::find(setting.lots.begin(), setting.lots.end(), lot) !=
         setting.lots.end();
}

bool InRange(const EligibilityQuery& query, const Setting& setting,
             double distance) {
  if (distance > query.max_distance_miles) return false;
  return !ServesArea(query.lot.service_type) ||
         setting.service_radius_miles <= 0 ||
         distance <= setting.service_radius_miles;
}

bool HasVacancyBy(const std::vector<Vacancy>& vacancies,
                  absl::CivilDay wanted_by) {
  return std::any_of(
      vacancies.begin(), vacancies.end(), [&](const Vacancy& vacancy) {
        return vacancy.places >= 1 && vacancy.available_from <= wanted_by;
      });
}

const char* DetailFor(Ineligibility reason) {
  switch (reason) {
    case Ineligibility::kNoSettingForLot:
      return "no setting serves the lot";
    case Ineligibility::kTooFar:
      return "no setting serving the lot is within the distance";
    case Ineligibility::kOfstedRule:
      return "no setting in range meets the lot's Ofsted rule";
    case Ineligibility::kNoVacancy:
      return "no qualifying setting has a vacancy by the wanted date";
    default:
      return "";
  }
}

// Steps 1 and 2: why the provider may not be used at all, if it may not.
std::optional<EligibilityDecision> CheckStanding(
    const EligibilityQuery& query, const EligibilityCandidate& candidate) {
  const std::optional<Accreditation>& accreditation = candidate.accreditation;
  if (!accreditation.has_value() ||
      accreditation->provider_id != candidate.provider_id ||
      !(accreditation->lot == query.lot.lot)) {
    return Ineligible(Ineligibility::kNotAdmitted, "not admitted to the lot");
  }
  if (accreditation->status != AccreditationStatus::kAdmitted) {
    return Ineligible(
        accreditation->status == AccreditationStatus::kSuspended
            ? Ineligibility::kSuspended
            : Ineligibility::kNotAdmitted,
        absl::StrCat("accreditation is ",
                     NameOf(kAccreditationStatuses, accreditation->status)));
  }
  for (const Suspension& suspension : candidate.suspensions) {
    if (suspension.provider_id == candidate.provider_id &&
        Blocks(suspension, query.lot.lot.framework_id, query.authority_id)) {
      return Ineligible(
          Ineligibility::kSuspended,
          absl::StrCat("suspended ",
                       NameOf(kSuspensionScopes, suspension.scope),
                       " by authorities/", suspension.authority_id));
    }
  }
  return std::nullopt;
}

}  // namespace

absl::Status ValidateEligibilityQuery(const EligibilityQuery& query) {
  FHUB_RETURN_IF_ERROR(
      CheckResourceId("framework_id", query.lot.lot.framework_id));
  FHUB_RETURN_IF_ERROR(CheckResourceId("lot_id", query.lot.lot.lot_id));
  FHUB_RETURN_IF_ERROR(CheckResourceId("authority_id", query.authority_id));
  FHUB_RETURN_IF_ERROR(ValidateLatLng("location", query.location));
  if (!(query.max_distance_miles > 0 &&
        query.max_distance_miles <= kMaxSearchDistanceMiles)) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_distance_miles must be above 0 and at most ",
                     kMaxSearchDistanceMiles));
  }
  return absl::OkStatus();
}

bool ServesArea(ServiceType service_type) {
  return service_type == ServiceType::kFloatingSupport;
}

namespace {

// The registration `lot` needs of its settings, if any in particular.
std::optional<RegistrationType> NeededRegistration(const LotRule& lot) {
  if (lot.service_type == ServiceType::kResidentialChildrensHome) {
    return RegistrationType::kChildrensHome;
  }
  return std::nullopt;
}

bool RegistrationServes(const LotRule& lot, RegistrationType type) {
  if (lot.ofsted_registration_required && type == RegistrationType::kNone) {
    return false;
  }
  const std::optional<RegistrationType> needed = NeededRegistration(lot);
  return !needed.has_value() || type == *needed;
}

}  // namespace

absl::Status CheckRegistrationServes(const LotRule& lot, const Setting& setting,
                                     absl::string_view field) {
  if (RegistrationServes(lot, setting.registration_type)) {
    return absl::OkStatus();
  }
  const std::optional<RegistrationType> needed = NeededRegistration(lot);
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": frameworks/", lot.lot.framework_id, " lot ", lot.lot.lot_id,
      " needs settings registered with Ofsted as ",
      needed.has_value() ? NameOf(kRegistrationTypes, *needed)
                         : "CHILDRENS_HOME or SUPPORTED_ACCOMMODATION",
      "; this one is ", NameOf(kRegistrationTypes, setting.registration_type)));
}

bool MeetsOfstedRule(const LotRule& lot, const Setting& setting) {
  if (!RegistrationServes(lot, setting.registration_type)) return false;
  return !setting.latest_judgement.has_value() ||
         MeetsLowestGrade(setting.latest_judgement->judgement,
                          lot.lowest_ofsted_grade);
}

EligibilityDecision DecideEligibility(const EligibilityQuery& query,
                                      const EligibilityCandidate& candidate) {
  if (std::optional<EligibilityDecision> refused =
          CheckStanding(query, candidate)) {
    return *std::move(refused);
  }
  const Accreditation& accreditation = *candidate.accreditation;

  Ineligibility furthest = Ineligibility::kNoSettingForLot;
  const SettingVacancies* best = nullptr;
  double best_distance = 0;
  for (const SettingVacancies& entry : candidate.settings) {
    const Setting& setting = entry.setting;
    if (setting.provider_id != candidate.provider_id ||
        !ServesLot(setting, query.lot.lot)) {
      continue;
    }
    const double distance = DistanceMiles(query.location, setting.location);
    Ineligibility reached = Ineligibility::kTooFar;
    if (InRange(query, setting, distance)) {
      reached = Ineligibility::kOfstedRule;
      if (MeetsOfstedRule(query.lot, setting)) {
        reached = Ineligibility::kNoVacancy;
        if (HasVacancyBy(entry.vacancies, query.wanted_by) &&
            (best == nullptr || distance < best_distance ||
             (distance == best_distance && setting.id < best->setting.id))) {
          best = &entry;
          best_distance = distance;
        }
      }
    }
    furthest = std::max(furthest, reached);
  }
  if (best == nullptr) return Ineligible(furthest, DetailFor(furthest));

  EligibilityDecision decision;
  decision.match = EligibleProvider{candidate.provider_id, best->setting.id,
                                    best_distance, accreditation.quality_score};
  decision.detail = absl::StrFormat("%.1f miles", best_distance);
  return decision;
}

std::vector<EligibleProvider> EligibleProviders(
    const EligibilityQuery& query,
    const std::vector<EligibilityCandidate>& candidates) {
  std::vector<EligibleProvider> eligible;
  for (const EligibilityCandidate& candidate : candidates) {
    EligibilityDecision decision = DecideEligibility(query, candidate);
    if (decision.eligible()) eligible.push_back(std::move(*decision.match));
  }
  std::sort(eligible.begin(), eligible.end(),
            [](const EligibleProvider& a, const EligibleProvider& b) {
              if (a.distance_miles != b.distance_miles) {
                return a.distance_miles < b.distance_miles;
              }
              if (a.quality_score != b.quality_score) {
                return a.quality_score > b.quality_score;
              }
              return a.provider_id < b.provider_id;
            });
  return eligible;
}

}  // namespace fhub::registry
