// Invitations and offers: what an invited provider sees and does.

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/db/outbox.h"
#include "common/db/row_scope.h"
#include "common/db/transaction.h"
#include "common/grpc_status.h"
#include "common/page_token.h"
#include "common/proto_enums.h"
#include "common/resource_name.h"
#include "common/stream_accept.h"
#include "services/referrals/api/referrals_service.h"
#include "services/referrals/domain/access.h"
#include "services/referrals/domain/referral_rules.h"
#include "services/registry/domain/geography.h"

namespace fhub::referrals {
namespace {

constexpr char kInvitationsList[] = "invitations";

absl::Status InvitationNotFound(absl::string_view name) {
  return absl::NotFoundError(absl::StrCat(name, " not found"));
}

}  // namespace

absl::Status ReferralsServiceImpl::DoListInvitations(
    const grpc::ServerContext& context,
    const v1::ListInvitationsRequest& request,
    v1::ListInvitationsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string provider_id,
                        ParseName("parent", request.parent(), "providers"));
  FHUB_RETURN_IF_ERROR(CheckProviderUserOf(caller, provider_id));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int64_t before_id,
                        DecodeBeforeId(kInvitationsList, request.page_token()));
  const absl::Time now = clock_.Now();
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(
        std::vector<InvitationRecord> records,
        store_.ProviderInvitations(tx, provider_id, request.open_only(),
                                   before_id, page_size + 1));
    const bool more = TrimToPage(records, page_size);
    for (const InvitationRecord& r : records) {
      const ReferralStatus competition =
          CompetitionStatus(r.referral.referral, r.referral.waiting > 0,
                            r.referral.live_offers > 0, now);
      const InvitationStatus status =
          InvitationStatusAt(r.referral.referral, competition, r.invitation);
      // Open: the provider can still answer it or withdraw its offer.
      if (request.open_only() && competition != ReferralStatus::kOpen &&
          status != InvitationStatus::kOffered) {
        continue;
      }
      ToProto(r.invitation, r.referral, competition, false,
              response->add_invitations());
    }
    if (more) {
      response->set_next_page_token(
          EncodePageToken(kInvitationsList,
                          absl::StrCat(records.back().invitation.referral_id)));
    }
    return absl::OkStatus();
  });
}

absl::Status ReferralsServiceImpl::DoGetInvitation(
    const grpc::ServerContext& context, const v1::GetInvitationRequest& request,
    v1::Invitation* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(InvitationName name,
                        ParseInvitationName("name", request.name()));
  if (!CanSeeInvitation(caller, name.authority_id, name.provider_id)) {
    return InvitationNotFound(request.name());
  }
  const bool as_authority = CanReadAuthority(caller, name.authority_id);
  return Read([&](db::Tx& tx) -> absl::Status {
    auto record =
        store_.FindInvitationRecord(tx, name.referral_id, name.provider_id);
    if (absl::IsNotFound(record.status()) ||
        (record.ok() &&
         record->referral.referral.authority_id != name.authority_id)) {
      return InvitationNotFound(request.name());
    }
    FHUB_RETURN_IF_ERROR(record.status());
    const ReferralStatus competition = CompetitionStatus(
        record->referral.referral, record->referral.waiting > 0,
        record->referral.live_offers > 0, clock_.Now());
    response->Clear();
    ToProto(record->invitation, record->referral, competition, as_authority,
            response);
    return absl::OkStatus();
  });
}

