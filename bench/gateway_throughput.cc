// gateway_throughput_bench: what fhub-gateway costs. GetFramework and Quote
// are driven by --clients concurrent callers directly over gRPC and, in the
// same run, through the gateway over HTTP/1.1 keep-alive connections with
// JSON, against the same in-process services.
//
// It creates a fresh database on the PostgreSQL named by --database_url (a
// role that may create databases), serves the frameworks service with the
// North West framework and pricing with 10,000 accepted price books (as
// pricing_quote_bench stores them, book cache on), both on loopback ports
// through fhub::Server as their mains wire them, and fhub-gateway's
// HttpGateway in front of them as main.cc wires it. Every caller sends a
// SERVICE bearer token; every answer is checked (the framework's name; the
// book and card Quote must choose).
//
// For each rpc, --rounds pairs of measurements of --duration each, direct
// then through the gateway, after a warm-up of both; it prints calls/s and
// p50/p99 of each, the ratio of throughputs (gateway / direct) and the p99
// the gateway adds, against the goals (ratio at least 0.6, under 1 ms
// added to p99), from the round with the median ratio. Exits 0 whatever
// the figures; non-zero when a call fails or answers wrongly. Then both
// paths once more at a fixed rate (--paced_share of the gateway's
// throughput), where nothing queues: the latency the gateway itself adds.

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "bench/bench_database.h"
#include "bench/cpu_sample.h"
#include "bench/pricing_data.h"
#include "common/clients/frameworks_client.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/db/migrations.h"
#include "common/db/pool.h"
#include "common/server.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "services/gateway/api/backends.h"
#include "services/gateway/api/http_gateway.h"
#include "services/gateway/api/routes.h"
#include "services/pricing/api/book_cache.h"
#include "services/pricing/api/pricing_service.h"
#include "services/pricing/api/provider_directory.h"
#include "services/frameworks/migrations.h"
#include "services/pricing/migrations.h"
#include "services/pricing/storage/pricing_store.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/grpc_harness.h"

ABSL_FLAG(std::string, database_url, "",
          "libpq connection string of a role that may create databases "
          "(FHUB_BENCH_DATABASE_URL)");
ABSL_FLAG(int, books, 10000, "price books stored");
ABSL_FLAG(int, clients, 16, "concurrent callers");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(5),
          "length of each measurement");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2),
          "untimed load of each path before measuring");
ABSL_FLAG(int, rounds, 3, "pairs of measurements (direct, gateway) per rpc");
ABSL_FLAG(uint64_t, seed, 20261201, "seed of the books and the requests");
ABSL_FLAG(double, paced_share, 0.3,
          "the paced measurement's rate, as a share of the gateway's "
          "closed-loop throughput");
ABSL_FLAG(bool, keep_database, false, "leave the database for inspection");

namespace {

namespace fv1 = fhub::frameworks::v1;
namespace pv1 = fhub::pricing::v1;
using fhub::bench::QuoteCase;

constexpr double kRatioGoal = 0.6;
constexpr double kAddedP99GoalMs = 1.0;

struct Failure {
  std::string what;
};
[[noreturn]] void Fail(const std::string& what) { throw Failure{what}; }
void Check(const absl::Status& status, const std::string& what) {
  if (!status.ok()) Fail(absl::StrCat(what, ": ", status.ToString()));
}

enum class Rpc { kGetFramework, kQuote };
enum class Path { kDirect, kGateway };

// One caller's way in: a gRPC stub pair on the shared channel, and its own
// HTTP keep-alive connection to the gateway.
class Caller {
 public:
  Caller(const std::shared_ptr<grpc::Channel>& channel, int gateway_port,
         std::string token)
      : frameworks_(fv1::FrameworkService::NewStub(channel)),
        pricing_(pv1::PricingService::NewStub(channel)),
        http_("127.0.0.1", gateway_port),
        token_(std::move(token)),
        headers_{{"Authorization", absl::StrCat("Bearer ", token_)}} {
    http_.set_keep_alive(true);
    // As curl and browsers do: no Nagle delay between headers and body.
    http_.set_tcp_nodelay(true);
    http_.set_read_timeout(5, 0);
  }

