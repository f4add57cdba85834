#pragma once

// The words of placement referrals (DESIGN.md section 3) as plain C++
// types: referrals and their mini-competitions, the invitations providers
// answer with offers or declines, placements with their dated support
// hours, and block contracts. Money is int64 pence, support time minutes a
// week. Authorities, frameworks, lots, providers and settings belong to
// other services and are named here by id.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/enum_names.h"

namespace fhub::referrals {

// The fixed vocabulary of needs.
enum class Need {
  kUnaccompaniedAsylumSeeking,
  kChildSexualExploitationRisk,
  kGoingMissing,
  kOffending,
  kSubstanceMisuse,
  kMentalHealth,
  kLearningDisability,
  kPhysicalDisability,
  kParentOrPregnant,
};
inline constexpr std::array<EnumName<Need>, 9> kNeeds = {{
    {Need::kUnaccompaniedAsylumSeeking, "UNACCOMPANIED_ASYLUM_SEEKING"},
    {Need::kChildSexualExploitationRisk, "CHILD_SEXUAL_EXPLOITATION_RISK"},
    {Need::kGoingMissing, "GOING_MISSING"},
    {Need::kOffending, "OFFENDING"},
    {Need::kSubstanceMisuse, "SUBSTANCE_MISUSE"},
    {Need::kMentalHealth, "MENTAL_HEALTH"},
    {Need::kLearningDisability, "LEARNING_DISABILITY"},
    {Need::kPhysicalDisability, "PHYSICAL_DISABILITY"},
    {Need::kParentOrPregnant, "PARENT_OR_PREGNANT"},
}};

enum class AccommodationType {
  kSoloFlat,
  kSharedHouse,
  kSupportedLodgings,
  kChildrensHome,
  kOwnHome,
};
inline constexpr std::array<EnumName<AccommodationType>, 5>
    kAccommodationTypes = {{
        {AccommodationType::kSoloFlat, "SOLO_FLAT"},
        {AccommodationType::kSharedHouse, "SHARED_HOUSE"},
        {AccommodationType::kSupportedLodgings, "SUPPORTED_LODGINGS"},
        {AccommodationType::kChildrensHome, "CHILDRENS_HOME"},
        {AccommodationType::kOwnHome, "OWN_HOME"},
    }};

// DRAFT -> OPEN (submitted) -> EVALUATING (deadline passed or everyone
// answered, with at least one live offer) -> AWARDED; or NO_SUITABLE_OFFER
// (nobody eligible, or no live offer at the close), which may be re-opened;
// CANCELLED from any state before AWARDED. A DRAFT or OPEN referral may
// also go straight to AWARDED through a block place.
enum class ReferralStatus {
  kDraft,
  kOpen,
  kEvaluating,
  kAwarded,
  kCancelled,
  kNoSuitableOffer,
};
inline constexpr std::array<EnumName<ReferralStatus>, 6> kReferralStatuses = {{
    {ReferralStatus::kDraft, "DRAFT"},
    {ReferralStatus::kOpen, "OPEN"},
    {ReferralStatus::kEvaluating, "EVALUATING"},
    {ReferralStatus::kAwarded, "AWARDED"},
    {ReferralStatus::kCancelled, "CANCELLED"},
    {ReferralStatus::kNoSuitableOffer, "NO_SUITABLE_OFFER"},
}};

enum class InvitationStatus {
  kInvited,         // waiting for the provider
  kOffered,         // a live offer
  kDeclined,        // the provider declined
  kOfferWithdrawn,  // the provider withdrew its offer
  kRevoked,         // the provider was suspended for the authority
  kClosed,          // no answer by the deadline, or the referral cancelled
  kOfferAwarded,    // this offer was chosen
  kUnsuccessful,    // another offer or a block place was chosen
};
inline constexpr std::array<EnumName<InvitationStatus>, 8> kInvitationStatuses =
    {{
        {InvitationStatus::kInvited, "INVITED"},
        {InvitationStatus::kOffered, "OFFERED"},
        {InvitationStatus::kDeclined, "DECLINED"},
        {InvitationStatus::kOfferWithdrawn, "OFFER_WITHDRAWN"},
        {InvitationStatus::kRevoked, "REVOKED"},
        {InvitationStatus::kClosed, "CLOSED"},
        {InvitationStatus::kOfferAwarded, "OFFER_AWARDED"},
        {InvitationStatus::kUnsuccessful, "UNSUCCESSFUL"},
    }};

enum class DeclineReason {
  kNoVacancy,
  kCannotMeetNeeds,
  kLocation,
  kRisk,
  kOther
};
inline constexpr std::array<EnumName<DeclineReason>, 5> kDeclineReasons = {{
    {DeclineReason::kNoVacancy, "NO_VACANCY"},
    {DeclineReason::kCannotMeetNeeds, "CANNOT_MEET_NEEDS"},
    {DeclineReason::kLocation, "LOCATION"},
    {DeclineReason::kRisk, "RISK"},
    {DeclineReason::kOther, "OTHER"},
}};

enum class EndReason {
  kMovedToIndependence,
  kReturnedHome,
  kStayingPut,
  kPlacementBreakdown,
  kAgeOut,
  kOther,
};
// The API spells OTHER as OTHER_REASON (proto enum values share a scope).
inline constexpr std::array<EnumName<EndReason>, 6> kEndReasons = {{
    {EndReason::kMovedToIndependence, "MOVED_TO_INDEPENDENCE"},
    {EndReason::kReturnedHome, "RETURNED_HOME"},
    {EndReason::kStayingPut, "STAYING_PUT"},
    {EndReason::kPlacementBreakdown, "PLACEMENT_BREAKDOWN"},
    {EndReason::kAgeOut, "AGE_OUT"},
    {EndReason::kOther, "OTHER_REASON"},
}};

// Whole percentages summing to 100.
struct Weights {
  int quality = 60;
  int price = 40;
  int distance = 0;
};

struct Referral {
  int64_t id = 0;  // "authorities/{authority_id}/referrals/{id}"
  std::string authority_id;
  std::string framework_id;
  std::string lot_id;
  std::string case_reference;
  int age = 0;
  std::vector<Need> needs;
  int64_t support_minutes_per_week = 0;
  AccommodationType accommodation_type = AccommodationType::kSoloFlat;
  double latitude = 0;
  double longitude = 0;
  double max_distance_miles = 20;
  absl::CivilDay wanted_start_date;
  // Unset until submitted unless the commissioner chose one.
  std::optional<absl::Time> response_deadline;
  Weights weights;
  int64_t weekly_budget_pence = 0;  // 0: none
  std::string confidential_summary;
  ReferralStatus status = ReferralStatus::kDraft;
  absl::Time create_time;
  std::optional<absl::Time> submit_time;
  std::optional<absl::Time> award_time;
  int64_t placement_id = 0;  // 0 until placed
  std::string cancel_reason;
};

// What a provider offers.
struct OfferTerms {
  std::string setting_id;  // a setting of the offering provider
  absl::CivilDay available_date;
  int64_t accommodation_weekly_pence = 0;
  int64_t support_hourly_pence = 0;
  int64_t support_minutes_per_week = 0;
  std::string notes;
};

// One provider's part in a referral's mini-competition.
struct Invitation {
  int64_t referral_id = 0;
  std::string authority_id;
  std::string framework_id;
  std::string provider_id;
  // The setting the registry found eligible, its distance from home and the
  // provider's quality score on the lot, as the registry gave them.
  std::string setting_id;
  double distance_miles = 0;
  double quality_score = 0;
  InvitationStatus status = InvitationStatus::kInvited;
  std::optional<OfferTerms> offer;
  // Of the offered setting; with the offer.
  double offer_distance_miles = 0;
  int64_t offer_weekly_pence = 0;
  bool spot_price = false;
  std::optional<DeclineReason> decline_reason;
  std::string decline_note;
  absl::Time invite_time;
  std::optional<absl::Time> answer_time;
};

// Support hours from a date on.
struct HoursChange {
  absl::CivilDay effective_date;
  int64_t support_minutes_per_week = 0;
  absl::Time record_time;
};

struct Placement {
  int64_t id = 0;  // "authorities/{authority_id}/placements/{id}"
  std::string authority_id;
  int64_t referral_id = 0;
  std::string framework_id;
  std::string lot_id;
  std::string provider_id;
  std::string setting_id;
  int64_t block_contract_id = 0;  // 0: not a block place
  absl::CivilDay start_date;
  int64_t accommodation_weekly_pence = 0;
  int64_t support_hourly_pence = 0;
  // Oldest first; the first is effective from the start date.
  std::vector<HoursChange> hours;
  std::optional<absl::CivilDay> end_date;
  std::optional<EndReason> end_reason;
  std::string end_note;
  double distance_miles = 0;
  std::string award_reason;
  absl::Time create_time;
};

// Places one authority reserves with one provider at some of its settings.
struct BlockContract {
  int64_t id = 0;  // "authorities/{authority_id}/blockContracts/{id}"
  std::string authority_id;
  std::string provider_id;
  std::string framework_id;
  std::string lot_id;
  std::vector<std::string> setting_ids;
  int places = 0;
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  int64_t weekly_pence_per_place = 0;
  int64_t support_hourly_pence = 0;
  absl::Time create_time;
};

}  // namespace fhub::referrals
