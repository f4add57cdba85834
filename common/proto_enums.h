#pragma once

// Proto enums <-> domain enums through the domain's name tables
// (common/enum_names.h): both sides spell each value the same way.

#include <array>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/enum_names.h"

namespace fhub {

// Proto enum (by its generated name) -> domain enum; INVALID_ARGUMENT
// naming `field` and the allowed values for UNSPECIFIED or an unknown
// number.
template <typename E, size_t N>
absl::StatusOr<E> FromProtoName(const std::array<EnumName<E>, N>& table,
                                const std::string& proto_name,
                                absl::string_view field) {
  if (auto value = ValueOf(table, proto_name)) return *value;
  std::string allowed;
  for (const auto& entry : table) {
    absl::StrAppend(&allowed, allowed.empty() ? "" : ", ", entry.name);
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field, " must be one of ", allowed));
}

// Domain enum -> proto enum, parsed from the shared name.
template <typename P, typename E, size_t N>
P ToProtoEnum(const std::array<EnumName<E>, N>& table, E value,
              bool (*parse)(const std::string&, P*)) {
  P out{};
  parse(std::string(NameOf(table, value)), &out);
  return out;
}

}  // namespace fhub
