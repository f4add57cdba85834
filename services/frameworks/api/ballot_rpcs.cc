// Extension ballots: the lead opens one, the members' strategic leads vote,
// and it closes at its time or as soon as everyone has voted.

#include <algorithm>
#include <limits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/db/outbox.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "common/rpc.h"
#include "common/status_macros.h"
#include "services/frameworks/api/convert.h"
#include "services/frameworks/api/framework_service.h"
#include "services/frameworks/api/record_convert.h"
#include "services/frameworks/api/rpc_entry.h"
#include "services/frameworks/domain/access.h"
#include "services/frameworks/domain/ballot.h"
#include "services/frameworks/domain/rules.h"

namespace fhub::frameworks {
namespace {

constexpr size_t kMaxCommentLength = 1000;

absl::StatusOr<VoteChoice> ChoiceFromProto(v1::VoteChoice choice) {
  if (auto value = ValueOf(kVoteChoices, v1::VoteChoice_Name(choice))) {
    return *value;
  }
  return absl::InvalidArgumentError(
      "choice must be one of APPROVE, REJECT, ABSTAIN");
}

}  // namespace

void FrameworkServiceImpl::Emit(db::Tx& tx, v1::EventType type, absl::Time at,
                                const std::string& framework_id,
                                const std::string& resource,
                                const std::string& authority_id,
                                std::optional<absl::CivilDay> date,
                                std::optional<BallotOutcome> outcome) {
  v1::Event event;
  event.set_type(type);
  ToProto(at, event.mutable_time());
  event.set_framework(absl::StrCat("frameworks/", framework_id));
  event.set_resource(resource);
  if (!authority_id.empty()) {
    event.set_authority(absl::StrCat("authorities/", authority_id));
  }
  if (date.has_value()) ToProto(*date, event.mutable_date());
  if (outcome.has_value()) {
    v1::BallotOutcome value{};
    v1::BallotOutcome_Parse(std::string(NameOf(kBallotOutcomes, *outcome)),
                            &value);
    event.set_outcome(value);
  }
  db::AppendEvent(tx, v1::EventType_Name(type), at, event.SerializeAsString());
}

absl::StatusOr<std::vector<std::string>> FrameworkServiceImpl::CeasedElectors(
    db::Tx& tx, const ExtensionBallot& ballot, absl::CivilDay today) {
  std::vector<std::string> ceased;
  for (const Elector& elector : ballot.electors) {
    if (elector.withdrawn || ballot.VoteOf(elector.authority_id) != nullptr) {
      continue;
    }
    FHUB_ASSIGN_OR_RETURN(
        std::optional<Membership> latest,
        store_.LatestMembership(tx, ballot.framework_id, elector.authority_id));
    if (!latest.has_value() || !latest->ActiveOn(today)) {
      ceased.push_back(elector.authority_id);
    }
  }
  return ceased;
}

absl::Status FrameworkServiceImpl::CloseBallot(db::Tx& tx, Framework& framework,
                                               ExtensionBallot& ballot,
                                               absl::Time now, bool terminate) {
  FHUB_ASSIGN_OR_RETURN(
      std::vector<std::string> ceased,
      CeasedElectors(tx, ballot, absl::ToCivilDay(now, UkTimeZone())));
  ballot.outcome =
      terminate ? BallotOutcome::kFailed
                : DecideBallot(framework.ballot, TallyOf(ballot, ceased));
  ballot.closed_time = now;
  const std::string name = ChildName(framework.id, kBallots, ballot.number);
  if (*ballot.outcome == BallotOutcome::kPassed) {
    FHUB_ASSIGN_OR_RETURN(Term extended, ExtendTerm(framework.term));
    FHUB_RETURN_IF_ERROR(store_.ExtendTerm(tx, framework.id, extended));
    framework.term = extended;
    ballot.new_current_end = extended.current_end;
  }
  FHUB_RETURN_IF_ERROR(records_.CloseBallot(tx, ballot, ceased));
  for (Elector& elector : ballot.electors) {
    if (std::find(ceased.begin(), ceased.end(), elector.authority_id) !=
        ceased.end()) {
      elector.withdrawn = true;
    }
  }
  Emit(tx, v1::BALLOT_CLOSED, now, framework.id, name, "", std::nullopt,
       ballot.outcome);
  if (ballot.new_current_end.has_value()) {
    Emit(tx, v1::TERM_EXTENDED, now, framework.id,
         absl::StrCat("frameworks/", framework.id), "", ballot.new_current_end);
  }
  return absl::OkStatus();
}

absl::Status FrameworkServiceImpl::DoOpenExtensionBallot(
    const grpc::ServerContext& context,
    const v1::OpenExtensionBallotRequest& request,
    v1::ExtensionBallot* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string framework_id,
                        ParseName("parent", request.parent(), "frameworks"));
  if (!request.has_close_time()) {
    return absl::InvalidArgumentError("close_time is required");
  }
  const absl::Time closes = FromProto(request.close_time());
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = clock_.Today();
  return rpc::ApplyChangeOnce<v1::ExtensionBallot>(
      pool_, caller, now, "OpenExtensionBallot", request, request.request_id(),
      response,
      [&](db::Tx& tx, v1::ExtensionBallot* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Framework framework,
                              LoadForChange(tx, caller, framework_id));
        FHUB_ASSIGN_OR_RETURN(std::optional<int> open,
                              records_.OpenBallotOf(tx, framework_id));
        FHUB_RETURN_IF_ERROR(
            CheckOpenBallot(framework, open.has_value(), now, closes));
        FHUB_ASSIGN_OR_RETURN(
            std::vector<std::string> electorate,
            store_.MembersDuring(tx, framework_id, today, today));
        if (electorate.empty()) {
          return absl::FailedPreconditionError(
              "the framework has no active members to vote");
        }
        ExtensionBallot ballot;
        ballot.framework_id = framework_id;
        ballot.option_number = framework.term.extensions_taken + 1;
        ballot.option_months =
            framework.term.extension_months[framework.term.extensions_taken];
        ballot.open_time = now;
        ballot.close_time = closes;
        for (const std::string& id : electorate) {
          ballot.electors.push_back({id, false});
        }
        FHUB_ASSIGN_OR_RETURN(ballot.number, records_.InsertBallot(tx, ballot));
        ToProto(ballot, {}, out);
        Emit(tx, v1::BALLOT_OPENED, now, framework_id, out->name());
        return out->name();
      });
}

