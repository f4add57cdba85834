// The routes read from the compiled descriptors: every rpc of the hub's
// services has an HTTP rule, and paths find the rpcs they name.

#include "services/gateway/api/routes.h"

#include <google/protobuf/descriptor.h>

#include <set>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "google/api/annotations.pb.h"
#include "gtest/gtest.h"

namespace fhub::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const RouteTable& Table() {
  static const RouteTable* table = [] {
    auto built = RouteTable::FromServices(HubServices());
    EXPECT_TRUE(built.ok()) << built.status();
    return new RouteTable(*std::move(built));
  }();
  return *table;
}

// Fails naming each rpc of the four services that has no google.api.http
// rule, so an rpc added without one cannot go unnoticed.
TEST(RouteTableTest, EveryRpcOfTheFourServicesHasAnHttpRule) {
  ASSERT_FALSE(Table().routes().empty());
  const google::protobuf::DescriptorPool* pool =
      google::protobuf::DescriptorPool::generated_pool();
  int rpcs = 0;
  std::vector<std::string> missing;
  for (const std::string& name : HubServices()) {
    const google::protobuf::ServiceDescriptor* service =
        pool->FindServiceByName(name);
    ASSERT_NE(service, nullptr) << name;
    for (int i = 0; i < service->method_count(); ++i) {
      ++rpcs;
      const auto* method = service->method(i);
      if (!method->options().HasExtension(google::api::http)) {
        missing.push_back(method->full_name());
      }
    }
  }
  EXPECT_THAT(missing, IsEmpty());
  EXPECT_EQ(static_cast<int>(Table().routes().size()), rpcs);
  EXPECT_GE(rpcs, 96);
}

TEST(RouteTableTest, NoTwoRoutesMatchTheSameConcretePath) {
  // Each template, made concrete with "x" for every wildcard, finds its own
  // rpc and no other.
  for (const Route& route : Table().routes()) {
    std::string path = route.path.text();
    std::string concrete;
    int depth = 0;
    for (size_t i = 0; i < path.size(); ++i) {
      const char c = path[i];
      if (c == '{') {
        ++depth;
        // "{name=frameworks/*}" -> "frameworks/x"; "{lot_id}" -> "x".
        const size_t end = path.find('}', i);
        const std::string inside = path.substr(i + 1, end - i - 1);
        const size_t eq = inside.find('=');
        std::string pattern = eq == std::string::npos ? "*" : inside.substr(eq + 1);
        for (char& p : pattern) {
          if (p == '*') p = 'x';
        }
        concrete += pattern;
        i = end;
        --depth;
        continue;
      }
      concrete.push_back(c == '*' ? 'x' : c);
    }
    RouteMatch match = Table().Find(route.http_method, concrete);
    ASSERT_NE(match.route, nullptr) << route.path.text() << " " << concrete;
    EXPECT_EQ(match.route->grpc_path, route.grpc_path) << concrete;
  }
}

TEST(RouteTableTest, FindsRpcsWithTheirBindings) {
  RouteMatch get = Table().Find("GET", "/v1/frameworks/nw-16plus");
  ASSERT_NE(get.route, nullptr);
  EXPECT_EQ(get.route->grpc_path,
            "/fhub.frameworks.v1.FrameworkService/GetFramework");
  ASSERT_EQ(get.bindings.size(), 1u);
  EXPECT_EQ(get.bindings[0].value, "frameworks/nw-16plus");

  RouteMatch award =
      Table().Find("POST", "/v1/authorities/sefton/referrals/4:award");
  ASSERT_NE(award.route, nullptr);
  EXPECT_EQ(award.route->grpc_path,
            "/fhub.referrals.v1.ReferralService/AwardReferral");

  RouteMatch quote = Table().Find("POST", "/v1/priceBooks:quote");
  ASSERT_NE(quote.route, nullptr);
  EXPECT_EQ(quote.route->grpc_path, "/fhub.pricing.v1.PricingService/Quote");

  RouteMatch events = Table().Find("GET", "/v1/events/registry");
  ASSERT_NE(events.route, nullptr);
  EXPECT_TRUE(events.route->server_streaming());
}

TEST(RouteTableTest, AnotherMethodOnAServedPathIsNotFoundButNamesTheMethods) {
  RouteMatch wrong =
      Table().Find("DELETE", "/v1/authorities/sefton/referrals/4:award");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_THAT(wrong.other_methods, ElementsAre("POST"));
  RouteMatch both = Table().Find("DELETE", "/v1/authorities/sefton/referrals");
  EXPECT_THAT(both.other_methods, UnorderedElementsAre("GET", "POST"));
  RouteMatch nothing = Table().Find("GET", "/v1/nothing/here");
  EXPECT_EQ(nothing.route, nullptr);
  EXPECT_THAT(nothing.other_methods, IsEmpty());
}

TEST(RouteTableTest, ConnectPathsFindTheirRpc) {
  const Route* route =
      Table().FindRpc("/fhub.referrals.v1.ReferralService/GetReferral");
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->method->name(), "GetReferral");
  EXPECT_EQ(Table().FindRpc("/fhub.referrals.v1.ReferralService/Nope"),
            nullptr);
}

TEST(RouteTableTest, AnUnknownServiceIsRefused) {
  EXPECT_THAT(RouteTable::FromServices({"fhub.nothing.v1.Nothing"}),
              ::fhub::testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace fhub::gateway
