// referrals_cycle_bench: the referrals service's whole cycle under
// concurrent clients, beside the same writes done directly in SQL.
//
// The hub (referrals_hub.h): the frameworks service, the registry, pricing
// and referrals in process over a fresh database (a role that may create
// databases, --database_url), each with a pool of --pool_size connections
// and its own loopback port, with a real clock; the North West framework,
// 30 providers admitted to lot-1 within 3 miles of the young person's home
// (capacity 500, a vacancy) and a Sefton book with each.
//
// A cycle, one client's, every call with a 10 s deadline and the caller's
// token (Sefton's COMMISSIONER, each provider's PROVIDER_USER):
//   CreateReferral -> SubmitReferral (the registry finds the 30, all
//   invited) -> MakeOffer by 10 of them (each checked by pricing against
//   the book, the setting fetched from the registry), chosen by rotating
//   through the 30 by cycle number, the first the cheapest -> the other 20
//   DeclineInvitation (the last closes the competition: EVALUATING) ->
//   RankOffers (10 ranked) -> AwardReferral of the first ranked (the
//   placement, with the awarded provider).
// Each answer is checked; a cycle that fails stops there and is counted
// with its rpc, code and message. For each count of --clients (default 1,
// 2, 4 and 8, one after another), that many threads run cycles back to back
// on one channel for --seconds after --warmup_seconds; the report gives
// cycles/s, p50/p95/p99/max of whole cycles, the mean of each rpc, the rpcs
// per cycle on every edge (clients -> referrals and between the services),
// and the cores busy.
//
// Two SQL baselines after each hub measurement, once the hub is idle: a
// pgbench custom script (referrals_sql.h) that does, per run of the script,
// what one cycle writes in the referrals schema, with the services' role
// and search_path, run by pgbench -c <clients> -j 2 -T --seconds -M
// prepared: insert the referral; mark it OPEN and insert 30 invitations; 10
// offers (the setting_places upsert and the invitation's update) and 20
// declines (the last also marks the referral EVALUATING); the award: lock
// the setting_places row FOR UPDATE, count the placements at it, insert the
// placement and its hours_changes row, mark the 10 offers awarded or
// unsuccessful and the referral AWARDED. Around each of the 33 changes, the
// bookkeeping ApplyOnce (common/db/change.cc) writes: the idempotency_keys
// row claimed first and its response stored last, and one audit_log row;
// and one outbox_events row per event the service emits (numbered by a
// plain sequence and stamped with its transaction, V003): 1 created, 1
// submitted + 30 invited, 10 + 20 invitations changed, 10 invitations
// changed + 1 placement started at the award = 73 a cycle. Each change also
// locks the referral's row as the service does. The service's reads (the
// referral's invitations, the stop check, an offer's invitation before it
// asks its peers, the ranking) are left out: the baseline is the writes.
// Payloads (responses, audit details, events) have the average sizes the
// hub stored in this run.
//   chained: the audit rows as the schema writes them, each linked by the
// audit_log_chain trigger into its organisation's hash chain (the
// organisation's head row locked until commit: Sefton's three changes a
// cycle wait for each other's commits, each provider's for its own).
//   plain: the same writes with the trigger off and the audit rows numbered
// by a plain sequence, so no writer waits for a row another holds: the
// database's own limit for these writes on this machine.
//
// Where the transactions are cut (--sql_transactions): per_change, the
// default, commits each change on its own as the service does (33
// transactions a cycle), so the rates differ by what the hub adds around
// the same transactions: gRPC, tokens, peers, reads and the service's own
// work. per_cycle does the whole cycle in one transaction: fewer commits,
// but Sefton's chain head is then held for the whole cycle; it is not the
// service's shape and is kept only to compare.
//
// Prints each baseline's rate, a summary over the client counts with the
// ratio hub / plain, and PASS/FAIL against the goals: at the largest count
// the hub at least 0.5 of the plain baseline and a cycle p99 under 100 ms;
// the hub's rate growing from 1 to 2 to 4 clients. Exits 0 whatever the
// figures; non-zero when a cycle fails or pgbench reports an error.

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/bench_database.h"
#include "bench/cpu_sample.h"
#include "bench/cycle_client.h"
#include "bench/referrals_hub.h"
#include "bench/referrals_sql.h"
#include "common/config.h"

