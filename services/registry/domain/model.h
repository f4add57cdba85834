#pragma once

// The words of the provider registry (DESIGN.md section 3) as plain C++
// types: providers and their settings and vacancies, applications and their
// evaluation, accreditations, suspensions with action plans, and concerns.
// The registry learns about frameworks and lots from the frameworks service;
// `LotRule` is what it keeps of a lot.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/enum_names.h"
#include "common/lot_types.h"
#include "services/registry/domain/ofsted.h"

namespace fhub::registry {

using ::fhub::kOfstedGrades;
using ::fhub::kServiceTypes;
using ::fhub::OfstedGrade;
using ::fhub::ServiceType;

enum class ProviderKind { kCompany, kCharity, kSoleTrader };
inline constexpr std::array<EnumName<ProviderKind>, 3> kProviderKinds = {{
    {ProviderKind::kCompany, "COMPANY"},
    {ProviderKind::kCharity, "CHARITY"},
    {ProviderKind::kSoleTrader, "SOLE_TRADER"},
}};

enum class ApplicationStatus {
  kDraft,
  kSubmitted,
  kUnderEvaluation,
  kAdmitted,
  kRejected,
};
inline constexpr std::array<EnumName<ApplicationStatus>, 5>
    kApplicationStatuses = {{
        {ApplicationStatus::kDraft, "DRAFT"},
        {ApplicationStatus::kSubmitted, "SUBMITTED"},
        {ApplicationStatus::kUnderEvaluation, "UNDER_EVALUATION"},
        {ApplicationStatus::kAdmitted, "ADMITTED"},
        {ApplicationStatus::kRejected, "REJECTED"},
    }};

enum class AccreditationStatus { kAdmitted, kSuspended, kRemoved };
inline constexpr std::array<EnumName<AccreditationStatus>, 3>
    kAccreditationStatuses = {{
        {AccreditationStatus::kAdmitted, "ADMITTED"},
        {AccreditationStatus::kSuspended, "SUSPENDED"},
        {AccreditationStatus::kRemoved, "REMOVED"},
    }};

enum class SuspensionScope { kFrameworkWide, kMemberOnly };
inline constexpr std::array<EnumName<SuspensionScope>, 2> kSuspensionScopes = {{
    {SuspensionScope::kFrameworkWide, "FRAMEWORK_WIDE"},
    {SuspensionScope::kMemberOnly, "MEMBER_ONLY"},
}};

// ACTIVE until the suspender reinstates the provider (LIFTED).
enum class SuspensionStatus { kActive, kLifted };
inline constexpr std::array<EnumName<SuspensionStatus>, 2> kSuspensionStatuses =
    {{
        {SuspensionStatus::kActive, "ACTIVE"},
        {SuspensionStatus::kLifted, "LIFTED"},
    }};

enum class ConcernStatus { kOpen, kClosed };
inline constexpr std::array<EnumName<ConcernStatus>, 2> kConcernStatuses = {{
    {ConcernStatus::kOpen, "OPEN"},
    {ConcernStatus::kClosed, "CLOSED"},
}};

// A point on the Earth in decimal degrees (WGS84).
struct LatLng {
  double latitude = 0;
  double longitude = 0;
};

struct Address {
  // One to four lines, the first required.
  std::vector<std::string> lines;
  std::string town;
  // Normalised: upper case, one space before the inward code ("L20 3NJ").
  std::string postcode;
};

struct Contact {
  std::string full_name;
  std::string email;
  std::string phone;      // optional
  std::string job_title;  // optional
};

struct Provider {
  std::string id;  // "acme-care"
  std::string legal_name;
  ProviderKind kind = ProviderKind::kCompany;
  // Companies House number: COMPANY always; CHARITY when it is a charitable
  // company; never for SOLE_TRADER.
  std::string company_number;
  // Charity Commission (England and Wales) number: CHARITY only.
  std::string charity_number;
  std::vector<Contact> contacts;
  Address address;
  absl::Time create_time;
};

// A lot of a framework, named across the hub.
struct LotRef {
  std::string framework_id;
  std::string lot_id;

