#pragma once

// The hub of referrals_cycle_bench (referrals_cycle.cc): the frameworks
// service, the registry, pricing and referrals in process over one
// database, each with its own pool of connections and its own loopback
// port, wired as their main.cc files wire them (a real SystemClock, the
// pricing book cache, referrals' followers and housekeeping sweep, peers
// asked over gRPC as a SERVICE whose token is signed with the test key).
// Every caller-to-callee edge has a channel of its own, as separate
// processes would, and counts the rpcs sent on it.
//
// The story (SetUpStory), through the services' own rpcs
// (tests/support/hub_story.h): the North West 16+ framework with Sefton a
// member; kHubProviders providers "care-00".."care-29", each with one
// setting "main" within 3 miles of kHome (capacity 500, a vacancy), all
// scored alike and admitted to lot-1; and a Sefton price book with each,
// accepted, at 85000p a week and 1850p an hour.

#include <grpcpp/grpcpp.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "common/clients/frameworks_client.h"
#include "common/clients/service_token.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "common/periodic_task.h"
#include "common/server.h"
#include "services/frameworks/api/framework_service.h"
#include "services/frameworks/api/placement_counter.h"
#include "services/frameworks/storage/framework_store.h"
#include "services/frameworks/storage/record_store.h"
#include "services/pricing/api/book_cache.h"
#include "services/pricing/api/pricing_service.h"
#include "services/pricing/api/provider_directory.h"
#include "services/pricing/storage/pricing_store.h"
#include "services/referrals/api/follower.h"
#include "services/referrals/api/peers.h"
#include "services/referrals/api/referrals_service.h"
#include "services/referrals/storage/referrals_store.h"
#include "services/registry/api/framework_directory.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/storage/registry_store.h"
#include "tests/support/hub_story.h"

namespace fhub::bench {

inline constexpr int kHubProviders = 30;
inline constexpr char kHubAuthority[] = "sefton";
inline constexpr char kHubFramework[] = "nw-16plus";
inline constexpr char kHubLot[] = "lot-1";
inline constexpr char kHubSetting[] = "main";
inline constexpr int kHubCapacity = 500;
inline constexpr int64_t kBookWeeklyPence = 85000;
inline constexpr int64_t kBookHourlyPence = 1850;
// The young people's home: Bootle.
inline constexpr testing::LatLng kHome = testing::kBootle;

// A cycle: every provider is invited; kOffersPerCycle of them offer, the
// one in position 0 cheapest (so it ranks first, the quality scores being
// alike), the others decline.
inline constexpr int kOffersPerCycle = 10;
inline constexpr int64_t kOfferHourlyPence = 1800;
inline constexpr int64_t kOfferMinutesPerWeek = 600;
inline constexpr int64_t OfferAccommodationPence(int position) {
  return 80000 + 500 * position;
}
// Referrals are wanted, and offers available, two weeks from today.
inline constexpr int kStartInDays = 14;

// "care-07" for 7.
std::string HubProviderId(int index);
// Where provider `index`'s setting is: a grid around kHome, at most about
// 3 miles from it.
testing::LatLng HubSettingLocation(int index);

// The edges whose rpcs are counted.
enum class Edge {
  kClientsToReferrals,
  kReferralsToFrameworks,
  kReferralsToRegistry,
  kReferralsToPricing,
  kRegistryToFrameworks,
  kPricingToFrameworks,
  kPricingToRegistry,
  kStory,  // the set-up's calls, to every service
  kCount,
};
const char* EdgeName(Edge edge);

class ReferralsHub {
 public:
  // Migrates the four schemas of the (fresh) database `dsn` and serves the
  // four services, each with a pool of `pool_size` connections.
  static absl::StatusOr<std::unique_ptr<ReferralsHub>> Start(
      const std::string& dsn, int pool_size);
  ~ReferralsHub();
  ReferralsHub(const ReferralsHub&) = delete;
  ReferralsHub& operator=(const ReferralsHub&) = delete;

