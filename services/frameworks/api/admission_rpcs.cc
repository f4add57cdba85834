// Admission: the rounds the lead opens by hand, and the question the
// registry asks before it accepts an application.

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "common/rpc.h"
#include "common/status_macros.h"
#include "services/frameworks/api/framework_service.h"
#include "services/frameworks/api/record_convert.h"
#include "services/frameworks/api/rpc_entry.h"
#include "services/frameworks/domain/access.h"

namespace fhub::frameworks {
namespace {

absl::Status CheckLot(const Framework& framework, const std::string& lot_id,
                      absl::string_view field) {
  for (const Lot& lot : framework.lots) {
    if (lot.id == lot_id) return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": frameworks/", framework.id, " has no lot '", lot_id, "'"));
}

std::vector<AdmissionRound> Rounds(
    const std::vector<std::pair<AdmissionRound, bool>>& stored) {
  std::vector<AdmissionRound> rounds;
  rounds.reserve(stored.size());
  for (const auto& [round, closed_early] : stored) rounds.push_back(round);
  return rounds;
}

}  // namespace

absl::StatusOr<Framework> FrameworkServiceImpl::LoadForAdmission(
    db::Tx& tx, const auth::Principal& caller, const std::string& id) {
  if (caller.HasRole(auth::Role::kProviderUser)) {
    FHUB_ASSIGN_OR_RETURN(Framework framework,
                          store_.FindFramework(tx, id, false));
    if (framework.status == FrameworkStatus::kDraft) {
      return absl::NotFoundError(absl::StrCat("frameworks/", id, " not found"));
    }
    if (framework.status != FrameworkStatus::kActive) {
      return absl::PermissionDeniedError(absl::StrCat(
          "providers may ask only about ACTIVE frameworks; frameworks/", id,
          " is ", NameOf(kFrameworkStatuses, framework.status)));
    }
    return framework;
  }
  FHUB_ASSIGN_OR_RETURN(auto visible, LoadVisible(tx, caller, id, false));
  return std::move(visible.first);
}

absl::Status FrameworkServiceImpl::DoOpenAdmissionRound(
    const grpc::ServerContext& context,
    const v1::OpenAdmissionRoundRequest& request,
    v1::AdmissionRound* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string framework_id,
                        ParseName("parent", request.parent(), "frameworks"));
  const absl::Time now = clock_.Now();
  AdmissionRound round;
  round.opens = request.has_open_time() ? FromProto(request.open_time()) : now;
  if (!request.has_close_time()) {
    return absl::InvalidArgumentError("close_time is required");
  }
  round.closes = FromProto(request.close_time());
  if (round.closes <= round.opens || round.closes <= now) {
    return absl::InvalidArgumentError(
        "close_time must be after open_time and in the future");
  }
  round.lot_ids.assign(request.lot_ids().begin(), request.lot_ids().end());
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  return rpc::ApplyChangeOnce<v1::AdmissionRound>(
      pool_, caller, now, "OpenAdmissionRound", request, request.request_id(),
      response,
      [&](db::Tx& tx, v1::AdmissionRound* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Framework framework,
                              LoadForChange(tx, caller, framework_id));
        for (int i = 0; i < request.lot_ids_size(); ++i) {
          FHUB_RETURN_IF_ERROR(CheckLot(framework, request.lot_ids(i),
                                        absl::StrCat("lot_ids[", i, "]")));
        }
        if (framework.status != FrameworkStatus::kActive) {
          return absl::FailedPreconditionError(absl::StrCat(
              "frameworks/", framework_id,
              " is not ACTIVE; admission rounds open only on an active "
              "framework"));
        }
        FHUB_ASSIGN_OR_RETURN(int number,
                              records_.InsertRound(tx, framework_id, round));
        AdmissionRound stored = round;
        stored.id = absl::StrCat(number);
        ToProto(framework_id, stored, false, out);
        Emit(tx, v1::ADMISSION_ROUND_OPENED, now, framework_id, out->name());
        return out->name();
      });
}

