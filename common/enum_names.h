#pragma once

// Enum <-> name tables. Domain enums are stored in PostgreSQL as text and
// cross the API as proto enums; both use the same names, kept in one table
// per enum.

#include <array>
#include <cstddef>
#include <optional>

#include "absl/strings/string_view.h"

namespace fhub {

template <typename E>
struct EnumName {
  E value;
  absl::string_view name;
};

template <typename E, size_t N>
constexpr absl::string_view NameOf(const std::array<EnumName<E>, N>& table,
                                   E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "";
}

template <typename E, size_t N>
constexpr std::optional<E> ValueOf(const std::array<EnumName<E>, N>& table,
                                   absl::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

}  // namespace fhub
