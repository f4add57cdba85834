#include "common/proto_values.h"

#include "absl/strings/str_cat.h"

namespace fhub {

bool IsSet(const common::v1::Date& date) {
  return date.year() != 0 || date.month() != 0 || date.day() != 0;
}

absl::StatusOr<absl::CivilDay> FromProto(const common::v1::Date& date,
                                         absl::string_view field) {
  const absl::CivilDay day(date.year(), date.month(), date.day());
  if (date.year() < 1900 || date.year() > 9999 || day.year() != date.year() ||
      day.month() != date.month() || day.day() != date.day()) {
    if (!IsSet(date)) {
      return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
    }
    return absl::InvalidArgumentError(absl::StrCat(
        field, " ", date.year(), "-", date.month(), "-", date.day(),
        " is not a calendar date between 1900 and 9999"));
  }
  return day;
}

void ToProto(absl::CivilDay day, common::v1::Date* date) {
  date->set_year(static_cast<int32_t>(day.year()));
  date->set_month(day.month());
  date->set_day(day.day());
}

void ToProto(absl::Time at, google::protobuf::Timestamp* timestamp) {
  const int64_t micros = absl::ToUnixMicros(at);
  int64_t seconds = micros / 1000000;
  int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  timestamp->set_seconds(seconds);
  timestamp->set_nanos(static_cast<int32_t>(rest * 1000));
}

absl::Time FromProto(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) +
         absl::Nanoseconds(timestamp.nanos());
}

bool ParseDate(absl::string_view text, common::v1::Date* date) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) return false;
  date->set_year(static_cast<int32_t>(day.year()));
  date->set_month(day.month());
  date->set_day(day.day());
  return true;
}

}  // namespace fhub
