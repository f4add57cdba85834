#pragma once

// Commands of fhub.frameworks.v1.FrameworkService: the authorities, the
// frameworks they hold and the members that use them.

#include <vector>

#include "tools/fhub/command.h"

namespace fhub::cli {

std::vector<Command> FrameworkServiceCommands();

}  // namespace fhub::cli
