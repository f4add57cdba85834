// The eligibility search: which providers may be invited to a referral.

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/proto_values.h"
#include "services/registry/api/convert.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/domain/access.h"
#include "services/registry/domain/eligibility.h"

namespace fhub::registry {
namespace {

using auth::Role;

inline constexpr int kDefaultMaxResults = 100;
inline constexpr int kMaxMaxResults = 500;
// The index's box is drawn on the database's sphere, a little larger than
// the domain's: it is drawn slightly wider, and the exact distance decides.
inline constexpr double kPrefilterMargin = 1.01;

}  // namespace

absl::Status RegistryServiceImpl::DoSearchEligibleProviders(
    const grpc::ServerContext& context,
    const v1::SearchEligibleProvidersRequest& request,
    v1::SearchEligibleProvidersResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  FHUB_ASSIGN_OR_RETURN(
      std::string authority_id,
      ParseName("authority", request.authority(), "authorities"));
  const bool service = caller.HasRole(Role::kService);
  if (!service && (caller.AuthorityId() != authority_id ||
                   !(caller.HasRole(Role::kCommissioner) ||
                     caller.HasRole(Role::kLeadAdmin)))) {
    return absl::PermissionDeniedError(absl::StrCat(
        "only a SERVICE, or a COMMISSIONER or LEAD_ADMIN of authorities/",
        authority_id, ", may search for it"));
  }
  if (request.max_results() < 0 || request.max_results() > kMaxMaxResults) {
    return absl::InvalidArgumentError(absl::StrCat("max_results must be 0 (",
                                                   kDefaultMaxResults, ") to ",
                                                   kMaxMaxResults));
  }
  const int max_results =
      request.max_results() == 0 ? kDefaultMaxResults : request.max_results();

  // The request's own field names; the domain checks the rest.
  if (!(request.latitude() >= -90 && request.latitude() <= 90)) {
    return absl::InvalidArgumentError("latitude must be -90 to 90");
  }
  if (!(request.longitude() >= -180 && request.longitude() <= 180)) {
    return absl::InvalidArgumentError("longitude must be -180 to 180");
  }
  EligibilityQuery query;
  query.authority_id = authority_id;
  query.location = {request.latitude(), request.longitude()};
  if (request.max_distance_miles() != 0) {
    query.max_distance_miles = request.max_distance_miles();
  }
  query.wanted_by = clock_.Today();
  if (IsSet(request.wanted_by())) {
    FHUB_ASSIGN_OR_RETURN(query.wanted_by,
                          FromProto(request.wanted_by(), "wanted_by"));
  }
  query.lot.lot = {framework_id, request.lot_id()};
  FHUB_RETURN_IF_ERROR(ValidateEligibilityQuery(query));

  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts,
                        Facts("framework", framework_id, false));
  FHUB_ASSIGN_OR_RETURN(query.lot, facts.Lot("lot_id", request.lot_id()));
  if (!facts.active) {
    return absl::FailedPreconditionError(absl::StrCat(
        "frameworks/", framework_id, " is not ACTIVE; nobody is eligible"));
  }
  if (!facts.IsActiveMember(authority_id)) {
    return absl::FailedPreconditionError(
        absl::StrCat("authority: authorities/", authority_id,
                     " is not an active member of frameworks/", framework_id));
  }
  rpc::ScopeToConsortium(caller, framework_id);

  CandidateQuery candidates_query;
  candidates_query.query = query;
  candidates_query.box_radius_miles =
      query.max_distance_miles * kPrefilterMargin + 0.1;
  candidates_query.limit = max_results;
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(std::vector<EligibilityCandidate> candidates,
                          store_.SearchCandidates(tx, candidates_query));
    std::vector<EligibleProvider> eligible =
        EligibleProviders(query, candidates);
    if (static_cast<int>(eligible.size()) > max_results) {
      eligible.resize(max_results);
    }
    for (const EligibleProvider& e : eligible) {
      v1::EligibleProvider* out = response->add_providers();
      out->set_provider(ProviderName(e.provider_id));
      out->set_setting(SettingName(e.provider_id, e.setting_id));
      out->set_distance_miles(e.distance_miles);
      out->set_quality_score(e.quality_score);
    }
    return absl::OkStatus();
  });
}

}  // namespace fhub::registry