ABSL_FLAG(std::string, database_url, "",
          "libpq connection string of a role that may create databases "
          "(FHUB_BENCH_DATABASE_URL); the benchmark creates and drops its "
          "own database");
ABSL_FLAG(std::vector<std::string>, clients,
          std::vector<std::string>({"1", "2", "4", "8"}),
          "the numbers of concurrent client threads (and pgbench clients) to "
          "measure, one after another");
ABSL_FLAG(int, seconds, 20, "length of each measurement, hub and SQL");
ABSL_FLAG(int, warmup_seconds, 3,
          "untimed cycles before each measurement, hub and SQL");
ABSL_FLAG(int, pool_size, fhub::ServiceConfig().pool_size,
          "database connections of each service (production default)");
ABSL_FLAG(std::string, sql_transactions, "per_change",
          "the SQL baseline's transactions: per_change (as the service "
          "commits) or per_cycle (one for the whole cycle)");
ABSL_FLAG(bool, sql, true, "run the SQL baseline after the hub");
ABSL_FLAG(std::string, pgbench, "",
          "the pgbench program (default: on PATH, else PostgreSQL 15's)");
ABSL_FLAG(bool, keep_database, false,
          "leave the database and the pgbench script for inspection");

namespace {

using fhub::auth::Role;
using fhub::bench::CodeName;
using fhub::bench::CycleClient;
using fhub::bench::CycleError;
using fhub::bench::Edge;
using fhub::bench::kCallsPerStep;
using fhub::bench::kHubProviders;
using fhub::bench::kOffersPerCycle;
using fhub::bench::kStepNames;
using fhub::bench::kSteps;
using fhub::bench::StepTimes;
using fhub::bench::Tokens;

constexpr double kRatioGoal = 0.5;
constexpr double kP99GoalMs = 100;

struct Failure {
  std::string what;
};

[[noreturn]] void Fail(const std::string& what) { throw Failure{what}; }

void Check(const absl::Status& status, const std::string& what) {
  if (!status.ok()) Fail(absl::StrCat(what, ": ", status.ToString()));
}

// --- Driving ---------------------------------------------------------------

struct ErrorTally {
  int64_t count = 0;
  std::string first;
};

struct Measurement {
  int64_t cycles = 0;  // completed
  int64_t failed = 0;
  double seconds = 0;
  std::vector<int64_t> latencies_ns;  // of completed cycles, sorted
  StepTimes steps;
  std::map<std::string, ErrorTally> errors;  // by "rpc CODE"
  std::vector<int64_t> wins = std::vector<int64_t>(kHubProviders);
  int64_t calls[static_cast<int>(Edge::kCount)] = {};
  double process_cores = 0, database_cores = 0, machine_cores = 0;

