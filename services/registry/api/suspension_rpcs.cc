// Suspensions with action plans, reinstatement, removal, and concerns.

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "services/registry/api/convert.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/domain/access.h"
#include "services/registry/domain/suspension_rules.h"

namespace fhub::registry {
namespace {

using auth::Role;

inline constexpr size_t kMaxConcernLength = 4000;

// The officers who act for a suspending authority: the lead's LEAD_ADMIN
// for a framework-wide suspension, a member's LEAD_ADMIN or COMMISSIONER
// for its own.
absl::Status CheckSuspenderRole(const auth::Principal& caller,
                                SuspensionScope scope) {
  const bool ok = scope == SuspensionScope::kFrameworkWide
                      ? caller.HasRole(Role::kLeadAdmin)
                      : caller.HasRole(Role::kLeadAdmin) ||
                            caller.HasRole(Role::kCommissioner);
  if (ok) return absl::OkStatus();
  return absl::PermissionDeniedError(
      scope == SuspensionScope::kFrameworkWide
          ? "a framework-wide suspension is the lead's LEAD_ADMIN's to decide"
          : "a member's suspension needs its LEAD_ADMIN or COMMISSIONER");
}

// Items are numbered from 1: a number below that is a malformed request,
// not an item that might exist.
absl::Status CheckItemNumber(int item_number) {
  if (item_number >= 1) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "item_number must be an action plan item's number, 1 or more; got ",
      item_number));
}

}  // namespace

absl::StatusOr<RegistryServiceImpl::ListScope>
RegistryServiceImpl::ResolveListScope(const auth::Principal& caller,
                                      const std::string& provider,
                                      const std::string& framework,
                                      absl::string_view what) {
  if (provider.empty() && framework.empty()) {
    return absl::InvalidArgumentError("give a provider, a framework or both");
  }
  ListScope scope;
  if (!provider.empty()) {
    FHUB_ASSIGN_OR_RETURN(scope.provider_id,
                          ParseName("provider", provider, "providers"));
  }
  if (!framework.empty()) {
    FHUB_ASSIGN_OR_RETURN(scope.framework_id,
                          ParseName("framework", framework, "frameworks"));
  }
  const bool own =
      !scope.provider_id.empty() && ProviderIdOf(caller) == scope.provider_id;
  if (own) return scope;
  if (!scope.framework_id.empty()) {
    FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                          Facts("framework", scope.framework_id, false));
    FHUB_RETURN_IF_ERROR(CheckFrameworkReader(caller, facts.authorities));
    rpc::ScopeToConsortium(caller, scope.framework_id);
  } else if (!IsHubCaller(caller)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "name the framework: ", what, " are shown to its lead and members"));
  } else {
    // The hub's callers read every framework's (a read-only list).
    db::ScopedRows::Set(db::RowScope::Everything());
  }
  return scope;
}

