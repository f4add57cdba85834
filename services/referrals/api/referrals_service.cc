#include "services/referrals/api/referrals_service.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/outbox.h"
#include "common/db/row_scope.h"
#include "common/db/transaction.h"
#include "common/event_stream.h"
#include "common/grpc_status.h"
#include "common/page_token.h"
#include "common/proto_enums.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "services/referrals/domain/access.h"
#include "services/referrals/domain/referral_rules.h"

namespace fhub::referrals {
namespace {

constexpr char kReferralsList[] = "referrals";

// The invitation of a provider the registry found eligible.
Invitation NewInvitation(const Referral& referral, const Eligible& e,
                         absl::Time now) {
  Invitation invitation;
  invitation.referral_id = referral.id;
  invitation.authority_id = referral.authority_id;
  invitation.framework_id = referral.framework_id;
  invitation.provider_id = e.provider_id;
  invitation.setting_id = e.setting_id;
  invitation.distance_miles = e.distance_miles;
  invitation.quality_score = e.quality_score;
  invitation.status = InvitationStatus::kInvited;
  invitation.invite_time = now;
  return invitation;
}

}  // namespace

ReferralsServiceImpl::ReferralsServiceImpl(db::Pool* pool,
                                           ReferralsStore* store,
                                           FrameworksClient* frameworks,
                                           Registry* registry, Pricing* pricing,
                                           const auth::TokenVerifier* verifier,
                                           const Clock* clock)
    : pool_(*pool),
      store_(*store),
      frameworks_(*frameworks),
      registry_(*registry),
      pricing_(*pricing),
      verifier_(*verifier),
      clock_(*clock) {}

absl::Status ReferralsServiceImpl::Read(
    const std::function<absl::Status(db::Tx&)>& body) {
  db::TxOptions options;
  options.name = "read";
  return db::Transact(pool_, options, body);
}

absl::CivilDay ReferralsServiceImpl::Today() const {
  return absl::ToCivilDay(clock_.Now(), UkTimeZone());
}

absl::StatusOr<FrameworkSnapshot> ReferralsServiceImpl::Framework(
    absl::string_view field, const std::string& framework_id) {
  auto snapshot = frameworks_.Framework(framework_id, /*fresh=*/true);
  if (absl::IsNotFound(snapshot.status())) {
    return absl::NotFoundError(
        absl::StrCat(field, ": frameworks/", framework_id, " is not found"));
  }
  return snapshot;
}

absl::Status ReferralsServiceImpl::CheckMayRefer(
    db::Tx& tx, const FrameworkSnapshot& framework,
    const std::string& authority_id) {
  if (!framework.active) {
    return absl::FailedPreconditionError(
        absl::StrCat("frameworks/", framework.framework_id,
                     " is not ACTIVE; no new referrals can be made under it"));
  }
  if (!framework.IsActiveMember(authority_id)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "authorities/", authority_id, " is not an active member of frameworks/",
        framework.framework_id));
  }
  FHUB_ASSIGN_OR_RETURN(
      std::optional<std::string> stopped,
      store_.StoppedReason(tx, framework.framework_id, authority_id, Today()));
  if (stopped.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no new referrals of authorities/", authority_id, " under frameworks/",
        framework.framework_id, ": ", *stopped));
  }
  return absl::OkStatus();
}

void ReferralsServiceImpl::Emit(db::Tx& tx, v1::EventType type,
                                const Referral& referral,
                                absl::string_view provider_id,
                                absl::string_view resource,
                                v1::InvitationStatus invitation_status) {
  v1::Event event;
  event.set_type(type);
  const absl::Time now = clock_.Now();
  ToProto(now, event.mutable_time());
  event.set_framework(absl::StrCat("frameworks/", referral.framework_id));
  event.set_authority(absl::StrCat("authorities/", referral.authority_id));
  if (!provider_id.empty()) {
    event.set_provider(absl::StrCat("providers/", provider_id));
  }
  event.set_resource(std::string(resource));
  event.set_invitation_status(invitation_status);
  db::AppendEvent(tx, v1::EventType_Name(type), now, event.SerializeAsString());
}

