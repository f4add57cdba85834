#pragma once

// Commands of fhub.frameworks.v1.FrameworkService: the authorities, the
// frameworks they hold and the members that use them.

#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "tools/fhub/command.h"

// --reason, also read by `frameworks terminate` (contract_commands.cc).
ABSL_DECLARE_FLAG(std::string, reason);
// --date, also read by the pricing commands (pricing_requests.cc).
ABSL_DECLARE_FLAG(std::string, date);

namespace fhub::cli {

std::vector<Command> FrameworkServiceCommands();

}  // namespace fhub::cli