absl::Status RegistryServiceImpl::DoSuspendProvider(
    const grpc::ServerContext& context,
    const v1::SuspendProviderRequest& request, v1::Suspension* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  const v1::Suspension& asked = request.suspension();
  Suspension requested;
  FHUB_ASSIGN_OR_RETURN(
      requested.provider_id,
      ParseName("suspension.provider", asked.provider(), "providers"));
  FHUB_ASSIGN_OR_RETURN(
      requested.framework_id,
      ParseName("suspension.framework", asked.framework(), "frameworks"));
  FHUB_ASSIGN_OR_RETURN(requested.scope,
                        FromProto(asked.scope(), "suspension.scope"));
  FHUB_RETURN_IF_ERROR(CheckSuspenderRole(caller, requested.scope));
  requested.reason = asked.reason();
  for (int i = 0; i < asked.action_plan_size(); ++i) {
    ActionPlanItem item;
    item.description = asked.action_plan(i).description();
    FHUB_ASSIGN_OR_RETURN(
        item.due,
        FromProto(asked.action_plan(i).due_date(),
                  absl::StrCat("suspension.action_plan[", i, "].due_date")));
    requested.action_plan.push_back(std::move(item));
  }
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  FHUB_ASSIGN_OR_RETURN(
      FrameworkFacts facts,
      Facts("suspension.framework", requested.framework_id, true));
  FHUB_RETURN_IF_ERROR(CheckMaySuspend(facts.authorities, caller.AuthorityId(),
                                       requested.scope));
  rpc::ScopeToConsortium(caller, requested.framework_id);
  const absl::Time now = clock_.Now();
  return Change<v1::Suspension>(
      caller, "SuspendProvider", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Suspension* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(
            store_.FindProvider(tx, requested.provider_id, true).status());
        FHUB_ASSIGN_OR_RETURN(
            std::vector<Accreditation> accreditations,
            store_.ProviderAccreditations(tx, requested.provider_id,
                                          requested.framework_id));
        FHUB_ASSIGN_OR_RETURN(
            std::vector<Suspension> existing,
            store_.ProviderSuspensions(tx, requested.provider_id,
                                       requested.framework_id));
        FHUB_ASSIGN_OR_RETURN(
            Suspension suspension,
            PrepareSuspension(requested, facts.authorities,
                              caller.AuthorityId(), accreditations, existing,
                              absl::ToCivilDay(now, UkTimeZone())));
        suspension.suspend_time = now;
        suspension.suspended_by = caller.subject;
        FHUB_RETURN_IF_ERROR(store_.InsertSuspension(tx, suspension));
        FHUB_RETURN_IF_ERROR(SyncAccreditations(tx, suspension.provider_id,
                                                suspension.framework_id));
        ToProto(suspension, out);
        Emit(tx, v1::PROVIDER_SUSPENDED, now, suspension.framework_id,
             suspension.provider_id, out->name(), suspension.authority_id,
             suspension.scope);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoGetSuspension(
    const grpc::ServerContext& context, const v1::GetSuspensionRequest& request,
    v1::Suspension* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "suspensions"));
  FHUB_RETURN_IF_ERROR(EnterRowsOf(caller, "suspensions", id));
  Suspension suspension;
  FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(suspension, store_.FindSuspension(tx, id, false));
    return absl::OkStatus();
  }));
  if (ProviderIdOf(caller) != suspension.provider_id) {
    FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                          Facts("name", suspension.framework_id, false));
    FHUB_RETURN_IF_ERROR(CheckFrameworkReader(caller, facts.authorities));
  }
  ToProto(suspension, response);
  return absl::OkStatus();
}

absl::Status RegistryServiceImpl::DoListSuspensions(
    const grpc::ServerContext& context,
    const v1::ListSuspensionsRequest& request,
    v1::ListSuspensionsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(ListScope scope,
                        ResolveListScope(caller, request.provider(),
                                         request.framework(), "suspensions"));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int64_t before,
                        DecodeBeforeId("suspensions", request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(
        std::vector<Suspension> page,
        store_.ListSuspensions(tx, scope.provider_id, scope.framework_id,
                               request.active_only(), before, page_size + 1));
    const bool more = TrimToPage(page, page_size);
    for (const Suspension& s : page) ToProto(s, response->add_suspensions());
    if (more) {
      response->set_next_page_token(
          EncodePageToken("suspensions", page.back().id));
    }
    return absl::OkStatus();
  });
}

