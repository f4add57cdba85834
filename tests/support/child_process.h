#pragma once

// A program run by a test as its own process, with its output kept in a
// file, so a test can watch a service start, fail, serve and stop.

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace fhub::testing {

class ChildProcess {
 public:
  // Starts `path` with `args` and the test's environment plus `env`.
  ChildProcess(const std::string& path, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env);
  ~ChildProcess();  // Kills the process if it still runs.

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void Signal(int signal_number);
  // The exit code once the process ends within `timeout`; nullopt if it is
  // still running (or ended by a signal: -signal).
  std::optional<int> Wait(absl::Duration timeout);
  bool Running();
  // Everything written to stdout and stderr so far.
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  std::string output_path_;
  std::optional<int> exit_code_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort();

}  // namespace fhub::testing
