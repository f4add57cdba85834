#include "bench/referrals_hub.h"

#include <grpcpp/support/client_interceptor.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "common/config.h"
#include "common/db/migrations.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "services/frameworks/migrations.h"
#include "services/pricing/migrations.h"
#include "services/referrals/migrations.h"
#include "services/registry/migrations.h"
#include "tests/support/grpc_harness.h"

namespace fhub::bench {
namespace {

namespace gx = ::grpc::experimental;

constexpr char kLoopback[] = "127.0.0.1";

// Counts the rpcs started on a channel.
class CountingInterceptor : public gx::Interceptor {
 public:
  explicit CountingInterceptor(std::atomic<int64_t>* calls) : calls_(calls) {}
  void Intercept(gx::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            gx::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      calls_->fetch_add(1, std::memory_order_relaxed);
    }
    methods->Proceed();
  }

 private:
  std::atomic<int64_t>* calls_;
};

class CountingFactory : public gx::ClientInterceptorFactoryInterface {
 public:
  explicit CountingFactory(std::atomic<int64_t>* calls) : calls_(calls) {}
  gx::Interceptor* CreateClientInterceptor(gx::ClientRpcInfo*) override {
    return new CountingInterceptor(calls_);
  }

 private:
  std::atomic<int64_t>* calls_;
};

absl::StatusOr<std::unique_ptr<Server>> Serve(grpc::Service* service,
                                              const std::string& name) {
  ServerOptions options;
  options.listen_address = absl::StrCat(kLoopback, ":0");
  options.shutdown_grace = absl::Seconds(1);
  options.services = {service};
  options.health_names = {name};
  return Server::Start(options);
}

absl::Status FromGrpc(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

}  // namespace

std::string HubProviderId(int index) {
  return absl::StrFormat("care-%02d", index);
}

testing::LatLng HubSettingLocation(int index) {
  // Six rows 0.01 degrees of latitude apart (0.7 miles) by five columns
  // 0.015 degrees of longitude apart (0.6 miles), centred on the home.
  const int row = index % 6;
  const int column = index / 6;
  return {kHome.latitude + 0.01 * (row - 2.5),
          kHome.longitude + 0.015 * (column - 2)};
}

const char* EdgeName(Edge edge) {
  switch (edge) {
    case Edge::kClientsToReferrals:
      return "clients -> referrals";
    case Edge::kReferralsToFrameworks:
      return "referrals -> frameworks";
    case Edge::kReferralsToRegistry:
      return "referrals -> registry";
    case Edge::kReferralsToPricing:
      return "referrals -> pricing";
    case Edge::kRegistryToFrameworks:
      return "registry -> frameworks";
    case Edge::kPricingToFrameworks:
      return "pricing -> frameworks";
    case Edge::kPricingToRegistry:
      return "pricing -> registry";
    case Edge::kStory:
      return "set-up";
    case Edge::kCount:
      break;
  }
  return "?";
}

ReferralsHub::ReferralsHub(std::string dsn, int pool_size)
    : dsn_(std::move(dsn)),
      pool_size_(pool_size),
      verifier_(testing::TestTokenOptions(), &clock_) {}

absl::StatusOr<std::unique_ptr<ReferralsHub>> ReferralsHub::Start(
    const std::string& dsn, int pool_size) {
  for (const auto& [schema, files] :
       {std::make_pair("frameworks", &frameworks::Migrations()),
        std::make_pair("registry", &registry::Migrations()),
        std::make_pair("pricing", &pricing::Migrations()),
        std::make_pair("referrals", &referrals::Migrations())}) {
    for (const auto& [part, part_files] :
         {std::make_pair(std::string("hub"), &db::HubMigrations()),
          std::make_pair(std::string(schema), files)}) {
      absl::Status migrated =
          db::Migrate(dsn, schema, part, *part_files).status();
      if (!migrated.ok()) {
        return absl::Status(migrated.code(),
                            absl::StrCat("migrating ", schema, " (", part,
                                         "): ", migrated.message()));
      }
    }
  }
  // As every main.cc: Debian's Abseil checks every mutex for deadlock
  // cycles otherwise.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::unique_ptr<ReferralsHub> hub(new ReferralsHub(dsn, pool_size));
  FHUB_RETURN_IF_ERROR(hub->StartFrameworks());
  FHUB_RETURN_IF_ERROR(hub->StartRegistry());
  FHUB_RETURN_IF_ERROR(hub->StartPricing());
  FHUB_RETURN_IF_ERROR(hub->StartReferrals());
  return hub;
}

ReferralsHub::~ReferralsHub() { Stop(); }

std::shared_ptr<grpc::Channel> ReferralsHub::Channel(int port, Edge edge) {
  // Without a subchannel pool of its own, every channel of this process to
  // one address would share one connection; separate processes do not.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  std::vector<std::unique_ptr<gx::ClientInterceptorFactoryInterface>> counting;
  counting.push_back(
      std::make_unique<CountingFactory>(&calls_[static_cast<size_t>(edge)]));
  return gx::CreateCustomChannelWithInterceptors(
      absl::StrCat(kLoopback, ":", port), grpc::InsecureChannelCredentials(),
      args, std::move(counting));
}

absl::StatusOr<std::unique_ptr<db::Pool>> ReferralsHub::OpenPool(
    const std::string& search_path,
    std::vector<db::PreparedStatement> statements) const {
  // As OpenServicePool makes it.
  db::PoolOptions options;
  options.dsn = dsn_;
  options.size = pool_size_;
  options.wait_limit = ServiceConfig().pool_wait;
  options.search_path = search_path;
  options.statements = std::move(statements);
  return db::Pool::Create(options);
}

std::function<absl::StatusOr<std::string>()> ReferralsHub::ServiceAuthorization(
    const std::string& subject, const std::string& organisation) {
  const auth::TokenOptions options = testing::TestTokenOptions();
  service_tokens_.push_back(std::make_unique<ServiceTokenSource>(
      ServiceIdentity{subject, organisation}, options.key,
      options.algorithms.front(), options.issuer, options.audience, "",
      &clock_));
  return
      [token = service_tokens_.back().get()] { return token->Authorization(); };
}

std::string ReferralsHub::Authorization(const std::string& organisation,
                                        auth::Role role) const {
  return absl::StrCat("Bearer ",
                      testing::TestToken(clock_, organisation, {role},
                                         absl::StrCat("user@", organisation)));
}

absl::Status ReferralsHub::StartFrameworks() {
  FHUB_ASSIGN_OR_RETURN(
      frameworks_pool_,
      OpenPool("frameworks", frameworks::PgFrameworkStore::Statements()));
  frameworks_service_ = std::make_unique<frameworks::FrameworkServiceImpl>(
      frameworks_pool_.get(), &frameworks_store_, &frameworks_records_,
      &frameworks_placements_, &verifier_, &clock_);
  FHUB_ASSIGN_OR_RETURN(
      frameworks_server_,
      Serve(frameworks_service_.get(), "fhub.frameworks.v1.FrameworkService"));
  return absl::OkStatus();
}

absl::Status ReferralsHub::StartRegistry() {
  // earthdistance lives in public.
  FHUB_ASSIGN_OR_RETURN(
      registry_pool_,
      OpenPool("registry, public", registry::RegistryStore::Statements()));
  registry::GrpcFrameworkDirectoryOptions directory;
  directory.channel =
      Channel(frameworks_server_->port(), Edge::kRegistryToFrameworks);
  directory.authorization =
      ServiceAuthorization("fhub-registry", "services/registry");
  // main.cc's default (FHUB_FRAMEWORKS_CACHE_SECONDS).
  directory.cache_ttl = absl::Seconds(5);
  registry_frameworks_ =
      std::make_unique<registry::GrpcFrameworkDirectory>(directory, &clock_);
  registry_service_ = std::make_unique<registry::RegistryServiceImpl>(
      registry_pool_.get(), &registry_store_, registry_frameworks_.get(),
      &verifier_, &clock_);
  FHUB_ASSIGN_OR_RETURN(
      registry_server_,
      Serve(registry_service_.get(), "fhub.registry.v1.RegistryService"));
  return absl::OkStatus();
}

absl::Status ReferralsHub::StartPricing() {
  FHUB_ASSIGN_OR_RETURN(
      pricing_pool_, OpenPool("pricing", pricing::PricingStore::Statements()));
  auto authorization = ServiceAuthorization("fhub-pricing", "services/pricing");
  FrameworksClientOptions frameworks_options;
  frameworks_options.channel =
      Channel(frameworks_server_->port(), Edge::kPricingToFrameworks);
  frameworks_options.authorization = authorization;
  pricing_frameworks_ =
      std::make_unique<FrameworksClient>(frameworks_options, &clock_);
  pricing::GrpcProviderDirectoryOptions providers;
  providers.channel =
      Channel(registry_server_->port(), Edge::kPricingToRegistry);
  providers.authorization = authorization;
  pricing_providers_ =
      std::make_unique<pricing::GrpcProviderDirectory>(providers);
  pricing::BookCacheOptions cache_options;
  cache_options.database_url = dsn_;
  pricing_cache_ = std::make_unique<pricing::BookCache>(cache_options);
  pricing_cache_->Start();
  if (!pricing_cache_->WaitUntilListening(absl::Seconds(10))) {
    return absl::UnavailableError("pricing's book cache did not connect");
  }
  pricing_service_ = std::make_unique<pricing::PricingServiceImpl>(
      pricing_pool_.get(), &pricing_store_, pricing_frameworks_.get(),
      pricing_providers_.get(), &verifier_, &clock_, pricing_cache_.get());
  FHUB_ASSIGN_OR_RETURN(
      pricing_server_,
      Serve(pricing_service_.get(), "fhub.pricing.v1.PricingService"));
  return absl::OkStatus();
}

absl::Status ReferralsHub::StartReferrals() {
  FHUB_ASSIGN_OR_RETURN(
      referrals_pool_,
      OpenPool("referrals", referrals::ReferralsStore::Statements()));
  auto authorization =
      ServiceAuthorization("fhub-referrals", "services/referrals");
  auto frameworks_channel =
      Channel(frameworks_server_->port(), Edge::kReferralsToFrameworks);
  auto registry_channel =
      Channel(registry_server_->port(), Edge::kReferralsToRegistry);
  FrameworksClientOptions frameworks_options;
  frameworks_options.channel = frameworks_channel;
  frameworks_options.authorization = authorization;
  referrals_frameworks_ =
      std::make_unique<FrameworksClient>(frameworks_options, &clock_);
  referrals_registry_ = std::make_unique<referrals::GrpcRegistry>(
      referrals::PeerOptions{registry_channel, authorization});
  referrals_pricing_ =
      std::make_unique<referrals::GrpcPricing>(referrals::PeerOptions{
          Channel(pricing_server_->port(), Edge::kReferralsToPricing),
          authorization});
  referrals_service_ = std::make_unique<referrals::ReferralsServiceImpl>(
      referrals_pool_.get(), &referrals_store_, referrals_frameworks_.get(),
      referrals_registry_.get(), referrals_pricing_.get(), &verifier_, &clock_);
  referrals::FollowerOptions follower_options;
  follower_options.registry = {registry_channel, authorization};
  follower_options.frameworks = {frameworks_channel, authorization};
  follower_ = std::make_unique<referrals::ReferralsFollower>(
      referrals_pool_.get(), &referrals_store_, referrals_service_.get(),
      follower_options);
  FHUB_ASSIGN_OR_RETURN(
      referrals_server_,
      Serve(referrals_service_.get(), "fhub.referrals.v1.ReferralService"));
  clients_channel_ =
      Channel(referrals_server_->port(), Edge::kClientsToReferrals);
  return absl::OkStatus();
}

absl::Status ReferralsHub::SetUpStory() {
  auto frameworks = frameworks::v1::FrameworkService::NewStub(
      Channel(frameworks_server_->port(), Edge::kStory));
  auto registry = registry::v1::RegistryService::NewStub(
      Channel(registry_server_->port(), Edge::kStory));
  auto pricing = pricing::v1::PricingService::NewStub(
      Channel(pricing_server_->port(), Edge::kStory));
  testing::HubStory story(
      frameworks.get(), registry.get(), pricing.get(),
      [this](const std::string& organisation, std::vector<auth::Role> roles) {
        return testing::TestToken(clock_, organisation, std::move(roles),
                                  absl::StrCat("user@", organisation));
      });
  FHUB_RETURN_IF_ERROR(
      FromGrpc(story.SetUpNorthWest(), "setting up the NW framework"));
  for (int i = 0; i < kHubProviders; ++i) {
    testing::ProviderSpec spec;
    spec.id = HubProviderId(i);
    spec.where = HubSettingLocation(i);
    spec.capacity = kHubCapacity;
    spec.vacancies = 1;
    // Alike, so that price decides the ranking and the winners rotate.
    spec.wirral_scores = {4, 4};
    spec.sefton_scores = {4, 4};
    FHUB_RETURN_IF_ERROR(FromGrpc(story.AdmitProvider(spec),
                                  absl::StrCat("admitting ", spec.id)));
    FHUB_RETURN_IF_ERROR(
        FromGrpc(story.AcceptedBook(kHubAuthority, spec.id, kBookWeeklyPence,
                                    kBookHourlyPence),
                 absl::StrCat("Sefton's book with ", spec.id)));
  }
  return absl::OkStatus();
}

void ReferralsHub::StartBackgroundWork() {
  follower_->Start();
  // Competitions whose deadline has passed are closed for good.
  housekeeping_ = std::make_unique<PeriodicTask>(absl::Seconds(30), [this] {
    auto closed = referrals_service_->CloseDueCompetitions();
    if (!closed.ok()) {
      log::Warning("close_competitions_failed",
                   {{"error", closed.status().ToString()}});
    }
  });
}

void ReferralsHub::Stop() {
  if (housekeeping_) housekeeping_->Stop();
  if (follower_) follower_->Stop();
  for (Server* server : {referrals_server_.get(), pricing_server_.get(),
                         registry_server_.get(), frameworks_server_.get()}) {
    if (server != nullptr) server->Shutdown();
  }
}

std::vector<db::Pool*> ReferralsHub::pools() const {
  return {referrals_pool_.get(), pricing_pool_.get(), registry_pool_.get(),
          frameworks_pool_.get()};
}

}  // namespace fhub::bench
