// Providers, settings and vacancies as their provider submits them.

#include "services/registry/domain/provider_rules.h"

#include <limits>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

constexpr absl::CivilDay kToday(2026, 3, 2);

Provider Acme() {
  Provider p;
  p.id = "acme-care";
  p.legal_name = "Acme Care Ltd";
  p.kind = ProviderKind::kCompany;
  p.company_number = "01234567";
  p.contacts = {{"Jo Bloggs", "jo@acme-care.co.uk", "0151 555 0100", ""}};
  p.address = {{"1 Stanley Road"}, "Bootle", "l20 3nj"};
  return p;
}

Setting BootleHouse() {
  Setting s;
  s.id = "bootle-house";
  s.provider_id = "acme-care";
  s.name = "Bootle House";
  s.address = {{"12 Oriel Road"}, "Bootle", "L20 7EP"};
  s.location = {53.4466, -2.9920};
  s.lots = {{"nw-16plus", "lot-1"}};
  s.capacity = 4;
  s.ofsted_urn = "2745123";
  s.registration_type = RegistrationType::kSupportedAccommodation;
  s.latest_judgement =
      OfstedJudgement{Judgement::kOutcome1, absl::CivilDay(2025, 11, 3)};
  return s;
}

TEST(PrepareProviderTest, NormalisesWhatItKeeps) {
  auto prepared = PrepareProvider(Acme());
  ASSERT_THAT(prepared, IsOk());
  EXPECT_EQ(prepared->address.postcode, "L20 3NJ");
  EXPECT_EQ(prepared->company_number, "01234567");
}

TEST(PrepareProviderTest, TheNumberTheKindNeeds) {
  Provider charity = Acme();
  charity.kind = ProviderKind::kCharity;
  charity.company_number.clear();
  charity.charity_number = "1123456";
  EXPECT_THAT(PrepareProvider(charity), IsOk());
  // A charitable company carries both numbers.
  charity.company_number = "sc123456";
  auto both = PrepareProvider(charity);
  ASSERT_THAT(both, IsOk());
  EXPECT_EQ(both->company_number, "SC123456");

  Provider sole = Acme();
  sole.kind = ProviderKind::kSoleTrader;
  sole.company_number.clear();
  EXPECT_THAT(PrepareProvider(sole), IsOk());
}

struct BadProvider {
  const char* field;
  void (*mutate)(Provider&);
  friend void PrintTo(const BadProvider& bad, std::ostream* os) {
    *os << bad.field;
  }
};

class PrepareProviderRefusesTest
    : public ::testing::TestWithParam<BadProvider> {};

TEST_P(PrepareProviderRefusesTest, NamingTheField) {
  Provider p = Acme();
  GetParam().mutate(p);
  EXPECT_THAT(PrepareProvider(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                           HasSubstr(GetParam().field)));
}

INSTANTIATE_TEST_SUITE_P(
    Fields, PrepareProviderRefusesTest,
    ::testing::Values(
        BadProvider{"provider.legal_name",
                    [](Provider& p) { p.legal_name = " "; }},
        BadProvider{"provider.legal_name",
                    [](Provider& p) { p.legal_name = std::string(201, 'a'); }},
        BadProvider{"provider.company_number",
                    [](Provider& p) { p.company_number.clear(); }},
        BadProvider{"provider.company_number",
                    [](Provider& p) { p.company_number = "1234567"; }},
        BadProvider{"provider.charity_number",
                    [](Provider& p) { p.charity_number = "1123456"; }},
        BadProvider{"provider.charity_number",
                    [](Provider& p) {
                      p.kind = ProviderKind::kCharity;
                      p.company_number.clear();
                    }},
        BadProvider{"provider.charity_number",
                    [](Provider& p) {
                      p.kind = ProviderKind::kCharity;
                      p.charity_number = "12345";
                    }},
        BadProvider{"provider.company_number",
                    [](Provider& p) { p.kind = ProviderKind::kSoleTrader; }},
        BadProvider{"provider.contacts",
                    [](Provider& p) { p.contacts.clear(); }},
        BadProvider{"provider.contacts",
                    [](Provider& p) { p.contacts.resize(11, p.contacts[0]); }},
        BadProvider{
            "provider.contacts[1].email",
            [](Provider& p) {
              p.contacts.push_back({"Al", "al.acme-care.co.uk", "", ""});
            }},
        BadProvider{"provider.contacts[0].full_name",
                    [](Provider& p) { p.contacts[0].full_name.clear(); }},
        BadProvider{"provider.contacts[0].phone",
                    [](Provider& p) { p.contacts[0].phone = "0151 555"; }},
        BadProvider{
            "provider.contacts[0].phone",
            [](Provider& p) { p.contacts[0].phone = "call 0151555010"; }},
        BadProvider{"provider.contacts[0].job_title",
                    [](Provider& p) {
                      p.contacts[0].job_title = std::string(201, 'x');
                    }},
        BadProvider{"provider.contacts[0].job_title",
                    [](Provider& p) {
                      p.contacts[0].job_title = std::string("Chief\0Exec", 10);
                    }},
        BadProvider{"provider.address.lines",
                    [](Provider& p) { p.address.lines.clear(); }},
        BadProvider{"provider.address.lines[0]",
                    [](Provider& p) { p.address.lines[0].clear(); }},
        BadProvider{"provider.address.town",
                    [](Provider& p) { p.address.town.clear(); }},
        BadProvider{"provider.address.postcode",
                    [](Provider& p) { p.address.postcode = "L20"; }}));

