#include "services/frameworks/api/framework_service.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/db/transaction.h"
#include "common/grpc_status.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "common/rpc.h"
#include "common/status_macros.h"
#include "services/frameworks/api/convert.h"
#include "services/frameworks/api/rpc_entry.h"
#include "services/frameworks/domain/access.h"
#include "services/frameworks/domain/rules.h"

namespace fhub::frameworks {
namespace {

absl::StatusOr<MembershipKey> DecodeMembershipKey(absl::string_view token) {
  FHUB_ASSIGN_OR_RETURN(std::string key, DecodePageToken("members", token));
  MembershipKey out;
  if (key.empty()) return out;
  std::vector<std::string> parts = absl::StrSplit(key, '|');
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[1], &out.membership_id)) {
    return absl::InvalidArgumentError(
        "page_token is not a token this list gave out");
  }
  out.authority_id = parts[0];
  return out;
}

}  // namespace

FrameworkServiceImpl::FrameworkServiceImpl(db::Pool* pool,
                                           FrameworkStore* store,
                                           RecordStore* records,
                                           PlacementCounter* placements,
                                           const auth::TokenVerifier* verifier,
                                           const Clock* clock)
    : pool_(*pool),
      store_(*store),
      records_(*records),
      placements_(*placements),
      verifier_(*verifier),
      clock_(*clock) {}

absl::Status FrameworkServiceImpl::Read(
    const std::function<absl::Status(db::Tx&)>& body) {
  db::TxOptions options;
  options.name = "read";
  return db::Transact(pool_, options, body);
}

absl::StatusOr<std::pair<Framework, bool>> FrameworkServiceImpl::LoadVisible(
    db::Tx& tx, const auth::Principal& caller, const std::string& id,
    bool for_update) {
  FHUB_ASSIGN_OR_RETURN(Framework framework,
                        store_.FindFramework(tx, id, for_update));
  bool member = false;
  if (!caller.AuthorityId().empty()) {
    FHUB_ASSIGN_OR_RETURN(
        member,
        store_.HasMembership(tx, id, std::string(caller.AuthorityId())));
  }
  FHUB_RETURN_IF_ERROR(CheckCanRead(caller, framework, member));
  return std::make_pair(std::move(framework), member);
}

absl::StatusOr<Framework> FrameworkServiceImpl::LoadForChange(
    db::Tx& tx, const auth::Principal& caller, const std::string& id) {
  FHUB_ASSIGN_OR_RETURN(Framework framework,
                        store_.FindFramework(tx, id, true));
  FHUB_ASSIGN_OR_RETURN(
      bool member,
      store_.HasMembership(tx, id, std::string(caller.AuthorityId())));
  FHUB_RETURN_IF_ERROR(CheckCanAdminister(caller, framework, member));
  return framework;
}

// --- Authorities -----------------------------------------------------------

absl::Status FrameworkServiceImpl::DoCreateAuthority(
    const grpc::ServerContext& context,
    const v1::CreateAuthorityRequest& request, v1::Authority* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_RETURN_IF_ERROR(CheckCanCreateAuthority(caller));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  Authority authority;
  authority.id = request.authority_id();
  authority.display_name = request.authority().display_name();
  FHUB_ASSIGN_OR_RETURN(authority.kind, FromProto(request.authority().kind()));
  FHUB_RETURN_IF_ERROR(ValidateAuthority(authority));
  authority.create_time = clock_.Now();
  return rpc::ApplyChangeOnce<v1::Authority>(
      pool_, caller, authority.create_time, "CreateAuthority", request,
      request.request_id(), response,
      [&](db::Tx& tx, v1::Authority* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(store_.InsertAuthority(tx, authority));
        ToProto(authority, out);
        return out->name();
      });
}

absl::Status FrameworkServiceImpl::DoGetAuthority(
    const grpc::ServerContext& context, const v1::GetAuthorityRequest& request,
    v1::Authority* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseName("name", request.name(), "authorities"));
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(Authority authority, store_.FindAuthority(tx, id));
    ToProto(authority, response);
    return absl::OkStatus();
  });
}

absl::Status FrameworkServiceImpl::DoListAuthorities(
    const grpc::ServerContext& context,
    const v1::ListAuthoritiesRequest& request,
    v1::ListAuthoritiesResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(std::string after,
                        DecodePageToken("authorities", request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(std::vector<Authority> page,
                          store_.ListAuthorities(tx, after, page_size + 1));
    const bool more = TrimToPage(page, page_size);
    for (const Authority& a : page) ToProto(a, response->add_authorities());
    if (more) {
      response->set_next_page_token(
          EncodePageToken("authorities", page.back().id));
    }
    return absl::OkStatus();
  });
}

