#include "services/referrals/storage/referrals_store.h"

#include <limits>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/db/change.h"
#include "common/db/outbox.h"
#include "common/db/values.h"
#include "common/status_macros.h"
#include "services/referrals/storage/queries.h"

namespace fhub::referrals {
namespace {

namespace q = queries;

template <typename E, size_t N>
E EnumColumn(const std::array<EnumName<E>, N>& table, const pqxx::field& f) {
  // The schema's CHECK constraints keep stored names to known values.
  return ValueOf(table, f.as<std::string>()).value_or(table[0].value);
}

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

// '{A,B}': the names are upper-case words or resource ids, which need no
// quoting in an array literal.
template <typename T, typename Format>
std::string ArrayLiteral(const std::vector<T>& items, Format format) {
  return absl::StrCat("{", absl::StrJoin(items, ",", format), "}");
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

}  // namespace

std::vector<db::PreparedStatement> ReferralsStore::Statements() {
  std::vector<db::PreparedStatement> statements = db::ChangeStatements();
  for (const db::PreparedStatement& s : db::OutboxStatements()) {
    statements.push_back(s);
  }
  for (const db::Query& query : q::kAll) statements.emplace_back(query);
  return statements;
}

// --- Referrals ---------------------------------------------------------------

absl::Status ReferralsStore::InsertReferral(db::Tx& tx, Referral& r) {
  pqxx::row row = tx.exec_prepared1(
      q::kInsertReferral.name, r.authority_id, r.framework_id, r.lot_id,
      r.case_reference, r.age,
      ArrayLiteral(r.needs,
                   [](std::string* out, Need n) {
                     absl::StrAppend(out, NameOf(kNeeds, n));
                   }),
      r.support_minutes_per_week,
      Str(NameOf(kAccommodationTypes, r.accommodation_type)), r.latitude,
      r.longitude, r.max_distance_miles, db::SqlDate(r.wanted_start_date),
      OptionalTimestamp(r.response_deadline), r.weights.quality,
      r.weights.price, r.weights.distance, r.weekly_budget_pence,
      r.confidential_summary, Str(NameOf(kReferralStatuses, r.status)),
      db::SqlTimestamp(r.create_time));
  r.id = row[0].as<int64_t>();
  return absl::OkStatus();
}

absl::StatusOr<ReferralRecord> ReferralsStore::FindReferral(
    db::Tx& tx, const std::string& authority_id, int64_t id, bool for_update) {
  pqxx::result r = tx.exec_prepared(
      for_update ? q::kFindReferralForUpdate.name : q::kFindReferral.name, id,
      authority_id);
  if (r.empty()) {
    return NotFound(
        absl::StrCat("authorities/", authority_id, "/referrals/", id));
  }
  return ReadReferral(r[0]);
}

absl::Status ReferralsStore::UpdateReferral(db::Tx& tx, const Referral& r) {
  tx.exec_prepared0(
      q::kUpdateReferral.name, r.id, Str(NameOf(kReferralStatuses, r.status)),
      OptionalTimestamp(r.response_deadline), r.max_distance_miles,
      OptionalTimestamp(r.submit_time), OptionalTimestamp(r.award_time),
      r.placement_id, r.cancel_reason);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ReferralRecord>> ReferralsStore::ListReferrals(
    db::Tx& tx, const std::string& authority_id, int64_t before_id, int limit) {
  std::vector<ReferralRecord> out;
  for (const pqxx::row& row : tx.exec_prepared(
           q::kListReferrals.name, authority_id, PageBound(before_id), limit)) {
    out.push_back(ReadReferral(row));
  }
  return out;
}

absl::StatusOr<std::vector<ReferralRecord>> ReferralsStore::DueForClosing(
    db::Tx& tx, absl::Time now, int limit) {
  std::vector<ReferralRecord> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kDueForClosing.name, db::SqlTimestamp(now), limit)) {
    out.push_back(ReadReferral(row));
  }
  return out;
}

absl::StatusOr<std::vector<ReferralRecord>> ReferralsStore::UnplacedReferrals(
    db::Tx& tx, const std::string& framework_id,
    const std::string& authority_id) {
  std::vector<ReferralRecord> out;
  for (const pqxx::row& row : tx.exec_prepared(q::kUnplacedReferrals.name,
                                               framework_id, authority_id)) {
    out.push_back(ReadReferral(row));
  }
  return out;
}

// --- Invitations -------------------------------------------------------------

absl::Status ReferralsStore::InsertInvitations(
    db::Tx& tx, const std::vector<Invitation>& invitations) {
  if (invitations.empty()) return absl::OkStatus();
  const Invitation& first = invitations.front();
  std::vector<std::string> providers, settings, distances, scores;
  for (const Invitation& i : invitations) {
    providers.push_back(i.provider_id);
    settings.push_back(i.setting_id);
    distances.push_back(absl::StrFormat("%.17g", i.distance_miles));
    scores.push_back(absl::StrFormat("%.17g", i.quality_score));
  }
  // Ids are resource ids and the numbers plain decimals: nothing to quote.
  auto array = [](const std::vector<std::string>& items) {
    return absl::StrCat("{", absl::StrJoin(items, ","), "}");
  };
  tx.exec_prepared0(q::kInsertInvitations.name, first.referral_id,
                    first.authority_id, first.framework_id,
                    db::SqlTimestamp(first.invite_time), array(providers),
                    array(settings), array(distances), array(scores));
  return absl::OkStatus();
}

absl::StatusOr<Invitation> ReferralsStore::FindInvitation(
    db::Tx& tx, int64_t referral_id, const std::string& provider_id) {
  pqxx::result r =
      tx.exec_prepared(q::kFindInvitation.name, referral_id, provider_id);
  if (r.empty()) {
    return absl::NotFoundError(absl::StrCat("providers/", provider_id,
                                            " was not invited to referral ",
                                            referral_id));
  }
  return ReadInvitation(r[0]);
}

absl::StatusOr<std::vector<Invitation>> ReferralsStore::ReferralInvitations(
    db::Tx& tx, int64_t referral_id) {
  std::vector<Invitation> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kReferralInvitations.name, referral_id)) {
    out.push_back(ReadInvitation(row));
  }
  return out;
}

