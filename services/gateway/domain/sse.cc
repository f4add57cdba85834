#include "services/gateway/domain/sse.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace fhub::gateway {

std::string SseEvent(absl::string_view data, absl::string_view id,
                     absl::string_view type) {
  std::string out;
  // Neither field may hold a line break: it would end the field early.
  if (!id.empty() && id.find_first_of("\r\n") == absl::string_view::npos) {
    absl::StrAppend(&out, "id: ", id, "\n");
  }
  if (!type.empty() && type.find_first_of("\r\n") == absl::string_view::npos) {
    absl::StrAppend(&out, "event: ", type, "\n");
  }
  for (absl::string_view line : absl::StrSplit(data, '\n')) {
    absl::ConsumeSuffix(&line, "\r");
    absl::StrAppend(&out, "data: ", line, "\n");
  }
  out.push_back('\n');
  return out;
}

absl::StatusOr<int64_t> ParseLastEventId(absl::string_view header) {
  int64_t sequence = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(header), &sequence) ||
      sequence < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("Last-Event-ID must be the sequence of an event this "
                     "stream sent (a whole number from 0); got \"",
                     header, "\""));
  }
  return sequence;
}

}  // namespace fhub::gateway
