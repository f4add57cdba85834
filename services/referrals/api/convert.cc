#include "services/referrals/api/convert.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/proto_enums.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "services/referrals/domain/referral_rules.h"

namespace fhub::referrals {
namespace {

absl::Status BadName(absl::string_view field, absl::string_view name,
                     absl::string_view pattern) {
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": '", name, "' is not a name of the form ", pattern));
}

bool ParseNumber(absl::string_view text, int64_t* out) {
  if (text.empty() || text[0] == '0' || text[0] == '+') return false;
  return absl::SimpleAtoi(text, out) && *out > 0;
}

absl::StatusOr<OwnedName> ParseOwned(absl::string_view field,
                                     absl::string_view name,
                                     absl::string_view collection) {
  const std::string pattern =
      absl::StrCat("authorities/{authority_id}/", collection, "/{number}");
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  OwnedName out;
  if (parts.size() != 4 || parts[0] != "authorities" ||
      parts[2] != collection || !IsResourceId(parts[1]) ||
      !ParseNumber(parts[3], &out.id)) {
    return BadName(field, name, pattern);
  }
  out.authority_id = std::string(parts[1]);
  return out;
}

template <typename P, typename E, size_t N>
P Enum(const std::array<EnumName<E>, N>& table, E value,
       bool (*parse)(const std::string&, P*)) {
  return ToProtoEnum<P>(table, value, parse);
}

}  // namespace

absl::StatusOr<OwnedName> ParseReferralName(absl::string_view field,
                                            absl::string_view name) {
  return ParseOwned(field, name, "referrals");
}
absl::StatusOr<OwnedName> ParsePlacementName(absl::string_view field,
                                             absl::string_view name) {
  return ParseOwned(field, name, "placements");
}
absl::StatusOr<OwnedName> ParseBlockName(absl::string_view field,
                                         absl::string_view name) {
  return ParseOwned(field, name, "blockContracts");
}

absl::StatusOr<InvitationName> ParseInvitationName(absl::string_view field,
                                                   absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  InvitationName out;
  if (parts.size() != 6 || parts[0] != "authorities" ||
      parts[2] != "referrals" || parts[4] != "invitations" ||
      !IsResourceId(parts[1]) || !ParseNumber(parts[3], &out.referral_id) ||
      !IsResourceId(parts[5])) {
    return BadName(field, name,
                   "authorities/{authority_id}/referrals/{number}/"
                   "invitations/{provider_id}");
  }
  out.authority_id = std::string(parts[1]);
  out.provider_id = std::string(parts[5]);
  return out;
}

absl::StatusOr<std::pair<std::string, std::string>> ParseSettingName(
    absl::string_view field, absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "providers" || parts[2] != "settings" ||
      !IsResourceId(parts[1]) || !IsResourceId(parts[3])) {
    return BadName(field, name,
                   "providers/{provider_id}/settings/{setting_id}");
  }
  return std::make_pair(std::string(parts[1]), std::string(parts[3]));
}

std::string ReferralName(absl::string_view authority_id, int64_t id) {
  return absl::StrCat("authorities/", authority_id, "/referrals/", id);
}
std::string InvitationResourceName(const Invitation& i) {
  return absl::StrCat(ReferralName(i.authority_id, i.referral_id),
                      "/invitations/", i.provider_id);
}
std::string PlacementName(absl::string_view authority_id, int64_t id) {
  return absl::StrCat("authorities/", authority_id, "/placements/", id);
}
std::string BlockName(absl::string_view authority_id, int64_t id) {
  return absl::StrCat("authorities/", authority_id, "/blockContracts/", id);
}
std::string SettingName(absl::string_view provider_id,
                        absl::string_view setting_id) {
  return absl::StrCat("providers/", provider_id, "/settings/", setting_id);
}

