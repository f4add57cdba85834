#pragma once

// Time is injected: services read it from a Clock so that term ends,
// admission windows and ballot deadlines are tested without sleeping.

#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace fhub {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;

  // Today's date in UK civil time (Europe/London).
  absl::CivilDay Today() const;
};

// The wall clock.
class SystemClock : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// A clock that moves only when told to; for tests.
class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time now) : now_(now) {}
  absl::Time Now() const override;
  void Set(absl::Time now);
  void Advance(absl::Duration by);

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

// The zone the councils' dates are in.
const absl::TimeZone& UkTimeZone();

}  // namespace fhub
