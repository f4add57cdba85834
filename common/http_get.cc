#include "common/http_get.h"

#include <httplib.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace fhub {
namespace {

constexpr size_t kMostBytes = 1 << 20;
constexpr char kSystemCertificates[] = "/etc/ssl/certs/ca-certificates.crt";

struct Url {
  std::string origin;  // scheme://host[:port]
  std::string path;    // /... with the query
};

absl::StatusOr<Url> Split(const std::string& url) {
  const bool https = absl::StartsWith(url, "https://");
  const bool http = absl::StartsWith(url, "http://");
  if (!https && !http) {
    return absl::InvalidArgumentError(absl::StrCat(url, " is not an http(s) URL"));
  }
  if (http && !absl::StartsWith(url, "http://127.0.0.1") &&
      !absl::StartsWith(url, "http://localhost") &&
      !absl::StartsWith(url, "http://[::1]")) {
    return absl::InvalidArgumentError(
        absl::StrCat(url, ": plain http is used only to this machine"));
  }
  const size_t host = url.find("://") + 3;
  const size_t slash = url.find('/', host);
  Url out;
  out.origin = url.substr(0, slash);
  out.path = slash == std::string::npos ? "/" : url.substr(slash);
  return out;
}

std::unique_ptr<httplib::Client> ClientFor(const Url& url,
                                           absl::Duration timeout) {
  auto client = std::make_unique<httplib::Client>(url.origin);
  const auto seconds = absl::ToInt64Seconds(timeout);
  const auto micros = absl::ToInt64Microseconds(timeout) % 1000000;
  client->set_connection_timeout(seconds, micros);
  client->set_read_timeout(seconds, micros);
  client->set_write_timeout(seconds, micros);
  client->set_follow_location(false);
  client->enable_server_certificate_verification(true);
  client->set_ca_cert_path(kSystemCertificates);
  return client;
}

}  // namespace

HttpGet DefaultHttpGet() {
  return [](const std::string& url,
            absl::Duration timeout) -> absl::StatusOr<std::string> {
    absl::StatusOr<Url> split = Split(url);
    if (!split.ok()) return absl::UnavailableError(split.status().message());
    auto client = ClientFor(*split, timeout);
    std::string body;
    bool too_big = false;
    httplib::Result res =
        client->Get(split->path.c_str(), [&](const char* data, size_t size) {
          if (body.size() + size > kMostBytes) {
            too_big = true;
            return false;
          }
          body.append(data, size);
          return true;
        });
    if (too_big) {
      return absl::UnavailableError(absl::StrCat(url, " is over 1 MiB"));
    }
    if (!res) {
      return absl::UnavailableError(absl::StrCat(
          "cannot GET ", url, ": ", httplib::to_string(res.error())));
    }
    if (res->status != 200) {
      return absl::UnavailableError(
          absl::StrCat("GET ", url, " answered ", res->status));
    }
    return body;
  };
}

absl::StatusOr<std::string> HttpPostForm(
    const std::string& url,
    const std::vector<std::pair<std::string, std::string>>& form,
    absl::Duration timeout, int* status) {
  absl::StatusOr<Url> split = Split(url);
  if (!split.ok()) return absl::UnavailableError(split.status().message());
  auto client = ClientFor(*split, timeout);
  httplib::Params params;
  for (const auto& [key, value] : form) params.emplace(key, value);
  httplib::Result res = client->Post(split->path.c_str(), params);
  if (!res) {
    return absl::UnavailableError(absl::StrCat(
        "cannot POST to ", url, ": ", httplib::to_string(res.error())));
  }
  *status = res->status;
  if (res->body.size() > kMostBytes) {
    return absl::UnavailableError(absl::StrCat(url, " answered over 1 MiB"));
  }
  return res->body;
}

}  // namespace fhub
