// What a council's own systems exchange with the hub: `fhub finance lines`,
// the placements' cost lines over a finance period as the CSV its finance
// system loads (README, "Finance export"), and `fhub referrals import`,
// referrals from its case system's export (README, "Importing referrals").

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/csv.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "tools/fhub/input.h"
#include "tools/fhub/referrals_commands.h"
#include "tools/fhub/registry_input.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, month, "", "finance lines: the calendar month, YYYY-MM");
ABSL_FLAG(std::string, four_weeks_from, "",
          "finance lines: the first day of a four-weekly period, YYYY-MM-DD");
ABSL_FLAG(bool, json, false,
          "finance lines: print the lines as JSON instead of CSV");
ABSL_FLAG(std::string, format, "",
          "referrals import: csv or jsonl (default from --file's ending)");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::referrals::v1;
using Stub = v1::ReferralService::Stub;

}  // namespace

absl::StatusOr<v1::ListFinanceLinesRequest> BuildFinanceLines(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "authorities"));
  v1::ListFinanceLinesRequest request;
  request.set_parent(args[0]);
  const std::string month = absl::GetFlag(FLAGS_month);
  const std::string from = absl::GetFlag(FLAGS_four_weeks_from);
  if (month.empty() == from.empty()) {
    return absl::InvalidArgumentError(
        "give one of --month YYYY-MM and --four_weeks_from YYYY-MM-DD");
  }
  if (!month.empty()) {
    request.set_cadence(v1::MONTHLY);
    absl::StatusOr<common::v1::Date> first =
        ParseDate("--month", absl::StrCat(month, "-01"));
    if (!first.ok() || month.size() != 7) {
      return absl::InvalidArgumentError(
          absl::StrCat("--month '", month, "' is not a month YYYY-MM"));
    }
    *request.mutable_period_start() = *first;
  } else {
    request.set_cadence(v1::FOUR_WEEKLY);
    FHUB_ASSIGN_OR_RETURN(*request.mutable_period_start(),
                          ParseDate("--four_weeks_from", from));
  }
  return request;
}

namespace {

// Every page, the CSV on stdout (or the lines as JSON) and the total on
// stderr.
int PrintLines(absl::StatusOr<v1::ListFinanceLinesRequest> request) {
  if (!request.ok()) return UsageError(request.status());
  absl::StatusOr<Session> session = Session::FromFlags(Service::kReferrals);
  if (!session.ok()) return UsageError(session.status());
  request->set_page_size(session->page_size());
  v1::ListFinanceLinesResponse all;
  std::string csv;
  while (true) {
    v1::ListFinanceLinesResponse page;
    const grpc::Status status =
        internal::Invoke(*session, &Stub::ListFinanceLines, *request, &page);
    if (!status.ok()) return ReportRpcError(status);
    csv += page.csv();
    const int64_t total = all.total_pence() + page.total_pence();
    all.MergeFrom(page);
    all.set_total_pence(total);
    if (page.next_page_token().empty()) break;
    if (page.next_page_token() == request->page_token()) {
      return ReportRpcError(
          grpc::Status(grpc::StatusCode::INTERNAL,
                       "the server returned the same page token twice; "
                       "stopped following pages"));
    }
    request->set_page_token(page.next_page_token());
  }
  all.clear_next_page_token();
  all.clear_csv();
  std::cerr << all.lines_size() << (all.lines_size() == 1 ? " line" : " lines")
            << ", total " << csv::Pounds(all.total_pence()) << " GBP ("
            << all.total_pence() << " pence)\n";
  if (absl::GetFlag(FLAGS_json)) return PrintMessage(all);
  std::cout << csv << std::flush;
  return kExitOk;
}

}  // namespace

absl::StatusOr<v1::ImportReferralsRequest> BuildImport(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "authorities"));
  v1::ImportReferralsRequest request;
  request.set_parent(args[0]);
  const std::string path = absl::GetFlag(FLAGS_file);
  FHUB_RETURN_IF_ERROR(CheckRequired("--file", path));
  std::string format = absl::GetFlag(FLAGS_format);
  if (format.empty()) {
    format = absl::EndsWith(path, ".csv") ? "csv"
             : absl::EndsWith(path, ".jsonl") || absl::EndsWith(path, ".ndjson")
                 ? "jsonl"
                 : "";
  }
  if (format == "csv") {
    request.set_format(v1::CSV);
  } else if (format == "jsonl") {
    request.set_format(v1::JSON_LINES);
  } else {
    return absl::InvalidArgumentError(
        "--format: csv or jsonl (or a --file ending .csv or .jsonl)");
  }
  std::stringstream content;
  if (path == "-") {
    content << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::InvalidArgumentError(
          absl::StrCat("--file: cannot read ", path));
    }
    content << in.rdbuf();
  }
  request.set_content(content.str());
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

std::vector<Command> FinanceCommands() {
  return {
      {"referrals", "import",
       "authorities/ID --file PATH|- [--format csv|jsonl] [--request_id ID]",
       "Creates draft referrals from a case system's export, record by "
       "record\n      (COMMISSIONER); prints what became of each.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::ImportReferrals, BuildImport(args));
       }},
      {"finance", "lines",
       "authorities/ID (--month YYYY-MM | --four_weeks_from YYYY-MM-DD) "
       "[--json]",
       "The cost lines of the authority's placements over a finance period, "
       "as CSV\n      (COMMISSIONER); the total goes to stderr.",
       1, 1,
       [](const Args& args) { return PrintLines(BuildFinanceLines(args)); }},
  };
}

}  // namespace fhub::cli
