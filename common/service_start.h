#pragma once

// What every service's main() does around its own wiring: prepare the
// process, migrate its schema (the hub's shared tables, then its own), open
// its connection pool (each retrying while the database is not yet
// reachable), and serve.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/config.h"
#include "common/metrics.h"
#include "common/metrics_server.h"
#include "common/db/migrations.h"
#include "common/db/pool.h"
#include "common/auth/token.h"
#include "common/clock.h"
#include "common/periodic_task.h"
#include "common/server.h"

namespace fhub {

// The first thing `program` ("fhub-pricing") does: blocks SIGTERM and SIGINT
// for WaitForTerminationSignal, turns off Abseil's mutex deadlock detection
// (a debugging aid Debian's build leaves on, which costs a busy server
// several per cent of its CPU; tests keep it), and parses the flags, with a
// usage text naming `service` and the common settings.
void StartProcess(int argc, char** argv, absl::string_view program,
                  absl::string_view service);

// Logs why start-up failed and tells the operator on stderr; returns 1, the
// exit code.
int StartupFailed(absl::string_view program, const absl::Status& status);

// Migrates as MigrateServiceSchema; true when the process should now exit
// because only migration was asked for (`migrate_only_flag` or
// FHUB_MIGRATE_ONLY=1).
absl::StatusOr<bool> MigrateForStart(const ServiceConfig& config,
                                     const std::string& schema,
                                     const std::string& component,
                                     const std::vector<db::MigrationFile>& own,
                                     bool migrate_only_flag);

// A service being served: its server, the audit API beside its own, the
// hub's housekeeping (audit checkpoints signed, old request_ids swept), and
// its metrics (served at config.metrics_listen when set).
class ServingHub {
 public:
  ServingHub(std::unique_ptr<Server> server,
             std::unique_ptr<grpc::Service> audit,
             std::unique_ptr<PeriodicTask> housekeeping,
             std::vector<metrics::Collection> collections,
             std::unique_ptr<metrics::MetricsServer> metrics)
      : audit_(std::move(audit)),
        server_(std::move(server)),
        housekeeping_(std::move(housekeeping)),
        collections_(std::move(collections)),
        metrics_(std::move(metrics)) {}
  // Stops the housekeeping, then the server (its grace as configured).
  void Shutdown();
  int port() const { return server_->port(); }
  // The metrics port, 0 when metrics are not served.
  int metrics_port() const { return metrics_ ? metrics_->port() : 0; }

 private:
  std::unique_ptr<grpc::Service> audit_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<PeriodicTask> housekeeping_;
  std::vector<metrics::Collection> collections_;
  std::unique_ptr<metrics::MetricsServer> metrics_;
};

// The pool's figures at each scrape of `registry` (fhub_db_pool_*, labelled
// pool="<name>"), while the returned Collection lives; `pool` must outlive it.
metrics::Collection CollectPoolMetrics(metrics::Registry& registry,
                                       const db::Pool* pool,
                                       const std::string& name);

// Serves `services` and fhub.common.v1.AuditService on the configured
// address with the configured TLS and shutdown grace, `health_name`
// reporting SERVING, and runs the housekeeping every service shares on
// `pool`: a signed audit checkpoint every audit_checkpoint_every (one
// replica at a time), and request_ids older than idempotency_retention
// swept. Metrics: every rpc (grpc_server_*), the pool, request_ids held,
// the outbox's followers. `pool`, `verifier` and `clock` must outlive it.
absl::StatusOr<std::unique_ptr<ServingHub>> StartServing(
    const ServiceConfig& config, db::Pool* pool,
    const auth::TokenVerifier* verifier, const Clock* clock,
    std::vector<grpc::Service*> services, const std::string& health_name);

// Applies the hub's migrations and then `own` (the service's component,
// e.g. "registry") to `schema`.
absl::Status MigrateServiceSchema(const ServiceConfig& config,
                                  const std::string& schema,
                                  const std::string& component,
                                  const std::vector<db::MigrationFile>& own);

// The service's pool: `search_path`, `statements` prepared on every
// connection, sizes and waits from `config`.
absl::StatusOr<std::unique_ptr<db::Pool>> OpenServicePool(
    const ServiceConfig& config, const std::string& search_path,
    std::vector<db::PreparedStatement> statements);

// --migrate_only or FHUB_MIGRATE_ONLY=1: migrate and exit.
bool MigrateOnly(bool flag);

}  // namespace fhub
