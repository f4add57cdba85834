// Bad input through a real gRPC channel: every malformed request gets
// INVALID_ARGUMENT naming the field (or NOT_FOUND for a well-formed name of
// nothing), never INTERNAL, and changes nothing.

#include <cmath>
#include <limits>

#include "absl/strings/escaping.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "tests/integration/registry_api/fixture.h"

namespace fhub::registry {
namespace {

using Code = grpc::StatusCode;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

class BadInputApiTest : public RegistryApiTest {
 protected:
  void SetUp() override {
    RegistryApiTest::SetUp();
    if (HasFatalFailure()) return;
    AdmitProvider("acme-care");
  }
  static constexpr char kMain[] = "providers/acme-care/settings/main";
};

TEST_F(BadInputApiTest, ProviderEnumsAndLongStrings) {
  const std::string user = ProviderUser("bright-homes");
  v1::Provider provider = ValidProvider("Bright Homes Ltd");
  provider.set_kind(static_cast<v1::ProviderKind>(99));
  EXPECT_THAT(CreateProvider(user, "bright-homes", provider),
              GrpcIs(Code::INVALID_ARGUMENT, "provider.kind"));

  // A job title is optional, but no more free than any other text.
  provider = ValidProvider("Bright Homes Ltd");
  provider.mutable_contacts(0)->set_job_title(std::string(5000, 'x'));
  EXPECT_THAT(CreateProvider(user, "bright-homes", provider),
              GrpcIs(Code::INVALID_ARGUMENT, "provider.contacts[0].job_title"));
  provider.mutable_contacts(0)->set_job_title(std::string("Chief\0Exec", 10));
  EXPECT_THAT(CreateProvider(user, "bright-homes", provider),
              GrpcIs(Code::INVALID_ARGUMENT, "provider.contacts[0].job_title"));
  provider.mutable_contacts(0)->set_job_title("Registered Manager");
  provider.set_legal_name(std::string(201, 'a'));
  EXPECT_THAT(CreateProvider(user, "bright-homes", provider),
              GrpcIs(Code::INVALID_ARGUMENT, "provider.legal_name"));
  EXPECT_THAT(CreateProvider(user, "bright-homes", ValidProvider(), nullptr,
                             std::string(129, 'r')),
              GrpcIs(Code::INVALID_ARGUMENT, "request_id"));
  // Messages quote the bad value; a long one must not push the status past
  // gRPC's metadata limit (the caller would see RESOURCE_EXHAUSTED).
  EXPECT_THAT(
      CreateProvider(HubAdmin(), std::string(100000, 'p'), ValidProvider()),
      GrpcIs(Code::INVALID_ARGUMENT, "provider_id"));
  v1::GetProviderRequest get;
  std::string accented;
  for (int i = 0; i < 20000; ++i) accented += "\xc3\xa9";  // U+00E9
  get.set_name(absl::StrCat("providers/", accented));
  v1::Provider got;
  EXPECT_THAT(
      stub_->GetProvider(testing::CallContext(HubAdmin()).get(), get, &got),
      GrpcIs(Code::INVALID_ARGUMENT, "name"));
  get.set_name(absl::StrCat("providers/", std::string(20000, 'x')));
  EXPECT_THAT(
      stub_->GetProvider(testing::CallContext(HubAdmin()).get(), get, &got),
      GrpcIs(Code::INVALID_ARGUMENT, "name"));
  EXPECT_EQ(CountRows("providers"), 1);
}

TEST_F(BadInputApiTest, SettingNumbersAndEnums) {
  const std::string user = ProviderUser("acme-care");
  struct Case {
    const char* field;
    void (*edit)(v1::Setting&);
  };
  const Case cases[] = {
      {"setting.latitude", [](v1::Setting& s) { s.set_latitude(kNaN); }},
      {"setting.latitude", [](v1::Setting& s) { s.set_latitude(kInf); }},
      {"setting.longitude", [](v1::Setting& s) { s.set_longitude(-kInf); }},
      {"setting.registration_type",
       [](v1::Setting& s) {
         s.set_registration_type(static_cast<v1::RegistrationType>(42));
       }},
      {"setting.latest_judgement.judgement",
       [](v1::Setting& s) {
         s.mutable_latest_judgement()->set_judgement(
             static_cast<v1::Judgement>(-7));
       }},
      {"setting.latest_judgement.date",
       [](v1::Setting& s) {
         s.mutable_latest_judgement()->mutable_date()->set_month(13);
       }},
      {"setting.lots", [](v1::Setting& s) { s.clear_lots(); }},
      {"setting.lots[0].framework",
       [](v1::Setting& s) {
         s.mutable_lots(0)->set_framework("frameworks//x");
       }},
      {"setting.lots[0].lot_id",
       [](v1::Setting& s) { s.mutable_lots(0)->set_lot_id(""); }},
      {"setting.capacity",
       [](v1::Setting& s) {
         s.set_capacity(std::numeric_limits<int32_t>::max());
       }},
      {"setting.capacity",
       [](v1::Setting& s) {
         s.set_capacity(std::numeric_limits<int32_t>::min());
       }},
      {"setting.service_radius_miles",
       [](v1::Setting& s) { s.set_service_radius_miles(kNaN); }},
      {"setting.display_name",
       [](v1::Setting& s) { s.set_display_name(std::string(100000, 'a')); }},
  };
  for (const Case& c : cases) {
    v1::Setting setting = ValidSetting();
    c.edit(setting);
    EXPECT_THAT(CreateSetting(user, "acme-care", "second", setting),
                GrpcIs(Code::INVALID_ARGUMENT, c.field))
        << c.field;
  }
  EXPECT_EQ(CountRows("settings"), 1);
}

TEST_F(BadInputApiTest, VacancyNamesAndNumbers) {
  const std::string user = ProviderUser("acme-care");
  EXPECT_THAT(RecordVacancy(user, kMain, std::numeric_limits<int32_t>::min()),
              GrpcIs(Code::INVALID_ARGUMENT, "vacancy.places"));
  EXPECT_THAT(RecordVacancy(user, kMain, 0),
              GrpcIs(Code::INVALID_ARGUMENT, "vacancy.places"));
  EXPECT_THAT(RecordVacancy(user, kMain, 1, nullptr, "", "0000-00-00"),
              GrpcIs(Code::INVALID_ARGUMENT, "vacancy.available_from"));
  EXPECT_THAT(RecordVacancy(user, absl::StrCat(kMain, "/"), 1),
              GrpcIs(Code::INVALID_ARGUMENT, "parent"));

  for (const std::string& name :
       {absl::StrCat(kMain, "/vacancies/1/"),
        absl::StrCat(kMain, "//vacancies/1"),
        absl::StrCat(kMain, "/vacancies//1"),
        absl::StrCat("/", kMain, "/vacancies/1"),
        absl::StrCat(kMain, "/vacancies/0"),
        absl::StrCat(kMain, "/vacancies/-1"),
        absl::StrCat(kMain, "/vacancies/01"),
        absl::StrCat(kMain, "/vacancies/99999999999999999999"),
        absl::StrCat(kMain, "/vacancies/"), std::string("vacancies/1")}) {
    v1::WithdrawVacancyRequest request;
    request.set_name(name);
    request.set_request_id(NextRequestId());
    v1::Vacancy out;
    EXPECT_THAT(
        stub_->WithdrawVacancy(testing::CallContext(user).get(), request, &out),
        GrpcIs(Code::INVALID_ARGUMENT, "name"))
        << name;
  }
  v1::WithdrawVacancyRequest request;
  request.set_name(absl::StrCat(kMain, "/vacancies/9223372036854775807"));
  request.set_request_id(NextRequestId());
  v1::Vacancy out;
  EXPECT_THAT(
      stub_->WithdrawVacancy(testing::CallContext(user).get(), request, &out),
      GrpcIs(Code::NOT_FOUND));
}

TEST_F(BadInputApiTest, NumberedNames) {
  for (const char* name :
       {"applications/0", "applications/-1", "applications/abc",
        "applications/9223372036854775808", "applications/1/", "applications/",
        "applications/ 1", "application/1"}) {
    v1::GetApplicationRequest get;
    get.set_name(name);
    v1::Application got;
    EXPECT_THAT(stub_->GetApplication(testing::CallContext(LeadAdmin()).get(),
                                      get, &got),
                GrpcIs(Code::INVALID_ARGUMENT, "name"))
        << name;
  }
  v1::GetApplicationRequest get;
  get.set_name("applications/9223372036854775807");
  v1::Application got;
  EXPECT_THAT(
      stub_->GetApplication(testing::CallContext(LeadAdmin()).get(), get, &got),
      GrpcIs(Code::NOT_FOUND));
  v1::GetSuspensionRequest suspension;
  suspension.set_name("suspensions/9223372036854775807");
  v1::Suspension s;
  EXPECT_THAT(stub_->GetSuspension(testing::CallContext(LeadAdmin()).get(),
                                   suspension, &s),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(BadInputApiTest, PageSizesAndTokens) {
  const auto context = [&] { return testing::CallContext(LeadAdmin()); };
  v1::ListProvidersRequest providers;
  providers.set_page_size(-1);
  v1::ListProvidersResponse provider_page;
  EXPECT_THAT(stub_->ListProviders(context().get(), providers, &provider_page),
              GrpcIs(Code::INVALID_ARGUMENT, "page_size"));
  providers.set_page_size(std::numeric_limits<int32_t>::max());
  EXPECT_THAT(stub_->ListProviders(context().get(), providers, &provider_page),
              GrpcIs(Code::INVALID_ARGUMENT, "page_size must be 1 to 200"));
  providers.set_page_size(200);
  EXPECT_THAT(stub_->ListProviders(context().get(), providers, &provider_page),
              GrpcOk());

  // Tokens: garbage, from another list, and well-formed but forged.
  const std::string foreign = EncodePageToken("settings", "main");
  const std::string forged =
      EncodePageToken("providers", std::string("\xff\xfe\0", 3));
  for (const std::string& token : {std::string("!!"), foreign, forged}) {
    providers.set_page_size(0);
    providers.set_page_token(token);
    EXPECT_THAT(
        stub_->ListProviders(context().get(), providers, &provider_page),
        GrpcIs(Code::INVALID_ARGUMENT, "page_token"));
    v1::ListSettingsRequest settings;
    settings.set_parent("providers/acme-care");
    settings.set_page_token(token == foreign ? EncodePageToken("providers", "a")
                                             : token);
    v1::ListSettingsResponse setting_page;
    EXPECT_THAT(stub_->ListSettings(context().get(), settings, &setting_page),
                GrpcIs(Code::INVALID_ARGUMENT, "page_token"));
    v1::ListAccreditationsRequest accreditations;
    accreditations.set_framework(kNw);
    accreditations.set_page_token(
        token == forged
            ? EncodePageToken("accreditations", std::string("\xff|\xfe", 3))
            : token);
    v1::ListAccreditationsResponse accreditation_page;
    EXPECT_THAT(stub_->ListAccreditations(context().get(), accreditations,
                                          &accreditation_page),
                GrpcIs(Code::INVALID_ARGUMENT, "page_token"));
  }
  for (const std::string& token :
       {EncodePageToken("suspensions", "12"),
        EncodePageToken("applications", "-3"),
        EncodePageToken("applications", "99999999999999999999")}) {
    v1::ListApplicationsRequest applications;
    applications.set_framework(kNw);
    applications.set_page_token(token);
    v1::ListApplicationsResponse page;
    EXPECT_THAT(stub_->ListApplications(context().get(), applications, &page),
                GrpcIs(Code::INVALID_ARGUMENT, "page_token"))
        << token;
  }
  v1::ListSuspensionsRequest suspensions;
  suspensions.set_framework(kNw);
  suspensions.set_page_size(-5);
  v1::ListSuspensionsResponse suspension_page;
  EXPECT_THAT(
      stub_->ListSuspensions(context().get(), suspensions, &suspension_page),
      GrpcIs(Code::INVALID_ARGUMENT, "page_size"));
}

TEST_F(BadInputApiTest, SuspensionsAndActionItems) {
  v1::Suspension suspension;
  EXPECT_THAT(Suspend(LeadAdmin(), "acme-care",
                      static_cast<v1::SuspensionScope>(7), {"2026-12-16"}),
              GrpcIs(Code::INVALID_ARGUMENT, "suspension.scope"));
  EXPECT_THAT(
      Suspend(LeadAdmin(), "acme-care", v1::FRAMEWORK_WIDE, {"2026-02-30"}),
      GrpcIs(Code::INVALID_ARGUMENT, "suspension.action_plan[0].due_date"));
  EXPECT_THAT(Suspend(LeadAdmin(), "acme-care", v1::FRAMEWORK_WIDE,
                      std::vector<std::string>(51, "2026-12-16")),
              GrpcIs(Code::INVALID_ARGUMENT, "suspension.action_plan"));
  ASSERT_THAT(Suspend(LeadAdmin(), "acme-care", v1::FRAMEWORK_WIDE,
                      {"2026-12-16"}, &suspension),
              GrpcOk());

  for (int item : {0, -1, std::numeric_limits<int32_t>::min()}) {
    v1::SubmitActionEvidenceRequest evidence;
    evidence.set_name(suspension.name());
    evidence.set_item_number(item);
    evidence.set_evidence("Rota attached");
    evidence.set_request_id(NextRequestId());
    v1::Suspension out;
    EXPECT_THAT(stub_->SubmitActionEvidence(
                    testing::CallContext(ProviderUser("acme-care")).get(),
                    evidence, &out),
                GrpcIs(Code::INVALID_ARGUMENT, "item_number"))
        << item;
    v1::AcceptActionItemRequest accept;
    accept.set_name(suspension.name());
    accept.set_item_number(item);
    accept.set_request_id(NextRequestId());
    EXPECT_THAT(stub_->AcceptActionItem(testing::CallContext(LeadAdmin()).get(),
                                        accept, &out),
                GrpcIs(Code::INVALID_ARGUMENT, "item_number"))
        << item;
  }
  v1::SubmitActionEvidenceRequest evidence;
  evidence.set_name(suspension.name());
  evidence.set_item_number(std::numeric_limits<int32_t>::max());
  evidence.set_evidence("Rota attached");
  evidence.set_request_id(NextRequestId());
  v1::Suspension out;
  EXPECT_THAT(stub_->SubmitActionEvidence(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  evidence, &out),
              GrpcIs(Code::NOT_FOUND));
  evidence.set_item_number(1);
  evidence.set_evidence(std::string(10001, 'e'));
  evidence.set_request_id(NextRequestId());
  EXPECT_THAT(stub_->SubmitActionEvidence(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  evidence, &out),
              GrpcIs(Code::INVALID_ARGUMENT, "evidence"));
}

TEST_F(BadInputApiTest, ApplicationsAndEvaluations) {
  const std::string user = ProviderUser("acme-care");
  v1::CreateApplicationRequest request;
  v1::Application* a = request.mutable_application();
  a->set_provider("providers/acme-care");
  a->set_framework(kNw);
  a->add_lot_ids("lot-2");
  AddAnswers(a);
  a->mutable_answers(0)->set_criterion_id(std::string(100000, 'c'));
  request.set_request_id(NextRequestId());
  v1::Application out;
  EXPECT_THAT(
      stub_->CreateApplication(testing::CallContext(user).get(), request, &out),
      GrpcIs(Code::INVALID_ARGUMENT, "application.answers[0].criterion_id"));
  a->clear_answers();
  for (int i = 0; i < 51; ++i) {
    v1::Answer* answer = a->add_answers();
    answer->set_criterion_id(absl::StrCat("criterion-", i));
    answer->set_text("An answer");
  }
  request.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CreateApplication(testing::CallContext(user).get(), request, &out),
      GrpcIs(Code::INVALID_ARGUMENT, "application.answers"));
  a->clear_answers();
  a->clear_lot_ids();
  AddAnswers(a);
  request.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->CreateApplication(testing::CallContext(user).get(), request, &out),
      GrpcIs(Code::INVALID_ARGUMENT, "application.lot_ids"));
  const int applications = CountRows("applications");

  // A draft missing an answer is refused at submission as a state, not as
  // a field of the SubmitApplication request.
  a->add_lot_ids("lot-2");
  a->mutable_answers()->RemoveLast();
  request.set_request_id(NextRequestId());
  ASSERT_THAT(
      stub_->CreateApplication(testing::CallContext(user).get(), request, &out),
      GrpcOk());
  EXPECT_THAT(SubmitApplication(user, out.name()),
              GrpcIs(Code::FAILED_PRECONDITION, "outcomes"));
  EXPECT_EQ(CountRows("applications"), applications + 1);

  v1::SubmitEvaluationRequest evaluation;
  evaluation.mutable_evaluation()->set_application("applications/1");
  auto* score = evaluation.mutable_evaluation()->add_scores();
  score->set_criterion_id("safeguarding");
  score->set_score(std::numeric_limits<int32_t>::min());
  evaluation.set_request_id(NextRequestId());
  v1::Evaluation evaluated;
  EXPECT_THAT(
      stub_->SubmitEvaluation(testing::CallContext(Evaluator("halton")).get(),
                              evaluation, &evaluated),
      GrpcIs(Code::FAILED_PRECONDITION));  // Already ADMITTED.
}

TEST_F(BadInputApiTest, Searches) {
  struct Case {
    const char* field;
    double latitude, longitude, miles;
  };
  for (const Case& c :
       {Case{"latitude", kNaN, -3.0, 20}, Case{"latitude", -kInf, -3.0, 20},
        Case{"longitude", 53.6, kNaN, 20}, Case{"longitude", 53.6, 180.5, 20},
        Case{"max_distance_miles", 53.6, -3.0, kNaN},
        Case{"max_distance_miles", 53.6, -3.0, kInf},
        Case{"max_distance_miles", 53.6, -3.0, 1e308}}) {
    EXPECT_THAT(
        Search(Service(), "sefton", Place{c.latitude, c.longitude}, c.miles),
        GrpcIs(Code::INVALID_ARGUMENT, c.field))
        << c.field;
  }
  EXPECT_THAT(Search(Service(), "sefton", kSouthport, 20, nullptr, ""),
              GrpcIs(Code::INVALID_ARGUMENT, "lot_id"));
  EXPECT_THAT(Search(Service(), "sefton", kSouthport, 20, nullptr, "LOT 1"),
              GrpcIs(Code::INVALID_ARGUMENT, "lot_id"));
  v1::SearchEligibleProvidersRequest request;
  request.set_framework(kNw);
  request.set_lot_id("lot-1");
  request.set_authority("authorities/sefton");
  request.set_latitude(kSouthport.latitude);
  request.set_longitude(kSouthport.longitude);
  request.set_max_results(-1);
  v1::SearchEligibleProvidersResponse found;
  EXPECT_THAT(stub_->SearchEligibleProviders(
                  testing::CallContext(Service()).get(), request, &found),
              GrpcIs(Code::INVALID_ARGUMENT, "max_results"));
  request.set_max_results(0);
  request.mutable_wanted_by()->set_year(2026);
  request.mutable_wanted_by()->set_month(2);
  request.mutable_wanted_by()->set_day(29);
  EXPECT_THAT(stub_->SearchEligibleProviders(
                  testing::CallContext(Service()).get(), request, &found),
              GrpcIs(Code::INVALID_ARGUMENT, "wanted_by"));
  request.set_authority("authorities/");
  request.clear_wanted_by();
  EXPECT_THAT(stub_->SearchEligibleProviders(
                  testing::CallContext(Service()).get(), request, &found),
              GrpcIs(Code::INVALID_ARGUMENT, "authority"));
}

}  // namespace
}  // namespace fhub::registry
