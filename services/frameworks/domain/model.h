#pragma once

// The words of contract holding (DESIGN.md section 3) as plain C++ types.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/enum_names.h"
#include "common/lot_types.h"

namespace fhub::frameworks {

using ::fhub::kOfstedGrades;
using ::fhub::kServiceTypes;
using ::fhub::OfstedGrade;
using ::fhub::ServiceType;

enum class AuthorityKind { kLocalAuthority, kHealthBody };
inline constexpr std::array<EnumName<AuthorityKind>, 2> kAuthorityKinds = {{
    {AuthorityKind::kLocalAuthority, "LOCAL_AUTHORITY"},
    {AuthorityKind::kHealthBody, "HEALTH_BODY"},
}};

struct Authority {
  std::string id;  // "sefton"
  std::string display_name;
  AuthorityKind kind = AuthorityKind::kLocalAuthority;
  absl::Time create_time;
};

enum class ProcurementRoute {
  kDynamicPurchasingSystem,
  kDynamicMarket,
  kFrameworkAgreement,
  kOpenFramework,
  kApprovedList,
};
inline constexpr std::array<EnumName<ProcurementRoute>, 5> kProcurementRoutes =
    {{
        {ProcurementRoute::kDynamicPurchasingSystem,
         "DYNAMIC_PURCHASING_SYSTEM"},
        {ProcurementRoute::kDynamicMarket, "DYNAMIC_MARKET"},
        {ProcurementRoute::kFrameworkAgreement, "FRAMEWORK_AGREEMENT"},
        {ProcurementRoute::kOpenFramework, "OPEN_FRAMEWORK"},
        {ProcurementRoute::kApprovedList, "APPROVED_LIST"},
    }};

enum class FrameworkStatus { kDraft, kActive, kExpired, kTerminated };
inline constexpr std::array<EnumName<FrameworkStatus>, 4> kFrameworkStatuses = {
    {
        {FrameworkStatus::kDraft, "DRAFT"},
        {FrameworkStatus::kActive, "ACTIVE"},
        {FrameworkStatus::kExpired, "EXPIRED"},
        {FrameworkStatus::kTerminated, "TERMINATED"},
    }};

enum class AdmissionKind { kContinuous, kPeriodic };
inline constexpr std::array<EnumName<AdmissionKind>, 2> kAdmissionKinds = {{
    {AdmissionKind::kContinuous, "CONTINUOUS"},
    {AdmissionKind::kPeriodic, "PERIODIC"},
}};

enum class CostSharingMethod { kProRataPlacements, kEqualShares, kFixedFees };
inline constexpr std::array<EnumName<CostSharingMethod>, 3>
    kCostSharingMethods = {{
        {CostSharingMethod::kProRataPlacements, "PRO_RATA_PLACEMENTS"},
        {CostSharingMethod::kEqualShares, "EQUAL_SHARES"},
        {CostSharingMethod::kFixedFees, "FIXED_FEES"},
    }};

struct Lot {
  std::string id;
  std::string title;
  ServiceType service_type = ServiceType::kSemiIndependentGroupLiving;
  bool ofsted_registration_required = false;
  OfstedGrade lowest_ofsted_grade = OfstedGrade::kAny;
};

// "2+1+1": a start, an initial end, extension options and a hard maximum.
struct Term {
  absl::CivilDay start;
  absl::CivilDay initial_end;
  std::vector<int> extension_months;
  absl::CivilDay maximum_end;
  absl::CivilDay current_end;
  // Extension options taken so far, in order.
  int extensions_taken = 0;
};

struct AdmissionPolicy {
  AdmissionKind kind = AdmissionKind::kContinuous;
  int interval_months = 0;
  int window_days = 0;
  absl::CivilDay first_window_opens;
};

struct AgeRange {
  int minimum = 0;
  int maximum = 0;
};

struct BallotRules {
  int quorum_percent = 0;
  int pass_threshold_percent = 0;
  bool unanimous = false;
};

struct Framework {
  std::string id;  // "nw-16plus"
  std::string title;
  ProcurementRoute procurement_route =
      ProcurementRoute::kDynamicPurchasingSystem;
  std::string lead_authority_id;
  std::vector<Lot> lots;
  FrameworkStatus status = FrameworkStatus::kDraft;
  Term term;
  AdmissionPolicy admission;
  AgeRange ages;
  BallotRules ballot;
  CostSharingMethod cost_sharing = CostSharingMethod::kProRataPlacements;
  absl::Time create_time;
  std::optional<absl::Time> activate_time;
  // Set when the lead terminates it.
  std::string termination_reason;
  // When it became EXPIRED or TERMINATED.
  std::optional<absl::Time> end_time;
};

struct StrategicLead {
  std::string full_name;
  std::string email;
  std::string job_title;
};

// One period of an authority's use of a framework.
struct Membership {
  std::string framework_id;
  std::string authority_id;
  StrategicLead strategic_lead;
  absl::CivilDay joined;
  std::optional<absl::CivilDay> ceased;
  std::string cease_reason;

  // True while the authority uses the framework on `day`: from the day it
  // joined up to, not including, the day it ceased.
  bool ActiveOn(absl::CivilDay day) const {
    return joined <= day && (!ceased.has_value() || day < *ceased);
  }
  // True unless it has a cease date (past or future).
  bool Open() const { return !ceased.has_value(); }
};

}  // namespace fhub::frameworks
