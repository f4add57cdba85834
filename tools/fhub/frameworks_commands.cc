#include "tools/fhub/frameworks_commands.h"

#include <string>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "tools/fhub/input.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, display_name, "",
          "authorities create: the authority's name in full");
ABSL_FLAG(std::string, kind, "",
          "authorities create: LOCAL_AUTHORITY or HEALTH_BODY");
ABSL_FLAG(std::string, from_json, "",
          "frameworks create: file holding a CreateFrameworkRequest in "
          "protobuf JSON; --from_json=- reads stdin");
ABSL_FLAG(bool, include_ceased, false,
          "members list: also list ceased membership periods");
ABSL_FLAG(std::string, lead_name, "",
          "members add: full name of the member's regional strategic lead");
ABSL_FLAG(std::string, lead_email, "",
          "members add: work e-mail address of the strategic lead");
ABSL_FLAG(std::string, lead_title, "",
          "members add: job title of the strategic lead (optional)");
ABSL_FLAG(std::string, joined, "",
          "members add: first day of membership, YYYY-MM-DD; default today");
ABSL_FLAG(std::string, date, "",
          "members cease: day from which the member no longer uses the "
          "framework, YYYY-MM-DD; default today; quote, check-offer: the day "
          "priced; benchmark: the day, default today; placements end: the "
          "placement's last day");
ABSL_FLAG(std::string, reason, "",
          "members cease: why the member ceases; frameworks terminate: why "
          "the framework ends; suspensions create: why the provider is "
          "suspended; providers remove: why it is removed; referrals "
          "cancel, referrals award: why; decline: NO_VACANCY, "
          "CANNOT_MEET_NEEDS, LOCATION, RISK or OTHER; placements end: "
          "MOVED_TO_INDEPENDENCE, RETURNED_HOME, STAYING_PUT, "
          "PLACEMENT_BREAKDOWN, AGE_OUT or OTHER_REASON");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::frameworks::v1;
using Stub = v1::FrameworkService::Stub;

// Each Build function turns a command's arguments and flags into its
// request, or says what is wrong with them.

absl::StatusOr<v1::GetAuthorityRequest> BuildGetAuthority(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "authorities"));
  v1::GetAuthorityRequest request;
  request.set_name(args[0]);
  return request;
}

absl::StatusOr<v1::CreateAuthorityRequest> BuildCreateAuthority(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckResourceId("authority id", args[0]));
  std::string display_name = absl::GetFlag(FLAGS_display_name);
  FHUB_RETURN_IF_ERROR(CheckRequired("--display_name", display_name));
  FHUB_ASSIGN_OR_RETURN(
      v1::AuthorityKind kind,
      ParseEnum<v1::AuthorityKind>("--kind", absl::GetFlag(FLAGS_kind)));
  v1::CreateAuthorityRequest request;
  request.set_authority_id(args[0]);
  request.mutable_authority()->set_display_name(display_name);
  request.mutable_authority()->set_kind(kind);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetFrameworkRequest> BuildGetFramework(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::GetFrameworkRequest request;
  request.set_name(args[0]);
  return request;
}

absl::StatusOr<v1::CreateFrameworkRequest> BuildCreateFramework(
    const Args& args) {
  std::string path = absl::GetFlag(FLAGS_from_json);
  FHUB_RETURN_IF_ERROR(CheckRequired("--from_json", path));
  v1::CreateFrameworkRequest request;
  FHUB_RETURN_IF_ERROR(ReadJsonFile(path, &request));
  if (request.request_id().empty()) {
    FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  }
  return request;
}