  double Throughput() const { return static_cast<double>(cycles) / seconds; }
  double PercentileMs(double p) const {
    if (latencies_ns.empty()) return 0;
    const size_t rank = static_cast<size_t>(
        std::ceil(p * static_cast<double>(latencies_ns.size())));
    return static_cast<double>(latencies_ns[std::max<size_t>(rank, 1) - 1]) /
           1e6;
  }
  double PerCycle(Edge edge) const {
    return cycles + failed > 0
               ? static_cast<double>(calls[static_cast<int>(edge)]) /
                     static_cast<double>(cycles + failed)
               : 0;
  }
};

// The first `count` clients run cycles back to back for `duration`; cycle
// numbers come from `next_cycle`, shared, so the offering providers rotate
// across all.
Measurement Drive(std::vector<CycleClient>& clients, size_t count,
                  const fhub::bench::ReferralsHub& hub,
                  std::atomic<int64_t>* next_cycle, absl::Duration duration,
                  const std::vector<int>& backends) {
  struct PerThread {
    std::vector<int64_t> latencies_ns;
    int64_t failed = 0;
    StepTimes steps;
    std::map<std::string, ErrorTally> errors;
    std::vector<int64_t> wins = std::vector<int64_t>(kHubProviders);
  };
  std::vector<PerThread> results(count);
  absl::Notification go;
  std::atomic<int64_t> end_ns{0};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      PerThread& out = results[i];
      go.WaitForNotification();
      const auto end = std::chrono::steady_clock::time_point(
          std::chrono::nanoseconds(end_ns.load()));
      for (auto now = std::chrono::steady_clock::now(); now < end;) {
        CycleError error;
        int winner = -1;
        const bool ok = clients[i].Run(next_cycle->fetch_add(1), &out.steps,
                                       &error, &winner);
        const auto done = std::chrono::steady_clock::now();
        if (ok) {
          out.latencies_ns.push_back((done - now).count());
          if (winner >= 0) ++out.wins[winner];
        } else {
          ++out.failed;
          ErrorTally& tally =
              out.errors[absl::StrCat(kStepNames[error.step], " ", error.code)];
          if (tally.count++ == 0) tally.first = error.message;
        }
        now = done;
      }
    });
  }
  Measurement m;
  for (int e = 0; e < static_cast<int>(Edge::kCount); ++e) {
    m.calls[e] = -hub.Calls(static_cast<Edge>(e));
  }
  const fhub::bench::CpuSample cpu_before = fhub::bench::SampleCpu(backends);
  const auto start = std::chrono::steady_clock::now();
  end_ns =
      (start + absl::ToChronoNanoseconds(duration)).time_since_epoch().count();
  go.Notify();
  for (std::thread& t : threads) t.join();
  const auto stop = std::chrono::steady_clock::now();
  const fhub::bench::CpuSample cpu_after = fhub::bench::SampleCpu(backends);
  for (int e = 0; e < static_cast<int>(Edge::kCount); ++e) {
    m.calls[e] += hub.Calls(static_cast<Edge>(e));
  }

  m.seconds = std::chrono::duration<double>(stop - start).count();
  for (PerThread& r : results) {
    m.cycles += static_cast<int64_t>(r.latencies_ns.size());
    m.failed += r.failed;
    m.steps.Merge(r.steps);
    m.latencies_ns.insert(m.latencies_ns.end(), r.latencies_ns.begin(),
                          r.latencies_ns.end());
    for (const auto& [key, tally] : r.errors) {
      ErrorTally& total = m.errors[key];
      if (total.count == 0) total.first = tally.first;
      total.count += tally.count;
    }
    for (int p = 0; p < kHubProviders; ++p) m.wins[p] += r.wins[p];
  }
  std::sort(m.latencies_ns.begin(), m.latencies_ns.end());
  m.process_cores = (cpu_after.process - cpu_before.process) / m.seconds;
  m.database_cores = (cpu_after.database - cpu_before.database) / m.seconds;
  m.machine_cores =
      (cpu_after.machine_busy - cpu_before.machine_busy) / m.seconds;
  return m;
}

void PrintErrors(const std::string& when, const Measurement& m) {
  for (const auto& [key, tally] : m.errors) {
    std::cout << absl::StrFormat("  %s: %d cycles failed at %s; first: %s\n",
                                 when, tally.count, key, tally.first);
  }
}

void PrintHub(const Measurement& m) {
  std::cout << "\n"
            << absl::StrFormat("%-6s %7s %7s %9s %8s %8s %8s %8s %5s %5s %5s\n",
                               "", "cycles", "failed", "cycles/s", "p50 ms",
                               "p95 ms", "p99 ms", "max ms", "proc", "pg",
                               "all")
            << absl::StrFormat(
                   "%-6s %7d %7d %9.2f %8.1f %8.1f %8.1f %8.1f %5.2f %5.2f "
                   "%5.2f\n",
                   "hub", m.cycles, m.failed, m.Throughput(),
                   m.PercentileMs(0.50), m.PercentileMs(0.95),
                   m.PercentileMs(0.99),
                   m.latencies_ns.empty()
                       ? 0
                       : static_cast<double>(m.latencies_ns.back()) / 1e6,
                   m.process_cores, m.database_cores, m.machine_cores)
            << "(proc, pg, all: cores busy on average - this process, "
               "clients and services; the four pools' PostgreSQL backends; "
               "the whole machine, other work included)\n";
  std::vector<std::string> means;
  for (int s = 0; s < kSteps; ++s) {
    if (m.steps.calls[s] == 0) continue;
    means.push_back(absl::StrFormat("%s %.2f x%d", kStepNames[s],
                                    static_cast<double>(m.steps.ns[s]) / 1e6 /
                                        static_cast<double>(m.steps.calls[s]),
                                    kCallsPerStep[s]));
  }
  std::cout << "mean ms per rpc (x calls per cycle): "
            << absl::StrJoin(means, ", ") << "\n";
  double total = 0;
  std::vector<std::string> edges;
  for (int e = 0; e < static_cast<int>(Edge::kCount); ++e) {
    const Edge edge = static_cast<Edge>(e);
    if (edge == Edge::kStory) continue;
    total += m.PerCycle(edge);
    edges.push_back(absl::StrFormat("%s %.2f", fhub::bench::EdgeName(edge),
                                    m.PerCycle(edge)));
  }
  std::cout << absl::StrFormat("rpcs per cycle: %.1f (", total)
            << absl::StrJoin(edges, ", ") << ")\n";
  const auto [fewest, most] = std::minmax_element(m.wins.begin(), m.wins.end());
  std::cout << absl::StrFormat(
      "placements: every provider won %d to %d of the cycles\n", *fewest,
      *most);
  PrintErrors("measured", m);
}

