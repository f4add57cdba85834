#include "services/registry/api/convert.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/page_token.h"
#include "common/proto_enums.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::registry {
namespace {

Address FromProto(const v1::Address& address) {
  Address out;
  out.lines.assign(address.lines().begin(), address.lines().end());
  out.town = address.town();
  out.postcode = address.postcode();
  return out;
}

void ToProto(const Address& address, v1::Address* out) {
  for (const std::string& line : address.lines) out->add_lines(line);
  out->set_town(address.town);
  out->set_postcode(address.postcode);
}

// An optional instant: `mutable_time` (returning e.g.
// out->mutable_withdraw_time()) is called only when `at` is set, because
// calling it marks the field present and an unset instant would reach the
// caller as 1970-01-01.
template <typename MutableTime>
void SetTime(const std::optional<absl::Time>& at, MutableTime mutable_time) {
  if (at) ::fhub::ToProto(*at, mutable_time());
}

}  // namespace

absl::StatusOr<std::vector<std::string>> DecodeAfterIds(absl::string_view list,
                                                        absl::string_view token,
                                                        size_t parts) {
  FHUB_ASSIGN_OR_RETURN(std::string key, DecodePageToken(list, token));
  if (key.empty()) return std::vector<std::string>(parts);
  std::vector<std::string> ids = absl::StrSplit(key, '|');
  if (ids.size() != parts ||
      !std::all_of(ids.begin(), ids.end(),
                   [](const std::string& id) { return IsResourceId(id); })) {
    return absl::InvalidArgumentError(
        "page_token is not a token this list gave out");
  }
  return ids;
}

std::string ProviderName(absl::string_view id) {
  return absl::StrCat("providers/", id);
}
std::string SettingName(absl::string_view provider_id,
                        absl::string_view setting_id) {
  return absl::StrCat("providers/", provider_id, "/settings/", setting_id);
}
std::string FrameworkName(absl::string_view id) {
  return absl::StrCat("frameworks/", id);
}
std::string AuthorityName(absl::string_view id) {
  return absl::StrCat("authorities/", id);
}

absl::StatusOr<Provider> FromProto(const v1::Provider& provider) {
  Provider out;
  out.legal_name = provider.legal_name();
  FHUB_ASSIGN_OR_RETURN(
      out.kind,
      FromProtoName(kProviderKinds, v1::ProviderKind_Name(provider.kind()),
                    "provider.kind"));
  out.company_number = provider.company_number();
  out.charity_number = provider.charity_number();
  for (const common::v1::Contact& c : provider.contacts()) {
    out.contacts.push_back(
        {c.full_name(), c.email(), c.phone(), c.job_title()});
  }
  out.address = FromProto(provider.address());
  return out;
}

void ToProto(const Provider& provider, v1::Provider* out) {
  out->set_name(ProviderName(provider.id));
  out->set_legal_name(provider.legal_name);
  out->set_kind(ToProtoEnum<v1::ProviderKind>(kProviderKinds, provider.kind,
                                              v1::ProviderKind_Parse));
  out->set_company_number(provider.company_number);
  out->set_charity_number(provider.charity_number);
  for (const Contact& c : provider.contacts) {
    common::v1::Contact* contact = out->add_contacts();
    contact->set_full_name(c.full_name);
    contact->set_email(c.email);
    contact->set_job_title(c.job_title);
    contact->set_phone(c.phone);
  }
  ToProto(provider.address, out->mutable_address());
  ToProto(provider.create_time, out->mutable_create_time());
}

absl::StatusOr<Setting> FromProto(const v1::Setting& setting) {
  Setting out;
  out.name = setting.display_name();
  out.address = FromProto(setting.address());
  out.location = {setting.latitude(), setting.longitude()};
  for (int i = 0; i < setting.lots_size(); ++i) {
    const v1::LotRef& lot = setting.lots(i);
    FHUB_ASSIGN_OR_RETURN(
        std::string framework_id,
        ParseName(absl::StrCat("setting.lots[", i, "].framework"),
                  lot.framework(), "frameworks"));
    out.lots.push_back({framework_id, lot.lot_id()});
  }
  out.capacity = setting.capacity();
  FHUB_ASSIGN_OR_RETURN(
      out.registration_type,
      FromProtoName(kRegistrationTypes,
                    v1::RegistrationType_Name(setting.registration_type()),
                    "setting.registration_type"));
  out.ofsted_urn = setting.ofsted_urn();
  if (setting.has_latest_judgement()) {
    OfstedJudgement judgement;
    FHUB_ASSIGN_OR_RETURN(
        judgement.judgement,
        FromProtoName(
            kJudgements,
            v1::Judgement_Name(setting.latest_judgement().judgement()),
            "setting.latest_judgement.judgement"));
    FHUB_ASSIGN_OR_RETURN(judgement.date,
                          FromProto(setting.latest_judgement().date(),
                                    "setting.latest_judgement.date"));
    out.latest_judgement = judgement;
  }
  out.service_radius_miles = setting.service_radius_miles();
  return out;
}