void ReferralsServiceImpl::EmitInvitationChanged(db::Tx& tx,
                                                 const Referral& referral,
                                                 const Invitation& invitation) {
  Emit(tx, v1::INVITATION_CHANGED, referral, invitation.provider_id,
       InvitationResourceName(invitation),
       ToProtoEnum<v1::InvitationStatus>(kInvitationStatuses, invitation.status,
                                         v1::InvitationStatus_Parse));
}

absl::StatusOr<ReferralsServiceImpl::Locked> ReferralsServiceImpl::LockReferral(
    db::Tx& tx, const OwnedName& name) {
  Locked locked;
  FHUB_ASSIGN_OR_RETURN(locked.record,
                        store_.FindReferral(tx, name.authority_id, name.id,
                                            /*for_update=*/true));
  FHUB_ASSIGN_OR_RETURN(locked.invitations,
                        store_.ReferralInvitations(tx, name.id));
  locked.status = CompetitionStatus(locked.record.referral, locked.invitations,
                                    clock_.Now());
  return locked;
}

absl::Status ReferralsServiceImpl::PersistClose(db::Tx& tx, Locked& locked) {
  Referral& referral = locked.record.referral;
  if (referral.status != ReferralStatus::kOpen ||
      locked.status == ReferralStatus::kOpen) {
    return absl::OkStatus();
  }
  for (Invitation& invitation : locked.invitations) {
    if (invitation.status != InvitationStatus::kInvited) continue;
    invitation.status = InvitationStatus::kClosed;
    FHUB_RETURN_IF_ERROR(store_.UpdateInvitation(tx, invitation));
    EmitInvitationChanged(tx, referral, invitation);
  }
  locked.record.waiting = 0;
  referral.status = locked.status;
  return store_.UpdateReferral(tx, referral);
}

absl::Status ReferralsServiceImpl::CloseOpenInvitations(
    db::Tx& tx, const Referral& referral,
    std::vector<Invitation>& invitations) {
  for (Invitation& invitation : invitations) {
    if (invitation.status != InvitationStatus::kInvited &&
        invitation.status != InvitationStatus::kOffered) {
      continue;
    }
    invitation.status = InvitationStatus::kClosed;
    FHUB_RETURN_IF_ERROR(store_.UpdateInvitation(tx, invitation));
    EmitInvitationChanged(tx, referral, invitation);
  }
  return absl::OkStatus();
}

absl::StatusOr<int> ReferralsServiceImpl::CloseDueCompetitions(int limit) {
  // Housekeeping: every authority's competitions.
  const db::ScopedRows rows(db::RowScope::Everything());
  int closed = 0;
  db::TxOptions options;
  options.name = "close due competitions";
  FHUB_RETURN_IF_ERROR(db::Transact(pool_, options, [&](db::Tx& tx) {
    closed = 0;
    FHUB_ASSIGN_OR_RETURN(std::vector<ReferralRecord> due,
                          store_.DueForClosing(tx, clock_.Now(), limit));
    for (ReferralRecord& record : due) {
      Locked locked;
      locked.record = std::move(record);
      FHUB_ASSIGN_OR_RETURN(
          locked.invitations,
          store_.ReferralInvitations(tx, locked.record.referral.id));
      locked.status = CompetitionStatus(locked.record.referral,
                                        locked.invitations, clock_.Now());
      FHUB_RETURN_IF_ERROR(PersistClose(tx, locked));
      ++closed;
    }
    return absl::OkStatus();
  }));
  return closed;
}

// --- Referrals ---------------------------------------------------------------

absl::Status ReferralsServiceImpl::DoCreateReferral(
    const grpc::ServerContext& context,
    const v1::CreateReferralRequest& request, v1::Referral* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  return CreateReferralAs(caller, request, response);
}