grpc::Status ReferralsServiceImpl::StreamInvitations(
    grpc::ServerContext* context, const v1::StreamInvitationsRequest* request,
    grpc::ServerWriter<v1::Invitation>* writer) {
  const db::ScopedRows rows;  // The caller's, once authenticated.
  auto caller = rpc::Authenticate(verifier_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  auto provider_id = ParseName("parent", request->parent(), "providers");
  if (!provider_id.ok()) return ToGrpcStatus(provider_id.status());
  if (absl::Status allowed = CheckProviderUserOf(*caller, *provider_id);
      !allowed.ok()) {
    return ToGrpcStatus(allowed);
  }
  const std::string provider_name = request->parent();
  AcceptStream(*context, *writer);

  // Where the change feed stands before the open invitations are read, so
  // that nothing that changes in between is missed (it is sent twice at
  // worst).
  int64_t after = 0;
  db::TxOptions options;
  options.name = "stream invitations";
  absl::Status status = db::Transact(pool_, options, [&](db::Tx& tx) {
    after = db::LastSequence(tx);
    return absl::OkStatus();
  });
  if (!status.ok()) return ToGrpcStatus(status);

  auto send = [&](int64_t referral_id) -> absl::StatusOr<bool> {
    v1::Invitation invitation;
    absl::Status read = Read([&](db::Tx& tx) -> absl::Status {
      FHUB_ASSIGN_OR_RETURN(
          InvitationRecord record,
          store_.FindInvitationRecord(tx, referral_id, *provider_id));
      const ReferralStatus competition = CompetitionStatus(
          record.referral.referral, record.referral.waiting > 0,
          record.referral.live_offers > 0, clock_.Now());
      ToProto(record.invitation, record.referral, competition, false,
              &invitation);
      return absl::OkStatus();
    });
    if (absl::IsNotFound(read)) return true;
    FHUB_RETURN_IF_ERROR(read);
    return writer->Write(invitation);
  };

  {
    std::vector<InvitationRecord> open;
    absl::Status listed = Read([&](db::Tx& tx) -> absl::Status {
      FHUB_ASSIGN_OR_RETURN(
          open, store_.ProviderInvitations(tx, *provider_id, true, 0, 500));
      return absl::OkStatus();
    });
    if (!listed.ok()) return ToGrpcStatus(listed);
    for (auto it = open.rbegin(); it != open.rend(); ++it) {
      auto sent = send(it->invitation.referral_id);
      if (!sent.ok()) return ToGrpcStatus(sent.status());
      if (!*sent) return grpc::Status::OK;
    }
  }

  constexpr int kBatch = 200;
  while (!context->IsCancelled()) {
    std::vector<db::StoredEvent> batch;
    status = db::Transact(pool_, options, [&](db::Tx& tx) {
      batch = db::ReadEvents(tx, after, kBatch);
      return absl::OkStatus();
    });
    if (!status.ok()) return ToGrpcStatus(status);
    for (const db::StoredEvent& stored : batch) {
      after = stored.sequence;
      v1::Event event;
      if (!event.ParseFromString(stored.payload)) continue;
      if (event.provider() != provider_name) continue;
      if (event.type() != v1::PROVIDER_INVITED &&
          event.type() != v1::INVITATION_CHANGED) {
        continue;
      }
      auto name = ParseInvitationName("resource", event.resource());
      if (!name.ok()) continue;
      auto sent = send(name->referral_id);
      if (!sent.ok()) return ToGrpcStatus(sent.status());
      if (!*sent) return grpc::Status::OK;
    }
    if (static_cast<int>(batch.size()) < kBatch) {
      absl::SleepFor(absl::Milliseconds(200));
    }
  }
  return grpc::Status::OK;
}

// --- Answers ----------------------------------------------------------------

absl::StatusOr<ReferralsServiceImpl::LockedAnswer>
ReferralsServiceImpl::LockAnswer(db::Tx& tx, const InvitationName& name) {
  FHUB_RETURN_IF_ERROR(
      store_.LockReferral(tx, name.authority_id, name.referral_id));
  FHUB_ASSIGN_OR_RETURN(
      InvitationRecord current,
      store_.FindInvitationRecord(tx, name.referral_id, name.provider_id));
  const ReferralStatus status =
      CompetitionStatus(current.referral.referral, current.referral.waiting > 0,
                        current.referral.live_offers > 0, clock_.Now());
  return LockedAnswer{std::move(current.referral),
                      std::move(current.invitation), status};
}

absl::Status ReferralsServiceImpl::FinishAnswer(db::Tx& tx,
                                                LockedAnswer& answer,
                                                absl::Time now) {
  answer.status =
      CompetitionStatus(answer.record.referral, answer.record.waiting > 0,
                        answer.record.live_offers > 0, now);
  if (answer.record.referral.status != ReferralStatus::kOpen ||
      answer.status == ReferralStatus::kOpen) {
    return absl::OkStatus();
  }
  Locked locked{answer.record, {}, answer.status};
  FHUB_ASSIGN_OR_RETURN(locked.invitations, store_.ReferralInvitations(
                                                tx, answer.record.referral.id));
  FHUB_RETURN_IF_ERROR(PersistClose(tx, locked));
  answer.record = std::move(locked.record);
  return absl::OkStatus();
}

absl::Status ReferralsServiceImpl::DoMakeOffer(
    const grpc::ServerContext& context, const v1::MakeOfferRequest& request,
    v1::Invitation* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(InvitationName name,
                        ParseInvitationName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckProviderUserOf(caller, name.provider_id));
  if (!request.has_offer()) {
    return absl::InvalidArgumentError("offer: is required");
  }
  FHUB_ASSIGN_OR_RETURN(OfferTerms offer, FromProto(request.offer()));
  FHUB_ASSIGN_OR_RETURN(
      auto setting,
      ParseSettingName("offer.setting", request.offer().setting()));
  if (setting.first != name.provider_id) {
    return absl::InvalidArgumentError(
        absl::StrCat("offer.setting: ", request.offer().setting(),
                     " is not a setting of providers/", name.provider_id));
  }
  FHUB_RETURN_IF_ERROR(ValidateOfferTerms(offer, Today()));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));

  // The invitation as it stands: a provider that was not invited learns
  // only that; a closed competition asks nothing of the other services.
  InvitationRecord current;
  FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
    auto record =
        store_.FindInvitationRecord(tx, name.referral_id, name.provider_id);
    if (absl::IsNotFound(record.status()) ||
        (record.ok() &&
         record->referral.referral.authority_id != name.authority_id)) {
      return absl::NotFoundError(absl::StrCat(
          "name: providers/", name.provider_id, " was not invited to ",
          ReferralName(name.authority_id, name.referral_id)));
    }
    FHUB_RETURN_IF_ERROR(record.status());
    current = *std::move(record);
    return absl::OkStatus();
  }));
  const Referral& referral = current.referral.referral;
  std::optional<SettingFacts> facts;
  std::optional<PriceCheck> price;
  double distance = 0;
  const ReferralStatus competition =
      CompetitionStatus(referral, current.referral.waiting > 0,
                        current.referral.live_offers > 0, clock_.Now());
  if (CheckCanAnswer(referral, competition, current.invitation).ok()) {
    FHUB_ASSIGN_OR_RETURN(
        facts,
        registry_.Setting("offer.setting", name.provider_id, offer.setting_id));
    if (!facts->Serves(referral.framework_id, referral.lot_id)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "offer.setting: ", request.offer().setting(), " does not serve ",
          referral.framework_id, " ", referral.lot_id));
    }
    distance = registry::DistanceMiles({referral.latitude, referral.longitude},
                                       {facts->latitude, facts->longitude});
    if (distance > referral.max_distance_miles) {
      return absl::FailedPreconditionError(absl::StrCat(
          "offer.setting: ", request.offer().setting(), " is ",
          absl::StrFormat("%.1f", distance),
          " miles from the young person's home, beyond the referral's ",
          referral.max_distance_miles));
    }
    FHUB_ASSIGN_OR_RETURN(
        price, pricing_.CheckOffer(referral, name.provider_id, offer.setting_id,
                                   offer.available_date,
                                   offer.accommodation_weekly_pence,
                                   offer.support_hourly_pence));
  }

  const absl::Time now = clock_.Now();
  return Change<v1::Invitation>(
      caller, "MakeOffer", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Invitation* out) -> absl::StatusOr<std::string> {
        auto answer_or = LockAnswer(tx, name);
        if (absl::IsNotFound(answer_or.status())) {
          return absl::NotFoundError("name: the invitation is gone");
        }
        FHUB_RETURN_IF_ERROR(answer_or.status());
        LockedAnswer& answer = *answer_or;
        Invitation* invitation = &answer.invitation;
        FHUB_RETURN_IF_ERROR(
            CheckCanAnswer(answer.record.referral, answer.status, *invitation));
        if (!facts || !price) {
          return absl::AbortedError(
              "the invitation changed while the offer was checked; retry");
        }
        FHUB_RETURN_IF_ERROR(store_.PutSettingPlaces(
            tx,
            {name.provider_id, offer.setting_id, std::max(facts->capacity, 1),
             facts->latitude, facts->longitude},
            now));
        invitation->status = InvitationStatus::kOffered;
        invitation->answer_time = now;
        invitation->offer = offer;
        invitation->offer_distance_miles = distance;
        invitation->offer_weekly_pence = WeeklyCost(
            offer.accommodation_weekly_pence, offer.support_hourly_pence,
            offer.support_minutes_per_week);
        invitation->spot_price = price->spot_price;
        FHUB_RETURN_IF_ERROR(store_.UpdateInvitation(tx, *invitation));
        const std::string resource = InvitationResourceName(*invitation);
        EmitInvitationChanged(tx, answer.record.referral, *invitation);
        ++answer.record.live_offers;
        --answer.record.waiting;
        FHUB_RETURN_IF_ERROR(FinishAnswer(tx, answer, now));
        ToProto(*invitation, answer.record, answer.status, false, out);
        return resource;
      });
}

