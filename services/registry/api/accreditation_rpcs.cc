// Accreditations: who is admitted to which lot, listed for a provider or a
// framework, with the member-only suspensions that block each.

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/page_token.h"
#include "services/registry/api/convert.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/domain/access.h"

namespace fhub::registry {

absl::Status RegistryServiceImpl::DoListAccreditations(
    const grpc::ServerContext& context,
    const v1::ListAccreditationsRequest& request,
    v1::ListAccreditationsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  if (request.provider().empty() == request.framework().empty()) {
    return absl::InvalidArgumentError(
        "give exactly one of provider and framework");
  }
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(
      std::vector<std::string> after,
      DecodeAfterIds("accreditations", request.page_token(), 2));
  if (!request.provider().empty()) {
    FHUB_ASSIGN_OR_RETURN(
        std::string provider_id,
        ParseName("provider", request.provider(), "providers"));
    FHUB_RETURN_IF_ERROR(CheckCanReadProvider(caller, provider_id));
    std::vector<Accreditation> all;
    FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
      FHUB_ASSIGN_OR_RETURN(all,
                            store_.ProviderAccreditations(tx, provider_id, ""));
      return absl::OkStatus();
    }));
    // Any authority may read the provider, but its standing on a framework
    // (and which members have suspended it) is for that framework's lead
    // and members alone, as with ListSuspensions; the frameworks service is
    // asked outside any transaction. The suspensions are read as the
    // provider itself, as the hub, or framework by framework as one of its
    // readers (row-level security shows no more).
    std::vector<std::string> frameworks;
    const bool own = ProviderIdOf(caller) == provider_id;
    if (!own && !IsHubCaller(caller)) {
      std::map<std::string, bool> readable;
      for (const Accreditation& a : all) {
        const std::string& framework_id = a.lot.framework_id;
        if (readable.count(framework_id) > 0) continue;
        auto facts = Facts("provider", framework_id, false);
        if (!facts.ok() && !absl::IsNotFound(facts.status())) {
          return facts.status();
        }
        readable[framework_id] =
            facts.ok() && CheckFrameworkReader(caller, facts->authorities).ok();
        if (readable[framework_id]) frameworks.push_back(framework_id);
      }
      all.erase(std::remove_if(all.begin(), all.end(),
                               [&](const Accreditation& a) {
                                 return !readable[a.lot.framework_id];
                               }),
                all.end());
    } else {
      if (!own) db::ScopedRows::Set(db::RowScope::Everything());
      frameworks.push_back("");  // Every framework's, in one read.
    }
    std::vector<Suspension> suspensions;
    for (const std::string& framework_id : frameworks) {
      if (!framework_id.empty()) rpc::ScopeToConsortium(caller, framework_id);
      FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
        FHUB_ASSIGN_OR_RETURN(
            std::vector<Suspension> active,
            store_.ListSuspensions(tx, provider_id, framework_id, true, 0,
                                   1000));
        suspensions.insert(suspensions.end(), active.begin(), active.end());
        return absl::OkStatus();
      }));
    }
    response->Clear();
    for (const Accreditation& a : all) {
      v1::Accreditation* out = response->add_accreditations();
      ToProto(a, out);
      for (const Suspension& s : suspensions) {
        if (s.scope == SuspensionScope::kMemberOnly &&
            s.framework_id == a.lot.framework_id) {
          out->add_suspended_for(AuthorityName(s.authority_id));
        }
      }
    }
    return absl::OkStatus();
  }
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                        Facts("framework", framework_id, false));
  FHUB_RETURN_IF_ERROR(CheckFrameworkReader(caller, facts.authorities));
  rpc::ScopeToConsortium(caller, framework_id);
  if (!request.lot_id().empty()) {
    FHUB_RETURN_IF_ERROR(facts.Lot("lot_id", request.lot_id()).status());
  }
  const std::string& after_provider = after[0];
  const std::string& after_lot = after[1];
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(std::vector<Accreditation> page,
                          store_.FrameworkAccreditations(
                              tx, framework_id, request.lot_id(),
                              after_provider, after_lot, page_size + 1));
    const bool more = TrimToPage(page, page_size);
    FHUB_ASSIGN_OR_RETURN(
        std::vector<Suspension> suspensions,
        store_.ListSuspensions(tx, "", framework_id, true, 0, 10000));
    for (const Accreditation& a : page) {
      v1::Accreditation* out = response->add_accreditations();
      ToProto(a, out);
      for (const Suspension& s : suspensions) {
        if (s.scope == SuspensionScope::kMemberOnly &&
            s.provider_id == a.provider_id) {
          out->add_suspended_for(AuthorityName(s.authority_id));
        }
      }
    }
    if (more) {
      response->set_next_page_token(EncodePageToken(
          "accreditations",
          absl::StrCat(page.back().provider_id, "|", page.back().lot.lot_id)));
    }
    return absl::OkStatus();
  });
}

}  // namespace fhub::registry