absl::Status ReferralsServiceImpl::CreateReferralAs(
    const auth::Principal& caller, const v1::CreateReferralRequest& request,
    v1::Referral* response) {
  FHUB_ASSIGN_OR_RETURN(std::string authority_id,
                        ParseName("parent", request.parent(), "authorities"));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, authority_id));
  FHUB_ASSIGN_OR_RETURN(Referral referral, FromProto(request.referral()));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  referral.authority_id = authority_id;

  FHUB_ASSIGN_OR_RETURN(FrameworkSnapshot framework,
                        Framework("referral.framework", referral.framework_id));
  if (framework.FindLot(referral.lot_id) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("referral.lot_id: frameworks/", referral.framework_id,
                     " has no lot '", referral.lot_id, "'"));
  }
  const absl::Time now = clock_.Now();
  FHUB_RETURN_IF_ERROR(ValidateReferral(
      referral, AgeRange{framework.minimum_age, framework.maximum_age}, Today(),
      now));

  return Change<v1::Referral>(
      caller, "CreateReferral", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Referral* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(CheckMayRefer(tx, framework, authority_id));
        Referral stored = referral;
        stored.status = ReferralStatus::kDraft;
        stored.create_time = now;
        FHUB_RETURN_IF_ERROR(store_.InsertReferral(tx, stored));
        const std::string name = ReferralName(authority_id, stored.id);
        Emit(tx, v1::REFERRAL_CREATED, stored, "", name);
        ReferralRecord record;
        record.referral = std::move(stored);
        ToProto(record, ReferralStatus::kDraft, Disclosure::kFull, out);
        return name;
      });
}

absl::Status ReferralsServiceImpl::DoGetReferral(
    const grpc::ServerContext& context, const v1::GetReferralRequest& request,
    v1::Referral* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParseReferralName("name", request.name()));
  if (!CanReadAuthority(caller, name.authority_id)) {
    return absl::NotFoundError(absl::StrCat(request.name(), " not found"));
  }
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(
        ReferralRecord record,
        store_.FindReferral(tx, name.authority_id, name.id, false));
    response->Clear();
    ToProto(record,
            CompetitionStatus(record.referral, record.waiting > 0,
                              record.live_offers > 0, clock_.Now()),
            Disclosure::kFull, response);
    return absl::OkStatus();
  });
}

absl::Status ReferralsServiceImpl::DoListReferrals(
    const grpc::ServerContext& context, const v1::ListReferralsRequest& request,
    v1::ListReferralsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string authority_id,
                        ReadableAuthority(caller, request.parent()));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int64_t before_id,
                        DecodeBeforeId(kReferralsList, request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(
        std::vector<ReferralRecord> records,
        store_.ListReferrals(tx, authority_id, before_id, page_size + 1));
    const bool more = TrimToPage(records, page_size);
    for (const ReferralRecord& record : records) {
      ToProto(record,
              CompetitionStatus(record.referral, record.waiting > 0,
                                record.live_offers > 0, clock_.Now()),
              Disclosure::kFull, response->add_referrals());
    }
    if (more) {
      response->set_next_page_token(EncodePageToken(
          kReferralsList, absl::StrCat(records.back().referral.id)));
    }
    return absl::OkStatus();
  });
}