// --- The SQL baseline --------------------------------------------------------

void PrintSql(const fhub::bench::SqlRun& run, fhub::bench::SqlTransactions mode,
              const std::string& label, int clients, int seconds) {
  const fhub::bench::PgbenchResult& r = run.result;
  std::cout << absl::StrFormat(
      "\nSQL baseline, audit %s: pgbench -n -M prepared -c %d -j %d -T %d, "
      "one script run = one cycle's writes (%s: %d statements in %d "
      "transaction%s)\n",
      label == "plain" ? "rows from a plain sequence (no head rows)"
                       : "chained per organisation as the schema does",
      clients, std::min(fhub::bench::kPgbenchThreads, clients), seconds,
      mode == fhub::bench::SqlTransactions::kPerChange ? "per_change"
                                                       : "per_cycle",
      run.script.statements, run.script.transactions,
      run.script.transactions == 1 ? "" : "s");
  std::cout << absl::StrFormat("%-8s %7s %7s %9s %8s %8s %8s %8s %5s\n", "",
                               "cycles", "failed", "cycles/s", "p50 ms",
                               "p95 ms", "p99 ms", "avg ms", "all")
            << absl::StrFormat(
                   "%-8s %7d %7d %9.2f %8.1f %8.1f %8.1f %8.1f %5.2f\n", label,
                   r.processed, r.failed, r.tps, r.PercentileMs(0.50),
                   r.PercentileMs(0.95), r.PercentileMs(0.99),
                   r.latency_average_ms, run.machine_cores);
  for (const std::string& line : r.errors)
    std::cout << "  pgbench: " << line << "\n";
}

double LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double one = 0;
  in >> one;
  return one;
}

// One client count's figures.
struct AtClients {
  int clients = 0;
  Measurement hub;
  fhub::bench::SqlRun chained, plain;
  bool sql = false;
};

void PrintSummary(const std::vector<AtClients>& steps) {
  std::cout << "\nsummary (cycles/s; p99 of a cycle in ms)\n"
            << absl::StrFormat("%7s %9s %8s %11s %8s %9s %8s %10s\n", "clients",
                               "hub", "hub p99", "sql chained", "p99",
                               "sql plain", "p99", "hub/plain");
  for (const AtClients& s : steps) {
    if (!s.sql) {
      std::cout << absl::StrFormat("%7d %9.2f %8.1f\n", s.clients,
                                   s.hub.Throughput(),
                                   s.hub.PercentileMs(0.99));
      continue;
    }
    const double plain = s.plain.result.tps;
    std::cout << absl::StrFormat(
        "%7d %9.2f %8.1f %11.2f %8.1f %9.2f %8.1f %10.3f\n", s.clients,
        s.hub.Throughput(), s.hub.PercentileMs(0.99), s.chained.result.tps,
        s.chained.result.PercentileMs(0.99), plain,
        s.plain.result.PercentileMs(0.99),
        plain > 0 ? s.hub.Throughput() / plain : 0);
  }
}

