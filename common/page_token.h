#pragma once

// List paging: page sizes and opaque page tokens. A token carries the key of
// the last item returned and the list it belongs to, so a token from one list
// is refused by another.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

// 0 -> the default; above the maximum -> the maximum; negative ->
// INVALID_ARGUMENT.
absl::StatusOr<int> PageSize(int requested);

// A token resuming `list` after `last_key`.
std::string EncodePageToken(absl::string_view list, absl::string_view last_key);

// The key to resume after; empty for an empty token. INVALID_ARGUMENT for a
// token that is malformed or belongs to another list.
absl::StatusOr<std::string> DecodePageToken(absl::string_view list,
                                            absl::string_view token);

}  // namespace fhub
