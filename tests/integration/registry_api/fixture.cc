#include "tests/integration/registry_api/fixture.h"

#include <pqxx/pqxx>

#include "common/proto_values.h"
#include "services/frameworks/migrations.h"
#include "services/registry/migrations.h"
#include "tests/support/sample_frameworks.h"

namespace fhub::registry {

RegistryApiTest::RegistryApiTest() {
  db_.Migrate("frameworks", "frameworks", frameworks::Migrations());
  db_.Migrate("registry", "registry", Migrations());
  verifier_ = std::make_unique<auth::TokenVerifier>(testing::TestTokenOptions(),
                                                    &clock_);

  frameworks_service_ = std::make_unique<testing::FrameworksInProcess>(
      db_.dsn(), verifier_.get(), &clock_);
  frameworks_ = &frameworks_service_->stub();
  auto frameworks_channel = frameworks_service_->channel();

  // The registry.
  {
    pool_ = testing::TestPool(db_.dsn(), "registry, public",
                              RegistryStore::Statements());
    GrpcFrameworkDirectoryOptions directory_options;
    directory_options.channel = frameworks_channel;
    directory_options.authorization = [this]() -> absl::StatusOr<std::string> {
      return absl::StrCat(
          "Bearer ", testing::TestToken(clock_, "services/registry",
                                        {Role::kService}, "fhub-registry"));
    };
    directory_options.cache_ttl = absl::ZeroDuration();
    directory_ =
        std::make_unique<GrpcFrameworkDirectory>(directory_options, &clock_);
    service_ = std::make_unique<RegistryServiceImpl>(
        pool_.get(), &store_, directory_.get(), verifier_.get(), &clock_);
    server_ = testing::StartLoopbackServer(service_.get());
    stub_ = v1::RegistryService::NewStub(testing::LoopbackChannel(*server_));
  }
}

RegistryApiTest::~RegistryApiTest() {
  server_->Shutdown();
  pool_.reset();
  frameworks_service_.reset();
}

void RegistryApiTest::SetUp() {
  ASSERT_THAT(frameworks_service_->SetUpNorthWest(
                  HubAdmin(), LeadAdmin(), [this] { return NextRequestId(); }),
              GrpcOk());
  ASSERT_THAT(SetQuestionnaire(LeadAdmin(), ValidQuestionnaire()), GrpcOk());
}

// --- Frameworks service
// -------------------------------------------------------

fv1::CreateFrameworkRequest RegistryApiTest::NorthWestRequest(
    const std::string& id) {
  testing::SampleFramework sample;
  sample.id = id;
  return testing::SampleFrameworkRequest(sample);
}

// --- Builders
// -------------------------------------------------------------------

v1::Provider RegistryApiTest::ValidProvider(absl::string_view legal_name) {
  v1::Provider p;
  p.set_legal_name(std::string(legal_name));
  p.set_kind(v1::COMPANY);
  p.set_company_number("01234567");
  auto* contact = p.add_contacts();
  contact->set_full_name("Jo Bloggs");
  contact->set_email("jo.bloggs@acme-care.co.uk");
  p.mutable_address()->add_lines("1 Stanley Road");
  p.mutable_address()->set_town("Bootle");
  p.mutable_address()->set_postcode("L20 3NJ");
  return p;
}

v1::Setting RegistryApiTest::ValidSetting(Place where, int capacity) {
  v1::Setting s;
  s.set_display_name("Stanley House");
  s.mutable_address()->add_lines("12 Stanley Road");
  s.mutable_address()->set_town("Bootle");
  s.mutable_address()->set_postcode("L20 3NJ");
  s.set_latitude(where.latitude);
  s.set_longitude(where.longitude);
  auto* lot = s.add_lots();
  lot->set_framework(kNw);
  lot->set_lot_id("lot-1");
  s.set_capacity(capacity);
  s.set_registration_type(v1::SUPPORTED_ACCOMMODATION);
  s.set_ofsted_urn("2745123");
  s.mutable_latest_judgement()->set_judgement(v1::OUTCOME_1);
  ParseDate("2026-06-15", s.mutable_latest_judgement()->mutable_date());
  return s;
}

v1::Questionnaire RegistryApiTest::ValidQuestionnaire() {
  v1::Questionnaire q;
  auto* c1 = q.add_criteria();
  c1->set_criterion_id("safeguarding");
  c1->set_question("How do you keep young people safe?");
  c1->set_weight(60);
  c1->set_minimum_score(2);
  auto* c2 = q.add_criteria();
  c2->set_criterion_id("outcomes");
  c2->set_question("How do you help young people into independence?");
  c2->set_weight(40);
  c2->set_minimum_score(2);
  q.set_max_score(5);
  q.set_pass_mark(50);
  q.set_minimum_evaluations(2);
  return q;
}

void RegistryApiTest::AddAnswers(v1::Application* application) {
  auto* a1 = application->add_answers();
  a1->set_criterion_id("safeguarding");
  a1->set_text("Trained staff on site around the clock; DSL in every house.");
  auto* a2 = application->add_answers();
  a2->set_criterion_id("outcomes");
  a2->set_text("Key workers plan each young person's move on with them.");
}

// --- Registry calls
// ---------------------------------------------------------------

#define FHUB_ID(request_id) \
  ((request_id).empty() ? NextRequestId() : (request_id))

grpc::Status RegistryApiTest::CreateProvider(const std::string& token,
                                             const std::string& provider_id,
                                             const v1::Provider& provider,
                                             v1::Provider* out,
                                             const std::string& request_id) {
  v1::CreateProviderRequest request;
  request.set_provider_id(provider_id);
  *request.mutable_provider() = provider;
  request.set_request_id(FHUB_ID(request_id));
  v1::Provider response;
  return stub_->CreateProvider(testing::CallContext(token).get(), request,
                               out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::CreateSetting(const std::string& token,
                                            const std::string& provider_id,
                                            const std::string& setting_id,
                                            const v1::Setting& setting,
                                            v1::Setting* out,
                                            const std::string& request_id) {
  v1::CreateSettingRequest request;
  request.set_parent(absl::StrCat("providers/", provider_id));
  request.set_setting_id(setting_id);
  *request.mutable_setting() = setting;
  request.set_request_id(FHUB_ID(request_id));
  v1::Setting response;
  return stub_->CreateSetting(testing::CallContext(token).get(), request,
                              out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::RecordVacancy(const std::string& token,
                                            const std::string& setting_name,
                                            int places, v1::Vacancy* out,
                                            const std::string& request_id,
                                            const std::string& available_from) {
  v1::RecordVacancyRequest request;
  request.set_parent(setting_name);
  request.mutable_vacancy()->set_places(places);
  ParseDate(available_from,
            request.mutable_vacancy()->mutable_available_from());
  request.set_request_id(FHUB_ID(request_id));
  v1::Vacancy response;
  return stub_->RecordVacancy(testing::CallContext(token).get(), request,
                              out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::SetQuestionnaire(
    const std::string& token, const v1::Questionnaire& questionnaire,
    v1::Questionnaire* out) {
  v1::SetQuestionnaireRequest request;
  request.set_framework(kNw);
  *request.mutable_questionnaire() = questionnaire;
  request.set_request_id(NextRequestId());
  v1::Questionnaire response;
  return stub_->SetQuestionnaire(testing::CallContext(token).get(), request,
                                 out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::CreateApplication(
    const std::string& token, const std::string& provider_id,
    const std::vector<std::string>& lots, v1::Application* out) {
  v1::CreateApplicationRequest request;
  v1::Application* a = request.mutable_application();
  a->set_provider(absl::StrCat("providers/", provider_id));
  a->set_framework(kNw);
  for (const std::string& lot : lots) a->add_lot_ids(lot);
  AddAnswers(a);
  request.set_request_id(NextRequestId());
  v1::Application response;
  return stub_->CreateApplication(testing::CallContext(token).get(), request,
                                  out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::SubmitApplication(const std::string& token,
                                                const std::string& name,
                                                v1::Application* out) {
  v1::SubmitApplicationRequest request;
  request.set_name(name);
  request.set_request_id(NextRequestId());
  v1::Application response;
  return stub_->SubmitApplication(testing::CallContext(token).get(), request,
                                  out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::Evaluate(const std::string& token,
                                       const std::string& name,
                                       const std::vector<int>& scores,
                                       v1::Evaluation* out) {
  static const char* const kCriteria[] = {"safeguarding", "outcomes"};
  v1::SubmitEvaluationRequest request;
  request.mutable_evaluation()->set_application(name);
  for (size_t i = 0; i < scores.size() && i < 2; ++i) {
    auto* s = request.mutable_evaluation()->add_scores();
    s->set_criterion_id(kCriteria[i]);
    s->set_score(scores[i]);
    s->set_comment("Evidence seen at the site visit.");
  }
  request.set_request_id(NextRequestId());
  v1::Evaluation response;
  return stub_->SubmitEvaluation(testing::CallContext(token).get(), request,
                                 out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::Admit(const std::string& token,
                                    const std::string& name,
                                    v1::Application* out) {
  v1::AdmitApplicationRequest request;
  request.set_name(name);
  request.set_feedback("Welcome to the framework.");
  request.set_request_id(NextRequestId());
  v1::Application response;
  return stub_->AdmitApplication(testing::CallContext(token).get(), request,
                                 out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::Reject(const std::string& token,
                                     const std::string& name,
                                     const std::string& feedback,
                                     v1::Application* out) {
  v1::RejectApplicationRequest request;
  request.set_name(name);
  request.set_feedback(feedback);
  request.set_request_id(NextRequestId());
  v1::Application response;
  return stub_->RejectApplication(testing::CallContext(token).get(), request,
                                  out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::Suspend(const std::string& token,
                                      const std::string& provider_id,
                                      v1::SuspensionScope scope,
                                      const std::vector<std::string>& due_dates,
                                      v1::Suspension* out) {
  v1::SuspendProviderRequest request;
  v1::Suspension* s = request.mutable_suspension();
  s->set_provider(absl::StrCat("providers/", provider_id));
  s->set_framework(kNw);
  s->set_scope(scope);
  s->set_reason("Missing staff DBS checks found at a visit");
  int n = 0;
  for (const std::string& due : due_dates) {
    auto* item = s->add_action_plan();
    item->set_description(absl::StrCat("Put right finding ", ++n));
    ParseDate(due, item->mutable_due_date());
  }
  request.set_request_id(NextRequestId());
  v1::Suspension response;
  return stub_->SuspendProvider(testing::CallContext(token).get(), request,
                                out != nullptr ? out : &response);
}

grpc::Status RegistryApiTest::Search(const std::string& token,
                                     const std::string& authority, Place from,
                                     double max_miles,
                                     v1::SearchEligibleProvidersResponse* out,
                                     const std::string& lot_id) {
  v1::SearchEligibleProvidersRequest request;
  request.set_framework(kNw);
  request.set_lot_id(lot_id);
  request.set_authority(absl::StrCat("authorities/", authority));
  request.set_latitude(from.latitude);
  request.set_longitude(from.longitude);
  request.set_max_distance_miles(max_miles);
  v1::SearchEligibleProvidersResponse response;
  return stub_->SearchEligibleProviders(testing::CallContext(token).get(),
                                        request,
                                        out != nullptr ? out : &response);
}

std::vector<std::string> RegistryApiTest::SearchIds(
    const std::string& authority, Place from, double max_miles) {
  v1::SearchEligibleProvidersResponse response;
  grpc::Status status =
      Search(Service(), authority, from, max_miles, &response);
  EXPECT_THAT(status, GrpcOk());
  std::vector<std::string> ids;
  for (const auto& p : response.providers()) ids.push_back(p.provider());
  return ids;
}

void RegistryApiTest::AdmitProvider(const std::string& provider_id,
                                    const std::vector<std::string>& lots,
                                    Place where, v1::Application* out) {
  const std::string user = ProviderUser(provider_id);
  ASSERT_THAT(CreateProvider(user, provider_id, ValidProvider()), GrpcOk());
  v1::Setting setting = ValidSetting(where);
  setting.clear_lots();
  for (const std::string& lot : lots) {
    auto* ref = setting.add_lots();
    ref->set_framework(kNw);
    ref->set_lot_id(lot);
  }
  v1::Setting created;
  ASSERT_THAT(CreateSetting(user, provider_id, "main", setting, &created),
              GrpcOk());
  ASSERT_THAT(RecordVacancy(user, created.name(), 1), GrpcOk());
  v1::Application application;
  ASSERT_THAT(CreateApplication(user, provider_id, lots, &application),
              GrpcOk());
  ASSERT_THAT(SubmitApplication(user, application.name()), GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("wirral"), application.name(), {4, 4}),
              GrpcOk());
  ASSERT_THAT(Evaluate(Evaluator("sefton"), application.name(), {4, 3}),
              GrpcOk());
  v1::Application admitted;
  ASSERT_THAT(Admit(LeadAdmin(), application.name(), &admitted), GrpcOk());
  ASSERT_EQ(admitted.status(), v1::ADMITTED);
  if (out != nullptr) *out = admitted;
}

int RegistryApiTest::CountRows(const std::string& table,
                               const std::string& where) {
  pqxx::connection connection{fhub::testing::AsAdmin(db_.dsn())};
  pqxx::nontransaction tx(connection);
  return tx
      .exec1("SELECT count(*) FROM registry." + table +
             (where.empty() ? "" : " WHERE " + where))[0]
      .as<int>();
}

}  // namespace fhub::registry
