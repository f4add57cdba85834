// The requests of the referrals commands (referrals_commands.cc), built from
// their arguments and flags and checked here, so that bad input is a usage
// error naming the argument or flag before any call is made.
//
// The flags shared with other commands keep their meaning: --authority,
// --provider, --framework, --lot, --setting, --from, --to, --date,
// --reason, --note, --summary, --lat, --lng, --miles, --places, --active,
// --support_minutes, --accommodation_weekly_pence, --support_hourly_pence
// and --file. --reason is free text where the rpc takes text (cancel,
// award) and a code where it takes one (decline, placements end).
//
// `referrals create --file` holds a Referral in protobuf JSON (field names
// in lowerCamelCase or as in the proto; --file=- reads stdin), e.g.
//   {"framework": "frameworks/nw-16plus", "lotId": "lot-1",
//    "caseReference": "SEF-2291", "age": 16, "needs": ["GOING_MISSING"],
//    "supportMinutesPerWeek": 450, "accommodationType": "SHARED_HOUSE",
//    "homeLocation": {"latitude": 53.6475, "longitude": -3.0053},
//    "wantedStartDate": {"year": 2026, "month": 5, "day": 1}}

#include "tools/fhub/referrals_requests.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/frameworks_commands.h"
#include "tools/fhub/input.h"
#include "tools/fhub/pricing_input.h"
#include "tools/fhub/pricing_requests.h"
#include "tools/fhub/referrals_input.h"
#include "tools/fhub/registry_input.h"
#include "tools/fhub/registry_requests.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, case_reference, "",
          "referrals create: the council's own case reference, 1 to 64 "
          "characters (no names, no dates of birth)");
ABSL_FLAG(std::string, age, "",
          "referrals create: the young person's age in whole years");
ABSL_FLAG(std::string, needs, "",
          "referrals create: the young person's needs, e.g. "
          "GOING_MISSING,MENTAL_HEALTH (see the Need enum)");
ABSL_FLAG(std::string, accommodation_type, "",
          "referrals create: SOLO_FLAT, SHARED_HOUSE, SUPPORTED_LODGINGS, "
          "CHILDRENS_HOME or OWN_HOME");
ABSL_FLAG(std::string, wanted_start, "",
          "referrals create: when the placement should start, YYYY-MM-DD");
ABSL_FLAG(std::string, deadline, "",
          "referrals create, referrals reopen: when providers must have "
          "answered, RFC 3339, or YYYY-MM-DD for 17:00 UK time that day; "
          "default 24 hours after submission");
ABSL_FLAG(std::string, weights, "",
          "referrals create: how offers are ranked, QUALITY/PRICE/DISTANCE "
          "in whole percentages summing to 100; default 60/40/0");
ABSL_FLAG(std::string, budget_pence, "",
          "referrals create: weekly budget in whole pence; default none");
ABSL_FLAG(std::string, invitation, "",
          "referrals award, offer, decline, withdraw-offer: the invitation, "
          "authorities/ID/referrals/N/invitations/ID");
ABSL_FLAG(std::string, block_contract, "",
          "referrals place-in-block: the block contract, "
          "authorities/ID/blockContracts/N");
ABSL_FLAG(std::string, available, "",
          "offer: first day the place is available, YYYY-MM-DD");
ABSL_FLAG(bool, open_only, false,
          "invitations list: only the invitations you can still answer or "
          "withdraw");
ABSL_FLAG(std::string, settings, "",
          "block-contracts create: the provider's settings where the places "
          "are, providers/ID/settings/ID,...");
ABSL_FLAG(std::string, weekly_pence_per_place, "",
          "block-contracts create: the price of a place a week, whole pence");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::referrals::v1;

constexpr size_t kMaxCaseReferenceChars = 64;
constexpr size_t kMaxSummaryChars = 4000;
constexpr size_t kMaxReasonChars = 1000;
constexpr size_t kMaxOfferNoteChars = 2000;

absl::StatusOr<common::v1::Date> RequiredDate(absl::string_view flag,
                                              const std::string& text) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  return ParseDate(flag, text);
}

