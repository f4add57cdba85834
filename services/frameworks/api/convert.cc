#include "services/frameworks/api/convert.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/proto_enums.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::frameworks {
namespace {

std::string FrameworkName(const std::string& id) {
  return absl::StrCat("frameworks/", id);
}

absl::StatusOr<Lot> LotFromProto(const v1::Lot& lot, size_t index) {
  Lot out;
  out.id = lot.lot_id();
  out.title = lot.title();
  const std::string field = absl::StrCat("framework.lots[", index, "]");
  FHUB_ASSIGN_OR_RETURN(
      out.service_type,
      FromProtoName(kServiceTypes, v1::ServiceType_Name(lot.service_type()),
                    absl::StrCat(field, ".service_type")));
  out.ofsted_registration_required = lot.ofsted_registration_required();
  if (lot.lowest_ofsted_grade() != v1::OFSTED_GRADE_UNSPECIFIED) {
    FHUB_ASSIGN_OR_RETURN(
        out.lowest_ofsted_grade,
        FromProtoName(kOfstedGrades,
                      v1::OfstedGrade_Name(lot.lowest_ofsted_grade()),
                      absl::StrCat(field, ".lowest_ofsted_grade")));
  }
  return out;
}

absl::StatusOr<Term> TermFromProto(const v1::Term& term) {
  Term out;
  FHUB_ASSIGN_OR_RETURN(
      out.start, FromProto(term.start_date(), "framework.term.start_date"));
  FHUB_ASSIGN_OR_RETURN(
      out.initial_end,
      FromProto(term.initial_end_date(), "framework.term.initial_end_date"));
  for (const v1::ExtensionOption& option : term.extension_options()) {
    out.extension_months.push_back(option.months());
  }
  if (IsSet(term.maximum_end_date())) {
    FHUB_ASSIGN_OR_RETURN(
        out.maximum_end,
        FromProto(term.maximum_end_date(), "framework.term.maximum_end_date"));
  }
  return out;
}

absl::StatusOr<AdmissionPolicy> AdmissionFromProto(
    const v1::AdmissionPolicy& policy) {
  AdmissionPolicy out;
  FHUB_ASSIGN_OR_RETURN(
      out.kind,
      FromProtoName(kAdmissionKinds, v1::AdmissionKind_Name(policy.kind()),
                    "framework.admission_policy.kind"));
  if (out.kind == AdmissionKind::kPeriodic) {
    out.interval_months = policy.interval_months();
    out.window_days = policy.window_days();
    FHUB_ASSIGN_OR_RETURN(
        out.first_window_opens,
        FromProto(policy.first_window_opens(),
                  "framework.admission_policy.first_window_opens"));
  }
  return out;
}

}  // namespace

absl::StatusOr<AuthorityKind> FromProto(v1::AuthorityKind kind) {
  return FromProtoName(kAuthorityKinds, v1::AuthorityKind_Name(kind),
                       "authority.kind");
}

void ToProto(const Authority& authority, v1::Authority* out) {
  out->set_name(absl::StrCat("authorities/", authority.id));
  out->set_display_name(authority.display_name);
  out->set_kind(ToProtoEnum<v1::AuthorityKind>(kAuthorityKinds, authority.kind,
                                               v1::AuthorityKind_Parse));
  ToProto(authority.create_time, out->mutable_create_time());
}

absl::StatusOr<Framework> FromProto(const v1::CreateFrameworkRequest& request) {
  const v1::Framework& in = request.framework();
  Framework out;
  out.id = request.framework_id();
  out.title = in.title();
  FHUB_ASSIGN_OR_RETURN(
      out.procurement_route,
      FromProtoName(kProcurementRoutes,
                    v1::ProcurementRoute_Name(in.procurement_route()),
                    "framework.procurement_route"));
  if (in.lead_authority().empty()) {
    return absl::InvalidArgumentError("framework.lead_authority is required");
  }
  const absl::string_view prefix = "authorities/";
  if (in.lead_authority().rfind(prefix.data(), 0) != 0) {
    return absl::InvalidArgumentError(
        "framework.lead_authority must be authorities/{id}");
  }
  out.lead_authority_id = in.lead_authority().substr(prefix.size());
  for (int i = 0; i < in.lots_size(); ++i) {
    FHUB_ASSIGN_OR_RETURN(Lot lot, LotFromProto(in.lots(i), i));
    out.lots.push_back(std::move(lot));
  }
  FHUB_ASSIGN_OR_RETURN(out.term, TermFromProto(in.term()));
  FHUB_ASSIGN_OR_RETURN(out.admission,
                        AdmissionFromProto(in.admission_policy()));
  out.ages.minimum = in.age_range().minimum_age();
  out.ages.maximum = in.age_range().maximum_age();
  out.ballot.quorum_percent = in.ballot_rules().quorum_percent();
  out.ballot.pass_threshold_percent =
      in.ballot_rules().pass_threshold_percent();
  out.ballot.unanimous = in.ballot_rules().unanimous();
  FHUB_ASSIGN_OR_RETURN(
      out.cost_sharing,
      FromProtoName(kCostSharingMethods,
                    v1::CostSharingMethod_Name(in.cost_sharing_method()),
                    "framework.cost_sharing_method"));
  return out;
}

