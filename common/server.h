#pragma once

// Server bootstrap shared by every service: the gRPC health service, server
// reflection, an access log line per call, and graceful shutdown (health goes
// NOT_SERVING, in-flight calls get a grace period to finish).

#include <grpcpp/server.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace fhub {

struct ServerOptions {
  std::string listen_address;
  absl::Duration shutdown_grace = absl::Seconds(10);
  // Services to serve; not owned, must outlive the server.
  std::vector<grpc::Service*> services;
  // Fully qualified names reported by the health service, e.g.
  // "fhub.frameworks.v1.FrameworkService".
  std::vector<std::string> health_names;
  // PEM certificate chain and key: serve TLS when both are set, plaintext
  // when both are empty. With `tls_client_ca`, require client certificates
  // it signed.
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  // Threads the synchronous server keeps polling for calls. gRPC's default
  // (at most 2) makes a server whose handlers wait on the database create
  // and end a thread for most calls under concurrent load; keeping more
  // ready costs a little idle memory.
  int max_pollers = 16;
};

class Server {
 public:
  // Binds and starts serving; health reports SERVING. UNAVAILABLE if the
  // address cannot be bound.
  static absl::StatusOr<std::unique_ptr<Server>> Start(ServerOptions options);

  // The port bound (useful with port 0 in tests).
  int port() const { return port_; }
  // Health NOT_SERVING, stop accepting calls, let in-flight calls run for up
  // to the grace period, then cancel what remains. Idempotent.
  void Shutdown();
  ~Server();

 private:
  Server(ServerOptions options, std::unique_ptr<grpc::Server> server, int port);

  ServerOptions options_;
  std::unique_ptr<grpc::Server> server_;
  int port_;
  bool shut_down_ = false;
};

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts
// later; call first thing in main, so WaitForTerminationSignal can take them.
void BlockTerminationSignals();
// Waits for SIGTERM or SIGINT; returns the signal's number.
int WaitForTerminationSignal();

}  // namespace fhub
