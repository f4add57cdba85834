#pragma once

// How every call is made: the address, the bearer token and the deadline
// come from the global flags; responses are printed as JSON and failures as
// "error: <CODE>: <message>". Each service has its own address: a call goes
// to the service whose generated stub makes it (StubService below).

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "google/protobuf/message.h"
#include "tools/fhub/command.h"

namespace fhub::cli {

// The help text of the global flags.
std::string GlobalFlagsUsage();

// The services the client calls, each at its own address.
enum class Service {
  // fhub.frameworks.v1.FrameworkService: --addr or FHUB_ADDR, default
  // 127.0.0.1:7001.
  kFrameworks,
  // fhub.registry.v1.RegistryService: --registry_addr or FHUB_REGISTRY_ADDR,
  // default 127.0.0.1:7002.
  kRegistry,
  // fhub.pricing.v1.PricingService: --pricing_addr or FHUB_PRICING_ADDR,
  // default 127.0.0.1:7003.
  kPricing,
  // fhub.referrals.v1.ReferralService: --referrals_addr or
  // FHUB_REFERRALS_ADDR, default 127.0.0.1:7004.
  kReferrals,
};

// The address of `service` from its flag, else its environment variable,
// else its default.
std::string ServiceAddress(Service service);

// Which service a generated stub calls: Read, Write and List connect to
// StubService<Stub>::kService. A stub without a specialisation here does
// not compile, so that no call can go to another service's address.
template <typename Stub>
struct StubService;

template <>
struct StubService<frameworks::v1::FrameworkService::Stub> {
  static constexpr Service kService = Service::kFrameworks;
};

template <>
struct StubService<registry::v1::RegistryService::Stub> {
  static constexpr Service kService = Service::kRegistry;
};

template <>
struct StubService<pricing::v1::PricingService::Stub> {
  static constexpr Service kService = Service::kPricing;
};

template <>
struct StubService<referrals::v1::ReferralService::Stub> {
  static constexpr Service kService = Service::kReferrals;
};

// --request_id if given, else a fresh random UUID v4; INVALID_ARGUMENT if the
// given one is not 1 to 128 printable characters.
absl::StatusOr<std::string> WriteRequestId();

// The "org" claim of the bearer token (--token or FHUB_TOKEN), e.g.
// "authorities/sefton", read without checking the signature: the server
// checks it. INVALID_ARGUMENT if there is no token or its claims cannot be
// read.
absl::StatusOr<std::string> TokenOrganisation();

// A fresh random UUID v4, e.g. "0b6c3f4e-1f2a-4c3d-9e8f-7a6b5c4d3e2f".
std::string NewUuid();

class Session {
 public:
  // A session with `service` (at ServiceAddress(service)), from --token,
  // --deadline_seconds, --page_size and --all (or FHUB_TOKEN);
  // INVALID_ARGUMENT naming the flag if one is missing or out of range.
  static absl::StatusOr<Session> FromFlags(Service service);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  int page_size() const { return page_size_; }
  bool all_pages() const { return all_pages_; }

  // Sets the deadline and the bearer token of a call about to be made.
  void Prepare(grpc::ClientContext* context) const;

  // Sets only the bearer token: for a stream followed until cancelled.
  void Authorize(grpc::ClientContext* context) const;

 private:
  Session(std::shared_ptr<grpc::Channel> channel, std::string authorization,
          absl::Duration deadline, int page_size, bool all_pages);