absl::Status FrameworkServiceImpl::DoCloseAdmissionRound(
    const grpc::ServerContext& context,
    const v1::CloseAdmissionRoundRequest& request,
    v1::AdmissionRound* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      auto id, ParseNumberedName("name", request.name(), kAdmissionRounds));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const absl::Time now = clock_.Now();
  return rpc::ApplyChangeOnce<v1::AdmissionRound>(
      pool_, caller, now, "CloseAdmissionRound", request, request.request_id(),
      response,
      [&](db::Tx& tx, v1::AdmissionRound* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Framework framework,
                              LoadForChange(tx, caller, id.first));
        FHUB_ASSIGN_OR_RETURN(
            auto stored, records_.FindRoundForUpdate(tx, id.first, id.second));
        AdmissionRound& round = stored.first;
        if (round.closes <= now) {
          return absl::FailedPreconditionError(
              absl::StrCat(request.name(), " has already closed"));
        }
        // A round not yet open closes before it opens: it never opens.
        round.closes = std::max(now, round.opens);
        FHUB_RETURN_IF_ERROR(
            records_.CloseRoundEarly(tx, id.first, id.second, round.closes));
        ToProto(id.first, round, true, out);
        Emit(tx, v1::ADMISSION_ROUND_CLOSED, now, id.first, out->name());
        return out->name();
      });
}

absl::Status FrameworkServiceImpl::DoGetAdmissionStatus(
    const grpc::ServerContext& context,
    const v1::GetAdmissionStatusRequest& request,
    v1::AdmissionStatus* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  if (request.lot_id().empty()) {
    return absl::InvalidArgumentError("lot_id is required");
  }
  const absl::Time at =
      request.has_time() ? FromProto(request.time()) : clock_.Now();
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(Framework framework,
                          LoadForAdmission(tx, caller, framework_id));
    FHUB_RETURN_IF_ERROR(CheckLot(framework, request.lot_id(), "lot_id"));
    FHUB_ASSIGN_OR_RETURN(auto rounds, records_.ListRounds(tx, framework_id));
    AdmissionAnswer answer =
        AdmissionAt(framework, Rounds(rounds), request.lot_id(), at);
    response->set_open(answer.open);
    if (answer.current.has_value()) {
      ToProto(*answer.current, framework_id,
              response->mutable_current_window());
    }
    if (answer.next.has_value()) {
      ToProto(*answer.next, framework_id, response->mutable_next_window());
    }
    return absl::OkStatus();
  });
}

absl::Status FrameworkServiceImpl::DoListAdmissionWindows(
    const grpc::ServerContext& context,
    const v1::ListAdmissionWindowsRequest& request,
    v1::ListAdmissionWindowsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  if (request.year() < 1900 || request.year() > 9999) {
    return absl::InvalidArgumentError("year must be from 1900 to 9999");
  }
  const absl::Time from =
      absl::FromCivil(absl::CivilDay(request.year(), 1, 1), UkTimeZone());
  const absl::Time to =
      absl::FromCivil(absl::CivilDay(request.year() + 1, 1, 1), UkTimeZone());
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(Framework framework,
                          LoadForAdmission(tx, caller, framework_id));
    if (!request.lot_id().empty()) {
      FHUB_RETURN_IF_ERROR(CheckLot(framework, request.lot_id(), "lot_id"));
    }
    FHUB_ASSIGN_OR_RETURN(auto rounds, records_.ListRounds(tx, framework_id));
    for (const AdmissionWindow& window : AdmissionWindows(
             framework, Rounds(rounds), request.lot_id(), from, to)) {
      ToProto(window, framework_id, response->add_windows());
    }
    return absl::OkStatus();
  });
}

FHUB_RPC(OpenAdmissionRound, OpenAdmissionRoundRequest, AdmissionRound)
FHUB_RPC(CloseAdmissionRound, CloseAdmissionRoundRequest, AdmissionRound)
FHUB_RPC(GetAdmissionStatus, GetAdmissionStatusRequest, AdmissionStatus)
FHUB_RPC(ListAdmissionWindows, ListAdmissionWindowsRequest,
         ListAdmissionWindowsResponse)

}  // namespace fhub::frameworks