absl::Status ReferralsStore::UpdateInvitation(db::Tx& tx, const Invitation& i) {
  const OfferTerms none;
  const OfferTerms& o = i.offer.has_value() ? *i.offer : none;
  const bool has_offer = i.offer.has_value();
  tx.exec_prepared0(
      q::kUpdateInvitation.name, i.referral_id, i.provider_id,
      Str(NameOf(kInvitationStatuses, i.status)),
      OptionalTimestamp(i.answer_time), has_offer ? o.setting_id : "",
      has_offer ? db::SqlDate(o.available_date) : "",
      has_offer ? std::optional<int64_t>(o.accommodation_weekly_pence)
                : std::nullopt,
      has_offer ? std::optional<int64_t>(o.support_hourly_pence) : std::nullopt,
      has_offer ? std::optional<int64_t>(o.support_minutes_per_week)
                : std::nullopt,
      has_offer ? std::optional<std::string>(o.notes) : std::nullopt,
      has_offer ? std::optional<double>(i.offer_distance_miles) : std::nullopt,
      has_offer ? std::optional<int64_t>(i.offer_weekly_pence) : std::nullopt,
      i.spot_price,
      i.decline_reason.has_value()
          ? Str(NameOf(kDeclineReasons, *i.decline_reason))
          : std::string(),
      i.decline_note);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<InvitationRecord>>
ReferralsStore::ProviderInvitations(db::Tx& tx, const std::string& provider_id,
                                    bool open_only, int64_t before_id,
                                    int limit) {
  std::vector<InvitationRecord> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kProviderInvitations.name, provider_id,
                        PageBound(before_id), open_only, limit)) {
    out.push_back({ReadInvitation(row), ReadReferral(row)});
  }
  return out;
}

absl::StatusOr<InvitationRecord> ReferralsStore::FindInvitationRecord(
    db::Tx& tx, int64_t referral_id, const std::string& provider_id) {
  pqxx::result r =
      tx.exec_prepared(q::kFindInvitationRecord.name, referral_id, provider_id);
  if (r.empty()) {
    return absl::NotFoundError(absl::StrCat("providers/", provider_id,
                                            " was not invited to referral ",
                                            referral_id));
  }
  return InvitationRecord{ReadInvitation(r[0]), ReadReferral(r[0])};
}

absl::StatusOr<std::vector<Invitation>> ReferralsStore::LiveInvitations(
    db::Tx& tx, const std::string& provider_id, const std::string& authority_id,
    const std::string& framework_id) {
  std::vector<Invitation> out;
  for (const pqxx::row& row : tx.exec_prepared(
           q::kLiveInvitations.name, provider_id, authority_id, framework_id)) {
    out.push_back(ReadInvitation(row));
  }
  return out;
}

// --- Places ------------------------------------------------------------------

absl::Status ReferralsStore::PutSettingPlaces(db::Tx& tx,
                                              const SettingPlaces& p,
                                              absl::Time at) {
  tx.exec_prepared0(q::kPutSettingPlaces.name, p.provider_id, p.setting_id,
                    p.capacity, p.latitude, p.longitude, db::SqlTimestamp(at));
  return absl::OkStatus();
}

