#include "services/gateway/api/transcode.h"

#include <google/protobuf/util/json_util.h>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace fhub::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using Json = nlohmann::json;

constexpr char kDateType[] = "fhub.common.v1.Date";

const FieldDescriptor* FindField(const Descriptor* type,
                                 absl::string_view name) {
  const FieldDescriptor* field = type->FindFieldByName(std::string(name));
  if (field != nullptr) return field;
  for (int i = 0; i < type->field_count(); ++i) {
    if (type->field(i)->json_name() == name) return type->field(i);
  }
  return nullptr;
}

// nlohmann's messages start "[json.exception.parse_error.101] ".
std::string WithoutExceptionTag(absl::string_view what) {
  if (absl::StartsWith(what, "[json.exception.")) {
    const size_t end = what.find("] ");
    if (end != absl::string_view::npos) what.remove_prefix(end + 2);
  }
  return std::string(what);
}

// "2027-01-31" as a Date's JSON, or nullopt.
std::optional<Json> DateJson(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int year = 0, month = 0, day = 0;
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() != 2 ||
      parts[2].size() != 2 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) || !absl::SimpleAtoi(parts[2], &day)) {
    return std::nullopt;
  }
  return Json{{"year", year}, {"month", month}, {"day", day}};
}

// A query parameter's text as the JSON value its field takes.
absl::StatusOr<Json> QueryValue(const FieldDescriptor& field,
                                absl::string_view key,
                                absl::string_view text) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      if (text == "true" || text == "1") return Json(true);
      if (text == "false" || text == "0") return Json(false);
      return absl::InvalidArgumentError(absl::StrCat(
          "query parameter ", key, " must be true or false; got \"", text,
          "\""));
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t n = 0;
      if (absl::SimpleAtoi(text, &n)) return Json(n);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t n = 0;
      if (absl::SimpleAtoi(text, &n)) return Json(n);
      break;
    }
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double d = 0;
      if (absl::SimpleAtod(text, &d)) return Json(d);
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const std::string& type = field.message_type()->full_name();
      if (type == kDateType) {
        if (std::optional<Json> date = DateJson(text)) return *date;
        return absl::InvalidArgumentError(absl::StrCat(
            "query parameter ", key, " must be a date, YYYY-MM-DD; got \"",
            text, "\""));
      }
      // Well-known types with a JSON string form (Timestamp, Duration,
      // FieldMask) take the text as it is.
      if (absl::StartsWith(type, "google.protobuf.")) return Json(text);
      return absl::InvalidArgumentError(absl::StrCat(
          "query parameter ", key, " names a message (", type,
          "); give its fields, e.g. ", key, ".",
          field.message_type()->field_count() > 0
              ? field.message_type()->field(0)->name()
              : "field",
          "=..."));
    }
    default:
      return Json(text);
  }
  // Not a number: the JSON mapping's parser says why, naming the field.
  return Json(text);
}

// Where `route`'s last field goes in `root`, creating objects on the way.
// INVALID_ARGUMENT when a repeated message or a non-object is in the way.
absl::StatusOr<Json*> Slot(Json& root,
                           const std::vector<const FieldDescriptor*>& route,
                           absl::string_view key) {
  Json* at = &root;
  for (size_t i = 0; i + 1 < route.size(); ++i) {
    const FieldDescriptor* step = route[i];
    if (step->is_repeated()) {
      return absl::InvalidArgumentError(
          absl::StrCat(key, ": ", step->name(),
                       " is a list of messages; give it in the body"));
    }
    Json& next = (*at)[step->json_name()];
    if (next.is_null()) next = Json::object();
    if (!next.is_object()) {
      return absl::InvalidArgumentError(
          absl::StrCat(key, ": ", step->name(), " is not a message"));
    }
    at = &next;
  }
  return &(*at)[route.back()->json_name()];
}

absl::Status ParseBody(absl::string_view body_rule,
                       const HttpRequestParts& parts, const Descriptor* type,
                       Json& root) {
  const bool empty = absl::StripAsciiWhitespace(parts.body).empty();
  if (body_rule.empty()) {
    if (!empty) {
      return absl::InvalidArgumentError(
          "this method takes no request body; give its fields as query "
          "parameters");
    }
    return absl::OkStatus();
  }
  if (empty) return absl::OkStatus();
  Json body;
  try {
    body = Json::parse(parts.body);
  } catch (const Json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the request body is not valid JSON: ", WithoutExceptionTag(e.what())));
  }
  const FieldDescriptor* field = FindField(type, body_rule);
  if (field == nullptr) {
    return absl::InternalError(absl::StrCat("the HTTP rule's body field ",
                                            body_rule, " is not a field of ",
                                            type->full_name()));
  }
  root[field->json_name()] = std::move(body);
  return absl::OkStatus();
}

absl::Status AddQuery(absl::string_view body_rule,
                      const HttpRequestParts& parts, const Descriptor* type,
                      Json& root) {
  for (const auto& [key, text] : parts.query) {
    std::vector<const FieldDescriptor*> route;
    const FieldDescriptor* field = FindFieldPath(type, key, &route);
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "query parameter ", key, " is not a field of ", type->full_name()));
    }
    if (body_rule == "*" ||
        (!body_rule.empty() && FindField(type, body_rule) == route.front())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "query parameter ", key, ": this method takes ", key,
          " in the JSON body"));
    }
    absl::StatusOr<Json> value = QueryValue(*field, key, text);
    if (!value.ok()) return value.status();
    absl::StatusOr<Json*> slot = Slot(root, route, key);
    if (!slot.ok()) return slot.status();
    Json& target = **slot;
    if (field->is_repeated()) {
      if (target.is_null()) target = Json::array();
      target.push_back(*std::move(value));
    } else if (!target.is_null()) {
      return absl::InvalidArgumentError(
          absl::StrCat("query parameter ", key, " is given twice"));
    } else {
      target = *std::move(value);
    }
  }
  return absl::OkStatus();
}