// --from and --to, both required, --to not before --from.
absl::Status ReadPeriod(common::v1::Date* first_day,
                        common::v1::Date* last_day) {
  std::string from = absl::GetFlag(FLAGS_from);
  std::string to = absl::GetFlag(FLAGS_to);
  FHUB_ASSIGN_OR_RETURN(*first_day, RequiredDate("--from", from));
  FHUB_ASSIGN_OR_RETURN(*last_day, RequiredDate("--to", to));
  // YYYY-MM-DD strings order as the days do.
  if (to < from) {
    return absl::InvalidArgumentError("--to must not be before --from");
  }
  return absl::OkStatus();
}

// --lot, required.
absl::StatusOr<std::string> RequiredLot() {
  std::string lot = absl::GetFlag(FLAGS_lot);
  FHUB_RETURN_IF_ERROR(CheckRequired("--lot", lot));
  FHUB_RETURN_IF_ERROR(CheckLotId("--lot", lot));
  return lot;
}

absl::StatusOr<std::string> RequiredInvitation() {
  return RequiredNameFlag("--invitation", absl::GetFlag(FLAGS_invitation),
                          kInvitationName);
}

// The flag `flag`'s value checked against `pattern`, else the token's
// organisation if it has the form of `pattern`: a commissioner or provider
// need not name their own organisation.
absl::StatusOr<std::string> OwnOrganisation(absl::string_view flag,
                                            const std::string& value,
                                            absl::string_view pattern) {
  if (!value.empty()) {
    return OptionalNameFlag(flag, value, pattern);
  }
  absl::StatusOr<std::string> org = TokenOrganisation();
  if (!org.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " is required: the token's organisation cannot be read (",
        org.status().message(), ")"));
  }
  if (!CheckNamePattern(*org, pattern).ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " is required: the token acts for '", *org, "', not ", pattern));
  }
  return *org;
}

absl::StatusOr<std::string> OwnAuthority() {
  return OwnOrganisation("--authority", absl::GetFlag(FLAGS_authority),
                         kAuthorityName);
}

absl::StatusOr<std::string> OwnProvider() {
  return OwnOrganisation("--provider", absl::GetFlag(FLAGS_provider),
                         kProviderName);
}

// Free text of `min_chars` to `max_chars` characters.
absl::StatusOr<std::string> TextFlag(absl::string_view flag,
                                     const std::string& value, size_t min_chars,
                                     size_t max_chars) {
  FHUB_RETURN_IF_ERROR(CheckText(flag, value, min_chars, max_chars));
  return value;
}

// --- A referral from flags or from --file ------------------------------------

// The flags that describe a referral, which --file replaces.
std::vector<absl::string_view> ReferralFlagsGiven() {
  std::vector<absl::string_view> given;
  for (auto [flag, set] : std::initializer_list<std::pair<const char*, bool>>{
           {"--framework", !absl::GetFlag(FLAGS_framework).empty()},
           {"--lot", !absl::GetFlag(FLAGS_lot).empty()},
           {"--case_reference", !absl::GetFlag(FLAGS_case_reference).empty()},
           {"--age", !absl::GetFlag(FLAGS_age).empty()},
           {"--needs", !absl::GetFlag(FLAGS_needs).empty()},
           {"--support_minutes", !absl::GetFlag(FLAGS_support_minutes).empty()},
           {"--accommodation_type",
            !absl::GetFlag(FLAGS_accommodation_type).empty()},
           {"--lat", !absl::GetFlag(FLAGS_lat).empty()},
           {"--lng", !absl::GetFlag(FLAGS_lng).empty()},
           {"--miles", absl::GetFlag(FLAGS_miles) != 0},
           {"--wanted_start", !absl::GetFlag(FLAGS_wanted_start).empty()},
           {"--deadline", !absl::GetFlag(FLAGS_deadline).empty()},
           {"--weights", !absl::GetFlag(FLAGS_weights).empty()},
           {"--budget_pence", !absl::GetFlag(FLAGS_budget_pence).empty()},
           {"--summary", !absl::GetFlag(FLAGS_summary).empty()},
       }) {
    if (set) {
      given.push_back(flag);
    }
  }
  return given;
}

