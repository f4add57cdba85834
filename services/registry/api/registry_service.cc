#include "services/registry/api/registry_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/clock.h"
#include "common/db/outbox.h"
#include "common/db/transaction.h"
#include "common/event_stream.h"
#include "common/grpc_status.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "common/rpc.h"
#include "common/status_macros.h"
#include "services/registry/api/convert.h"
#include "services/registry/domain/access.h"
#include "services/registry/domain/eligibility.h"
#include "services/registry/domain/provider_rules.h"

namespace fhub::registry {
namespace {

// "providers/{p}/settings/{s}/vacancies/{n}" -> (p, s, n).
absl::StatusOr<std::tuple<std::string, std::string, std::string>>
ParseVacancyName(absl::string_view field, absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() == 6 && parts[4] == "vacancies") {
    const std::string setting =
        absl::StrJoin(parts.begin(), parts.begin() + 4, "/");
    auto ids = ParseChildName(setting, "providers", "settings");
    auto number =
        ParseNumbered(field, absl::StrCat("vacancies/", parts[5]), "vacancies");
    if (ids.ok() && number.ok()) {
      return std::make_tuple(ids->first, ids->second, *number);
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": '", name,
      "' is not a name like providers/ID/settings/ID/vacancies/1"));
}

absl::StatusOr<std::pair<std::string, std::string>> ParseSettingName(
    absl::string_view field, absl::string_view name) {
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  auto ids = ParseChildName(name, "providers", "settings");
  if (!ids.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", ids.status().message()));
  }
  return ids;
}

// Every lot a setting names must exist on its framework.
absl::Status CheckSettingLots(const Setting& setting,
                              FrameworkDirectory& frameworks) {
  for (size_t i = 0; i < setting.lots.size(); ++i) {
    const LotRef& lot = setting.lots[i];
    auto facts = frameworks.Framework(lot.framework_id, false);
    if (absl::IsNotFound(facts.status())) {
      return absl::InvalidArgumentError(
          absl::StrCat("setting.lots[", i, "].framework: frameworks/",
                       lot.framework_id, " is not found"));
    }
    FHUB_RETURN_IF_ERROR(facts.status());
    FHUB_ASSIGN_OR_RETURN(
        LotRule rule,
        facts->Lot(absl::StrCat("setting.lots[", i, "].lot_id"), lot.lot_id));
    FHUB_RETURN_IF_ERROR(
        CheckRegistrationServes(rule, setting, "setting.registration_type"));
  }
  return absl::OkStatus();
}

int OpenPlaces(const std::vector<VacancyRecord>& vacancies) {
  int places = 0;
  for (const VacancyRecord& v : vacancies) places += v.vacancy.places;
  return places;
}

}  // namespace

RegistryServiceImpl::RegistryServiceImpl(db::Pool* pool, RegistryStore* store,
                                         FrameworkDirectory* frameworks,
                                         const auth::TokenVerifier* verifier,
                                         const Clock* clock)
    : pool_(*pool),
      store_(*store),
      frameworks_(*frameworks),
      verifier_(*verifier),
      clock_(*clock) {}

absl::Status RegistryServiceImpl::Read(
    const std::function<absl::Status(db::Tx&)>& body) {
  db::TxOptions options;
  options.name = "read";
  return db::Transact(pool_, options, body);
}

absl::StatusOr<FrameworkFacts> RegistryServiceImpl::Facts(
    absl::string_view field, const std::string& framework_id, bool fresh) {
  auto facts = frameworks_.Framework(framework_id, fresh);
  if (absl::IsNotFound(facts.status())) {
    return absl::NotFoundError(
        absl::StrCat(field, ": frameworks/", framework_id, " is not found"));
  }
  return facts;
}

absl::Status RegistryServiceImpl::EnterRowsOf(const auth::Principal& caller,
                                              const std::string& table,
                                              const std::string& id) {
  if (db::ScopedRows::Current().all) return absl::OkStatus();
  RowOwner owner;
  FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(owner, store_.FindRowOwner(tx, table, id));
    return absl::OkStatus();
  }));
  if (ProviderIdOf(caller) == owner.provider_id) return absl::OkStatus();
  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                        Facts("name", owner.framework_id, false));
  FHUB_RETURN_IF_ERROR(CheckFrameworkReader(caller, facts.authorities));
  rpc::ScopeToConsortium(caller, owner.framework_id);
  return absl::OkStatus();
}

