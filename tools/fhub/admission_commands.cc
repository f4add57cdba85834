// `fhub admission ...`: when providers may apply to join a framework, and
// the ad-hoc rounds a lead opens.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/input.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, open_time, "",
          "admission open: when the round opens, RFC 3339; default now");
ABSL_FLAG(std::string, at, "",
          "admission status: the moment asked about, RFC 3339; default now");
ABSL_FLAG(std::string, lot, "",
          "admission status, admission windows, accreditations list, "
          "eligible, price-books create, quote, quote-range, check-offer, "
          "benchmark, referrals create, block-contracts create: a lot id, "
          "e.g. lot-1");
ABSL_FLAG(std::string, lots, "",
          "admission open: comma-separated lot ids, default every lot; "
          "applications create: the lots applied to");
ABSL_FLAG(int, year, 0, "admission windows: calendar year, e.g. 2026");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::frameworks::v1;
using Stub = v1::FrameworkService::Stub;

absl::StatusOr<v1::GetAdmissionStatusRequest> BuildStatus(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::GetAdmissionStatusRequest request;
  request.set_framework(args[0]);
  request.set_lot_id(absl::GetFlag(FLAGS_lot));
  FHUB_RETURN_IF_ERROR(CheckRequired("--lot", request.lot_id()));
  FHUB_RETURN_IF_ERROR(CheckLotId("--lot", request.lot_id()));
  if (std::string at = absl::GetFlag(FLAGS_at); !at.empty()) {
    FHUB_ASSIGN_OR_RETURN(*request.mutable_time(), ParseTime("--at", at));
  }
  return request;
}

absl::StatusOr<v1::ListAdmissionWindowsRequest> BuildWindows(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::ListAdmissionWindowsRequest request;
  request.set_framework(args[0]);
  request.set_year(absl::GetFlag(FLAGS_year));
  if (request.year() == 0) {
    return absl::InvalidArgumentError("--year is required, e.g. --year 2026");
  }
  if (request.year() < 1900 || request.year() > 9999) {
    return absl::InvalidArgumentError("--year must be 1900 to 9999");
  }
  if (std::string lot = absl::GetFlag(FLAGS_lot); !lot.empty()) {
    FHUB_RETURN_IF_ERROR(CheckLotId("--lot", lot));
    request.set_lot_id(lot);
  }
  return request;
}

absl::StatusOr<v1::OpenAdmissionRoundRequest> BuildOpenRound(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::OpenAdmissionRoundRequest request;
  request.set_parent(args[0]);
  FHUB_ASSIGN_OR_RETURN(std::vector<std::string> lots,
                        ParseLotIds("--lots", absl::GetFlag(FLAGS_lots)));
  for (std::string& lot : lots) {
    request.add_lot_ids(std::move(lot));
  }
  std::string close_time = absl::GetFlag(FLAGS_close_time);
  FHUB_RETURN_IF_ERROR(CheckRequired("--close_time", close_time));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_close_time(),
                        ParseCloseTime("--close_time", close_time));
  if (std::string open_time = absl::GetFlag(FLAGS_open_time);
      !open_time.empty()) {
    FHUB_ASSIGN_OR_RETURN(*request.mutable_open_time(),
                          ParseTime("--open_time", open_time));
    const auto& open = request.open_time();
    const auto& close = request.close_time();
    if (close.seconds() < open.seconds() ||
        (close.seconds() == open.seconds() && close.nanos() <= open.nanos())) {
      return absl::InvalidArgumentError(
          "--close_time must be after --open_time");
    }
  }
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::CloseAdmissionRoundRequest> BuildCloseRound(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(
      CheckNumberedName(args[0], "frameworks", "admissionRounds"));
  v1::CloseAdmissionRoundRequest request;
  request.set_name(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

}  // namespace

std::vector<Command> AdmissionCommands() {
  return {
      {"admission", "status", "frameworks/ID --lot lot-1 [--at RFC3339]",
       "Says whether providers may apply to a lot now (or --at), and the "
       "next window.",
       1, 1,
       [](const Args& args) {
         return Read(&Stub::GetAdmissionStatus, BuildStatus(args));
       }},
      {"admission", "windows", "frameworks/ID --year 2026 [--lot lot-1]",
       "Lists the admission windows overlapping a calendar year.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::ListAdmissionWindows, BuildWindows(args));
       }},
      {"admission", "open",
       "frameworks/ID --close_time RFC3339|YYYY-MM-DD [--open_time RFC3339]\n"
       "      [--lots lot-1,lot-2]",
       "Opens an ad-hoc admission round, for every lot unless --lots "
       "(LEAD_ADMIN of\n      the lead); a plain date closes it at 17:00 UK "
       "time that day.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::OpenAdmissionRound, BuildOpenRound(args));
       }},
      {"admission", "close", "frameworks/ID/admissionRounds/N",
       "Closes an ad-hoc admission round now, before its planned close.", 1, 1,
       [](const Args& args) {
         return Write(&Stub::CloseAdmissionRound, BuildCloseRound(args));
       }},
  };
}

}  // namespace fhub::cli
