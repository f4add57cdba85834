#include "common/page_token.h"

#include <limits>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace fhub {

absl::StatusOr<int> PageSize(int requested) {
  if (requested < 0 || requested > kMaxPageSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size must be 1 to ", kMaxPageSize, " (0 means ",
                     kDefaultPageSize, "); got ", requested));
  }
  return requested == 0 ? kDefaultPageSize : requested;
}

std::string EncodePageToken(absl::string_view list,
                            absl::string_view last_key) {
  return absl::WebSafeBase64Escape(absl::StrCat("v1|", list, "|", last_key));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view list,
                                            absl::string_view token) {
  if (token.empty()) return std::string();
  std::string plain;
  const std::string prefix = absl::StrCat("v1|", list, "|");
  if (!absl::WebSafeBase64Unescape(token, &plain) ||
      !absl::StartsWith(plain, prefix) || plain.size() == prefix.size()) {
    return absl::InvalidArgumentError(
        "page_token is not a token this list gave out");
  }
  return plain.substr(prefix.size());
}

absl::StatusOr<int> DecodeBeforeNumber(absl::string_view list,
                                       absl::string_view token) {
  auto key = DecodePageToken(list, token);
  if (!key.ok()) return key.status();
  if (key->empty()) return std::numeric_limits<int>::max();
  int before = 0;
  if (!absl::SimpleAtoi(*key, &before)) {
    return absl::InvalidArgumentError(
        "page_token is not a token this list gave out");
  }
  return before;
}

absl::StatusOr<int64_t> DecodeBeforeId(absl::string_view list,
                                       absl::string_view token) {
  FHUB_ASSIGN_OR_RETURN(std::string key, DecodePageToken(list, token));
  int64_t before = 0;
  if (!key.empty() && (!absl::SimpleAtoi(key, &before) || before <= 0)) {
    return absl::InvalidArgumentError(
        "page_token is not a token this list gave out");
  }
  return before;
}

absl::StatusOr<int64_t> DecodeAfterId(absl::string_view list,
                                      absl::string_view token) {
  // The same key: the id of the last item given.
  return DecodeBeforeId(list, token);
}

}  // namespace fhub
