#pragma once

// Proto messages <-> domain types. Conversions into the domain check what a
// type alone can check (enum values, calendar dates) and name the field.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "fhub/frameworks/v1/frameworks.pb.h"
#include "services/frameworks/domain/model.h"

namespace fhub::frameworks {

using ::fhub::ParseName;

// Dates and instants convert as everywhere in the hub.
using ::fhub::FromProto;
using ::fhub::ToProto;

absl::StatusOr<AuthorityKind> FromProto(v1::AuthorityKind kind);
void ToProto(const Authority& authority, v1::Authority* out);

// The framework a CreateFramework request describes (id from the request).
absl::StatusOr<Framework> FromProto(const v1::CreateFrameworkRequest& request);
void ToProto(const Framework& framework, v1::Framework* out);

absl::StatusOr<StrategicLead> FromProto(const common::v1::Contact& contact);
// `today` decides whether the membership is shown ACTIVE or CEASED.
void ToProto(const Membership& membership, absl::CivilDay today,
             v1::Membership* out);

}  // namespace fhub::frameworks
