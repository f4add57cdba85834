#include "services/registry/api/framework_directory.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/proto_enums.h"
#include "common/proto_values.h"
#include "common/status_macros.h"

namespace fhub::registry {
namespace {

namespace fv1 = ::fhub::frameworks::v1;

LotRule LotFromProto(const std::string& framework_id, const fv1::Lot& lot) {
  LotRule rule;
  rule.lot = {framework_id, lot.lot_id()};
  if (auto type =
          ValueOf(kServiceTypes, fv1::ServiceType_Name(lot.service_type()))) {
    rule.service_type = *type;
  }
  rule.ofsted_registration_required = lot.ofsted_registration_required();
  if (auto grade = ValueOf(kOfstedGrades,
                           fv1::OfstedGrade_Name(lot.lowest_ofsted_grade()))) {
    rule.lowest_ofsted_grade = *grade;
  }
  return rule;
}

}  // namespace

absl::StatusOr<LotRule> FrameworkFacts::Lot(absl::string_view field,
                                            absl::string_view lot_id) const {
  for (const LotRule& lot : lots) {
    if (lot.lot.lot_id == lot_id) return lot;
  }
  return absl::InvalidArgumentError(absl::StrCat(field, ": frameworks/",
                                                 authorities.framework_id,
                                                 " has no lot '", lot_id, "'"));
}

bool FrameworkFacts::IsLead(absl::string_view authority_id) const {
  return !authority_id.empty() && authorities.lead_authority_id == authority_id;
}

bool FrameworkFacts::IsActiveMember(absl::string_view authority_id) const {
  const auto& members = authorities.active_member_ids;
  return std::find(members.begin(), members.end(), authority_id) !=
         members.end();
}

GrpcFrameworkDirectory::GrpcFrameworkDirectory(
    GrpcFrameworkDirectoryOptions options, const Clock* clock)
    : client_(std::move(options), clock) {}

absl::StatusOr<FrameworkFacts> GrpcFrameworkDirectory::Framework(
    const std::string& framework_id, bool fresh) {
  FHUB_ASSIGN_OR_RETURN(FrameworkSnapshot snapshot,
                        client_.Framework(framework_id, fresh));
  FrameworkFacts facts;
  facts.authorities.framework_id = framework_id;
  facts.authorities.lead_authority_id = snapshot.lead_authority_id;
  facts.authorities.active_member_ids = snapshot.active_member_ids;
  facts.active = snapshot.active;
  for (const fv1::Lot& lot : snapshot.lots) {
    facts.lots.push_back(LotFromProto(framework_id, lot));
  }
  return facts;
}

absl::StatusOr<AdmissionAnswer> GrpcFrameworkDirectory::Admission(
    const std::string& framework_id, const std::string& lot_id, absl::Time at) {
  FHUB_ASSIGN_OR_RETURN(fv1::AdmissionStatus answer,
                        client_.Admission(framework_id, lot_id, at));
  AdmissionAnswer out;
  out.open = answer.open();
  if (answer.has_next_window()) {
    out.next_open = FromProto(answer.next_window().open_time());
    out.next_close = FromProto(answer.next_window().close_time());
  }
  return out;
}

}  // namespace fhub::registry
