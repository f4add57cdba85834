#include "services/gateway/api/http_gateway.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <httplib.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/log.h"
#include "common/metrics.h"
#include "services/gateway/api/replies.h"
#include "services/gateway/api/transcode.h"
#include "services/gateway/domain/http_status.h"
#include "services/gateway/domain/sse.h"

namespace fhub::gateway {
namespace {

using google::protobuf::Message;
using Json = nlohmann::json;

constexpr char kProto[] = "application/proto";
// How long an event stream may take to be accepted or refused before the
// gateway answers 200 and streams anyway.
constexpr absl::Duration kStreamAcceptWait = absl::Seconds(5);

std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor* type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(type)
          ->New());
}

// The Connect protocol's error: {"code": "not_found", "message": "..."}.
std::string ConnectJson(int code, absl::string_view message) {
  Json body = {{"code", std::string(ConnectCodeName(code))},
               {"message", std::string(message)}};
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void SendConnectError(httplib::Response& res, int code,
                      absl::string_view message) {
  res.status = HttpStatusOf(code);
  Reply(res, ConnectJson(code, message), kJson);
}

constexpr int kInvalidArgument =
    static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);

// The call's deadline: Connect-Timeout-Ms if given (cut to the longest
// allowed), else the default.
absl::StatusOr<absl::Time> DeadlineOf(const httplib::Request& req,
                                      const GatewayOptions& options) {
  absl::Duration timeout = options.call_timeout;
  if (req.has_header("Connect-Timeout-Ms")) {
    const std::string text = req.get_header_value("Connect-Timeout-Ms");
    int64_t ms = 0;
    if (text.size() > 10 || !absl::SimpleAtoi(text, &ms) || ms <= 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "Connect-Timeout-Ms must be a whole number of milliseconds above "
          "0, at most 10 digits; got \"",
          text, "\""));
    }
    timeout = std::min(absl::Milliseconds(ms), options.max_call_timeout);
  }
  return absl::Now() + timeout;
}

HttpRequestParts PartsOf(const httplib::Request& req) {
  HttpRequestParts parts;
  for (const auto& [key, value] : req.params)
    parts.query.emplace_back(key, value);
  parts.body = req.body;
  parts.idempotency_key = req.get_header_value("Idempotency-Key");
  return parts;
}

bool IsJsonContentType(absl::string_view type) {
  type = type.substr(0, type.find(';'));
  return type.empty() ||
         absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(type), kJson);
}

}  // namespace

HttpGateway::HttpGateway(GatewayOptions options, const RouteTable* routes,
                         std::map<std::string, Backend*> backends)
    : options_(std::move(options)),
      routes_(*routes),
      backends_(std::move(backends)) {}

HttpGateway::~HttpGateway() { Stop(); }