void ToProto(const Setting& setting, v1::Setting* out) {
  out->set_name(SettingName(setting.provider_id, setting.id));
  out->set_display_name(setting.name);
  ToProto(setting.address, out->mutable_address());
  out->set_latitude(setting.location.latitude);
  out->set_longitude(setting.location.longitude);
  for (const LotRef& lot : setting.lots) {
    v1::LotRef* ref = out->add_lots();
    ref->set_framework(FrameworkName(lot.framework_id));
    ref->set_lot_id(lot.lot_id);
  }
  out->set_capacity(setting.capacity);
  out->set_registration_type(ToProtoEnum<v1::RegistrationType>(
      kRegistrationTypes, setting.registration_type,
      v1::RegistrationType_Parse));
  out->set_ofsted_urn(setting.ofsted_urn);
  if (setting.latest_judgement) {
    v1::OfstedJudgement* j = out->mutable_latest_judgement();
    j->set_judgement(ToProtoEnum<v1::Judgement>(
        kJudgements, setting.latest_judgement->judgement, v1::Judgement_Parse));
    ToProto(setting.latest_judgement->date, j->mutable_date());
  }
  out->set_service_radius_miles(setting.service_radius_miles);
}

void ToProto(const std::string& provider_id, const Vacancy& vacancy,
             absl::Time create_time, std::optional<absl::Time> withdraw_time,
             v1::Vacancy* out) {
  out->set_name(absl::StrCat(SettingName(provider_id, vacancy.setting_id),
                             "/vacancies/", vacancy.id));
  out->set_places(vacancy.places);
  ToProto(vacancy.available_from, out->mutable_available_from());
  ToProto(create_time, out->mutable_create_time());
  SetTime(withdraw_time, [&] { return out->mutable_withdraw_time(); });
}

Questionnaire FromProto(const std::string& framework_id,
                        const v1::Questionnaire& questionnaire) {
  Questionnaire out;
  out.framework_id = framework_id;
  for (const v1::Criterion& c : questionnaire.criteria()) {
    out.criteria.push_back(
        {c.criterion_id(), c.question(), c.weight(), c.minimum_score()});
  }
  if (questionnaire.max_score() != 0) {
    out.max_score = questionnaire.max_score();
  }
  out.pass_mark = questionnaire.pass_mark();
  if (questionnaire.minimum_evaluations() != 0) {
    out.minimum_evaluations = questionnaire.minimum_evaluations();
  }
  return out;
}

void ToProto(const Questionnaire& questionnaire, absl::Time update_time,
             v1::Questionnaire* out) {
  out->set_name(absl::StrCat(FrameworkName(questionnaire.framework_id),
                             "/questionnaire"));
  for (const Criterion& c : questionnaire.criteria) {
    v1::Criterion* criterion = out->add_criteria();
    criterion->set_criterion_id(c.id);
    criterion->set_question(c.question);
    criterion->set_weight(c.weight);
    criterion->set_minimum_score(c.minimum_score);
  }
  out->set_max_score(questionnaire.max_score);
  out->set_pass_mark(questionnaire.pass_mark);
  out->set_minimum_evaluations(questionnaire.minimum_evaluations);
  ToProto(update_time, out->mutable_update_time());
}

void ToProto(const Application& application, v1::Application* out) {
  out->set_name(absl::StrCat("applications/", application.id));
  out->set_provider(ProviderName(application.provider_id));
  out->set_framework(FrameworkName(application.framework_id));
  for (const std::string& lot : application.lot_ids) out->add_lot_ids(lot);
  out->set_status(ToProtoEnum<v1::ApplicationStatus>(
      kApplicationStatuses, application.status, v1::ApplicationStatus_Parse));
  for (const Answer& a : application.answers) {
    v1::Answer* answer = out->add_answers();
    answer->set_criterion_id(a.criterion_id);
    answer->set_text(a.text);
  }
  out->set_feedback(application.feedback);
  ToProto(application.create_time, out->mutable_create_time());
  SetTime(application.submit_time, [&] { return out->mutable_submit_time(); });
  SetTime(application.decide_time, [&] { return out->mutable_decide_time(); });
  out->set_decided_by(application.decided_by);
}