  // One call; false with `error` set when it fails or answers wrongly.
  bool Call(Rpc rpc, Path path, const QuoteCase& c, const std::string& json,
            std::string* error) {
    if (path == Path::kGateway) {
      httplib::Result res =
          rpc == Rpc::kGetFramework
              ? http_.Get("/v1/frameworks/nw-16plus", headers_)
              : http_.Post("/v1/priceBooks:quote", headers_, json,
                           "application/json");
      if (!res || res->status != 200) {
        *error = res ? absl::StrCat("HTTP ", res->status, ": ", res->body)
                     : httplib::to_string(res.error());
        return false;
      }
      const std::string& want = rpc == Rpc::kGetFramework
                                    ? std::string("\"frameworks/nw-16plus\"")
                                    : absl::StrCat("\"", c.rate_card, "\"");
      if (!absl::StrContains(res->body, want)) {
        *error = absl::StrCat("wrong answer: ", res->body, "; wanted ", want);
        return false;
      }
      return true;
    }
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(5));
    context.AddMetadata("authorization", headers_.begin()->second);
    grpc::Status status;
    bool right = false;
    if (rpc == Rpc::kGetFramework) {
      fv1::GetFrameworkRequest request;
      request.set_name("frameworks/nw-16plus");
      fv1::Framework framework;
      status = frameworks_->GetFramework(&context, request, &framework);
      right = framework.name() == "frameworks/nw-16plus";
    } else {
      pv1::QuoteResponse response;
      status = pricing_->Quote(&context, c.request, &response);
      right = response.rate_card() == c.rate_card;
    }
    if (!status.ok()) {
      *error = absl::StrCat("code ", status.error_code(), ": ",
                            status.error_message());
      return false;
    }
    if (!right) *error = "wrong answer";
    return right;
  }

 private:
  std::unique_ptr<fv1::FrameworkService::Stub> frameworks_;
  std::unique_ptr<pv1::PricingService::Stub> pricing_;
  httplib::Client http_;
  std::string token_;
  httplib::Headers headers_;
};

struct Measurement {
  int64_t calls = 0;
  int64_t errors = 0;
  std::string first_error;
  double seconds = 0;
  double machine_cores = 0;
  std::vector<int64_t> latencies_ns;

  double Throughput() const { return calls / seconds; }
  double PercentileMs(double p) const {
    if (latencies_ns.empty()) return 0;
    const size_t rank = static_cast<size_t>(
        std::ceil(p * static_cast<double>(latencies_ns.size())));
    return latencies_ns[std::max<size_t>(rank, 1) - 1] / 1e6;
  }
};

// Every caller calls `rpc` for `duration`: back to back (closed loop) when
// `rate` is 0, else each at its share of `rate` calls a second on a fixed
// schedule, a latency counted from the call's scheduled time (so a slow
// answer delays the next call's start, not its count).
Measurement Drive(std::vector<std::unique_ptr<Caller>>& callers, Rpc rpc,
                  Path path, const std::vector<QuoteCase>& cases,
                  const std::vector<std::string>& bodies,
                  absl::Duration duration, double rate = 0) {
  struct PerThread {
    std::vector<int64_t> latencies_ns;
    int64_t errors = 0;
    std::string first_error;
  };
  std::vector<PerThread> results(callers.size());
  absl::Notification go;
  std::atomic<int64_t> end_ns{0};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < callers.size(); ++i) {
    threads.emplace_back([&, i] {
      PerThread& out = results[i];
      out.latencies_ns.reserve(1 << 16);
      size_t next = i * cases.size() / callers.size();
      std::string error;
      go.WaitForNotification();
      const auto end = std::chrono::steady_clock::time_point(
          std::chrono::nanoseconds(end_ns.load()));
      const auto interval = std::chrono::nanoseconds(
          rate > 0 ? static_cast<int64_t>(1e9 * callers.size() / rate) : 0);
      // Callers start spread over one interval.
      auto scheduled = std::chrono::steady_clock::now() +
                       interval * static_cast<int64_t>(i) /
                           static_cast<int64_t>(callers.size());
      for (auto now = std::chrono::steady_clock::now(); now < end;) {
        if (rate > 0) {
          std::this_thread::sleep_until(scheduled);
          now = scheduled;
          scheduled += interval;
          if (now >= end) break;
        }
        const bool ok =
            callers[i]->Call(rpc, path, cases[next], bodies[next], &error);
        next = next + 1 == cases.size() ? 0 : next + 1;
        const auto done = std::chrono::steady_clock::now();
        out.latencies_ns.push_back((done - now).count());
        if (!ok && out.errors++ == 0) out.first_error = error;
        now = done;
      }
    });
  }
  const fhub::bench::CpuSample before = fhub::bench::SampleCpu({});
  const auto start = std::chrono::steady_clock::now();
  end_ns =
      (start + absl::ToChronoNanoseconds(duration)).time_since_epoch().count();
  go.Notify();
  for (std::thread& t : threads) t.join();
  const auto stop = std::chrono::steady_clock::now();
  const fhub::bench::CpuSample after = fhub::bench::SampleCpu({});
  Measurement m;
  m.seconds = std::chrono::duration<double>(stop - start).count();
  m.machine_cores = (after.machine_busy - before.machine_busy) / m.seconds;
  for (PerThread& r : results) {
    m.calls += static_cast<int64_t>(r.latencies_ns.size());
    m.errors += r.errors;
    if (m.first_error.empty()) m.first_error = r.first_error;
    m.latencies_ns.insert(m.latencies_ns.end(), r.latencies_ns.begin(),
                          r.latencies_ns.end());
  }
  std::sort(m.latencies_ns.begin(), m.latencies_ns.end());
  return m;
}

