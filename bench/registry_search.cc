// registry_search_bench: the eligibility search's latency through gRPC at
// 1,000 and at 50,000 settings.
//
// It creates a fresh database on the PostgreSQL named by --database_url (a
// role that may create databases), runs the frameworks and registry services
// in process on loopback ports, sets up three ACTIVE frameworks with three
// lots and their member councils through the frameworks API, and then loads
// the registry's tables with SQL directly (the benchmark measures the
// search, not the loading):
//
//   stage 1: 100 providers with 1,000 settings;
//   stage 2: 4,900 more providers, 50,000 settings in all.
//
// Settings are scattered around 45 English towns and cities, weighted
// roughly by population; about 40% have an open vacancy available within 60
// days; a few providers are suspended (framework-wide or by one member) or
// removed. After each stage it runs ANALYZE, warms up, then times searches
// one at a time as a SERVICE through an insecure loopback channel, with the
// same query points (a town with jitter, 20 miles, a random lot and member,
// wanted by today + 30 days) at both sizes. Data and queries depend only on
// --seed.
//
// Prints p50/p99/mean latency and providers returned per stage, the ratios
// between the stages, and PASS/FAIL against the goals (p99 under 10 ms at
// 50,000 settings; p99 at 50,000 under 3x p99 at 1,000). Exits 0 whatever
// the figures, non-zero when something fails.

#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/bench_database.h"
#include "bench/registry_data.h"
#include "common/auth/token.h"
#include "common/clients/service_token.h"
#include "common/clock.h"
#include "common/db/migrations.h"
#include "common/db/pool.h"
#include "common/log.h"
#include "common/proto_values.h"
#include "common/server.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "services/frameworks/api/framework_service.h"
#include "services/frameworks/migrations.h"
#include "services/frameworks/storage/framework_store.h"
#include "services/registry/api/framework_directory.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/migrations.h"
#include "services/registry/storage/queries.h"
#include "services/registry/storage/registry_store.h"

ABSL_FLAG(std::string, database_url, "",
          "libpq connection string of a role that may create databases "
          "(FHUB_BENCH_DATABASE_URL); the benchmark creates and drops its "
          "own database");
ABSL_FLAG(int, searches, 2000, "searches timed at each size");
ABSL_FLAG(int, warmup, 200, "untimed searches before timing at each size");
ABSL_FLAG(uint64_t, seed, 20261129, "seed of the data and the query points");
ABSL_FLAG(bool, explain, true,
          "print EXPLAIN ANALYZE of the search's SQL at the largest size");
ABSL_FLAG(bool, keep_database, false, "leave the database for inspection");

namespace {

namespace fv1 = fhub::frameworks::v1;
namespace rv1 = fhub::registry::v1;
using fhub::auth::Role;
using fhub::bench::FrameworkRequest;
using fhub::bench::Frameworks;
using fhub::bench::FrameworkSpec;
using fhub::bench::LoadCounts;
using fhub::bench::LoadProviders;
using fhub::bench::QueryPoints;
using fhub::bench::SearchPoint;

constexpr char kTokenKey[] = "bench-only-token-key-0123456789abcdef0123456789";
constexpr char kIssuer[] = "fhub-bench";
constexpr char kAudience[] = "fhub";
constexpr int kStageProviders[] = {100, 5000};  // cumulative
constexpr double kRadiusMiles = 20;
constexpr double kP99GoalMs = 10;
constexpr double kRatioGoal = 3;

struct Failure {
  std::string what;
};

[[noreturn]] void Fail(const std::string& what) { throw Failure{what}; }

void Check(const grpc::Status& status, const std::string& what) {
  if (!status.ok()) {
    Fail(absl::StrCat(what, ": ", status.error_code(), " ",
                      status.error_message()));
  }
}

void Check(const absl::Status& status, const std::string& what) {
  if (!status.ok()) Fail(absl::StrCat(what, ": ", status.ToString()));
}

struct StageResult {
  int settings = 0;
  double p50 = 0, p99 = 0, mean = 0, max = 0;
  double providers_returned = 0;
  double empty_fraction = 0;
  // "London 40.1 ms (583), ...": median and number of searches.
  std::string slowest_towns;
};

std::string Ms(double ms) { return absl::StrFormat("%.2f ms", ms); }

double Percentile(const std::vector<double>& sorted, double p) {
  const size_t rank =
      static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::max<size_t>(rank, 1) - 1];
}

class Searcher {
 public:
  Searcher(std::shared_ptr<grpc::Channel> channel, const fhub::Clock& clock)
      : stub_(rv1::RegistryService::NewStub(std::move(channel))),
        clock_(clock) {}

