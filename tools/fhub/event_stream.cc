#include "tools/fhub/event_stream.h"

#include <pthread.h>
#include <signal.h>

namespace fhub::cli {
namespace {

sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);
  return signals;
}

}  // namespace

void BlockStopSignals() {
  sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

CancelOnInterrupt::CancelOnInterrupt(grpc::ClientContext* context)
    : waiter_([this, context] {
        sigset_t signals = StopSignals();
        int signal = 0;
        sigwait(&signals, &signal);
        if (signal != SIGUSR1) {
          interrupted_ = true;
          context->TryCancel();
        }
      }) {}

CancelOnInterrupt::~CancelOnInterrupt() {
  pthread_kill(waiter_.native_handle(), SIGUSR1);
  waiter_.join();
}

}  // namespace fhub::cli