// The referral in --file, with what can be checked without the service.
absl::Status ReadReferralFile(v1::Referral* referral) {
  std::vector<absl::string_view> given = ReferralFlagsGiven();
  if (!given.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(given.front(),
                     ": give the referral with --file or with flags, not "
                     "both"));
  }
  FHUB_RETURN_IF_ERROR(ReadFileFlag(referral));
  FHUB_RETURN_IF_ERROR(RequiredNameFlag("--file: framework",
                                        referral->framework(), kFrameworkName)
                           .status());
  FHUB_RETURN_IF_ERROR(CheckRequired("--file: lotId", referral->lot_id()));
  FHUB_RETURN_IF_ERROR(CheckLotId("--file: lotId", referral->lot_id()));
  for (int need : referral->needs()) {
    if (need == v1::NEED_UNSPECIFIED) {
      return absl::InvalidArgumentError(
          "--file: needs holds NEED_UNSPECIFIED; name each need");
    }
  }
  return CheckWeights("--file: weights", referral->weights());
}

// The case, what is wanted and where.
absl::Status ReadReferralCase(v1::Referral* referral) {
  FHUB_ASSIGN_OR_RETURN(
      *referral->mutable_case_reference(),
      TextFlag("--case_reference", absl::GetFlag(FLAGS_case_reference), 1,
               kMaxCaseReferenceChars));
  FHUB_ASSIGN_OR_RETURN(int32_t age,
                        ParseAge("--age", absl::GetFlag(FLAGS_age)));
  referral->set_age(age);
  FHUB_ASSIGN_OR_RETURN(std::vector<v1::Need> needs,
                        ParseNeeds("--needs", absl::GetFlag(FLAGS_needs)));
  for (v1::Need need : needs) {
    referral->add_needs(need);
  }
  FHUB_ASSIGN_OR_RETURN(
      int64_t minutes,
      ParseMinutesPerWeek("--support_minutes",
                          absl::GetFlag(FLAGS_support_minutes), true));
  referral->set_support_minutes_per_week(minutes);
  FHUB_ASSIGN_OR_RETURN(
      v1::AccommodationType type,
      ParseEnum<v1::AccommodationType>(
          "--accommodation_type", absl::GetFlag(FLAGS_accommodation_type)));
  referral->set_accommodation_type(type);
  FHUB_ASSIGN_OR_RETURN(double latitude,
                        ParseCoordinate("--lat", absl::GetFlag(FLAGS_lat), 90));
  FHUB_ASSIGN_OR_RETURN(
      double longitude,
      ParseCoordinate("--lng", absl::GetFlag(FLAGS_lng), 180));
  referral->mutable_home_location()->set_latitude(latitude);
  referral->mutable_home_location()->set_longitude(longitude);
  FHUB_RETURN_IF_ERROR(CheckMiles("--miles", absl::GetFlag(FLAGS_miles)));
  referral->set_max_distance_miles(absl::GetFlag(FLAGS_miles));
  return absl::OkStatus();
}

// When, how offers are ranked, the budget and the summary.
absl::Status ReadReferralTerms(v1::Referral* referral) {
  FHUB_ASSIGN_OR_RETURN(
      *referral->mutable_wanted_start_date(),
      RequiredDate("--wanted_start", absl::GetFlag(FLAGS_wanted_start)));
  if (std::string deadline = absl::GetFlag(FLAGS_deadline); !deadline.empty()) {
    FHUB_ASSIGN_OR_RETURN(*referral->mutable_response_deadline(),
                          ParseCloseTime("--deadline", deadline));
  }
  if (std::string weights = absl::GetFlag(FLAGS_weights); !weights.empty()) {
    FHUB_ASSIGN_OR_RETURN(*referral->mutable_weights(),
                          ParseWeights("--weights", weights));
  }
  if (std::string budget = absl::GetFlag(FLAGS_budget_pence); !budget.empty()) {
    FHUB_ASSIGN_OR_RETURN(int64_t pence, ParsePence("--budget_pence", budget));
    referral->set_weekly_budget_pence(pence);
  }
  FHUB_ASSIGN_OR_RETURN(
      *referral->mutable_confidential_summary(),
      TextFlag("--summary", absl::GetFlag(FLAGS_summary), 0, kMaxSummaryChars));
  return absl::OkStatus();
}

