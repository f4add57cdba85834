#pragma once

// The input the registry's request builders (registry_requests.cc) share:
// resource names checked against their patterns, --provider and --framework,
// --file read as protobuf JSON and checked against the command line, and the
// numbers and coordinates some commands take. Like input.h's, every error is
// INVALID_ARGUMENT naming the argument or flag.

#include <cstddef>
#include <functional>
#include <string>
#include <utility>

#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "google/protobuf/struct.pb.h"
#include "tools/fhub/command.h"

// --file, also read by the pricing commands for a card's extras
// (pricing_requests.cc).
ABSL_DECLARE_FLAG(std::string, file);
// --provider and --framework, also read by the referrals commands
// (referrals_requests.cc).
ABSL_DECLARE_FLAG(std::string, provider);
ABSL_DECLARE_FLAG(std::string, framework);

namespace fhub::cli {

// The registry's resource names, as patterns for CheckNamePattern (input.h).
inline constexpr char kProviderName[] = "providers/{id}";
inline constexpr char kSettingName[] = "providers/{id}/settings/{id}";
inline constexpr char kVacancyName[] =
    "providers/{id}/settings/{id}/vacancies/{number}";
inline constexpr char kFrameworkName[] = "frameworks/{id}";
inline constexpr char kApplicationName[] = "applications/{number}";
inline constexpr char kSuspensionName[] = "suspensions/{number}";
inline constexpr char kConcernName[] = "concerns/{number}";
inline constexpr char kAuthorityName[] = "authorities/{id}";

// A name flag's value, checked against `pattern`; empty if not given.
absl::StatusOr<std::string> OptionalNameFlag(absl::string_view flag,
                                             const std::string& value,
                                             absl::string_view pattern);

// A name flag's value, checked against `pattern`; an error if not given.
absl::StatusOr<std::string> RequiredNameFlag(absl::string_view flag,
                                             const std::string& value,
                                             absl::string_view pattern);

// --provider and --framework, checked; empty if not given and not
// `required`.
absl::StatusOr<std::string> ProviderFlag(bool required);
absl::StatusOr<std::string> FrameworkFlag(bool required);

// --provider and --framework of a list: `exactly_one`, or at least one.
absl::StatusOr<std::pair<std::string, std::string>> ListScope(bool exactly_one);

// The positional argument `index`, checked against `pattern`.
absl::Status CheckArg(const Args& args, size_t index,
                      absl::string_view pattern);

// --file, required, read as protobuf JSON into `message`.
absl::Status ReadFileFlag(google::protobuf::Message* message);

// --file, required, holding a list of the elements of `field` of `message`
// or a whole `message`; `fix_element` as for ReadJsonListFile (input.h).
absl::Status ReadListFileFlag(
    absl::string_view field, google::protobuf::Message* message,
    const std::function<absl::Status(google::protobuf::Value*)>& fix_element =
        nullptr);

// A value a command's argument or flag gives, and which --file may also
// give: the file may leave it out or repeat it, not contradict it.
absl::Status Agree(absl::string_view what, absl::string_view in_file,
                   absl::string_view given);

// A required positive number flag.
absl::Status CheckPositive(absl::string_view flag, int value);

// A required coordinate, -limit to limit degrees.
absl::StatusOr<double> ParseCoordinate(absl::string_view flag,
                                       absl::string_view text, double limit);

// Plan items may give "dueDate" as "YYYY-MM-DD"; a `fix_element` for
// ReadListFileFlag.
absl::Status DueDateShorthand(google::protobuf::Value* item);

}  // namespace fhub::cli
