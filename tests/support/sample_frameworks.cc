#include "tests/support/sample_frameworks.h"

#include "absl/strings/str_cat.h"
#include "common/proto_values.h"

namespace fhub::testing {

namespace fv1 = ::fhub::frameworks::v1;

fv1::CreateFrameworkRequest SampleFrameworkRequest(
    const SampleFramework& sample) {
  fv1::CreateFrameworkRequest request;
  request.set_framework_id(sample.id);
  fv1::Framework* f = request.mutable_framework();
  f->set_title(sample.title);
  f->set_procurement_route(fv1::DYNAMIC_PURCHASING_SYSTEM);
  f->set_lead_authority(absl::StrCat("authorities/", sample.lead_authority_id));
  struct LotSpec {
    const char* id;
    const char* title;
    fv1::ServiceType type;
    bool ofsted;
  };
  for (const LotSpec& spec :
       {LotSpec{"lot-1", "Semi-independent and group living",
                fv1::SEMI_INDEPENDENT_GROUP_LIVING, true},
        LotSpec{"lot-2", "Floating support with accommodation",
                fv1::FLOATING_SUPPORT_WITH_ACCOMMODATION, true},
        LotSpec{"lot-3", "Floating support", fv1::FLOATING_SUPPORT, false}}) {
    fv1::Lot* lot = f->add_lots();
    lot->set_lot_id(spec.id);
    lot->set_title(spec.title);
    lot->set_service_type(spec.type);
    lot->set_ofsted_registration_required(spec.ofsted);
  }
  fv1::Term* term = f->mutable_term();
  ToProto(sample.start, term->mutable_start_date());
  ToProto(sample.initial_end, term->mutable_initial_end_date());
  term->add_extension_options()->set_months(12);
  term->add_extension_options()->set_months(12);
  fv1::AdmissionPolicy* admission = f->mutable_admission_policy();
  admission->set_kind(fv1::PERIODIC);
  admission->set_interval_months(4);
  admission->set_window_days(28);
  ToProto(sample.start, admission->mutable_first_window_opens());
  f->mutable_age_range()->set_minimum_age(16);
  f->mutable_age_range()->set_maximum_age(25);
  f->mutable_ballot_rules()->set_quorum_percent(75);
  f->mutable_ballot_rules()->set_pass_threshold_percent(50);
  f->set_cost_sharing_method(fv1::PRO_RATA_PLACEMENTS);
  request.set_request_id(absl::StrCat("create-", sample.id));
  return request;
}

}  // namespace fhub::testing