absl::Status ReadReferralFlags(v1::Referral* referral) {
  FHUB_ASSIGN_OR_RETURN(*referral->mutable_framework(), FrameworkFlag(true));
  FHUB_ASSIGN_OR_RETURN(*referral->mutable_lot_id(), RequiredLot());
  FHUB_RETURN_IF_ERROR(ReadReferralCase(referral));
  return ReadReferralTerms(referral);
}

// A name positional argument: request.name = args[0].
template <typename Request>
absl::StatusOr<Request> NamedRequest(const Args& args,
                                     absl::string_view pattern) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, pattern));
  Request request;
  request.set_name(args[0]);
  return request;
}

// As NamedRequest, for a write.
template <typename Request>
absl::StatusOr<Request> NamedWrite(const Args& args,
                                   absl::string_view pattern) {
  FHUB_ASSIGN_OR_RETURN(Request request, NamedRequest<Request>(args, pattern));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

// A write about an invitation named by --invitation.
template <typename Request>
absl::StatusOr<Request> InvitationWrite() {
  Request request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_name(), RequiredInvitation());
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

}  // namespace

// --- Referrals ---------------------------------------------------------------

absl::StatusOr<v1::CreateReferralRequest> BuildCreateReferral(const Args&) {
  v1::CreateReferralRequest request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_parent(), OwnAuthority());
  if (!absl::GetFlag(FLAGS_file).empty()) {
    FHUB_RETURN_IF_ERROR(ReadReferralFile(request.mutable_referral()));
  } else {
    FHUB_RETURN_IF_ERROR(ReadReferralFlags(request.mutable_referral()));
  }
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetReferralRequest> BuildGetReferral(const Args& args) {
  return NamedRequest<v1::GetReferralRequest>(args, kReferralName);
}

absl::StatusOr<v1::ListReferralsRequest> BuildListReferrals(const Args&) {
  v1::ListReferralsRequest request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_parent(), OwnAuthority());
  return request;
}

absl::StatusOr<v1::SubmitReferralRequest> BuildSubmitReferral(
    const Args& args) {
  return NamedWrite<v1::SubmitReferralRequest>(args, kReferralName);
}

absl::StatusOr<v1::CancelReferralRequest> BuildCancelReferral(
    const Args& args) {
  FHUB_ASSIGN_OR_RETURN(
      v1::CancelReferralRequest request,
      NamedWrite<v1::CancelReferralRequest>(args, kReferralName));
  FHUB_ASSIGN_OR_RETURN(
      *request.mutable_reason(),
      TextFlag("--reason", absl::GetFlag(FLAGS_reason), 1, kMaxReasonChars));
  return request;
}

absl::StatusOr<v1::ReopenReferralRequest> BuildReopenReferral(
    const Args& args) {
  FHUB_ASSIGN_OR_RETURN(
      v1::ReopenReferralRequest request,
      NamedWrite<v1::ReopenReferralRequest>(args, kReferralName));
  FHUB_RETURN_IF_ERROR(CheckMiles("--miles", absl::GetFlag(FLAGS_miles)));
  request.set_max_distance_miles(absl::GetFlag(FLAGS_miles));
  if (std::string deadline = absl::GetFlag(FLAGS_deadline); !deadline.empty()) {
    FHUB_ASSIGN_OR_RETURN(*request.mutable_response_deadline(),
                          ParseCloseTime("--deadline", deadline));
  }
  return request;
}

absl::StatusOr<v1::RankOffersRequest> BuildRankOffers(const Args& args) {
  return NamedRequest<v1::RankOffersRequest>(args, kReferralName);
}

