#pragma once

// fhub-gateway's HTTP side: every rpc of the hub's services as REST (its
// google.api.http rule), the same rpcs in the Connect protocol's unary shape
// ("POST /fhub.referrals.v1.ReferralService/GetReferral" with a JSON or
// binary protobuf body), server streams as Server-Sent Events, the OpenAPI
// document, and health. Each request becomes one call to the service that
// owns the rpc, with the caller's Authorization header and a deadline.

#include <map>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/gateway/api/backends.h"
#include "services/gateway/api/dev_sign_in.h"
#include "services/gateway/api/oidc_sign_in.h"
#include "services/gateway/api/session_cookie.h"
#include "services/gateway/api/static_files.h"
#include "services/gateway/api/routes.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace fhub::gateway {

struct GatewayOptions {
  std::string host = "127.0.0.1";
  int port = 7000;  // 0: any free port (tests)
  // Larger request bodies get 413.
  size_t max_body_bytes = 1 << 20;
  // Deadline of a call unless the caller asks for less with the
  // Connect-Timeout-Ms header (more than max_call_timeout is cut to it).
  absl::Duration call_timeout = absl::Seconds(10);
  absl::Duration max_call_timeout = absl::Seconds(60);
  // Threads serving connections; a keep-alive connection or an event
  // stream holds one while it is open.
  int threads = 64;
  // PEM files of the HTTPS certificate chain and key; both empty: HTTP
  // (local development only).
  std::string tls_cert_file;
  std::string tls_key_file;
  // The OpenAPI document served at /openapi.json.
  std::string openapi_json;
  // How often an idle event stream sends a keep-alive comment.
  absl::Duration keep_alive = absl::Seconds(15);
  // The web console's built files (web/dist), served at "/"; a path that is
  // no file and no API gets index.html (the console routes it). Empty: no
  // console.
  std::string web_root;
  // Development mode's sign-in (/dev/people, /dev/sign-in); null outside
  // development mode, when those paths are not served. Not owned.
  const DevSignIn* dev_sign_in = nullptr;
  // Console sessions: the cookie seal (always set by main), and sign-in
  // through trusted identity providers (null without a trust file). Not
  // owned.
  const SessionSeal* seal = nullptr;
  OidcSignIn* oidc = nullptr;
  // Set-Cookie with Secure (only a plain-HTTP development gateway on
  // loopback turns it off).
  bool secure_cookies = true;
};

class HttpGateway {
 public:
  // `routes` and the backends must outlive the gateway; `backends` maps a
  // service's full name to the backend serving it.
  HttpGateway(GatewayOptions options, const RouteTable* routes,
              std::map<std::string, Backend*> backends);
  ~HttpGateway();

  // Binds and serves on a thread of its own. UNAVAILABLE if the address
  // cannot be bound; INVALID_ARGUMENT if the TLS files cannot be read.
  absl::Status Start();
  // The port bound.
  int port() const { return port_; }
  // Stops accepting, ends open event streams, and returns when serving
  // has stopped. Idempotent.
  void Stop();

 private:
  void Serve(const httplib::Request& req, httplib::Response& res);
  void ServeRest(const httplib::Request& req, httplib::Response& res);
  void ServeConnect(const Route& route, const httplib::Request& req,
                    httplib::Response& res);
  void ServeStream(const Route& route, Backend& backend,
                   std::unique_ptr<google::protobuf::Message> request,
                   const httplib::Request& req, httplib::Response& res);
  void ServeReady(httplib::Response& res);
  void ServeDev(const httplib::Request& req, httplib::Response& res);
  void ServeAuth(const httplib::Request& req, httplib::Response& res);
  // The caller's credentials for the service: its Authorization header, or
  // the token of its console session. PERMISSION_DENIED for a session's
  // state-changing request without the console's X-Requested-With.
  absl::StatusOr<Metadata> CredentialsOf(const httplib::Request& req) const;
  std::optional<Session> SessionOf(const httplib::Request& req) const;
  // The console's index.html for a path the console routes itself; false
  // when there is no console or the path is not one of its pages.
  bool ServeConsolePage(const httplib::Request& req, httplib::Response& res);
  Backend* BackendFor(const Route& route) const;

  GatewayOptions options_;
  const RouteTable& routes_;
  std::map<std::string, Backend*> backends_;
  std::unique_ptr<httplib::Server> server_;
  std::unique_ptr<StaticFiles> static_files_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
};

}  // namespace fhub::gateway
