#pragma once

// Where a benchmark's CPU goes: this process (clients and server), the
// service's PostgreSQL backends, and the whole machine (which may be
// shared), read from /proc.

#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pool.h"

namespace fhub::bench {

// CPU seconds of this process (clients and server), of the service's
// PostgreSQL backends, and of the whole machine (busy, all cores), to see
// who takes the cores.
struct CpuSample {
  double process = 0;
  double database = 0;
  double machine_busy = 0;
};

// CPU seconds so far of this process, of `backends` and of the machine.
CpuSample SampleCpu(const std::vector<int>& backends);

// The backend processes of every connection of `pool` (all leased at once).
absl::StatusOr<std::vector<int>> BackendPids(db::Pool& pool);

}  // namespace fhub::bench
