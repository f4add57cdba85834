#pragma once

// The command table: `fhub <group> <verb> [args]`. Each service's commands
// live in their own file and are added to one table in main.cc, so a new
// service adds a file and a line, not a branch in a dispatcher.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace fhub::cli {

// Exit statuses.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRpcFailed = 1;
inline constexpr int kExitUsage = 2;

// Positional arguments after the group and the verb.
using Args = std::vector<std::string>;

// Runs a command and returns its exit status. A handler reports bad local
// input with UsageError and a failed rpc with ReportRpcError (session.h).
using Handler = std::function<int(const Args& args)>;

struct Command {
  // First word, e.g. "frameworks".
  std::string group;
  // Second word, e.g. "list"; empty when the group alone is the command
  // ("fhub token").
  std::string verb;
  // Arguments and flags as shown in the usage, e.g. "frameworks/ID".
  std::string synopsis;
  // What the command does, one line.
  std::string summary;
  // How many positional arguments it takes.
  size_t min_args = 0;
  size_t max_args = 0;
  Handler run;
};

// Prints "error: <message>" on stderr and returns kExitUsage; the table then
// prints the command's usage line.
int UsageError(absl::string_view message);
int UsageError(const absl::Status& status);

class CommandTable {
 public:
  // `global_flags` is the help text of the flags every command takes.
  explicit CommandTable(std::string global_flags);

  // Adds commands; a command whose group is already in the table goes after
  // that group's last command.
  void Add(std::vector<Command> commands);

  // Runs the command named by `words` (the positional arguments without the
  // program name), or "help [group]".
  int Run(const std::vector<std::string>& words) const;

  // Usage of every command, or of one group's when `group` is not empty.
  std::string Usage(absl::string_view group = {}) const;

 private:
  const Command* Find(absl::string_view group, absl::string_view verb) const;
  bool HasGroup(absl::string_view group) const;
  int Misuse(absl::string_view message, absl::string_view group) const;

  std::string global_flags_;
  std::vector<Command> commands_;
};

}  // namespace fhub::cli
