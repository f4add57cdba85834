#include "tools/fhub/session.h"

#include <cstdlib>
#include <string>
#include <type_traits>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "gtest/gtest.h"

ABSL_DECLARE_FLAG(std::string, addr);
ABSL_DECLARE_FLAG(std::string, registry_addr);
ABSL_DECLARE_FLAG(std::string, pricing_addr);
ABSL_DECLARE_FLAG(std::string, referrals_addr);

namespace fhub::cli {
namespace {

static_assert(StubService<frameworks::v1::FrameworkService::Stub>::kService ==
              Service::kFrameworks);
static_assert(StubService<registry::v1::RegistryService::Stub>::kService ==
              Service::kRegistry);
static_assert(StubService<pricing::v1::PricingService::Stub>::kService ==
              Service::kPricing);
static_assert(StubService<referrals::v1::ReferralService::Stub>::kService ==
              Service::kReferrals);

class ServiceAddressTest : public ::testing::Test {
 protected:
  void SetUp() override { UnsetAddresses(); }
  void TearDown() override { UnsetAddresses(); }

  static void UnsetAddresses() {
    unsetenv("FHUB_ADDR");
    unsetenv("FHUB_REGISTRY_ADDR");
    unsetenv("FHUB_PRICING_ADDR");
    unsetenv("FHUB_REFERRALS_ADDR");
  }

  absl::FlagSaver flags_;
};

TEST_F(ServiceAddressTest, DefaultsToEachServicesOwnPort) {
  EXPECT_EQ(ServiceAddress(Service::kFrameworks), "127.0.0.1:7001");
  EXPECT_EQ(ServiceAddress(Service::kRegistry), "127.0.0.1:7002");
  EXPECT_EQ(ServiceAddress(Service::kPricing), "127.0.0.1:7003");
  EXPECT_EQ(ServiceAddress(Service::kReferrals), "127.0.0.1:7004");
}

TEST_F(ServiceAddressTest, AddrFlagMovesOnlyTheFrameworksService) {
  absl::SetFlag(&FLAGS_addr, "frameworks.example:9001");
  EXPECT_EQ(ServiceAddress(Service::kFrameworks), "frameworks.example:9001");
  EXPECT_EQ(ServiceAddress(Service::kRegistry), "127.0.0.1:7002");
  EXPECT_EQ(ServiceAddress(Service::kPricing), "127.0.0.1:7003");
}

TEST_F(ServiceAddressTest, RegistryAddrFlagMovesOnlyTheRegistry) {
  absl::SetFlag(&FLAGS_registry_addr, "registry.example:9002");
  EXPECT_EQ(ServiceAddress(Service::kRegistry), "registry.example:9002");
  EXPECT_EQ(ServiceAddress(Service::kFrameworks), "127.0.0.1:7001");
  EXPECT_EQ(ServiceAddress(Service::kPricing), "127.0.0.1:7003");
}

TEST_F(ServiceAddressTest, PricingAddrFlagMovesOnlyThePricingService) {
  absl::SetFlag(&FLAGS_pricing_addr, "pricing.example:9003");
  EXPECT_EQ(ServiceAddress(Service::kPricing), "pricing.example:9003");
  EXPECT_EQ(ServiceAddress(Service::kFrameworks), "127.0.0.1:7001");
  EXPECT_EQ(ServiceAddress(Service::kRegistry), "127.0.0.1:7002");
}

TEST_F(ServiceAddressTest, ReferralsAddrFlagMovesOnlyTheReferralsService) {
  absl::SetFlag(&FLAGS_referrals_addr, "referrals.example:9004");
  EXPECT_EQ(ServiceAddress(Service::kReferrals), "referrals.example:9004");
  EXPECT_EQ(ServiceAddress(Service::kFrameworks), "127.0.0.1:7001");
  EXPECT_EQ(ServiceAddress(Service::kRegistry), "127.0.0.1:7002");
  EXPECT_EQ(ServiceAddress(Service::kPricing), "127.0.0.1:7003");
}

TEST_F(ServiceAddressTest, OtherAddrFlagsLeaveTheReferralsService) {
  absl::SetFlag(&FLAGS_addr, "frameworks.example:9001");
  absl::SetFlag(&FLAGS_registry_addr, "registry.example:9002");
  absl::SetFlag(&FLAGS_pricing_addr, "pricing.example:9003");
  EXPECT_EQ(ServiceAddress(Service::kReferrals), "127.0.0.1:7004");
}

TEST_F(ServiceAddressTest, EnvironmentVariablesPerService) {
  setenv("FHUB_ADDR", "f.example:1", 1);
  setenv("FHUB_REGISTRY_ADDR", "r.example:2", 1);
  setenv("FHUB_PRICING_ADDR", "p.example:3", 1);
  setenv("FHUB_REFERRALS_ADDR", "x.example:4", 1);
  EXPECT_EQ(ServiceAddress(Service::kFrameworks), "f.example:1");
  EXPECT_EQ(ServiceAddress(Service::kRegistry), "r.example:2");
  EXPECT_EQ(ServiceAddress(Service::kPricing), "p.example:3");
  EXPECT_EQ(ServiceAddress(Service::kReferrals), "x.example:4");
}

TEST_F(ServiceAddressTest, FlagWinsOverEnvironment) {
  setenv("FHUB_REGISTRY_ADDR", "r.example:2", 1);
  absl::SetFlag(&FLAGS_registry_addr, "flag.example:3");
  EXPECT_EQ(ServiceAddress(Service::kRegistry), "flag.example:3");
  setenv("FHUB_PRICING_ADDR", "p.example:3", 1);
  absl::SetFlag(&FLAGS_pricing_addr, "flag.example:4");
  EXPECT_EQ(ServiceAddress(Service::kPricing), "flag.example:4");
  setenv("FHUB_REFERRALS_ADDR", "x.example:4", 1);
  absl::SetFlag(&FLAGS_referrals_addr, "flag.example:5");
  EXPECT_EQ(ServiceAddress(Service::kReferrals), "flag.example:5");
}

TEST_F(ServiceAddressTest, UsageNamesEveryAddressFlag) {
  std::string usage = GlobalFlagsUsage();
  EXPECT_NE(usage.find("--addr=HOST:PORT"), std::string::npos);
  EXPECT_NE(usage.find("--registry_addr=HOST:PORT"), std::string::npos);
  EXPECT_NE(usage.find("FHUB_REGISTRY_ADDR"), std::string::npos);
  EXPECT_NE(usage.find("--pricing_addr=HOST:PORT"), std::string::npos);
  EXPECT_NE(usage.find("FHUB_PRICING_ADDR"), std::string::npos);
  EXPECT_NE(usage.find("--referrals_addr=HOST:PORT"), std::string::npos);
  EXPECT_NE(usage.find("FHUB_REFERRALS_ADDR"), std::string::npos);
}

}  // namespace
}  // namespace fhub::cli
