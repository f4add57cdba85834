#pragma once

// The SQL-only baseline of referrals_cycle_bench (referrals_cycle.cc): a
// pgbench custom script doing, per run of the script, the writes one
// referral cycle makes in the referrals schema, and running it with
// pgbench. See the top of referrals_cycle.cc for what the script holds and
// why its transactions are cut where they are.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace fhub::bench {

// Average sizes of what the service stored per change, read back from the
// referrals schema after the hub's run, so that the script writes as many
// bytes: responses kept for retries and audit details by method, event
// payloads by type. Missing keys fall back to sizes seen in a trial run.
struct PayloadSizes {
  std::map<std::string, int> response_bytes;
  std::map<std::string, int> audit_json_chars;
  std::map<std::string, int> event_bytes;

  int Response(const std::string& method) const;
  int AuditJson(const std::string& method) const;
  int Event(const std::string& type) const;
};
PayloadSizes MeasurePayloads(const std::string& dsn);

enum class SqlTransactions {
  kPerChange,  // one transaction per change rpc, as the service commits
  kPerCycle,   // the whole cycle in one transaction
};

// How the script's audit rows are numbered.
enum class AuditNumbering {
  // As the schema does it: the audit_log_chain trigger links each row into
  // its organisation's hash chain, locking that chain's head row until
  // commit (the services' way).
  kChained,
  // Plain sequences: the trigger is switched off for the run
  // (PlainSequences below) and each row takes its place from a sequence,
  // unlinked; no row any writer waits for. The database's own limit.
  kPlain,
};

struct CycleScript {
  std::string text;
  int transactions = 0;  // per cycle
  int statements = 0;    // SQL statements per cycle, BEGIN/COMMIT included
};

// The script; referrals start on `start` (as the hub's do).
CycleScript MakeCycleScript(const PayloadSizes& sizes, SqlTransactions mode,
                            AuditNumbering numbering, absl::CivilDay start);

// Switches the referrals schema's audit chain trigger off for as long as
// it lives (on `dsn`, a role owning the tables), for kPlain runs.
class PlainSequences {
 public:
  explicit PlainSequences(const std::string& dsn);
  ~PlainSequences();
  PlainSequences(const PlainSequences&) = delete;
  PlainSequences& operator=(const PlainSequences&) = delete;

 private:
  std::string dsn_;
};

struct PgbenchOptions {
  std::string pgbench;      // the program
  std::string dsn;          // libpq connection string
  std::string search_path;  // set on every connection
  std::string script;       // path of the script file
  int clients = 8;
  int threads = 2;
  int seconds = 20;
  // When set, pgbench logs every script run there and the latencies are
  // read back.
  std::string log_dir;
};

struct PgbenchResult {
  double tps = 0;  // script runs a second, without connection time
  double latency_average_ms = 0;
  int64_t processed = 0;
  int64_t failed = 0;
  std::vector<int64_t> latencies_us;  // sorted, from the log
  // Lines of pgbench's output naming an error, and the exit status.
  std::vector<std::string> errors;
  int exit_status = 0;
  std::string output;

  // The `p` quantile of the logged latencies, in milliseconds.
  double PercentileMs(double p) const;
};

// Runs pgbench with `options` and reads its report (and log).
absl::StatusOr<PgbenchResult> RunPgbench(const PgbenchOptions& options);

// `flag` if given, else pgbench on PATH, else PostgreSQL 15's; empty if
// none is found.
std::string FindPgbench(const std::string& flag);

// pgbench's threads for a run (fewer when there are fewer clients).
inline constexpr int kPgbenchThreads = 2;

struct SqlBaselineOptions {
  std::string dsn;      // the database the hub ran on (a role owning it)
  std::string pgbench;  // the program, or empty for FindPgbench's choice
  SqlTransactions mode = SqlTransactions::kPerChange;
  AuditNumbering numbering = AuditNumbering::kChained;
  absl::CivilDay start;  // the referrals' start date
  int clients = 8;
  int seconds = 20;
  int warmup_seconds = 3;  // a run first, not measured; 0 for none
  bool keep = false;       // keep the script and pgbench's log
};

struct SqlRun {
  CycleScript script;
  PgbenchResult result;
  double machine_cores = 0;  // cores busy on average, the whole machine
};

// Writes the cycle script with the payload sizes the hub stored on `dsn`,
// warms up, and runs it with pgbench, sampling the machine's CPU.
absl::StatusOr<SqlRun> RunSqlBaseline(const SqlBaselineOptions& options);

}  // namespace fhub::bench
