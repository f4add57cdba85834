#include "services/registry/api/framework_directory.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/auth/token.h"
#include "common/grpc_status.h"
#include "common/proto_enums.h"
#include "common/proto_values.h"
#include "common/status_macros.h"

namespace fhub::registry {
namespace {

namespace fv1 = ::fhub::frameworks::v1;

constexpr char kFrameworksPrefix[] = "frameworks/";
constexpr char kAuthoritiesPrefix[] = "authorities/";

std::string After(absl::string_view name, absl::string_view prefix) {
  if (absl::StartsWith(name, prefix)) name.remove_prefix(prefix.size());
  return std::string(name);
}

// A failed call to the frameworks service, as the registry's caller should
// see it: NOT_FOUND passes through, and anything else means the registry
// cannot get an answer now.
absl::Status FromFrameworks(const grpc::Status& status,
                            absl::string_view what) {
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return absl::NotFoundError(absl::StrCat(what, " is not found"));
  }
  return absl::UnavailableError(
      absl::StrCat("the frameworks service cannot answer about ", what, ": ",
                   status.error_message()));
}

LotRule LotFromProto(const std::string& framework_id, const fv1::Lot& lot) {
  LotRule rule;
  rule.lot = {framework_id, lot.lot_id()};
  if (auto type =
          ValueOf(kServiceTypes, fv1::ServiceType_Name(lot.service_type()))) {
    rule.service_type = *type;
  }
  rule.ofsted_registration_required = lot.ofsted_registration_required();
  if (auto grade = ValueOf(kOfstedGrades,
                           fv1::OfstedGrade_Name(lot.lowest_ofsted_grade()))) {
    rule.lowest_ofsted_grade = *grade;
  }
  return rule;
}

}  // namespace

absl::StatusOr<LotRule> FrameworkFacts::Lot(absl::string_view field,
                                            absl::string_view lot_id) const {
  for (const LotRule& lot : lots) {
    if (lot.lot.lot_id == lot_id) return lot;
  }
  return absl::InvalidArgumentError(absl::StrCat(field, ": frameworks/",
                                                 authorities.framework_id,
                                                 " has no lot '", lot_id, "'"));
}

bool FrameworkFacts::IsLead(absl::string_view authority_id) const {
  return !authority_id.empty() && authorities.lead_authority_id == authority_id;
}

bool FrameworkFacts::IsActiveMember(absl::string_view authority_id) const {
  const auto& members = authorities.active_member_ids;
  return std::find(members.begin(), members.end(), authority_id) !=
         members.end();
}

GrpcFrameworkDirectory::GrpcFrameworkDirectory(
    GrpcFrameworkDirectoryOptions options, const Clock* clock)
    : options_(std::move(options)),
      clock_(*clock),
      stub_(fv1::FrameworkService::NewStub(options_.channel)) {}

absl::Status GrpcFrameworkDirectory::Prepare(grpc::ClientContext& context) {
  FHUB_ASSIGN_OR_RETURN(std::string authorization, options_.authorization());
  context.AddMetadata("authorization", authorization);
  context.set_deadline(absl::ToChronoTime(absl::Now() + options_.deadline));
  return absl::OkStatus();
}

absl::StatusOr<FrameworkFacts> GrpcFrameworkDirectory::Fetch(
    const std::string& framework_id) {
  const std::string name = absl::StrCat(kFrameworksPrefix, framework_id);
  FrameworkFacts facts;
  {
    grpc::ClientContext context;
    FHUB_RETURN_IF_ERROR(Prepare(context));
    fv1::GetFrameworkRequest request;
    request.set_name(name);
    fv1::Framework framework;
    grpc::Status status = stub_->GetFramework(&context, request, &framework);
    if (!status.ok()) return FromFrameworks(status, name);
    facts.authorities.framework_id = framework_id;
    facts.authorities.lead_authority_id =
        After(framework.lead_authority(), kAuthoritiesPrefix);
    facts.active = framework.status() == fv1::ACTIVE;
    for (const fv1::Lot& lot : framework.lots()) {
      facts.lots.push_back(LotFromProto(framework_id, lot));
    }
  }
  fv1::ListMembersRequest request;
  request.set_parent(name);
  request.set_page_size(200);
  do {
    grpc::ClientContext context;
    FHUB_RETURN_IF_ERROR(Prepare(context));
    fv1::ListMembersResponse page;
    grpc::Status status = stub_->ListMembers(&context, request, &page);
    if (!status.ok()) return FromFrameworks(status, name);
    for (const fv1::Membership& m : page.memberships()) {
      if (m.state() == fv1::MEMBERSHIP_ACTIVE) {
        facts.authorities.active_member_ids.push_back(
            After(m.authority(), kAuthoritiesPrefix));
      }
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return facts;
}

absl::StatusOr<FrameworkFacts> GrpcFrameworkDirectory::Framework(
    const std::string& framework_id, bool fresh) {
  const absl::Time now = clock_.Now();
  if (!fresh) {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(framework_id);
    if (it != cache_.end() && now - it->second.fetched < options_.cache_ttl) {
      return it->second.facts;
    }
  }
  FHUB_ASSIGN_OR_RETURN(FrameworkFacts facts, Fetch(framework_id));
  absl::MutexLock lock(&mu_);
  cache_[framework_id] = Cached{facts, now};
  return facts;
}

absl::StatusOr<AdmissionAnswer> GrpcFrameworkDirectory::Admission(
    const std::string& framework_id, const std::string& lot_id, absl::Time at) {
  grpc::ClientContext context;
  FHUB_RETURN_IF_ERROR(Prepare(context));
  fv1::GetAdmissionStatusRequest request;
  request.set_framework(absl::StrCat(kFrameworksPrefix, framework_id));
  request.set_lot_id(lot_id);
  ToProto(at, request.mutable_time());
  fv1::AdmissionStatus answer;
  grpc::Status status = stub_->GetAdmissionStatus(&context, request, &answer);
  if (!status.ok()) {
    return FromFrameworks(status,
                          absl::StrCat(request.framework(), " lot ", lot_id));
  }
  AdmissionAnswer out;
  out.open = answer.open();
  if (answer.has_next_window()) {
    out.next_open = FromProto(answer.next_window().open_time());
    out.next_close = FromProto(answer.next_window().close_time());
  }
  return out;
}

ServiceTokenSource::ServiceTokenSource(std::string key, std::string algorithm,
                                       std::string issuer, std::string audience,
                                       std::string fixed_token,
                                       const Clock* clock)
    : key_(std::move(key)),
      algorithm_(std::move(algorithm)),
      issuer_(std::move(issuer)),
      audience_(std::move(audience)),
      fixed_token_(std::move(fixed_token)),
      clock_(*clock) {}

absl::StatusOr<std::string> ServiceTokenSource::Authorization() {
  if (!fixed_token_.empty()) return absl::StrCat("Bearer ", fixed_token_);
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  if (now < expires_ - absl::Minutes(5)) return current_;
  auth::TokenClaims claims;
  claims.subject = "fhub-registry";
  claims.organisation = "services/registry";
  claims.roles = {auth::Role::kService};
  claims.issuer = issuer_;
  claims.audience = audience_;
  claims.issued_at = now;
  claims.expires_at = now + absl::Hours(1);
  FHUB_ASSIGN_OR_RETURN(std::string token,
                        auth::IssueToken(claims, key_, algorithm_));
  current_ = absl::StrCat("Bearer ", token);
  expires_ = claims.expires_at;
  return current_;
}

}  // namespace fhub::registry
