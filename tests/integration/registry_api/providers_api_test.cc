// Providers, settings and vacancies through a real gRPC channel.

#include "common/proto_values.h"
#include "tests/integration/registry_api/fixture.h"

namespace fhub::registry {
namespace {

using Code = grpc::StatusCode;

class ProvidersApiTest : public RegistryApiTest {
 protected:
  // acme-care with its Bootle setting "bootle" (capacity 4).
  void CreateAcme() {
    ASSERT_THAT(
        CreateProvider(ProviderUser("acme-care"), "acme-care", ValidProvider()),
        GrpcOk());
    ASSERT_THAT(CreateSetting(ProviderUser("acme-care"), "acme-care", "bootle",
                              ValidSetting()),
                GrpcOk());
  }
  static constexpr char kBootleSetting[] =
      "providers/acme-care/settings/bootle";
};

TEST_F(ProvidersApiTest, CreateGetListUpdate) {
  v1::Provider created;
  ASSERT_THAT(CreateProvider(ProviderUser("acme-care"), "acme-care",
                             ValidProvider(), &created),
              GrpcOk());
  EXPECT_EQ(created.name(), "providers/acme-care");
  EXPECT_EQ(created.address().postcode(), "L20 3NJ");

  v1::GetProviderRequest get;
  get.set_name("providers/acme-care");
  v1::Provider got;
  ASSERT_THAT(
      stub_->GetProvider(testing::CallContext(Commissioner("sefton")).get(),
                         get, &got),
      GrpcOk());
  EXPECT_EQ(got.legal_name(), "Acme Care Ltd");
  EXPECT_EQ(got.company_number(), "01234567");

  ASSERT_THAT(CreateProvider(ProviderUser("bright-homes"), "bright-homes",
                             ValidProvider("Bright Homes Ltd")),
              GrpcOk());
  v1::ListProvidersResponse list;
  ASSERT_THAT(
      stub_->ListProviders(testing::CallContext(Commissioner("sefton")).get(),
                           v1::ListProvidersRequest(), &list),
      GrpcOk());
  ASSERT_EQ(list.providers_size(), 2);
  EXPECT_EQ(list.providers(0).name(), "providers/acme-care");
  EXPECT_EQ(list.providers(1).name(), "providers/bright-homes");
  // A provider's user sees only its own.
  ASSERT_THAT(stub_->ListProviders(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  v1::ListProvidersRequest(), &list),
              GrpcOk());
  ASSERT_EQ(list.providers_size(), 1);
  EXPECT_EQ(list.providers(0).name(), "providers/acme-care");

  v1::UpdateProviderRequest update;
  *update.mutable_provider() = ValidProvider("Acme Care Group Ltd");
  update.mutable_provider()->set_name("providers/acme-care");
  update.set_request_id(NextRequestId());
  v1::Provider updated;
  ASSERT_THAT(stub_->UpdateProvider(
                  testing::CallContext(ProviderUser("acme-care")).get(), update,
                  &updated),
              GrpcOk());
  EXPECT_EQ(updated.legal_name(), "Acme Care Group Ltd");
  ASSERT_THAT(
      stub_->GetProvider(testing::CallContext(Service()).get(), get, &got),
      GrpcOk());
  EXPECT_EQ(got.legal_name(), "Acme Care Group Ltd");

  // An authority may not update a provider.
  update.set_request_id(NextRequestId());
  EXPECT_THAT(
      stub_->UpdateProvider(testing::CallContext(Commissioner("sefton")).get(),
                            update, &updated),
      GrpcIs(Code::PERMISSION_DENIED));
  // No token.
  EXPECT_THAT(stub_->GetProvider(testing::CallContext("").get(), get, &got),
              GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(CreateProvider("", "nobody", ValidProvider()),
              GrpcIs(Code::UNAUTHENTICATED));
}

TEST_F(ProvidersApiTest, BadProviders) {
  v1::Provider p = ValidProvider();
  p.clear_company_number();
  EXPECT_THAT(CreateProvider(ProviderUser("acme-care"), "acme-care", p),
              GrpcIs(Code::INVALID_ARGUMENT, "provider.company_number"));
  p = ValidProvider();
  p.mutable_address()->set_postcode("NOT A POSTCODE");
  EXPECT_THAT(CreateProvider(ProviderUser("acme-care"), "acme-care", p),
              GrpcIs(Code::INVALID_ARGUMENT, "provider.address.postcode"));
  // Another provider's user registering acme.
  EXPECT_THAT(CreateProvider(ProviderUser("bright-homes"), "acme-care",
                             ValidProvider()),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(CountRows("providers"), 0);
}

TEST_F(ProvidersApiTest, Settings) {
  CreateAcme();
  v1::GetSettingRequest get;
  get.set_name(kBootleSetting);
  v1::Setting got;
  ASSERT_THAT(
      stub_->GetSetting(testing::CallContext(Commissioner("wirral")).get(), get,
                        &got),
      GrpcOk());
  EXPECT_EQ(got.capacity(), 4);
  EXPECT_NEAR(got.latitude(), kBootle.latitude, 1e-9);
  ASSERT_EQ(got.lots_size(), 1);
  EXPECT_EQ(got.lots(0).lot_id(), "lot-1");
  // Another provider may not read acme's setting; nobody without a token.
  EXPECT_THAT(
      stub_->GetSetting(
          testing::CallContext(ProviderUser("bright-homes")).get(), get, &got),
      GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(stub_->GetSetting(testing::CallContext("").get(), get, &got),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::GetSettingRequest bad_get;
  bad_get.set_name("providers/acme-care/houses/bootle");
  EXPECT_THAT(
      stub_->GetSetting(testing::CallContext(Commissioner("wirral")).get(),
                        bad_get, &got),
      GrpcIs(Code::INVALID_ARGUMENT, "name"));
  bad_get.set_name("providers/acme-care/settings/nowhere");
  EXPECT_THAT(
      stub_->GetSetting(testing::CallContext(Commissioner("wirral")).get(),
                        bad_get, &got),
      GrpcIs(Code::NOT_FOUND));

  v1::UpdateSettingRequest update;
  *update.mutable_setting() = ValidSetting(kBootle, 6);
  update.mutable_setting()->set_name(kBootleSetting);
  update.set_request_id(NextRequestId());
  v1::Setting updated;
  ASSERT_THAT(stub_->UpdateSetting(
                  testing::CallContext(ProviderUser("acme-care")).get(), update,
                  &updated),
              GrpcOk());
  EXPECT_EQ(updated.capacity(), 6);

  ASSERT_THAT(CreateSetting(ProviderUser("acme-care"), "acme-care", "liverpool",
                            ValidSetting(kLiverpool)),
              GrpcOk());
  v1::ListSettingsRequest list_request;
  list_request.set_parent("providers/acme-care");
  v1::ListSettingsResponse list;
  ASSERT_THAT(
      stub_->ListSettings(testing::CallContext(ProviderUser("acme-care")).get(),
                          list_request, &list),
      GrpcOk());
  ASSERT_EQ(list.settings_size(), 2);
  EXPECT_EQ(list.settings(0).name(), kBootleSetting);
  EXPECT_EQ(list.settings(0).capacity(), 6);
  EXPECT_EQ(list.settings(1).name(), "providers/acme-care/settings/liverpool");
}

TEST_F(ProvidersApiTest, BadSettings) {
  CreateAcme();
  const std::string acme = ProviderUser("acme-care");
  // Another provider's user creating a setting for acme.
  EXPECT_THAT(CreateSetting(ProviderUser("bright-homes"), "acme-care", "x",
                            ValidSetting()),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(CreateSetting("", "acme-care", "extra", ValidSetting()),
              GrpcIs(Code::UNAUTHENTICATED));

  v1::Setting s = ValidSetting();
  s.set_latitude(91);
  EXPECT_THAT(CreateSetting(acme, "acme-care", "extra", s),
              GrpcIs(Code::INVALID_ARGUMENT, "setting.latitude"));
  s = ValidSetting();
  s.set_capacity(-1);
  EXPECT_THAT(CreateSetting(acme, "acme-care", "extra", s),
              GrpcIs(Code::INVALID_ARGUMENT, "setting.capacity"));
  s = ValidSetting();
  s.mutable_lots(0)->set_lot_id("lot-9");
  EXPECT_THAT(CreateSetting(acme, "acme-care", "extra", s),
              GrpcIs(Code::INVALID_ARGUMENT, "setting.lots[0].lot_id"));
  s = ValidSetting();
  s.mutable_lots(0)->set_framework("frameworks/nowhere");
  EXPECT_THAT(CreateSetting(acme, "acme-care", "extra", s),
              GrpcIs(Code::INVALID_ARGUMENT, "setting.lots[0].framework"));
  s = ValidSetting();
  s.mutable_address()->set_postcode("ZZZ");
  EXPECT_THAT(CreateSetting(acme, "acme-care", "extra", s),
              GrpcIs(Code::INVALID_ARGUMENT, "setting.address.postcode"));
  EXPECT_EQ(CountRows("settings"), 1);
}

TEST_F(ProvidersApiTest, BadSettingDetails) {
  CreateAcme();
  const std::string acme = ProviderUser("acme-care");
  v1::Setting s = ValidSetting();
  s.clear_display_name();
  EXPECT_THAT(CreateSetting(acme, "acme-care", "extra", s),
              GrpcIs(Code::INVALID_ARGUMENT, "setting.display_name"));
  s = ValidSetting();
  ParseDate("2027-01-15", s.mutable_latest_judgement()->mutable_date());
  EXPECT_THAT(CreateSetting(acme, "acme-care", "extra", s),
              GrpcIs(Code::INVALID_ARGUMENT, "setting.latest_judgement.date"));
  s = ValidSetting();
  s.mutable_latest_judgement()->set_judgement(v1::GOOD);
  EXPECT_THAT(
      CreateSetting(acme, "acme-care", "extra", s),
      GrpcIs(Code::INVALID_ARGUMENT, "setting.latest_judgement.judgement"));
  s = ValidSetting();
  s.set_registration_type(v1::NONE);
  EXPECT_THAT(CreateSetting(acme, "acme-care", "extra", s),
              GrpcIs(Code::INVALID_ARGUMENT, "setting.ofsted_urn"));
  // NONE needs neither URN nor judgement.
  s.clear_ofsted_urn();
  s.clear_latest_judgement();
  s.mutable_lots(0)->set_lot_id("lot-3");
  EXPECT_THAT(CreateSetting(acme, "acme-care", "floating", s), GrpcOk());
  EXPECT_EQ(CountRows("settings"), 2);
}

// Lots 1 and 2 of the NW framework require Ofsted registration; lot 3
// (floating support) does not.
TEST_F(ProvidersApiTest, AnUnregisteredSettingIsRefusedALotThatNeedsRegistration) {
  CreateAcme();
  const std::string acme = ProviderUser("acme-care");
  v1::Setting s = ValidSetting();
  s.set_registration_type(v1::NONE);
  s.clear_ofsted_urn();
  s.clear_latest_judgement();
  EXPECT_THAT(CreateSetting(acme, "acme-care", "unregistered", s),
              GrpcIs(Code::INVALID_ARGUMENT,
                     "setting.registration_type: frameworks/nw-16plus lot "
                     "lot-1 needs settings registered with Ofsted"));
  // Updating a registered setting to NONE on that lot is refused too.
  v1::UpdateSettingRequest update;
  *update.mutable_setting() = s;
  update.mutable_setting()->set_name(kBootleSetting);
  update.set_request_id(NextRequestId());
  v1::Setting updated;
  EXPECT_THAT(
      stub_->UpdateSetting(testing::CallContext(acme).get(), update, &updated),
      GrpcIs(Code::INVALID_ARGUMENT, "setting.registration_type"));
  EXPECT_EQ(CountRows("settings"), 1);
  // On floating support alone it is accepted.
  s.mutable_lots(0)->set_lot_id("lot-3");
  EXPECT_THAT(CreateSetting(acme, "acme-care", "unregistered", s), GrpcOk());
}

TEST_F(ProvidersApiTest, CapacityBelowOpenVacancies) {
  CreateAcme();
  const std::string acme = ProviderUser("acme-care");
  ASSERT_THAT(RecordVacancy(acme, kBootleSetting, 2), GrpcOk());
  ASSERT_THAT(RecordVacancy(acme, kBootleSetting, 1), GrpcOk());
  v1::UpdateSettingRequest update;
  *update.mutable_setting() = ValidSetting(kBootle, 2);
  update.mutable_setting()->set_name(kBootleSetting);
  update.set_request_id(NextRequestId());
  v1::Setting updated;
  EXPECT_THAT(
      stub_->UpdateSetting(testing::CallContext(acme).get(), update, &updated),
      GrpcIs(Code::FAILED_PRECONDITION, "setting.capacity"));
  update.set_request_id(NextRequestId());
  EXPECT_THAT(stub_->UpdateSetting(
                  testing::CallContext(ProviderUser("bright-homes")).get(),
                  update, &updated),
              GrpcIs(Code::PERMISSION_DENIED));
  *update.mutable_setting() = ValidSetting(kBootle, 3);
  update.mutable_setting()->set_name(kBootleSetting);
  update.set_request_id(NextRequestId());
  ASSERT_THAT(
      stub_->UpdateSetting(testing::CallContext(acme).get(), update, &updated),
      GrpcOk());
  EXPECT_EQ(updated.capacity(), 3);
  // Full: no further place fits.
  EXPECT_THAT(RecordVacancy(acme, kBootleSetting, 1),
              GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(ProvidersApiTest, Vacancies) {
  CreateAcme();
  const std::string acme = ProviderUser("acme-care");
  ASSERT_THAT(CreateProvider(ProviderUser("bright-homes"), "bright-homes",
                             ValidProvider("Bright Homes Ltd")),
              GrpcOk());

  v1::Vacancy first;
  ASSERT_THAT(RecordVacancy(acme, kBootleSetting, 2, &first, "vacancy-1"),
              GrpcOk());
  EXPECT_EQ(first.places(), 2);
  EXPECT_FALSE(first.has_withdraw_time());  // Open: no withdrawal instant.
  EXPECT_EQ(first.name().rfind(std::string(kBootleSetting) + "/vacancies/", 0),
            0u)
      << first.name();
  // A retry returns the same vacancy and records nothing more.
  v1::Vacancy again;
  ASSERT_THAT(RecordVacancy(acme, kBootleSetting, 2, &again, "vacancy-1"),
              GrpcOk());
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(CountRows("vacancies"), 1);
  // The same id with a different request.
  EXPECT_THAT(RecordVacancy(acme, kBootleSetting, 1, nullptr, "vacancy-1"),
              GrpcIs(Code::INVALID_ARGUMENT));

  // Another provider's user.
  EXPECT_THAT(RecordVacancy(ProviderUser("bright-homes"), kBootleSetting, 1),
              GrpcIs(Code::PERMISSION_DENIED));
  // More places than the capacity: a vacancy alone above capacity is
  // invalid input (ValidateVacancy); open vacancies together above capacity
  // are FAILED_PRECONDITION.
  EXPECT_THAT(RecordVacancy(acme, kBootleSetting, 5),
              GrpcIs(Code::INVALID_ARGUMENT, "places"));
  EXPECT_THAT(RecordVacancy(acme, kBootleSetting, 3),
              GrpcIs(Code::FAILED_PRECONDITION, "vacancy.places"));
  // Unknown setting.
  EXPECT_THAT(RecordVacancy(acme, "providers/acme-care/settings/nowhere", 1),
              GrpcIs(Code::NOT_FOUND));

  v1::ListVacanciesRequest list_request;
  list_request.set_parent(kBootleSetting);
  v1::ListVacanciesResponse list;
  ASSERT_THAT(
      stub_->ListVacancies(testing::CallContext(Commissioner("sefton")).get(),
                           list_request, &list),
      GrpcOk());
  ASSERT_EQ(list.vacancies_size(), 1);

  v1::WithdrawVacancyRequest withdraw;
  withdraw.set_name(first.name());
  withdraw.set_request_id(NextRequestId());
  v1::Vacancy withdrawn;
  ASSERT_THAT(stub_->WithdrawVacancy(testing::CallContext(acme).get(), withdraw,
                                     &withdrawn),
              GrpcOk());
  EXPECT_TRUE(withdrawn.has_withdraw_time());
  withdraw.set_request_id(NextRequestId());
  EXPECT_THAT(stub_->WithdrawVacancy(testing::CallContext(acme).get(), withdraw,
                                     &withdrawn),
              GrpcIs(Code::FAILED_PRECONDITION));
  ASSERT_THAT(stub_->ListVacancies(testing::CallContext(acme).get(),
                                   list_request, &list),
              GrpcOk());
  EXPECT_EQ(list.vacancies_size(), 0);
}

}  // namespace
}  // namespace fhub::registry