// The JSON mapping's parse of `text` into `message`, refusals named.
absl::Status ParseJson(absl::string_view text, Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto parsed =
      google::protobuf::util::JsonStringToMessage(
          google::protobuf::StringPiece(text.data(), text.size()), message,
          options);
  if (parsed.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("the request does not fit ",
                   message->GetDescriptor()->full_name(), ": ",
                   std::string(parsed.message())));
}

absl::Status ParseWholeBody(absl::string_view body, Message* request) {
  absl::Status parsed = ParseJson(body, request);
  if (parsed.ok()) return parsed;
  // Why, in the caller's terms: not JSON at all, not an object, or not
  // this message.
  try {
    const Json json = Json::parse(body);
    if (!json.is_object()) {
      return absl::InvalidArgumentError(
          absl::StrCat("the request body must be a JSON object (",
                       request->GetDescriptor()->full_name(), ")"));
    }
  } catch (const Json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the request body is not valid JSON: ", WithoutExceptionTag(e.what())));
  }
  return parsed;
}

// Each path variable into its (string) field, through the messages on the
// way.
absl::Status SetBindings(const HttpRequestParts& parts, Message* request) {
  for (const Binding& binding : parts.bindings) {
    std::vector<const FieldDescriptor*> route;
    if (FindFieldPath(request->GetDescriptor(), binding.field_path, &route) ==
        nullptr) {
      return absl::InternalError(absl::StrCat(
          "path variable ", binding.field_path, " is not a field of ",
          request->GetDescriptor()->full_name()));
    }
    Message* at = request;
    for (size_t i = 0; i + 1 < route.size(); ++i) {
      at = at->GetReflection()->MutableMessage(at, route[i]);
    }
    at->GetReflection()->SetString(at, route.back(), binding.value);
  }
  return absl::OkStatus();
}

}  // namespace

const FieldDescriptor* FindFieldPath(
    const Descriptor* type, absl::string_view path,
    std::vector<const FieldDescriptor*>* route) {
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (type == nullptr) return nullptr;
    field = FindField(type, part);
    if (field == nullptr) return nullptr;
    if (route != nullptr) route->push_back(field);
    type = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE
               ? field->message_type()
               : nullptr;
  }
  return field;
}

const FieldDescriptor* RequestIdField(const Descriptor* type) {
  const FieldDescriptor* field = type->FindFieldByName("request_id");
  return field != nullptr && !field->is_repeated() &&
                 field->cpp_type() == FieldDescriptor::CPPTYPE_STRING
             ? field
             : nullptr;
}

absl::Status BuildRequest(absl::string_view body_rule,
                          const HttpRequestParts& parts, Message* request) {
  const Descriptor* type = request->GetDescriptor();
  const bool whole_body = body_rule == "*";
  if (whole_body && !absl::StripAsciiWhitespace(parts.body).empty()) {
    // The body is the message: straight through the JSON mapping.
    if (absl::Status s = ParseWholeBody(parts.body, request); !s.ok()) {
      return s;
    }
  }
  // What the body field (if the rule names one) and the query say, as JSON,
  // merged over the body.
  Json root = Json::object();
  if (!whole_body) {
    if (absl::Status s = ParseBody(body_rule, parts, type, root); !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = AddQuery(body_rule, parts, type, root); !s.ok()) {
    return s;
  }
  if (!root.empty()) {
    std::string text;
    try {
      text = root.dump();
    } catch (const Json::exception& e) {
      return absl::InvalidArgumentError(
          absl::StrCat("the request is not valid JSON text: ",
                       WithoutExceptionTag(e.what())));
    }
    std::unique_ptr<Message> more(request->New());
    if (absl::Status s = ParseJson(text, more.get()); !s.ok()) return s;
    request->MergeFrom(*more);
  }
  // The path's variables win over both.
  if (absl::Status s = SetBindings(parts, request); !s.ok()) return s;

  const google::protobuf::Reflection* reflection = request->GetReflection();
  if (const FieldDescriptor* id = RequestIdField(type);
      id != nullptr && !parts.idempotency_key.empty() &&
      reflection->GetString(*request, id).empty()) {
    reflection->SetString(request, id, parts.idempotency_key);
  }
  if (const FieldDescriptor* after = type->FindFieldByName("after_sequence");
      after != nullptr && parts.last_event_id.has_value() &&
      after->cpp_type() == FieldDescriptor::CPPTYPE_INT64) {
    // A reconnecting EventSource repeats its first URL: the header, which
    // says what it has seen, wins over the query.
    reflection->SetInt64(request, after, *parts.last_event_id);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ToJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  std::string out;
  auto printed =
      google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!printed.ok()) {
    return absl::InternalError(absl::StrCat(
        "cannot print ", message.GetDescriptor()->full_name(), " as JSON: ",
        std::string(printed.message())));
  }
  return out;
}

}  // namespace fhub::gateway