absl::Status ReferralsServiceImpl::DoDeclineInvitation(
    const grpc::ServerContext& context,
    const v1::DeclineInvitationRequest& request, v1::Invitation* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(InvitationName name,
                        ParseInvitationName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckProviderUserOf(caller, name.provider_id));
  FHUB_ASSIGN_OR_RETURN(
      DeclineReason reason,
      FromProtoName(kDeclineReasons, v1::DeclineReason_Name(request.reason()),
                    "reason"));
  FHUB_RETURN_IF_ERROR(CheckText("note", request.note(),
                                 reason == DeclineReason::kOther ? 1 : 0,
                                 kMaxReasonLength));
  const absl::Time now = clock_.Now();
  return Change<v1::Invitation>(
      caller, "DeclineInvitation", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Invitation* out) -> absl::StatusOr<std::string> {
        auto answer_or = LockAnswer(tx, name);
        if (absl::IsNotFound(answer_or.status())) {
          return absl::NotFoundError(absl::StrCat(
              "name: providers/", name.provider_id, " was not invited to ",
              ReferralName(name.authority_id, name.referral_id)));
        }
        FHUB_RETURN_IF_ERROR(answer_or.status());
        LockedAnswer& answer = *answer_or;
        Invitation* invitation = &answer.invitation;
        FHUB_RETURN_IF_ERROR(
            CheckCanAnswer(answer.record.referral, answer.status, *invitation));
        invitation->status = InvitationStatus::kDeclined;
        invitation->answer_time = now;
        invitation->decline_reason = reason;
        invitation->decline_note = request.note();
        FHUB_RETURN_IF_ERROR(store_.UpdateInvitation(tx, *invitation));
        const std::string resource = InvitationResourceName(*invitation);
        EmitInvitationChanged(tx, answer.record.referral, *invitation);
        ++answer.record.declines;
        --answer.record.waiting;
        FHUB_RETURN_IF_ERROR(FinishAnswer(tx, answer, now));
        ToProto(*invitation, answer.record, answer.status, false, out);
        return resource;
      });
}