absl::Status ReferralsServiceImpl::DoSubmitReferral(
    const grpc::ServerContext& context,
    const v1::SubmitReferralRequest& request, v1::Referral* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParseReferralName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  if (!IsCommissionerOf(caller, name.authority_id)) {
    if (CanReadAuthority(caller, name.authority_id)) {
      return CheckCommissionerOf(caller, name.authority_id);
    }
    return absl::NotFoundError(absl::StrCat(request.name(), " not found"));
  }

  // What the other services say, asked before anything is written. A
  // referral that is no longer a DRAFT asks nothing: it is either a retry,
  // answered from the first result, or refused in the transaction.
  ReferralRecord current;
  FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(
        current, store_.FindReferral(tx, name.authority_id, name.id, false));
    return absl::OkStatus();
  }));
  std::optional<FrameworkSnapshot> framework;
  std::vector<Eligible> eligible;
  if (current.referral.status == ReferralStatus::kDraft) {
    FHUB_ASSIGN_OR_RETURN(framework, Framework("referral.framework",
                                               current.referral.framework_id));
    FHUB_ASSIGN_OR_RETURN(eligible, registry_.SearchEligible(current.referral));
  }

  const absl::Time now = clock_.Now();
  return Change<v1::Referral>(
      caller, "SubmitReferral", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Referral* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Locked locked, LockReferral(tx, name));
        Referral& referral = locked.record.referral;
        if (referral.status != ReferralStatus::kDraft || !framework) {
          return absl::FailedPreconditionError(absl::StrCat(
              "only a DRAFT referral can be submitted; this one is ",
              NameOf(kReferralStatuses, locked.status)));
        }
        FHUB_RETURN_IF_ERROR(CheckMayRefer(tx, *framework, name.authority_id));
        FHUB_ASSIGN_OR_RETURN(absl::Time deadline,
                              DeadlineOnSubmit(referral, now));
        referral.response_deadline = deadline;
        referral.submit_time = now;
        referral.status = eligible.empty() ? ReferralStatus::kNoSuitableOffer
                                           : ReferralStatus::kOpen;
        FHUB_RETURN_IF_ERROR(store_.UpdateReferral(tx, referral));
        Emit(tx, v1::REFERRAL_SUBMITTED, referral, "", request.name());
        std::vector<Invitation> invitations;
        invitations.reserve(eligible.size());
        for (const Eligible& e : eligible) {
          invitations.push_back(NewInvitation(referral, e, now));
          Emit(tx, v1::PROVIDER_INVITED, referral, e.provider_id,
               InvitationResourceName(invitations.back()));
        }
        FHUB_RETURN_IF_ERROR(store_.InsertInvitations(tx, invitations));
        locked.record.invitations = static_cast<int>(eligible.size());
        locked.record.waiting = static_cast<int>(eligible.size());
        ToProto(locked.record, referral.status, Disclosure::kFull, out);
        return request.name();
      });
}

absl::Status ReferralsServiceImpl::DoCancelReferral(
    const grpc::ServerContext& context,
    const v1::CancelReferralRequest& request, v1::Referral* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParseReferralName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, name.authority_id));
  FHUB_RETURN_IF_ERROR(
      CheckText("reason", request.reason(), 1, kMaxReasonLength));
  return Change<v1::Referral>(
      caller, "CancelReferral", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Referral* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Locked locked, LockReferral(tx, name));
        FHUB_RETURN_IF_ERROR(CheckCanCancel(locked.status));
        Referral& referral = locked.record.referral;
        FHUB_RETURN_IF_ERROR(
            CloseOpenInvitations(tx, referral, locked.invitations));
        referral.status = ReferralStatus::kCancelled;
        referral.cancel_reason = request.reason();
        FHUB_RETURN_IF_ERROR(store_.UpdateReferral(tx, referral));
        Emit(tx, v1::REFERRAL_CANCELLED, referral, "", request.name());
        locked.record.waiting = 0;
        locked.record.live_offers = 0;
        ToProto(locked.record, ReferralStatus::kCancelled, Disclosure::kFull,
                out);
        return request.name();
      });
}

