#pragma once

// Commands of fhub.pricing.v1.PricingService, per-authority pricing: price
// books and their rate cards, uplifts, an authority's pricing policy,
// quotes, offer checks and regional benchmarks. Every one of them calls the
// pricing service at --pricing_addr; the requests they send are built by
// pricing_requests.h.

#include <vector>

#include "tools/fhub/command.h"

namespace fhub::cli {

std::vector<Command> PricingCommands();

}  // namespace fhub::cli
