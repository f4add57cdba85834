#pragma once

// Following an event stream (`events follow`, `registry-events follow`):
// each event as one line of JSON as it happens, until the stream fails or
// the user interrupts, when the client says how to resume.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdint>
#include <iostream>
#include <memory>
#include <thread>

#include "absl/status/statusor.h"
#include "tools/fhub/command.h"
#include "tools/fhub/session.h"

namespace fhub::cli {

// Blocks the signals that stop a stream (SIGINT, SIGTERM and SIGUSR1, with
// which CancelOnInterrupt stops waiting) in the calling thread. Call it
// before the channel starts gRPC's threads, which inherit the mask, so that
// only CancelOnInterrupt's thread receives them.
void BlockStopSignals();

// Cancels a call when SIGINT or SIGTERM arrives, so that the stream ends
// cleanly.
class CancelOnInterrupt {
 public:
  // `context` must outlive this.
  explicit CancelOnInterrupt(grpc::ClientContext* context);
  ~CancelOnInterrupt();

  bool interrupted() const { return interrupted_; }

 private:
  std::atomic<bool> interrupted_{false};  // Before waiter_, which uses it.
  std::thread waiter_;
};

// A server-streaming method of a generated stub, e.g.
// &FrameworkService::Stub::StreamEvents.
template <typename Stub, typename Request, typename Event>
using StreamMethod = std::unique_ptr<grpc::ClientReader<Event>> (Stub::*)(
    grpc::ClientContext*, const Request&);

// Prints the events of `method` after `request.after_sequence()` until
// interrupted (kExitOk) or the stream fails (kExitRpcFailed).
template <typename Stub, typename Request, typename Event>
int FollowEvents(StreamMethod<Stub, Request, Event> method,
                 const Request& request) {
  if (request.after_sequence() < 0) {
    return UsageError("--after must be 0 or more");
  }
  BlockStopSignals();
  absl::StatusOr<Session> session =
      Session::FromFlags(StubService<Stub>::kService);
  if (!session.ok()) {
    return UsageError(session.status());
  }
  Stub stub(session->channel());
  grpc::ClientContext context;
  session->Authorize(&context);  // No deadline: the stream has no end.
  CancelOnInterrupt cancel(&context);
  std::unique_ptr<grpc::ClientReader<Event>> reader =
      (stub.*method)(&context, request);
  int64_t last = request.after_sequence();
  Event event;
  while (reader->Read(&event)) {
    if (int status = PrintMessageLine(event); status != kExitOk) {
      context.TryCancel();
      reader->Finish();
      return status;
    }
    last = event.sequence();
  }
  grpc::Status status = reader->Finish();
  if (cancel.interrupted()) {
    std::cerr << "stopped after sequence " << last
              << "; resume with --after=" << last << "\n";
    return kExitOk;
  }
  if (!status.ok()) {
    ReportRpcError(status);
    if (last > 0) {
      std::cerr << "note: resume with --after=" << last << "\n";
    }
    return kExitRpcFailed;
  }
  return kExitOk;
}

// Prints each message of `method`, a stream without sequence numbers (e.g.
// `invitations watch`), as one line of JSON until interrupted (kExitOk) or
// the stream fails (kExitRpcFailed). Such a stream starts again with the
// current state, so there is nothing to resume from.
template <typename Stub, typename Request, typename Update>
int FollowUpdates(StreamMethod<Stub, Request, Update> method,
                  const absl::StatusOr<Request>& request) {
  if (!request.ok()) {
    return UsageError(request.status());
  }
  BlockStopSignals();
  absl::StatusOr<Session> session =
      Session::FromFlags(StubService<Stub>::kService);
  if (!session.ok()) {
    return UsageError(session.status());
  }
  Stub stub(session->channel());
  grpc::ClientContext context;
  session->Authorize(&context);  // No deadline: the stream has no end.
  CancelOnInterrupt cancel(&context);
  std::unique_ptr<grpc::ClientReader<Update>> reader =
      (stub.*method)(&context, *request);
  Update update;
  while (reader->Read(&update)) {
    if (int status = PrintMessageLine(update); status != kExitOk) {
      context.TryCancel();
      reader->Finish();
      return status;
    }
  }
  grpc::Status status = reader->Finish();
  if (cancel.interrupted()) {
    return kExitOk;
  }
  return status.ok() ? kExitOk : ReportRpcError(status);
}

}  // namespace fhub::cli
