#include "common/db/values.h"

#include "absl/strings/str_format.h"

namespace fhub::db {

std::string SqlDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

absl::CivilDay ParseSqlDate(absl::string_view text) {
  absl::CivilDay day;
  absl::ParseCivilTime(text, &day);
  return day;
}

std::string SqlTimestamp(absl::Time at) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", at, absl::UTCTimeZone());
}

absl::Time FromEpochMicros(int64_t micros) {
  return absl::FromUnixMicros(micros);
}

}  // namespace fhub::db