// --- Frameworks ------------------------------------------------------------

absl::Status FrameworkServiceImpl::DoCreateFramework(
    const grpc::ServerContext& context,
    const v1::CreateFrameworkRequest& request, v1::Framework* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(Framework proposed, FromProto(request));
  FHUB_RETURN_IF_ERROR(
      CheckCanCreateFramework(caller, proposed.lead_authority_id));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  FHUB_ASSIGN_OR_RETURN(
      Framework framework,
      PrepareNewFramework(
          std::move(proposed),
          IsSet(request.framework().term().maximum_end_date())));
  framework.create_time = clock_.Now();
  return rpc::ApplyChangeOnce<v1::Framework>(
      pool_, caller, framework.create_time, "CreateFramework", request,
      request.request_id(), response,
      [&](db::Tx& tx, v1::Framework* out) -> absl::StatusOr<std::string> {
        auto lead = store_.FindAuthority(tx, framework.lead_authority_id);
        if (absl::IsNotFound(lead.status())) {
          return absl::FailedPreconditionError(
              absl::StrCat("framework.lead_authority: authorities/",
                           framework.lead_authority_id, " is not registered"));
        }
        FHUB_RETURN_IF_ERROR(lead.status());
        FHUB_RETURN_IF_ERROR(store_.InsertFramework(tx, framework));
        ToProto(framework, out);
        return out->name();
      });
}

absl::Status FrameworkServiceImpl::DoGetFramework(
    const grpc::ServerContext& context, const v1::GetFrameworkRequest& request,
    v1::Framework* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseName("name", request.name(), "frameworks"));
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(auto visible, LoadVisible(tx, caller, id, false));
    ToProto(visible.first, response);
    return absl::OkStatus();
  });
}

absl::Status FrameworkServiceImpl::DoListFrameworks(
    const grpc::ServerContext& context,
    const v1::ListFrameworksRequest& request,
    v1::ListFrameworksResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(std::string after,
                        DecodePageToken("frameworks", request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(
        std::vector<Framework> page,
        store_.ListFrameworks(tx, after, page_size + 1,
                              SeesEveryFramework(caller),
                              std::string(caller.AuthorityId())));
    const bool more = TrimToPage(page, page_size);
    for (const Framework& f : page) ToProto(f, response->add_frameworks());
    if (more) {
      response->set_next_page_token(
          EncodePageToken("frameworks", page.back().id));
    }
    return absl::OkStatus();
  });
}

absl::Status FrameworkServiceImpl::DoActivateFramework(
    const grpc::ServerContext& context,
    const v1::ActivateFrameworkRequest& request, v1::Framework* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseName("name", request.name(), "frameworks"));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const absl::Time now = clock_.Now();
  return rpc::ApplyChangeOnce<v1::Framework>(
      pool_, caller, now, "ActivateFramework", request, request.request_id(),
      response,
      [&](db::Tx& tx, v1::Framework* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Framework framework,
                              LoadForChange(tx, caller, id));
        FHUB_RETURN_IF_ERROR(CheckActivation(framework));
        FHUB_RETURN_IF_ERROR(store_.ActivateFramework(tx, id, now));
        framework.status = FrameworkStatus::kActive;
        framework.activate_time = now;
        Emit(tx, v1::FRAMEWORK_ACTIVATED, now, id,
             absl::StrCat("frameworks/", id));
        ToProto(framework, out);
        return out->name();
      });
}

// --- Memberships -----------------------------------------------------------

absl::Status FrameworkServiceImpl::DoAddMember(
    const grpc::ServerContext& context, const v1::AddMemberRequest& request,
    v1::Membership* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string framework_id,
                        ParseName("parent", request.parent(), "frameworks"));
  FHUB_ASSIGN_OR_RETURN(
      std::string authority_id,
      ParseName("authority", request.authority(), "authorities"));
  FHUB_ASSIGN_OR_RETURN(StrategicLead lead,
                        FromProto(request.strategic_lead()));
  FHUB_RETURN_IF_ERROR(ValidateStrategicLead(lead));
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = clock_.Today();
  absl::CivilDay joined = today;
  if (IsSet(request.joined_date())) {
    FHUB_ASSIGN_OR_RETURN(joined,
                          FromProto(request.joined_date(), "joined_date"));
  }
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  return rpc::ApplyChangeOnce<v1::Membership>(
      pool_, caller, now, "AddMember", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Membership* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Framework framework,
                              LoadForChange(tx, caller, framework_id));
        auto authority = store_.FindAuthority(tx, authority_id);
        if (absl::IsNotFound(authority.status())) {
          return absl::NotFoundError(absl::StrCat(
              "authority: authorities/", authority_id, " is not registered"));
        }
        FHUB_RETURN_IF_ERROR(authority.status());
        FHUB_ASSIGN_OR_RETURN(
            std::optional<Membership> latest,
            store_.LatestMembership(tx, framework_id, authority_id));
        FHUB_RETURN_IF_ERROR(CheckAddMember(framework, latest, joined, today));
        Membership membership{framework_id, authority_id, lead,
                              joined,       std::nullopt, ""};
        FHUB_RETURN_IF_ERROR(store_.InsertMembership(tx, membership));
        ToProto(membership, today, out);
        Emit(tx, v1::MEMBER_ADDED, now, framework_id, out->name(), authority_id,
             joined);
        return out->name();
      });
}

