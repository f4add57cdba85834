// pricing_quote_bench: Quote's throughput and latency through gRPC under
// concurrent callers, beside an empty rpc on the same server.
//
// It creates a fresh database on the PostgreSQL named by --database_url (a
// role that may create databases), migrates the pricing schema, and stores
// 10,000 ACCEPTED price books with their rate cards directly through
// PricingStore (the benchmark measures pricing, not the membership checks of
// CreatePriceBook): six authorities, 1,700 providers, two frameworks,
// general, lot and setting books, one to three effective-dated cards each,
// some with extras (pricing_data.h). It then serves PricingServiceImpl in
// process on a loopback port through fhub::Server as main.cc wires it, with
// a pool of --pool_size connections (the production default unless told);
// the frameworks and registry clients, which Quote never calls, point at an
// unused address.
//
// --clients threads call with synchronous stubs as the referrals service
// would: on one shared channel (one HTTP/2 connection), or with
// --channel_per_client on a connection each; every call carries a SERVICE
// bearer token and a 5 s deadline. After a correctness pass and a warm-up
// of each, two measurements of --duration each, on the same server:
//
//   empty: grpc.health.v1.Health/Check, the framework's limit (its
//          interceptor, thread pool and HTTP/2 work, no handler work);
//   Quote: a random scope among the seeded books on a random day with a
//          package (support, waking nights, sleep-ins, extras of the card
//          in force); each answer must name the book and card the domain's
//          SelectBook/CardOn pick.
//
// Prints calls, throughput, p50/p99/p99.9/max for both, the cores busy and
// CPU microseconds per call (this process, the service's PostgreSQL
// backends, the whole machine, which is shared), the ratio of the
// throughputs, and PASS/FAIL against the goals (Quote at least half the
// empty rpc's throughput; Quote p99 under 5 ms); then, unless
// --breakdown=false, Quote piece by piece with one caller
// (quote_breakdown.h). --only=quote|empty runs one measurement, for a
// profiler; --book_cache=false reads the database on every Quote. Exits 0
// whatever the figures; non-zero when a call fails or answers wrongly.

#include <grpcpp/grpcpp.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/bench_database.h"
#include "bench/cpu_sample.h"
#include "bench/pricing_data.h"
#include "bench/quote_breakdown.h"
#include "common/auth/token.h"
#include "common/clients/frameworks_client.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/db/migrations.h"
#include "common/db/pool.h"
#include "common/db/row_scope.h"
#include "common/log.h"
#include "common/server.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/pricing/api/book_cache.h"
#include "services/pricing/api/pricing_service.h"
#include "services/pricing/api/provider_directory.h"
#include "services/pricing/migrations.h"
#include "services/pricing/storage/pricing_store.h"

ABSL_FLAG(std::string, database_url, "",
          "libpq connection string of a role that may create databases "
          "(FHUB_BENCH_DATABASE_URL); the benchmark creates and drops its "
          "own database");
ABSL_FLAG(int, books, 10000, "price books stored");
ABSL_FLAG(int, clients, 16, "concurrent client threads");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10),
          "length of each measurement");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(3),
          "untimed load of each rpc before measuring");
ABSL_FLAG(int, pool_size, fhub::ServiceConfig().pool_size,
          "database connections of the service (production default)");
ABSL_FLAG(bool, channel_per_client, false,
          "give each client its own channel and connection instead of one "
          "shared channel");
ABSL_FLAG(int, cases, 20000, "distinct Quote requests cycled through");
ABSL_FLAG(uint64_t, seed, 20261201, "seed of the books and the requests");
ABSL_FLAG(std::string, only, "",
          "measure only 'quote' or only 'empty' (for profiling); the goals "
          "need both");
ABSL_FLAG(bool, breakdown, true,
          "after the measurements, time Quote's pieces one caller at a time");
ABSL_FLAG(int, breakdown_calls, 2000, "calls per piece of the breakdown");
ABSL_FLAG(bool, book_cache, true,
          "serve Quote from the service's book cache, as production does; "
          "false reads the database on every call");
