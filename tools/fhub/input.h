#pragma once

// Reading what the user typed: resource names, dates, enum names and JSON
// files. Every error names the argument or flag and says what a good value
// looks like; none of them is fatal.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fhub/common/v1/types.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "google/protobuf/message.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace fhub::cli {

// A flag's value if given, else the environment variable `env` if set and
// not empty, else `fallback`.
std::string FlagOrEnv(std::string flag_value, const char* env,
                      std::string fallback = "");

// INVALID_ARGUMENT unless `name` is "{collection}/{id}".
absl::Status CheckName(absl::string_view name, absl::string_view collection);

// INVALID_ARGUMENT unless `name` is "{collection}/{id}/{sub_collection}/{id}".
absl::Status CheckChildName(absl::string_view name,
                            absl::string_view collection,
                            absl::string_view sub_collection);

// INVALID_ARGUMENT unless `name` is
// "{collection}/{id}/{sub_collection}/{number}", the number counting from 1,
// e.g. "frameworks/nw-16plus/ballots/2".
absl::Status CheckNumberedName(absl::string_view name,
                               absl::string_view collection,
                               absl::string_view sub_collection);

// INVALID_ARGUMENT unless `name` has the form of `pattern`, whose segments
// are literals, "{id}" for a resource id and "{number}" for a number counting
// from 1; e.g. "providers/{id}/settings/{id}/vacancies/{number}".
absl::Status CheckNamePattern(absl::string_view name,
                              absl::string_view pattern);

// INVALID_ARGUMENT naming `flag` unless `id` is a lot id: 1 to 63 lowercase
// letters, digits and hyphens, starting with a letter or digit.
absl::Status CheckLotId(absl::string_view flag, absl::string_view id);

// "lot-1,lot-2" -> {"lot-1", "lot-2"}: each a lot id, none twice; empty text
// gives none. INVALID_ARGUMENT naming `flag` otherwise.
absl::StatusOr<std::vector<std::string>> ParseLotIds(absl::string_view flag,
                                                     absl::string_view text);

// INVALID_ARGUMENT naming `flag` unless `value` is set.
absl::Status CheckRequired(absl::string_view flag, absl::string_view value);

// "2025-04-01" -> {2025, 4, 1}; INVALID_ARGUMENT naming `flag` unless `text`
// is a real day written YYYY-MM-DD.
absl::StatusOr<common::v1::Date> ParseDate(absl::string_view flag,
                                           absl::string_view text);

// "2027-01-31T17:00:00Z" -> the instant; INVALID_ARGUMENT naming `flag`
// unless `text` is an RFC 3339 time with its offset, in 1900 to 9999.
absl::StatusOr<google::protobuf::Timestamp> ParseTime(absl::string_view flag,
                                                      absl::string_view text);

// As ParseTime, but a plain date YYYY-MM-DD also means 17:00 UK time
// (Europe/London, GMT or BST) that day: the close of business.
absl::StatusOr<google::protobuf::Timestamp> ParseCloseTime(
    absl::string_view flag, absl::string_view text);

// The number of the value named `text` (case-insensitive) in `type`, other
// than the unspecified value 0; INVALID_ARGUMENT naming `flag` and listing
// the names allowed otherwise.
absl::StatusOr<int> ParseEnumValue(const google::protobuf::EnumDescriptor& type,
                                   absl::string_view flag,
                                   absl::string_view text);

template <typename Enum>
absl::StatusOr<Enum> ParseEnum(absl::string_view flag, absl::string_view text) {
  absl::StatusOr<int> value =
      ParseEnumValue(*google::protobuf::GetEnumDescriptor<Enum>(), flag, text);
  if (!value.ok()) {
    return value.status();
  }
  return static_cast<Enum>(*value);
}

// Fills `message` from the protobuf JSON in file `path` ("-" reads stdin).
// INVALID_ARGUMENT if the file cannot be read or does not hold such a
// message (unknown fields included).
absl::Status ReadJsonFile(absl::string_view path,
                          google::protobuf::Message* message);

// Fills the repeated message field `field` (its proto name, e.g. "answers")
// of `message` from the JSON in file `path` ("-" reads stdin), which holds
// either a list of the field's elements or a whole `message`, in protobuf
// JSON. `fix_element`, if given, may rewrite each element (a JSON value)
// before it is read, e.g. to accept a shorthand. INVALID_ARGUMENT naming
// `flag` if the file cannot be read or does not hold such a list.
absl::Status ReadJsonListFile(
    absl::string_view flag, absl::string_view path, absl::string_view field,
    google::protobuf::Message* message,
    const std::function<absl::Status(google::protobuf::Value*)>& fix_element =
        nullptr);

}  // namespace fhub::cli