// The goals, at the largest client count (and over 1, 2, 4 for growth).
void PrintGoals(const std::vector<AtClients>& steps) {
  const AtClients& last = steps.back();
  if (last.sql) {
    const double ratio = last.plain.result.tps > 0
                             ? last.hub.Throughput() / last.plain.result.tps
                             : 0;
    std::cout << absl::StrFormat(
        "goal: hub at least %.2f of the plain SQL cycle rate at %d clients "
        "... %s (%.3f)\n",
        kRatioGoal, last.clients, ratio >= kRatioGoal ? "PASS" : "FAIL", ratio);
  }
  const double p99 = last.hub.PercentileMs(0.99);
  std::cout << absl::StrFormat(
      "goal: cycle p99 under %.0f ms at %d clients ................. %s "
      "(%.1f ms)\n",
      kP99GoalMs, last.clients, p99 < kP99GoalMs ? "PASS" : "FAIL", p99);
  // Growth: each of 1, 2, 4 clients faster than the one before.
  std::vector<double> rates;
  for (int want : {1, 2, 4}) {
    for (const AtClients& s : steps) {
      if (s.clients == want) rates.push_back(s.hub.Throughput());
    }
  }
  if (rates.size() == 3) {
    const bool grows = rates[1] > rates[0] && rates[2] > rates[1];
    std::cout << absl::StrFormat(
        "goal: the cycle rate grows from 1 to 2 to 4 clients ........ %s "
        "(%.2f, %.2f, %.2f; 4/1 = %.2f)\n",
        grows ? "PASS" : "FAIL", rates[0], rates[1], rates[2],
        rates[0] > 0 ? rates[2] / rates[0] : 0);
  }
}