  // One search; its latency in milliseconds.
  double Search(const SearchPoint& p, int* returned) {
    rv1::SearchEligibleProvidersRequest request;
    request.set_framework(
        absl::StrCat("frameworks/", Frameworks()[p.framework].id));
    request.set_lot_id(p.lot_id);
    request.set_authority(absl::StrCat("authorities/", p.authority));
    request.set_latitude(p.lat);
    request.set_longitude(p.lng);
    request.set_max_distance_miles(kRadiusMiles);
    fhub::ToProto(clock_.Today() + 30, request.mutable_wanted_by());
    rv1::SearchEligibleProvidersResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    context.AddMetadata("authorization", Authorization());
    const auto start = std::chrono::steady_clock::now();
    grpc::Status status =
        stub_->SearchEligibleProviders(&context, request, &response);
    const auto end = std::chrono::steady_clock::now();
    Check(status, absl::StrCat("search near ", p.town, " on ",
                               request.framework(), " ", p.lot_id));
    *returned = response.providers_size();
    return std::chrono::duration<double, std::milli>(end - start).count();
  }

  StageResult Measure(const std::vector<SearchPoint>& warmup,
                      const std::vector<SearchPoint>& timed) {
    int returned = 0;
    for (const SearchPoint& p : warmup) Search(p, &returned);
    std::vector<double> latencies;
    latencies.reserve(timed.size());
    int64_t total_returned = 0;
    int empty = 0;
    std::map<std::string, std::vector<double>> by_town;
    for (const SearchPoint& p : timed) {
      latencies.push_back(Search(p, &returned));
      by_town[p.town].push_back(latencies.back());
      total_returned += returned;
      if (returned == 0) ++empty;
    }
    StageResult r;
    // The towns whose searches are slowest, by their median.
    std::vector<std::pair<double, std::string>> medians;
    for (auto& [town, values] : by_town) {
      std::sort(values.begin(), values.end());
      medians.push_back({Percentile(values, 0.5),
                         absl::StrCat(town, " ", Ms(Percentile(values, 0.5)),
                                      " (", values.size(), ")")});
    }
    std::sort(medians.rbegin(), medians.rend());
    for (size_t i = 0; i < medians.size() && i < 5; ++i) {
      if (!r.slowest_towns.empty()) r.slowest_towns += ", ";
      r.slowest_towns += medians[i].second;
    }
    r.mean = std::accumulate(latencies.begin(), latencies.end(), 0.0) /
             latencies.size();
    std::sort(latencies.begin(), latencies.end());
    r.p50 = Percentile(latencies, 0.50);
    r.p99 = Percentile(latencies, 0.99);
    r.max = latencies.back();
    r.providers_returned = static_cast<double>(total_returned) / timed.size();
    r.empty_fraction = static_cast<double>(empty) / timed.size();
    return r;
  }

 private:
  // A SERVICE token, minted again before it gets old.
  std::string Authorization() {
    const absl::Time now = clock_.Now();
    if (token_.empty() || now > minted_ + absl::Minutes(30)) {
      fhub::auth::TokenClaims claims;
      claims.subject = "registry-search-bench";
      claims.organisation = "services/bench";
      claims.roles = {Role::kService};
      claims.issuer = kIssuer;
      claims.audience = kAudience;
      claims.issued_at = now;
      claims.expires_at = now + absl::Hours(1);
      auto token = fhub::auth::IssueToken(claims, kTokenKey);
      Check(token.status(), "minting the search token");
      token_ = absl::StrCat("Bearer ", *token);
      minted_ = now;
    }
    return token_;
  }

  std::unique_ptr<rv1::RegistryService::Stub> stub_;
  const fhub::Clock& clock_;
  std::string token_;
  absl::Time minted_;
};

