#pragma once

// absl::ParseCommandLine exits with status 1 on an unknown flag or a bad
// flag value, which a script cannot tell from a failed call. CheckFlags looks
// first, so that such mistakes are usage errors (status 2) like every other.

#include "absl/status/status.h"

namespace fhub::cli {

// INVALID_ARGUMENT naming the flag if argv holds an unknown flag, a flag
// without its value, or a value the flag's type cannot hold. Abseil's own
// flags (--help, --flagfile...) are left to absl::ParseCommandLine.
absl::Status CheckFlags(int argc, char** argv);

}  // namespace fhub::cli