absl::StatusOr<SettingPlaces> ReferralsStore::LockSettingPlaces(
    db::Tx& tx, const std::string& provider_id, const std::string& setting_id) {
  pqxx::result r =
      tx.exec_prepared(q::kLockSettingPlaces.name, provider_id, setting_id);
  if (r.empty()) {
    return NotFound(absl::StrCat("providers/", provider_id, "/settings/",
                                 setting_id, " places"));
  }
  SettingPlaces p;
  p.provider_id = r[0]["provider_id"].as<std::string>();
  p.setting_id = r[0]["setting_id"].as<std::string>();
  p.capacity = r[0]["capacity"].as<int>();
  p.latitude = r[0]["latitude"].as<double>();
  p.longitude = r[0]["longitude"].as<double>();
  return p;
}

absl::StatusOr<std::vector<Placement>> ReferralsStore::PlacementsAtSetting(
    db::Tx& tx, const std::string& provider_id, const std::string& setting_id,
    absl::CivilDay day) {
  return ReadPlacements(tx.exec_prepared(
      q::kPlacementsAtSetting.name, provider_id, setting_id, db::SqlDate(day)));
}

// --- Placements --------------------------------------------------------------

absl::Status ReferralsStore::InsertPlacement(db::Tx& tx, Placement& p) {
  pqxx::row row = tx.exec_prepared1(
      q::kInsertPlacement.name, p.authority_id, p.referral_id, p.framework_id,
      p.lot_id, p.provider_id, p.setting_id, p.block_contract_id,
      db::SqlDate(p.start_date), p.accommodation_weekly_pence,
      p.support_hourly_pence, p.distance_miles, p.award_reason,
      db::SqlTimestamp(p.create_time));
  p.id = row[0].as<int64_t>();
  for (const HoursChange& h : p.hours) {
    FHUB_RETURN_IF_ERROR(PutHoursChange(tx, p.id, h));
  }
  return absl::OkStatus();
}

absl::StatusOr<Placement> ReferralsStore::FindPlacement(
    db::Tx& tx, const std::string& authority_id, int64_t id, bool for_update) {
  if (for_update) {
    pqxx::result locked =
        tx.exec_prepared(q::kLockPlacement.name, id, authority_id);
    if (locked.empty()) {
      return NotFound(
          absl::StrCat("authorities/", authority_id, "/placements/", id));
    }
  }
  std::vector<Placement> found = ReadPlacements(
      tx.exec_prepared(q::kFindPlacement.name, id, authority_id));
  if (found.empty()) {
    return NotFound(
        absl::StrCat("authorities/", authority_id, "/placements/", id));
  }
  return std::move(found.front());
}

absl::Status ReferralsStore::PutHoursChange(db::Tx& tx, int64_t placement_id,
                                            const HoursChange& change) {
  tx.exec_prepared0(
      q::kPutHoursChange.name, placement_id, db::SqlDate(change.effective_date),
      change.support_minutes_per_week, db::SqlTimestamp(change.record_time));
  return absl::OkStatus();
}

absl::Status ReferralsStore::UpdatePlacementEnd(db::Tx& tx,
                                                const Placement& p) {
  tx.exec_prepared0(
      q::kUpdatePlacementEnd.name, p.id,
      p.end_date.has_value()
          ? std::optional<std::string>(db::SqlDate(*p.end_date))
          : std::nullopt,
      p.end_reason.has_value()
          ? std::optional<std::string>(Str(NameOf(kEndReasons, *p.end_reason)))
          : std::nullopt,
      p.end_note);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Placement>> ReferralsStore::ListPlacements(
    db::Tx& tx, const std::string& owner_id, bool by_provider, bool active_only,
    int64_t before_id, int limit) {
  return ReadPlacements(tx.exec_prepared(q::kListPlacements.name, owner_id,
                                         by_provider, active_only,
                                         PageBound(before_id), limit));
}

absl::StatusOr<std::vector<Placement>> ReferralsStore::BlockPlacements(
    db::Tx& tx, int64_t block_contract_id) {
  return ReadPlacements(
      tx.exec_prepared(q::kBlockPlacements.name, block_contract_id));
}

absl::StatusOr<std::string> ReferralsStore::CaseReference(db::Tx& tx,
                                                          int64_t referral_id) {
  pqxx::result r = tx.exec_prepared(q::kCaseReference.name, referral_id);
  if (r.empty()) return NotFound(absl::StrCat("referral ", referral_id));
  return r[0][0].as<std::string>();
}

// --- Block contracts ---------------------------------------------------------

absl::Status ReferralsStore::InsertBlockContract(db::Tx& tx, BlockContract& b) {
  pqxx::row row = tx.exec_prepared1(
      q::kInsertBlockContract.name, b.authority_id, b.provider_id,
      b.framework_id, b.lot_id,
      ArrayLiteral(b.setting_ids, absl::AlphaNumFormatter()), b.places,
      db::SqlDate(b.start_date), db::SqlDate(b.end_date),
      b.weekly_pence_per_place, b.support_hourly_pence,
      db::SqlTimestamp(b.create_time));
  b.id = row[0].as<int64_t>();
  return absl::OkStatus();
}

absl::StatusOr<BlockContract> ReferralsStore::FindBlockContract(
    db::Tx& tx, const std::string& authority_id, int64_t id, bool for_update) {
  pqxx::result r =
      tx.exec_prepared(for_update ? q::kFindBlockContractForUpdate.name
                                  : q::kFindBlockContract.name,
                       id, authority_id);
  if (r.empty()) {
    return NotFound(
        absl::StrCat("authorities/", authority_id, "/blockContracts/", id));
  }
  return ReadBlock(r[0]);
}

absl::StatusOr<std::vector<BlockContract>> ReferralsStore::ListBlockContracts(
    db::Tx& tx, const std::string& authority_id) {
  std::vector<BlockContract> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListBlockContracts.name, authority_id)) {
    out.push_back(ReadBlock(row));
  }
  return out;
}

