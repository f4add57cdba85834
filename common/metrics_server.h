#pragma once

// Serves a metrics registry at GET /metrics, in Prometheus' text
// exposition, on an address of its own (never the gRPC port, so scraping
// needs no token and reaches no rpc). Plain HTTP: the metrics say how busy
// the service is, nothing about anyone's data; keep the port inside the
// cluster (the Helm chart's network policy admits only the scraper).

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "common/metrics.h"

namespace httplib {
class Server;
}

namespace fhub::metrics {

class MetricsServer {
 public:
  // Binds `address` ("host:port", port 0 for any) and serves `registry`,
  // which must outlive the server. UNAVAILABLE if it cannot bind.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(
      const std::string& address, const Registry* registry);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  int port() const { return port_; }

 private:
  MetricsServer(std::unique_ptr<httplib::Server> server, int port);

  std::unique_ptr<httplib::Server> server_;
  int port_;
  std::thread thread_;
};

}  // namespace fhub::metrics
