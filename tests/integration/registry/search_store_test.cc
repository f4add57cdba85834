// The eligibility prefilter against a migrated PostgreSQL: it applies
// distance, lot, accreditation, suspension and vacancy as the domain
// expects.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/storage/registry_store.h"
#include "tests/integration/registry/store_fixture.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Merseyside providers searched from Southport within 20 miles.
class SearchCandidatesTest : public RegistryStoreTest {
 protected:
  void SetUp() override {
    RegistryStoreTest::SetUp();
    // Admitted, in range, with two open vacancies by the day.
    Add("liverpool-care", kLiverpool, AccreditationStatus::kAdmitted);
    AddVacancy("liverpool-care", "liverpool-care-1",
               absl::CivilDay(2024, 6, 15));
    // In range: its only vacancy by the day is withdrawn, the other comes
    // too late; its annex does not serve the lot.
    Add("bootle-homes", kBootle, AccreditationStatus::kAdmitted,
        /*vacancy=*/false);
    const std::string withdrawn = AddVacancy("bootle-homes", "bootle-homes-1",
                                             absl::CivilDay(2024, 5, 1));
    EXPECT_THAT(In([&](db::Tx& tx) {
                  return store_.WithdrawVacancy(tx, withdrawn, kAt);
                }),
                IsOk());
    AddVacancy("bootle-homes", "bootle-homes-1", absl::CivilDay(2024, 9, 1));
    AddSetting(MakeSetting("bootle-homes", "bootle-annex", kBootle,
                           {{"nw-2024", "residential"}}));
    Add("manchester-living", kManchester, AccreditationStatus::kAdmitted);
    Add("suspended-accreditation", kLiverpool, AccreditationStatus::kSuspended);
    Add("removed-accreditation", kLiverpool, AccreditationStatus::kRemoved);
    Add("wide-suspended", kLiverpool, AccreditationStatus::kAdmitted);
    Suspend("wide-suspended", SuspensionScope::kFrameworkWide, "lead");
    Add("sefton-suspended", kBootle, AccreditationStatus::kAdmitted);
    Suspend("sefton-suspended", SuspensionScope::kMemberOnly, "sefton");
    Add("lifted", kLiverpool, AccreditationStatus::kAdmitted);
    Suspension lifted =
        Suspend("lifted", SuspensionScope::kFrameworkWide, "lead");
    lifted.status = SuspensionStatus::kLifted;
    lifted.reinstate_time = kAt;
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.UpdateSuspension(tx, lifted); }),
        IsOk());
    // Admitted on another lot only.
    AddProvider("other-lot");
    AddSetting(MakeSetting("other-lot", "other-lot-1", kLiverpool));
    Accredit("other-lot", AccreditationStatus::kAdmitted,
             {"nw-2024", "residential"});
  }

  // A provider with one setting serving kLot, accredited with `status`, and
  // unless told otherwise a vacancy of 2 places from 2024-06-01.
  void Add(const std::string& id, LatLng location, AccreditationStatus status,
           bool vacancy = true) {
    AddProvider(id);
    AddSetting(MakeSetting(id, id + "-1", location));
    Accredit(id, status);
    if (vacancy) AddVacancy(id, id + "-1", absl::CivilDay(2024, 6, 1));
  }

  Suspension Suspend(const std::string& provider_id, SuspensionScope scope,
                     const std::string& authority_id) {
    Suspension s = MakeSuspension(provider_id, scope, authority_id);
    EXPECT_THAT(In([&](db::Tx& tx) { return store_.InsertSuspension(tx, s); }),
                IsOk());
    return s;
  }

  static CandidateQuery Query(const std::string& authority_id) {
    CandidateQuery query;
    query.query.lot.lot = kLot;
    query.query.lot.ofsted_registration_required = true;
    query.query.authority_id = authority_id;
    query.query.location = kSouthport;
    query.query.max_distance_miles = 20;
    query.query.wanted_by = absl::CivilDay(2024, 7, 1);
    query.box_radius_miles = 20.5;
    return query;
  }

  absl::StatusOr<std::vector<EligibilityCandidate>> Search(
      const CandidateQuery& query) {
    return In([&](db::Tx& tx) { return store_.SearchCandidates(tx, query); });
  }
  absl::StatusOr<std::vector<EligibilityCandidate>> Search(
      const std::string& authority_id) {
    return Search(Query(authority_id));
  }

  static std::vector<std::string> ProviderIds(
      const std::vector<EligibilityCandidate>& candidates) {
    std::vector<std::string> ids;
    for (const EligibilityCandidate& c : candidates)
      ids.push_back(c.provider_id);
    return ids;
  }
};

