#pragma once

// `fhub token`: mints a development bearer token.

#include <vector>

#include "tools/fhub/command.h"

namespace fhub::cli {

std::vector<Command> TokenCommands();

}  // namespace fhub::cli
