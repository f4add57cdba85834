#include "common/service_start.h"

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>
#include <utility>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/audit_service.h"
#include "common/db/audit.h"
#include "common/db/row_scope.h"
#include "common/log.h"
#include "common/retry.h"
#include "common/status_macros.h"

namespace fhub {

namespace {

// Row-level security binds the service's role only if PostgreSQL does not
// exempt it (a superuser or BYPASSRLS role): says so loudly if it does.
void WarnIfRowSecurityIsBypassed(const std::string& dsn) {
  try {
    pqxx::connection connection{dsn};
    pqxx::nontransaction tx(connection);
    pqxx::row role = tx.exec1(
        "SELECT current_user, rolsuper OR rolbypassrls FROM pg_roles "
        "WHERE rolname = current_user");
    if (role[1].as<bool>()) {
      log::Warning("db.row_security_bypassed",
                   {{"role", role[0].as<std::string>()},
                    {"why",
                     "a superuser or BYPASSRLS role is exempt from "
                     "every row-level security policy; give the "
                     "service a role of its own without either"}});
    }
  } catch (const std::exception& e) {
    log::Warning("db.row_security_unchecked", {{"error", e.what()}});
  }
}

}  // namespace

absl::Status MigrateServiceSchema(const ServiceConfig& config,
                                  const std::string& schema,
                                  const std::string& component,
                                  const std::vector<db::MigrationFile>& own) {
  for (const auto& part :
       {std::make_pair(std::string("hub"), &db::HubMigrations()),
        std::make_pair(component, &own)}) {
    absl::Status status = RetryWhileUnavailable(
        config.database_wait, "migrate", [&]() -> absl::Status {
          return db::Migrate(config.database_url, schema, part.first,
                             *part.second)
              .status();
        });
    if (!status.ok()) return status;
  }
  WarnIfRowSecurityIsBypassed(config.database_url);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<db::Pool>> OpenServicePool(
    const ServiceConfig& config, const std::string& search_path,
    std::vector<db::PreparedStatement> statements) {
  db::PoolOptions options;
  options.dsn = config.database_url;
  options.size = config.pool_size;
  options.wait_limit = config.pool_wait;
  options.search_path = search_path;
  options.statements = std::move(statements);
  std::unique_ptr<db::Pool> pool;
  absl::Status status = RetryWhileUnavailable(
      config.database_wait, "connect", [&]() -> absl::Status {
        auto created = db::Pool::Create(options);
        if (!created.ok()) return created.status();
        pool = *std::move(created);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return pool;
}

bool MigrateOnly(bool flag) {
  const char* env = std::getenv("FHUB_MIGRATE_ONLY");
  return flag || (env != nullptr && std::string(env) == "1");
}

void StartProcess(int argc, char** argv, absl::string_view program,
                  absl::string_view service) {
  BlockTerminationSignals();
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(absl::StrCat(
      program, " [flags]: serves ", service,
      ".\nSettings (flag, or environment variable):\n", ServiceConfigUsage()));
  absl::ParseCommandLine(argc, argv);
}

int StartupFailed(absl::string_view program, const absl::Status& status) {
  log::Error("startup.failed", {{"error", status.ToString()}});
  std::cerr << program << ": " << status.message() << std::endl;
  return 1;
}

absl::StatusOr<bool> MigrateForStart(const ServiceConfig& config,
                                     const std::string& schema,
                                     const std::string& component,
                                     const std::vector<db::MigrationFile>& own,
                                     bool migrate_only_flag) {
  absl::Status status = MigrateServiceSchema(config, schema, component, own);
  if (!status.ok()) return status;
  if (!MigrateOnly(migrate_only_flag)) return false;
  log::Info("migrate.done", {{"schema", schema}});
  return true;
}

void ServingHub::Shutdown() {
  if (housekeeping_) housekeeping_->Stop();
  server_->Shutdown();
}

metrics::Collection CollectPoolMetrics(metrics::Registry& registry,
                                       const db::Pool* pool,
                                       const std::string& name) {
  return registry.AddCollector([pool, name](metrics::ExpositionWriter& out) {
    const db::Pool::Stats stats = pool->stats();
    const metrics::Labels labels = {{"pool", name}};
    auto write = [&](const char* family, const char* type, const char* help,
                     double value) {
      out.BeginFamily(family, type, help);
      out.Sample(family, family, labels, value);
    };
    write("fhub_db_pool_size", "gauge", "Most connections the pool opens.",
          stats.size);
    write("fhub_db_pool_open_connections", "gauge",
          "Connections open, idle or in use.", stats.open);
    write("fhub_db_pool_in_use", "gauge", "Connections lent out now.",
          stats.in_use);
    write("fhub_db_pool_waiters", "gauge",
          "Callers waiting for a free connection now.", stats.waiters);
    write("fhub_db_pool_acquired_total", "counter", "Connections lent.",
          static_cast<double>(stats.acquired));
    write("fhub_db_pool_exhausted_total", "counter",
          "Callers who waited the whole wait limit and got "
          "RESOURCE_EXHAUSTED.",
          static_cast<double>(stats.exhausted));
    write("fhub_db_pool_deadline_exceeded_total", "counter",
          "Callers whose rpc's deadline passed while they waited.",
          static_cast<double>(stats.out_of_time));
    write("fhub_db_pool_wait_seconds_total", "counter",
          "Time callers spent waiting for a connection, in seconds.",
          stats.wait_seconds);
  });
}

absl::StatusOr<std::unique_ptr<ServingHub>> StartServing(
    const ServiceConfig& config, db::Pool* pool,
    const auth::TokenVerifier* verifier, const Clock* clock,
    std::vector<grpc::Service*> services, const std::string& health_name) {
  auto signer = std::make_shared<db::AuditSigner>(db::AuditSigner::Generate());
  if (!config.audit_key.empty()) {
    auto from_file = db::AuditSigner::FromPem(config.audit_key);
    if (!from_file.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("audit_key_file: ", from_file.status().message()));
    }
    *signer = *std::move(from_file);
  } else {
    log::Warning(
        "audit.key",
        {{"note",
          "no audit_key_file: checkpoints are signed with a "
          "key made now"},
         {"public_key", absl::BytesToHexString(signer->public_key())}});
  }
  auto audit = std::make_unique<AuditServiceImpl>(pool, verifier);
  services.push_back(audit.get());
  ServerOptions options;
  options.listen_address = config.listen_address;
  options.shutdown_grace = config.shutdown_grace;
  options.services = std::move(services);
  options.health_names = {health_name};
  options.tls_cert = config.tls_cert;
  options.tls_key = config.tls_key;
  options.tls_client_ca = config.tls_client_ca;
  FHUB_ASSIGN_OR_RETURN(std::unique_ptr<Server> server,
                        Server::Start(std::move(options)));
  std::unique_ptr<metrics::MetricsServer> metrics_server;
  if (!config.metrics_listen.empty()) {
    FHUB_ASSIGN_OR_RETURN(metrics_server,
                          metrics::MetricsServer::Start(config.metrics_listen,
                                                        &metrics::Default()));
  }
  std::vector<metrics::Collection> collections;
  collections.push_back(CollectPoolMetrics(metrics::Default(), pool,
                                           pool->options().search_path));
  // Counted by the housekeeping, not at each scrape.
  auto request_ids = std::make_shared<std::atomic<int64_t>>(-1);
  collections.push_back(metrics::Default().AddCollector(
      [request_ids](metrics::ExpositionWriter& out) {
        const int64_t held = request_ids->load();
        if (held < 0) return;
        out.BeginFamily("fhub_idempotency_keys", "gauge",
                        "request_ids remembered (retries within the "
                        "retention get the first answer).");
        out.Sample("fhub_idempotency_keys", "fhub_idempotency_keys", {},
                   static_cast<double>(held));
      }));
  const absl::Duration retention = config.idempotency_retention;
  // The housekeeping is the service's own work, over every organisation's
  // rows (db/row_scope.h).
  auto count_request_ids = [pool, request_ids] {
    const db::ScopedRows rows(db::RowScope::Everything());
    auto held = db::CountRequestIds(*pool);
    if (held.ok()) request_ids->store(*held);
  };
  count_request_ids();
  auto housekeeping = std::make_unique<PeriodicTask>(
      config.audit_checkpoint_every,
      [pool, signer, clock, retention, count_request_ids] {
        const db::ScopedRows rows(db::RowScope::Everything());
        auto checkpoint = db::WriteCheckpoint(*pool, *signer, clock->Now());
        if (!checkpoint.ok()) {
          log::Warning("audit.checkpoint_failed",
                       {{"error", checkpoint.status().ToString()}});
        } else if (checkpoint->has_value()) {
          log::Info(
              "audit.checkpoint",
              {{"id", (*checkpoint)->id},
               {"chains", static_cast<int>((*checkpoint)->heads.size())}});
        }
        // A sweep in batches, so it never holds many rows at once.
        for (int round = 0; round < 20; ++round) {
          auto swept =
              db::SweepRequestIds(*pool, clock->Now() - retention, 1000);
          if (!swept.ok()) {
            log::Warning("idempotency.sweep_failed",
                         {{"error", swept.status().ToString()}});
            break;
          }
          if (*swept > 0) log::Info("idempotency.swept", {{"keys", *swept}});
          if (*swept < 1000) break;
        }
        count_request_ids();
      });
  return std::make_unique<ServingHub>(
      std::move(server), std::move(audit), std::move(housekeeping),
      std::move(collections), std::move(metrics_server));
}

}  // namespace fhub