absl::StatusOr<Referral> FromProto(const v1::Referral& p) {
  Referral r;
  if (p.framework().empty()) {
    return absl::InvalidArgumentError("referral.framework: is required");
  }
  FHUB_ASSIGN_OR_RETURN(r.framework_id, ParseName("referral.framework",
                                                  p.framework(), "frameworks"));
  FHUB_RETURN_IF_ERROR(CheckResourceId("referral.lot_id", p.lot_id()));
  r.lot_id = p.lot_id();
  r.case_reference = p.case_reference();
  r.age = p.age();
  for (int i = 0; i < p.needs_size(); ++i) {
    FHUB_ASSIGN_OR_RETURN(
        Need need, FromProtoName(kNeeds, v1::Need_Name(p.needs(i)),
                                 absl::StrCat("referral.needs[", i, "]")));
    r.needs.push_back(need);
  }
  r.support_minutes_per_week = p.support_minutes_per_week();
  FHUB_ASSIGN_OR_RETURN(
      r.accommodation_type,
      FromProtoName(kAccommodationTypes,
                    v1::AccommodationType_Name(p.accommodation_type()),
                    "referral.accommodation_type"));
  if (!p.has_home_location()) {
    return absl::InvalidArgumentError("referral.home_location: is required");
  }
  r.latitude = p.home_location().latitude();
  r.longitude = p.home_location().longitude();
  r.max_distance_miles = p.max_distance_miles();
  if (!IsSet(p.wanted_start_date())) {
    return absl::InvalidArgumentError(
        "referral.wanted_start_date: is required");
  }
  FHUB_ASSIGN_OR_RETURN(
      r.wanted_start_date,
      FromProto(p.wanted_start_date(), "referral.wanted_start_date"));
  if (p.has_response_deadline()) {
    r.response_deadline = FromProto(p.response_deadline());
  }
  r.weights.quality = p.weights().quality();
  r.weights.price = p.weights().price();
  r.weights.distance = p.weights().distance();
  r.weekly_budget_pence = p.weekly_budget_pence();
  r.confidential_summary = p.confidential_summary();
  return WithDefaults(std::move(r));
}

void ToProto(const ReferralRecord& record, ReferralStatus status,
             Disclosure disclosure, v1::Referral* out) {
  const Referral& r = record.referral;
  out->set_name(ReferralName(r.authority_id, r.id));
  out->set_framework(absl::StrCat("frameworks/", r.framework_id));
  out->set_lot_id(r.lot_id);
  if (disclosure == Disclosure::kFull) {
    out->set_case_reference(r.case_reference);
    out->set_confidential_summary(r.confidential_summary);
  }
  out->set_age(r.age);
  for (Need need : r.needs) {
    out->add_needs(Enum<v1::Need>(kNeeds, need, v1::Need_Parse));
  }
  out->set_support_minutes_per_week(r.support_minutes_per_week);
  out->set_accommodation_type(Enum<v1::AccommodationType>(
      kAccommodationTypes, r.accommodation_type, v1::AccommodationType_Parse));
  out->mutable_home_location()->set_latitude(r.latitude);
  out->mutable_home_location()->set_longitude(r.longitude);
  out->set_max_distance_miles(r.max_distance_miles);
  ToProto(r.wanted_start_date, out->mutable_wanted_start_date());
  if (r.response_deadline.has_value()) {
    ToProto(*r.response_deadline, out->mutable_response_deadline());
  }
  out->mutable_weights()->set_quality(r.weights.quality);
  out->mutable_weights()->set_price(r.weights.price);
  out->mutable_weights()->set_distance(r.weights.distance);
  out->set_weekly_budget_pence(r.weekly_budget_pence);
  out->set_status(Enum<v1::ReferralStatus>(kReferralStatuses, status,
                                           v1::ReferralStatus_Parse));
  ToProto(r.create_time, out->mutable_create_time());
  if (r.submit_time.has_value()) {
    ToProto(*r.submit_time, out->mutable_submit_time());
  }
  if (r.award_time.has_value()) {
    ToProto(*r.award_time, out->mutable_award_time());
  }
  if (r.placement_id != 0 && disclosure == Disclosure::kFull) {
    out->set_placement(PlacementName(r.authority_id, r.placement_id));
  }
  if (disclosure == Disclosure::kFull) {
    out->set_invitation_count(record.invitations);
    out->set_offer_count(record.live_offers);
    out->set_decline_count(record.declines);
    out->set_cancel_reason(r.cancel_reason);
  }
}

