#pragma once

// What every fuzz target does with its bytes: the first picks the request
// message, the rest is that message as the services receive it, in binary
// protobuf (gRPC) or JSON (the gateway's REST and Connect bodies). A
// status the services would answer must never be INTERNAL: bad input is
// the caller's mistake, and says which field.

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/json_util.h"

namespace fhub::fuzz {

// Protobuf logs every string field with bad UTF-8 it refuses; millions of
// such lines would drown a finding.
inline const bool kQuietProtobuf =
    (google::protobuf::SetLogHandler(nullptr), true);

struct Input {
  uint8_t which = 0;
  absl::string_view bytes;
};

inline bool Split(const uint8_t* data, size_t size, Input* input) {
  if (size < 1) return false;
  input->which = data[0];
  input->bytes = absl::string_view(reinterpret_cast<const char*>(data + 1),
                                   size - 1);
  return true;
}

// `message` from the bytes as binary protobuf, or else as JSON with the
// gateway's options (unknown fields refused).
inline bool Parse(absl::string_view bytes, google::protobuf::Message* message) {
  if (message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return true;
  }
  message->Clear();
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  return google::protobuf::util::JsonStringToMessage(
             std::string(bytes), message, options)
      .ok();
}

// Aborts (a finding) if `status` is one the services must never give for
// bad input.
inline void Check(const absl::Status& status, const char* what) {
  if (status.code() == absl::StatusCode::kInternal ||
      status.code() == absl::StatusCode::kUnknown ||
      (!status.ok() && status.message().empty())) {
    std::fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
    std::abort();
  }
}

}  // namespace fhub::fuzz