void RegistryServiceImpl::Emit(db::Tx& tx, v1::EventType type, absl::Time at,
                               const std::string& framework_id,
                               const std::string& provider_id,
                               const std::string& resource,
                               const std::string& authority_id,
                               std::optional<SuspensionScope> scope,
                               const std::vector<std::string>& lot_ids) {
  v1::Event event;
  event.set_type(type);
  ToProto(at, event.mutable_time());
  event.set_framework(FrameworkName(framework_id));
  event.set_provider(ProviderName(provider_id));
  event.set_resource(resource);
  if (!authority_id.empty()) event.set_authority(AuthorityName(authority_id));
  if (scope) {
    event.set_scope(*scope == SuspensionScope::kFrameworkWide
                        ? v1::FRAMEWORK_WIDE
                        : v1::MEMBER_ONLY);
  }
  for (const std::string& lot : lot_ids) event.add_lot_ids(lot);
  db::AppendEvent(tx, v1::EventType_Name(type), at, event.SerializeAsString());
}

// --- Providers ---------------------------------------------------------------

absl::Status RegistryServiceImpl::DoCreateProvider(
    const grpc::ServerContext& context,
    const v1::CreateProviderRequest& request, v1::Provider* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  if (!caller.HasRole(auth::Role::kHubAdmin)) {
    FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, request.provider_id()));
  }
  FHUB_RETURN_IF_ERROR(CheckResourceId("provider_id", request.provider_id()));
  FHUB_ASSIGN_OR_RETURN(Provider proposed, FromProto(request.provider()));
  FHUB_ASSIGN_OR_RETURN(Provider provider,
                        PrepareProvider(std::move(proposed)));
  provider.id = request.provider_id();
  provider.create_time = clock_.Now();
  return Change<v1::Provider>(
      caller, "CreateProvider", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Provider* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(store_.InsertProvider(tx, provider));
        ToProto(provider, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoUpdateProvider(
    const grpc::ServerContext& context,
    const v1::UpdateProviderRequest& request, v1::Provider* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string id,
      ParseName("provider.name", request.provider().name(), "providers"));
  FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, id));
  FHUB_ASSIGN_OR_RETURN(Provider proposed, FromProto(request.provider()));
  FHUB_ASSIGN_OR_RETURN(Provider provider,
                        PrepareProvider(std::move(proposed)));
  provider.id = id;
  const absl::Time now = clock_.Now();
  return Change<v1::Provider>(
      caller, "UpdateProvider", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Provider* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Provider stored,
                              store_.FindProvider(tx, id, true));
        provider.create_time = stored.create_time;
        FHUB_RETURN_IF_ERROR(store_.UpdateProvider(tx, provider, now));
        ToProto(provider, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoGetProvider(
    const grpc::ServerContext& context, const v1::GetProviderRequest& request,
    v1::Provider* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseName("name", request.name(), "providers"));
  FHUB_RETURN_IF_ERROR(CheckCanReadProvider(caller, id));
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(Provider provider,
                          store_.FindProvider(tx, id, false));
    ToProto(provider, response);
    return absl::OkStatus();
  });
}

absl::Status RegistryServiceImpl::DoListProviders(
    const grpc::ServerContext& context, const v1::ListProvidersRequest& request,
    v1::ListProvidersResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(std::vector<std::string> after_ids,
                        DecodeAfterIds("providers", request.page_token()));
  const std::string& after = after_ids[0];
  const std::string own(ProviderIdOf(caller));
  if (own.empty() && caller.AuthorityId().empty() && !IsHubCaller(caller)) {
    return absl::PermissionDeniedError(
        absl::StrCat(caller.organisation, " may not list providers"));
  }
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    if (!own.empty()) {  // A provider sees itself alone.
      if (after < own) {
        auto provider = store_.FindProvider(tx, own, false);
        if (provider.ok()) ToProto(*provider, response->add_providers());
        if (!absl::IsNotFound(provider.status())) {
          FHUB_RETURN_IF_ERROR(provider.status());
        }
      }
      return absl::OkStatus();
    }
    FHUB_ASSIGN_OR_RETURN(std::vector<Provider> page,
                          store_.ListProviders(tx, after, page_size + 1));
    const bool more = TrimToPage(page, page_size);
    for (const Provider& p : page) ToProto(p, response->add_providers());
    if (more) {
      response->set_next_page_token(
          EncodePageToken("providers", page.back().id));
    }
    return absl::OkStatus();
  });
}

