// `fhub events follow`: every change of every framework as one line of JSON
// each, as it happens, until interrupted.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdint>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/session.h"

ABSL_FLAG(int64_t, after, 0,
          "events follow: start after this sequence number; default 0, from "
          "the first event");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::frameworks::v1;

// The signals that stop `events follow`: an interrupt (SIGINT), a request
// to stop (SIGTERM), and SIGUSR1, with which CancelOnInterrupt stops waiting.
sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);
  return signals;
}

// Cancels a call when one of the StopSignals arrives, so that the stream
// ends cleanly. The signals must be blocked in every thread, by blocking
// them before the channel starts gRPC's threads, which inherit the mask.
class CancelOnInterrupt {
 public:
  // `context` must outlive this.
  explicit CancelOnInterrupt(grpc::ClientContext* context)
      : waiter_([this, context] {
          sigset_t signals = StopSignals();
          int signal = 0;
          sigwait(&signals, &signal);
          if (signal != SIGUSR1) {
            interrupted_ = true;
            context->TryCancel();
          }
        }) {}

  ~CancelOnInterrupt() {
    pthread_kill(waiter_.native_handle(), SIGUSR1);
    waiter_.join();
  }

  bool interrupted() const { return interrupted_; }

 private:
  std::atomic<bool> interrupted_{false};  // Before waiter_, which uses it.
  std::thread waiter_;
};

int Follow(const Session& session, const v1::StreamEventsRequest& request) {
  v1::FrameworkService::Stub stub(session.channel());
  grpc::ClientContext context;
  session.Authorize(&context);  // No deadline: the stream has no end.
  CancelOnInterrupt cancel(&context);
  std::unique_ptr<grpc::ClientReader<v1::Event>> reader =
      stub.StreamEvents(&context, request);
  int64_t last = request.after_sequence();
  v1::Event event;
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

int FollowEvents(const Args&) {
  v1::StreamEventsRequest request;
  request.set_after_sequence(absl::GetFlag(FLAGS_after));
  if (request.after_sequence() < 0) {
    return UsageError("--after must be 0 or more");
  }
  sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  absl::StatusOr<Session> session = Session::FromFlags();
  if (!session.ok()) {
    return UsageError(session.status());
  }
  return Follow(*session, request);
}

}  // namespace
std::vector<Command> EventCommands() {
  return {
      {"events", "follow", "[--after N]",
       "Prints every change of every framework as one line of JSON as it "
       "happens, until\n      interrupted (SERVICE, AUDITOR or HUB_ADMIN); "
       "--after resumes after sequence N.",
       0, 0, FollowEvents},
  };
}

}  // namespace fhub::cli
