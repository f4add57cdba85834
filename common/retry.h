#pragma once

// Bounded retry for start-up: a service whose database is not up yet waits
// for it for a while (as a Kubernetes pod starting beside its database
// would), then gives up with the last error.

#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace fhub {

// Calls `attempt` until it returns anything but UNAVAILABLE or `budget` has
// passed, backing off from 250 ms to 2 s between attempts.
absl::Status RetryWhileUnavailable(
    absl::Duration budget, absl::string_view what,
    const std::function<absl::Status()>& attempt);

}  // namespace fhub