absl::Status ReferralsServiceImpl::DoWithdrawOffer(
    const grpc::ServerContext& context, const v1::WithdrawOfferRequest& request,
    v1::Invitation* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(InvitationName name,
                        ParseInvitationName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckProviderUserOf(caller, name.provider_id));
  const absl::Time now = clock_.Now();
  return Change<v1::Invitation>(
      caller, "WithdrawOffer", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Invitation* out) -> absl::StatusOr<std::string> {
        auto answer_or = LockAnswer(tx, name);
        if (absl::IsNotFound(answer_or.status())) {
          return InvitationNotFound(request.name());
        }
        FHUB_RETURN_IF_ERROR(answer_or.status());
        LockedAnswer& answer = *answer_or;
        Invitation* invitation = &answer.invitation;
        FHUB_RETURN_IF_ERROR(CheckCanWithdraw(answer.record.referral,
                                              answer.status, *invitation));
        invitation->status = InvitationStatus::kOfferWithdrawn;
        invitation->answer_time = now;
        FHUB_RETURN_IF_ERROR(store_.UpdateInvitation(tx, *invitation));
        const std::string resource = InvitationResourceName(*invitation);
        EmitInvitationChanged(tx, answer.record.referral, *invitation);
        --answer.record.live_offers;
        FHUB_RETURN_IF_ERROR(FinishAnswer(tx, answer, now));
        ToProto(*invitation, answer.record, answer.status, false, out);
        return resource;
      });
}

