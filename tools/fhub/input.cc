#include "tools/fhub/input.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "common/resource_name.h"
#include "google/protobuf/util/json_util.h"

namespace fhub::cli {
namespace {

absl::Status BadDate(absl::string_view flag, absl::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat(flag, " '", text,
                   "' is not a date of the form YYYY-MM-DD, e.g. 2025-04-01"));
}

bool AllDigits(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(c)) {
      return false;
    }
  }
  return true;
}

absl::StatusOr<std::string> ReadAll(absl::string_view path) {
  std::stringstream contents;
  if (path == "-") {
    contents << std::cin.rdbuf();
    return contents.str();
  }
  const std::string file_name(path);
  std::ifstream in(file_name);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read '", path, "': ", std::strerror(errno)));
  }
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace

std::string FlagOrEnv(std::string flag_value, const char* env,
                      std::string fallback) {
  if (!flag_value.empty()) {
    return flag_value;
  }
  const char* value = std::getenv(env);
  if (value != nullptr && *value != '\0') {
    return value;
  }
  return fallback;
}

absl::Status CheckName(absl::string_view name, absl::string_view collection) {
  return ParseResourceName(name, collection).status();
}

absl::Status CheckChildName(absl::string_view name,
                            absl::string_view collection,
                            absl::string_view sub_collection) {
  return ParseChildName(name, collection, sub_collection).status();
}

absl::Status CheckRequired(absl::string_view flag, absl::string_view value) {
  if (value.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(flag, " is required"));
  }
  return absl::OkStatus();
}

absl::StatusOr<common::v1::Date> ParseDate(absl::string_view flag,
                                           absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() != 2 ||
      parts[2].size() != 2 || !AllDigits(parts[0]) || !AllDigits(parts[1]) ||
      !AllDigits(parts[2])) {
    return BadDate(flag, text);
  }
  int year = 0;
  int month = 0;
  int day = 0;
  if (!absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) ||
      !absl::SimpleAtoi(parts[2], &day)) {
    return BadDate(flag, text);
  }
  // CivilDay normalises 2025-02-30 to 2025-03-02; a real day is unchanged.
  absl::CivilDay civil(year, month, day);
  if (civil.year() != year || civil.month() != month || civil.day() != day) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", text, "' is not a day of the calendar"));
  }
  if (year < 1900) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", text, "' is before 1900"));
  }
  common::v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

absl::StatusOr<int> ParseEnumValue(const google::protobuf::EnumDescriptor& type,
                                   absl::string_view flag,
                                   absl::string_view text) {
  std::vector<std::string> allowed;
  for (int i = 0; i < type.value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor& value = *type.value(i);
    if (value.number() == 0) {
      continue;
    }
    if (value.name() == absl::AsciiStrToUpper(text)) {
      return value.number();
    }
    allowed.push_back(value.name());
  }
  std::string prefix = text.empty() ? absl::StrCat(flag, " is required")
                                    : absl::StrCat(flag, " '", text, "'");
  return absl::InvalidArgumentError(
      absl::StrCat(prefix, ": give one of ", absl::StrJoin(allowed, ", ")));
}

absl::Status ReadJsonFile(absl::string_view path,
                          google::protobuf::Message* message) {
  absl::StatusOr<std::string> json = ReadAll(path);
  if (!json.ok()) {
    return json.status();
  }
  auto status = google::protobuf::util::JsonStringToMessage(*json, message);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path == "-" ? "stdin" : absl::StrCat("'", path, "'"),
                     " does not hold a ", message->GetDescriptor()->name(),
                     " in protobuf JSON: ", status.message().ToString()));
  }
  return absl::OkStatus();
}

}  // namespace fhub::cli
