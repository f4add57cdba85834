// The input the registry's request builders share (registry_input.h).
// --file, --provider and --framework are defined here, beside the helpers
// that read them; the builders' other flags are in registry_requests.cc.

#include "tools/fhub/registry_input.h"

#include <cmath>
#include <functional>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "tools/fhub/input.h"

ABSL_FLAG(std::string, file, "",
          "providers, settings, questionnaire, applications create/score, "
          "suspensions create: the JSON input (see 'fhub help'); "
          "price-books create, rate-cards add/correct: the extras instead "
          "of --extras; referrals create: a Referral instead of its flags; "
          "--file=- reads stdin");
ABSL_FLAG(std::string, provider, "",
          "applications, accreditations, suspensions, concerns, price-books "
          "create, quote, quote-range, check-offer, block-contracts create: "
          "the provider; invitations list/watch, placements list: yours, "
          "default the token's org; providers/ID");
ABSL_FLAG(std::string, framework, "",
          "applications, accreditations, suspensions, providers remove, "
          "concerns, price-books create/list, quote, quote-range, "
          "check-offer, referrals create, block-contracts create, figures, "
          "placement-counts: the framework, frameworks/ID");

namespace fhub::cli {

absl::StatusOr<std::string> OptionalNameFlag(absl::string_view flag,
                                             const std::string& value,
                                             absl::string_view pattern) {
  if (!value.empty()) {
    if (absl::Status status = CheckNamePattern(value, pattern); !status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, " ", status.message()));
    }
  }
  return value;
}

absl::StatusOr<std::string> RequiredNameFlag(absl::string_view flag,
                                             const std::string& value,
                                             absl::string_view pattern) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, value));
  return OptionalNameFlag(flag, value, pattern);
}

absl::StatusOr<std::string> ProviderFlag(bool required) {
  return required
             ? RequiredNameFlag("--provider", absl::GetFlag(FLAGS_provider),
                                kProviderName)
             : OptionalNameFlag("--provider", absl::GetFlag(FLAGS_provider),
                                kProviderName);
}

absl::StatusOr<std::string> FrameworkFlag(bool required) {
  return required
             ? RequiredNameFlag("--framework", absl::GetFlag(FLAGS_framework),
                                kFrameworkName)
             : OptionalNameFlag("--framework", absl::GetFlag(FLAGS_framework),
                                kFrameworkName);
}

absl::StatusOr<std::pair<std::string, std::string>> ListScope(
    bool exactly_one) {
  FHUB_ASSIGN_OR_RETURN(std::string provider, ProviderFlag(false));
  FHUB_ASSIGN_OR_RETURN(std::string framework, FrameworkFlag(false));
  if (provider.empty() && framework.empty()) {
    return absl::InvalidArgumentError(
        exactly_one ? "--provider or --framework is required"
                    : "--provider or --framework (or both) is required");
  }
  if (exactly_one && !provider.empty() && !framework.empty()) {
    return absl::InvalidArgumentError(
        "give one of --provider and --framework, not both");
  }
  return std::make_pair(std::move(provider), std::move(framework));
}

absl::Status CheckArg(const Args& args, size_t index,
                      absl::string_view pattern) {
  return CheckNamePattern(args[index], pattern);
}

absl::Status ReadFileFlag(google::protobuf::Message* message) {
  std::string path = absl::GetFlag(FLAGS_file);
  FHUB_RETURN_IF_ERROR(CheckRequired("--file", path));
  if (absl::Status status = ReadJsonFile(path, message); !status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--file: ", status.message()));
  }
  return absl::OkStatus();
}

absl::Status ReadListFileFlag(
    absl::string_view field, google::protobuf::Message* message,
    const std::function<absl::Status(google::protobuf::Value*)>& fix_element) {
  std::string path = absl::GetFlag(FLAGS_file);
  FHUB_RETURN_IF_ERROR(CheckRequired("--file", path));
  return ReadJsonListFile("--file", path, field, message, fix_element);
}

absl::Status Agree(absl::string_view what, absl::string_view in_file,
                   absl::string_view given) {
  if (!in_file.empty() && in_file != given) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--file gives ", what, " '", in_file, "', the command '", given, "'"));
  }
  return absl::OkStatus();
}

absl::Status CheckPositive(absl::string_view flag, int value) {
  if (value == 0) {
    return absl::InvalidArgumentError(absl::StrCat(flag, " is required"));
  }
  if (value < 0) {
    return absl::InvalidArgumentError(absl::StrCat(flag, " must be 1 or more"));
  }
  return absl::OkStatus();
}

absl::StatusOr<double> ParseCoordinate(absl::string_view flag,
                                       absl::string_view text, double limit) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  double value = 0;
  if (!absl::SimpleAtod(text, &value) || !std::isfinite(value) ||
      std::fabs(value) > limit) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", text, "' is not a number of degrees from -",
                     limit, " to ", limit));
  }
  return value;
}

absl::Status DueDateShorthand(google::protobuf::Value* item) {
  if (!item->has_struct_value()) {
    return absl::OkStatus();
  }
  auto& fields = *item->mutable_struct_value()->mutable_fields();
  for (const char* key : {"dueDate", "due_date"}) {
    auto due = fields.find(key);
    if (due == fields.end() || !due->second.has_string_value()) {
      continue;
    }
    FHUB_ASSIGN_OR_RETURN(common::v1::Date date,
                          ParseDate(key, due->second.string_value()));
    auto& parts = *due->second.mutable_struct_value()->mutable_fields();
    parts["year"].set_number_value(date.year());
    parts["month"].set_number_value(date.month());
    parts["day"].set_number_value(date.day());
  }
  return absl::OkStatus();
}

}  // namespace fhub::cli
