#include "common/clients/frameworks_client.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/clients/peer_setup.h"
#include "common/proto_values.h"
#include "common/status_macros.h"

namespace fhub {
namespace {

namespace fv1 = ::fhub::frameworks::v1;

constexpr char kFrameworksPrefix[] = "frameworks/";
constexpr char kAuthoritiesPrefix[] = "authorities/";

std::string After(absl::string_view name, absl::string_view prefix) {
  if (absl::StartsWith(name, prefix)) name.remove_prefix(prefix.size());
  return std::string(name);
}

}  // namespace

absl::Status FromPeer(const grpc::Status& status, absl::string_view service,
                      absl::string_view what) {
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return absl::NotFoundError(absl::StrCat(what, " is not found"));
  }
  return absl::UnavailableError(
      absl::StrCat("the ", service, " service cannot answer about ", what, ": ",
                   status.error_message()));
}

bool FrameworkSnapshot::IsLead(absl::string_view authority_id) const {
  return !authority_id.empty() && lead_authority_id == authority_id;
}

bool FrameworkSnapshot::IsActiveMember(absl::string_view authority_id) const {
  return std::find(active_member_ids.begin(), active_member_ids.end(),
                   authority_id) != active_member_ids.end();
}

const frameworks::v1::Lot* FrameworkSnapshot::FindLot(
    absl::string_view lot_id) const {
  for (const fv1::Lot& lot : lots) {
    if (lot.lot_id() == lot_id) return &lot;
  }
  return nullptr;
}

FrameworksClient::FrameworksClient(FrameworksClientOptions options,
                                   const Clock* clock)
    : options_(std::move(options)),
      clock_(*clock),
      stub_(fv1::FrameworkService::NewStub(options_.channel)) {}

absl::Status FrameworksClient::Prepare(grpc::ClientContext& context) {
  FHUB_ASSIGN_OR_RETURN(std::string authorization, options_.authorization());
  PreparePeerCall(context, authorization, options_.deadline);
  return absl::OkStatus();
}

absl::StatusOr<FrameworkSnapshot> FrameworksClient::Fetch(
    const std::string& framework_id) {
  const std::string name = absl::StrCat(kFrameworksPrefix, framework_id);
  FrameworkSnapshot snapshot;
  snapshot.framework_id = framework_id;
  {
    grpc::ClientContext context;
    FHUB_RETURN_IF_ERROR(Prepare(context));
    fv1::GetFrameworkRequest request;
    request.set_name(name);
    fv1::Framework framework;
    grpc::Status status = stub_->GetFramework(&context, request, &framework);
    if (!status.ok()) return FromPeer(status, "frameworks", name);
    snapshot.lead_authority_id =
        After(framework.lead_authority(), kAuthoritiesPrefix);
    snapshot.active = framework.status() == fv1::ACTIVE;
    snapshot.lots.assign(framework.lots().begin(), framework.lots().end());
    snapshot.minimum_age = framework.age_range().minimum_age();
    snapshot.maximum_age = framework.age_range().maximum_age();
  }
  fv1::ListMembersRequest request;
  request.set_parent(name);
  request.set_page_size(200);
  do {
    grpc::ClientContext context;
    FHUB_RETURN_IF_ERROR(Prepare(context));
    fv1::ListMembersResponse page;
    grpc::Status status = stub_->ListMembers(&context, request, &page);
    if (!status.ok()) return FromPeer(status, "frameworks", name);
    for (const fv1::Membership& m : page.memberships()) {
      if (m.state() == fv1::MEMBERSHIP_ACTIVE) {
        snapshot.active_member_ids.push_back(
            After(m.authority(), kAuthoritiesPrefix));
      }
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return snapshot;
}

absl::StatusOr<FrameworkSnapshot> FrameworksClient::Framework(
    const std::string& framework_id, bool fresh) {
  const absl::Time now = clock_.Now();
  if (!fresh) {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(framework_id);
    if (it != cache_.end() && now - it->second.fetched < options_.cache_ttl) {
      return it->second.snapshot;
    }
  }
  FHUB_ASSIGN_OR_RETURN(FrameworkSnapshot snapshot, Fetch(framework_id));
  absl::MutexLock lock(&mu_);
  cache_[framework_id] = Cached{snapshot, now};
  return snapshot;
}

absl::StatusOr<fv1::AdmissionStatus> FrameworksClient::Admission(
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
    return FromPeer(status, "frameworks",
                    absl::StrCat(request.framework(), " lot ", lot_id));
  }
  return answer;
}

}  // namespace fhub
