// fhub: the command-line client of the Framework Hub's gRPC services.
//
//   fhub [flags] <group> <verb> [args]
//
// main only wires: the flags, the command table and the exit status.

#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "tools/fhub/audit_commands.h"
#include "tools/fhub/command.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/flag_check.h"
#include "tools/fhub/frameworks_commands.h"
#include "tools/fhub/pricing_commands.h"
#include "tools/fhub/referrals_commands.h"
#include "tools/fhub/registry_commands.h"
#include "tools/fhub/session.h"
#include "tools/fhub/token_command.h"
#include "tools/fhub/webhook_commands.h"

namespace {

fhub::cli::CommandTable BuildCommandTable() {
  fhub::cli::CommandTable table(fhub::cli::GlobalFlagsUsage());
  table.Add(fhub::cli::TokenCommands());
  table.Add(fhub::cli::FrameworkServiceCommands());
  table.Add(fhub::cli::ContractCommands());
  table.Add(fhub::cli::RegistryCommands());
  table.Add(fhub::cli::PricingCommands());
  table.Add(fhub::cli::ReferralCommands());
  table.Add(fhub::cli::FinanceCommands());
  table.Add(fhub::cli::WebhookCommands());
  table.Add(fhub::cli::AuditCommands());
  return table;
}

// --help lists the client's own flags, not those of the libraries it links.
void ConfigureFlagHelp() {
  absl::FlagsUsageConfig config;
  config.contains_help_flags = [](absl::string_view file) {
    return absl::StrContains(file, "tools/fhub/");
  };
  config.contains_helpshort_flags = config.contains_help_flags;
  absl::SetFlagsUsageConfig(config);
}

}  // namespace

int main(int argc, char** argv) {
  const fhub::cli::CommandTable table = BuildCommandTable();
  absl::SetProgramUsageMessage(table.Usage());
  ConfigureFlagHelp();
  if (absl::Status status = fhub::cli::CheckFlags(argc, argv); !status.ok()) {
    fhub::cli::UsageError(status);
    std::cerr << "run 'fhub help' for usage\n";
    return fhub::cli::kExitUsage;
  }
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  return table.Run(
      std::vector<std::string>(positional.begin() + 1, positional.end()));
}