absl::StatusOr<OfferTerms> FromProto(const v1::OfferTerms& p) {
  OfferTerms o;
  if (p.setting().empty()) {
    return absl::InvalidArgumentError("offer.setting: is required");
  }
  FHUB_ASSIGN_OR_RETURN(auto setting,
                        ParseSettingName("offer.setting", p.setting()));
  o.setting_id = setting.second;
  if (!IsSet(p.available_date())) {
    return absl::InvalidArgumentError("offer.available_date: is required");
  }
  FHUB_ASSIGN_OR_RETURN(o.available_date,
                        FromProto(p.available_date(), "offer.available_date"));
  o.accommodation_weekly_pence = p.accommodation_weekly_pence();
  o.support_hourly_pence = p.support_hourly_pence();
  o.support_minutes_per_week = p.support_minutes_per_week();
  o.notes = p.notes();
  return o;
}

void ToProto(const OfferTerms& o, absl::string_view provider_id,
             v1::OfferTerms* out) {
  out->set_setting(SettingName(provider_id, o.setting_id));
  ToProto(o.available_date, out->mutable_available_date());
  out->set_accommodation_weekly_pence(o.accommodation_weekly_pence);
  out->set_support_hourly_pence(o.support_hourly_pence);
  out->set_support_minutes_per_week(o.support_minutes_per_week);
  out->set_notes(o.notes);
}

void ToProto(const Invitation& i, const ReferralRecord& referral,
             ReferralStatus competition, bool viewer_is_authority,
             v1::Invitation* out) {
  const InvitationStatus status =
      InvitationStatusAt(referral.referral, competition, i);
  out->set_name(InvitationResourceName(i));
  out->set_provider(absl::StrCat("providers/", i.provider_id));
  out->set_setting(SettingName(i.provider_id, i.setting_id));
  out->set_distance_miles(i.distance_miles);
  const bool full =
      viewer_is_authority || status == InvitationStatus::kOfferAwarded;
  ToProto(referral, competition,
          full ? Disclosure::kFull : Disclosure::kAnonymised,
          out->mutable_referral());
  out->set_status(Enum<v1::InvitationStatus>(kInvitationStatuses, status,
                                             v1::InvitationStatus_Parse));
  if (i.offer.has_value()) {
    ToProto(*i.offer, i.provider_id, out->mutable_offer());
    out->set_offer_weekly_pence(i.offer_weekly_pence);
    out->set_spot_price(i.spot_price);
  }
  if (i.decline_reason.has_value()) {
    out->set_decline_reason(Enum<v1::DeclineReason>(
        kDeclineReasons, *i.decline_reason, v1::DeclineReason_Parse));
    out->set_decline_note(i.decline_note);
  }
  ToProto(i.invite_time, out->mutable_invite_time());
  if (i.answer_time.has_value()) {
    ToProto(*i.answer_time, out->mutable_answer_time());
  }
}

