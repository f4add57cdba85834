#include "services/gateway/api/replies.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "services/gateway/domain/http_status.h"

namespace fhub::gateway {

void Reply(httplib::Response& res, std::string body, const std::string& type) {
  auto text = std::make_shared<std::string>(std::move(body));
  res.set_content_provider(
      text->size(), type,
      [text](size_t offset, size_t length, httplib::DataSink& sink) {
        sink.write(text->data() + offset,
                   std::min(length, text->size() - offset));
        return true;
      });
}

std::string StatusJson(int code, absl::string_view message) {
  nlohmann::json body = {{"code", code},
                         {"message", std::string(message)},
                         {"details", nlohmann::json::array()}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void SendStatus(httplib::Response& res, int code, absl::string_view message) {
  res.status = HttpStatusOf(code);
  Reply(res, StatusJson(code, message), kJson);
}

}  // namespace fhub::gateway