int Run() {
  const std::string admin_dsn =
      fhub::bench::AdminDatabaseUrl(absl::GetFlag(FLAGS_database_url));
  if (admin_dsn.empty()) {
    std::cerr << "referrals_cycle_bench: --database_url is required (a role "
                 "that may create databases)\n";
    return 2;
  }
  std::vector<int> client_counts;
  for (const std::string& text : absl::GetFlag(FLAGS_clients)) {
    int n = 0;
    if (!absl::SimpleAtoi(text, &n) || n < 1 || n > 64) {
      std::cerr << "referrals_cycle_bench: --clients is a list of counts 1 "
                   "to 64, e.g. 1,2,4,8\n";
      return 2;
    }
    client_counts.push_back(n);
  }
  const int seconds = absl::GetFlag(FLAGS_seconds);
  const int warmup_seconds = absl::GetFlag(FLAGS_warmup_seconds);
  const int pool_size = absl::GetFlag(FLAGS_pool_size);
  const std::string transactions = absl::GetFlag(FLAGS_sql_transactions);
  if (client_counts.empty() || seconds < 1 || warmup_seconds < 0 ||
      pool_size < 1 ||
      (transactions != "per_change" && transactions != "per_cycle")) {
    std::cerr << "referrals_cycle_bench: --clients (a list) and --seconds "
                 "and --pool_size must be positive, --warmup_seconds not "
                 "negative, --sql_transactions per_change or per_cycle\n";
    return 2;
  }
  const auto mode = transactions == "per_change"
                        ? fhub::bench::SqlTransactions::kPerChange
                        : fhub::bench::SqlTransactions::kPerCycle;
  const bool keep = absl::GetFlag(FLAGS_keep_database);

  // Keep the per-call access log lines out of the report (they are still
  // formatted, as in production).
  fhub::bench::QuietServiceLogs();
  fhub::bench::BenchDatabase database(admin_dsn, "fhub_bench_referrals_", keep);
  const std::string& dsn = database.dsn();

  const absl::Time setup_start = absl::Now();
  // The services connect as a role row-level security binds, as deployed
  // ones do; the SQL baselines below run as the admin, outside it.
  auto started =
      fhub::bench::ReferralsHub::Start(database.service_dsn(), pool_size);
  Check(started.status(), "starting the services");
  fhub::bench::ReferralsHub& hub = **started;
  Check(hub.SetUpStory(), "setting up the story");
  hub.StartBackgroundWork();
  const absl::CivilDay start = hub.clock().Today() + fhub::bench::kStartInDays;
  std::cout << absl::StrFormat(
      "set up the NW framework, %d providers admitted and %d accepted Sefton "
      "books through the rpcs in %.1f s\n",
      kHubProviders, kHubProviders,
      absl::ToDoubleSeconds(absl::Now() - setup_start));

  Tokens tokens;
  tokens.commissioner =
      hub.Authorization("authorities/sefton", Role::kCommissioner);
  for (int p = 0; p < kHubProviders; ++p) {
    tokens.providers.push_back(hub.Authorization(
        absl::StrCat("providers/", fhub::bench::HubProviderId(p)),
        Role::kProviderUser));
  }
  const int most_clients =
      *std::max_element(client_counts.begin(), client_counts.end());
  std::vector<CycleClient> all_clients;
  for (int i = 0; i < most_clients; ++i) {
    all_clients.emplace_back(hub.referrals_channel(), &tokens, start, i);
  }
  std::atomic<int64_t> next_cycle{0};

  // Correct first: one cycle alone.
  {
    StepTimes times;
    CycleError error;
    int winner = -1;
    if (!all_clients[0].Run(next_cycle++, &times, &error, &winner)) {
      Fail(absl::StrCat("the first cycle failed at ", kStepNames[error.step],
                        ": ", error.code, ": ", error.message));
    }
  }
  std::vector<int> backends;
  for (fhub::db::Pool* pool : hub.pools()) {
    auto pids = fhub::bench::BackendPids(*pool);
    Check(pids.status(), "leasing every connection");
    backends.insert(backends.end(), pids->begin(), pids->end());
  }

  int exit_code = 0;
  std::vector<AtClients> steps;
  for (const int clients : client_counts) {
    AtClients step;
    step.clients = clients;
    std::cout << absl::StrFormat(
        "\n=== %d client%s\nhub: frameworks, registry, pricing and referrals "
        "in process, pools of %d; %d clients on one channel; %d s after a "
        "%d s warm-up; %d cores, load average %.2f\n",
        clients, clients == 1 ? "" : "s", pool_size, clients, seconds,
        warmup_seconds, static_cast<int>(std::thread::hardware_concurrency()),
        LoadAverage());
    if (warmup_seconds > 0) {
      const Measurement warm = Drive(all_clients, clients, hub, &next_cycle,
                                     absl::Seconds(warmup_seconds), {});
      PrintErrors("warm-up", warm);
    }
    // What else runs on the machine (the cores are shared).
    const fhub::bench::CpuSample idle_before = fhub::bench::SampleCpu({});
    absl::SleepFor(absl::Seconds(1));
    const fhub::bench::CpuSample idle_after = fhub::bench::SampleCpu({});
    std::cout << absl::StrFormat(
        "cores busy with other work while ours is idle: %.2f\n",
        idle_after.machine_busy - idle_before.machine_busy);
    step.hub = Drive(all_clients, clients, hub, &next_cycle,
                     absl::Seconds(seconds), backends);
    PrintHub(step.hub);
    if (step.hub.failed > 0) exit_code = 1;

    if (absl::GetFlag(FLAGS_sql)) {
      step.sql = true;
      fhub::bench::SqlBaselineOptions sql;
      sql.dsn = dsn;
      sql.pgbench = absl::GetFlag(FLAGS_pgbench);
      sql.mode = mode;
      sql.start = start;
      sql.clients = clients;
      sql.seconds = seconds;
      sql.warmup_seconds = warmup_seconds;
      sql.keep = keep;
      sql.numbering = fhub::bench::AuditNumbering::kChained;
      auto chained = fhub::bench::RunSqlBaseline(sql);
      Check(chained.status(), "the chained SQL baseline");
      step.chained = *std::move(chained);
      PrintSql(step.chained, mode, "chained", clients, seconds);
      {
        fhub::bench::PlainSequences plain(dsn);
        sql.numbering = fhub::bench::AuditNumbering::kPlain;
        auto plain_run = fhub::bench::RunSqlBaseline(sql);
        Check(plain_run.status(), "the plain SQL baseline");
        step.plain = *std::move(plain_run);
      }
      PrintSql(step.plain, mode, "plain", clients, seconds);
      for (const fhub::bench::SqlRun* run : {&step.chained, &step.plain}) {
        if (!run->result.errors.empty() || run->result.exit_status != 0 ||
            run->result.failed > 0) {
          exit_code = 1;
        }
      }
    }
    steps.push_back(std::move(step));
  }
  PrintSummary(steps);
  PrintGoals(steps);
  hub.Stop();
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "referrals_cycle_bench --database_url=DSN [--clients=1,2,4,8] "
      "[--seconds=20]: "
      "whole referral cycles through the hub beside the same writes in SQL "
      "(pgbench)");
  absl::ParseCommandLine(argc, argv);
  try {
    return Run();
  } catch (const Failure& failure) {
    std::cerr << "referrals_cycle_bench: " << failure.what << std::endl;
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "referrals_cycle_bench: " << e.what() << std::endl;
    return 1;
  }
}
