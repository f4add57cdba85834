#pragma once

// Runs a task now and then every `period` on a thread of its own until
// stopped, e.g. a service's housekeeping as time passes.

#include <functional>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace fhub {

class PeriodicTask {
 public:
  PeriodicTask(absl::Duration period, std::function<void()> task)
      : thread_([this, period, task = std::move(task)] {
          do {
            task();
          } while (!stop_.WaitForNotificationWithTimeout(period));
        }) {}
  ~PeriodicTask() { Stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Waits for a run in progress to finish; no run starts after.
  void Stop() {
    if (!stop_.HasBeenNotified()) stop_.Notify();
    if (thread_.joinable()) thread_.join();
  }

 private:
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace fhub