absl::Status RegistryServiceImpl::DoSubmitActionEvidence(
    const grpc::ServerContext& context,
    const v1::SubmitActionEvidenceRequest& request, v1::Suspension* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "suspensions"));
  FHUB_RETURN_IF_ERROR(EnterRowsOf(caller, "suspensions", id));
  FHUB_RETURN_IF_ERROR(CheckItemNumber(request.item_number()));
  FHUB_RETURN_IF_ERROR(
      CheckText("evidence", request.evidence(), 1, kMaxEvidenceLength));
  const absl::Time now = clock_.Now();
  return Change<v1::Suspension>(
      caller, "SubmitActionEvidence", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Suspension* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Suspension suspension,
                              store_.FindSuspension(tx, id, true));
        FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, suspension.provider_id));
        FHUB_RETURN_IF_ERROR(SubmitEvidence(suspension, request.item_number(),
                                            request.evidence(), now));
        FHUB_RETURN_IF_ERROR(store_.UpdateSuspension(tx, suspension));
        ToProto(suspension, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoAcceptActionItem(
    const grpc::ServerContext& context,
    const v1::AcceptActionItemRequest& request, v1::Suspension* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "suspensions"));
  FHUB_RETURN_IF_ERROR(EnterRowsOf(caller, "suspensions", id));
  FHUB_RETURN_IF_ERROR(CheckItemNumber(request.item_number()));
  const absl::Time now = clock_.Now();
  return Change<v1::Suspension>(
      caller, "AcceptActionItem", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Suspension* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Suspension suspension,
                              store_.FindSuspension(tx, id, true));
        FHUB_RETURN_IF_ERROR(CheckSuspenderRole(caller, suspension.scope));
        FHUB_RETURN_IF_ERROR(AcceptItem(suspension, request.item_number(),
                                        caller.AuthorityId(), caller.subject,
                                        now));
        FHUB_RETURN_IF_ERROR(store_.UpdateSuspension(tx, suspension));
        ToProto(suspension, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoReinstateProvider(
    const grpc::ServerContext& context,
    const v1::ReinstateProviderRequest& request, v1::Suspension* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "suspensions"));
  FHUB_RETURN_IF_ERROR(EnterRowsOf(caller, "suspensions", id));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  std::string provider_id;
  FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(Suspension s, store_.FindSuspension(tx, id, false));
    provider_id = s.provider_id;
    return absl::OkStatus();
  }));
  const absl::Time now = clock_.Now();
  return Change<v1::Suspension>(
      caller, "ReinstateProvider", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Suspension* out) -> absl::StatusOr<std::string> {
        // Provider first, as SuspendProvider locks: no deadlock between them.
        FHUB_RETURN_IF_ERROR(
            store_.FindProvider(tx, provider_id, true).status());
        FHUB_ASSIGN_OR_RETURN(Suspension suspension,
                              store_.FindSuspension(tx, id, true));
        FHUB_RETURN_IF_ERROR(CheckSuspenderRole(caller, suspension.scope));
        FHUB_RETURN_IF_ERROR(
            Reinstate(suspension, caller.AuthorityId(), caller.subject, now));
        FHUB_RETURN_IF_ERROR(store_.UpdateSuspension(tx, suspension));
        FHUB_RETURN_IF_ERROR(SyncAccreditations(tx, suspension.provider_id,
                                                suspension.framework_id));
        ToProto(suspension, out);
        Emit(tx, v1::PROVIDER_REINSTATED, now, suspension.framework_id,
             suspension.provider_id, out->name(), suspension.authority_id,
             suspension.scope);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoRemoveProvider(
    const grpc::ServerContext& context,
    const v1::RemoveProviderRequest& request,
    v1::RemoveProviderResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string provider_id,
                        ParseName("provider", request.provider(), "providers"));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  FHUB_RETURN_IF_ERROR(
      CheckText("reason", request.reason(), 1, kMaxReasonLength));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                        Facts("framework", framework_id, true));
  FHUB_RETURN_IF_ERROR(CheckLeadAdmin(caller, facts.authorities));
  const absl::Time now = clock_.Now();
  return Change<v1::RemoveProviderResponse>(
      caller, "RemoveProvider", request, request.request_id(), response,
      [&](db::Tx& tx,
          v1::RemoveProviderResponse* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(
            store_.FindProvider(tx, provider_id, true).status());
        FHUB_ASSIGN_OR_RETURN(
            std::vector<Accreditation> accreditations,
            store_.ProviderAccreditations(tx, provider_id, framework_id));
        FHUB_ASSIGN_OR_RETURN(
            std::vector<Accreditation> removed,
            RemoveFromFramework(facts.authorities, caller.AuthorityId(),
                                accreditations, request.reason(), now));
        std::vector<std::string> lots;
        for (const Accreditation& a : removed) {
          FHUB_RETURN_IF_ERROR(store_.PutAccreditation(tx, a));
          ToProto(a, out->add_accreditations());
          lots.push_back(a.lot.lot_id);
        }
        const std::string resource = absl::StrCat(
            ProviderName(provider_id), "/accreditations/", framework_id);
        Emit(tx, v1::PROVIDER_REMOVED, now, framework_id, provider_id, resource,
             facts.authorities.lead_authority_id, std::nullopt, lots);
        return resource;
      });
}

// --- Concerns ----------------------------------------------------------------

