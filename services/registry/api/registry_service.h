#pragma once

// The gRPC adapter of the registry: authenticates each call, converts
// between proto and domain, decides authorisation, asks the frameworks
// service what it owns, and runs one transaction per call through the
// store. No SQL here.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "common/resource_name.h"
#include "common/rpc.h"
#include "common/status_macros.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "services/registry/api/framework_directory.h"
#include "services/registry/domain/evaluation.h"
#include "services/registry/storage/registry_store.h"

namespace fhub::registry {

class RegistryServiceImpl final : public v1::RegistryService::Service {
 public:
  // All arguments must outlive the service.
  RegistryServiceImpl(db::Pool* pool, RegistryStore* store,
                      FrameworkDirectory* frameworks,
                      const auth::TokenVerifier* verifier, const Clock* clock);

  grpc::Status CreateProvider(grpc::ServerContext* context,
                              const v1::CreateProviderRequest* request,
                              v1::Provider* response) override;
  grpc::Status UpdateProvider(grpc::ServerContext* context,
                              const v1::UpdateProviderRequest* request,
                              v1::Provider* response) override;
  grpc::Status GetProvider(grpc::ServerContext* context,
                           const v1::GetProviderRequest* request,
                           v1::Provider* response) override;
  grpc::Status ListProviders(grpc::ServerContext* context,
                             const v1::ListProvidersRequest* request,
                             v1::ListProvidersResponse* response) override;
  grpc::Status CreateSetting(grpc::ServerContext* context,
                             const v1::CreateSettingRequest* request,
                             v1::Setting* response) override;
  grpc::Status UpdateSetting(grpc::ServerContext* context,
                             const v1::UpdateSettingRequest* request,
                             v1::Setting* response) override;
  grpc::Status GetSetting(grpc::ServerContext* context,
                          const v1::GetSettingRequest* request,
                          v1::Setting* response) override;
  grpc::Status ListSettings(grpc::ServerContext* context,
                            const v1::ListSettingsRequest* request,
                            v1::ListSettingsResponse* response) override;
  grpc::Status RecordVacancy(grpc::ServerContext* context,
                             const v1::RecordVacancyRequest* request,
                             v1::Vacancy* response) override;
  grpc::Status WithdrawVacancy(grpc::ServerContext* context,
                               const v1::WithdrawVacancyRequest* request,
                               v1::Vacancy* response) override;
  grpc::Status ListVacancies(grpc::ServerContext* context,
                             const v1::ListVacanciesRequest* request,
                             v1::ListVacanciesResponse* response) override;
  grpc::Status SetQuestionnaire(grpc::ServerContext* context,
                                const v1::SetQuestionnaireRequest* request,
                                v1::Questionnaire* response) override;
  grpc::Status GetQuestionnaire(grpc::ServerContext* context,
                                const v1::GetQuestionnaireRequest* request,
                                v1::Questionnaire* response) override;
  grpc::Status CreateApplication(grpc::ServerContext* context,
                                 const v1::CreateApplicationRequest* request,
                                 v1::Application* response) override;
  grpc::Status SubmitApplication(grpc::ServerContext* context,
                                 const v1::SubmitApplicationRequest* request,
                                 v1::Application* response) override;
  grpc::Status GetApplication(grpc::ServerContext* context,
                              const v1::GetApplicationRequest* request,
                              v1::Application* response) override;
  grpc::Status ListApplications(
      grpc::ServerContext* context, const v1::ListApplicationsRequest* request,
      v1::ListApplicationsResponse* response) override;
  grpc::Status SubmitEvaluation(grpc::ServerContext* context,
                                const v1::SubmitEvaluationRequest* request,
                                v1::Evaluation* response) override;
  grpc::Status AdmitApplication(grpc::ServerContext* context,
                                const v1::AdmitApplicationRequest* request,
                                v1::Application* response) override;
  grpc::Status RejectApplication(grpc::ServerContext* context,
                                 const v1::RejectApplicationRequest* request,
                                 v1::Application* response) override;
  grpc::Status ListAccreditations(
      grpc::ServerContext* context,
      const v1::ListAccreditationsRequest* request,
      v1::ListAccreditationsResponse* response) override;
  grpc::Status SuspendProvider(grpc::ServerContext* context,
                               const v1::SuspendProviderRequest* request,
                               v1::Suspension* response) override;
  grpc::Status GetSuspension(grpc::ServerContext* context,
                             const v1::GetSuspensionRequest* request,
                             v1::Suspension* response) override;
  grpc::Status ListSuspensions(grpc::ServerContext* context,
                               const v1::ListSuspensionsRequest* request,
                               v1::ListSuspensionsResponse* response) override;
  grpc::Status SubmitActionEvidence(
      grpc::ServerContext* context,
      const v1::SubmitActionEvidenceRequest* request,
      v1::Suspension* response) override;
  grpc::Status AcceptActionItem(grpc::ServerContext* context,
                                const v1::AcceptActionItemRequest* request,
                                v1::Suspension* response) override;
  grpc::Status ReinstateProvider(grpc::ServerContext* context,
                                 const v1::ReinstateProviderRequest* request,
                                 v1::Suspension* response) override;
  grpc::Status RemoveProvider(grpc::ServerContext* context,
                              const v1::RemoveProviderRequest* request,
                              v1::RemoveProviderResponse* response) override;
  grpc::Status RaiseConcern(grpc::ServerContext* context,
                            const v1::RaiseConcernRequest* request,
                            v1::Concern* response) override;
  grpc::Status RespondToConcern(grpc::ServerContext* context,
                                const v1::RespondToConcernRequest* request,
                                v1::Concern* response) override;
  grpc::Status CloseConcern(grpc::ServerContext* context,
                            const v1::CloseConcernRequest* request,
                            v1::Concern* response) override;
  grpc::Status ListConcerns(grpc::ServerContext* context,
                            const v1::ListConcernsRequest* request,
                            v1::ListConcernsResponse* response) override;
  grpc::Status SearchEligibleProviders(
      grpc::ServerContext* context,
      const v1::SearchEligibleProvidersRequest* request,
      v1::SearchEligibleProvidersResponse* response) override;
  grpc::Status StreamEvents(grpc::ServerContext* context,
                            const v1::StreamEventsRequest* request,
                            grpc::ServerWriter<v1::Event>* writer) override;

