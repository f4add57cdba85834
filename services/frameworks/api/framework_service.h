#pragma once

// The gRPC adapter of the frameworks service: authenticates each call,
// converts between proto and domain, decides authorisation with the domain's
// rules, and runs one transaction per call through the store. No SQL here.

#include <functional>

#include "common/auth/token.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "services/frameworks/api/placement_counter.h"
#include "services/frameworks/domain/records.h"
#include "services/frameworks/storage/framework_store.h"
#include "services/frameworks/storage/record_store.h"

namespace fhub::frameworks {

class FrameworkServiceImpl final
    : public ::fhub::frameworks::v1::FrameworkService::Service {
 public:
  // All arguments must outlive the service.
  FrameworkServiceImpl(db::Pool* pool, FrameworkStore* store,
                       RecordStore* records, PlacementCounter* placements,
                       const auth::TokenVerifier* verifier, const Clock* clock);

  // What the service does on its own as time passes: closes ballots whose
  // close time has come and expires frameworks whose current end has
  // passed. main.cc runs it every half minute; tests call it after moving
  // the clock.
  absl::Status RunHousekeeping();

  grpc::Status CreateAuthority(grpc::ServerContext* context,
                               const v1::CreateAuthorityRequest* request,
                               v1::Authority* response) override;
  grpc::Status GetAuthority(grpc::ServerContext* context,
                            const v1::GetAuthorityRequest* request,
                            v1::Authority* response) override;
  grpc::Status ListAuthorities(grpc::ServerContext* context,
                               const v1::ListAuthoritiesRequest* request,
                               v1::ListAuthoritiesResponse* response) override;
  grpc::Status CreateFramework(grpc::ServerContext* context,
                               const v1::CreateFrameworkRequest* request,
                               v1::Framework* response) override;
  grpc::Status GetFramework(grpc::ServerContext* context,
                            const v1::GetFrameworkRequest* request,
                            v1::Framework* response) override;
  grpc::Status ListFrameworks(grpc::ServerContext* context,
                              const v1::ListFrameworksRequest* request,
                              v1::ListFrameworksResponse* response) override;
  grpc::Status ActivateFramework(grpc::ServerContext* context,
                                 const v1::ActivateFrameworkRequest* request,
                                 v1::Framework* response) override;
  grpc::Status AddMember(grpc::ServerContext* context,
                         const v1::AddMemberRequest* request,
                         v1::Membership* response) override;
  grpc::Status CeaseMembership(grpc::ServerContext* context,
                               const v1::CeaseMembershipRequest* request,
                               v1::Membership* response) override;
  grpc::Status ListMembers(grpc::ServerContext* context,
                           const v1::ListMembersRequest* request,
                           v1::ListMembersResponse* response) override;
  grpc::Status TerminateFramework(grpc::ServerContext* context,
                                  const v1::TerminateFrameworkRequest* request,
                                  v1::Framework* response) override;
  grpc::Status OpenExtensionBallot(
      grpc::ServerContext* context,
      const v1::OpenExtensionBallotRequest* request,
      v1::ExtensionBallot* response) override;
  grpc::Status GetExtensionBallot(grpc::ServerContext* context,
                                  const v1::GetExtensionBallotRequest* request,
                                  v1::ExtensionBallot* response) override;
  grpc::Status ListExtensionBallots(
      grpc::ServerContext* context,
      const v1::ListExtensionBallotsRequest* request,
      v1::ListExtensionBallotsResponse* response) override;
  grpc::Status CastVote(grpc::ServerContext* context,
                        const v1::CastVoteRequest* request,
                        v1::ExtensionBallot* response) override;
  grpc::Status OpenAdmissionRound(grpc::ServerContext* context,
                                  const v1::OpenAdmissionRoundRequest* request,
                                  v1::AdmissionRound* response) override;
  grpc::Status CloseAdmissionRound(
      grpc::ServerContext* context,
      const v1::CloseAdmissionRoundRequest* request,
      v1::AdmissionRound* response) override;
  grpc::Status GetAdmissionStatus(grpc::ServerContext* context,
                                  const v1::GetAdmissionStatusRequest* request,
                                  v1::AdmissionStatus* response) override;
  grpc::Status ListAdmissionWindows(
      grpc::ServerContext* context,
      const v1::ListAdmissionWindowsRequest* request,
      v1::ListAdmissionWindowsResponse* response) override;
  grpc::Status IssueCostShareStatement(
      grpc::ServerContext* context,
      const v1::IssueCostShareStatementRequest* request,
      v1::CostShareStatement* response) override;
  grpc::Status GetCostShareStatement(
      grpc::ServerContext* context,
      const v1::GetCostShareStatementRequest* request,
      v1::CostShareStatement* response) override;
  grpc::Status ListCostShareStatements(
      grpc::ServerContext* context,
      const v1::ListCostShareStatementsRequest* request,
      v1::ListCostShareStatementsResponse* response) override;
  grpc::Status StreamEvents(grpc::ServerContext* context,
                            const v1::StreamEventsRequest* request,
                            grpc::ServerWriter<v1::Event>* writer) override;

 private:
  // Runs read-only work in a transaction of its own.
  absl::Status Read(const std::function<absl::Status(db::Tx&)>& body);
  // Loads and locks a framework the caller may change: a LEAD_ADMIN of its
  // lead.
  absl::StatusOr<Framework> LoadForChange(db::Tx& tx,
                                          const auth::Principal& caller,
                                          const std::string& id);
  // Loads a framework the caller may read (locked when `for_update`), and
  // whether the caller's authority has been a member of it.
  absl::StatusOr<std::pair<Framework, bool>> LoadVisible(
      db::Tx& tx, const auth::Principal& caller, const std::string& id,
      bool for_update);

  absl::Status DoCreateAuthority(const grpc::ServerContext& context,
                                 const v1::CreateAuthorityRequest& request,
                                 v1::Authority* response);
  absl::Status DoGetAuthority(const grpc::ServerContext& context,
                              const v1::GetAuthorityRequest& request,
                              v1::Authority* response);
  absl::Status DoListAuthorities(const grpc::ServerContext& context,
                                 const v1::ListAuthoritiesRequest& request,
                                 v1::ListAuthoritiesResponse* response);
  absl::Status DoCreateFramework(const grpc::ServerContext& context,
                                 const v1::CreateFrameworkRequest& request,
                                 v1::Framework* response);
  absl::Status DoGetFramework(const grpc::ServerContext& context,
                              const v1::GetFrameworkRequest& request,
                              v1::Framework* response);
  absl::Status DoListFrameworks(const grpc::ServerContext& context,
                                const v1::ListFrameworksRequest& request,
                                v1::ListFrameworksResponse* response);
  absl::Status DoActivateFramework(const grpc::ServerContext& context,
                                   const v1::ActivateFrameworkRequest& request,
                                   v1::Framework* response);
  absl::Status DoAddMember(const grpc::ServerContext& context,
                           const v1::AddMemberRequest& request,
                           v1::Membership* response);
  absl::Status DoCeaseMembership(const grpc::ServerContext& context,
                                 const v1::CeaseMembershipRequest& request,
                                 v1::Membership* response);
  absl::Status DoListMembers(const grpc::ServerContext& context,
                             const v1::ListMembersRequest& request,
                             v1::ListMembersResponse* response);

  // Closes `ballot` now: tallies it (electors without a vote who have
  // ceased membership withdraw), and if it passed extends the term. Needs
  // the framework and ballot locked. `terminate`: the framework is ending,
  // so the ballot fails whatever its votes.
  absl::Status CloseBallot(db::Tx& tx, Framework& framework,
                           ExtensionBallot& ballot, absl::Time now,
                           bool terminate);
  // Electors of `ballot` without a vote whose membership has ended by today.
  absl::StatusOr<std::vector<std::string>> CeasedElectors(
      db::Tx& tx, const ExtensionBallot& ballot, absl::CivilDay today);
  absl::Status ExpireDue(absl::Time now);
  absl::Status CloseDueBallots(absl::Time now);
  // Appends an event for the followers of the stream.
  void Emit(db::Tx& tx, v1::EventType type, absl::Time at,
            const std::string& framework_id, const std::string& resource,
            const std::string& authority_id = "",
            std::optional<absl::CivilDay> date = std::nullopt,
            std::optional<BallotOutcome> outcome = std::nullopt);

  absl::Status DoTerminateFramework(
      const grpc::ServerContext& context,
      const v1::TerminateFrameworkRequest& request, v1::Framework* response);
  absl::Status DoOpenExtensionBallot(
      const grpc::ServerContext& context,
      const v1::OpenExtensionBallotRequest& request,
      v1::ExtensionBallot* response);
  absl::Status DoGetExtensionBallot(
      const grpc::ServerContext& context,
      const v1::GetExtensionBallotRequest& request,
      v1::ExtensionBallot* response);
  absl::Status DoListExtensionBallots(
      const grpc::ServerContext& context,
      const v1::ListExtensionBallotsRequest& request,
      v1::ListExtensionBallotsResponse* response);
  absl::Status DoCastVote(const grpc::ServerContext& context,
                          const v1::CastVoteRequest& request,
                          v1::ExtensionBallot* response);
  absl::Status DoOpenAdmissionRound(
      const grpc::ServerContext& context,
      const v1::OpenAdmissionRoundRequest& request,
      v1::AdmissionRound* response);
  absl::Status DoCloseAdmissionRound(
      const grpc::ServerContext& context,
      const v1::CloseAdmissionRoundRequest& request,
      v1::AdmissionRound* response);
  absl::Status DoGetAdmissionStatus(
      const grpc::ServerContext& context,
      const v1::GetAdmissionStatusRequest& request,
      v1::AdmissionStatus* response);
  absl::Status DoListAdmissionWindows(
      const grpc::ServerContext& context,
      const v1::ListAdmissionWindowsRequest& request,
      v1::ListAdmissionWindowsResponse* response);
  // Loads a framework for admission questions: visible to the lead, members
  // and services, and to providers while it is ACTIVE.
  absl::StatusOr<Framework> LoadForAdmission(db::Tx& tx,
                                             const auth::Principal& caller,
                                             const std::string& id);
  absl::Status DoIssueCostShareStatement(
      const grpc::ServerContext& context,
      const v1::IssueCostShareStatementRequest& request,
      v1::CostShareStatement* response);
  absl::Status DoGetCostShareStatement(
      const grpc::ServerContext& context,
      const v1::GetCostShareStatementRequest& request,
      v1::CostShareStatement* response);
  absl::Status DoListCostShareStatements(
      const grpc::ServerContext& context,
      const v1::ListCostShareStatementsRequest& request,
      v1::ListCostShareStatementsResponse* response);

  db::Pool& pool_;
  FrameworkStore& store_;
  RecordStore& records_;
  PlacementCounter& placements_;
  const auth::TokenVerifier& verifier_;
  const Clock& clock_;
};

}  // namespace fhub::frameworks