ABSL_FLAG(bool, keep_database, false, "leave the database for inspection");

namespace {

namespace pv1 = fhub::pricing::v1;
namespace hv1 = grpc::health::v1;
using fhub::bench::QuoteCase;

constexpr char kTokenKey[] = "bench-only-token-key-0123456789abcdef0123456789";
constexpr char kIssuer[] = "fhub-bench";
constexpr char kAudience[] = "fhub";
constexpr char kServiceName[] = "fhub.pricing.v1.PricingService";
constexpr char kUnusedAddress[] = "127.0.0.1:1";
constexpr int kCorrectnessCalls = 500;
constexpr int kSeedBatch = 2000;
constexpr double kRatioGoal = 0.5;
constexpr double kP99GoalMs = 5;

struct Failure {
  std::string what;
};

[[noreturn]] void Fail(const std::string& what) { throw Failure{what}; }

void Check(const absl::Status& status, const std::string& what) {
  if (!status.ok()) Fail(absl::StrCat(what, ": ", status.ToString()));
}

// --- Clients ---------------------------------------------------------------

enum class Rpc { kEmpty, kQuote };

// One caller: its stubs on its channel and the token it sends.
class Caller {
 public:
  Caller(const std::shared_ptr<grpc::Channel>& channel,
         std::string authorization)
      : quote_(pv1::PricingService::NewStub(channel)),
        health_(hv1::Health::NewStub(channel)),
        authorization_(std::move(authorization)) {}

  // One call; false with `error` set when it fails or answers wrongly.
  bool Call(Rpc rpc, const QuoteCase& c, std::string* error) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(5));
    context.AddMetadata("authorization", authorization_);
    if (rpc == Rpc::kEmpty) {
      hv1::HealthCheckRequest request;
      request.set_service(kServiceName);
      hv1::HealthCheckResponse response;
      grpc::Status status = health_->Check(&context, request, &response);
      if (!status.ok()) return Failed(status, error);
      if (response.status() != hv1::HealthCheckResponse::SERVING) {
        *error = "health is not SERVING";
        return false;
      }
      return true;
    }
    pv1::QuoteResponse response;
    grpc::Status status = quote_->Quote(&context, c.request, &response);
    if (!status.ok()) return Failed(status, error);
    if (response.price_book() != c.price_book ||
        response.rate_card() != c.rate_card || response.lines_size() < 4 ||
        response.weekly_total_pence() <= 0) {
      *error = absl::StrCat("wrong answer: ", response.price_book(), " ",
                            response.rate_card(), " for ",
                            c.request.ShortDebugString(), "; expected ",
                            c.price_book, " ", c.rate_card);
      return false;
    }
    return true;
  }

 private:
  static bool Failed(const grpc::Status& status, std::string* error) {
    *error = absl::StrCat("code ", status.error_code(), ": ",
                          status.error_message());
    return false;
  }

  std::unique_ptr<pv1::PricingService::Stub> quote_;
  std::unique_ptr<hv1::Health::Stub> health_;
  std::string authorization_;
};

struct Measurement {
  int64_t calls = 0;
  int64_t errors = 0;
  std::string first_error;
  double seconds = 0;
  std::vector<int64_t> latencies_ns;  // sorted
  double process_cores = 0, database_cores = 0, machine_cores = 0;

  // CPU microseconds per call.
  double ProcessUs() const { return 1e6 * process_cores / Throughput(); }
  double DatabaseUs() const { return 1e6 * database_cores / Throughput(); }

  double Throughput() const { return calls / seconds; }
  double PercentileMs(double p) const {
    if (latencies_ns.empty()) return 0;
    const size_t rank = static_cast<size_t>(
        std::ceil(p * static_cast<double>(latencies_ns.size())));
    return latencies_ns[std::max<size_t>(rank, 1) - 1] / 1e6;
  }
};