 private:
  // Runs read-only work in a transaction of its own.
  absl::Status Read(const std::function<absl::Status(db::Tx&)>& body);
  // Applies a change once per request_id (common/rpc.h), audited.
  template <typename Response>
  absl::Status Change(
      const auth::Principal& caller, absl::string_view method,
      const google::protobuf::Message& request, absl::string_view request_id,
      Response* response,
      const std::function<absl::StatusOr<std::string>(db::Tx&, Response*)>&
          apply);
  // The framework as the frameworks service describes it; NOT_FOUND names
  // `field`.
  absl::StatusOr<FrameworkFacts> Facts(absl::string_view field,
                                       const std::string& framework_id,
                                       bool fresh);
  // Appends an event for the followers of the stream.
  void Emit(db::Tx& tx, v1::EventType type, absl::Time at,
            const std::string& framework_id, const std::string& provider_id,
            const std::string& resource, const std::string& authority_id = "",
            std::optional<SuspensionScope> scope = std::nullopt,
            const std::vector<std::string>& lot_ids = {});
  // Before an rpc reads row `id` of `table` (applications, suspensions,
  // concerns), which row-level security hides from a caller outside the
  // row's framework: learns whose the row is (NOT_FOUND when there is no
  // such row) and widens the rpc's row scope to the framework's consortium
  // (rpc::ScopeToConsortium) when the caller is one of the framework's
  // readers (CheckFrameworkReader). The row's own provider keeps its own
  // rows; anyone else is refused as CheckFrameworkReader refuses. The rpc's
  // own checks follow.
  absl::Status EnterRowsOf(const auth::Principal& caller,
                           const std::string& table, const std::string& id);
  // Reads an application outside any change (to learn its framework and
  // provider before asking the frameworks service), after EnterRowsOf.
  absl::StatusOr<Application> LoadApplication(const auth::Principal& caller,
                                              const std::string& id);
  // An application the caller decides on as a LEAD_ADMIN of its framework's
  // lead (admit, reject); PERMISSION_DENIED for anyone else.
  absl::StatusOr<Application> LoadForLeadDecision(const auth::Principal& caller,
                                                  const std::string& id);
  // Who a list of suspensions or concerns is for: its provider's own users
  // (provider given), the framework's lead and members (framework given),
  // or the hub's callers. Parses the names; `what` names the list in the
  // error ("suspensions").
  struct ListScope {
    std::string provider_id;
    std::string framework_id;
  };
  absl::StatusOr<ListScope> ResolveListScope(const auth::Principal& caller,
                                             const std::string& provider,
                                             const std::string& framework,
                                             absl::string_view what);
  // The moderated result of an application if enough evaluations are in.
  absl::StatusOr<std::optional<ModeratedResult>> ModerateIfReady(
      db::Tx& tx, const Application& application, int* evaluation_count);
  // Brings the provider's accreditations on a framework in line with its
  // suspensions (SUSPENDED while a FRAMEWORK_WIDE one stands).
  absl::Status SyncAccreditations(db::Tx& tx, const std::string& provider_id,
                                  const std::string& framework_id);

