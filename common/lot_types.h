#pragma once

// The vocabulary of lots, shared by every service: what a lot buys and the
// lowest Ofsted grade it allows. The frameworks service owns lots; the
// registry and referrals services apply their rules.

#include <array>

#include "common/enum_names.h"

namespace fhub {

enum class ServiceType {
  kSemiIndependentGroupLiving,
  kFloatingSupportWithAccommodation,
  kFloatingSupport,
  kCareAndSupportPackage,
  kResidentialChildrensHome,
};
inline constexpr std::array<EnumName<ServiceType>, 5> kServiceTypes = {{
    {ServiceType::kSemiIndependentGroupLiving, "SEMI_INDEPENDENT_GROUP_LIVING"},
    {ServiceType::kFloatingSupportWithAccommodation,
     "FLOATING_SUPPORT_WITH_ACCOMMODATION"},
    {ServiceType::kFloatingSupport, "FLOATING_SUPPORT"},
    {ServiceType::kCareAndSupportPackage, "CARE_AND_SUPPORT_PACKAGE"},
    {ServiceType::kResidentialChildrensHome, "RESIDENTIAL_CHILDRENS_HOME"},
}};

// A lot's floor, best first; kAny sets none.
enum class OfstedGrade {
  kAny,
  kOutstanding,
  kGood,
  kRequiresImprovement,
  kInadequate,
};
inline constexpr std::array<EnumName<OfstedGrade>, 5> kOfstedGrades = {{
    {OfstedGrade::kAny, "ANY"},
    {OfstedGrade::kOutstanding, "OUTSTANDING"},
    {OfstedGrade::kGood, "GOOD"},
    {OfstedGrade::kRequiresImprovement, "REQUIRES_IMPROVEMENT"},
    {OfstedGrade::kInadequate, "INADEQUATE"},
}};

}  // namespace fhub
