#pragma once

// Commands of fhub.frameworks.v1.FrameworkService that manage a running
// contract: ending a framework early, extension ballots, admission rounds,
// cost-share statements and the event stream. The commands live in one file
// per group; main.cc adds them all with ContractCommands().

#include <cstdint>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "tools/fhub/command.h"

// --close_time, read by `ballots open` and `admission open`.
ABSL_DECLARE_FLAG(std::string, close_time);
// --lot and --lots (admission_commands.cc), --from (statement_commands.cc)
// and --after (events_command.cc), also read by the registry's commands
// (registry_requests.cc; --after by registry_commands.cc); --lot, --from and
// --to (statement_commands.cc) also by the pricing commands
// (pricing_requests.cc).
ABSL_DECLARE_FLAG(std::string, lot);
ABSL_DECLARE_FLAG(std::string, lots);
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(std::string, to);
ABSL_DECLARE_FLAG(int64_t, after);
// --note (statement_commands.cc), also read by the referrals commands
// (referrals_requests.cc).
ABSL_DECLARE_FLAG(std::string, note);

namespace fhub::cli {

// `frameworks terminate` and `ballots ...` (contract_commands.cc).
std::vector<Command> BallotCommands();

// `admission ...` (admission_commands.cc).
std::vector<Command> AdmissionCommands();

// `statements ...` (statement_commands.cc).
std::vector<Command> StatementCommands();

// `events follow` (events_command.cc).
std::vector<Command> EventCommands();

// All of the above.
std::vector<Command> ContractCommands();

}  // namespace fhub::cli