  friend bool operator==(const LotRef& a, const LotRef& b) {
    return a.framework_id == b.framework_id && a.lot_id == b.lot_id;
  }
};

// What the registry keeps of a framework lot (owned by the frameworks
// service) to decide eligibility.
struct LotRule {
  LotRef lot;
  ServiceType service_type = ServiceType::kSemiIndependentGroupLiving;
  bool ofsted_registration_required = false;
  OfstedGrade lowest_ofsted_grade = OfstedGrade::kAny;
};

// A property or service base of a provider.
struct Setting {
  std::string id;  // "bootle-house"
  std::string provider_id;
  std::string name;
  Address address;
  LatLng location;
  std::vector<LotRef> lots;
  int capacity = 0;
  // Empty when the registration type is NONE.
  std::string ofsted_urn;
  RegistrationType registration_type = RegistrationType::kNone;
  // None until Ofsted first inspects.
  std::optional<OfstedJudgement> latest_judgement;
  // Floating support only: how far from this base the provider will support
  // a young person; 0 sets no limit beyond the search's own distance.
  double service_radius_miles = 0;
};

// Places free at a setting from a date.
struct Vacancy {
  std::string id;
  std::string setting_id;
  int places = 0;
  absl::CivilDay available_from;
};

// One criterion of a framework's quality questionnaire. Scores run from 0 to
// the questionnaire's max_score.
struct Criterion {
  std::string id;  // "safeguarding"
  std::string question;
  int weight = 1;
  int minimum_score = 0;
};

// Kept by the lead, one per framework.
struct Questionnaire {
  std::string framework_id;
  std::vector<Criterion> criteria;
  int max_score = 5;
  // Out of 100: the weighted total a provider needs.
  int pass_mark = 50;
  // Evaluations the moderated result needs per application.
  int minimum_evaluations = 2;
};

struct Answer {
  std::string criterion_id;
  std::string text;
};

struct Application {
  std::string id;
  std::string provider_id;
  std::string framework_id;
  std::vector<std::string> lot_ids;
  ApplicationStatus status = ApplicationStatus::kDraft;
  std::vector<Answer> answers;
  // Set by the lead on rejection (and optionally on admission).
  std::string feedback;
  absl::Time create_time;
  std::optional<absl::Time> submit_time;
  std::optional<absl::Time> decide_time;
  std::string decided_by;  // subject of the lead's officer
};

struct CriterionScore {
  std::string criterion_id;
  int score = 0;
  std::string comment;
};

// One evaluator's scores for one application.
struct Evaluation {
  std::string application_id;
  std::string evaluator;               // subject of the officer
  std::string evaluator_authority_id;  // the member the officer works for
  std::vector<CriterionScore> scores;
  absl::Time submit_time;
};

// A provider admitted to one framework lot.
struct Accreditation {
  std::string provider_id;
  LotRef lot;
  // SUSPENDED while a FRAMEWORK_WIDE suspension is active; a MEMBER_ONLY
  // suspension leaves it ADMITTED for everyone else.
  AccreditationStatus status = AccreditationStatus::kAdmitted;
  // The moderated weighted total, 0 to 100, used in mini-competitions.
  double quality_score = 0;
  std::string application_id;
  absl::Time admit_time;
  std::optional<absl::Time> remove_time;
  std::string removal_reason;
};

struct ActionPlanItem {
  int number = 0;  // 1, 2, ... in the order given
  std::string description;
  absl::CivilDay due;
  // Submitted by the provider; may be replaced until accepted.
  std::string evidence;
  std::optional<absl::Time> evidence_time;
  bool accepted = false;
  std::string accepted_by;  // subject of the suspender's officer
  std::optional<absl::Time> accept_time;
};

struct Suspension {
  std::string id;
  std::string provider_id;
  std::string framework_id;
  SuspensionScope scope = SuspensionScope::kFrameworkWide;
  // The suspender: the lead (FRAMEWORK_WIDE) or the one member it applies
  // to (MEMBER_ONLY).
  std::string authority_id;
  std::string reason;
  std::vector<ActionPlanItem> action_plan;
  SuspensionStatus status = SuspensionStatus::kActive;
  absl::Time suspend_time;
  std::string suspended_by;
  std::optional<absl::Time> reinstate_time;
  std::string reinstated_by;
};

// A member's report about a provider, shared with the framework's members.
struct Concern {
  std::string id;
  std::string provider_id;
  std::string framework_id;
  std::string raised_by_authority_id;
  std::string summary;
  absl::Time raise_time;
  std::string response;  // the provider's, if any
  std::optional<absl::Time> response_time;
  ConcernStatus status = ConcernStatus::kOpen;
  std::optional<absl::Time> close_time;
};

}  // namespace fhub::registry
