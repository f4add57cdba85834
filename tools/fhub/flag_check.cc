#include "tools/fhub/flag_check.h"

#include <string>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace fhub::cli {
namespace {

constexpr absl::string_view kAbseilFlags[] = {
    "help",    "helpfull",   "helpshort", "helppackage",
    "helpon",  "helpmatch",  "version",   "flagfile",
    "fromenv", "tryfromenv", "undefok",   "only_check_args"};

bool IsAbseilFlag(absl::string_view name) {
  for (absl::string_view known : kAbseilFlags) {
    if (name == known) {
      return true;
    }
  }
  return false;
}

// "--noall" sets the bool flag "all" to false.
bool IsNegatedBool(absl::string_view name) {
  if (!absl::ConsumePrefix(&name, "no")) {
    return false;
  }
  const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
  return flag != nullptr && flag->IsOfType<bool>();
}

}  // namespace

absl::Status CheckFlags(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--") {
      break;  // Everything after is positional.
    }
    if (arg.size() < 2 || arg[0] != '-') {
      continue;
    }
    arg.remove_prefix(arg[1] == '-' ? 2 : 1);
    absl::string_view name = arg;
    absl::string_view value;
    bool has_value = false;
    if (size_t equals = arg.find('='); equals != absl::string_view::npos) {
      name = arg.substr(0, equals);
      value = arg.substr(equals + 1);
      has_value = true;
    }
    if (IsAbseilFlag(name) || (!has_value && IsNegatedBool(name))) {
      continue;
    }
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    if (!has_value) {
      if (flag->IsOfType<bool>()) {
        continue;
      }
      if (i + 1 >= argc) {
        return absl::InvalidArgumentError(
            absl::StrCat("flag --", name, " needs a value"));
      }
      value = argv[++i];
    }
    // Parsing sets the flag; absl::ParseCommandLine sets it again to the same
    // value.
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", error));
    }
  }
  return absl::OkStatus();
}

}  // namespace fhub::cli
