#pragma once

// The registry's storage over a freshly migrated PostgreSQL (see
// tests/support/test_database.h), shared by the registry_store_test files:
// sample records in Merseyside and a fixture that runs each step in a
// committed transaction.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/migrations.h"
#include "services/registry/storage/registry_store.h"
#include "tests/support/store_test.h"

namespace fhub::registry {

// Microseconds included: instants must survive the trip exactly.
inline const absl::Time kAt =
    absl::FromCivil(absl::CivilSecond(2024, 6, 3, 9, 30, 0),
                    absl::UTCTimeZone()) +
    absl::Microseconds(123456);
inline const LotRef kLot{"nw-2024", "semi-independent"};
inline const LatLng kLiverpool{53.4084, -2.9916};
inline const LatLng kBootle{53.4466, -2.9929};
inline const LatLng kManchester{53.4808, -2.2426};
inline const LatLng kSouthport{53.6475, -3.0053};

inline Provider MakeProvider(const std::string& id) {
  Provider p;
  p.id = id;
  p.legal_name = "Acme Care Ltd";
  p.kind = ProviderKind::kCompany;
  p.company_number = "01234567";
  p.contacts = {{"Ann Lee", "ann@acme.example", "0151 000 0000", "Director"},
                {"Bob Roe", "bob@acme.example", "", ""}};
  p.address = {{"1 Dock Road", "Unit 2"}, "Liverpool", "L3 4AA"};
  p.create_time = kAt;
  return p;
}

inline Setting MakeSetting(const std::string& provider_id,
                           const std::string& id, LatLng location,
                           std::vector<LotRef> lots = {kLot}) {
  Setting s;
  s.id = id;
  s.provider_id = provider_id;
  s.name = "House " + id;
  s.address = {{"3 Marsh Lane"}, "Bootle", "L20 3NJ"};
  s.location = location;
  s.lots = std::move(lots);
  s.capacity = 4;
  s.ofsted_urn = "SC123456";
  s.registration_type = RegistrationType::kSupportedAccommodation;
  return s;
}

inline Application MakeApplication(const std::string& provider_id,
                                   ApplicationStatus status) {
  Application a;
  a.provider_id = provider_id;
  a.framework_id = kLot.framework_id;
  a.lot_ids = {kLot.lot_id, "residential"};
  a.status = status;
  a.answers = {{"safeguarding", "We train staff."}, {"outcomes", "Audits."}};
  a.create_time = kAt;
  return a;
}

inline Suspension MakeSuspension(const std::string& provider_id,
                                 SuspensionScope scope,
                                 const std::string& authority_id) {
  Suspension s;
  s.provider_id = provider_id;
  s.framework_id = kLot.framework_id;
  s.scope = scope;
  s.authority_id = authority_id;
  s.reason = "Safeguarding concern";
  s.suspend_time = kAt;
  s.suspended_by = "officer-1";
  for (int i = 1; i <= 3; ++i) {
    ActionPlanItem item;
    item.number = i;
    item.description = "Step " + std::to_string(i);
    item.due = absl::CivilDay(2024, 7, i);
    s.action_plan.push_back(item);
  }
  return s;
}

inline std::vector<std::string> VacancyIds(
    const std::vector<VacancyRecord>& list) {
  std::vector<std::string> ids;
  for (const VacancyRecord& r : list) ids.push_back(r.vacancy.id);
  return ids;
}

template <typename T>
inline std::vector<std::string> Ids(const std::vector<T>& list) {
  std::vector<std::string> ids;
  for (const T& item : list) ids.push_back(item.id);
  return ids;
}

class RegistryStoreTest : public ::fhub::testing::StoreTest {
 protected:
  void SetUp() override {
    Open("registry", Migrations(), "registry, public",
         RegistryStore::Statements());
  }

  void AddProvider(const std::string& id) {
    ASSERT_THAT(In([&](db::Tx& tx) {
                  return store_.InsertProvider(tx, MakeProvider(id));
                }),
                ::fhub::testing::IsOk());
  }

  void AddSetting(const Setting& s) {
    ASSERT_THAT(
        In([&](db::Tx& tx) { return store_.InsertSetting(tx, s, kAt); }),
        ::fhub::testing::IsOk());
  }

  std::string AddVacancy(const std::string& provider_id,
                         const std::string& setting_id, absl::CivilDay from) {
    VacancyRecord record{provider_id, {"", setting_id, 2, from}, kAt, {}};
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.InsertVacancy(tx, record); }),
        ::fhub::testing::IsOk());
    return record.vacancy.id;
  }

  std::string AddApplication(const std::string& provider_id,
                             ApplicationStatus status) {
    Application a = MakeApplication(provider_id, status);
    EXPECT_THAT(In([&](db::Tx& tx) { return store_.InsertApplication(tx, a); }),
                ::fhub::testing::IsOk());
    return a.id;
  }

  void Accredit(const std::string& provider_id, AccreditationStatus status,
                const LotRef& lot = kLot, double score = 70) {
    Accreditation a;
    a.provider_id = provider_id;
    a.lot = lot;
    a.status = status;
    a.quality_score = score;
    a.application_id =
        AddApplication(provider_id, ApplicationStatus::kAdmitted);
    a.admit_time = kAt;
    ASSERT_THAT(In([&](db::Tx& tx) { return store_.PutAccreditation(tx, a); }),
                ::fhub::testing::IsOk());
  }

  RegistryStore store_;
};

}  // namespace fhub::registry