TEST_F(SearchCandidatesTest, FindsAdmittedUnblockedProvidersWithAVacancy) {
  auto found = Search("sefton");
  ASSERT_THAT(found, IsOk());
  // Liverpool is 16.5 miles away; equal distances go by provider id.
  EXPECT_THAT(ProviderIds(*found), ElementsAre("lifted", "liverpool-care"));
}

TEST_F(SearchCandidatesTest, MemberOnlySuspensionBlocksOnlyItsMember) {
  auto found = Search("wirral");
  ASSERT_THAT(found, IsOk());
  // Bootle (13.9 miles) comes before Liverpool (16.5).
  EXPECT_THAT(ProviderIds(*found),
              ElementsAre("sefton-suspended", "lifted", "liverpool-care"));
}

TEST_F(SearchCandidatesTest, LongerDistanceReachesManchester) {
  CandidateQuery query = Query("sefton");
  query.query.max_distance_miles = 40;
  query.box_radius_miles = 40.5;
  auto found = Search(query);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(ProviderIds(*found),
              ElementsAre("lifted", "liverpool-care", "manchester-living"));
}

TEST_F(SearchCandidatesTest, AppliesTheLotsOfstedRule) {
  // Inadequate at Liverpool: out when the lot allows GOOD at worst.
  Setting judged =
      MakeSetting("liverpool-care", "liverpool-care-1", kLiverpool);
  judged.latest_judgement =
      OfstedJudgement{Judgement::kOutcome3, absl::CivilDay(2024, 3, 1)};
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateSetting(tx, judged, kAt); }),
      IsOk());
  CandidateQuery query = Query("sefton");
  query.query.lot.lowest_ofsted_grade = OfstedGrade::kGood;
  auto found = Search(query);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(ProviderIds(*found), ElementsAre("lifted"));

  // A children's home lot needs a CHILDRENS_HOME registration.
  query.query.lot.service_type = ServiceType::kResidentialChildrensHome;
  found = Search(query);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(*found, IsEmpty());
}

TEST_F(SearchCandidatesTest, StopsAtTheLimit) {
  CandidateQuery query = Query("wirral");
  query.limit = 1;
  auto found = Search(query);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(ProviderIds(*found), ElementsAre("sefton-suspended"));
}

TEST_F(SearchCandidatesTest, CarriesAccreditationSettingAndEarliestVacancy) {
  auto found = Search("sefton");
  ASSERT_THAT(found, IsOk());
  ASSERT_THAT(*found, SizeIs(2));
  const EligibilityCandidate& liverpool = (*found)[1];
  ASSERT_TRUE(liverpool.accreditation.has_value());
  EXPECT_EQ(liverpool.accreditation->lot, kLot);
  EXPECT_EQ(liverpool.accreditation->status, AccreditationStatus::kAdmitted);
  EXPECT_DOUBLE_EQ(liverpool.accreditation->quality_score, 70);
  EXPECT_THAT(liverpool.suspensions, IsEmpty());
  ASSERT_THAT(liverpool.settings, SizeIs(1));
  const Setting& setting = liverpool.settings[0].setting;
  EXPECT_EQ(setting.provider_id, "liverpool-care");
  EXPECT_EQ(setting.id, "liverpool-care-1");
  EXPECT_DOUBLE_EQ(setting.location.latitude, kLiverpool.latitude);
  EXPECT_THAT(setting.lots, ElementsAre(kLot));
  EXPECT_EQ(setting.registration_type,
            RegistrationType::kSupportedAccommodation);
  ASSERT_THAT(liverpool.settings[0].vacancies, SizeIs(1));
  const Vacancy& v = liverpool.settings[0].vacancies[0];
  EXPECT_EQ(v.setting_id, "liverpool-care-1");
  EXPECT_EQ(v.places, 2);
  EXPECT_EQ(v.available_from, absl::CivilDay(2024, 6, 1));
}

TEST_F(SearchCandidatesTest, MovingASettingMovesItInTheSearch) {
  Setting moved =
      MakeSetting("liverpool-care", "liverpool-care-1", kManchester);
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateSetting(tx, moved, kAt); }),
      IsOk());
  auto found = Search("sefton");
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(ProviderIds(*found), ElementsAre("lifted"));
}

}  // namespace
}  // namespace fhub::registry
