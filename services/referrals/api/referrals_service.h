#pragma once

// The gRPC adapter of referrals: authenticates each call, converts between
// proto and domain, decides authorisation (domain/access.h), asks the
// frameworks service about membership, lots and ages, the registry for the
// eligible providers and their settings, and pricing to check each offer,
// and runs one transaction per call through the store. No SQL here.
//
// Calls to other services happen before the transaction opens, so a peer
// that is down fails the call with UNAVAILABLE and nothing is written; the
// transaction then re-checks the state it depends on under a lock.

#include <functional>
#include <string>
#include <vector>

#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "common/clients/frameworks_client.h"
#include "common/clock.h"
#include "common/db/outbox.h"
#include "common/db/pool.h"
#include "common/resource_name.h"
#include "common/rpc.h"
#include "common/status_macros.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "services/referrals/api/convert.h"
#include "services/referrals/api/peers.h"
#include "services/referrals/storage/referrals_store.h"
#include "services/referrals/storage/webhooks_store.h"

namespace fhub::referrals {

class ReferralsServiceImpl final : public v1::ReferralService::Service {
 public:
  // All arguments must outlive the service.
  ReferralsServiceImpl(db::Pool* pool, ReferralsStore* store,
                       FrameworksClient* frameworks, Registry* registry,
                       Pricing* pricing, const auth::TokenVerifier* verifier,
                       const Clock* clock);

  // Persists the outcome of competitions whose deadline has passed (OPEN ->
  // EVALUATING or NO_SUITABLE_OFFER, unanswered invitations CLOSED); run
  // periodically. Returns how many referrals it closed.
  absl::StatusOr<int> CloseDueCompetitions(int limit = 100);

#define FHUB_REFERRALS_UNARY(method, request, response)                     \
  grpc::Status method(grpc::ServerContext* context, const v1::request* req, \
                      v1::response* res) override;
  FHUB_REFERRALS_UNARY(CreateReferral, CreateReferralRequest, Referral)
  FHUB_REFERRALS_UNARY(GetReferral, GetReferralRequest, Referral)
  FHUB_REFERRALS_UNARY(ImportReferrals, ImportReferralsRequest,
                       ImportReferralsResponse)
  FHUB_REFERRALS_UNARY(ListReferrals, ListReferralsRequest,
                       ListReferralsResponse)
  FHUB_REFERRALS_UNARY(SubmitReferral, SubmitReferralRequest, Referral)
  FHUB_REFERRALS_UNARY(CancelReferral, CancelReferralRequest, Referral)
  FHUB_REFERRALS_UNARY(ReopenReferral, ReopenReferralRequest, Referral)
  FHUB_REFERRALS_UNARY(RankOffers, RankOffersRequest, RankOffersResponse)
  FHUB_REFERRALS_UNARY(AwardReferral, AwardReferralRequest, Placement)
  FHUB_REFERRALS_UNARY(PlaceInBlock, PlaceInBlockRequest, Placement)
  FHUB_REFERRALS_UNARY(ListInvitations, ListInvitationsRequest,
                       ListInvitationsResponse)
  FHUB_REFERRALS_UNARY(GetInvitation, GetInvitationRequest, Invitation)
  FHUB_REFERRALS_UNARY(MakeOffer, MakeOfferRequest, Invitation)
  FHUB_REFERRALS_UNARY(DeclineInvitation, DeclineInvitationRequest, Invitation)
  FHUB_REFERRALS_UNARY(WithdrawOffer, WithdrawOfferRequest, Invitation)
  FHUB_REFERRALS_UNARY(GetPlacement, GetPlacementRequest, Placement)
  FHUB_REFERRALS_UNARY(ListPlacements, ListPlacementsRequest,
                       ListPlacementsResponse)
  FHUB_REFERRALS_UNARY(AdjustSupportHours, AdjustSupportHoursRequest, Placement)
  FHUB_REFERRALS_UNARY(EndPlacement, EndPlacementRequest, Placement)
  FHUB_REFERRALS_UNARY(GetPlacementCost, GetPlacementCostRequest, PlacementCost)
  FHUB_REFERRALS_UNARY(ListFinanceLines, ListFinanceLinesRequest,
                       ListFinanceLinesResponse)
  FHUB_REFERRALS_UNARY(CreateBlockContract, CreateBlockContractRequest,
                       BlockContract)
  FHUB_REFERRALS_UNARY(ListBlockContracts, ListBlockContractsRequest,
                       ListBlockContractsResponse)
  FHUB_REFERRALS_UNARY(GetBlockOccupancy, GetBlockOccupancyRequest,
                       BlockOccupancy)
  FHUB_REFERRALS_UNARY(GetFigures, GetFiguresRequest, Figures)
  FHUB_REFERRALS_UNARY(CountPlacements, CountPlacementsRequest,
                       CountPlacementsResponse)
  FHUB_REFERRALS_UNARY(CreateWebhookEndpoint, CreateWebhookEndpointRequest,
                       WebhookEndpoint)
  FHUB_REFERRALS_UNARY(ListWebhookEndpoints, ListWebhookEndpointsRequest,
                       ListWebhookEndpointsResponse)
  FHUB_REFERRALS_UNARY(DeleteWebhookEndpoint, DeleteWebhookEndpointRequest,
                       WebhookEndpoint)
  FHUB_REFERRALS_UNARY(ListWebhookDeliveries, ListWebhookDeliveriesRequest,
                       ListWebhookDeliveriesResponse)
#undef FHUB_REFERRALS_UNARY