// --- Following the other services --------------------------------------------

absl::Status ReferralsServiceImpl::Revoke(
    db::Tx& tx, const std::vector<Invitation>& invitations) {
  const absl::Time now = clock_.Now();
  std::set<int64_t> touched;
  for (Invitation invitation : invitations) {
    invitation.status = InvitationStatus::kRevoked;
    FHUB_RETURN_IF_ERROR(store_.UpdateInvitation(tx, invitation));
    touched.insert(invitation.referral_id);
  }
  // A competition may close once a revoked invitation no longer waits.
  for (int64_t referral_id : touched) {
    const std::string authority_id = [&] {
      for (const Invitation& i : invitations) {
        if (i.referral_id == referral_id) return i.authority_id;
      }
      return std::string();
    }();
    FHUB_ASSIGN_OR_RETURN(Locked locked,
                          LockReferral(tx, {authority_id, referral_id}));
    for (const Invitation& i : invitations) {
      if (i.referral_id == referral_id) {
        Invitation revoked = i;
        revoked.status = InvitationStatus::kRevoked;
        EmitInvitationChanged(tx, locked.record.referral, revoked);
      }
    }
    locked.status =
        CompetitionStatus(locked.record.referral, locked.invitations, now);
    // An EVALUATING referral whose last live offer was revoked has none.
    if (locked.record.referral.status == ReferralStatus::kEvaluating &&
        std::none_of(locked.invitations.begin(), locked.invitations.end(),
                     LiveOffer)) {
      locked.record.referral.status = ReferralStatus::kNoSuitableOffer;
      FHUB_RETURN_IF_ERROR(store_.UpdateReferral(tx, locked.record.referral));
      continue;
    }
    FHUB_RETURN_IF_ERROR(PersistClose(tx, locked));
  }
  return absl::OkStatus();
}

absl::Status ReferralsServiceImpl::OnProviderStopped(
    db::Tx& tx, const std::string& provider_id, const std::string& authority_id,
    const std::string& framework_id) {
  FHUB_ASSIGN_OR_RETURN(
      std::vector<Invitation> live,
      store_.LiveInvitations(tx, provider_id, authority_id, framework_id));
  return Revoke(tx, live);
}

absl::Status ReferralsServiceImpl::OnMembershipStopped(
    db::Tx& tx, const std::string& framework_id,
    const std::string& authority_id, absl::CivilDay stop_date,
    const std::string& reason) {
  FHUB_RETURN_IF_ERROR(
      store_.PutStopped(tx, framework_id, authority_id, stop_date, reason));
  if (stop_date > Today()) return absl::OkStatus();
  // Referrals not yet placed stop with it; placements run on.
  FHUB_ASSIGN_OR_RETURN(
      std::vector<ReferralRecord> unplaced,
      store_.UnplacedReferrals(tx, framework_id, authority_id));
  for (ReferralRecord& record : unplaced) {
    Locked locked;
    locked.record = std::move(record);
    FHUB_ASSIGN_OR_RETURN(
        locked.invitations,
        store_.ReferralInvitations(tx, locked.record.referral.id));
    Referral& referral = locked.record.referral;
    FHUB_RETURN_IF_ERROR(
        CloseOpenInvitations(tx, referral, locked.invitations));
    referral.status = ReferralStatus::kCancelled;
    referral.cancel_reason = reason;
    FHUB_RETURN_IF_ERROR(store_.UpdateReferral(tx, referral));
    Emit(tx, v1::REFERRAL_CANCELLED, referral, "",
         ReferralName(referral.authority_id, referral.id));
  }
  return absl::OkStatus();
}

}  // namespace fhub::referrals