// Every caller calls `rpc` back to back for `duration`, each from its own
// place in `cases`; every latency is kept.
Measurement Drive(std::vector<Caller>& callers, Rpc rpc,
                  const std::vector<QuoteCase>& cases, absl::Duration duration,
                  const std::vector<int>& backends) {
  struct PerThread {
    std::vector<int64_t> latencies_ns;
    int64_t errors = 0;
    std::string first_error;
  };
  std::vector<PerThread> results(callers.size());
  absl::Notification go;
  std::vector<std::thread> threads;
  std::atomic<int64_t> end_ns{0};
  for (size_t i = 0; i < callers.size(); ++i) {
    threads.emplace_back([&, i] {
      PerThread& out = results[i];
      out.latencies_ns.reserve(1 << 17);
      size_t next = i * cases.size() / callers.size();
      std::string error;
      go.WaitForNotification();
      const auto end = std::chrono::steady_clock::time_point(
          std::chrono::nanoseconds(end_ns.load()));
      for (auto now = std::chrono::steady_clock::now(); now < end;) {
        const QuoteCase& c = cases[next];
        next = next + 1 == cases.size() ? 0 : next + 1;
        const bool ok = callers[i].Call(rpc, c, &error);
        const auto done = std::chrono::steady_clock::now();
        out.latencies_ns.push_back((done - now).count());
        if (!ok && out.errors++ == 0) out.first_error = error;
        now = done;
      }
    });
  }
  const fhub::bench::CpuSample cpu_before = fhub::bench::SampleCpu(backends);
  const auto start = std::chrono::steady_clock::now();
  end_ns =
      (start + absl::ToChronoNanoseconds(duration)).time_since_epoch().count();
  go.Notify();
  for (std::thread& t : threads) t.join();
  const auto stop = std::chrono::steady_clock::now();
  const fhub::bench::CpuSample cpu_after = fhub::bench::SampleCpu(backends);

  Measurement m;
  m.seconds = std::chrono::duration<double>(stop - start).count();
  for (PerThread& r : results) {
    m.calls += static_cast<int64_t>(r.latencies_ns.size());
    m.errors += r.errors;
    if (m.first_error.empty()) m.first_error = r.first_error;
    m.latencies_ns.insert(m.latencies_ns.end(), r.latencies_ns.begin(),
                          r.latencies_ns.end());
  }
  std::sort(m.latencies_ns.begin(), m.latencies_ns.end());
  m.process_cores = (cpu_after.process - cpu_before.process) / m.seconds;
  m.database_cores = (cpu_after.database - cpu_before.database) / m.seconds;
  m.machine_cores =
      (cpu_after.machine_busy - cpu_before.machine_busy) / m.seconds;
  return m;
}

std::string Row(const std::string& name, const Measurement& m) {
  return absl::StrFormat(
      "%-20s %8d %8.0f %7.3f %7.3f %8.3f %7.2f %6d %5.2f %5.2f %5.2f "
      "%6.0f %6.0f\n",
      name, m.calls, m.Throughput(), m.PercentileMs(0.50), m.PercentileMs(0.99),
      m.PercentileMs(0.999), m.latencies_ns.back() / 1e6, m.errors,
      m.process_cores, m.database_cores, m.machine_cores, m.ProcessUs(),
      m.DatabaseUs());
}

// A SERVICE token as the referrals service sends it.
std::string ServiceAuthorization(const fhub::Clock& clock) {
  fhub::auth::TokenClaims claims;
  claims.subject = "fhub-referrals";
  claims.organisation = "services/referrals";
  claims.roles = {fhub::auth::Role::kService};
  claims.issuer = kIssuer;
  claims.audience = kAudience;
  claims.issued_at = clock.Now();
  claims.expires_at = clock.Now() + absl::Hours(1);
  auto token = fhub::auth::IssueToken(claims, kTokenKey);
  Check(token.status(), "minting the caller's token");
  return absl::StrCat("Bearer ", *token);
}

