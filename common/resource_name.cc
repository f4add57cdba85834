#include "common/resource_name.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace fhub {

bool IsResourceId(absl::string_view id) {
  if (id.size() < 2 || id.size() > 63) return false;
  if (!absl::ascii_islower(id.front()) || id.back() == '-') return false;
  for (char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') {
      return false;
    }
  }
  return true;
}

absl::Status CheckResourceId(absl::string_view field, absl::string_view id) {
  if (id.empty())
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  if (!IsResourceId(id)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " '", id,
        "' must be 2 to 63 lowercase letters, digits or hyphens, starting "
        "with a letter"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ParseResourceName(absl::string_view name,
                                              absl::string_view collection) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != collection || !IsResourceId(parts[1])) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", name, "' is not a name of the form ", collection, "/{id}"));
  }
  return std::string(parts[1]);
}

absl::StatusOr<std::pair<std::string, std::string>> ParseChildName(
    absl::string_view name, absl::string_view collection,
    absl::string_view sub_collection) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != collection ||
      parts[2] != sub_collection || !IsResourceId(parts[1]) ||
      !IsResourceId(parts[3])) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", name, "' is not a name of the form ", collection,
                     "/{id}/", sub_collection, "/{id}"));
  }
  return std::make_pair(std::string(parts[1]), std::string(parts[3]));
}

absl::Status CheckRequestId(absl::string_view request_id) {
  if (request_id.empty()) {
    return absl::InvalidArgumentError(
        "request_id is required: a key of your choosing that makes retries "
        "safe");
  }
  if (request_id.size() > 128) {
    return absl::InvalidArgumentError(
        "request_id must be at most 128 characters");
  }
  for (char c : request_id) {
    if (c < 0x21 || c > 0x7e) {
      return absl::InvalidArgumentError(
          "request_id must be printable ASCII without spaces");
    }
  }
  return absl::OkStatus();
}

namespace {

// Counts UTF-8 code points; false if `text` is not valid UTF-8 or holds a
// control character other than newline or tab.
bool CountCharacters(absl::string_view text, size_t* count) {
  *count = 0;
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80           ? 1
                    : (byte >> 5) == 0x6  ? 2
                    : (byte >> 4) == 0xe  ? 3
                    : (byte >> 3) == 0x1e ? 4
                                          : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code_point = length == 1 ? byte : byte & (0x7f >> length);
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next >> 6) != 0x2) return false;
      code_point = (code_point << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values above U+10FFFF are not
    // UTF-8 (RFC 3629), and PostgreSQL would refuse them later.
    constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10ffff ||
        (code_point >= 0xd800 && code_point <= 0xdfff)) {
      return false;
    }
    if (length == 1 && (byte < 0x20 || byte == 0x7f) && byte != '\n' &&
        byte != '\t') {
      return false;
    }
    i += length;
    ++*count;
  }
  return true;
}

}  // namespace

absl::Status CheckText(absl::string_view field, absl::string_view text,
                       size_t min_chars, size_t max_chars) {
  size_t count = 0;
  if (!CountCharacters(text, &count)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " must be UTF-8 text without control characters"));
  }
  if (min_chars > 0 && absl::StripAsciiWhitespace(text).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  if (count < min_chars) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " must be at least ", min_chars, " characters, got ", count));
  }
  if (count > max_chars) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " must be at most ", max_chars, " characters, got ", count));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ParseName(absl::string_view field,
                                      absl::string_view name,
                                      absl::string_view collection) {
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  auto id = ParseResourceName(name, collection);
  if (!id.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", id.status().message()));
  }
  return id;
}

absl::StatusOr<std::string> ParseNumbered(absl::string_view field,
                                          absl::string_view name,
                                          absl::string_view collection) {
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  const std::string prefix = absl::StrCat(collection, "/");
  int64_t number = 0;
  if (!absl::StartsWith(name, prefix) ||
      !absl::SimpleAtoi(name.substr(prefix.size()), &number) || number <= 0 ||
      absl::StrCat(prefix, number) != name) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": '", name, "' is not a name like ", collection, "/12"));
  }
  return absl::StrCat(number);
}

}  // namespace fhub
