#include "common/metrics_server.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace fhub::metrics {

MetricsServer::MetricsServer(std::unique_ptr<httplib::Server> server, int port)
    : server_(std::move(server)), port_(port) {
  thread_ = std::thread([this] { server_->listen_after_bind(); });
}

MetricsServer::~MetricsServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const std::string& address, const Registry* registry) {
  const size_t colon = address.rfind(':');
  int port = -1;
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics address must be host:port, got '", address, "'"));
  }
  std::string host = address.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  auto server = std::make_unique<httplib::Server>();
  // A scrape at a time is the normal load; two threads keep a slow scraper
  // from blocking the next.
  server->new_task_queue = [] { return new httplib::ThreadPool(2); };
  server->set_keep_alive_timeout(5);
  server->Get("/metrics", [registry](const httplib::Request&,
                                     httplib::Response& res) {
    res.set_content(registry->Render(), "text/plain; version=0.0.4");
  });
  if (port == 0) {
    port = server->bind_to_any_port(host);
    if (port <= 0) {
      return absl::UnavailableError(absl::StrCat("metrics: cannot bind ", address));
    }
  } else if (!server->bind_to_port(host, port)) {
    return absl::UnavailableError(absl::StrCat("metrics: cannot bind ", address));
  }
  log::Info("metrics.started", {{"address", host}, {"port", port}});
  return std::unique_ptr<MetricsServer>(
      new MetricsServer(std::move(server), port));
}

}  // namespace fhub::metrics