// EXPLAIN ANALYZE of the store's search SQL for one query point, after
// running it often enough for PostgreSQL to settle on the plan a pooled
// connection would use.
void Explain(const std::string& dsn, const SearchPoint& p,
             absl::CivilDay wanted_by) {
  pqxx::connection connection{dsn};
  pqxx::nontransaction tx(connection);
  tx.exec("SET search_path TO registry, public");
  tx.exec(absl::StrCat("PREPARE bench_search AS ",
                       fhub::registry::queries::kSearchCandidates.sql));
  const FrameworkSpec& spec = Frameworks()[p.framework];
  // The parameters SearchCandidates passes (see queries.h), for the lots
  // the benchmark's frameworks have: lot-3 is floating support, the others
  // need an Ofsted registration; any judgement is allowed.
  const bool floating = p.lot_id == "lot-3";
  const std::string args = absl::StrCat(
      "(", tx.quote(spec.id), ", ", tx.quote(p.lot_id), ", ",
      tx.quote(p.authority), ", ", absl::StrFormat("%.6f", p.lat), ", ",
      absl::StrFormat("%.6f", p.lng), ", ", kRadiusMiles, ", ",
      absl::StrFormat("%.3f", (kRadiusMiles * 1.01 + 0.1) * 1609.344), ", ",
      floating ? "true" : "false", ", ", floating ? "false" : "true",
      ", false, 5, ", tx.quote(absl::FormatCivilTime(wanted_by)), ", 100)");
  for (int i = 0; i < 8; ++i)
    tx.exec(absl::StrCat("EXECUTE bench_search", args));
  std::cout << "\nEXPLAIN ANALYZE of the search's SQL near " << p.town << " ("
            << spec.id << " " << p.lot_id << ", 50,000 settings):\n";
  for (const pqxx::row& row : tx.exec(absl::StrCat(
           "EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_search", args))) {
    std::cout << "  " << row[0].c_str() << "\n";
  }
}

std::unique_ptr<fhub::db::Pool> MakePool(
    const std::string& dsn, const std::string& search_path,
    std::vector<fhub::db::PreparedStatement> statements) {
  fhub::db::PoolOptions options;
  options.dsn = dsn;
  options.size = 4;
  options.wait_limit = absl::Seconds(5);
  options.search_path = search_path;
  options.statements = std::move(statements);
  auto pool = fhub::db::Pool::Create(options);
  Check(pool.status(), absl::StrCat("pool on ", search_path));
  return *std::move(pool);
}

void Migrate(const std::string& dsn, const std::string& schema,
             const std::vector<fhub::db::MigrationFile>& files) {
  for (const auto& [part, part_files] :
       {std::make_pair(std::string("hub"), &fhub::db::HubMigrations()),
        std::make_pair(schema, &files)}) {
    Check(fhub::db::Migrate(dsn, schema, part, *part_files).status(),
          absl::StrCat("migrating ", schema, " (", part, ")"));
  }
}

