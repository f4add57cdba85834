#pragma once

// The gateway's routes, read at start-up from the google.api.http rule on
// each rpc of the hub's services in the compiled descriptors: nothing is
// written per rpc by hand, so a new rpc with a rule is served as soon as it
// is built.

#include <google/protobuf/descriptor.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/gateway/domain/path_template.h"

namespace fhub::gateway {

struct Route {
  std::string http_method;  // "GET", "POST", "PATCH", "PUT", "DELETE"
  PathTemplate path;
  std::string body;  // "", "*", or a top-level field of the request
  const google::protobuf::MethodDescriptor* method = nullptr;
  // "/fhub.frameworks.v1.FrameworkService/GetFramework"
  std::string grpc_path;

  bool server_streaming() const { return method->server_streaming(); }
  // "fhub.frameworks.v1.FrameworkService"
  const std::string& service() const { return method->service()->full_name(); }
};

// What a request's method and path found.
struct RouteMatch {
  const Route* route = nullptr;  // null when nothing matched
  std::vector<Binding> bindings;
  // When no route matched with this method but some did with others:
  // those methods (for 405 and its Allow header).
  std::vector<std::string> other_methods;
};

class RouteTable {
 public:
  // The rules of every rpc of `services` (full names) in the generated
  // descriptor pool. INVALID_ARGUMENT naming the rpc when one has no rule,
  // a template does not parse, a path variable is not a string field of
  // the request, the body names no field, a client-streaming rpc has a
  // rule, or two rules have the same method and template.
  static absl::StatusOr<RouteTable> FromServices(
      const std::vector<std::string>& services);

  // The most specific route (most literal segments) whose template matches.
  RouteMatch Find(absl::string_view http_method, absl::string_view path) const;

  // The route of an rpc by its gRPC path, for the Connect protocol's
  // "POST /{package.Service}/{Method}"; null if it is not served.
  const Route* FindRpc(absl::string_view grpc_path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;  // most specific first
};

// The services the gateway fronts: the hub's four.
const std::vector<std::string>& HubServices();

}  // namespace fhub::gateway
