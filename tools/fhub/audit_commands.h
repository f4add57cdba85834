#pragma once

// `fhub audit checkpoint|verify`: each service's audit trail and its
// signed checkpoints.

#include <vector>

#include "tools/fhub/command.h"

namespace fhub::cli {

std::vector<Command> AuditCommands();

}  // namespace fhub::cli