absl::Status FrameworkServiceImpl::DoGetExtensionBallot(
    const grpc::ServerContext& context,
    const v1::GetExtensionBallotRequest& request,
    v1::ExtensionBallot* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(auto id,
                        ParseNumberedName("name", request.name(), kBallots));
  const absl::CivilDay today = clock_.Today();
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_RETURN_IF_ERROR(LoadVisible(tx, caller, id.first, false).status());
    FHUB_ASSIGN_OR_RETURN(ExtensionBallot ballot,
                          records_.FindBallot(tx, id.first, id.second, false));
    std::vector<std::string> ceased;
    if (ballot.open()) {
      FHUB_ASSIGN_OR_RETURN(ceased, CeasedElectors(tx, ballot, today));
    }
    ToProto(ballot, ceased, response);
    return absl::OkStatus();
  });
}

absl::Status FrameworkServiceImpl::DoListExtensionBallots(
    const grpc::ServerContext& context,
    const v1::ListExtensionBallotsRequest& request,
    v1::ListExtensionBallotsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string framework_id,
                        ParseName("parent", request.parent(), "frameworks"));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int before,
                        DecodeBeforeNumber("ballots", request.page_token()));
  const absl::CivilDay today = clock_.Today();
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_RETURN_IF_ERROR(LoadVisible(tx, caller, framework_id, false).status());
    FHUB_ASSIGN_OR_RETURN(
        std::vector<ExtensionBallot> page,
        records_.ListBallots(tx, framework_id, before, page_size + 1));
    const bool more = TrimToPage(page, page_size);
    for (const ExtensionBallot& b : page) {
      // As GetExtensionBallot shows it: an open ballot's withdrawn electors.
      std::vector<std::string> ceased;
      if (b.open()) {
        FHUB_ASSIGN_OR_RETURN(ceased, CeasedElectors(tx, b, today));
      }
      ToProto(b, ceased, response->add_ballots());
    }
    if (more) {
      response->set_next_page_token(
          EncodePageToken("ballots", absl::StrCat(page.back().number)));
    }
    return absl::OkStatus();
  });
}

