// Providers, settings, vacancies and the eligibility search; the records of
// admission and suspension are in registry_records_store.cc.

#include "services/registry/storage/registry_store.h"

#include <cstdint>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/db/change.h"
#include "common/db/outbox.h"
#include "common/db/values.h"
#include "services/registry/storage/queries.h"
#include "services/registry/storage/rows.h"

namespace fhub::registry {
namespace {

namespace q = queries;
using storage_internal::AddressJson;
using storage_internal::ContactsJson;
using storage_internal::DateColumn;
using storage_internal::EnumColumn;
using storage_internal::IdColumn;
using storage_internal::LotKeysJson;
using storage_internal::NotFound;
using storage_internal::ParseId;
using storage_internal::ReadProvider;
using storage_internal::ReadSetting;
using storage_internal::ReadVacancy;
using storage_internal::Str;

constexpr double kMetresPerMile = 1609.344;

std::string SettingName(const std::string& provider_id,
                        const std::string& setting_id) {
  return absl::StrCat("providers/", provider_id, "/settings/", setting_id);
}

// Parameters of insert_setting and update_setting after the two ids.
struct SettingParams {
  explicit SettingParams(const Setting& s)
      : address(AddressJson(s.address).dump()),
        lot_keys(LotKeysJson(s.lots)),
        registration_type(NameOf(kRegistrationTypes, s.registration_type)),
        judgement(s.latest_judgement.has_value()
                      ? NameOf(kJudgements, s.latest_judgement->judgement)
                      : ""),
        judgement_date(s.latest_judgement.has_value()
                           ? db::SqlDate(s.latest_judgement->date)
                           : "") {}
  std::string address;
  std::string lot_keys;
  std::string registration_type;
  std::string judgement;
  std::string judgement_date;
};

}  // namespace

std::vector<db::PreparedStatement> RegistryStore::Statements() {
  std::vector<db::PreparedStatement> statements = db::ChangeStatements();
  for (const db::PreparedStatement& s : db::OutboxStatements()) {
    statements.push_back(s);
  }
  for (const db::Query& query : q::kAll) statements.emplace_back(query);
  return statements;
}

// --- Providers ---------------------------------------------------------------

absl::Status RegistryStore::InsertProvider(db::Tx& tx, const Provider& p) {
  pqxx::result r = tx.exec_prepared(
      q::kInsertProvider.name, p.id, p.legal_name,
      Str(NameOf(kProviderKinds, p.kind)), p.company_number, p.charity_number,
      ContactsJson(p.contacts), AddressJson(p.address).dump(),
      db::SqlTimestamp(p.create_time));
  if (r.affected_rows() == 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("providers/", p.id, " already exists"));
  }
  return absl::OkStatus();
}

absl::Status RegistryStore::UpdateProvider(db::Tx& tx, const Provider& p,
                                           absl::Time at) {
  pqxx::result r =
      tx.exec_prepared(q::kUpdateProvider.name, p.id, p.legal_name,
                       Str(NameOf(kProviderKinds, p.kind)), p.company_number,
                       p.charity_number, ContactsJson(p.contacts),
                       AddressJson(p.address).dump(), db::SqlTimestamp(at));
  if (r.affected_rows() == 0) return NotFound(absl::StrCat("providers/", p.id));
  return absl::OkStatus();
}

absl::StatusOr<Provider> RegistryStore::FindProvider(db::Tx& tx,
                                                     const std::string& id,
                                                     bool for_update) {
  pqxx::result r = tx.exec_prepared(
      for_update ? q::kFindProviderForUpdate.name : q::kFindProvider.name, id);
  if (r.empty()) return NotFound(absl::StrCat("providers/", id));
  return ReadProvider(r[0]);
}

absl::StatusOr<std::vector<Provider>> RegistryStore::ListProviders(
    db::Tx& tx, const std::string& after_id, int limit) {
  std::vector<Provider> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListProviders.name, after_id, limit)) {
    out.push_back(ReadProvider(row));
  }
  return out;
}

// --- Settings ----------------------------------------------------------------

absl::Status RegistryStore::InsertSetting(db::Tx& tx, const Setting& s,
                                          absl::Time at) {
  const SettingParams p(s);
  pqxx::result r = tx.exec_prepared(
      q::kInsertSetting.name, s.provider_id, s.id, s.name, p.address,
      s.location.latitude, s.location.longitude, p.lot_keys, s.capacity,
      p.registration_type, s.ofsted_urn, p.judgement, p.judgement_date,
      s.service_radius_miles, db::SqlTimestamp(at));
  if (r.affected_rows() == 0) {
    return absl::AlreadyExistsError(
        absl::StrCat(SettingName(s.provider_id, s.id), " already exists"));
  }
  return absl::OkStatus();
}

absl::Status RegistryStore::UpdateSetting(db::Tx& tx, const Setting& s,
                                          absl::Time at) {
  const SettingParams p(s);
  pqxx::result r = tx.exec_prepared(
      q::kUpdateSetting.name, s.provider_id, s.id, s.name, p.address,
      s.location.latitude, s.location.longitude, p.lot_keys, s.capacity,
      p.registration_type, s.ofsted_urn, p.judgement, p.judgement_date,
      s.service_radius_miles, db::SqlTimestamp(at));
  if (r.affected_rows() == 0) return NotFound(SettingName(s.provider_id, s.id));
  return absl::OkStatus();
}

