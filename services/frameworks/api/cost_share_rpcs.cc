// Cost-share statements: the lead's contract-management cost for a period,
// shared among the members by the framework's method.

#include <map>
#include <optional>
#include <set>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "common/rpc.h"
#include "common/status_macros.h"
#include "services/frameworks/api/convert.h"
#include "services/frameworks/api/framework_service.h"
#include "services/frameworks/api/record_convert.h"
#include "services/frameworks/api/rpc_entry.h"
#include "services/frameworks/domain/access.h"
#include "services/frameworks/domain/cost_sharing.h"

namespace fhub::frameworks {
namespace {

constexpr size_t kMaxNoteLength = 1000;

// authority id -> basis, from (authority name, value) pairs of the request;
// each must be a member during the period, named once, with a value >= 0.
template <typename Entries, typename Value>
absl::StatusOr<std::map<std::string, int64_t>> Bases(
    const Entries& entries, absl::string_view field,
    const std::set<std::string>& members, Value value) {
  std::map<std::string, int64_t> bases;
  for (int i = 0; i < entries.size(); ++i) {
    const std::string at = absl::StrCat(field, "[", i, "]");
    auto id = ParseResourceName(entries[i].authority(), "authorities");
    if (!id.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".authority: ", id.status().message()));
    }
    if (members.count(*id) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".authority: ", entries[i].authority(),
                       " was not a member during the period"));
    }
    const int64_t v = value(entries[i]);
    if (v < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, " must not be negative"));
    }
    if (!bases.emplace(*id, v).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          at, ".authority: ", entries[i].authority(), " is named twice"));
    }
  }
  return bases;
}

}  // namespace

absl::Status FrameworkServiceImpl::DoIssueCostShareStatement(
    const grpc::ServerContext& context,
    const v1::IssueCostShareStatementRequest& request,
    v1::CostShareStatement* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string framework_id,
                        ParseName("parent", request.parent(), "frameworks"));
  CostShareStatement statement;
  statement.framework_id = framework_id;
  FHUB_ASSIGN_OR_RETURN(
      statement.period_start,
      FromProto(request.period_start_date(), "period_start_date"));
  FHUB_ASSIGN_OR_RETURN(
      statement.period_end,
      FromProto(request.period_end_date(), "period_end_date"));
  if (statement.period_end < statement.period_start) {
    return absl::InvalidArgumentError(
        "period_end_date must not be before period_start_date");
  }
  if (request.cost_pence() < 0) {
    return absl::InvalidArgumentError("cost_pence must not be negative");
  }
  statement.cost_pence = request.cost_pence();
  FHUB_RETURN_IF_ERROR(CheckText("note", request.note(), 0, kMaxNoteLength));
  statement.note = request.note();
  if (!request.corrects().empty()) {
    FHUB_ASSIGN_OR_RETURN(auto corrects,
                          ParseNumberedName("corrects", request.corrects(),
                                            kCostShareStatements));
    if (corrects.first != framework_id) {
      return absl::InvalidArgumentError(
          "corrects must name a statement of the same framework");
    }
    statement.corrects = corrects.second;
  }
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const absl::Time now = clock_.Now();
  statement.issue_time = now;
  // Counts the lead supplies win. Otherwise the referrals service counts,
  // asked only once the first attempt finds it must (a retry gets its
  // stored statement; other methods need no placements) and between two
  // transactions, so that no connection is held while it answers. The
  // second attempt checks everything again.
  std::optional<std::map<std::string, int>> counted;
  bool needs_counts = false;
  auto apply = [&](db::Tx& tx,
                   v1::CostShareStatement* out) -> absl::StatusOr<std::string> {
    FHUB_ASSIGN_OR_RETURN(Framework framework,
                          LoadForChange(tx, caller, framework_id));
    if (framework.status == FrameworkStatus::kDraft) {
      return absl::FailedPreconditionError(
          "a DRAFT framework has no costs to share");
    }
    if (statement.corrects.has_value()) {
      FHUB_RETURN_IF_ERROR(
          records_.FindStatement(tx, framework_id, *statement.corrects)
              .status());
    }
    FHUB_ASSIGN_OR_RETURN(
        std::vector<std::string> member_ids,
        store_.MembersDuring(tx, framework_id, statement.period_start,
                             statement.period_end));
    if (member_ids.empty()) {
      return absl::FailedPreconditionError(
          "no authority was a member during the period");
    }
    const std::set<std::string> members(member_ids.begin(), member_ids.end());
    statement.method = framework.cost_sharing;
    std::map<std::string, int64_t> bases;
    if (statement.method == CostSharingMethod::kProRataPlacements) {
      if (request.placement_counts().empty()) {
        if (!counted.has_value()) {
          needs_counts = true;
          return absl::FailedPreconditionError("placements not yet counted");
        }
        // Authorities that were not members during the period have no
        // share, whatever the referrals service counted for them.
        bases.insert(counted->begin(), counted->end());
        statement.count_source = PlacementCountSource::kReferralsService;
      } else {
        FHUB_ASSIGN_OR_RETURN(
            bases, Bases(request.placement_counts(), "placement_counts",
                         members, [](const v1::PlacementCount& c) {
                           return int64_t{c.placements()};
                         }));
        statement.count_source = PlacementCountSource::kSuppliedByLead;
      }
    } else if (statement.method == CostSharingMethod::kFixedFees) {
      FHUB_ASSIGN_OR_RETURN(
          bases, Bases(request.agreed_fees(), "agreed_fees", members,
                       [](const v1::AgreedFee& f) { return f.fee_pence(); }));
    }
    std::vector<MemberBasis> basis;
    basis.reserve(member_ids.size());
    for (const std::string& id : member_ids) {
      auto it = bases.find(id);
      basis.push_back({id, it == bases.end() ? 0 : it->second});
    }
    FHUB_ASSIGN_OR_RETURN(
        Apportionment split,
        Apportion(statement.cost_pence, statement.method, basis));
    statement.shares = std::move(split.shares);
    statement.applied_method = split.applied;
    FHUB_ASSIGN_OR_RETURN(statement.number,
                          records_.InsertStatement(tx, statement));
    ToProto(statement, out);
    Emit(tx, v1::COST_SHARE_STATEMENT_ISSUED, now, framework_id, out->name());
    return out->name();
  };
  auto issue = [&] {
    return rpc::ApplyChangeOnce<v1::CostShareStatement>(
        pool_, caller, now, "IssueCostShareStatement", request,
        request.request_id(), response, apply);
  };
  absl::Status issued = issue();
  if (!needs_counts) return issued;
  FHUB_ASSIGN_OR_RETURN(
      counted, placements_.PlacementsStarted(
                   framework_id, statement.period_start, statement.period_end));
  needs_counts = false;
  return issue();
}