std::string Row(const std::string& name, const Measurement& m) {
  return absl::StrFormat("%-28s %8d %9.0f %7.3f %7.3f %7.2f %6d\n", name,
                         m.calls, m.Throughput(), m.PercentileMs(0.50),
                         m.PercentileMs(0.99), m.machine_cores, m.errors);
}

int Run() {
  const std::string admin_dsn =
      fhub::bench::AdminDatabaseUrl(absl::GetFlag(FLAGS_database_url));
  if (admin_dsn.empty()) {
    std::cerr << "gateway_throughput_bench: --database_url is required\n";
    return 2;
  }
  const int clients = absl::GetFlag(FLAGS_clients);
  const int rounds = absl::GetFlag(FLAGS_rounds);
  const absl::Duration duration = absl::GetFlag(FLAGS_duration);
  if (clients < 1 || rounds < 1 || duration < absl::Seconds(1)) {
    std::cerr << "gateway_throughput_bench: --clients and --rounds must be "
                 "positive, --duration at least 1s\n";
    return 2;
  }
  fhub::bench::QuietServiceLogs();
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  fhub::bench::BenchDatabase database(admin_dsn, "fhub_bench_gateway_",
                                      absl::GetFlag(FLAGS_keep_database));
  const std::string& dsn = database.dsn();
  fhub::SystemClock clock;
  fhub::auth::TokenVerifier verifier(fhub::testing::TestTokenOptions(),
                                     &clock);

  // The frameworks service with the North West framework, and pricing's
  // schema, each migrated as the services' mains do.
  for (const auto& [schema, own] :
       {std::make_pair("frameworks", &fhub::frameworks::Migrations()),
        std::make_pair("pricing", &fhub::pricing::Migrations())}) {
    for (const auto& [part, files] :
         {std::make_pair(std::string("hub"), &fhub::db::HubMigrations()),
          std::make_pair(std::string(schema), own)}) {
      Check(fhub::db::Migrate(dsn, schema, part, *files).status(),
            absl::StrCat("migrating ", schema, " (", part, ")"));
    }
  }
  fhub::testing::FrameworksInProcess frameworks(dsn, &verifier, &clock);
  int request_ids = 0;
  grpc::Status set_up = frameworks.SetUpNorthWest(
      fhub::testing::TestToken(clock, "services/hub",
                               {fhub::auth::Role::kHubAdmin}),
      fhub::testing::TestToken(clock, "authorities/tameside",
                               {fhub::auth::Role::kLeadAdmin}),
      [&] { return absl::StrCat("bench-", ++request_ids); });
  if (!set_up.ok()) Fail("setting up the North West framework: " +
                         set_up.error_message());

  // Pricing with its books, as pricing_quote_bench serves it.
  fhub::db::PoolOptions pool_options;
  pool_options.dsn = dsn;
  pool_options.size = fhub::ServiceConfig().pool_size;
  pool_options.wait_limit = fhub::ServiceConfig().pool_wait;
  pool_options.search_path = "pricing";
  pool_options.statements = fhub::pricing::PricingStore::Statements();
  auto pool = fhub::db::Pool::Create(pool_options);
  Check(pool.status(), "opening the pool");
  fhub::pricing::PricingStore store;
  const uint64_t seed = absl::GetFlag(FLAGS_seed);
  fhub::bench::PricingPlan plan = fhub::bench::PlanPriceBooks(
      seed, absl::GetFlag(FLAGS_books), clock.Today(), clock.Now());
  Check(fhub::bench::SeedPriceBooks(**pool, store, plan, 2000),
        "storing the price books");
  fhub::bench::ExecAdmin(dsn,
                         "ANALYZE pricing.price_books, pricing.rate_cards");
  auto unused = grpc::CreateChannel("127.0.0.1:1",
                                    grpc::InsecureChannelCredentials());
  auto never = []() -> absl::StatusOr<std::string> {
    return absl::InternalError("Quote never calls another service");
  };
  fhub::FrameworksClientOptions frameworks_options;
  frameworks_options.channel = unused;
  frameworks_options.authorization = never;
  fhub::FrameworksClient frameworks_client(frameworks_options, &clock);
  fhub::pricing::GrpcProviderDirectoryOptions registry_options;
  registry_options.channel = unused;
  registry_options.authorization = never;
  fhub::pricing::GrpcProviderDirectory providers(registry_options);
  fhub::pricing::BookCacheOptions cache_options;
  cache_options.database_url = dsn;
  fhub::pricing::BookCache cache(cache_options);
  cache.Start();
  if (!cache.WaitUntilListening(absl::Seconds(10))) {
    Fail("the book cache's listener did not connect");
  }
  fhub::pricing::PricingServiceImpl pricing(pool->get(), &store,
                                            &frameworks_client, &providers,
                                            &verifier, &clock, &cache);
  fhub::ServerOptions server_options;
  server_options.listen_address = "127.0.0.1:0";
  server_options.shutdown_grace = absl::Seconds(1);
  server_options.services = {&pricing};
  server_options.health_names = {"fhub.pricing.v1.PricingService"};
  auto pricing_server = fhub::Server::Start(server_options);
  Check(pricing_server.status(), "starting pricing");
  auto pricing_channel = grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*pricing_server)->port()),
      grpc::InsecureChannelCredentials());

  // The gateway, as its main wires it.
  auto routes =
      fhub::gateway::RouteTable::FromServices(fhub::gateway::HubServices());
  Check(routes.status(), "reading the HTTP rules");
  fhub::gateway::Backend frameworks_backend(frameworks.channel());
  fhub::gateway::Backend pricing_backend(pricing_channel);
  fhub::gateway::GatewayOptions gateway_options;
  gateway_options.port = 0;
  fhub::gateway::HttpGateway gateway(
      gateway_options, &*routes,
      {{"fhub.frameworks.v1.FrameworkService", &frameworks_backend},
       {"fhub.pricing.v1.PricingService", &pricing_backend}});
  Check(gateway.Start(), "starting the gateway");

  // The callers: one shared gRPC channel to each service, as a service
  // calls its peers, and a keep-alive HTTP connection each to the gateway.
  const std::vector<QuoteCase> cases =
      fhub::bench::QuoteCases(plan, seed + 1, 20000, clock.Today());
  std::vector<std::string> bodies;
  for (const QuoteCase& c : cases) {
    std::string json;
    google::protobuf::util::MessageToJsonString(c.request, &json);
    bodies.push_back(std::move(json));
  }
  const std::string token = fhub::testing::TestToken(
      clock, "services/referrals", {fhub::auth::Role::kService});
  // GetFramework goes to the frameworks service, Quote to pricing: each
  // caller's stubs use the channel of the rpc's service.
  std::vector<std::unique_ptr<Caller>> framework_callers, quote_callers;
  for (int i = 0; i < clients; ++i) {
    framework_callers.push_back(std::make_unique<Caller>(
        frameworks.channel(), gateway.port(), token));
    quote_callers.push_back(
        std::make_unique<Caller>(pricing_channel, gateway.port(), token));
  }

  std::cout << absl::StrFormat(
      "GetFramework and Quote (%d price books) with %d concurrent callers: "
      "gRPC on one shared channel per service, and HTTP/1.1 keep-alive "
      "connections (one per caller) to fhub-gateway; %d rounds of %s per "
      "path after %s warm-up; %d cores\n",
      plan.books, clients, rounds, absl::FormatDuration(duration),
      absl::FormatDuration(absl::GetFlag(FLAGS_warmup)),
      static_cast<int>(std::thread::hardware_concurrency()));

  int exit_code = 0;
  bool all_pass = true;
  for (Rpc rpc : {Rpc::kGetFramework, Rpc::kQuote}) {
    auto& callers = rpc == Rpc::kQuote ? quote_callers : framework_callers;
    const std::string name =
        rpc == Rpc::kQuote ? "Quote" : "GetFramework";
    for (Path path : {Path::kDirect, Path::kGateway}) {
      Drive(callers, rpc, path, cases, bodies, absl::GetFlag(FLAGS_warmup));
    }
    std::cout << "\n"
              << absl::StrFormat("%-28s %8s %9s %7s %7s %7s %6s\n", name,
                                 "calls", "calls/s", "p50 ms", "p99 ms",
                                 "cores", "errors");
    struct Pair {
      Measurement direct, gateway;
      double ratio() const {
        return gateway.Throughput() / direct.Throughput();
      }
    };
    std::vector<Pair> pairs;
    for (int round = 1; round <= rounds; ++round) {
      Pair pair;
      pair.direct = Drive(callers, rpc, Path::kDirect, cases, bodies, duration);
      pair.gateway =
          Drive(callers, rpc, Path::kGateway, cases, bodies, duration);
      std::cout << Row(absl::StrCat("round ", round, " gRPC direct"),
                       pair.direct)
                << Row(absl::StrCat("round ", round, " HTTP via gateway"),
                       pair.gateway);
      for (const Measurement* m : {&pair.direct, &pair.gateway}) {
        if (m->errors > 0) {
          std::cerr << name << ": " << m->errors
                    << " calls failed; first: " << m->first_error << "\n";
          exit_code = 1;
        }
      }
      pairs.push_back(std::move(pair));
    }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
      return a.ratio() < b.ratio();
    });
    const Pair& median = pairs[pairs.size() / 2];
    const double added =
        median.gateway.PercentileMs(0.99) - median.direct.PercentileMs(0.99);
    const bool ratio_ok = median.ratio() >= kRatioGoal;
    const bool added_ok = added < kAddedP99GoalMs;
    all_pass = all_pass && ratio_ok && added_ok;
    // The same callers at a fixed rate well below what either path
    // sustains: what the gateway adds to a call when nothing queues.
    const double paced_rate =
        std::floor(absl::GetFlag(FLAGS_paced_share) *
                   median.gateway.Throughput() / 10) * 10;
    const Measurement paced_direct = Drive(callers, rpc, Path::kDirect, cases,
                                           bodies, duration, paced_rate);
    const Measurement paced_gateway = Drive(
        callers, rpc, Path::kGateway, cases, bodies, duration, paced_rate);
    std::cout << Row(absl::StrFormat("paced %.0f/s gRPC direct", paced_rate),
                     paced_direct)
              << Row(absl::StrFormat("paced %.0f/s via gateway", paced_rate),
                     paced_gateway);
    for (const Measurement* m : {&paced_direct, &paced_gateway}) {
      if (m->errors > 0) exit_code = 1;
    }
    std::cout << absl::StrFormat(
        "%s, the round with the median ratio:\n"
        "  goal: gateway / direct throughput at least %.2f ... %s (%.3f)\n"
        "  goal: p99 added by the gateway under %.1f ms ....... %s (%.3f ms: "
        "%.3f against %.3f)\n",
        name, kRatioGoal, ratio_ok ? "PASS" : "FAIL", median.ratio(),
        kAddedP99GoalMs, added_ok ? "PASS" : "FAIL", added,
        median.gateway.PercentileMs(0.99), median.direct.PercentileMs(0.99));
    std::cout << absl::StrFormat(
        "  at %.0f calls/s (nothing saturated): the gateway adds %.3f ms to "
        "p50 and %.3f ms to p99\n",
        paced_rate,
        paced_gateway.PercentileMs(0.50) - paced_direct.PercentileMs(0.50),
        paced_gateway.PercentileMs(0.99) - paced_direct.PercentileMs(0.99));
  }
  std::cout << "\n(cores = the whole machine's busy cores during the "
               "measurement; both paths share the same two cores with the "
               "services, the callers and PostgreSQL)\n"
            << (all_pass ? "all goals met\n" : "some goals missed\n");
  gateway.Stop();
  (*pricing_server)->Shutdown();
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "gateway_throughput_bench --database_url=DSN [--clients=16] "
      "[--duration=5s] [--rounds=3]: GetFramework and Quote through "
      "fhub-gateway beside the same rpcs over gRPC");
  absl::ParseCommandLine(argc, argv);
  try {
    return Run();
  } catch (const Failure& failure) {
    std::cerr << "gateway_throughput_bench: " << failure.what << std::endl;
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "gateway_throughput_bench: " << e.what() << std::endl;
    return 1;
  }
}
