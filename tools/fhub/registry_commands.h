#pragma once

// Commands of fhub.registry.v1.RegistryService, the provider registry:
// providers and their settings and vacancies, quality questionnaires,
// applications and their evaluation, accreditations, suspensions with their
// action plans, concerns, the eligibility search and the registry's event
// stream. Every one of them calls the registry at --registry_addr; the
// requests they send are built by registry_requests.h.

#include <vector>

#include "tools/fhub/command.h"

namespace fhub::cli {

std::vector<Command> RegistryCommands();

}  // namespace fhub::cli
