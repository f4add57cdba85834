// When the frameworks service cannot answer, calls that depend on it fail
// with UNAVAILABLE and change nothing.

#include "tests/integration/registry_api/fixture.h"

namespace fhub::registry {
namespace {

using Code = grpc::StatusCode;

class UnavailableApiTest : public RegistryApiTest {};

TEST_F(UnavailableApiTest, FrameworksServiceDown) {
  AdmitProvider("acme-care");
  const int settings = CountRows("settings");
  frameworks_service_->Shutdown();

  EXPECT_THAT(CreateSetting(ProviderUser("acme-care"), "acme-care", "second",
                            ValidSetting(kLiverpool)),
              GrpcIs(Code::UNAVAILABLE));
  EXPECT_THAT(Suspend(Commissioner("sefton"), "acme-care", v1::MEMBER_ONLY,
                      {"2026-12-16"}),
              GrpcIs(Code::UNAVAILABLE));
  EXPECT_THAT(Search(Service(), "sefton", kSouthport, 20),
              GrpcIs(Code::UNAVAILABLE));
  EXPECT_EQ(CountRows("settings"), settings);
  EXPECT_EQ(CountRows("suspensions"), 0);

  // Reads that need only the registry still work.
  v1::ListSettingsRequest request;
  request.set_parent("providers/acme-care");
  v1::ListSettingsResponse list;
  ASSERT_THAT(
      stub_->ListSettings(testing::CallContext(ProviderUser("acme-care")).get(),
                          request, &list),
      GrpcOk());
  EXPECT_EQ(list.settings_size(), 1);
}

}  // namespace
}  // namespace fhub::registry
