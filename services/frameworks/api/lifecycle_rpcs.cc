// A framework's life after activation: termination by the lead, expiry and
// ballot closing as time passes, and the stream of events other services
// follow.

#include "absl/strings/str_cat.h"
#include "common/db/change.h"
#include "common/event_stream.h"
#include "common/log.h"
#include "common/resource_name.h"
#include "common/rpc.h"
#include "common/status_macros.h"
#include "services/frameworks/api/convert.h"
#include "services/frameworks/api/framework_service.h"
#include "services/frameworks/api/record_convert.h"
#include "services/frameworks/api/rpc_entry.h"
#include "services/frameworks/domain/access.h"
#include "services/frameworks/domain/rules.h"

namespace fhub::frameworks {
namespace {

constexpr char kServiceSubject[] = "fhub-frameworks";
constexpr char kServiceOrganisation[] = "services/frameworks";
constexpr int kHousekeepingBatch = 50;

}  // namespace

absl::Status FrameworkServiceImpl::DoTerminateFramework(
    const grpc::ServerContext& context,
    const v1::TerminateFrameworkRequest& request, v1::Framework* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseName("name", request.name(), "frameworks"));
  FHUB_RETURN_IF_ERROR(
      CheckText("reason", request.reason(), 1, kMaxReasonLength));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const absl::Time now = clock_.Now();
  return rpc::ApplyChangeOnce<v1::Framework>(
      pool_, caller, now, "TerminateFramework", request, request.request_id(),
      response,
      [&](db::Tx& tx, v1::Framework* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Framework framework,
                              LoadForChange(tx, caller, id));
        FHUB_RETURN_IF_ERROR(CheckTermination(framework));
        FHUB_ASSIGN_OR_RETURN(std::optional<int> open,
                              records_.OpenBallotOf(tx, id));
        if (open.has_value()) {
          FHUB_ASSIGN_OR_RETURN(ExtensionBallot ballot,
                                records_.FindBallot(tx, id, *open, true));
          FHUB_RETURN_IF_ERROR(CloseBallot(tx, framework, ballot, now, true));
        }
        FHUB_RETURN_IF_ERROR(store_.EndFramework(
            tx, id, FrameworkStatus::kTerminated, now, request.reason()));
        framework.status = FrameworkStatus::kTerminated;
        framework.end_time = now;
        framework.termination_reason = request.reason();
        ToProto(framework, out);
        Emit(tx, v1::FRAMEWORK_TERMINATED, now, id, out->name());
        return out->name();
      });
}

absl::Status FrameworkServiceImpl::CloseDueBallots(absl::Time now) {
  db::TxOptions options;
  options.name = "close due ballots";
  return db::Transact(pool_, options, [&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(auto due,
                          records_.BallotsDue(tx, now, kHousekeepingBatch));
    for (const auto& [framework_id, number] : due) {
      FHUB_ASSIGN_OR_RETURN(Framework framework,
                            store_.FindFramework(tx, framework_id, true));
      FHUB_ASSIGN_OR_RETURN(
          ExtensionBallot ballot,
          records_.FindBallot(tx, framework_id, number, true));
      if (!ballot.open()) continue;  // A last vote closed it meanwhile.
      FHUB_RETURN_IF_ERROR(CloseBallot(tx, framework, ballot, now, false));
      const std::string name = ChildName(framework_id, kBallots, number);
      db::AppendAudit(
          tx, now, kServiceSubject, kServiceOrganisation,
          "CloseExtensionBallot", name,
          absl::StrCat("{\"outcome\":\"",
                       NameOf(kBallotOutcomes, *ballot.outcome), "\"}"));
      log::Info("ballot.closed",
                {{"ballot", name},
                 {"outcome", NameOf(kBallotOutcomes, *ballot.outcome)}});
    }
    return absl::OkStatus();
  });
}

absl::Status FrameworkServiceImpl::ExpireDue(absl::Time now) {
  const absl::CivilDay today = absl::ToCivilDay(now, UkTimeZone());
  db::TxOptions options;
  options.name = "expire frameworks";
  return db::Transact(pool_, options, [&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(
        std::vector<Framework> due,
        store_.FrameworksDueToExpire(tx, today, kHousekeepingBatch));
    for (Framework& framework : due) {
      // A ballot still open at the end of the term is decided now; if it
      // passes, the framework runs on.
      FHUB_ASSIGN_OR_RETURN(std::optional<int> open,
                            records_.OpenBallotOf(tx, framework.id));
      if (open.has_value()) {
        FHUB_ASSIGN_OR_RETURN(
            ExtensionBallot ballot,
            records_.FindBallot(tx, framework.id, *open, true));
        FHUB_RETURN_IF_ERROR(CloseBallot(tx, framework, ballot, now, false));
        if (framework.term.current_end >= today) continue;
      }
      FHUB_RETURN_IF_ERROR(store_.EndFramework(
          tx, framework.id, FrameworkStatus::kExpired, now, ""));
      const std::string name = absl::StrCat("frameworks/", framework.id);
      // Event before audit, as in every rpc, so that the outbox and audit
      // locks are always taken in the same order.
      Emit(tx, v1::FRAMEWORK_EXPIRED, now, framework.id, name, "",
           framework.term.current_end);
      db::AppendAudit(tx, now, kServiceSubject, kServiceOrganisation,
                      "ExpireFramework", name, "{}");
      log::Info("framework.expired", {{"framework", name}});
    }
    return absl::OkStatus();
  });
}

absl::Status FrameworkServiceImpl::RunHousekeeping() {
  // The service's own work: its audit records are the hub's, not a caller's.
  const db::ScopedRows rows(db::RowScope::Everything());
  const absl::Time now = clock_.Now();
  FHUB_RETURN_IF_ERROR(CloseDueBallots(now));
  return ExpireDue(now);
}

grpc::Status FrameworkServiceImpl::StreamEvents(
    grpc::ServerContext* context, const v1::StreamEventsRequest* request,
    grpc::ServerWriter<v1::Event>* writer) {
  auto caller = rpc::Authenticate(verifier_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (!caller->HasRole(auth::Role::kService) &&
      !caller->HasRole(auth::Role::kAuditor) &&
      !caller->HasRole(auth::Role::kHubAdmin)) {
    return ToGrpcStatus(absl::PermissionDeniedError(
        "the event stream is for SERVICE, AUDITOR and HUB_ADMIN callers"));
  }
  if (request->after_sequence() < 0) {
    return ToGrpcStatus(
        absl::InvalidArgumentError("after_sequence must not be negative"));
  }
  return ToGrpcStatus(StreamOutbox(pool_, *context, request->after_sequence(),
                                   writer, caller->subject));
}

FHUB_RPC(TerminateFramework, TerminateFrameworkRequest, Framework)

}  // namespace fhub::frameworks
