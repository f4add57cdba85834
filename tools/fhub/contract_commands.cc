#include "tools/fhub/contract_commands.h"

#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "tools/fhub/ballot_summary.h"
#include "tools/fhub/frameworks_commands.h"
#include "tools/fhub/input.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, close_time, "",
          "ballots open, admission open: when it closes, RFC 3339, or "
          "YYYY-MM-DD for 17:00 UK time that day");
ABSL_FLAG(std::string, as, "",
          "ballots vote: the member voting, authorities/ID; default the "
          "token's organisation");
ABSL_FLAG(std::string, choice, "", "ballots vote: APPROVE, REJECT or ABSTAIN");
ABSL_FLAG(std::string, comment, "", "ballots vote: optional comment");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::frameworks::v1;
using Stub = v1::FrameworkService::Stub;

constexpr size_t kMaxTextChars = 1000;

absl::StatusOr<v1::TerminateFrameworkRequest> BuildTerminate(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::TerminateFrameworkRequest request;
  request.set_name(args[0]);
  request.set_reason(absl::GetFlag(FLAGS_reason));
  FHUB_RETURN_IF_ERROR(
      CheckText("--reason", request.reason(), 1, kMaxTextChars));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::OpenExtensionBallotRequest> BuildOpenBallot(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  std::string close_time = absl::GetFlag(FLAGS_close_time);
  FHUB_RETURN_IF_ERROR(CheckRequired("--close_time", close_time));
  v1::OpenExtensionBallotRequest request;
  request.set_parent(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_close_time(),
                        ParseCloseTime("--close_time", close_time));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetExtensionBallotRequest> BuildGetBallot(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckNumberedName(args[0], "frameworks", "ballots"));
  v1::GetExtensionBallotRequest request;
  request.set_name(args[0]);
  return request;
}

absl::StatusOr<v1::ListExtensionBallotsRequest> BuildListBallots(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::ListExtensionBallotsRequest request;
  request.set_parent(args[0]);
  return request;
}

// --as, else the organisation the token acts for.
absl::StatusOr<std::string> VotingAuthority() {
  std::string authority = absl::GetFlag(FLAGS_as);
  if (!authority.empty()) {
    if (absl::Status status = CheckName(authority, "authorities");
        !status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--as ", status.message()));
    }
    return authority;
  }
  absl::StatusOr<std::string> org = TokenOrganisation();
  if (!org.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no --as, and the token's organisation cannot be read: ",
                     org.status().message()));
  }
  if (!CheckName(*org, "authorities").ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--as is required: the token acts for '", *org, "', not an authority"));
  }
  return *org;
}

absl::StatusOr<v1::CastVoteRequest> BuildCastVote(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckNumberedName(args[0], "frameworks", "ballots"));
  v1::CastVoteRequest request;
  request.set_ballot(args[0]);
  FHUB_ASSIGN_OR_RETURN(
      v1::VoteChoice choice,
      ParseEnum<v1::VoteChoice>("--choice", absl::GetFlag(FLAGS_choice)));
  request.set_choice(choice);
  request.set_comment(absl::GetFlag(FLAGS_comment));
  FHUB_RETURN_IF_ERROR(
      CheckText("--comment", request.comment(), 0, kMaxTextChars));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_authority(), VotingAuthority());
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

int PrintBallotSummary(const v1::ExtensionBallot& ballot) {
  std::cout << BallotSummary(ballot);
  return kExitOk;
}

}  // namespace

std::vector<Command> BallotCommands() {
  return {
      {"frameworks", "terminate", "frameworks/ID --reason \"...\"",
       "Ends an ACTIVE framework early (LEAD_ADMIN of the lead).", 1, 1,
       [](const Args& args) {
         return Write(&Stub::TerminateFramework, BuildTerminate(args));
       }},
      {"ballots", "open",
       "frameworks/ID --close_time 2027-01-31T17:00:00Z|YYYY-MM-DD",
       "Opens a ballot of the members on the next extension option "
       "(LEAD_ADMIN of the\n      lead); a plain date closes it at 17:00 UK "
       "time that day.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::OpenExtensionBallot, BuildOpenBallot(args));
       }},
      {"ballots", "get", "frameworks/ID/ballots/N",
       "Shows one ballot with the votes cast so far.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetExtensionBallot, BuildGetBallot(args));
       }},
      {"ballots", "list", "frameworks/ID [--all]",
       "Lists a framework's ballots, newest first.", 1, 1,
       [](const Args& args) {
         return List(&Stub::ListExtensionBallots, BuildListBallots(args));
       }},
      {"ballots", "vote",
       "frameworks/ID/ballots/N --choice APPROVE|REJECT|ABSTAIN\n"
       "      [--as authorities/ID] [--comment \"...\"]",
       "Casts a member's vote (its STRATEGIC_LEAD); --as defaults to the "
       "token's org.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::CastVote, BuildCastVote(args));
       }},
      {"ballots", "results", "frameworks/ID/ballots/N",
       "Summarises a ballot as plain text: option, status, outcome, each "
       "member's vote\n      and the tally.",
       1, 1,
       [](const Args& args) {
         return Read(&Stub::GetExtensionBallot, BuildGetBallot(args),
                     PrintBallotSummary);
       }},
  };
}

std::vector<Command> ContractCommands() {
  std::vector<Command> commands = BallotCommands();
  for (std::vector<Command> group :
       {AdmissionCommands(), StatementCommands(), EventCommands()}) {
    commands.insert(commands.end(), group.begin(), group.end());
  }
  return commands;
}

}  // namespace fhub::cli