void ToProto(const Framework& f, v1::Framework* out) {
  out->set_name(FrameworkName(f.id));
  out->set_title(f.title);
  out->set_procurement_route(ToProtoEnum<v1::ProcurementRoute>(
      kProcurementRoutes, f.procurement_route, v1::ProcurementRoute_Parse));
  out->set_lead_authority(absl::StrCat("authorities/", f.lead_authority_id));
  for (const Lot& lot : f.lots) {
    v1::Lot* l = out->add_lots();
    l->set_name(absl::StrCat(FrameworkName(f.id), "/lots/", lot.id));
    l->set_lot_id(lot.id);
    l->set_title(lot.title);
    l->set_service_type(ToProtoEnum<v1::ServiceType>(
        kServiceTypes, lot.service_type, v1::ServiceType_Parse));
    l->set_ofsted_registration_required(lot.ofsted_registration_required);
    l->set_lowest_ofsted_grade(ToProtoEnum<v1::OfstedGrade>(
        kOfstedGrades, lot.lowest_ofsted_grade, v1::OfstedGrade_Parse));
  }
  out->set_status(ToProtoEnum<v1::FrameworkStatus>(kFrameworkStatuses, f.status,
                                                   v1::FrameworkStatus_Parse));
  v1::Term* term = out->mutable_term();
  ToProto(f.term.start, term->mutable_start_date());
  ToProto(f.term.initial_end, term->mutable_initial_end_date());
  for (int months : f.term.extension_months) {
    term->add_extension_options()->set_months(months);
  }
  ToProto(f.term.maximum_end, term->mutable_maximum_end_date());
  ToProto(f.term.current_end, term->mutable_current_end_date());
  term->set_extensions_taken(f.term.extensions_taken);
  v1::AdmissionPolicy* admission = out->mutable_admission_policy();
  admission->set_kind(ToProtoEnum<v1::AdmissionKind>(
      kAdmissionKinds, f.admission.kind, v1::AdmissionKind_Parse));
  if (f.admission.kind == AdmissionKind::kPeriodic) {
    admission->set_interval_months(f.admission.interval_months);
    admission->set_window_days(f.admission.window_days);
    ToProto(f.admission.first_window_opens,
            admission->mutable_first_window_opens());
  }
  out->mutable_age_range()->set_minimum_age(f.ages.minimum);
  out->mutable_age_range()->set_maximum_age(f.ages.maximum);
  out->mutable_ballot_rules()->set_quorum_percent(f.ballot.quorum_percent);
  out->mutable_ballot_rules()->set_pass_threshold_percent(
      f.ballot.pass_threshold_percent);
  out->mutable_ballot_rules()->set_unanimous(f.ballot.unanimous);
  out->set_cost_sharing_method(ToProtoEnum<v1::CostSharingMethod>(
      kCostSharingMethods, f.cost_sharing, v1::CostSharingMethod_Parse));
  ToProto(f.create_time, out->mutable_create_time());
  if (f.activate_time.has_value()) {
    ToProto(*f.activate_time, out->mutable_activate_time());
  }
  if (f.end_time.has_value()) ToProto(*f.end_time, out->mutable_end_time());
  out->set_termination_reason(f.termination_reason);
}

absl::StatusOr<StrategicLead> FromProto(const common::v1::Contact& contact) {
  return StrategicLead{contact.full_name(), contact.email(),
                       contact.job_title()};
}

void ToProto(const Membership& m, absl::CivilDay today, v1::Membership* out) {
  out->set_name(
      absl::StrCat(FrameworkName(m.framework_id), "/members/", m.authority_id));
  out->set_authority(absl::StrCat("authorities/", m.authority_id));
  out->mutable_strategic_lead()->set_full_name(m.strategic_lead.full_name);
  out->mutable_strategic_lead()->set_email(m.strategic_lead.email);
  out->mutable_strategic_lead()->set_job_title(m.strategic_lead.job_title);
  ToProto(m.joined, out->mutable_joined_date());
  if (m.ceased.has_value()) ToProto(*m.ceased, out->mutable_ceased_date());
  out->set_cease_reason(m.cease_reason);
  out->set_state(m.ceased.has_value() && *m.ceased <= today
                     ? v1::MEMBERSHIP_CEASED
                     : v1::MEMBERSHIP_ACTIVE);
}

}  // namespace fhub::frameworks