TEST(PrepareSettingTest, NormalisesPostcodeAndUrn) {
  Setting s = BootleHouse();
  s.address.postcode = "l207ep";
  s.registration_type = RegistrationType::kChildrensHome;
  s.ofsted_urn = "sc123456";
  s.latest_judgement =
      OfstedJudgement{Judgement::kGood, absl::CivilDay(2025, 6, 1)};
  auto prepared = PrepareSetting(s, kToday);
  ASSERT_THAT(prepared, IsOk());
  EXPECT_EQ(prepared->address.postcode, "L20 7EP");
  EXPECT_EQ(prepared->ofsted_urn, "SC123456");
}

TEST(PrepareSettingTest, UnregisteredAndNotYetInspectedSettings) {
  Setting none = BootleHouse();
  none.registration_type = RegistrationType::kNone;
  none.ofsted_urn.clear();
  none.latest_judgement.reset();
  EXPECT_THAT(PrepareSetting(none, kToday), IsOk());

  Setting uninspected = BootleHouse();
  uninspected.latest_judgement.reset();
  EXPECT_THAT(PrepareSetting(uninspected, kToday), IsOk());
}

TEST(PrepareSettingTest, CapacityBounds) {
  Setting s = BootleHouse();
  s.capacity = 1;
  EXPECT_THAT(PrepareSetting(s, kToday), IsOk());
  s.capacity = kMaxSettingCapacity;
  EXPECT_THAT(PrepareSetting(s, kToday), IsOk());
}

struct BadSetting {
  const char* field;
  void (*mutate)(Setting&);
  friend void PrintTo(const BadSetting& bad, std::ostream* os) {
    *os << bad.field;
  }
};

class PrepareSettingRefusesTest : public ::testing::TestWithParam<BadSetting> {
};

TEST_P(PrepareSettingRefusesTest, NamingTheField) {
  Setting s = BootleHouse();
  GetParam().mutate(s);
  EXPECT_THAT(PrepareSetting(s, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(GetParam().field)));
}

INSTANTIATE_TEST_SUITE_P(
    Fields, PrepareSettingRefusesTest,
    ::testing::Values(
        BadSetting{"setting.display_name", [](Setting& s) { s.name.clear(); }},
        BadSetting{"setting.address.postcode",
                   [](Setting& s) { s.address.postcode = "XX1"; }},
        BadSetting{"setting.latitude",
                   [](Setting& s) { s.location.latitude = 91; }},
        BadSetting{"setting.latitude",
                   [](Setting& s) { s.location.latitude = -90.5; }},
        BadSetting{"setting.longitude",
                   [](Setting& s) { s.location.longitude = 181; }},
        BadSetting{"setting.latitude",
                   [](Setting& s) {
                     s.location.latitude =
                         std::numeric_limits<double>::quiet_NaN();
                   }},
        BadSetting{"setting.lots", [](Setting& s) { s.lots.clear(); }},
        BadSetting{"setting.lots[1]",
                   [](Setting& s) { s.lots.push_back(s.lots[0]); }},
        BadSetting{"setting.lots[0].lot_id",
                   [](Setting& s) { s.lots[0].lot_id = "Lot 1"; }},
        BadSetting{"setting.lots[0].framework",
                   [](Setting& s) { s.lots[0].framework_id = ""; }},
        BadSetting{"setting.capacity", [](Setting& s) { s.capacity = 0; }},
        BadSetting{"setting.capacity", [](Setting& s) { s.capacity = -3; }},
        BadSetting{"setting.capacity",
                   [](Setting& s) { s.capacity = kMaxSettingCapacity + 1; }},
        BadSetting{"setting.service_radius_miles",
                   [](Setting& s) { s.service_radius_miles = -1; }},
        BadSetting{"setting.service_radius_miles",
                   [](Setting& s) { s.service_radius_miles = 101; }},
        BadSetting{"setting.ofsted_urn", [](Setting& s) { s.ofsted_urn = ""; }},
        BadSetting{"setting.ofsted_urn",
                   [](Setting& s) { s.ofsted_urn = "SC12345"; }},
        BadSetting{"setting.ofsted_urn",
                   [](Setting& s) {
                     s.registration_type = RegistrationType::kNone;
                     s.latest_judgement.reset();
                   }},
        BadSetting{"setting.latest_judgement",
                   [](Setting& s) {
                     s.registration_type = RegistrationType::kNone;
                     s.ofsted_urn.clear();
                   }},
        // A supported accommodation outcome on a children's home, and a
        // four-point judgement on supported accommodation.
        BadSetting{"setting.latest_judgement.judgement",
                   [](Setting& s) {
                     s.registration_type = RegistrationType::kChildrensHome;
                   }},
        BadSetting{"setting.latest_judgement.judgement",
                   [](Setting& s) {
                     s.latest_judgement->judgement = Judgement::kGood;
                   }},
        BadSetting{"setting.latest_judgement.date",
                   [](Setting& s) { s.latest_judgement->date = kToday + 1; }},
        BadSetting{"setting.latest_judgement.date", [](Setting& s) {
                     s.latest_judgement->date = absl::CivilDay(1999, 12, 31);
                   }}));

TEST(ValidateVacancyTest, PlacesFromOneToCapacity) {
  const Setting s = BootleHouse();  // capacity 4
  Vacancy v;
  v.setting_id = s.id;
  v.available_from = kToday;
  for (int places : {1, 4}) {
    v.places = places;
    EXPECT_THAT(ValidateVacancy(s, v), IsOk()) << places;
  }
  for (int places : {0, -1, 5}) {
    v.places = places;
    EXPECT_THAT(ValidateVacancy(s, v),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("vacancy.places")))
        << places;
  }
}

}  // namespace
}  // namespace fhub::registry