absl::StatusOr<v1::AwardReferralRequest> BuildAwardReferral(const Args& args) {
  FHUB_ASSIGN_OR_RETURN(
      v1::AwardReferralRequest request,
      NamedWrite<v1::AwardReferralRequest>(args, kReferralName));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_invitation(), RequiredInvitation());
  if (ReferralOfInvitation(request.invitation()) != request.name()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--invitation '", request.invitation(),
                     "' is not an invitation of ", request.name()));
  }
  FHUB_ASSIGN_OR_RETURN(
      *request.mutable_reason(),
      TextFlag("--reason", absl::GetFlag(FLAGS_reason), 0, kMaxReasonChars));
  return request;
}

absl::StatusOr<v1::PlaceInBlockRequest> BuildPlaceInBlock(const Args& args) {
  FHUB_ASSIGN_OR_RETURN(
      v1::PlaceInBlockRequest request,
      NamedWrite<v1::PlaceInBlockRequest>(args, kReferralName));
  FHUB_ASSIGN_OR_RETURN(
      *request.mutable_block_contract(),
      RequiredNameFlag("--block_contract", absl::GetFlag(FLAGS_block_contract),
                       kBlockContractName));
  if (AuthorityOf(request.block_contract()) != AuthorityOf(request.name())) {
    return absl::InvalidArgumentError(
        absl::StrCat("--block_contract '", request.block_contract(),
                     "' is not a contract of ", AuthorityOf(request.name()),
                     ", the referral's authority"));
  }
  FHUB_ASSIGN_OR_RETURN(
      *request.mutable_setting(),
      RequiredNameFlag("--setting", absl::GetFlag(FLAGS_setting),
                       kSettingName));
  if (std::string from = absl::GetFlag(FLAGS_from); !from.empty()) {
    FHUB_ASSIGN_OR_RETURN(*request.mutable_start_date(),
                          ParseDate("--from", from));
  }
  return request;
}

// --- Invitations and offers --------------------------------------------------

absl::StatusOr<v1::ListInvitationsRequest> BuildListInvitations(const Args&) {
  v1::ListInvitationsRequest request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_parent(), OwnProvider());
  request.set_open_only(absl::GetFlag(FLAGS_open_only));
  return request;
}

absl::StatusOr<v1::GetInvitationRequest> BuildGetInvitation(const Args& args) {
  return NamedRequest<v1::GetInvitationRequest>(args, kInvitationName);
}

absl::StatusOr<v1::StreamInvitationsRequest> BuildStreamInvitations(
    const Args&) {
  v1::StreamInvitationsRequest request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_parent(), OwnProvider());
  return request;
}

absl::StatusOr<v1::MakeOfferRequest> BuildMakeOffer(const Args&) {
  FHUB_ASSIGN_OR_RETURN(v1::MakeOfferRequest request,
                        InvitationWrite<v1::MakeOfferRequest>());
  v1::OfferTerms& offer = *request.mutable_offer();
  const std::string provider = ProviderOfInvitation(request.name());
  std::string setting = absl::GetFlag(FLAGS_setting);
  FHUB_RETURN_IF_ERROR(CheckRequired("--setting", setting));
  FHUB_RETURN_IF_ERROR(CheckSettingOf("--setting", setting, provider));
  offer.set_setting(setting);
  FHUB_ASSIGN_OR_RETURN(
      *offer.mutable_available_date(),
      RequiredDate("--available", absl::GetFlag(FLAGS_available)));
  FHUB_ASSIGN_OR_RETURN(
      int64_t accommodation,
      ParsePence("--accommodation_weekly_pence",
                 absl::GetFlag(FLAGS_accommodation_weekly_pence)));
  FHUB_ASSIGN_OR_RETURN(int64_t support,
                        ParsePence("--support_hourly_pence",
                                   absl::GetFlag(FLAGS_support_hourly_pence)));
  FHUB_ASSIGN_OR_RETURN(
      int64_t minutes,
      ParseMinutesPerWeek("--support_minutes",
                          absl::GetFlag(FLAGS_support_minutes), true));
  offer.set_accommodation_weekly_pence(accommodation);
  offer.set_support_hourly_pence(support);
  offer.set_support_minutes_per_week(minutes);
  FHUB_ASSIGN_OR_RETURN(
      *offer.mutable_notes(),
      TextFlag("--note", absl::GetFlag(FLAGS_note), 0, kMaxOfferNoteChars));
  return request;
}