absl::Status FrameworkServiceImpl::DoCeaseMembership(
    const grpc::ServerContext& context,
    const v1::CeaseMembershipRequest& request, v1::Membership* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  if (request.name().empty()) {
    return absl::InvalidArgumentError("name is required");
  }
  auto ids = ParseChildName(request.name(), "frameworks", "members");
  if (!ids.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("name: ", ids.status().message()));
  }
  const std::string framework_id = ids->first;
  const std::string authority_id = ids->second;
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = clock_.Today();
  absl::CivilDay ceased = today;
  if (IsSet(request.ceased_date())) {
    FHUB_ASSIGN_OR_RETURN(ceased,
                          FromProto(request.ceased_date(), "ceased_date"));
  }
  FHUB_RETURN_IF_ERROR(
      CheckText("reason", request.reason(), 0, kMaxReasonLength));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  return rpc::ApplyChangeOnce<v1::Membership>(
      pool_, caller, now, "CeaseMembership", request, request.request_id(),
      response,
      [&](db::Tx& tx, v1::Membership* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(auto visible,
                              LoadVisible(tx, caller, framework_id, true));
        FHUB_ASSIGN_OR_RETURN(
            std::optional<Membership> latest,
            store_.LatestMembership(tx, framework_id, authority_id));
        if (!latest.has_value()) {
          return absl::NotFoundError(
              absl::StrCat(request.name(), " not found"));
        }
        FHUB_RETURN_IF_ERROR(CheckCanCease(caller, visible.first, *latest));
        FHUB_RETURN_IF_ERROR(CheckCease(*latest, ceased));
        FHUB_RETURN_IF_ERROR(store_.CeaseMembership(
            tx, framework_id, authority_id, ceased, request.reason()));
        latest->ceased = ceased;
        latest->cease_reason = request.reason();
        ToProto(*latest, today, out);
        Emit(tx, v1::MEMBER_CEASED, now, framework_id, out->name(),
             authority_id, ceased);
        return out->name();
      });
}

absl::Status FrameworkServiceImpl::DoListMembers(
    const grpc::ServerContext& context, const v1::ListMembersRequest& request,
    v1::ListMembersResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string framework_id,
                        ParseName("parent", request.parent(), "frameworks"));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(MembershipKey after,
                        DecodeMembershipKey(request.page_token()));
  const absl::CivilDay today = clock_.Today();
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_RETURN_IF_ERROR(LoadVisible(tx, caller, framework_id, false).status());
    FHUB_ASSIGN_OR_RETURN(auto page, store_.ListMemberships(
                                         tx, framework_id, after, page_size + 1,
                                         request.include_ceased(), today));
    const bool more = TrimToPage(page, page_size);
    for (const auto& [membership, key] : page) {
      ToProto(membership, today, response->add_memberships());
    }
    if (more) {
      const MembershipKey& last = page.back().second;
      response->set_next_page_token(EncodePageToken(
          "members", absl::StrCat(last.authority_id, "|", last.membership_id)));
    }
    return absl::OkStatus();
  });
}

// --- gRPC entry points ------------------------------------------------------

FHUB_RPC(CreateAuthority, CreateAuthorityRequest, Authority)
FHUB_RPC(GetAuthority, GetAuthorityRequest, Authority)
FHUB_RPC(ListAuthorities, ListAuthoritiesRequest, ListAuthoritiesResponse)
FHUB_RPC(CreateFramework, CreateFrameworkRequest, Framework)
FHUB_RPC(GetFramework, GetFrameworkRequest, Framework)
FHUB_RPC(ListFrameworks, ListFrameworksRequest, ListFrameworksResponse)
FHUB_RPC(ActivateFramework, ActivateFrameworkRequest, Framework)
FHUB_RPC(AddMember, AddMemberRequest, Membership)
FHUB_RPC(CeaseMembership, CeaseMembershipRequest, Membership)
FHUB_RPC(ListMembers, ListMembersRequest, ListMembersResponse)

}  // namespace fhub::frameworks
