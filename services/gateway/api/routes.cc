#include "services/gateway/api/routes.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "fhub/frameworks/v1/frameworks.pb.h"
#include "fhub/pricing/v1/pricing.pb.h"
#include "fhub/referrals/v1/referrals.pb.h"
#include "fhub/registry/v1/registry.pb.h"
#include "google/api/annotations.pb.h"
#include "services/gateway/api/transcode.h"

namespace fhub::gateway {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;

// The generated descriptors of a proto file are registered only when its
// object file is linked in; naming one message of each makes sure it is.
void LinkServiceProtos() {
  (void)frameworks::v1::GetFrameworkRequest::descriptor();
  (void)registry::v1::GetProviderRequest::descriptor();
  (void)pricing::v1::QuoteRequest::descriptor();
  (void)referrals::v1::GetReferralRequest::descriptor();
}

absl::Status Bad(const MethodDescriptor& method, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat(method.full_name(), ": ", why));
}

absl::StatusOr<Route> RouteOf(const MethodDescriptor& method) {
  if (!method.options().HasExtension(google::api::http)) {
    return Bad(method, "has no google.api.http rule");
  }
  const google::api::HttpRule& rule =
      method.options().GetExtension(google::api::http);
  if (rule.additional_bindings_size() > 0) {
    return Bad(method, "additional_bindings are not served");
  }
  if (method.client_streaming()) {
    return Bad(method, "client-streaming rpcs cannot be served over HTTP");
  }
  Route route;
  std::string text;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      route.http_method = "GET";
      text = rule.get();
      break;
    case google::api::HttpRule::kPost:
      route.http_method = "POST";
      text = rule.post();
      break;
    case google::api::HttpRule::kPatch:
      route.http_method = "PATCH";
      text = rule.patch();
      break;
    case google::api::HttpRule::kPut:
      route.http_method = "PUT";
      text = rule.put();
      break;
    case google::api::HttpRule::kDelete:
      route.http_method = "DELETE";
      text = rule.delete_();
      break;
    default:
      return Bad(method, "its rule has no get, post, patch, put or delete");
  }
  absl::StatusOr<PathTemplate> path = PathTemplate::Parse(text);
  if (!path.ok()) return Bad(method, path.status().message());
  route.path = *std::move(path);
  for (const std::string& field_path : route.path.FieldPaths()) {
    const FieldDescriptor* field =
        FindFieldPath(method.input_type(), field_path);
    if (field == nullptr || field->is_repeated() ||
        field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
      return Bad(method, absl::StrCat("path variable ", field_path,
                                      " is not a string field of ",
                                      method.input_type()->full_name()));
    }
  }
  route.body = rule.body();
  if (!route.body.empty() && route.body != "*" &&
      method.input_type()->FindFieldByName(route.body) == nullptr) {
    return Bad(method, absl::StrCat("body ", route.body, " is not a field"));
  }
  if (!rule.response_body().empty()) {
    return Bad(method, "response_body is not served");
  }
  route.method = &method;
  route.grpc_path =
      absl::StrCat("/", method.service()->full_name(), "/", method.name());
  return route;
}

}  // namespace

const std::vector<std::string>& HubServices() {
  static const auto* const kServices = new std::vector<std::string>{
      "fhub.frameworks.v1.FrameworkService",
      "fhub.registry.v1.RegistryService",
      "fhub.pricing.v1.PricingService",
      "fhub.referrals.v1.ReferralService",
  };
  return *kServices;
}

absl::StatusOr<RouteTable> RouteTable::FromServices(
    const std::vector<std::string>& services) {
  LinkServiceProtos();
  RouteTable table;
  const google::protobuf::DescriptorPool* pool =
      google::protobuf::DescriptorPool::generated_pool();
  std::set<std::pair<std::string, std::string>> seen;
  for (const std::string& name : services) {
    const google::protobuf::ServiceDescriptor* service =
        pool->FindServiceByName(name);
    if (service == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("service ", name, " is not compiled in"));
    }
    for (int i = 0; i < service->method_count(); ++i) {
      absl::StatusOr<Route> route = RouteOf(*service->method(i));
      if (!route.ok()) return route.status();
      if (!seen.emplace(route->http_method, route->path.text()).second) {
        return Bad(*service->method(i),
                   absl::StrCat(route->http_method, " ", route->path.text(),
                                " is another rpc's rule too"));
      }
      table.routes_.push_back(*std::move(route));
    }
  }
  std::stable_sort(table.routes_.begin(), table.routes_.end(),
                   [](const Route& a, const Route& b) {
                     if (a.path.LiteralCount() != b.path.LiteralCount()) {
                       return a.path.LiteralCount() > b.path.LiteralCount();
                     }
                     return !a.path.EndsInMultiWildcard() &&
                            b.path.EndsInMultiWildcard();
                   });
  return table;
}

RouteMatch RouteTable::Find(absl::string_view http_method,
                            absl::string_view path) const {
  RouteMatch found;
  const SplitPath split = SplitPath::Of(path);
  for (const Route& route : routes_) {
    std::optional<std::vector<Binding>> bindings = route.path.Match(split);
    if (!bindings.has_value()) continue;
    if (route.http_method == http_method) {
      found.route = &route;
      found.bindings = *std::move(bindings);
      found.other_methods.clear();
      return found;
    }
    if (std::find(found.other_methods.begin(), found.other_methods.end(),
                  route.http_method) == found.other_methods.end()) {
      found.other_methods.push_back(route.http_method);
    }
  }
  return found;
}

const Route* RouteTable::FindRpc(absl::string_view grpc_path) const {
  for (const Route& route : routes_) {
    if (route.grpc_path == grpc_path) return &route;
  }
  return nullptr;
}

}  // namespace fhub::gateway
