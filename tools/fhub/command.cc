#include "tools/fhub/command.h"

#include <algorithm>
#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"

namespace fhub::cli {
namespace {

// "members add".
std::string Name(const Command& command) {
  return command.verb.empty() ? command.group
                              : absl::StrCat(command.group, " ", command.verb);
}

// "fhub members add frameworks/ID authorities/ID ...".
std::string CommandLine(const Command& command) {
  std::string line = absl::StrCat("fhub ", Name(command));
  if (!command.synopsis.empty()) {
    absl::StrAppend(&line, " ", command.synopsis);
  }
  return line;
}

std::string ArgumentCount(const Command& command) {
  if (command.min_args == command.max_args) {
    return absl::StrCat(command.min_args,
                        command.min_args == 1 ? " argument" : " arguments");
  }
  return absl::StrCat(command.min_args, " to ", command.max_args, " arguments");
}

}  // namespace

int UsageError(absl::string_view message) {
  std::cerr << "error: " << message << "\n";
  return kExitUsage;
}

int UsageError(const absl::Status& status) {
  return UsageError(status.message());
}

CommandTable::CommandTable(std::string global_flags)
    : global_flags_(std::move(global_flags)) {}

void CommandTable::Add(std::vector<Command> commands) {
  for (Command& command : commands) {
    // After the last command of its group, so that help lists a group
    // together even when its commands come from more than one file.
    auto last_of_group = std::find_if(commands_.rbegin(), commands_.rend(),
                                      [&command](const Command& other) {
                                        return other.group == command.group;
                                      });
    commands_.insert(last_of_group == commands_.rend() ? commands_.end()
                                                       : last_of_group.base(),
                     std::move(command));
  }
}

int CommandTable::Run(const std::vector<std::string>& words) const {
  if (words.empty()) {
    return Misuse("no command given", {});
  }
  const std::string& group = words[0];
  if (group == "help") {
    if (words.size() > 2 || (words.size() == 2 && !HasGroup(words[1]))) {
      return Misuse("help takes at most one argument, a command group", {});
    }
    std::cout << Usage(words.size() == 2 ? words[1] : "");
    return kExitOk;
  }
  if (!HasGroup(group)) {
    return Misuse(absl::StrCat("unknown command '", group, "'"), {});
  }
  const Command* command = Find(group, "");
  Args::difference_type first_arg = 1;
  if (command == nullptr) {
    if (words.size() < 2) {
      return Misuse(absl::StrCat("'", group, "' needs a verb"), group);
    }
    command = Find(group, words[1]);
    if (command == nullptr) {
      return Misuse(
          absl::StrCat("unknown command '", group, " ", words[1], "'"), group);
    }
    first_arg = 2;
  }
  Args args(words.begin() + first_arg, words.end());
  int status = kExitUsage;
  if (args.size() < command->min_args || args.size() > command->max_args) {
    UsageError(absl::StrCat("'", Name(*command), "' takes ",
                            ArgumentCount(*command), ", got ", args.size()));
  } else {
    status = command->run(args);
  }
  if (status == kExitUsage) {
    std::cerr << "usage: " << CommandLine(*command) << "\n";
  }
  return status;
}

std::string CommandTable::Usage(absl::string_view group) const {
  std::string usage =
      "usage: fhub [flags] <group> <verb> [args]\n\n"
      "commands:\n";
  for (const Command& command : commands_) {
    if (!group.empty() && command.group != group) {
      continue;
    }
    absl::StrAppend(&usage, "  ", CommandLine(command), "\n      ",
                    command.summary, "\n");
  }
  absl::StrAppend(&usage,
                  "  fhub help [group]\n"
                  "      Prints this help.\n\n"
                  "flags every command takes:\n",
                  global_flags_,
                  "\nExit status: 0 on success, 1 if the call failed, 2 for "
                  "a usage error.\n");
  return usage;
}

const Command* CommandTable::Find(absl::string_view group,
                                  absl::string_view verb) const {
  for (const Command& command : commands_) {
    if (command.group == group && command.verb == verb) {
      return &command;
    }
  }
  return nullptr;
}

bool CommandTable::HasGroup(absl::string_view group) const {
  for (const Command& command : commands_) {
    if (command.group == group) {
      return true;
    }
  }
  return false;
}

int CommandTable::Misuse(absl::string_view message,
                         absl::string_view group) const {
  UsageError(message);
  std::cerr << "\n" << Usage(group);
  return kExitUsage;
}

}  // namespace fhub::cli
