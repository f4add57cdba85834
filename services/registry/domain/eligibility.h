#pragma once

// The eligibility search's rule for one provider, applied after the SQL
// prefilter has found candidate settings in the bounding box:
//
// 1. its accreditation on the lot is ADMITTED (not SUSPENDED or REMOVED);
// 2. no active suspension blocks the requesting authority (a FRAMEWORK_WIDE
//    one blocks everyone, a MEMBER_ONLY one only its own member);
// 3. one of its settings qualifies: it serves the lot; it lies within the
//    greatest distance of the location; it meets the lot's Ofsted rule; and
//    it has a vacancy of at least one place available on or before the
//    wanted date.
//
// Floating support (FLOATING_SUPPORT lots) is delivered where the young
// person lives, so the setting is a service base, and it "serves the area"
// when the location is within the search's distance of the base and, if
// the base declares a service radius, within that radius too. Every other
// lot places the young person at the setting, so its distance is the
// setting's.
//
// The Ofsted rule: a lot that requires registration needs a setting
// registered with Ofsted (CHILDRENS_HOME or SUPPORTED_ACCOMMODATION); a
// RESIDENTIAL_CHILDRENS_HOME lot always needs a CHILDRENS_HOME registration;
// and no setting may hold a judgement below the lot's lowest grade
// (MeetsLowestGrade). A registered setting not yet inspected has no
// judgement below the floor, so it passes.
//
// The provider is returned with its nearest qualifying setting (ties to the
// smaller setting id) and its accreditation's quality score; or with the
// reason it is not eligible: the first failing step, and for settings the
// furthest step any setting reached (a setting in range with no vacancy
// says NO_VACANCY rather than TOO_FAR about a setting further away).

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/registry/domain/model.h"

namespace fhub::registry {

inline constexpr double kDefaultMaxDistanceMiles = 20;
// Further than Land's End to John o' Groats.
inline constexpr double kMaxSearchDistanceMiles = 700;

struct EligibilityQuery {
  LotRule lot;
  std::string authority_id;  // the member asking
  LatLng location;
  double max_distance_miles = kDefaultMaxDistanceMiles;
  absl::CivilDay wanted_by;
};

struct SettingVacancies {
  Setting setting;
  std::vector<Vacancy> vacancies;
};

// One provider as the prefilter found it.
struct EligibilityCandidate {
  std::string provider_id;
  // Its accreditation on the query's lot, if any.
  std::optional<Accreditation> accreditation;
  // Its suspensions on the query's framework (any status).
  std::vector<Suspension> suspensions;
  std::vector<SettingVacancies> settings;
};

// Later values are closer to eligible.
enum class Ineligibility {
  kNotAdmitted,
  kSuspended,
  kNoSettingForLot,
  kTooFar,
  kOfstedRule,
  kNoVacancy,
};
inline constexpr std::array<EnumName<Ineligibility>, 6> kIneligibilities = {{
    {Ineligibility::kNotAdmitted, "NOT_ADMITTED"},
    {Ineligibility::kSuspended, "SUSPENDED"},
    {Ineligibility::kNoSettingForLot, "NO_SETTING_FOR_LOT"},
    {Ineligibility::kTooFar, "TOO_FAR"},
    {Ineligibility::kOfstedRule, "OFSTED_RULE"},
    {Ineligibility::kNoVacancy, "NO_VACANCY"},
}};

struct EligibleProvider {
  std::string provider_id;
  std::string setting_id;
  double distance_miles = 0;
  double quality_score = 0;
};

struct EligibilityDecision {
  std::optional<EligibleProvider> match;
  // Why not, when there is no match.
  Ineligibility reason = Ineligibility::kNotAdmitted;
  std::string detail;

  bool eligible() const { return match.has_value(); }
};

// INVALID_ARGUMENT naming the field: location.latitude/longitude in range,
// max_distance_miles above 0 and at most kMaxSearchDistanceMiles, and the
// ids well formed.
absl::Status ValidateEligibilityQuery(const EligibilityQuery& query);

// True for lots whose settings serve an area rather than house the young
// person: FLOATING_SUPPORT.
bool ServesArea(ServiceType service_type);

// The lot's Ofsted rule for one setting, as described above.
bool MeetsOfstedRule(const LotRule& lot, const Setting& setting);

// The registration half of that rule, which a setting's own details decide
// for good (a judgement changes with each inspection; a registration does
// not): OK when `setting`'s registration lets it serve `lot`, else
// INVALID_ARGUMENT naming `field` and the registration the lot needs. A
// setting is refused such a lot when it is created or updated, so it is
// never listed on a lot that the search would always leave it out of.
absl::Status CheckRegistrationServes(const LotRule& lot, const Setting& setting,
                                     absl::string_view field);

EligibilityDecision DecideEligibility(const EligibilityQuery& query,
                                      const EligibilityCandidate& candidate);

// The eligible providers among `candidates`, nearest first, then by higher
// quality score, then by provider id.
std::vector<EligibleProvider> EligibleProviders(
    const EligibilityQuery& query,
    const std::vector<EligibilityCandidate>& candidates);

}  // namespace fhub::registry