absl::Status ReferralsServiceImpl::DoReopenReferral(
    const grpc::ServerContext& context,
    const v1::ReopenReferralRequest& request, v1::Referral* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParseReferralName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, name.authority_id));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const absl::Time now = clock_.Now();
  std::optional<absl::Time> deadline;
  if (request.has_response_deadline()) {
    deadline = FromProto(request.response_deadline());
    if (*deadline <= now) {
      return absl::InvalidArgumentError("response_deadline: is in the past");
    }
    if (*deadline > now + kMaxResponseWindow) {
      return absl::InvalidArgumentError(
          "response_deadline: is more than 60 days away");
    }
  }

  // The wider search, asked before the transaction; the transaction checks
  // the referral may be re-opened.
  ReferralRecord current;
  FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(
        current, store_.FindReferral(tx, name.authority_id, name.id, false));
    return absl::OkStatus();
  }));
  const ReferralStatus status_now = CompetitionStatus(
      current.referral, current.waiting > 0, current.live_offers > 0, now);
  std::optional<FrameworkSnapshot> framework;
  std::vector<Eligible> eligible;
  if (status_now == ReferralStatus::kNoSuitableOffer) {
    FHUB_RETURN_IF_ERROR(CheckCanReopen(status_now, current.referral,
                                        request.max_distance_miles()));
    Referral wider = current.referral;
    if (request.max_distance_miles() > 0) {
      wider.max_distance_miles = request.max_distance_miles();
    }
    wider.wanted_start_date = std::max(wider.wanted_start_date, Today());
    FHUB_ASSIGN_OR_RETURN(framework,
                          Framework("referral.framework", wider.framework_id));
    FHUB_ASSIGN_OR_RETURN(eligible, registry_.SearchEligible(wider));
  }

  return Change<v1::Referral>(
      caller, "ReopenReferral", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Referral* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Locked locked, LockReferral(tx, name));
        Referral& referral = locked.record.referral;
        FHUB_RETURN_IF_ERROR(CheckCanReopen(locked.status, referral,
                                            request.max_distance_miles()));
        if (!framework) {
          return absl::AbortedError(
              "the referral changed while it was being re-opened; retry");
        }
        FHUB_RETURN_IF_ERROR(CheckMayRefer(tx, *framework, name.authority_id));
        if (request.max_distance_miles() > 0) {
          referral.max_distance_miles = request.max_distance_miles();
        }
        referral.response_deadline =
            deadline.value_or(now + kDefaultResponseWindow);
        std::vector<Invitation> added;
        for (const Eligible& e : eligible) {
          const bool already =
              std::any_of(locked.invitations.begin(), locked.invitations.end(),
                          [&](const Invitation& i) {
                            return i.provider_id == e.provider_id;
                          });
          if (already) continue;
          added.push_back(NewInvitation(referral, e, now));
          Emit(tx, v1::PROVIDER_INVITED, referral, e.provider_id,
               InvitationResourceName(added.back()));
        }
        FHUB_RETURN_IF_ERROR(store_.InsertInvitations(tx, added));
        const int invited = static_cast<int>(added.size());
        if (invited == 0) {
          return absl::FailedPreconditionError(absl::StrCat(
              "no provider not already invited is eligible within ",
              referral.max_distance_miles,
              " miles; widen the distance further or cancel the referral"));
        }
        referral.status = ReferralStatus::kOpen;
        FHUB_RETURN_IF_ERROR(store_.UpdateReferral(tx, referral));
        Emit(tx, v1::REFERRAL_REOPENED, referral, "", request.name());
        locked.record.invitations += invited;
        locked.record.waiting = invited;
        ToProto(locked.record, ReferralStatus::kOpen, Disclosure::kFull, out);
        return request.name();
      });
}

// --- gRPC entry points -------------------------------------------------------