void ToProto(const Placement& p, const std::string& case_reference,
             v1::Placement* out) {
  out->set_name(PlacementName(p.authority_id, p.id));
  out->set_referral(ReferralName(p.authority_id, p.referral_id));
  out->set_framework(absl::StrCat("frameworks/", p.framework_id));
  out->set_lot_id(p.lot_id);
  out->set_provider(absl::StrCat("providers/", p.provider_id));
  out->set_setting(SettingName(p.provider_id, p.setting_id));
  if (p.block_contract_id != 0) {
    out->set_block_contract(BlockName(p.authority_id, p.block_contract_id));
  }
  ToProto(p.start_date, out->mutable_start_date());
  out->set_accommodation_weekly_pence(p.accommodation_weekly_pence);
  out->set_support_hourly_pence(p.support_hourly_pence);
  for (const HoursChange& h : p.hours) {
    v1::HoursChange* change = out->add_hours();
    ToProto(h.effective_date, change->mutable_effective_date());
    change->set_support_minutes_per_week(h.support_minutes_per_week);
    ToProto(h.record_time, change->mutable_record_time());
  }
  if (p.end_date.has_value()) {
    ToProto(*p.end_date, out->mutable_end_date());
  }
  if (p.end_reason.has_value()) {
    out->set_end_reason(
        Enum<v1::EndReason>(kEndReasons, *p.end_reason, v1::EndReason_Parse));
  }
  out->set_distance_miles(p.distance_miles);
  out->set_case_reference(case_reference);
  out->set_award_reason(p.award_reason);
  ToProto(p.create_time, out->mutable_create_time());
}

absl::StatusOr<BlockContract> FromProto(const v1::BlockContract& p) {
  BlockContract b;
  if (p.provider().empty()) {
    return absl::InvalidArgumentError("block_contract.provider: is required");
  }
  FHUB_ASSIGN_OR_RETURN(b.provider_id, ParseName("block_contract.provider",
                                                 p.provider(), "providers"));
  FHUB_ASSIGN_OR_RETURN(b.framework_id, ParseName("block_contract.framework",
                                                  p.framework(), "frameworks"));
  FHUB_RETURN_IF_ERROR(CheckResourceId("block_contract.lot_id", p.lot_id()));
  b.lot_id = p.lot_id();
  for (int i = 0; i < p.settings_size(); ++i) {
    const std::string field = absl::StrCat("block_contract.settings[", i, "]");
    FHUB_ASSIGN_OR_RETURN(auto setting, ParseSettingName(field, p.settings(i)));
    if (setting.first != b.provider_id) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": is not a setting of providers/", b.provider_id));
    }
    b.setting_ids.push_back(setting.second);
  }
  b.places = p.places();
  if (!IsSet(p.start_date()) || !IsSet(p.end_date())) {
    return absl::InvalidArgumentError(
        "block_contract.start_date and block_contract.end_date are required");
  }
  FHUB_ASSIGN_OR_RETURN(b.start_date,
                        FromProto(p.start_date(), "block_contract.start_date"));
  FHUB_ASSIGN_OR_RETURN(b.end_date,
                        FromProto(p.end_date(), "block_contract.end_date"));
  b.weekly_pence_per_place = p.weekly_pence_per_place();
  b.support_hourly_pence = p.support_hourly_pence();
  return b;
}

void ToProto(const BlockContract& b, v1::BlockContract* out) {
  out->set_name(BlockName(b.authority_id, b.id));
  out->set_provider(absl::StrCat("providers/", b.provider_id));
  out->set_framework(absl::StrCat("frameworks/", b.framework_id));
  out->set_lot_id(b.lot_id);
  for (const std::string& s : b.setting_ids) {
    out->add_settings(SettingName(b.provider_id, s));
  }
  out->set_places(b.places);
  ToProto(b.start_date, out->mutable_start_date());
  ToProto(b.end_date, out->mutable_end_date());
  out->set_weekly_pence_per_place(b.weekly_pence_per_place);
  out->set_support_hourly_pence(b.support_hourly_pence);
  ToProto(b.create_time, out->mutable_create_time());
}

void ToProto(const CostSegment& segment, v1::CostSegment* out) {
  ToProto(segment.first_day, out->mutable_first_day());
  ToProto(segment.last_day, out->mutable_last_day());
  out->set_days(static_cast<int32_t>(segment.days));
  out->set_support_minutes_per_week(segment.minutes_per_week);
  out->set_weekly_pence(segment.weekly_pence);
  out->set_cost_pence(segment.cost_pence);
}

}  // namespace fhub::referrals