int Run() {
  const std::string admin_dsn =
      fhub::bench::AdminDatabaseUrl(absl::GetFlag(FLAGS_database_url));
  if (admin_dsn.empty()) {
    std::cerr << "pricing_quote_bench: --database_url is required (a role "
                 "that may create databases)\n";
    return 2;
  }
  const int clients = absl::GetFlag(FLAGS_clients);
  const absl::Duration duration = absl::GetFlag(FLAGS_duration);
  const absl::Duration warmup = absl::GetFlag(FLAGS_warmup);
  const int pool_size = absl::GetFlag(FLAGS_pool_size);
  const int books = absl::GetFlag(FLAGS_books);
  if (clients < 1 || pool_size < 1 || books < 1 ||
      duration < absl::Seconds(1) || warmup < absl::ZeroDuration() ||
      absl::GetFlag(FLAGS_cases) < clients) {
    std::cerr << "pricing_quote_bench: --clients, --pool_size and --books "
                 "must be positive, --duration at least 1s, --warmup not "
                 "negative, --cases at least --clients\n";
    return 2;
  }
  const uint64_t seed = absl::GetFlag(FLAGS_seed);

  // Keep the per-call access log lines out of the report (they are still
  // formatted, as in production).
  fhub::bench::QuietServiceLogs();

  fhub::bench::BenchDatabase database(admin_dsn, "fhub_bench_pricing_",
                                      absl::GetFlag(FLAGS_keep_database));
  // The service's role, bound by row-level security as a deployed one is.
  const std::string& dsn = database.service_dsn();

  for (const auto& [part, files] :
       {std::make_pair(std::string("hub"), &fhub::db::HubMigrations()),
        std::make_pair(std::string("pricing"), &fhub::pricing::Migrations())}) {
    Check(fhub::db::Migrate(dsn, "pricing", part, *files).status(),
          absl::StrCat("migrating pricing (", part, ")"));
  }

  // The pool as OpenServicePool makes it.
  fhub::db::PoolOptions pool_options;
  pool_options.dsn = dsn;
  pool_options.size = pool_size;
  pool_options.wait_limit = fhub::ServiceConfig().pool_wait;
  pool_options.search_path = "pricing";
  pool_options.statements = fhub::pricing::PricingStore::Statements();
  auto pool = fhub::db::Pool::Create(pool_options);
  Check(pool.status(), "opening the pool");

  fhub::SystemClock clock;
  const absl::CivilDay today = clock.Today();
  fhub::pricing::PricingStore store;
  fhub::bench::PricingPlan plan =
      fhub::bench::PlanPriceBooks(seed, books, today, clock.Now());
  const absl::Time seed_start = absl::Now();
  {
    // Loaded as the service's own work, every row in reach.
    const fhub::db::ScopedRows rows(fhub::db::RowScope::Everything());
    Check(fhub::bench::SeedPriceBooks(**pool, store, plan, kSeedBatch),
          "storing the price books");
  }
  fhub::bench::ExecAdmin(database.dsn(),
                         "ANALYZE pricing.price_books, pricing.rate_cards");
  std::cout << absl::StrFormat(
      "stored %d price books (%d general, %d lot, %d setting) in %d scopes, "
      "%d rate cards (%d with extras) in %.1f s\n",
      plan.books, plan.general_books, plan.lot_books, plan.setting_books,
      plan.scopes.size(), plan.cards, plan.cards_with_extras,
      absl::ToDoubleSeconds(absl::Now() - seed_start));

  // As main.cc: Debian's Abseil checks every mutex for deadlock cycles.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  // The service, wired as main.cc wires it.
  fhub::auth::TokenOptions token_options;
  token_options.key = kTokenKey;
  token_options.issuer = kIssuer;
  token_options.audience = kAudience;
  token_options.algorithms = {"HS256"};
  fhub::auth::TokenVerifier verifier(token_options, &clock);
  auto unused_channel =
      grpc::CreateChannel(kUnusedAddress, grpc::InsecureChannelCredentials());
  auto never_asked = []() -> absl::StatusOr<std::string> {
    return absl::InternalError("Quote never calls another service");
  };
  fhub::FrameworksClientOptions frameworks_options;
  frameworks_options.channel = unused_channel;
  frameworks_options.authorization = never_asked;
  fhub::FrameworksClient frameworks(frameworks_options, &clock);
  fhub::pricing::GrpcProviderDirectoryOptions registry_options;
  registry_options.channel = unused_channel;
  registry_options.authorization = never_asked;
  fhub::pricing::GrpcProviderDirectory providers(registry_options);
  fhub::pricing::BookCacheOptions cache_options;
  cache_options.database_url = dsn;
  fhub::pricing::BookCache cache(cache_options);
  const bool use_cache = absl::GetFlag(FLAGS_book_cache);
  if (use_cache) {
    cache.Start();
    if (!cache.WaitUntilListening(absl::Seconds(10))) {
      Fail("the book cache's listener did not connect");
    }
  }
  fhub::pricing::PricingServiceImpl service(pool->get(), &store, &frameworks,
                                            &providers, &verifier, &clock,
                                            use_cache ? &cache : nullptr);
  fhub::ServerOptions server_options;
  server_options.listen_address = "127.0.0.1:0";
  server_options.shutdown_grace = absl::Seconds(1);
  server_options.services = {&service};
  server_options.health_names = {kServiceName};
  auto server = fhub::Server::Start(server_options);
  Check(server.status(), "starting the pricing service");
  const std::string address = absl::StrCat("127.0.0.1:", (*server)->port());

  const std::vector<QuoteCase> cases = fhub::bench::QuoteCases(
      plan, seed + 1, absl::GetFlag(FLAGS_cases), today);
  if (cases.size() < static_cast<size_t>(clients)) {
    Fail("too few Quote requests found a book");
  }
  const bool per_client = absl::GetFlag(FLAGS_channel_per_client);
  std::vector<Caller> callers;
  auto shared_channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  for (int i = 0; i < clients; ++i) {
    std::shared_ptr<grpc::Channel> channel = shared_channel;
    if (per_client) {
      // Without a subchannel pool of its own a channel would share the
      // connection of the others.
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
      channel = grpc::CreateCustomChannel(
          address, grpc::InsecureChannelCredentials(), args);
    }
    callers.emplace_back(channel, ServiceAuthorization(clock));
  }

  // Correct first: a number of requests one at a time, each answer checked.
  std::string error;
  for (int i = 0; i < kCorrectnessCalls && i < static_cast<int>(cases.size());
       ++i) {
    if (!callers[i % clients].Call(Rpc::kQuote, cases[i], &error)) {
      Fail(absl::StrCat("Quote ", i, ": ", error));
    }
  }
  if (!callers[0].Call(Rpc::kEmpty, cases[0], &error)) {
    Fail(absl::StrCat("Health/Check: ", error));
  }

  std::cout << absl::StrFormat(
      "Quote through gRPC against %d price books: %d clients on %s, "
      "synchronous stubs, SERVICE token on every call; pool of %d "
      "connections; %s per measurement after %s warm-up of each; %d "
      "distinct requests; %d cores; seed %d\n",
      plan.books, clients, per_client ? "a channel each" : "one shared channel",
      pool_size, absl::FormatDuration(duration), absl::FormatDuration(warmup),
      cases.size(), static_cast<int>(std::thread::hardware_concurrency()),
      seed);
  std::cout << (use_cache ? "book cache on (as in production)\n"
                          : "book cache off: every Quote reads the database\n");
  if (warmup > absl::ZeroDuration()) {
    for (Rpc rpc : {Rpc::kQuote, Rpc::kEmpty}) {
      const Measurement m = Drive(callers, rpc, cases, warmup, {});
      if (m.errors > 0) {
        Fail(absl::StrCat("warm-up: ", m.errors,
                          " calls failed; first: ", m.first_error));
      }
    }
  }
  auto backend_pids = fhub::bench::BackendPids(**pool);
  Check(backend_pids.status(), "leasing every connection");
  const std::vector<int> backends = *backend_pids;
  const std::string only = absl::GetFlag(FLAGS_only);
  if (!only.empty()) {
    const Rpc rpc = only == "quote" ? Rpc::kQuote : Rpc::kEmpty;
    const Measurement m = Drive(callers, rpc, cases, duration, backends);
    std::cout << Row(only, m);
    return m.errors > 0 ? 1 : 0;
  }
  // What else runs on the machine (the cores are shared).
  const fhub::bench::CpuSample idle_before = fhub::bench::SampleCpu(backends);
  absl::SleepFor(absl::Seconds(1));
  const fhub::bench::CpuSample idle_after = fhub::bench::SampleCpu(backends);
  std::cout << absl::StrFormat(
      "cores busy with other work while ours is idle: %.2f\n",
      idle_after.machine_busy - idle_before.machine_busy);
  const Measurement empty =
      Drive(callers, Rpc::kEmpty, cases, duration, backends);
  const Measurement quote =
      Drive(callers, Rpc::kQuote, cases, duration, backends);

  std::cout << "\n"
            << absl::StrFormat(
                   "%-20s %8s %8s %7s %7s %8s %7s %6s %5s %5s %5s %6s %6s\n",
                   "rpc", "calls", "calls/s", "p50 ms", "p99 ms", "p99.9 ms",
                   "max ms", "errors", "proc", "pg", "all", "proc", "pg")
            << absl::StrFormat("%-20s %70s %18s %13s\n", "", "", "cores busy",
                               "cpu us/call");
  std::cout << Row("empty (Health/Check)", empty) << Row("Quote", quote);
  const double ratio = quote.Throughput() / empty.Throughput();
  const bool ratio_ok = ratio >= kRatioGoal;
  const bool p99_ok = quote.PercentileMs(0.99) < kP99GoalMs;
  std::cout << absl::StrFormat(
      "\n(cores busy on average during the measurement and CPU "
      "microseconds per call: proc = this process, clients and server; pg = "
      "the service's PostgreSQL backends; all = the whole machine, other "
      "work included)\n"
      "goal: Quote / empty throughput at least %.2f ...... %s (%.3f)\n"
      "goal: Quote p99 under %.0f ms .......................... %s (%.3f "
      "ms)\n",
      kRatioGoal, ratio_ok ? "PASS" : "FAIL", ratio, kP99GoalMs,
      p99_ok ? "PASS" : "FAIL", quote.PercentileMs(0.99));

  if (absl::GetFlag(FLAGS_breakdown)) {
    fhub::bench::BreakdownInputs in;
    in.pool = pool->get();
    in.store = &store;
    in.verifier = &verifier;
    in.authorization = ServiceAuthorization(clock);
    in.cases = &cases;
    in.quote_rpc = [&](const QuoteCase& c) {
      return callers[0].Call(Rpc::kQuote, c, &error);
    };
    in.empty_rpc = [&] {
      return callers[0].Call(Rpc::kEmpty, cases[0], &error);
    };
    in.calls = absl::GetFlag(FLAGS_breakdown_calls);
    fhub::bench::PrintBreakdown(in);
  }

  int exit_code = 0;
  for (const auto& [name, m] :
       {std::make_pair("empty", &empty), std::make_pair("Quote", &quote)}) {
    if (m->errors > 0) {
      std::cerr << "pricing_quote_bench: " << m->errors << " " << name
                << " calls failed; first: " << m->first_error << "\n";
      exit_code = 1;
    }
  }
  (*server)->Shutdown();
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "pricing_quote_bench --database_url=DSN [--clients=16] "
      "[--duration=10s]: Quote's throughput and p99 through gRPC beside an "
      "empty rpc's");
  absl::ParseCommandLine(argc, argv);
  try {
    return Run();
  } catch (const Failure& failure) {
    std::cerr << "pricing_quote_bench: " << failure.what << std::endl;
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "pricing_quote_bench: " << e.what() << std::endl;
    return 1;
  }
}