  grpc::Status StreamInvitations(
      grpc::ServerContext* context, const v1::StreamInvitationsRequest* request,
      grpc::ServerWriter<v1::Invitation>* writer) override;
  grpc::Status StreamEvents(grpc::ServerContext* context,
                            const v1::StreamEventsRequest* request,
                            grpc::ServerWriter<v1::Event>* writer) override;

 private:
  absl::Status Read(const std::function<absl::Status(db::Tx&)>& body);
  // Applies a change once per request_id (common/rpc.h), audited.
  template <typename Response>
  absl::Status Change(
      const auth::Principal& caller, absl::string_view method,
      const google::protobuf::Message& request, absl::string_view request_id,
      Response* response,
      const std::function<absl::StatusOr<std::string>(db::Tx&, Response*)>&
          apply);
  absl::CivilDay Today() const;
  // The framework as the frameworks service describes it now; NOT_FOUND
  // names `field`.
  absl::StatusOr<FrameworkSnapshot> Framework(absl::string_view field,
                                              const std::string& framework_id);
  // FAILED_PRECONDITION unless the authority may make new referrals under
  // the framework: ACTIVE, an active member, and no stop recorded from the
  // frameworks service's events.
  absl::Status CheckMayRefer(db::Tx& tx, const FrameworkSnapshot& framework,
                             const std::string& authority_id);
  // Appends an event of the referral's authority and framework (at the end
  // of the change when in one: db::EventBatch).
  void Emit(db::Tx& tx, v1::EventType type, const Referral& referral,
            absl::string_view provider_id, absl::string_view resource,
            v1::InvitationStatus invitation_status =
                v1::INVITATION_STATUS_UNSPECIFIED);
  // INVITATION_CHANGED of `invitation`, with its status after the change.
  void EmitInvitationChanged(db::Tx& tx, const Referral& referral,
                             const Invitation& invitation);
  // The referral locked, with its invitations and status as of now.
  struct Locked {
    ReferralRecord record;
    std::vector<Invitation> invitations;
    ReferralStatus status;
  };
  absl::StatusOr<Locked> LockReferral(db::Tx& tx, const OwnedName& name);
  // What a provider's answer changes: the referral locked, that provider's
  // invitation, and what the invitations add up to as committed once the
  // lock was held; the other invitations are read only if the answer
  // closes the competition (FinishAnswer).
  struct LockedAnswer {
    ReferralRecord record;
    Invitation invitation;
    ReferralStatus status;
  };
  // NOT_FOUND (as InvitationRecord's) when the referral or the invitation
  // is not there.
  absl::StatusOr<LockedAnswer> LockAnswer(db::Tx& tx,
                                          const InvitationName& name);
  // After the answer is written and record's counts follow it: the
  // competition's status now, and its outcome written if it closed.
  absl::Status FinishAnswer(db::Tx& tx, LockedAnswer& answer, absl::Time now);
  // Closes the invitations still INVITED or OFFERED (a cancellation).
  absl::Status CloseOpenInvitations(db::Tx& tx, const Referral& referral,
                                    std::vector<Invitation>& invitations);
  // Writes the outcome of a competition that has closed by now (status and
  // unanswered invitations), if it has.
  absl::Status PersistClose(db::Tx& tx, Locked& locked);
  // Creates the placement of `referral` in the transaction; marks the other
  // invitations UNSUCCESSFUL (or CLOSED if unanswered).
  absl::StatusOr<Placement> Place(db::Tx& tx, Locked& locked,
                                  Placement placement,
                                  const std::string& chosen_provider);
  // The case reference a caller may see on a placement: the authority's
  // and its provider's.
  absl::StatusOr<std::string> VisibleCaseReference(
      db::Tx& tx, const auth::Principal& caller, const Placement& placement);
  // Withdraws invitations of a suspended or removed provider.
  absl::Status Revoke(db::Tx& tx, const std::vector<Invitation>& invitations);

