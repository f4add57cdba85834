#include "services/frameworks/api/placement_counter.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/clients/frameworks_client.h"
#include "common/clients/peer_setup.h"
#include "common/proto_values.h"
#include "common/resource_name.h"

namespace fhub::frameworks {
namespace {

namespace rv1 = ::fhub::referrals::v1;

constexpr char kReferrals[] = "referrals";

// Whatever went wrong, no count can be had now. Even NOT_FOUND (the
// referrals service not knowing the framework) is no fault of the lead's
// request, so it does not pass through as FromPeer would let it.
absl::Status CannotCount(const grpc::Status& status, absl::string_view what) {
  absl::Status answer = FromPeer(status, kReferrals, what);
  if (absl::IsUnavailable(answer)) return answer;
  return absl::UnavailableError(
      absl::StrCat("the referrals service cannot answer about ", what, ": ",
                   status.error_message()));
}

absl::Status UnreadableAnswer(absl::string_view what, absl::string_view why) {
  return absl::UnavailableError(
      absl::StrCat("the referrals service gave an answer about ", what,
                   " that cannot be used: ", why));
}

// authority id -> placements, from an answer that names each authority
// once, by a valid name, with a count of 0 or more.
absl::StatusOr<std::map<std::string, int>> Counts(
    const rv1::CountPlacementsResponse& answer, absl::string_view what) {
  std::map<std::string, int> counts;
  for (const rv1::MemberPlacements& member : answer.members()) {
    auto id = ParseResourceName(member.authority(), "authorities");
    if (!id.ok()) {
      return UnreadableAnswer(what,
                              absl::StrCat("authority \"", member.authority(),
                                           "\": ", id.status().message()));
    }
    if (member.placements() < 0) {
      return UnreadableAnswer(
          what, absl::StrCat(member.authority(), " has ", member.placements(),
                             " placements"));
    }
    if (!counts.emplace(*id, member.placements()).second) {
      return UnreadableAnswer(
          what, absl::StrCat(member.authority(), " is named twice"));
    }
  }
  return counts;
}

}  // namespace

GrpcPlacementCounter::GrpcPlacementCounter(GrpcPlacementCounterOptions options)
    : options_(std::move(options)),
      stub_(rv1::ReferralService::NewStub(options_.channel)) {}

absl::StatusOr<std::map<std::string, int>>
GrpcPlacementCounter::PlacementsStarted(const std::string& framework_id,
                                        absl::CivilDay first,
                                        absl::CivilDay last) {
  rv1::CountPlacementsRequest request;
  request.set_framework(absl::StrCat("frameworks/", framework_id));
  ToProto(first, request.mutable_first_day());
  ToProto(last, request.mutable_last_day());
  const std::string what =
      absl::StrCat("the placements of ", request.framework());

  absl::StatusOr<std::string> authorization = options_.authorization();
  if (!authorization.ok()) {
    return absl::UnavailableError(
        absl::StrCat("cannot ask the referrals service about ", what, ": ",
                     authorization.status().message()));
  }
  grpc::ClientContext context;
  PreparePeerCall(context, *authorization, options_.deadline);
  rv1::CountPlacementsResponse answer;
  grpc::Status status = stub_->CountPlacements(&context, request, &answer);
  if (!status.ok()) return CannotCount(status, what);
  return Counts(answer, what);
}

}  // namespace fhub::frameworks
