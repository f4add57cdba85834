#pragma once

// Resource names and ids, "frameworks/nw-16plus/members/sefton", checked the
// same way in every service so that errors name the field and say what a
// good value looks like.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub {

// A resource id: 2 to 63 characters of lowercase letters, digits and
// hyphens, starting with a letter and not ending with a hyphen.
bool IsResourceId(absl::string_view id);

// INVALID_ARGUMENT naming `field` unless `id` is a resource id.
absl::Status CheckResourceId(absl::string_view field, absl::string_view id);

// Parses "{collection}/{id}" into the id: INVALID_ARGUMENT otherwise.
absl::StatusOr<std::string> ParseResourceName(absl::string_view name,
                                              absl::string_view collection);

// Parses "{collection}/{id}/{sub_collection}/{sub_id}" into the two ids.
absl::StatusOr<std::pair<std::string, std::string>> ParseChildName(
    absl::string_view name, absl::string_view collection,
    absl::string_view sub_collection);

// The id of a "{collection}/{id}" name held in request field `field`;
// INVALID_ARGUMENT naming `field` if it is empty or not such a name.
absl::StatusOr<std::string> ParseName(absl::string_view field,
                                      absl::string_view name,
                                      absl::string_view collection);

// "applications/12" -> "12"; INVALID_ARGUMENT naming `field` unless the
// number is a positive integer written plainly.
absl::StatusOr<std::string> ParseNumbered(absl::string_view field,
                                          absl::string_view name,
                                          absl::string_view collection);

// INVALID_ARGUMENT naming `field` unless `request_id` is 1 to 128 printable
// ASCII characters.
absl::Status CheckRequestId(absl::string_view request_id);

// INVALID_ARGUMENT naming `field` unless `text` is valid UTF-8 of
// `min_chars` to `max_chars` characters with no control characters other
// than newline and tab.
absl::Status CheckText(absl::string_view field, absl::string_view text,
                       size_t min_chars, size_t max_chars);

}  // namespace fhub