  friend class ReferralsFollower;
  // Applied by the followers (services/referrals/api/follower.h).
  absl::Status OnProviderStopped(db::Tx& tx, const std::string& provider_id,
                                 const std::string& authority_id,
                                 const std::string& framework_id);
  absl::Status OnMembershipStopped(db::Tx& tx, const std::string& framework_id,
                                   const std::string& authority_id,
                                   absl::CivilDay stop_date,
                                   const std::string& reason);

  db::Pool& pool_;
  ReferralsStore& store_;
  FrameworksClient& frameworks_;
  Registry& registry_;
  Pricing& pricing_;
  const auth::TokenVerifier& verifier_;
  const Clock& clock_;
  WebhooksStore webhooks_;

 public:
  // The rpcs' bodies, returning absl statuses (mapped at the edge).
  absl::Status DoCreateReferral(const grpc::ServerContext& context,
                                const v1::CreateReferralRequest& request,
                                v1::Referral* response);
  // CreateReferral's work once the caller is known (ImportReferrals makes
  // each record's referral with it).
  absl::Status CreateReferralAs(const auth::Principal& caller,
                                const v1::CreateReferralRequest& request,
                                v1::Referral* response);
  absl::Status DoImportReferrals(const grpc::ServerContext& context,
                                 const v1::ImportReferralsRequest& request,
                                 v1::ImportReferralsResponse* response);
  absl::Status DoGetReferral(const grpc::ServerContext& context,
                             const v1::GetReferralRequest& request,
                             v1::Referral* response);
  absl::Status DoListReferrals(const grpc::ServerContext& context,
                               const v1::ListReferralsRequest& request,
                               v1::ListReferralsResponse* response);
  absl::Status DoSubmitReferral(const grpc::ServerContext& context,
                                const v1::SubmitReferralRequest& request,
                                v1::Referral* response);
  absl::Status DoCancelReferral(const grpc::ServerContext& context,
                                const v1::CancelReferralRequest& request,
                                v1::Referral* response);
  absl::Status DoReopenReferral(const grpc::ServerContext& context,
                                const v1::ReopenReferralRequest& request,
                                v1::Referral* response);
  absl::Status DoRankOffers(const grpc::ServerContext& context,
                            const v1::RankOffersRequest& request,
                            v1::RankOffersResponse* response);
  absl::Status DoAwardReferral(const grpc::ServerContext& context,
                               const v1::AwardReferralRequest& request,
                               v1::Placement* response);
  absl::Status DoPlaceInBlock(const grpc::ServerContext& context,
                              const v1::PlaceInBlockRequest& request,
                              v1::Placement* response);
  absl::Status DoListInvitations(const grpc::ServerContext& context,
                                 const v1::ListInvitationsRequest& request,
                                 v1::ListInvitationsResponse* response);
  absl::Status DoGetInvitation(const grpc::ServerContext& context,
                               const v1::GetInvitationRequest& request,
                               v1::Invitation* response);
  absl::Status DoMakeOffer(const grpc::ServerContext& context,
                           const v1::MakeOfferRequest& request,
                           v1::Invitation* response);
  absl::Status DoDeclineInvitation(const grpc::ServerContext& context,
                                   const v1::DeclineInvitationRequest& request,
                                   v1::Invitation* response);
  absl::Status DoWithdrawOffer(const grpc::ServerContext& context,
                               const v1::WithdrawOfferRequest& request,
                               v1::Invitation* response);
  absl::Status DoGetPlacement(const grpc::ServerContext& context,
                              const v1::GetPlacementRequest& request,
                              v1::Placement* response);
  absl::Status DoListPlacements(const grpc::ServerContext& context,
                                const v1::ListPlacementsRequest& request,
                                v1::ListPlacementsResponse* response);
  absl::Status DoAdjustSupportHours(
      const grpc::ServerContext& context,
      const v1::AdjustSupportHoursRequest& request, v1::Placement* response);
  absl::Status DoEndPlacement(const grpc::ServerContext& context,
                              const v1::EndPlacementRequest& request,
                              v1::Placement* response);
  absl::Status DoGetPlacementCost(const grpc::ServerContext& context,
                                  const v1::GetPlacementCostRequest& request,
                                  v1::PlacementCost* response);
  absl::Status DoListFinanceLines(const grpc::ServerContext& context,
                                  const v1::ListFinanceLinesRequest& request,
                                  v1::ListFinanceLinesResponse* response);
  absl::Status DoCreateBlockContract(
      const grpc::ServerContext& context,
      const v1::CreateBlockContractRequest& request,
      v1::BlockContract* response);
  absl::Status DoListBlockContracts(
      const grpc::ServerContext& context,
      const v1::ListBlockContractsRequest& request,
      v1::ListBlockContractsResponse* response);
  absl::Status DoGetBlockOccupancy(const grpc::ServerContext& context,
                                   const v1::GetBlockOccupancyRequest& request,
                                   v1::BlockOccupancy* response);
  absl::Status DoGetFigures(const grpc::ServerContext& context,
                            const v1::GetFiguresRequest& request,
                            v1::Figures* response);
  absl::Status DoCountPlacements(const grpc::ServerContext& context,
                                 const v1::CountPlacementsRequest& request,
                                 v1::CountPlacementsResponse* response);
  absl::Status DoCreateWebhookEndpoint(
      const grpc::ServerContext& context,
      const v1::CreateWebhookEndpointRequest& request,
      v1::WebhookEndpoint* response);
  absl::Status DoListWebhookEndpoints(
      const grpc::ServerContext& context,
      const v1::ListWebhookEndpointsRequest& request,
      v1::ListWebhookEndpointsResponse* response);
  absl::Status DoDeleteWebhookEndpoint(
      const grpc::ServerContext& context,
      const v1::DeleteWebhookEndpointRequest& request,
      v1::WebhookEndpoint* response);
  absl::Status DoListWebhookDeliveries(
      const grpc::ServerContext& context,
      const v1::ListWebhookDeliveriesRequest& request,
      v1::ListWebhookDeliveriesResponse* response);
};

template <typename Response>
inline absl::Status ReferralsServiceImpl::Change(
    const auth::Principal& caller, absl::string_view method,
    const google::protobuf::Message& request, absl::string_view request_id,
    Response* response,
    const std::function<absl::StatusOr<std::string>(db::Tx&, Response*)>&
        apply) {
  FHUB_RETURN_IF_ERROR(CheckRequestId(request_id));
  return rpc::ApplyChangeOnce<Response>(pool_, caller, clock_.Now(), method,
                                        request, request_id, response, apply);
}

}  // namespace fhub::referrals
