#pragma once

// Calendar dates and instants as they cross the API (fhub.common.v1.Date,
// google.protobuf.Timestamp), checked on the way in.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "fhub/common/v1/types.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace fhub {

// True if any part of the date is set.
bool IsSet(const common::v1::Date& date);

// INVALID_ARGUMENT naming `field` unless `date` is a real calendar date in
// 1900-9999.
absl::StatusOr<absl::CivilDay> FromProto(const common::v1::Date& date,
                                         absl::string_view field);
void ToProto(absl::CivilDay day, common::v1::Date* date);
void ToProto(absl::Time at, google::protobuf::Timestamp* timestamp);
absl::Time FromProto(const google::protobuf::Timestamp& timestamp);

// "2026-04-01" -> Date; false if not a real date.
bool ParseDate(absl::string_view text, common::v1::Date* date);

}  // namespace fhub
