// `fhub statements ...`: the lead's contract-management cost for a period,
// shared among the members.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/input.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, from, "",
          "statements issue, quote-range: first day of the period; "
          "vacancies record: first day the places are free; price-books "
          "create: first day the book applies; rate-cards add, uplift: "
          "first day of the new card; placements adjust-hours: first day of "
          "the new hours; referrals place-in-block: first day, default the "
          "wanted start; placements cost, block-contracts create/occupancy, "
          "figures, placement-counts: first day; YYYY-MM-DD");
ABSL_FLAG(std::string, to, "",
          "statements issue, quote-range, placements cost, block-contracts "
          "create/occupancy, figures, placement-counts: last day of the "
          "period, YYYY-MM-DD");
ABSL_FLAG(std::string, cost_pence, "",
          "statements issue: the lead's cost for the period, in pence");
ABSL_FLAG(std::string, placements, "",
          "statements issue: placements each member started, "
          "authorities/ID=N,...");
ABSL_FLAG(std::string, fees, "",
          "statements issue: each member's agreed fee in pence, "
          "authorities/ID=N,...");
ABSL_FLAG(std::string, corrects, "",
          "statements issue: the statement this one corrects, "
          "frameworks/ID/costShareStatements/N");
ABSL_FLAG(std::string, note, "",
          "statements issue: a note from the lead; offer: notes to the "
          "commissioner, up to 2000 characters; decline (required with "
          "OTHER), placements end: a note, up to 1000 characters");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::frameworks::v1;
using Stub = v1::FrameworkService::Stub;
using Amounts = std::vector<std::pair<std::string, int64_t>>;

constexpr size_t kMaxNoteChars = 1000;
constexpr int64_t kMaxPence = std::numeric_limits<int64_t>::max();
constexpr int64_t kMaxPlacements = std::numeric_limits<int32_t>::max();

// A whole number from 0 to `max`, without sign or separators.
absl::StatusOr<int64_t> ParseAmount(absl::string_view flag,
                                    absl::string_view text, int64_t max) {
  int64_t amount = 0;
  bool digits = !text.empty() &&
                std::all_of(text.begin(), text.end(), absl::ascii_isdigit);
  if (!digits || !absl::SimpleAtoi(text, &amount) || amount > max) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " '", text, "' is not a whole number from 0 to ", max));
  }
  return amount;
}

// "authorities/sefton=12,authorities/wirral=7": each authority once, each
// amount from 0 to `max`.
absl::StatusOr<Amounts> ParseAmounts(absl::string_view flag,
                                     absl::string_view text, int64_t max) {
  Amounts amounts;
  for (absl::string_view item :
       absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    item = absl::StripAsciiWhitespace(item);
    std::pair<absl::string_view, absl::string_view> parts =
        absl::StrSplit(item, absl::MaxSplits('=', 1));
    absl::StatusOr<int64_t> amount = ParseAmount(flag, parts.second, max);
    if (!CheckName(parts.first, "authorities").ok() || !amount.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, " '", item,
                       "' is not authorities/ID=N with N a whole number from "
                       "0 to ",
                       max));
    }
    std::string authority(parts.first);
    if (std::any_of(amounts.begin(), amounts.end(),
                    [&](const auto& a) { return a.first == authority; })) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, " gives ", authority, " twice"));
    }
    amounts.emplace_back(std::move(authority), *amount);
  }
  return amounts;
}

absl::StatusOr<v1::IssueCostShareStatementRequest> BuildIssue(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::IssueCostShareStatementRequest request;
  request.set_parent(args[0]);
  std::string from = absl::GetFlag(FLAGS_from);
  std::string to = absl::GetFlag(FLAGS_to);
  std::string cost = absl::GetFlag(FLAGS_cost_pence);
  FHUB_RETURN_IF_ERROR(CheckRequired("--from", from));
  FHUB_RETURN_IF_ERROR(CheckRequired("--to", to));
  FHUB_RETURN_IF_ERROR(CheckRequired("--cost_pence", cost));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_period_start_date(),
                        ParseDate("--from", from));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_period_end_date(),
                        ParseDate("--to", to));
  // YYYY-MM-DD strings order as the days do.
  if (to < from) {
    return absl::InvalidArgumentError("--to must not be before --from");
  }
  FHUB_ASSIGN_OR_RETURN(int64_t cost_pence,
                        ParseAmount("--cost_pence", cost, kMaxPence));
  request.set_cost_pence(cost_pence);
  FHUB_ASSIGN_OR_RETURN(
      Amounts placements,
      ParseAmounts("--placements", absl::GetFlag(FLAGS_placements),
                   kMaxPlacements));
  for (const auto& [authority, count] : placements) {
    v1::PlacementCount& placement = *request.add_placement_counts();
    placement.set_authority(authority);
    placement.set_placements(static_cast<int32_t>(count));
  }
  FHUB_ASSIGN_OR_RETURN(
      Amounts fees,
      ParseAmounts("--fees", absl::GetFlag(FLAGS_fees), kMaxPence));
  for (const auto& [authority, pence] : fees) {
    v1::AgreedFee& fee = *request.add_agreed_fees();
    fee.set_authority(authority);
    fee.set_fee_pence(pence);
  }
  if (std::string corrects = absl::GetFlag(FLAGS_corrects); !corrects.empty()) {
    if (absl::Status status =
            CheckNumberedName(corrects, "frameworks", "costShareStatements");
        !status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--corrects ", status.message()));
    }
    if (!absl::StartsWith(corrects, absl::StrCat(args[0], "/"))) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--corrects '", corrects, "' is not a statement of ", args[0]));
    }
    request.set_corrects(corrects);
  }
  request.set_note(absl::GetFlag(FLAGS_note));
  FHUB_RETURN_IF_ERROR(CheckText("--note", request.note(), 0, kMaxNoteChars));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetCostShareStatementRequest> BuildGet(const Args& args) {
  FHUB_RETURN_IF_ERROR(
      CheckNumberedName(args[0], "frameworks", "costShareStatements"));
  v1::GetCostShareStatementRequest request;
  request.set_name(args[0]);
  return request;
}

absl::StatusOr<v1::ListCostShareStatementsRequest> BuildList(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::ListCostShareStatementsRequest request;
  request.set_parent(args[0]);
  return request;
}

}  // namespace

std::vector<Command> StatementCommands() {
  return {
      {"statements", "issue",
       "frameworks/ID --from YYYY-MM-DD --to YYYY-MM-DD --cost_pence N\n"
       "      [--placements authorities/ID=N,...] [--fees "
       "authorities/ID=PENCE,...]\n"
       "      [--corrects frameworks/ID/costShareStatements/N] [--note "
       "\"...\"]",
       "Shares the lead's cost for a period among the members and issues "
       "the statement\n      (LEAD_ADMIN of the lead); --placements for "
       "PRO_RATA_PLACEMENTS, --fees for\n      FIXED_FEES.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::IssueCostShareStatement, BuildIssue(args));
       }},
      {"statements", "get", "frameworks/ID/costShareStatements/N",
       "Shows one cost-share statement.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetCostShareStatement, BuildGet(args));
       }},
      {"statements", "list", "frameworks/ID [--all]",
       "Lists a framework's cost-share statements, newest first.", 1, 1,
       [](const Args& args) {
         return List(&Stub::ListCostShareStatements, BuildList(args));
       }},
  };
}

}  // namespace fhub::cli