// --- Settings ----------------------------------------------------------------

absl::Status RegistryServiceImpl::DoCreateSetting(
    const grpc::ServerContext& context, const v1::CreateSettingRequest& request,
    v1::Setting* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string provider_id,
                        ParseName("parent", request.parent(), "providers"));
  FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, provider_id));
  FHUB_RETURN_IF_ERROR(CheckResourceId("setting_id", request.setting_id()));
  FHUB_ASSIGN_OR_RETURN(Setting proposed, FromProto(request.setting()));
  const absl::Time now = clock_.Now();
  FHUB_ASSIGN_OR_RETURN(
      Setting setting,
      PrepareSetting(std::move(proposed), absl::ToCivilDay(now, UkTimeZone())));
  setting.provider_id = provider_id;
  setting.id = request.setting_id();
  FHUB_RETURN_IF_ERROR(CheckSettingLots(setting, frameworks_));
  return Change<v1::Setting>(
      caller, "CreateSetting", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Setting* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(
            store_.FindProvider(tx, provider_id, true).status());
        FHUB_RETURN_IF_ERROR(store_.InsertSetting(tx, setting, now));
        ToProto(setting, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoUpdateSetting(
    const grpc::ServerContext& context, const v1::UpdateSettingRequest& request,
    v1::Setting* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      auto ids, ParseSettingName("setting.name", request.setting().name()));
  FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, ids.first));
  FHUB_ASSIGN_OR_RETURN(Setting proposed, FromProto(request.setting()));
  const absl::Time now = clock_.Now();
  FHUB_ASSIGN_OR_RETURN(
      Setting setting,
      PrepareSetting(std::move(proposed), absl::ToCivilDay(now, UkTimeZone())));
  setting.provider_id = ids.first;
  setting.id = ids.second;
  FHUB_RETURN_IF_ERROR(CheckSettingLots(setting, frameworks_));
  return Change<v1::Setting>(
      caller, "UpdateSetting", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Setting* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(
            store_.FindSetting(tx, ids.first, ids.second, true).status());
        FHUB_ASSIGN_OR_RETURN(
            std::vector<VacancyRecord> open,
            store_.ListOpenVacancies(tx, ids.first, ids.second));
        if (OpenPlaces(open) > setting.capacity) {
          return absl::FailedPreconditionError(
              absl::StrCat("setting.capacity: ", setting.capacity,
                           " is below the places its open vacancies offer (",
                           OpenPlaces(open), "); withdraw vacancies first"));
        }
        FHUB_RETURN_IF_ERROR(store_.UpdateSetting(tx, setting, now));
        ToProto(setting, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoGetSetting(
    const grpc::ServerContext& context, const v1::GetSettingRequest& request,
    v1::Setting* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(auto ids, ParseSettingName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckCanReadProvider(caller, ids.first));
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(Setting setting,
                          store_.FindSetting(tx, ids.first, ids.second, false));
    ToProto(setting, response);
    return absl::OkStatus();
  });
}

absl::Status RegistryServiceImpl::DoListSettings(
    const grpc::ServerContext& context, const v1::ListSettingsRequest& request,
    v1::ListSettingsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string provider_id,
                        ParseName("parent", request.parent(), "providers"));
  FHUB_RETURN_IF_ERROR(CheckCanReadProvider(caller, provider_id));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(std::vector<std::string> after_ids,
                        DecodeAfterIds("settings", request.page_token()));
  const std::string& after = after_ids[0];
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_RETURN_IF_ERROR(store_.FindProvider(tx, provider_id, false).status());
    FHUB_ASSIGN_OR_RETURN(
        std::vector<Setting> page,
        store_.ListSettings(tx, provider_id, after, page_size + 1));
    const bool more = TrimToPage(page, page_size);
    for (const Setting& s : page) ToProto(s, response->add_settings());
    if (more) {
      response->set_next_page_token(
          EncodePageToken("settings", page.back().id));
    }
    return absl::OkStatus();
  });
}