absl::Status RegistryServiceImpl::DoRaiseConcern(
    const grpc::ServerContext& context, const v1::RaiseConcernRequest& request,
    v1::Concern* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  Concern concern;
  FHUB_ASSIGN_OR_RETURN(
      concern.provider_id,
      ParseName("concern.provider", request.concern().provider(), "providers"));
  FHUB_ASSIGN_OR_RETURN(concern.framework_id,
                        ParseName("concern.framework",
                                  request.concern().framework(), "frameworks"));
  concern.summary = request.concern().summary();
  FHUB_RETURN_IF_ERROR(
      CheckText("concern.summary", concern.summary, 1, kMaxConcernLength));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                        Facts("concern.framework", concern.framework_id, true));
  FHUB_RETURN_IF_ERROR(CheckMemberOfficer(
      caller, facts.authorities, {Role::kLeadAdmin, Role::kCommissioner}));
  rpc::ScopeToConsortium(caller, concern.framework_id);
  concern.raised_by_authority_id = std::string(caller.AuthorityId());
  concern.raise_time = clock_.Now();
  concern.status = ConcernStatus::kOpen;
  return Change<v1::Concern>(
      caller, "RaiseConcern", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Concern* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(
            store_.FindProvider(tx, concern.provider_id, false).status());
        FHUB_ASSIGN_OR_RETURN(
            std::vector<Accreditation> accreditations,
            store_.ProviderAccreditations(tx, concern.provider_id,
                                          concern.framework_id));
        if (accreditations.empty()) {
          return absl::FailedPreconditionError(absl::StrCat(
              "providers/", concern.provider_id,
              " has never been admitted to frameworks/", concern.framework_id));
        }
        FHUB_RETURN_IF_ERROR(store_.InsertConcern(tx, concern));
        ToProto(concern, out);
        Emit(tx, v1::CONCERN_RAISED, concern.raise_time, concern.framework_id,
             concern.provider_id, out->name(), concern.raised_by_authority_id);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoRespondToConcern(
    const grpc::ServerContext& context,
    const v1::RespondToConcernRequest& request, v1::Concern* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "concerns"));
  FHUB_RETURN_IF_ERROR(EnterRowsOf(caller, "concerns", id));
  FHUB_RETURN_IF_ERROR(
      CheckText("response", request.response(), 1, kMaxConcernLength));
  const absl::Time now = clock_.Now();
  return Change<v1::Concern>(
      caller, "RespondToConcern", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Concern* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Concern concern,
                              store_.FindConcern(tx, id, true));
        FHUB_RETURN_IF_ERROR(CheckProviderUser(caller, concern.provider_id));
        if (concern.status != ConcernStatus::kOpen) {
          return absl::FailedPreconditionError(
              absl::StrCat(request.name(), " is closed"));
        }
        concern.response = request.response();
        concern.response_time = now;
        FHUB_RETURN_IF_ERROR(store_.UpdateConcern(tx, concern));
        ToProto(concern, out);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoCloseConcern(
    const grpc::ServerContext& context, const v1::CloseConcernRequest& request,
    v1::Concern* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), "concerns"));
  FHUB_RETURN_IF_ERROR(EnterRowsOf(caller, "concerns", id));
  const absl::Time now = clock_.Now();
  return Change<v1::Concern>(
      caller, "CloseConcern", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Concern* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Concern concern,
                              store_.FindConcern(tx, id, true));
        if (caller.AuthorityId() != concern.raised_by_authority_id ||
            !(caller.HasRole(Role::kLeadAdmin) ||
              caller.HasRole(Role::kCommissioner))) {
          return absl::PermissionDeniedError(absl::StrCat(
              "only a LEAD_ADMIN or COMMISSIONER of the raiser, authorities/",
              concern.raised_by_authority_id, ", may close ", request.name()));
        }
        if (concern.status != ConcernStatus::kOpen) {
          return absl::FailedPreconditionError(
              absl::StrCat(request.name(), " is already closed"));
        }
        concern.status = ConcernStatus::kClosed;
        concern.close_time = now;
        FHUB_RETURN_IF_ERROR(store_.UpdateConcern(tx, concern));
        ToProto(concern, out);
        Emit(tx, v1::CONCERN_CLOSED, now, concern.framework_id,
             concern.provider_id, out->name(), concern.raised_by_authority_id);
        return out->name();
      });
}

absl::Status RegistryServiceImpl::DoListConcerns(
    const grpc::ServerContext& context, const v1::ListConcernsRequest& request,
    v1::ListConcernsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(ListScope scope,
                        ResolveListScope(caller, request.provider(),
                                         request.framework(), "concerns"));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int64_t before,
                        DecodeBeforeId("concerns", request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(
        std::vector<Concern> page,
        store_.ListConcerns(tx, scope.framework_id, scope.provider_id, before,
                            page_size + 1));
    const bool more = TrimToPage(page, page_size);
    for (const Concern& c : page) ToProto(c, response->add_concerns());
    if (more) {
      response->set_next_page_token(
          EncodePageToken("concerns", page.back().id));
    }
    return absl::OkStatus();
  });
}

}  // namespace fhub::registry