absl::StatusOr<v1::DeclineInvitationRequest> BuildDeclineInvitation(
    const Args&) {
  FHUB_ASSIGN_OR_RETURN(v1::DeclineInvitationRequest request,
                        InvitationWrite<v1::DeclineInvitationRequest>());
  FHUB_ASSIGN_OR_RETURN(
      v1::DeclineReason reason,
      ParseEnum<v1::DeclineReason>("--reason", absl::GetFlag(FLAGS_reason)));
  request.set_reason(reason);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_note(),
                        TextFlag("--note", absl::GetFlag(FLAGS_note),
                                 reason == v1::OTHER ? 1 : 0, kMaxReasonChars));
  return request;
}

absl::StatusOr<v1::WithdrawOfferRequest> BuildWithdrawOffer(const Args&) {
  return InvitationWrite<v1::WithdrawOfferRequest>();
}

// --- Placements --------------------------------------------------------------

absl::StatusOr<v1::GetPlacementRequest> BuildGetPlacement(const Args& args) {
  return NamedRequest<v1::GetPlacementRequest>(args, kPlacementName);
}

absl::StatusOr<v1::ListPlacementsRequest> BuildListPlacements(const Args&) {
  v1::ListPlacementsRequest request;
  FHUB_ASSIGN_OR_RETURN(
      std::string authority,
      OptionalNameFlag("--authority", absl::GetFlag(FLAGS_authority),
                       kAuthorityName));
  FHUB_ASSIGN_OR_RETURN(std::string provider, ProviderFlag(false));
  if (!authority.empty() && !provider.empty()) {
    return absl::InvalidArgumentError(
        "give one of --authority and --provider, not both");
  }
  if (!authority.empty() || !provider.empty()) {
    request.set_parent(authority.empty() ? provider : authority);
  } else {
    absl::StatusOr<std::string> org = TokenOrganisation();
    if (!org.ok() || (!CheckNamePattern(*org, kAuthorityName).ok() &&
                      !CheckNamePattern(*org, kProviderName).ok())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--authority or --provider is required: ",
          org.ok() ? absl::StrCat("the token acts for '", *org,
                                  "', neither an authority nor a provider")
                   : std::string(org.status().message())));
    }
    request.set_parent(*org);
  }
  request.set_active_only(absl::GetFlag(FLAGS_active));
  return request;
}

absl::StatusOr<v1::AdjustSupportHoursRequest> BuildAdjustSupportHours(
    const Args& args) {
  FHUB_ASSIGN_OR_RETURN(
      v1::AdjustSupportHoursRequest request,
      NamedWrite<v1::AdjustSupportHoursRequest>(args, kPlacementName));
  v1::HoursChange& change = *request.mutable_change();
  FHUB_ASSIGN_OR_RETURN(*change.mutable_effective_date(),
                        RequiredDate("--from", absl::GetFlag(FLAGS_from)));
  FHUB_ASSIGN_OR_RETURN(
      int64_t minutes,
      ParseMinutesPerWeek("--support_minutes",
                          absl::GetFlag(FLAGS_support_minutes), true));
  change.set_support_minutes_per_week(minutes);
  return request;
}

absl::StatusOr<v1::EndPlacementRequest> BuildEndPlacement(const Args& args) {
  FHUB_ASSIGN_OR_RETURN(
      v1::EndPlacementRequest request,
      NamedWrite<v1::EndPlacementRequest>(args, kPlacementName));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_end_date(),
                        RequiredDate("--date", absl::GetFlag(FLAGS_date)));
  FHUB_ASSIGN_OR_RETURN(
      v1::EndReason reason,
      ParseEnum<v1::EndReason>("--reason", absl::GetFlag(FLAGS_reason)));
  request.set_reason(reason);
  FHUB_ASSIGN_OR_RETURN(
      *request.mutable_note(),
      TextFlag("--note", absl::GetFlag(FLAGS_note), 0, kMaxReasonChars));
  return request;
}

