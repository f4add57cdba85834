// The referrals store's places, placements, block contracts, what the other
// services said, and figures (referrals_store.h).

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/db/values.h"
#include "common/status_macros.h"
#include "services/referrals/storage/queries.h"
#include "services/referrals/storage/referrals_store.h"
#include "services/referrals/storage/rows.h"

namespace fhub::referrals {
namespace {

namespace q = queries;

}  // namespace

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

absl::StatusOr<std::vector<Placement>> ReferralsStore::PlacesTaken(
    db::Tx& tx, const std::string& provider_id, const std::string& setting_id,
    absl::CivilDay day) {
  std::vector<Placement> taken;
  for (const pqxx::row& row : tx.exec_prepared(
           q::kPlacesTaken.name, provider_id, setting_id, db::SqlDate(day))) {
    Placement& p = taken.emplace_back();
    p.provider_id = provider_id;
    p.setting_id = setting_id;
    p.start_date = db::ParseSqlDate(row["start_date"].as<std::string>());
    if (!row["end_date"].is_null()) {
      p.end_date = db::ParseSqlDate(row["end_date"].as<std::string>());
    }
  }
  return taken;
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

absl::StatusOr<std::vector<Placement>> ReferralsStore::PlacementsInPeriod(
    db::Tx& tx, const std::string& authority_id, absl::CivilDay first,
    absl::CivilDay last, int64_t after_id, int limit) {
  return ReadPlacements(tx.exec_prepared(q::kPlacementsInPeriod.name,
                                         authority_id, db::SqlDate(first),
                                         db::SqlDate(last), after_id, limit));
}

absl::StatusOr<absl::flat_hash_map<int64_t, std::string>>
ReferralsStore::CaseReferences(db::Tx& tx,
                               const std::vector<int64_t>& referral_ids) {
  absl::flat_hash_map<int64_t, std::string> found;
  for (const pqxx::row& row : tx.exec_prepared(
           q::kCaseReferences.name,
           ArrayLiteral(referral_ids, absl::AlphaNumFormatter()))) {
    found.emplace(row[0].as<int64_t>(), row[1].as<std::string>());
  }
  return found;
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
