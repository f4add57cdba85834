#include "tests/support/hub_story.h"

#include "absl/strings/str_cat.h"
#include "common/proto_values.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/grpc_harness.h"

namespace fhub::testing {
namespace {

namespace fv1 = ::fhub::frameworks::v1;
namespace rv1 = ::fhub::registry::v1;
namespace pv1 = ::fhub::pricing::v1;
using auth::Role;

constexpr char kNw[] = "frameworks/nw-16plus";

#define FHUB_CALL(expr)                \
  do {                                 \
    grpc::Status status_ = (expr);     \
    if (!status_.ok()) return status_; \
  } while (false)

}  // namespace

HubStory::HubStory(fv1::FrameworkService::Stub* frameworks,
                   rv1::RegistryService::Stub* registry,
                   pv1::PricingService::Stub* pricing, TokenMaker token)
    : frameworks_(*frameworks),
      registry_(*registry),
      pricing_(*pricing),
      token_(std::move(token)) {}

std::string HubStory::NextRequestId() {
  return absl::StrCat("story-", ++requests_);
}

grpc::Status HubStory::SetUpNorthWest() {
  const std::string lead = Token("authorities/tameside", Role::kLeadAdmin);
  FHUB_CALL(testing::SetUpNorthWest(frameworks_,
                                    Token("services/hub", Role::kHubAdmin),
                                    lead, [this] { return NextRequestId(); }));
  rv1::SetQuestionnaireRequest q;
  q.set_framework(kNw);
  rv1::Questionnaire* questionnaire = q.mutable_questionnaire();
  auto* c1 = questionnaire->add_criteria();
  c1->set_criterion_id("safeguarding");
  c1->set_question("How do you keep young people safe?");
  c1->set_weight(60);
  c1->set_minimum_score(2);
  auto* c2 = questionnaire->add_criteria();
  c2->set_criterion_id("outcomes");
  c2->set_question("How do you help young people into independence?");
  c2->set_weight(40);
  c2->set_minimum_score(2);
  questionnaire->set_max_score(5);
  questionnaire->set_pass_mark(50);
  questionnaire->set_minimum_evaluations(2);
  q.set_request_id(NextRequestId());
  rv1::Questionnaire stored;
  FHUB_CALL(registry_.SetQuestionnaire(CallContext(lead).get(), q, &stored));

  fv1::OpenAdmissionRoundRequest round;
  round.set_parent(kNw);
  ToProto(absl::Now() + absl::Hours(24 * 30), round.mutable_close_time());
  round.set_request_id(NextRequestId());
  fv1::AdmissionRound opened;
  return frameworks_.OpenAdmissionRound(CallContext(lead).get(), round,
                                        &opened);
}

grpc::Status HubStory::AdmitProvider(const ProviderSpec& spec) {
  const std::string user =
      Token(absl::StrCat("providers/", spec.id), Role::kProviderUser);
  rv1::CreateProviderRequest provider;
  provider.set_provider_id(spec.id);
  rv1::Provider* p = provider.mutable_provider();
  p->set_legal_name(absl::StrCat(spec.id, " Ltd"));
  p->set_kind(rv1::COMPANY);
  p->set_company_number("01234567");
  auto* contact = p->add_contacts();
  contact->set_full_name("Jo Bloggs");
  contact->set_email(absl::StrCat("jo@", spec.id, ".co.uk"));
  p->mutable_address()->add_lines("1 Stanley Road");
  p->mutable_address()->set_town("Bootle");
  p->mutable_address()->set_postcode("L20 3NJ");
  provider.set_request_id(NextRequestId());
  rv1::Provider created;
  FHUB_CALL(
      registry_.CreateProvider(CallContext(user).get(), provider, &created));

  rv1::CreateSettingRequest setting;
  setting.set_parent(absl::StrCat("providers/", spec.id));
  setting.set_setting_id("main");
  rv1::Setting* s = setting.mutable_setting();
  s->set_display_name("Main house");
  s->mutable_address()->add_lines("12 Stanley Road");
  s->mutable_address()->set_town("Bootle");
  s->mutable_address()->set_postcode("L20 3NJ");
  s->set_latitude(spec.where.latitude);
  s->set_longitude(spec.where.longitude);
  auto* lot = s->add_lots();
  lot->set_framework(kNw);
  lot->set_lot_id("lot-1");
  s->set_capacity(spec.capacity);
  s->set_registration_type(rv1::SUPPORTED_ACCOMMODATION);
  s->set_ofsted_urn("2745123");
  s->mutable_latest_judgement()->set_judgement(rv1::OUTCOME_1);
  ParseDate("2026-06-15", s->mutable_latest_judgement()->mutable_date());
  setting.set_request_id(NextRequestId());
  rv1::Setting stored_setting;
  FHUB_CALL(registry_.CreateSetting(CallContext(user).get(), setting,
                                    &stored_setting));

  if (spec.vacancies > 0) {
    rv1::RecordVacancyRequest vacancy;
    vacancy.set_parent(stored_setting.name());
    vacancy.mutable_vacancy()->set_places(spec.vacancies);
    ParseDate("2026-01-01",
              vacancy.mutable_vacancy()->mutable_available_from());
    vacancy.set_request_id(NextRequestId());
    rv1::Vacancy recorded;
    FHUB_CALL(
        registry_.RecordVacancy(CallContext(user).get(), vacancy, &recorded));
  }

  rv1::CreateApplicationRequest apply;
  rv1::Application* application = apply.mutable_application();
  application->set_provider(absl::StrCat("providers/", spec.id));
  application->set_framework(kNw);
  application->add_lot_ids("lot-1");
  auto* a1 = application->add_answers();
  a1->set_criterion_id("safeguarding");
  a1->set_text("Trained staff on site around the clock.");
  auto* a2 = application->add_answers();
  a2->set_criterion_id("outcomes");
  a2->set_text("Key workers plan each young person's move on with them.");
  apply.set_request_id(NextRequestId());
  rv1::Application draft;
  FHUB_CALL(
      registry_.CreateApplication(CallContext(user).get(), apply, &draft));
  rv1::SubmitApplicationRequest submit;
  submit.set_name(draft.name());
  submit.set_request_id(NextRequestId());
  rv1::Application submitted;
  FHUB_CALL(
      registry_.SubmitApplication(CallContext(user).get(), submit, &submitted));
  const char* criteria[] = {"safeguarding", "outcomes"};
  for (const auto& [authority, scores] :
       {std::pair{"wirral", spec.wirral_scores},
        std::pair{"sefton", spec.sefton_scores}}) {
    rv1::SubmitEvaluationRequest evaluation;
    evaluation.mutable_evaluation()->set_application(draft.name());
    for (size_t i = 0; i < scores.size() && i < 2; ++i) {
      auto* score = evaluation.mutable_evaluation()->add_scores();
      score->set_criterion_id(criteria[i]);
      score->set_score(scores[i]);
      score->set_comment("Evidence seen at the site visit.");
    }
    evaluation.set_request_id(NextRequestId());
    rv1::Evaluation stored;
    FHUB_CALL(registry_.SubmitEvaluation(
        CallContext(
            Token(absl::StrCat("authorities/", authority), Role::kEvaluator))
            .get(),
        evaluation, &stored));
  }
  rv1::AdmitApplicationRequest admit;
  admit.set_name(draft.name());
  admit.set_feedback("Welcome to the framework.");
  admit.set_request_id(NextRequestId());
  rv1::Application admitted;
  return registry_.AdmitApplication(
      CallContext(Token("authorities/tameside", Role::kLeadAdmin)).get(), admit,
      &admitted);
}

grpc::Status HubStory::AcceptedBook(const std::string& authority,
                                    const std::string& provider,
                                    int64_t accommodation_weekly_pence,
                                    int64_t support_hourly_pence) {
  pv1::CreatePriceBookRequest create;
  pv1::PriceBook* book = create.mutable_price_book();
  book->set_authority(absl::StrCat("authorities/", authority));
  book->set_provider(absl::StrCat("providers/", provider));
  book->set_framework(kNw);
  ParseDate("2026-04-01", book->mutable_start_date());
  pv1::RateCard* card = create.mutable_first_card();
  card->set_accommodation_weekly_pence(accommodation_weekly_pence);
  card->set_support_hourly_pence(support_hourly_pence);
  card->set_waking_night_hourly_pence(1400);
  card->set_sleep_in_nightly_pence(9000);
  create.set_request_id(NextRequestId());
  pv1::PriceBook created;
  FHUB_CALL(pricing_.CreatePriceBook(
      CallContext(
          Token(absl::StrCat("authorities/", authority), Role::kCommissioner))
          .get(),
      create, &created));
  pv1::AcceptPriceBookRequest accept;
  accept.set_name(created.name());
  accept.set_request_id(NextRequestId());
  pv1::PriceBook accepted;
  return pricing_.AcceptPriceBook(
      CallContext(
          Token(absl::StrCat("providers/", provider), Role::kProviderUser))
          .get(),
      accept, &accepted);
}

grpc::Status HubStory::SetSpotPrices(const std::string& authority, bool allow) {
  pv1::SetPricingPolicyRequest request;
  request.set_authority(absl::StrCat("authorities/", authority));
  request.mutable_policy()->set_allow_spot_prices(allow);
  request.set_request_id(NextRequestId());
  pv1::PricingPolicy policy;
  return pricing_.SetPricingPolicy(
      CallContext(
          Token(absl::StrCat("authorities/", authority), Role::kCommissioner))
          .get(),
      request, &policy);
}

grpc::Status HubStory::SuspendForMember(const std::string& authority,
                                        const std::string& provider) {
  return Suspend(authority, Role::kCommissioner, provider, rv1::MEMBER_ONLY);
}

grpc::Status HubStory::SuspendFrameworkWide(const std::string& provider) {
  return Suspend("tameside", Role::kLeadAdmin, provider, rv1::FRAMEWORK_WIDE);
}

grpc::Status HubStory::Suspend(const std::string& authority, Role role,
                               const std::string& provider,
                               rv1::SuspensionScope scope) {
  rv1::SuspendProviderRequest request;
  rv1::Suspension* s = request.mutable_suspension();
  s->set_provider(absl::StrCat("providers/", provider));
  s->set_framework(kNw);
  s->set_scope(scope);
  s->set_reason("Missing staff DBS checks found at a visit");
  auto* item = s->add_action_plan();
  item->set_description("Put right the DBS checks");
  ToProto(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 30,
          item->mutable_due_date());
  request.set_request_id(NextRequestId());
  rv1::Suspension stored;
  return registry_.SuspendProvider(
      CallContext(Token(absl::StrCat("authorities/", authority), role)).get(),
      request, &stored);
}

#undef FHUB_CALL

}  // namespace fhub::testing