int Run() {
  const std::string admin_dsn =
      fhub::bench::AdminDatabaseUrl(absl::GetFlag(FLAGS_database_url));
  if (admin_dsn.empty()) {
    std::cerr << "registry_search_bench: --database_url is required (a role "
                 "that may create databases)\n";
    return 2;
  }
  const int searches = absl::GetFlag(FLAGS_searches);
  const int warmup = absl::GetFlag(FLAGS_warmup);
  if (searches < 100 || warmup < 0) {
    std::cerr << "registry_search_bench: --searches must be at least 100 and "
                 "--warmup not negative\n";
    return 2;
  }
  const uint64_t seed = absl::GetFlag(FLAGS_seed);

  // Keep the services' per-call log lines out of the report.
  fhub::bench::QuietServiceLogs();

  fhub::bench::BenchDatabase database(admin_dsn, "fhub_bench_",
                                      absl::GetFlag(FLAGS_keep_database));
  const std::string& dsn = database.dsn();

  Migrate(dsn, "frameworks", fhub::frameworks::Migrations());
  Migrate(dsn, "registry", fhub::registry::Migrations());

  fhub::SystemClock clock;
  fhub::auth::TokenOptions token_options;
  token_options.key = kTokenKey;
  token_options.issuer = kIssuer;
  token_options.audience = kAudience;
  token_options.algorithms = {"HS256"};
  fhub::auth::TokenVerifier verifier(token_options, &clock);

  // The frameworks service.
  auto frameworks_pool = MakePool(
      dsn, "frameworks", fhub::frameworks::PgFrameworkStore::Statements());
  fhub::frameworks::PgFrameworkStore framework_store;
  fhub::frameworks::PgRecordStore records;
  fhub::frameworks::PlacementCountsFromLead placements;
  fhub::frameworks::FrameworkServiceImpl framework_service(
      frameworks_pool.get(), &framework_store, &records, &placements, &verifier,
      &clock);
  fhub::ServerOptions frameworks_options;
  frameworks_options.listen_address = "127.0.0.1:0";
  frameworks_options.shutdown_grace = absl::Seconds(1);
  frameworks_options.services = {&framework_service};
  auto frameworks_server = fhub::Server::Start(frameworks_options);
  Check(frameworks_server.status(), "starting the frameworks service");
  auto frameworks_channel = grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*frameworks_server)->port()),
      grpc::InsecureChannelCredentials());

  // The registry, asking the frameworks service as a SERVICE, with the
  // production default of 5 s for reusing what it said.
  auto registry_pool = MakePool(dsn, "registry, public",
                                fhub::registry::RegistryStore::Statements());
  fhub::ServiceTokenSource service_token({"fhub-registry", "services/registry"},
                                         kTokenKey, "HS256", kIssuer, kAudience,
                                         "", &clock);
  fhub::registry::GrpcFrameworkDirectoryOptions directory_options;
  directory_options.channel = frameworks_channel;
  directory_options.authorization = [&service_token] {
    return service_token.Authorization();
  };
  directory_options.cache_ttl = absl::Seconds(5);
  fhub::registry::GrpcFrameworkDirectory directory(directory_options, &clock);
  fhub::registry::RegistryStore registry_store;
  fhub::registry::RegistryServiceImpl registry_service(
      registry_pool.get(), &registry_store, &directory, &verifier, &clock);
  fhub::ServerOptions registry_options;
  registry_options.listen_address = "127.0.0.1:0";
  registry_options.shutdown_grace = absl::Seconds(1);
  registry_options.services = {&registry_service};
  auto registry_server = fhub::Server::Start(registry_options);
  Check(registry_server.status(), "starting the registry service");

  // Authorities and frameworks, through the frameworks API.
  auto fw_stub = fv1::FrameworkService::NewStub(frameworks_channel);
  auto token_for = [&](const std::string& organisation, Role role) {
    fhub::auth::TokenClaims claims;
    claims.subject = "bench-setup";
    claims.organisation = organisation;
    claims.roles = {role};
    claims.issuer = kIssuer;
    claims.audience = kAudience;
    claims.issued_at = clock.Now();
    claims.expires_at = clock.Now() + absl::Hours(1);
    auto token = fhub::auth::IssueToken(claims, kTokenKey);
    Check(token.status(), "minting a setup token");
    return *token;
  };
  auto context_for = [](const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::seconds(10));
    context->AddMetadata("authorization", "Bearer " + token);
    return context;
  };
  int request_number = 0;
  auto next_request = [&] { return absl::StrCat("bench-", ++request_number); };
  const std::string hub_admin = token_for("services/hub", Role::kHubAdmin);
  const absl::CivilDay today = clock.Today();
  const absl::CivilDay term_start(today.year() - 1, 4, 1);
  std::map<std::string, bool> authorities;
  for (const FrameworkSpec& spec : Frameworks()) {
    for (const char* id : spec.members) authorities[id] = true;
  }
  for (const auto& [id, unused] : authorities) {
    fv1::CreateAuthorityRequest request;
    request.set_authority_id(id);
    request.mutable_authority()->set_display_name(
        absl::StrCat("Council of ", id));
    request.mutable_authority()->set_kind(fv1::LOCAL_AUTHORITY);
    request.set_request_id(next_request());
    fv1::Authority response;
    Check(fw_stub->CreateAuthority(context_for(hub_admin).get(), request,
                                   &response),
          absl::StrCat("creating authorities/", id));
  }
  for (const FrameworkSpec& spec : Frameworks()) {
    const std::string lead =
        token_for(absl::StrCat("authorities/", spec.lead), Role::kLeadAdmin);
    fv1::Framework framework;
    Check(fw_stub->CreateFramework(context_for(lead).get(),
                                   FrameworkRequest(spec, term_start),
                                   &framework),
          absl::StrCat("creating frameworks/", spec.id));
    for (const char* member : spec.members) {
      fv1::AddMemberRequest request;
      request.set_parent(absl::StrCat("frameworks/", spec.id));
      request.set_authority(absl::StrCat("authorities/", member));
      request.mutable_strategic_lead()->set_full_name(
          absl::StrCat("Director of Children's Services, ", member));
      request.mutable_strategic_lead()->set_email(
          absl::StrCat("dcs@", member, ".gov.uk"));
      fhub::ToProto(term_start, request.mutable_joined_date());
      request.set_request_id(next_request());
      fv1::Membership membership;
      Check(fw_stub->AddMember(context_for(lead).get(), request, &membership),
            absl::StrCat("adding ", member, " to frameworks/", spec.id));
    }
    fv1::ActivateFrameworkRequest activate;
    activate.set_name(absl::StrCat("frameworks/", spec.id));
    activate.set_request_id(next_request());
    Check(fw_stub->ActivateFramework(context_for(lead).get(), activate,
                                     &framework),
          absl::StrCat("activating frameworks/", spec.id));
  }

  const std::vector<SearchPoint> warmup_points = QueryPoints(seed + 1, warmup);
  const std::vector<SearchPoint> timed_points = QueryPoints(seed, searches);
  Searcher searcher(grpc::CreateChannel(
                        absl::StrCat("127.0.0.1:", (*registry_server)->port()),
                        grpc::InsecureChannelCredentials()),
                    clock);

  std::cout << absl::StrFormat(
      "Eligibility search through gRPC: %d timed searches per size after %d "
      "warm-up, one at a time; radius %.0f miles, wanted by today + 30 "
      "days; seed %d\n",
      searches, warmup, kRadiusMiles, seed);
  pqxx::connection loader{dsn};
  LoadCounts counts;
  std::vector<StageResult> results;
  int loaded = 0;
  const absl::Time now = clock.Now();
  for (int stage_providers : kStageProviders) {
    const absl::Time load_start = absl::Now();
    LoadProviders(loader, seed, loaded, stage_providers, today, now, counts);
    loaded = stage_providers;
    {
      pqxx::nontransaction tx(loader);
      tx.exec(
          "ANALYZE registry.providers, registry.settings, "
          "registry.vacancies, registry.applications, "
          "registry.accreditations, registry.suspensions");
    }
    std::cout << absl::StrFormat(
        "loaded %d providers, %d settings (%d accreditations, %d admitted; "
        "%d active suspensions; %d open vacancies) in %.1f s\n",
        counts.providers, counts.settings, counts.accreditations,
        counts.admitted, counts.suspensions_active, counts.vacancies_open,
        absl::ToDoubleSeconds(absl::Now() - load_start));
    StageResult r = searcher.Measure(warmup_points, timed_points);
    r.settings = counts.settings;
    std::cout << absl::StrFormat(
        "  %6d settings: p50 %s, p99 %s, mean %s, max %s; %.1f providers "
        "returned on average (%.0f%% of searches none)\n",
        r.settings, Ms(r.p50), Ms(r.p99), Ms(r.mean), Ms(r.max),
        r.providers_returned, 100 * r.empty_fraction);
    std::cout << "    slowest towns by median: " << r.slowest_towns << "\n";
    results.push_back(r);
  }

  const StageResult& small = results.front();
  const StageResult& large = results.back();
  const double p50_ratio = large.p50 / small.p50;
  const double p99_ratio = large.p99 / small.p99;
  std::cout << "\n"
            << absl::StrFormat("%-10s %10s %10s %10s %10s %10s\n", "settings",
                               "p50", "p99", "mean", "max", "providers");
  for (const StageResult& r : results) {
    std::cout << absl::StrFormat("%-10d %10s %10s %10s %10s %10.1f\n",
                                 r.settings, Ms(r.p50), Ms(r.p99), Ms(r.mean),
                                 Ms(r.max), r.providers_returned);
  }
  std::cout << absl::StrFormat("%-10s %10.2fx %9.2fx %9.2fx\n", "ratio",
                               p50_ratio, p99_ratio, large.mean / small.mean);
  const bool p99_ok = large.p99 < kP99GoalMs;
  const bool ratio_ok = p99_ratio < kRatioGoal;
  std::cout << absl::StrFormat(
      "\ngoal: p99 under %.0f ms at %d settings ........ %s (%s)\n", kP99GoalMs,
      large.settings, p99_ok ? "PASS" : "FAIL", Ms(large.p99));
  std::cout << absl::StrFormat(
      "goal: p99(%d) / p99(%d) under %.0fx ......... %s (%.2fx)\n",
      large.settings, small.settings, kRatioGoal, ratio_ok ? "PASS" : "FAIL",
      p99_ratio);

  if (absl::GetFlag(FLAGS_explain)) {
    // The busiest kind of search: the first timed one in London, else the
    // first.
    const SearchPoint* busiest = &timed_points.front();
    for (const SearchPoint& p : timed_points) {
      if (p.town == std::string("London")) {
        busiest = &p;
        break;
      }
    }
    Explain(dsn, *busiest, today + 30);
  }

  (*registry_server)->Shutdown();
  (*frameworks_server)->Shutdown();
  registry_pool.reset();
  frameworks_pool.reset();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "registry_search_bench --database_url=DSN [--searches=N] [--seed=S]: "
      "the eligibility search's latency at 1,000 and 50,000 settings");
  absl::ParseCommandLine(argc, argv);
  try {
    return Run();
  } catch (const Failure& failure) {
    std::cerr << "registry_search_bench: " << failure.what << std::endl;
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "registry_search_bench: " << e.what() << std::endl;
    return 1;
  }
}