void ToProto(const ModeratedResult& result, v1::ModeratedResult* out) {
  out->set_evaluation_count(result.evaluation_count);
  for (const CriterionResult& c : result.criteria) {
    v1::CriterionResult* r = out->add_criteria();
    r->set_criterion_id(c.criterion_id);
    r->set_moderated_score(c.moderated_score);
    r->set_minimum_score(c.minimum_score);
    r->set_meets_minimum(c.meets_minimum);
  }
  out->set_total(result.total);
  out->set_pass_mark(result.pass_mark);
  out->set_passed(result.passed);
}

void ToProto(const Evaluation& evaluation, v1::Evaluation* out) {
  out->set_application(
      absl::StrCat("applications/", evaluation.application_id));
  out->set_evaluator(evaluation.evaluator);
  out->set_evaluator_authority(
      AuthorityName(evaluation.evaluator_authority_id));
  for (const CriterionScore& s : evaluation.scores) {
    v1::CriterionScore* score = out->add_scores();
    score->set_criterion_id(s.criterion_id);
    score->set_score(s.score);
    score->set_comment(s.comment);
  }
  ToProto(evaluation.submit_time, out->mutable_submit_time());
}

void ToProto(const Accreditation& accreditation, v1::Accreditation* out) {
  out->set_provider(ProviderName(accreditation.provider_id));
  out->set_framework(FrameworkName(accreditation.lot.framework_id));
  out->set_lot_id(accreditation.lot.lot_id);
  out->set_status(ToProtoEnum<v1::Accreditation::Status>(
      kAccreditationStatuses, accreditation.status,
      v1::Accreditation::Status_Parse));
  out->set_quality_score(accreditation.quality_score);
  out->set_application(
      absl::StrCat("applications/", accreditation.application_id));
  ToProto(accreditation.admit_time, out->mutable_admit_time());
  SetTime(accreditation.remove_time,
          [&] { return out->mutable_remove_time(); });
  out->set_removal_reason(accreditation.removal_reason);
}

absl::StatusOr<SuspensionScope> FromProto(v1::SuspensionScope scope,
                                          absl::string_view field) {
  return FromProtoName(kSuspensionScopes, v1::SuspensionScope_Name(scope),
                       field);
}

void ToProto(const Suspension& suspension, v1::Suspension* out) {
  out->set_name(absl::StrCat("suspensions/", suspension.id));
  out->set_provider(ProviderName(suspension.provider_id));
  out->set_framework(FrameworkName(suspension.framework_id));
  out->set_scope(ToProtoEnum<v1::SuspensionScope>(
      kSuspensionScopes, suspension.scope, v1::SuspensionScope_Parse));
  out->set_authority(AuthorityName(suspension.authority_id));
  out->set_reason(suspension.reason);
  for (const ActionPlanItem& item : suspension.action_plan) {
    v1::ActionPlanItem* i = out->add_action_plan();
    i->set_number(item.number);
    i->set_description(item.description);
    ToProto(item.due, i->mutable_due_date());
    i->set_evidence(item.evidence);
    SetTime(item.evidence_time, [&] { return i->mutable_evidence_time(); });
    i->set_accepted(item.accepted);
    i->set_accepted_by(item.accepted_by);
    SetTime(item.accept_time, [&] { return i->mutable_accept_time(); });
  }
  out->set_status(ToProtoEnum<v1::SuspensionStatus>(
      kSuspensionStatuses, suspension.status, v1::SuspensionStatus_Parse));
  ToProto(suspension.suspend_time, out->mutable_suspend_time());
  out->set_suspended_by(suspension.suspended_by);
  SetTime(suspension.reinstate_time,
          [&] { return out->mutable_reinstate_time(); });
  out->set_reinstated_by(suspension.reinstated_by);
}

void ToProto(const Concern& concern, v1::Concern* out) {
  out->set_name(absl::StrCat("concerns/", concern.id));
  out->set_provider(ProviderName(concern.provider_id));
  out->set_framework(FrameworkName(concern.framework_id));
  out->set_raised_by(AuthorityName(concern.raised_by_authority_id));
  out->set_summary(concern.summary);
  ToProto(concern.raise_time, out->mutable_raise_time());
  out->set_response(concern.response);
  SetTime(concern.response_time, [&] { return out->mutable_response_time(); });
  out->set_status(ToProtoEnum<v1::ConcernStatus>(
      kConcernStatuses, concern.status, v1::ConcernStatus_Parse));
  SetTime(concern.close_time, [&] { return out->mutable_close_time(); });
}

}  // namespace fhub::registry
