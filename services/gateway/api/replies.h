#pragma once

// How the gateway writes an HTTP answer: a body of fixed length, and an
// error as google.rpc.Status JSON with the HTTP status its code maps to.

#include <httplib.h>

#include <string>

#include "absl/strings/string_view.h"

namespace fhub::gateway {

inline constexpr char kJson[] = "application/json";

// The body as a fixed-length response: cpp-httplib compresses bodies set
// with set_content (Brotli at its slowest setting, on every request) but
// not these.
void Reply(httplib::Response& res, std::string body, const std::string& type);

// google.rpc.Status as JSON: {"code": 3, "message": "...", "details": []}.
std::string StatusJson(int code, absl::string_view message);

// The status JSON with the HTTP status of gRPC code `code`.
void SendStatus(httplib::Response& res, int code, absl::string_view message);

}  // namespace fhub::gateway
