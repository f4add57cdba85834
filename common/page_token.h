#pragma once

// List paging: page sizes and opaque page tokens. A token carries the key of
// the last item returned and the list it belongs to, so a token from one list
// is refused by another.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

// 0 -> the default; 1 to the maximum as asked; negative or above the
// maximum -> INVALID_ARGUMENT naming page_size (the protos say "1 to 200").
absl::StatusOr<int> PageSize(int requested);

// A token resuming `list` after `last_key`.
std::string EncodePageToken(absl::string_view list, absl::string_view last_key);

// The key to resume after; empty for an empty token. INVALID_ARGUMENT for a
// token that is malformed or belongs to another list.
absl::StatusOr<std::string> DecodePageToken(absl::string_view list,
                                            absl::string_view token);

// For lists of numbered items, newest first: the number to list below
// (INT_MAX for the first page). INVALID_ARGUMENT for a foreign token.
absl::StatusOr<int> DecodeBeforeNumber(absl::string_view list,
                                       absl::string_view token);

// The id a newest-first page of `list` resumes below: 0 for the first page;
// INVALID_ARGUMENT for a token another list gave out.
absl::StatusOr<int64_t> DecodeBeforeId(absl::string_view list,
                                       absl::string_view token);

// The id an oldest-first page of `list` resumes after: 0 for the first
// page; INVALID_ARGUMENT for a token another list gave out.
absl::StatusOr<int64_t> DecodeAfterId(absl::string_view list,
                                      absl::string_view token);

// Lists fetch one item more than a page to learn whether another page
// follows: drops it and says whether there was one.
template <typename T>
bool TrimToPage(std::vector<T>& items, int page_size) {
  if (static_cast<int>(items.size()) <= page_size) return false;
  items.resize(page_size);
  return true;
}

}  // namespace fhub