absl::Status FrameworkServiceImpl::DoCastVote(
    const grpc::ServerContext& context, const v1::CastVoteRequest& request,
    v1::ExtensionBallot* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      auto id, ParseNumberedName("ballot", request.ballot(), kBallots));
  auto authority = ParseResourceName(request.authority(), "authorities");
  if (!authority.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("authority: ", authority.status().message()));
  }
  FHUB_ASSIGN_OR_RETURN(VoteChoice choice, ChoiceFromProto(request.choice()));
  FHUB_RETURN_IF_ERROR(
      CheckText("comment", request.comment(), 0, kMaxCommentLength));
  if (caller.AuthorityId() != *authority ||
      !caller.HasRole(auth::Role::kStrategicLead)) {
    return absl::PermissionDeniedError(absl::StrCat("only a STRATEGIC_LEAD of ",
                                                    request.authority(),
                                                    " may cast its vote"));
  }
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = clock_.Today();
  return rpc::ApplyChangeOnce<v1::ExtensionBallot>(
      pool_, caller, now, "CastVote", request, request.request_id(), response,
      [&](db::Tx& tx, v1::ExtensionBallot* out) -> absl::StatusOr<std::string> {
        // Framework before ballot, everywhere, so locks never cross.
        FHUB_ASSIGN_OR_RETURN(auto visible,
                              LoadVisible(tx, caller, id.first, true));
        Framework& framework = visible.first;
        FHUB_ASSIGN_OR_RETURN(
            ExtensionBallot ballot,
            records_.FindBallot(tx, id.first, id.second, true));
        const std::string name = ChildName(id.first, kBallots, id.second);
        if (!ballot.open() || ballot.close_time <= now) {
          return absl::FailedPreconditionError(
              absl::StrCat(name, " has closed; votes are no longer taken"));
        }
        const bool elector = std::any_of(
            ballot.electors.begin(), ballot.electors.end(),
            [&](const Elector& e) { return e.authority_id == *authority; });
        if (!elector) {
          return absl::FailedPreconditionError(
              absl::StrCat(request.authority(), " was not a member when ", name,
                           " opened, so it has no vote in it"));
        }
        FHUB_ASSIGN_OR_RETURN(
            std::optional<Membership> membership,
            store_.LatestMembership(tx, id.first, *authority));
        if (!membership.has_value() || !membership->ActiveOn(today)) {
          return absl::FailedPreconditionError(
              absl::StrCat(request.authority(),
                           " has ceased to use the framework and can "
                           "no longer vote"));
        }
        Vote vote{*authority, choice, request.comment(), now, caller.subject};
        FHUB_RETURN_IF_ERROR(
            records_.InsertVote(tx, id.first, id.second, vote));
        ballot.votes.push_back(vote);
        Emit(tx, v1::VOTE_CAST, now, id.first, name, *authority);
        FHUB_ASSIGN_OR_RETURN(std::vector<std::string> ceased,
                              CeasedElectors(tx, ballot, today));
        if (EveryoneHasVoted(TallyOf(ballot, ceased))) {
          FHUB_RETURN_IF_ERROR(CloseBallot(tx, framework, ballot, now, false));
          ceased.clear();
        }
        ToProto(ballot, ceased, out);
        return name;
      });
}

FHUB_RPC(OpenExtensionBallot, OpenExtensionBallotRequest, ExtensionBallot)
FHUB_RPC(GetExtensionBallot, GetExtensionBallotRequest, ExtensionBallot)
FHUB_RPC(ListExtensionBallots, ListExtensionBallotsRequest,
         ListExtensionBallotsResponse)
FHUB_RPC(CastVote, CastVoteRequest, ExtensionBallot)

}  // namespace fhub::frameworks