  absl::Status DoCreateProvider(const grpc::ServerContext& context,
                                const v1::CreateProviderRequest& request,
                                v1::Provider* response);
  absl::Status DoUpdateProvider(const grpc::ServerContext& context,
                                const v1::UpdateProviderRequest& request,
                                v1::Provider* response);
  absl::Status DoGetProvider(const grpc::ServerContext& context,
                             const v1::GetProviderRequest& request,
                             v1::Provider* response);
  absl::Status DoListProviders(const grpc::ServerContext& context,
                               const v1::ListProvidersRequest& request,
                               v1::ListProvidersResponse* response);
  absl::Status DoCreateSetting(const grpc::ServerContext& context,
                               const v1::CreateSettingRequest& request,
                               v1::Setting* response);
  absl::Status DoUpdateSetting(const grpc::ServerContext& context,
                               const v1::UpdateSettingRequest& request,
                               v1::Setting* response);
  absl::Status DoGetSetting(const grpc::ServerContext& context,
                            const v1::GetSettingRequest& request,
                            v1::Setting* response);
  absl::Status DoListSettings(const grpc::ServerContext& context,
                              const v1::ListSettingsRequest& request,
                              v1::ListSettingsResponse* response);
  absl::Status DoRecordVacancy(const grpc::ServerContext& context,
                               const v1::RecordVacancyRequest& request,
                               v1::Vacancy* response);
  absl::Status DoWithdrawVacancy(const grpc::ServerContext& context,
                                 const v1::WithdrawVacancyRequest& request,
                                 v1::Vacancy* response);
  absl::Status DoListVacancies(const grpc::ServerContext& context,
                               const v1::ListVacanciesRequest& request,
                               v1::ListVacanciesResponse* response);
  absl::Status DoSetQuestionnaire(const grpc::ServerContext& context,
                                  const v1::SetQuestionnaireRequest& request,
                                  v1::Questionnaire* response);
  absl::Status DoGetQuestionnaire(const grpc::ServerContext& context,
                                  const v1::GetQuestionnaireRequest& request,
                                  v1::Questionnaire* response);
  absl::Status DoCreateApplication(const grpc::ServerContext& context,
                                   const v1::CreateApplicationRequest& request,
                                   v1::Application* response);
  absl::Status DoSubmitApplication(const grpc::ServerContext& context,
                                   const v1::SubmitApplicationRequest& request,
                                   v1::Application* response);
  absl::Status DoGetApplication(const grpc::ServerContext& context,
                                const v1::GetApplicationRequest& request,
                                v1::Application* response);
  absl::Status DoListApplications(const grpc::ServerContext& context,
                                  const v1::ListApplicationsRequest& request,
                                  v1::ListApplicationsResponse* response);
  absl::Status DoSubmitEvaluation(const grpc::ServerContext& context,
                                  const v1::SubmitEvaluationRequest& request,
                                  v1::Evaluation* response);
  absl::Status DoAdmitApplication(const grpc::ServerContext& context,
                                  const v1::AdmitApplicationRequest& request,
                                  v1::Application* response);
  absl::Status DoRejectApplication(const grpc::ServerContext& context,
                                   const v1::RejectApplicationRequest& request,
                                   v1::Application* response);
  absl::Status DoListAccreditations(
      const grpc::ServerContext& context,
      const v1::ListAccreditationsRequest& request,
      v1::ListAccreditationsResponse* response);
  absl::Status DoSuspendProvider(const grpc::ServerContext& context,
                                 const v1::SuspendProviderRequest& request,
                                 v1::Suspension* response);
  absl::Status DoGetSuspension(const grpc::ServerContext& context,
                               const v1::GetSuspensionRequest& request,
                               v1::Suspension* response);
  absl::Status DoListSuspensions(const grpc::ServerContext& context,
                                 const v1::ListSuspensionsRequest& request,
                                 v1::ListSuspensionsResponse* response);
  absl::Status DoSubmitActionEvidence(
      const grpc::ServerContext& context,
      const v1::SubmitActionEvidenceRequest& request, v1::Suspension* response);
  absl::Status DoAcceptActionItem(const grpc::ServerContext& context,
                                  const v1::AcceptActionItemRequest& request,
                                  v1::Suspension* response);
  absl::Status DoReinstateProvider(const grpc::ServerContext& context,
                                   const v1::ReinstateProviderRequest& request,
                                   v1::Suspension* response);
  absl::Status DoRemoveProvider(const grpc::ServerContext& context,
                                const v1::RemoveProviderRequest& request,
                                v1::RemoveProviderResponse* response);
  absl::Status DoRaiseConcern(const grpc::ServerContext& context,
                              const v1::RaiseConcernRequest& request,
                              v1::Concern* response);
  absl::Status DoRespondToConcern(const grpc::ServerContext& context,
                                  const v1::RespondToConcernRequest& request,
                                  v1::Concern* response);
  absl::Status DoCloseConcern(const grpc::ServerContext& context,
                              const v1::CloseConcernRequest& request,
                              v1::Concern* response);
  absl::Status DoListConcerns(const grpc::ServerContext& context,
                              const v1::ListConcernsRequest& request,
                              v1::ListConcernsResponse* response);
  absl::Status DoSearchEligibleProviders(
      const grpc::ServerContext& context,
      const v1::SearchEligibleProvidersRequest& request,
      v1::SearchEligibleProvidersResponse* response);

  db::Pool& pool_;
  RegistryStore& store_;
  FrameworkDirectory& frameworks_;
  const auth::TokenVerifier& verifier_;
  const Clock& clock_;
};

template <typename Response>
inline absl::Status RegistryServiceImpl::Change(
    const auth::Principal& caller, absl::string_view method,
    const google::protobuf::Message& request, absl::string_view request_id,
    Response* response,
    const std::function<absl::StatusOr<std::string>(db::Tx&, Response*)>&
        apply) {
  FHUB_RETURN_IF_ERROR(CheckRequestId(request_id));
  return rpc::ApplyChangeOnce<Response>(pool_, caller, clock_.Now(), method,
                                        request, request_id, response, apply);
}

}  // namespace fhub::registry
