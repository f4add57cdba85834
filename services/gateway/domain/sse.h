#pragma once

// Server-Sent Events (the WHATWG HTML standard, "text/event-stream"): how a
// server stream of the hub reaches an HTTP caller. Each message is one
// event whose data is the message's JSON; an event with an id lets the
// caller resume after it with the Last-Event-ID header.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub::gateway {

// One event: "id: <id>\n" (if any), "event: <type>\n" (if any), one
// "data: " line per line of `data`, then a blank line.
std::string SseEvent(absl::string_view data, absl::string_view id = "",
                     absl::string_view type = "");

// A comment line that keeps an idle connection open through proxies.
inline constexpr absl::string_view kSseKeepAlive = ": keep-alive\n\n";

// The sequence a Last-Event-ID header names: a whole number from 0;
// INVALID_ARGUMENT naming the header otherwise.
absl::StatusOr<int64_t> ParseLastEventId(absl::string_view header);

}  // namespace fhub::gateway
