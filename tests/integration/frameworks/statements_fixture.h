#pragma once

// Cost-share statements of the North West framework, which shares
// Tameside's cost pro rata to placements: Tameside leads; Halton, Knowsley,
// Sefton and Wirral are members, and Knowsley left at the end of 2025.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/proto_values.h"
#include "tests/integration/frameworks/fixture.h"

namespace fhub::frameworks {

inline constexpr char kNw[] = "frameworks/nw-16plus";
inline constexpr char kFirst[] = "frameworks/nw-16plus/costShareStatements/1";

// "authority basis pence" of each share.
inline std::vector<std::string> Shares(
    const v1::CostShareStatement& statement) {
  std::vector<std::string> out;
  for (const v1::CostShare& s : statement.shares()) {
    out.push_back(absl::StrCat(absl::StripPrefix(s.authority(), "authorities/"),
                               " ", s.basis(), " ", s.amount_pence()));
  }
  return out;
}

inline int64_t Total(const v1::CostShareStatement& statement) {
  int64_t total = 0;
  for (const v1::CostShare& s : statement.shares()) total += s.amount_pence();
  return total;
}

class StatementsApiTest : public FrameworkServiceTest {
 protected:
  void SetUp() override {
    SetUpNorthWest();
    ASSERT_TRUE(Activate(LeadAdmin(), "nw-16plus").ok());
    for (const char* id : {"halton", "knowsley", "sefton", "wirral"}) {
      ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", id).ok()) << id;
    }
    // Knowsley left at the end of 2025.
    ASSERT_TRUE(Cease(LeadAdmin(), "frameworks/nw-16plus/members/knowsley",
                      "2026-01-01")
                    .ok());
  }

  // The first half of 2026-27, with the given placement counts.
  v1::IssueCostShareStatementRequest Request(
      int64_t cost_pence, const std::map<std::string, int>& counts,
      const std::string& start = "2026-04-01",
      const std::string& end = "2026-09-30") {
    v1::IssueCostShareStatementRequest request;
    request.set_parent(kNw);
    ParseDate(start, request.mutable_period_start_date());
    ParseDate(end, request.mutable_period_end_date());
    request.set_cost_pence(cost_pence);
    for (const auto& [authority, placements] : counts) {
      v1::PlacementCount* count = request.add_placement_counts();
      count->set_authority(absl::StrCat("authorities/", authority));
      count->set_placements(placements);
    }
    request.set_note("Contract management, April to September");
    request.set_request_id(NextRequestId());
    return request;
  }

  grpc::Status Issue(const std::string& token,
                     const v1::IssueCostShareStatementRequest& request,
                     v1::CostShareStatement* out = nullptr) {
    v1::CostShareStatement response;
    return stub_->IssueCostShareStatement(testing::CallContext(token).get(),
                                          request, out ? out : &response);
  }

  grpc::Status Get(const std::string& token, const std::string& name,
                   v1::CostShareStatement* out = nullptr) {
    v1::GetCostShareStatementRequest request;
    request.set_name(name);
    v1::CostShareStatement response;
    return stub_->GetCostShareStatement(testing::CallContext(token).get(),
                                        request, out ? out : &response);
  }
};

}  // namespace fhub::frameworks