  // The framework, the providers and the books (see above); the first
  // failure.
  absl::Status SetUpStory();
  // Referrals' followers of the registry's and the frameworks service's
  // events and its housekeeping sweep, as main.cc starts them.
  void StartBackgroundWork();
  // Stops everything in process, callers first. Idempotent.
  void Stop();

  // The channel clients call referrals on (counted as kClientsToReferrals).
  std::shared_ptr<grpc::Channel> referrals_channel() const {
    return clients_channel_;
  }
  // "Bearer <jwt>" for `organisation` with `role`, valid for an hour.
  std::string Authorization(const std::string& organisation,
                            auth::Role role) const;
  const Clock& clock() const { return clock_; }
  // The four pools, referrals' first.
  std::vector<db::Pool*> pools() const;
  // Rpcs sent on `edge` so far.
  int64_t Calls(Edge edge) const {
    return calls_[static_cast<size_t>(edge)].load(std::memory_order_relaxed);
  }

 private:
  ReferralsHub(std::string dsn, int pool_size);
  absl::Status StartFrameworks();
  absl::Status StartRegistry();
  absl::Status StartPricing();
  absl::Status StartReferrals();
  // A channel of its own to `port`, counting its rpcs on `edge`.
  std::shared_ptr<grpc::Channel> Channel(int port, Edge edge);
  absl::StatusOr<std::unique_ptr<db::Pool>> OpenPool(
      const std::string& search_path,
      std::vector<db::PreparedStatement> statements) const;
  // A SERVICE identity signing its own tokens with the test key, as
  // main.cc's OwnServiceToken does with the hub's key.
  std::function<absl::StatusOr<std::string>()> ServiceAuthorization(
      const std::string& subject, const std::string& organisation);

  const std::string dsn_;
  const int pool_size_;
  SystemClock clock_;
  auth::TokenVerifier verifier_;
  std::array<std::atomic<int64_t>, static_cast<size_t>(Edge::kCount)> calls_{};
  std::vector<std::unique_ptr<ServiceTokenSource>> service_tokens_;

  std::unique_ptr<db::Pool> frameworks_pool_;
  frameworks::PgFrameworkStore frameworks_store_;
  frameworks::PgRecordStore frameworks_records_;
  frameworks::PlacementCountsFromLead frameworks_placements_;
  std::unique_ptr<frameworks::FrameworkServiceImpl> frameworks_service_;
  std::unique_ptr<Server> frameworks_server_;

  std::unique_ptr<db::Pool> registry_pool_;
  registry::RegistryStore registry_store_;
  std::unique_ptr<registry::GrpcFrameworkDirectory> registry_frameworks_;
  std::unique_ptr<registry::RegistryServiceImpl> registry_service_;
  std::unique_ptr<Server> registry_server_;

  std::unique_ptr<db::Pool> pricing_pool_;
  pricing::PricingStore pricing_store_;
  std::unique_ptr<FrameworksClient> pricing_frameworks_;
  std::unique_ptr<pricing::GrpcProviderDirectory> pricing_providers_;
  std::unique_ptr<pricing::BookCache> pricing_cache_;
  std::unique_ptr<pricing::PricingServiceImpl> pricing_service_;
  std::unique_ptr<Server> pricing_server_;

  std::unique_ptr<db::Pool> referrals_pool_;
  referrals::ReferralsStore referrals_store_;
  std::unique_ptr<FrameworksClient> referrals_frameworks_;
  std::unique_ptr<referrals::GrpcRegistry> referrals_registry_;
  std::unique_ptr<referrals::GrpcPricing> referrals_pricing_;
  std::unique_ptr<referrals::ReferralsServiceImpl> referrals_service_;
  std::unique_ptr<referrals::ReferralsFollower> follower_;
  std::unique_ptr<PeriodicTask> housekeeping_;
  std::unique_ptr<Server> referrals_server_;

  std::shared_ptr<grpc::Channel> clients_channel_;
};

}  // namespace fhub::bench