  std::shared_ptr<grpc::Channel> channel_;
  std::string authorization_;
  absl::Duration deadline_;
  int page_size_;
  bool all_pages_;
};

// Prints `message` as JSON on stdout; kExitOk.
int PrintMessage(const google::protobuf::Message& message);

// Prints `message` as JSON on one line of stdout and flushes it; kExitOk.
int PrintMessageLine(const google::protobuf::Message& message);

// Prints "error: <CODE>: <message>" on stderr; kExitRpcFailed.
int ReportRpcError(const grpc::Status& status);

// As ReportRpcError; when the write may have been applied, also says how to
// retry it safely with the same request id.
int ReportWriteError(const grpc::Status& status, absl::string_view request_id);

// A unary method of a generated stub, e.g.
// &FrameworkService::Stub::GetFramework.
template <typename Stub, typename Request, typename Response>
using UnaryMethod = grpc::Status (Stub::*)(grpc::ClientContext*, const Request&,
                                           Response*);

namespace internal {

template <typename Stub, typename Request, typename Response>
grpc::Status Invoke(const Session& session,
                    UnaryMethod<Stub, Request, Response> method,
                    const Request& request, Response* response) {
  Stub stub(session.channel());
  grpc::ClientContext context;
  session.Prepare(&context);
  return (stub.*method)(&context, request, response);
}

// `print` is called with the response and returns the exit status.
template <typename Stub, typename Request, typename Response, typename Print>
int CallAndPrint(UnaryMethod<Stub, Request, Response> method,
                 const absl::StatusOr<Request>& request, const Print& print,
                 const std::function<int(const grpc::Status&)>& report_error) {
  if (!request.ok()) {
    return UsageError(request.status());
  }
  absl::StatusOr<Session> session =
      Session::FromFlags(StubService<Stub>::kService);
  if (!session.ok()) {
    return UsageError(session.status());
  }
  Response response;
  grpc::Status status = Invoke(*session, method, *request, &response);
  return status.ok() ? print(response) : report_error(status);
}

}  // namespace internal

// The command helpers below take the request a command built from its input;
// a request that could not be built is a usage error.

// Makes a read and prints the response.
template <typename Stub, typename Request, typename Response>
int Read(UnaryMethod<Stub, Request, Response> method,
         const absl::StatusOr<Request>& request) {
  return internal::CallAndPrint(method, request, PrintMessage, ReportRpcError);
}

// Makes a read and prints the response with `print`, a callable taking the
// Response and returning the exit status, rather than as JSON.
template <typename Stub, typename Request, typename Response, typename Print>
int Read(UnaryMethod<Stub, Request, Response> method,
         const absl::StatusOr<Request>& request, const Print& print) {
  return internal::CallAndPrint(method, request, print, ReportRpcError);
}

// Makes a write (a request with a `request_id`) and prints the response.
template <typename Stub, typename Request, typename Response>
int Write(UnaryMethod<Stub, Request, Response> method,
          const absl::StatusOr<Request>& request) {
  return internal::CallAndPrint(
      method, request, PrintMessage, [&request](const grpc::Status& status) {
        return ReportWriteError(status, request->request_id());
      });
}

// Lists one page, or with --all every page as one response.
template <typename Stub, typename Request, typename Response>
int List(UnaryMethod<Stub, Request, Response> method,
         absl::StatusOr<Request> request) {
  if (!request.ok()) {
    return UsageError(request.status());
  }
  absl::StatusOr<Session> session =
      Session::FromFlags(StubService<Stub>::kService);
  if (!session.ok()) {
    return UsageError(session.status());
  }
  request->set_page_size(session->page_size());
  Response all;
  while (true) {
    Response page;
    grpc::Status status = internal::Invoke(*session, method, *request, &page);
    if (!status.ok()) {
      return ReportRpcError(status);
    }
    if (!session->all_pages()) {
      return PrintMessage(page);
    }
    all.MergeFrom(page);  // Appends the page's items.
    if (page.next_page_token().empty()) {
      break;
    }
    if (page.next_page_token() == request->page_token()) {
      return ReportRpcError(
          grpc::Status(grpc::StatusCode::INTERNAL,
                       "the server returned the same page "
                       "token twice; stopped following pages"));
    }
    request->set_page_token(page.next_page_token());
  }
  all.clear_next_page_token();
  return PrintMessage(all);
}

}  // namespace fhub::cli
