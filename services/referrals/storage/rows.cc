#include "services/referrals/storage/rows.h"

#include <limits>

#include "absl/strings/str_split.h"
#include "common/db/values.h"

namespace fhub::referrals {

absl::Time TimeColumn(const pqxx::field& f) {
  return db::FromEpochMicros(f.as<int64_t>());
}

std::optional<absl::Time> OptionalTime(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return TimeColumn(f);
}

absl::CivilDay DateColumn(const pqxx::field& f) {
  return db::ParseSqlDate(f.c_str());
}

std::string Str(absl::string_view s) { return std::string(s); }

std::string OptionalTimestamp(const std::optional<absl::Time>& at) {
  return at.has_value() ? db::SqlTimestamp(*at) : "";
}

int64_t PageBound(int64_t before_id) {
  return before_id > 0 ? before_id : std::numeric_limits<int64_t>::max();
}

std::vector<std::string> SplitList(const pqxx::field& f) {
  if (f.is_null() || f.size() == 0) return {};
  return absl::StrSplit(f.c_str(), ',');
}

ReferralRecord ReadReferral(const pqxx::row& row) {
  ReferralRecord record;
  Referral& r = record.referral;
  r.id = row["referral_id"].as<int64_t>();
  r.authority_id = row["authority_id"].as<std::string>();
  r.framework_id = row["framework_id"].as<std::string>();
  r.lot_id = row["lot_id"].as<std::string>();
  r.case_reference = row["case_reference"].as<std::string>();
  r.age = row["age"].as<int>();
  for (const std::string& name : SplitList(row["needs"])) {
    if (std::optional<Need> need = ValueOf(kNeeds, name))
      r.needs.push_back(*need);
  }
  r.support_minutes_per_week = row["support_minutes_per_week"].as<int64_t>();
  r.accommodation_type =
      EnumColumn(kAccommodationTypes, row["accommodation_type"]);
  r.latitude = row["latitude"].as<double>();
  r.longitude = row["longitude"].as<double>();
  r.max_distance_miles = row["max_distance_miles"].as<double>();
  r.wanted_start_date = DateColumn(row["wanted_start_date"]);
  r.response_deadline = OptionalTime(row["deadline_us"]);
  r.weights.quality = row["weight_quality"].as<int>();
  r.weights.price = row["weight_price"].as<int>();
  r.weights.distance = row["weight_distance"].as<int>();
  r.weekly_budget_pence = row["weekly_budget_pence"].as<int64_t>();
  r.confidential_summary = row["confidential_summary"].as<std::string>();
  r.status = EnumColumn(kReferralStatuses, row["status"]);
  r.create_time = TimeColumn(row["create_us"]);
  r.submit_time = OptionalTime(row["submit_us"]);
  r.award_time = OptionalTime(row["award_us"]);
  r.placement_id =
      row["placement_id"].is_null() ? 0 : row["placement_id"].as<int64_t>();
  r.cancel_reason = row["cancel_reason"].as<std::string>();
  record.invitations = row["invitation_count"].as<int>();
  record.live_offers = row["live_offers"].as<int>();
  record.declines = row["declines"].as<int>();
  record.waiting = row["waiting"].as<int>();
  return record;
}

Invitation ReadInvitation(const pqxx::row& row) {
  Invitation i;
  i.referral_id = row["i_referral_id"].as<int64_t>();
  i.provider_id = row["provider_id"].as<std::string>();
  i.authority_id = row["i_authority_id"].as<std::string>();
  i.framework_id = row["i_framework_id"].as<std::string>();
  i.setting_id = row["setting_id"].as<std::string>();
  i.distance_miles = row["distance_miles"].as<double>();
  i.quality_score = row["quality_score"].as<double>();
  i.status = EnumColumn(kInvitationStatuses, row["i_status"]);
  i.invite_time = TimeColumn(row["invite_us"]);
  i.answer_time = OptionalTime(row["answer_us"]);
  if (!row["offer_setting_id"].is_null()) {
    OfferTerms o;
    o.setting_id = row["offer_setting_id"].as<std::string>();
    o.available_date = DateColumn(row["offer_available_date"]);
    o.accommodation_weekly_pence =
        row["offer_accommodation_weekly_pence"].as<int64_t>();
    o.support_hourly_pence = row["offer_support_hourly_pence"].as<int64_t>();
    o.support_minutes_per_week =
        row["offer_support_minutes_per_week"].as<int64_t>();
    o.notes = row["offer_notes"].as<std::string>();
    i.offer = std::move(o);
    i.offer_distance_miles = row["offer_distance_miles"].as<double>();
    i.offer_weekly_pence = row["offer_weekly_pence"].as<int64_t>();
  }
  i.spot_price = row["spot_price"].as<bool>();
  if (!row["decline_reason"].is_null()) {
    i.decline_reason = EnumColumn(kDeclineReasons, row["decline_reason"]);
  }
  i.decline_note = row["decline_note"].as<std::string>();
  return i;
}

// Placements with their hours from rows grouped by placement, hours in date
// order within a placement.
std::vector<Placement> ReadPlacements(const pqxx::result& rows) {
  std::vector<Placement> out;
  for (const pqxx::row& row : rows) {
    const int64_t id = row["placement_id"].as<int64_t>();
    if (out.empty() || out.back().id != id) {
      Placement p;
      p.id = id;
      p.authority_id = row["authority_id"].as<std::string>();
      p.referral_id = row["referral_id"].as<int64_t>();
      p.framework_id = row["framework_id"].as<std::string>();
      p.lot_id = row["lot_id"].as<std::string>();
      p.provider_id = row["provider_id"].as<std::string>();
      p.setting_id = row["setting_id"].as<std::string>();
      p.block_contract_id = row["block_contract_id"].as<int64_t>();
      p.start_date = DateColumn(row["start_date"]);
      p.accommodation_weekly_pence =
          row["accommodation_weekly_pence"].as<int64_t>();
      p.support_hourly_pence = row["support_hourly_pence"].as<int64_t>();
      if (!row["end_date"].is_null()) {
        p.end_date = DateColumn(row["end_date"]);
        p.end_reason = EnumColumn(kEndReasons, row["end_reason"]);
      }
      p.end_note = row["end_note"].as<std::string>();
      p.distance_miles = row["distance_miles"].as<double>();
      p.award_reason = row["award_reason"].as<std::string>();
      p.create_time = TimeColumn(row["create_us"]);
      out.push_back(std::move(p));
    }
    if (!row["effective_date"].is_null()) {
      HoursChange h;
      h.effective_date = DateColumn(row["effective_date"]);
      h.support_minutes_per_week = row["h_minutes"].as<int64_t>();
      h.record_time = TimeColumn(row["record_us"]);
      out.back().hours.push_back(h);
    }
  }
  return out;
}

BlockContract ReadBlock(const pqxx::row& row) {
  BlockContract b;
  b.id = row["block_contract_id"].as<int64_t>();
  b.authority_id = row["authority_id"].as<std::string>();
  b.provider_id = row["provider_id"].as<std::string>();
  b.framework_id = row["framework_id"].as<std::string>();
  b.lot_id = row["lot_id"].as<std::string>();
  b.setting_ids = SplitList(row["setting_ids"]);
  b.places = row["places"].as<int>();
  b.start_date = DateColumn(row["start_date"]);
  b.end_date = DateColumn(row["end_date"]);
  b.weekly_pence_per_place = row["weekly_pence_per_place"].as<int64_t>();
  b.support_hourly_pence = row["support_hourly_pence"].as<int64_t>();
  b.create_time = TimeColumn(row["create_us"]);
  return b;
}

absl::Status NotFound(absl::string_view what) {
  return absl::NotFoundError(absl::StrCat(what, " not found"));
}

}  // namespace fhub::referrals
