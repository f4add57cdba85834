#include "common/clock.h"

namespace fhub {

const absl::TimeZone& UkTimeZone() {
  static const absl::TimeZone* zone = [] {
    auto* tz = new absl::TimeZone;
    // Without zoneinfo installed, fall back to UTC rather than fail: dates
    // then turn at midnight UTC, an hour early in summer.
    if (!absl::LoadTimeZone("Europe/London", tz)) *tz = absl::UTCTimeZone();
    return tz;
  }();
  return *zone;
}

absl::CivilDay Clock::Today() const {
  return absl::ToCivilDay(Now(), UkTimeZone());
}

absl::Time FakeClock::Now() const {
  absl::MutexLock lock(&mu_);
  return now_;
}

void FakeClock::Set(absl::Time now) {
  absl::MutexLock lock(&mu_);
  now_ = now;
}

void FakeClock::Advance(absl::Duration by) {
  absl::MutexLock lock(&mu_);
  now_ += by;
}

}  // namespace fhub