// --- Vacancies ---------------------------------------------------------------

absl::Status RegistryServiceImpl::DoRecordVacancy(
    const grpc::ServerContext& context, const v1::RecordVacancyRequest& request,
    v1::Vacancy* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(auto ids, ParseSettingName("parent", request.parent()));
  FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, ids.first));
  VacancyRecord record;
  record.provider_id = ids.first;
  record.vacancy.setting_id = ids.second;
  record.vacancy.places = request.vacancy().places();
  FHUB_ASSIGN_OR_RETURN(
      record.vacancy.available_from,
      FromProto(request.vacancy().available_from(), "vacancy.available_from"));
  record.create_time = clock_.Now();
  return Change<v1::Vacancy>(
      caller, "RecordVacancy", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Vacancy* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(
            Setting setting,
            store_.FindSetting(tx, ids.first, ids.second, true));
        FHUB_RETURN_IF_ERROR(ValidateVacancy(setting, record.vacancy));
        FHUB_ASSIGN_OR_RETURN(
            std::vector<VacancyRecord> open,
            store_.ListOpenVacancies(tx, ids.first, ids.second));
        if (OpenPlaces(open) + record.vacancy.places > setting.capacity) {
          return absl::FailedPreconditionError(absl::StrCat(
              "vacancy.places: the setting's open vacancies already offer ",
              OpenPlaces(open), " of its ", setting.capacity, " places"));
        }
        FHUB_RETURN_IF_ERROR(store_.InsertVacancy(tx, record));
        ToProto(record.provider_id, record.vacancy, record.create_time,
                std::nullopt, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoWithdrawVacancy(
    const grpc::ServerContext& context,
    const v1::WithdrawVacancyRequest& request, v1::Vacancy* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(auto ids, ParseVacancyName("name", request.name()));
  const auto& [provider_id, setting_id, vacancy_id] = ids;
  FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, provider_id));
  const absl::Time now = clock_.Now();
  return Change<v1::Vacancy>(
      caller, "WithdrawVacancy", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Vacancy* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(
            VacancyRecord record,
            store_.FindVacancy(tx, std::get<0>(ids), std::get<1>(ids),
                               std::get<2>(ids), true));
        if (record.withdraw_time) {
          return absl::FailedPreconditionError(
              absl::StrCat(request.name(), " is already withdrawn"));
        }
        FHUB_RETURN_IF_ERROR(
            store_.WithdrawVacancy(tx, record.vacancy.id, now));
        ToProto(record.provider_id, record.vacancy, record.create_time, now,
                out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoListVacancies(
    const grpc::ServerContext& context, const v1::ListVacanciesRequest& request,
    v1::ListVacanciesResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(auto ids, ParseSettingName("parent", request.parent()));
  FHUB_RETURN_IF_ERROR(CheckCanReadProvider(caller, ids.first));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_RETURN_IF_ERROR(
        store_.FindSetting(tx, ids.first, ids.second, false).status());
    FHUB_ASSIGN_OR_RETURN(std::vector<VacancyRecord> open,
                          store_.ListOpenVacancies(tx, ids.first, ids.second));
    for (const VacancyRecord& v : open) {
      ToProto(v.provider_id, v.vacancy, v.create_time, v.withdraw_time,
              response->add_vacancies());
    }
    return absl::OkStatus();
  });
}

// --- Events ------------------------------------------------------------------

grpc::Status RegistryServiceImpl::StreamEvents(
    grpc::ServerContext* context, const v1::StreamEventsRequest* request,
    grpc::ServerWriter<v1::Event>* writer) {
  auto caller = rpc::Authenticate(verifier_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (!IsHubCaller(*caller)) {
    return ToGrpcStatus(absl::PermissionDeniedError(
        "only a SERVICE, an AUDITOR or the HUB_ADMIN may follow the events"));
  }
  if (request->after_sequence() < 0) {
    return ToGrpcStatus(
        absl::InvalidArgumentError("after_sequence must not be negative"));
  }
  return ToGrpcStatus(StreamOutbox(pool_, *context, request->after_sequence(),
                                   writer, caller->subject));
}

// --- gRPC entry points -------------------------------------------------------

#define FHUB_REGISTRY_RPC(Method, Request, Response)                     \
  grpc::Status RegistryServiceImpl::Method(grpc::ServerContext* context, \
                                           const v1::Request* request,   \
                                           v1::Response* response) {     \
    const ::fhub::db::CallDeadline call_deadline(context->deadline());   \
    const ::fhub::db::ScopedRows rows;                                   \
    return ToGrpcStatus(Do##Method(*context, *request, response));       \
  }

FHUB_REGISTRY_RPC(CreateProvider, CreateProviderRequest, Provider)
FHUB_REGISTRY_RPC(UpdateProvider, UpdateProviderRequest, Provider)
FHUB_REGISTRY_RPC(GetProvider, GetProviderRequest, Provider)
FHUB_REGISTRY_RPC(ListProviders, ListProvidersRequest, ListProvidersResponse)
FHUB_REGISTRY_RPC(CreateSetting, CreateSettingRequest, Setting)
FHUB_REGISTRY_RPC(UpdateSetting, UpdateSettingRequest, Setting)
FHUB_REGISTRY_RPC(GetSetting, GetSettingRequest, Setting)
FHUB_REGISTRY_RPC(ListSettings, ListSettingsRequest, ListSettingsResponse)
FHUB_REGISTRY_RPC(RecordVacancy, RecordVacancyRequest, Vacancy)
FHUB_REGISTRY_RPC(WithdrawVacancy, WithdrawVacancyRequest, Vacancy)
FHUB_REGISTRY_RPC(ListVacancies, ListVacanciesRequest, ListVacanciesResponse)
FHUB_REGISTRY_RPC(SetQuestionnaire, SetQuestionnaireRequest, Questionnaire)
FHUB_REGISTRY_RPC(GetQuestionnaire, GetQuestionnaireRequest, Questionnaire)
FHUB_REGISTRY_RPC(CreateApplication, CreateApplicationRequest, Application)
FHUB_REGISTRY_RPC(SubmitApplication, SubmitApplicationRequest, Application)
FHUB_REGISTRY_RPC(GetApplication, GetApplicationRequest, Application)
FHUB_REGISTRY_RPC(ListApplications, ListApplicationsRequest,
                  ListApplicationsResponse)
FHUB_REGISTRY_RPC(SubmitEvaluation, SubmitEvaluationRequest, Evaluation)
FHUB_REGISTRY_RPC(AdmitApplication, AdmitApplicationRequest, Application)
FHUB_REGISTRY_RPC(RejectApplication, RejectApplicationRequest, Application)
FHUB_REGISTRY_RPC(ListAccreditations, ListAccreditationsRequest,
                  ListAccreditationsResponse)
FHUB_REGISTRY_RPC(SuspendProvider, SuspendProviderRequest, Suspension)
FHUB_REGISTRY_RPC(GetSuspension, GetSuspensionRequest, Suspension)
FHUB_REGISTRY_RPC(ListSuspensions, ListSuspensionsRequest,
                  ListSuspensionsResponse)
FHUB_REGISTRY_RPC(SubmitActionEvidence, SubmitActionEvidenceRequest, Suspension)
FHUB_REGISTRY_RPC(AcceptActionItem, AcceptActionItemRequest, Suspension)
FHUB_REGISTRY_RPC(ReinstateProvider, ReinstateProviderRequest, Suspension)
FHUB_REGISTRY_RPC(RemoveProvider, RemoveProviderRequest, RemoveProviderResponse)
FHUB_REGISTRY_RPC(RaiseConcern, RaiseConcernRequest, Concern)
FHUB_REGISTRY_RPC(RespondToConcern, RespondToConcernRequest, Concern)
FHUB_REGISTRY_RPC(CloseConcern, CloseConcernRequest, Concern)
FHUB_REGISTRY_RPC(ListConcerns, ListConcernsRequest, ListConcernsResponse)
FHUB_REGISTRY_RPC(SearchEligibleProviders, SearchEligibleProvidersRequest,
                  SearchEligibleProvidersResponse)

#undef FHUB_REGISTRY_RPC

}  // namespace fhub::registry