absl::StatusOr<v1::ActivateFrameworkRequest> BuildActivateFramework(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::ActivateFrameworkRequest request;
  request.set_name(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::ListMembersRequest> BuildListMembers(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  v1::ListMembersRequest request;
  request.set_parent(args[0]);
  request.set_include_ceased(absl::GetFlag(FLAGS_include_ceased));
  return request;
}

absl::StatusOr<v1::AddMemberRequest> BuildAddMember(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckName(args[0], "frameworks"));
  FHUB_RETURN_IF_ERROR(CheckName(args[1], "authorities"));
  v1::AddMemberRequest request;
  request.set_parent(args[0]);
  request.set_authority(args[1]);
  common::v1::Contact& lead = *request.mutable_strategic_lead();
  lead.set_full_name(absl::GetFlag(FLAGS_lead_name));
  lead.set_email(absl::GetFlag(FLAGS_lead_email));
  lead.set_job_title(absl::GetFlag(FLAGS_lead_title));
  FHUB_RETURN_IF_ERROR(CheckRequired("--lead_name", lead.full_name()));
  FHUB_RETURN_IF_ERROR(CheckRequired("--lead_email", lead.email()));
  if (std::string joined = absl::GetFlag(FLAGS_joined); !joined.empty()) {
    FHUB_ASSIGN_OR_RETURN(*request.mutable_joined_date(),
                          ParseDate("--joined", joined));
  }
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::CeaseMembershipRequest> BuildCeaseMembership(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckChildName(args[0], "frameworks", "members"));
  v1::CeaseMembershipRequest request;
  request.set_name(args[0]);
  if (std::string date = absl::GetFlag(FLAGS_date); !date.empty()) {
    FHUB_ASSIGN_OR_RETURN(*request.mutable_ceased_date(),
                          ParseDate("--date", date));
  }
  request.set_reason(absl::GetFlag(FLAGS_reason));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

std::vector<Command> AuthorityCommands() {
  return {
      {"authorities", "list", "[--all]",
       "Lists the authorities in the hub's directory, in id order.", 0, 0,
       [](const Args&) {
         return List(&Stub::ListAuthorities,
                     absl::StatusOr<v1::ListAuthoritiesRequest>(
                         v1::ListAuthoritiesRequest()));
       }},
      {"authorities", "get", "authorities/ID", "Shows one authority.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetAuthority, BuildGetAuthority(args));
       }},
      {"authorities", "create",
       "ID --display_name \"...\"\n"
       "      --kind LOCAL_AUTHORITY|HEALTH_BODY",
       "Registers an authority (HUB_ADMIN, or a LEAD_ADMIN).", 1, 1,
       [](const Args& args) {
         return Write(&Stub::CreateAuthority, BuildCreateAuthority(args));
       }},
  };
}

std::vector<Command> FrameworkCommands() {
  return {
      {"frameworks", "list", "[--all]",
       "Lists the frameworks your organisation leads or is a member of.", 0, 0,
       [](const Args&) {
         return List(&Stub::ListFrameworks,
                     absl::StatusOr<v1::ListFrameworksRequest>(
                         v1::ListFrameworksRequest()));
       }},
      {"frameworks", "get", "frameworks/ID", "Shows one framework.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetFramework, BuildGetFramework(args));
       }},
      {"frameworks", "create", "--from_json FILE",
       "Creates a framework in DRAFT from a CreateFrameworkRequest in "
       "protobuf JSON\n      (--from_json=- reads stdin; an empty request_id "
       "takes --request_id or a fresh UUID).",
       0, 0,
       [](const Args& args) {
         return Write(&Stub::CreateFramework, BuildCreateFramework(args));
       }},
      {"frameworks", "activate", "frameworks/ID",
       "Moves a DRAFT framework to ACTIVE (LEAD_ADMIN of the lead).", 1, 1,
       [](const Args& args) {
         return Write(&Stub::ActivateFramework, BuildActivateFramework(args));
       }},
  };
}

std::vector<Command> MemberCommands() {
  return {
      {"members", "list", "frameworks/ID [--include_ceased] [--all]",
       "Lists a framework's members in authority order.", 1, 1,
       [](const Args& args) {
         return List(&Stub::ListMembers, BuildListMembers(args));
       }},
      {"members", "add",
       "frameworks/ID authorities/ID --lead_name \"...\" --lead_email x@y\n"
       "      [--lead_title \"...\"] [--joined YYYY-MM-DD]",
       "Adds a member with its regional strategic lead (LEAD_ADMIN of the "
       "lead).",
       2, 2,
       [](const Args& args) {
         return Write(&Stub::AddMember, BuildAddMember(args));
       }},
      {"members", "cease",
       "frameworks/ID/members/ID [--date YYYY-MM-DD] [--reason \"...\"]",
       "Records that a member ceases to use the framework; --date defaults "
       "to today.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::CeaseMembership, BuildCeaseMembership(args));
       }},
  };
}

}  // namespace

std::vector<Command> FrameworkServiceCommands() {
  std::vector<Command> commands = AuthorityCommands();
  for (std::vector<Command> group : {FrameworkCommands(), MemberCommands()}) {
    commands.insert(commands.end(), group.begin(), group.end());
  }
  return commands;
}

}  // namespace fhub::cli