absl::Status HttpGateway::Start() {
  if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty()) {
    auto tls = std::make_unique<httplib::SSLServer>(
        options_.tls_cert_file.c_str(), options_.tls_key_file.c_str());
    if (!tls->is_valid()) {
      return absl::InvalidArgumentError(
          absl::StrCat("tls_cert_file/tls_key_file: cannot load ",
                       options_.tls_cert_file, " and ", options_.tls_key_file));
    }
    server_ = std::move(tls);
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  const int threads = options_.threads;
  server_->new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_keep_alive_max_count(10000);
  server_->set_keep_alive_timeout(30);
  server_->set_tcp_nodelay(true);
  server_->set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"}});
  if (!options_.web_root.empty()) {
    struct stat info;
    if (stat(options_.web_root.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      return absl::InvalidArgumentError(
          absl::StrCat("web_root: ", options_.web_root, " is not a directory"));
    }
    static_files_ = std::make_unique<StaticFiles>(options_.web_root);
  }
  const httplib::Server::Handler serve = [this](const httplib::Request& req,
                                                httplib::Response& res) {
    Serve(req, res);
  };
  for (auto route : {&httplib::Server::Get, &httplib::Server::Post,
                     &httplib::Server::Put, &httplib::Server::Patch,
                     &httplib::Server::Delete, &httplib::Server::Options}) {
    (server_.get()->*route)(".*", serve);
  }
  // What httplib refuses before any handler (a body over the limit, a
  // request it cannot parse) still answers in the hub's error shape.
  server_->set_error_handler(
      [](const httplib::Request& req, httplib::Response& res) {
        // Ours all have a Content-Type; httplib's own refusals do not.
        if (!res.body.empty() || res.has_header("Content-Type")) return;
        const int code = res.status == 413
                             ? kInvalidArgument
                             : static_cast<int>(grpc::StatusCode::NOT_FOUND);
        const std::string message =
            res.status == 413
                ? "the request body is larger than this gateway accepts"
                : absl::StrCat("HTTP ", res.status, " for ", req.method, " ",
                               req.path);
        const int status = res.status;
        Reply(res, StatusJson(code, message), kJson);
        res.status = status;
      });
  server_->set_exception_handler([](const httplib::Request& req,
                                    httplib::Response& res,
                                    std::exception_ptr) {
    res.status = 500;
    Reply(res,
          StatusJson(static_cast<int>(grpc::StatusCode::INTERNAL),
                     absl::StrCat("the gateway failed on ", req.method, " ",
                                  req.path)),
          kJson);
  });
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
    if (port_ <= 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot bind ", options_.host, ":0"));
    }
  } else {
    if (!server_->bind_to_port(options_.host, options_.port)) {
      return absl::UnavailableError(
          absl::StrCat("cannot bind ", options_.host, ":", options_.port));
    }
    port_ = options_.port;
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  return absl::OkStatus();
}

void HttpGateway::Stop() {
  if (!server_) return;
  stopping_ = true;
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

Backend* HttpGateway::BackendFor(const Route& route) const {
  auto it = backends_.find(route.service());
  return it == backends_.end() ? nullptr : it->second;
}

void HttpGateway::Serve(const httplib::Request& req, httplib::Response& res) {
  const absl::Time start = absl::Now();
  // What kind of request, for the metrics: a few values, never the path.
  const char* handler = "rest";
  if (req.path == "/healthz" && req.method == "GET") {
    handler = "health";
    Reply(res, R"({"status":"SERVING"})", kJson);
  } else if (req.path == "/readyz" && req.method == "GET") {
    handler = "health";
    ServeReady(res);
  } else if (req.path == "/openapi.json" && req.method == "GET") {
    handler = "openapi";
    Reply(res, options_.openapi_json, kJson);
  } else if (absl::StartsWith(req.path, "/dev/")) {
    handler = "dev";
    ServeDev(req, res);
  } else if (absl::StartsWith(req.path, "/auth/")) {
    handler = "auth";
    ServeAuth(req, res);
  } else if (ServeConsolePage(req, res)) {
    handler = "console";
  } else if (absl::StartsWith(req.path, "/fhub.")) {
    handler = "connect";
    const Route* route = routes_.FindRpc(req.path);
    if (route == nullptr) {
      SendConnectError(res, static_cast<int>(grpc::StatusCode::UNIMPLEMENTED),
                       absl::StrCat("no rpc ", req.path.substr(1)));
    } else if (req.method != "POST") {
      SendConnectError(
          res, static_cast<int>(grpc::StatusCode::UNIMPLEMENTED),
          absl::StrCat(req.method, " is not served for ", req.path,
                       "; the Connect protocol's unary calls are POST"));
      res.status = 405;
      res.set_header("Allow", "POST");
    } else {
      ServeConnect(*route, req, res);
    }
  } else {
    ServeRest(req, res);
  }
  const absl::Duration took = absl::Now() - start;
  // httplib answers 200 after the handler when it set no status.
  const int status = res.status == -1 ? 200 : res.status;
  static metrics::CounterFamily& requests = metrics::Default().Counter(
      "http_requests_total", "HTTP requests answered, by kind and status.",
      {"handler", "method", "code"});
  static metrics::HistogramFamily& seconds = metrics::Default().Histogram(
      "http_request_duration_seconds",
      "Time to answer an HTTP request (an event stream: until it is set up), "
      "in seconds.",
      {"handler"}, metrics::LatencyBounds());
  requests.Add({handler, req.method, absl::StrCat(status)});
  seconds.Observe({handler}, absl::ToDoubleSeconds(took));
  log::Info("http", {{"method", req.method},
                     {"path", req.path},
                     {"status", status},
                     {"ms", absl::ToDoubleMilliseconds(took)}});
}

absl::StatusOr<Metadata> HttpGateway::CredentialsOf(
    const httplib::Request& req) const {
  Metadata metadata;
  if (req.has_header("Authorization")) {
    metadata.emplace_back("authorization",
                          req.get_header_value("Authorization"));
    return metadata;
  }
  std::optional<Session> session = SessionOf(req);
  if (!session.has_value()) return metadata;
  // A browser sends cookies with any site's request; a cross-site form
  // cannot add this header (and nothing here allows CORS), so a change
  // made with the session must come from the console itself.
  if (req.method != "GET" &&
      req.get_header_value("X-Requested-With") != "fhub-console") {
    return absl::PermissionDeniedError(
        "a change made with a console session must send "
        "X-Requested-With: fhub-console");
  }
  metadata.emplace_back("authorization",
                        absl::StrCat("Bearer ", session->token));
  return metadata;
}

void HttpGateway::ServeReady(httplib::Response& res) {
  std::vector<std::string> down;
  for (const auto& [service, backend] : backends_) {
    if (!backend->Serving(service, absl::Seconds(1))) down.push_back(service);
  }
  if (down.empty()) {
    Reply(res, R"({"status":"SERVING"})", kJson);
    return;
  }
  SendStatus(res, static_cast<int>(grpc::StatusCode::UNAVAILABLE),
             absl::StrCat("not serving: ", absl::StrJoin(down, ", ")));
}

void HttpGateway::ServeRest(const httplib::Request& req,
                            httplib::Response& res) {
  RouteMatch match = routes_.Find(req.method, req.path);
  if (match.route == nullptr) {
    if (match.other_methods.empty()) {
      SendStatus(res, static_cast<int>(grpc::StatusCode::NOT_FOUND),
                 absl::StrCat("no rpc is served at ", req.method, " ", req.path,
                              "; see /openapi.json"));
      return;
    }
    SendStatus(
        res, static_cast<int>(grpc::StatusCode::UNIMPLEMENTED),
        absl::StrCat(req.method, " is not allowed on ", req.path, "; use ",
                     absl::StrJoin(match.other_methods, " or ")));
    res.status = 405;
    res.set_header("Allow", absl::StrJoin(match.other_methods, ", "));
    return;
  }
  const Route& route = *match.route;
  Backend* backend = BackendFor(route);
  if (backend == nullptr) {
    SendStatus(res, static_cast<int>(grpc::StatusCode::UNIMPLEMENTED),
               absl::StrCat(route.service(), " is not served here"));
    return;
  }
  if (!route.body.empty() &&
      !IsJsonContentType(req.get_header_value("Content-Type"))) {
    SendStatus(res, kInvalidArgument,
               absl::StrCat("the request body must be application/json; got ",
                            req.get_header_value("Content-Type")));
    res.status = 415;
    return;
  }
  HttpRequestParts parts = PartsOf(req);
  parts.bindings = std::move(match.bindings);
  if (route.server_streaming() && req.has_header("Last-Event-ID")) {
    absl::StatusOr<int64_t> after =
        ParseLastEventId(req.get_header_value("Last-Event-ID"));
    if (!after.ok()) {
      SendStatus(res, kInvalidArgument, after.status().message());
      return;
    }
    parts.last_event_id = *after;
  }
  std::unique_ptr<Message> request = NewMessage(route.method->input_type());
  if (absl::Status built = BuildRequest(route.body, parts, request.get());
      !built.ok()) {
    SendStatus(res, static_cast<int>(built.code()), built.message());
    return;
  }
  if (route.server_streaming()) {
    ServeStream(route, *backend, std::move(request), req, res);
    return;
  }
  absl::StatusOr<absl::Time> deadline = DeadlineOf(req, options_);
  if (!deadline.ok()) {
    SendStatus(res, kInvalidArgument, deadline.status().message());
    return;
  }
  absl::StatusOr<Metadata> credentials = CredentialsOf(req);
  if (!credentials.ok()) {
    SendStatus(res, static_cast<int>(credentials.status().code()),
               credentials.status().message());
    return;
  }
  std::unique_ptr<Message> response = NewMessage(route.method->output_type());
  grpc::Status status = backend->Call(route.grpc_path, *credentials, *deadline,
                                      *request, response.get());
  if (!status.ok()) {
    SendStatus(res, static_cast<int>(status.error_code()),
               status.error_message());
    return;
  }
  absl::StatusOr<std::string> json = ToJson(*response);
  if (!json.ok()) {
    SendStatus(res, static_cast<int>(grpc::StatusCode::INTERNAL),
               json.status().message());
    return;
  }
  Reply(res, *std::move(json), kJson);
}

void HttpGateway::ServeConnect(const Route& route, const httplib::Request& req,
                               httplib::Response& res) {
  if (route.server_streaming()) {
    SendConnectError(
        res, static_cast<int>(grpc::StatusCode::UNIMPLEMENTED),
        absl::StrCat(route.grpc_path.substr(1),
                     " is a server stream: follow it as Server-Sent Events at "
                     "GET ",
                     route.path.text()));
    return;
  }
  Backend* backend = BackendFor(route);
  if (backend == nullptr) {
    SendConnectError(res, static_cast<int>(grpc::StatusCode::UNIMPLEMENTED),
                     absl::StrCat(route.service(), " is not served here"));
    return;
  }
  if (req.has_header("Connect-Protocol-Version") &&
      req.get_header_value("Connect-Protocol-Version") != "1") {
    SendConnectError(res, kInvalidArgument,
                     "Connect-Protocol-Version must be 1");
    return;
  }
  const std::string content_type =
      absl::AsciiStrToLower(req.get_header_value("Content-Type"));
  const bool binary = absl::StartsWith(content_type, kProto);
  if (!binary && !IsJsonContentType(content_type)) {
    SendConnectError(res, kInvalidArgument,
                     absl::StrCat("Content-Type must be application/json or "
                                  "application/proto; got ",
                                  content_type));
    res.status = 415;
    return;
  }
  std::unique_ptr<Message> request = NewMessage(route.method->input_type());
  if (binary) {
    if (!request->ParseFromString(req.body)) {
      SendConnectError(res, kInvalidArgument,
                       absl::StrCat("the body is not a binary ",
                                    route.method->input_type()->full_name()));
      return;
    }
  } else {
    HttpRequestParts parts;
    parts.body = req.body;
    parts.idempotency_key = req.get_header_value("Idempotency-Key");
    if (absl::Status built = BuildRequest("*", parts, request.get());
        !built.ok()) {
      SendConnectError(res, static_cast<int>(built.code()), built.message());
      return;
    }
  }
  if (binary && !req.get_header_value("Idempotency-Key").empty()) {
    const auto* id = RequestIdField(request->GetDescriptor());
    if (id != nullptr &&
        request->GetReflection()->GetString(*request, id).empty()) {
      request->GetReflection()->SetString(
          request.get(), id, req.get_header_value("Idempotency-Key"));
    }
  }
  absl::StatusOr<absl::Time> deadline = DeadlineOf(req, options_);
  if (!deadline.ok()) {
    SendConnectError(res, kInvalidArgument, deadline.status().message());
    return;
  }
  absl::StatusOr<Metadata> credentials = CredentialsOf(req);
  if (!credentials.ok()) {
    SendConnectError(res, static_cast<int>(credentials.status().code()),
                     credentials.status().message());
    return;
  }
  std::unique_ptr<Message> response = NewMessage(route.method->output_type());
  grpc::Status status = backend->Call(route.grpc_path, *credentials, *deadline,
                                      *request, response.get());
  if (!status.ok()) {
    SendConnectError(res, static_cast<int>(status.error_code()),
                     status.error_message());
    return;
  }
  if (binary) {
    Reply(res, response->SerializeAsString(), kProto);
    return;
  }
  absl::StatusOr<std::string> json = ToJson(*response);
  if (!json.ok()) {
    SendConnectError(res, static_cast<int>(grpc::StatusCode::INTERNAL),
                     json.status().message());
    return;
  }
  Reply(res, *std::move(json), kJson);
}

void HttpGateway::ServeStream(const Route& route, Backend& backend,
                              std::unique_ptr<Message> request,
                              const httplib::Request& req,
                              httplib::Response& res) {
  absl::StatusOr<Metadata> credentials = CredentialsOf(req);
  if (!credentials.ok()) {
    SendStatus(res, static_cast<int>(credentials.status().code()),
               credentials.status().message());
    return;
  }
  std::unique_ptr<Message> prototype = NewMessage(route.method->output_type());
  std::shared_ptr<ServerStream> stream =
      backend.OpenStream(route.grpc_path, *credentials, *request, *prototype);
  if (!stream->WaitAccepted(kStreamAcceptWait)) {
    const grpc::Status status = stream->final_status();
    SendStatus(res, static_cast<int>(status.error_code()),
               status.error_message());
    return;
  }
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");
  const absl::Duration keep_alive = options_.keep_alive;
  res.set_chunked_content_provider(
      "text/event-stream",
      [this, stream, keep_alive](size_t, httplib::DataSink& sink) {
        if (stopping_) stream->Cancel();
        ServerStream::Item item;
        switch (stream->Pop(keep_alive, &item)) {
          case ServerStream::Next::kItem: {
            const std::string event = SseEvent(item.json, item.id);
            return sink.write(event.data(), event.size());
          }
          case ServerStream::Next::kTimeout:
            return sink.write(kSseKeepAlive.data(), kSseKeepAlive.size());
          case ServerStream::Next::kEnded: {
            const grpc::Status status = stream->final_status();
            if (!status.ok() && !stopping_) {
              const std::string event =
                  SseEvent(StatusJson(static_cast<int>(status.error_code()),
                                      status.error_message()),
                           "", "error");
              sink.write(event.data(), event.size());
            }
            sink.done();
            return true;
          }
        }
        return false;
      },
      [stream](bool) { stream->Cancel(); });
}

}  // namespace fhub::gateway