absl::Status FrameworkServiceImpl::DoGetCostShareStatement(
    const grpc::ServerContext& context,
    const v1::GetCostShareStatementRequest& request,
    v1::CostShareStatement* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      auto id, ParseNumberedName("name", request.name(), kCostShareStatements));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_RETURN_IF_ERROR(LoadVisible(tx, caller, id.first, false).status());
    FHUB_ASSIGN_OR_RETURN(CostShareStatement statement,
                          records_.FindStatement(tx, id.first, id.second));
    ToProto(statement, response);
    return absl::OkStatus();
  });
}

absl::Status FrameworkServiceImpl::DoListCostShareStatements(
    const grpc::ServerContext& context,
    const v1::ListCostShareStatementsRequest& request,
    v1::ListCostShareStatementsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string framework_id,
                        ParseName("parent", request.parent(), "frameworks"));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int before,
                        DecodeBeforeNumber("statements", request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_RETURN_IF_ERROR(LoadVisible(tx, caller, framework_id, false).status());
    FHUB_ASSIGN_OR_RETURN(
        std::vector<CostShareStatement> page,
        records_.ListStatements(tx, framework_id, before, page_size + 1));
    const bool more = TrimToPage(page, page_size);
    for (const CostShareStatement& s : page)
      ToProto(s, response->add_statements());
    if (more) {
      response->set_next_page_token(
          EncodePageToken("statements", absl::StrCat(page.back().number)));
    }
    return absl::OkStatus();
  });
}

FHUB_RPC(IssueCostShareStatement, IssueCostShareStatementRequest,
         CostShareStatement)
FHUB_RPC(GetCostShareStatement, GetCostShareStatementRequest,
         CostShareStatement)
FHUB_RPC(ListCostShareStatements, ListCostShareStatementsRequest,
         ListCostShareStatementsResponse)

}  // namespace fhub::frameworks
