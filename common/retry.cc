#include "common/retry.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "common/log.h"

namespace fhub {

absl::Status RetryWhileUnavailable(
    absl::Duration budget, absl::string_view what,
    const std::function<absl::Status()>& attempt) {
  const absl::Time deadline = absl::Now() + budget;
  absl::Duration pause = absl::Milliseconds(250);
  for (int tries = 1;; ++tries) {
    absl::Status status = attempt();
    if (!absl::IsUnavailable(status) || absl::Now() + pause > deadline) {
      return status;
    }
    log::Warning(
        "startup.retry",
        {{"what", what}, {"attempt", tries}, {"error", status.message()}});
    absl::SleepFor(pause);
    pause = std::min(pause * 2, absl::Seconds(2));
  }
}

}  // namespace fhub