absl::StatusOr<Setting> RegistryStore::FindSetting(
    db::Tx& tx, const std::string& provider_id, const std::string& setting_id,
    bool for_update) {
  pqxx::result r = tx.exec_prepared(
      for_update ? q::kFindSettingForUpdate.name : q::kFindSetting.name,
      provider_id, setting_id);
  if (r.empty()) return NotFound(SettingName(provider_id, setting_id));
  return ReadSetting(r[0]);
}

absl::StatusOr<std::vector<Setting>> RegistryStore::ListSettings(
    db::Tx& tx, const std::string& provider_id, const std::string& after_id,
    int limit) {
  std::vector<Setting> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListSettings.name, provider_id, after_id, limit)) {
    out.push_back(ReadSetting(row));
  }
  return out;
}

// --- Vacancies ---------------------------------------------------------------

absl::Status RegistryStore::InsertVacancy(db::Tx& tx, VacancyRecord& record) {
  const Vacancy& v = record.vacancy;
  pqxx::row row = tx.exec_prepared1(
      q::kInsertVacancy.name, record.provider_id, v.setting_id, v.places,
      db::SqlDate(v.available_from), db::SqlTimestamp(record.create_time));
  record.vacancy.id = IdColumn(row[0]);
  return absl::OkStatus();
}

absl::StatusOr<VacancyRecord> RegistryStore::FindVacancy(
    db::Tx& tx, const std::string& provider_id, const std::string& setting_id,
    const std::string& vacancy_id, bool for_update) {
  const std::string name = absl::StrCat(SettingName(provider_id, setting_id),
                                        "/vacancies/", vacancy_id);
  const std::optional<int64_t> id = ParseId(vacancy_id);
  if (!id.has_value()) return NotFound(name);
  pqxx::result r = tx.exec_prepared(
      for_update ? q::kFindVacancyForUpdate.name : q::kFindVacancy.name, *id,
      provider_id, setting_id);
  if (r.empty()) return NotFound(name);
  return ReadVacancy(r[0]);
}

absl::Status RegistryStore::WithdrawVacancy(db::Tx& tx,
                                            const std::string& vacancy_id,
                                            absl::Time at) {
  const std::optional<int64_t> id = ParseId(vacancy_id);
  if (id.has_value() &&
      tx.exec_prepared(q::kWithdrawVacancy.name, *id, db::SqlTimestamp(at))
              .affected_rows() == 1) {
    return absl::OkStatus();
  }
  return absl::NotFoundError(
      absl::StrCat("no open vacancy ", vacancy_id, " to withdraw"));
}

absl::StatusOr<std::vector<VacancyRecord>> RegistryStore::ListOpenVacancies(
    db::Tx& tx, const std::string& provider_id, const std::string& setting_id) {
  std::vector<VacancyRecord> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListOpenVacancies.name, provider_id, setting_id)) {
    out.push_back(ReadVacancy(row));
  }
  return out;
}
// --- Eligibility -------------------------------------------------------------

absl::StatusOr<std::vector<EligibilityCandidate>>
RegistryStore::SearchCandidates(db::Tx& tx, const CandidateQuery& query) {
  const EligibilityQuery& search = query.query;
  const LotRule& lot = search.lot;
  std::vector<EligibilityCandidate> out;
  // The hot path: columns by position, only what the decision needs.
  for (const pqxx::row& row : tx.exec_prepared(
           q::kSearchCandidates.name, lot.lot.framework_id, lot.lot.lot_id,
           search.authority_id, search.location.latitude,
           search.location.longitude, search.max_distance_miles,
           query.box_radius_miles * kMetresPerMile,
           ServesArea(lot.service_type), lot.ofsted_registration_required,
           lot.service_type == ServiceType::kResidentialChildrensHome,
           QualityRank(lot.lowest_ofsted_grade), db::SqlDate(search.wanted_by),
           query.limit)) {
    SettingVacancies place;
    Setting& s = place.setting;
    s.provider_id = row[0].as<std::string>();
    s.id = row[1].as<std::string>();
    s.location = {row[2].as<double>(), row[3].as<double>()};
    s.lots = {lot.lot};
    s.registration_type = EnumColumn(kRegistrationTypes, row[4]);
    if (!row[5].is_null()) {
      s.latest_judgement =
          OfstedJudgement{EnumColumn(kJudgements, row[5]), DateColumn(row[6])};
    }
    s.service_radius_miles = row[7].as<double>();
    // The search reads only ADMITTED rows (setting_lots' index).
    Accreditation a;
    a.provider_id = s.provider_id;
    a.lot = lot.lot;
    a.status = AccreditationStatus::kAdmitted;
    a.quality_score = row[8].as<double>();
    Vacancy v;
    v.id = IdColumn(row[9]);
    v.setting_id = s.id;
    v.places = row[10].as<int>();
    v.available_from = DateColumn(row[11]);
    place.vacancies.push_back(std::move(v));

    EligibilityCandidate candidate;
    candidate.provider_id = s.provider_id;
    candidate.accreditation = std::move(a);
    candidate.settings.push_back(std::move(place));
    out.push_back(std::move(candidate));
  }
  return out;
}

}  // namespace fhub::registry