// --- What the other services said --------------------------------------------

absl::Status ReferralsStore::PutStopped(db::Tx& tx,
                                        const std::string& framework_id,
                                        const std::string& authority_id,
                                        absl::CivilDay stop_date,
                                        const std::string& reason) {
  tx.exec_prepared0(q::kPutStopped.name, framework_id, authority_id,
                    db::SqlDate(stop_date), reason);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> ReferralsStore::StoppedReason(
    db::Tx& tx, const std::string& framework_id,
    const std::string& authority_id, absl::CivilDay day) {
  pqxx::result r = tx.exec_prepared(q::kStoppedReason.name, framework_id,
                                    authority_id, db::SqlDate(day));
  if (r.empty()) return std::optional<std::string>();
  return std::optional<std::string>(r[0][0].as<std::string>());
}

absl::StatusOr<int64_t> ReferralsStore::LockPosition(
    db::Tx& tx, const std::string& source) {
  tx.exec_prepared0(q::kEnsurePosition.name, source);
  return tx.exec_prepared1(q::kLockPosition.name, source)[0].as<int64_t>();
}

absl::Status ReferralsStore::SavePosition(db::Tx& tx, const std::string& source,
                                          int64_t sequence, absl::Time at) {
  tx.exec_prepared0(q::kSavePosition.name, source, sequence,
                    db::SqlTimestamp(at));
  return absl::OkStatus();
}

// --- Figures -----------------------------------------------------------------

absl::StatusOr<FigureCounts> ReferralsStore::Figures(
    db::Tx& tx, const std::string& framework_id,
    const std::string& authority_id, absl::CivilDay first,
    absl::CivilDay last) {
  FigureCounts f;
  const std::string from = db::SqlDate(first);
  const std::string to = db::SqlDate(last);
  pqxx::row r = tx.exec_prepared1(q::kReferralFigures.name, framework_id,
                                  authority_id, from, to);
  f.referrals = r["referrals"].as<int>();
  f.invitations = r["invitations"].as<int>();
  f.offers = r["offers"].as<int>();
  f.awarded = r["awarded"].as<int>();
  f.mean_hours_to_award = r["mean_hours_to_award"].as<double>();
  for (const pqxx::row& row : tx.exec_prepared(
           q::kDeclineFigures.name, framework_id, authority_id, from, to)) {
    f.declines[EnumColumn(kDeclineReasons, row["decline_reason"])] =
        row["declines"].as<int>();
  }
  pqxx::row p = tx.exec_prepared1(q::kPlacementFigures.name, framework_id,
                                  authority_id, from, to);
  f.placements_started = p["started"].as<int>();
  f.placements_ended = p["ended"].as<int>();
  f.started_within_20_miles = p["within_20"].as<int>();
  f.mean_weekly_pence = p["mean_weekly"].as<int64_t>();
  return f;
}

absl::StatusOr<std::map<std::string, int>> ReferralsStore::PlacementsStarted(
    db::Tx& tx, const std::string& framework_id, absl::CivilDay first,
    absl::CivilDay last) {
  std::map<std::string, int> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kPlacementsStarted.name, framework_id,
                        db::SqlDate(first), db::SqlDate(last))) {
    out[row["authority_id"].as<std::string>()] = row["placements"].as<int>();
  }
  return out;
}

}  // namespace fhub::referrals