#define FHUB_REFERRALS_RPC(Method, Request, Response)                     \
  grpc::Status ReferralsServiceImpl::Method(grpc::ServerContext* context, \
                                            const v1::Request* request,   \
                                            v1::Response* response) {     \
    const ::fhub::db::CallDeadline call_deadline(context->deadline());    \
    const ::fhub::db::ScopedRows rows;                                    \
    return ToGrpcStatus(Do##Method(*context, *request, response));        \
  }

FHUB_REFERRALS_RPC(CreateReferral, CreateReferralRequest, Referral)
FHUB_REFERRALS_RPC(GetReferral, GetReferralRequest, Referral)
FHUB_REFERRALS_RPC(ImportReferrals, ImportReferralsRequest,
                   ImportReferralsResponse)
FHUB_REFERRALS_RPC(ListReferrals, ListReferralsRequest, ListReferralsResponse)
FHUB_REFERRALS_RPC(SubmitReferral, SubmitReferralRequest, Referral)
FHUB_REFERRALS_RPC(CancelReferral, CancelReferralRequest, Referral)
FHUB_REFERRALS_RPC(ReopenReferral, ReopenReferralRequest, Referral)
FHUB_REFERRALS_RPC(RankOffers, RankOffersRequest, RankOffersResponse)
FHUB_REFERRALS_RPC(AwardReferral, AwardReferralRequest, Placement)
FHUB_REFERRALS_RPC(PlaceInBlock, PlaceInBlockRequest, Placement)
FHUB_REFERRALS_RPC(ListInvitations, ListInvitationsRequest,
                   ListInvitationsResponse)
FHUB_REFERRALS_RPC(GetInvitation, GetInvitationRequest, Invitation)
FHUB_REFERRALS_RPC(MakeOffer, MakeOfferRequest, Invitation)
FHUB_REFERRALS_RPC(DeclineInvitation, DeclineInvitationRequest, Invitation)
FHUB_REFERRALS_RPC(WithdrawOffer, WithdrawOfferRequest, Invitation)
FHUB_REFERRALS_RPC(GetPlacement, GetPlacementRequest, Placement)
FHUB_REFERRALS_RPC(ListPlacements, ListPlacementsRequest,
                   ListPlacementsResponse)
FHUB_REFERRALS_RPC(AdjustSupportHours, AdjustSupportHoursRequest, Placement)
FHUB_REFERRALS_RPC(EndPlacement, EndPlacementRequest, Placement)
FHUB_REFERRALS_RPC(GetPlacementCost, GetPlacementCostRequest, PlacementCost)
FHUB_REFERRALS_RPC(ListFinanceLines, ListFinanceLinesRequest,
                   ListFinanceLinesResponse)
FHUB_REFERRALS_RPC(CreateBlockContract, CreateBlockContractRequest,
                   BlockContract)
FHUB_REFERRALS_RPC(ListBlockContracts, ListBlockContractsRequest,
                   ListBlockContractsResponse)
FHUB_REFERRALS_RPC(GetBlockOccupancy, GetBlockOccupancyRequest, BlockOccupancy)
FHUB_REFERRALS_RPC(GetFigures, GetFiguresRequest, Figures)
FHUB_REFERRALS_RPC(CountPlacements, CountPlacementsRequest,
                   CountPlacementsResponse)
FHUB_REFERRALS_RPC(CreateWebhookEndpoint, CreateWebhookEndpointRequest,
                   WebhookEndpoint)
FHUB_REFERRALS_RPC(ListWebhookEndpoints, ListWebhookEndpointsRequest,
                   ListWebhookEndpointsResponse)
FHUB_REFERRALS_RPC(DeleteWebhookEndpoint, DeleteWebhookEndpointRequest,
                   WebhookEndpoint)
FHUB_REFERRALS_RPC(ListWebhookDeliveries, ListWebhookDeliveriesRequest,
                   ListWebhookDeliveriesResponse)

#undef FHUB_REFERRALS_RPC

grpc::Status ReferralsServiceImpl::StreamEvents(
    grpc::ServerContext* context, const v1::StreamEventsRequest* request,
    grpc::ServerWriter<v1::Event>* writer) {
  auto caller = rpc::Authenticate(verifier_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (!caller->HasRole(auth::Role::kService) &&
      !caller->HasRole(auth::Role::kAuditor)) {
    return ToGrpcStatus(absl::PermissionDeniedError(
        "only a SERVICE or an AUDITOR may follow the events"));
  }
  if (request->after_sequence() < 0) {
    return ToGrpcStatus(
        absl::InvalidArgumentError("after_sequence must not be negative"));
  }
  return ToGrpcStatus(StreamOutbox(pool_, *context, request->after_sequence(),
                                   writer, caller->subject));
}

}  // namespace fhub::referrals
