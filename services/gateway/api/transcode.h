#pragma once

// Turning an HTTP request into the request message of an rpc, and messages
// into JSON, by protobuf's JSON mapping (proto3 JSON: lowerCamel names,
// enums by name, int64 as strings, Timestamps as RFC 3339).
//
// A request message is built from, in this order (later wins):
// 1. the body, where the rule has one: "*" is the whole message, a field
//    name puts the body in that field; a rule without a body refuses one;
// 2. query parameters, for fields the body does not carry: "page_size=5",
//    dotted paths into messages ("wanted_by.year=2027"), proto or JSON
//    names, repeated fields by repetition ("needs=A&needs=B"), and, as a
//    convenience, a date as "2027-01-31" for a fhub.common.v1.Date field;
// 3. the path's variables (e.g. name=frameworks/nw-16plus).
// Unknown fields, in the body or the query, are refused by name, as is
// malformed JSON; every refusal is INVALID_ARGUMENT saying what to fix.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/gateway/domain/path_template.h"

namespace fhub::gateway {

struct HttpRequestParts {
  std::vector<Binding> bindings;
  // Decoded query parameters in the order given.
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;
  // From the Idempotency-Key header: fills an empty request_id.
  std::string idempotency_key;
  // From the Last-Event-ID header: sets after_sequence (over the query's).
  std::optional<int64_t> last_event_id;
};

// Fills `request` (an empty message of the rpc's input type) for a rule
// whose body is `body_rule` ("", "*" or a top-level field name).
absl::Status BuildRequest(absl::string_view body_rule,
                          const HttpRequestParts& parts,
                          google::protobuf::Message* request);

// The message as compact proto3 JSON (one line).
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message);

// The field `path` ("setting.name") names in `type`, following message
// fields, by proto or JSON names; nullptr if there is none. The fields on
// the way are returned in `route` (the last is the one named).
const google::protobuf::FieldDescriptor* FindFieldPath(
    const google::protobuf::Descriptor* type, absl::string_view path,
    std::vector<const google::protobuf::FieldDescriptor*>* route = nullptr);

// The string field `request_id`, if the message has one.
const google::protobuf::FieldDescriptor* RequestIdField(
    const google::protobuf::Descriptor* type);

}  // namespace fhub::gateway
