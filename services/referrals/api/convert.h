#pragma once

// Referrals between proto and domain: resource names, requests checked on
// the way in (INVALID_ARGUMENT naming the field as the API spells it), and
// answers written out with what each caller may see.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/proto_values.h"
#include "fhub/referrals/v1/referrals.pb.h"
#include "services/referrals/domain/model.h"
#include "services/referrals/domain/placement_rules.h"
#include "services/referrals/storage/referrals_store.h"

namespace fhub::referrals {

// The overloads below for referrals' messages sit beside those for dates
// and instants (common/proto_values.h).
using ::fhub::FromProto;
using ::fhub::ToProto;

// "authorities/{a}/referrals/{n}" and the like.
struct OwnedName {
  std::string authority_id;
  int64_t id = 0;
};
struct InvitationName {
  std::string authority_id;
  int64_t referral_id = 0;
  std::string provider_id;
};

absl::StatusOr<OwnedName> ParseReferralName(absl::string_view field,
                                            absl::string_view name);
absl::StatusOr<OwnedName> ParsePlacementName(absl::string_view field,
                                             absl::string_view name);
absl::StatusOr<OwnedName> ParseBlockName(absl::string_view field,
                                         absl::string_view name);
absl::StatusOr<InvitationName> ParseInvitationName(absl::string_view field,
                                                   absl::string_view name);
// "providers/{p}/settings/{s}" -> {p, s}.
absl::StatusOr<std::pair<std::string, std::string>> ParseSettingName(
    absl::string_view field, absl::string_view name);

std::string ReferralName(absl::string_view authority_id, int64_t id);
std::string InvitationResourceName(const Invitation& invitation);
std::string PlacementName(absl::string_view authority_id, int64_t id);
std::string BlockName(absl::string_view authority_id, int64_t id);
std::string SettingName(absl::string_view provider_id,
                        absl::string_view setting_id);

// The referral of a CreateReferral request (ids, status and times left
// unset); enums, dates and needs checked.
absl::StatusOr<Referral> FromProto(const v1::Referral& proto);

// What a viewer sees of a referral.
enum class Disclosure {
  kFull,        // the authority (and the awarded provider)
  kAnonymised,  // an invited provider: no case reference, no summary
};

// `status` is the referral's status as of now (CompetitionStatus).
void ToProto(const ReferralRecord& record, ReferralStatus status,
             Disclosure disclosure, v1::Referral* out);

absl::StatusOr<OfferTerms> FromProto(const v1::OfferTerms& proto);
void ToProto(const OfferTerms& offer, absl::string_view provider_id,
             v1::OfferTerms* out);

// An invitation as its provider (or the authority) sees it at `now`.
// The referral is disclosed in full only to the authority and, once its
// offer is awarded, to the invited provider.
void ToProto(const Invitation& invitation, const ReferralRecord& referral,
             ReferralStatus competition, bool viewer_is_authority,
             v1::Invitation* out);

// `case_reference` is shown to those who may see it, else empty.
void ToProto(const Placement& placement, const std::string& case_reference,
             v1::Placement* out);

void ToProto(const CostSegment& segment, v1::CostSegment* out);

absl::StatusOr<BlockContract> FromProto(const v1::BlockContract& proto);
void ToProto(const BlockContract& contract, v1::BlockContract* out);

}  // namespace fhub::referrals
