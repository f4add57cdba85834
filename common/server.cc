#include "common/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <signal.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/metrics.h"

namespace fhub {
namespace {

// One log line per call: method, status code and duration.
class AccessLog : public grpc::experimental::Interceptor {
 public:
  explicit AccessLog(grpc::experimental::ServerRpcInfo* info)
      : method_(info->method()), start_(absl::Now()) {}

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      const double ms = absl::ToDoubleMilliseconds(absl::Now() - start_);
      if (status.ok()) {
        log::Info("rpc", {{"method", method_}, {"code", 0}, {"ms", ms}});
      } else {
        log::Info("rpc", {{"method", method_},
                          {"code", static_cast<int>(status.error_code())},
                          {"ms", ms},
                          {"error", status.error_message()}});
      }
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  absl::Time start_;
};

class AccessLogFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new AccessLog(info);
  }
};

// The names go-grpc-prometheus gives gRPC's codes, so the usual
// dashboards and alerts read these series as they are.
const char* CodeName(grpc::StatusCode code) {
  static const char* const kNames[] = {
      "OK",          "Canceled",          "Unknown",
      "InvalidArgument", "DeadlineExceeded", "NotFound",
      "AlreadyExists", "PermissionDenied", "ResourceExhausted",
      "FailedPrecondition", "Aborted",     "OutOfRange",
      "Unimplemented", "Internal",         "Unavailable",
      "DataLoss",    "Unauthenticated"};
  const int index = static_cast<int>(code);
  return index >= 0 && index < 17 ? kNames[index] : "Unknown";
}

const char* TypeName(grpc::experimental::ServerRpcInfo::Type type) {
  using Type = grpc::experimental::ServerRpcInfo::Type;
  switch (type) {
    case Type::UNARY: return "unary";
    case Type::CLIENT_STREAMING: return "client_stream";
    case Type::SERVER_STREAMING: return "server_stream";
    case Type::BIDI_STREAMING: return "bidi_stream";
    default: return "unknown";
  }
}

// The rpc metrics of the Prometheus gRPC convention: calls started, calls
// handled by code, and the handling time of each.
struct RpcMetrics {
  RpcMetrics()
      : started(metrics::Default().Counter(
            "grpc_server_started_total", "RPCs started on the server.",
            {"grpc_type", "grpc_service", "grpc_method"})),
        handled(metrics::Default().Counter(
            "grpc_server_handled_total",
            "RPCs completed on the server, whatever their code.",
            {"grpc_type", "grpc_service", "grpc_method", "grpc_code"})),
        seconds(metrics::Default().Histogram(
            "grpc_server_handling_seconds",
            "Time from an RPC's start to its status being sent, in seconds.",
            {"grpc_type", "grpc_service", "grpc_method"},
            metrics::LatencyBounds())) {}
  metrics::CounterFamily& started;
  metrics::CounterFamily& handled;
  metrics::HistogramFamily& seconds;
};

class RpcMetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  RpcMetricsInterceptor(const RpcMetrics& metrics,
                        grpc::experimental::ServerRpcInfo* info)
      : metrics_(metrics), start_(absl::Now()) {
    // "/fhub.referrals.v1.ReferralService/GetReferral"
    const std::string method = info->method() == nullptr ? "" : info->method();
    const size_t slash = method.rfind('/');
    labels_ = {TypeName(info->type()),
               slash == std::string::npos || slash == 0
                   ? std::string()
                   : method.substr(1, slash - 1),
               slash == std::string::npos ? method : method.substr(slash + 1)};
    metrics_.started.Add(labels_);
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      std::vector<std::string> with_code = labels_;
      with_code.emplace_back(CodeName(status.error_code()));
      metrics_.handled.Add(with_code);
      metrics_.seconds.Observe(labels_,
                               absl::ToDoubleSeconds(absl::Now() - start_));
    }
    methods->Proceed();
  }

 private:
  const RpcMetrics& metrics_;
  absl::Time start_;
  std::vector<std::string> labels_;
};

class RpcMetricsFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new RpcMetricsInterceptor(metrics_, info);
  }

 private:
  RpcMetrics metrics_;
};

std::shared_ptr<grpc::ServerCredentials> Credentials(
    const ServerOptions& options) {
  if (options.tls_cert.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl(
      options.tls_client_ca.empty()
          ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
          : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = options.tls_client_ca;
  ssl.pem_key_cert_pairs.push_back({options.tls_key, options.tls_cert});
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

Server::Server(ServerOptions options, std::unique_ptr<grpc::Server> server,
               int port)
    : options_(std::move(options)), server_(std::move(server)), port_(port) {}

Server::~Server() { Shutdown(); }

absl::StatusOr<std::unique_ptr<Server>> Server::Start(ServerOptions options) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  // One server per address: without this a second process could bind the
  // same port (SO_REUSEPORT) and silently take half the calls.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, options.max_pollers);
  builder.AddListeningPort(options.listen_address, Credentials(options), &port);
  for (grpc::Service* service : options.services) {
    builder.RegisterService(service);
  }
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(std::make_unique<AccessLogFactory>());
  interceptors.push_back(std::make_unique<RpcMetricsFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address));
  }
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const std::string& name : options.health_names) {
    health->SetServingStatus(name, true);
  }
  log::Info("server.started", {{"address", options.listen_address},
                               {"port", port},
                               {"tls", !options.tls_cert.empty()},
                               {"mutual_tls", !options.tls_client_ca.empty()}});
  return std::unique_ptr<Server>(
      new Server(std::move(options), std::move(server), port));
}

void Server::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  log::Info("server.stopping",
            {{"grace", absl::FormatDuration(options_.shutdown_grace)}});
  server_->GetHealthCheckService()->Shutdown();  // All NOT_SERVING.
  server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.shutdown_grace));
  server_->Wait();
  log::Info("server.stopped");
}

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  log::Info("server.signal", {{"signal", signal_number}});
  return signal_number;
}

}  // namespace fhub
