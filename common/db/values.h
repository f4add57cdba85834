#pragma once

// Dates and instants as they cross to and from PostgreSQL: dates as ISO text
// ('2026-04-01'), instants as ISO text in UTC going in and as microseconds
// since the epoch coming out (SELECT ... epoch_us(create_time)).

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace fhub::db {

std::string SqlDate(absl::CivilDay day);
// Parses 'YYYY-MM-DD' as PostgreSQL prints a date with DateStyle ISO.
absl::CivilDay ParseSqlDate(absl::string_view text);

std::string SqlTimestamp(absl::Time at);
absl::Time FromEpochMicros(int64_t micros);

}  // namespace fhub::db