absl::StatusOr<v1::GetPlacementCostRequest> BuildGetPlacementCost(
    const Args& args) {
  FHUB_ASSIGN_OR_RETURN(
      v1::GetPlacementCostRequest request,
      NamedRequest<v1::GetPlacementCostRequest>(args, kPlacementName));
  FHUB_RETURN_IF_ERROR(
      ReadPeriod(request.mutable_first_day(), request.mutable_last_day()));
  return request;
}

// --- Block contracts ---------------------------------------------------------

absl::StatusOr<v1::CreateBlockContractRequest> BuildCreateBlockContract(
    const Args&) {
  v1::CreateBlockContractRequest request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_parent(), OwnAuthority());
  v1::BlockContract& contract = *request.mutable_block_contract();
  FHUB_ASSIGN_OR_RETURN(*contract.mutable_provider(), ProviderFlag(true));
  FHUB_ASSIGN_OR_RETURN(*contract.mutable_framework(), FrameworkFlag(true));
  FHUB_ASSIGN_OR_RETURN(*contract.mutable_lot_id(), RequiredLot());
  FHUB_ASSIGN_OR_RETURN(
      std::vector<std::string> settings,
      ParseSettingNames("--settings", absl::GetFlag(FLAGS_settings),
                        contract.provider()));
  contract.mutable_settings()->Assign(settings.begin(), settings.end());
  FHUB_RETURN_IF_ERROR(CheckPositive("--places", absl::GetFlag(FLAGS_places)));
  contract.set_places(absl::GetFlag(FLAGS_places));
  FHUB_RETURN_IF_ERROR(
      ReadPeriod(contract.mutable_start_date(), contract.mutable_end_date()));
  FHUB_ASSIGN_OR_RETURN(
      int64_t weekly, ParsePence("--weekly_pence_per_place",
                                 absl::GetFlag(FLAGS_weekly_pence_per_place)));
  FHUB_ASSIGN_OR_RETURN(int64_t hourly,
                        ParsePence("--support_hourly_pence",
                                   absl::GetFlag(FLAGS_support_hourly_pence)));
  contract.set_weekly_pence_per_place(weekly);
  contract.set_support_hourly_pence(hourly);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::ListBlockContractsRequest> BuildListBlockContracts(
    const Args&) {
  v1::ListBlockContractsRequest request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_parent(), OwnAuthority());
  return request;
}

absl::StatusOr<v1::GetBlockOccupancyRequest> BuildGetBlockOccupancy(
    const Args& args) {
  FHUB_ASSIGN_OR_RETURN(
      v1::GetBlockOccupancyRequest request,
      NamedRequest<v1::GetBlockOccupancyRequest>(args, kBlockContractName));
  FHUB_RETURN_IF_ERROR(
      ReadPeriod(request.mutable_first_day(), request.mutable_last_day()));
  return request;
}

// --- Figures -----------------------------------------------------------------

absl::StatusOr<v1::GetFiguresRequest> BuildGetFigures(const Args&) {
  v1::GetFiguresRequest request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_framework(), FrameworkFlag(true));
  FHUB_ASSIGN_OR_RETURN(
      *request.mutable_authority(),
      OptionalNameFlag("--authority", absl::GetFlag(FLAGS_authority),
                       kAuthorityName));
  FHUB_RETURN_IF_ERROR(
      ReadPeriod(request.mutable_first_day(), request.mutable_last_day()));
  return request;
}

absl::StatusOr<v1::CountPlacementsRequest> BuildCountPlacements(const Args&) {
  v1::CountPlacementsRequest request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_framework(), FrameworkFlag(true));
  FHUB_RETURN_IF_ERROR(
      ReadPeriod(request.mutable_first_day(), request.mutable_last_day()));
  return request;
}

}  // namespace fhub::cli
