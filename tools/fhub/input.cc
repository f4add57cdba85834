#include "tools/fhub/input.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/proto_values.h"
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

constexpr char kRfc3339Example[] =
    "an RFC 3339 time in 1900 to 9999 with its offset, e.g. "
    "2027-01-31T17:00:00Z or 2027-06-30T17:00:00+01:00";

// An RFC 3339 time in 1900 to 9999 (absl::ParseTime alone would also take
// "infinite-future").
bool ParseRfc3339(absl::string_view text, absl::Time* time) {
  static const absl::Time kFirst =
      absl::FromCivil(absl::CivilSecond(1900, 1, 1), absl::UTCTimeZone());
  static const absl::Time kAfterLast =
      absl::FromCivil(absl::CivilSecond(10000, 1, 1), absl::UTCTimeZone());
  std::string error;
  return absl::ParseTime(absl::RFC3339_full, text, time, &error) &&
         *time >= kFirst && *time < kAfterLast;
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

absl::Status CheckNumberedName(absl::string_view name,
                               absl::string_view collection,
                               absl::string_view sub_collection) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  // Up to 18 digits: any such number fits an int64.
  if (parts.size() != 4 || parts[0] != collection || !IsResourceId(parts[1]) ||
      parts[2] != sub_collection || parts[3].empty() || parts[3].size() > 18 ||
      parts[3][0] == '0' || !AllDigits(parts[3])) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", name, "' is not a name of the form ", collection,
                     "/{id}/", sub_collection, "/{number}"));
  }
  return absl::OkStatus();
}

absl::Status CheckNamePattern(absl::string_view name,
                              absl::string_view pattern) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  std::vector<absl::string_view> wanted = absl::StrSplit(pattern, '/');
  bool ok = parts.size() == wanted.size();
  for (size_t i = 0; ok && i < parts.size(); ++i) {
    if (wanted[i] == "{id}") {
      ok = IsResourceId(parts[i]);
    } else if (wanted[i] == "{number}") {
      // Up to 18 digits: any such number fits an int64.
      ok = !parts[i].empty() && parts[i].size() <= 18 && parts[i][0] != '0' &&
           AllDigits(parts[i]);
    } else {
      ok = parts[i] == wanted[i];
    }
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", name, "' is not a name of the form ", pattern));
  }
  return absl::OkStatus();
}

absl::Status CheckLotId(absl::string_view flag, absl::string_view id) {
  bool ok = !id.empty() && id.size() <= 63 && id[0] != '-';
  for (char c : id) {
    ok = ok && (absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-');
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", id,
                     "' is not a lot id: 1 to 63 lowercase letters, digits "
                     "or hyphens, e.g. lot-1"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> ParseLotIds(absl::string_view flag,
                                                     absl::string_view text) {
  std::vector<std::string> lots;
  for (absl::string_view lot :
       absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    lot = absl::StripAsciiWhitespace(lot);
    if (absl::Status status = CheckLotId(flag, lot); !status.ok()) {
      return status;
    }
    if (std::find(lots.begin(), lots.end(), lot) != lots.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, " names '", lot, "' twice"));
    }
    lots.emplace_back(lot);
  }
  return lots;
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

absl::StatusOr<google::protobuf::Timestamp> ParseTime(absl::string_view flag,
                                                      absl::string_view text) {
  absl::Time time;
  if (!ParseRfc3339(text, &time)) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", text, "' is not ", kRfc3339Example));
  }
  google::protobuf::Timestamp timestamp;
  ToProto(time, &timestamp);
  return timestamp;
}

absl::StatusOr<google::protobuf::Timestamp> ParseCloseTime(
    absl::string_view flag, absl::string_view text) {
  absl::Time time;
  if (text.size() == 10 && !absl::StrContains(text, ':')) {
    absl::StatusOr<common::v1::Date> date = ParseDate(flag, text);
    if (!date.ok()) {
      return date.status();
    }
    time = absl::FromCivil(
        absl::CivilSecond(date->year(), date->month(), date->day(), 17),
        UkTimeZone());
  } else if (!ParseRfc3339(text, &time)) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", text, "' is neither ", kRfc3339Example,
                     " nor a date YYYY-MM-DD (17:00 UK time that day)"));
  }
  google::protobuf::Timestamp timestamp;
  ToProto(time, &timestamp);
  return timestamp;
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

namespace fhub::cli {

absl::Status ReadJsonListFile(
    absl::string_view flag, absl::string_view path, absl::string_view field,
    google::protobuf::Message* message,
    const std::function<absl::Status(google::protobuf::Value*)>& fix_element) {
  const std::string source =
      path == "-" ? "stdin" : absl::StrCat("'", path, "'");
  const google::protobuf::FieldDescriptor* list_field =
      message->GetDescriptor()->FindFieldByName(std::string(field));
  if (list_field == nullptr || !list_field->is_repeated() ||
      list_field->message_type() == nullptr) {
    return absl::InternalError(
        absl::StrCat(message->GetDescriptor()->full_name(),
                     " has no repeated message field ", field));
  }
  absl::StatusOr<std::string> json = ReadAll(path);
  if (!json.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": ", json.status().message()));
  }
  google::protobuf::Value value;
  if (!google::protobuf::util::JsonStringToMessage(*json, &value).ok() ||
      (value.kind_case() != google::protobuf::Value::kListValue &&
       value.kind_case() != google::protobuf::Value::kStructValue)) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, ": ", source, " does not hold a JSON list or object"));
  }
  if (value.has_list_value()) {
    google::protobuf::Value whole;
    *(*whole.mutable_struct_value()->mutable_fields())[list_field->json_name()]
         .mutable_list_value() = value.list_value();
    value = std::move(whole);
  }
  if (fix_element) {
    auto& fields = *value.mutable_struct_value()->mutable_fields();
    for (const std::string& key :
         {list_field->json_name(), list_field->name()}) {
      auto list = fields.find(key);
      if (list == fields.end() || !list->second.has_list_value()) {
        continue;
      }
      for (google::protobuf::Value& element :
           *list->second.mutable_list_value()->mutable_values()) {
        if (absl::Status status = fix_element(&element); !status.ok()) {
          return absl::InvalidArgumentError(
              absl::StrCat(flag, ": ", source, ": ", status.message()));
        }
      }
    }
  }
  std::string normalised;
  auto printed =
      google::protobuf::util::MessageToJsonString(value, &normalised);
  auto parsed = printed.ok() ? google::protobuf::util::JsonStringToMessage(
                                   normalised, message)
                             : printed;
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, ": ", source, " holds neither a list of ",
        list_field->message_type()->name(), " nor ",
        absl::StrContains("AEIOU", message->GetDescriptor()->name()[0]) ? "an "
                                                                        : "a ",
        message->GetDescriptor()->name(),
        " in protobuf JSON: ", parsed.message().ToString()));
  }
  return absl::OkStatus();
}

}  // namespace fhub::cli
