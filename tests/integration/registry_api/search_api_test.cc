// The eligibility search: distances, order and who may ask.

#include "common/proto_values.h"
#include "tests/integration/registry_api/fixture.h"

namespace fhub::registry {
namespace {

using Code = grpc::StatusCode;
using ::testing::ElementsAre;

class SearchApiTest : public RegistryApiTest {
 protected:
  void SetUp() override {
    RegistryApiTest::SetUp();
    if (HasFatalFailure()) return;
    AdmitProvider("liverpool-care", {"lot-1"}, kLiverpool);
    if (HasFatalFailure()) return;
    AdmitProvider("bootle-care", {"lot-1"}, kBootle);
    if (HasFatalFailure()) return;
    AdmitProvider("manchester-care", {"lot-1"}, kManchester);
  }
};

TEST_F(SearchApiTest, NearestFirstWithinTheDistance) {
  v1::SearchEligibleProvidersResponse found;
  ASSERT_THAT(Search(Service(), "sefton", kSouthport, 20, &found), GrpcOk());
  ASSERT_EQ(found.providers_size(), 2);
  EXPECT_EQ(found.providers(0).provider(), "providers/bootle-care");
  EXPECT_EQ(found.providers(0).setting(),
            "providers/bootle-care/settings/main");
  EXPECT_NEAR(found.providers(0).distance_miles(), 13.892, 0.01);
  EXPECT_NEAR(found.providers(0).quality_score(), 76.0, 1e-9);
  EXPECT_EQ(found.providers(1).provider(), "providers/liverpool-care");
  EXPECT_NEAR(found.providers(1).distance_miles(), 16.530, 0.01);

  ASSERT_THAT(Search(Service(), "sefton", kSouthport, 40, &found), GrpcOk());
  ASSERT_EQ(found.providers_size(), 3);
  EXPECT_EQ(found.providers(0).provider(), "providers/bootle-care");
  EXPECT_EQ(found.providers(1).provider(), "providers/liverpool-care");
  EXPECT_EQ(found.providers(2).provider(), "providers/manchester-care");
  EXPECT_NEAR(found.providers(2).distance_miles(), 33.35, 0.01);

  // A commissioner or lead admin of the member may ask for itself.
  ASSERT_THAT(Search(Commissioner("sefton"), "sefton", kSouthport, 20, &found),
              GrpcOk());
  EXPECT_EQ(found.providers_size(), 2);
  ASSERT_THAT(Search(LeadAdmin("wirral"), "wirral", kSouthport, 20, &found),
              GrpcOk());
  EXPECT_EQ(found.providers_size(), 2);
  // 0 means 20 miles.
  ASSERT_THAT(Search(Service(), "sefton", kSouthport, 0, &found), GrpcOk());
  EXPECT_EQ(found.providers_size(), 2);
}

TEST_F(SearchApiTest, VacancyByTheWantedDate) {
  // Bootle's only vacancy goes; a later one comes.
  const std::string bootle = ProviderUser("bootle-care");
  v1::ListVacanciesRequest list_request;
  list_request.set_parent("providers/bootle-care/settings/main");
  v1::ListVacanciesResponse list;
  ASSERT_THAT(stub_->ListVacancies(testing::CallContext(bootle).get(),
                                   list_request, &list),
              GrpcOk());
  ASSERT_EQ(list.vacancies_size(), 1);
  v1::WithdrawVacancyRequest withdraw;
  withdraw.set_name(list.vacancies(0).name());
  withdraw.set_request_id(NextRequestId());
  v1::Vacancy withdrawn;
  ASSERT_THAT(stub_->WithdrawVacancy(testing::CallContext(bootle).get(),
                                     withdraw, &withdrawn),
              GrpcOk());
  EXPECT_THAT(SearchIds("sefton"), ElementsAre("providers/liverpool-care"));
  ASSERT_THAT(RecordVacancy(bootle, "providers/bootle-care/settings/main", 1,
                            nullptr, "", "2027-01-10"),
              GrpcOk());
  EXPECT_THAT(SearchIds("sefton"), ElementsAre("providers/liverpool-care"));

  v1::SearchEligibleProvidersRequest request;
  request.set_framework(kNw);
  request.set_lot_id("lot-1");
  request.set_authority("authorities/sefton");
  request.set_latitude(kSouthport.latitude);
  request.set_longitude(kSouthport.longitude);
  ParseDate("2027-01-31", request.mutable_wanted_by());
  v1::SearchEligibleProvidersResponse found;
  ASSERT_THAT(stub_->SearchEligibleProviders(
                  testing::CallContext(Service()).get(), request, &found),
              GrpcOk());
  ASSERT_EQ(found.providers_size(), 2);
  EXPECT_EQ(found.providers(0).provider(), "providers/bootle-care");
  EXPECT_EQ(found.providers(1).provider(), "providers/liverpool-care");
  // Another lot: nobody is admitted to it.
  ASSERT_THAT(Search(Service(), "sefton", kSouthport, 40, &found, "lot-2"),
              GrpcOk());
  EXPECT_EQ(found.providers_size(), 0);
}

TEST_F(SearchApiTest, BadSearches) {
  EXPECT_THAT(Search(Service(), "sefton", Place{91, -3.0}, 20),
              GrpcIs(Code::INVALID_ARGUMENT, "latitude"));
  EXPECT_THAT(Search(Service(), "sefton", kSouthport, -1),
              GrpcIs(Code::INVALID_ARGUMENT, "max_distance_miles"));
  EXPECT_THAT(Search(Service(), "sefton", kSouthport, 701),
              GrpcIs(Code::INVALID_ARGUMENT, "max_distance_miles"));
  EXPECT_THAT(Search(Service(), "sefton", kSouthport, 20, nullptr, "lot-9"),
              GrpcIs(Code::INVALID_ARGUMENT, "lot_id"));
  EXPECT_THAT(Search(Commissioner("wirral"), "sefton", kSouthport, 20),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Search(ProviderUser("bootle-care"), "sefton", kSouthport, 20),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Search(Evaluator("sefton"), "sefton", kSouthport, 20),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Search("", "sefton", kSouthport, 20),
              GrpcIs(Code::UNAUTHENTICATED));
  // Nottingham is an authority but not a member.
  EXPECT_THAT(Search(Service(), "nottingham", kSouthport, 20),
              GrpcIs(Code::FAILED_PRECONDITION, "nottingham"));
  EXPECT_THAT(Search(Commissioner("nottingham"), "nottingham", kSouthport, 20),
              GrpcIs(Code::FAILED_PRECONDITION));
}

}  // namespace
}  // namespace fhub::registry
