#include "services/registry/storage/registry_store.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/change.h"
#include "common/db/outbox.h"
#include "common/db/values.h"
#include "services/registry/storage/queries.h"

namespace fhub::registry {
namespace {

namespace q = queries;
using Json = nlohmann::json;

constexpr double kMetresPerMile = 1609.344;

// --- Columns and parameters ----------------------------------------------

template <typename E, size_t N>
E EnumColumn(const std::array<EnumName<E>, N>& table, const pqxx::field& f) {
  // The schema's CHECK constraints keep stored names to known values.
  return ValueOf(table, f.as<std::string>()).value_or(table[0].value);
}

absl::Time TimeColumn(const pqxx::field& f) {
  return db::FromEpochMicros(f.as<int64_t>());
}

std::optional<absl::Time> OptionalTimeColumn(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return TimeColumn(f);
}

absl::CivilDay DateColumn(const pqxx::field& f) {
  return db::ParseSqlDate(f.as<std::string>());
}

Json JsonColumn(const pqxx::field& f) { return Json::parse(f.c_str()); }

std::string IdColumn(const pqxx::field& f) {
  return absl::StrCat(f.as<int64_t>());
}

std::string Str(absl::string_view s) { return std::string(s); }

// A nullable instant as the statements take it: '' for NULL.
std::string OptionalTimestamp(const std::optional<absl::Time>& at) {
  return at.has_value() ? db::SqlTimestamp(*at) : "";
}

// A database-assigned id; std::nullopt for text that cannot be one, which
// therefore names nothing.
std::optional<int64_t> ParseId(const std::string& id) {
  int64_t value = 0;
  if (!absl::SimpleAtoi(id, &value) || value <= 0) return std::nullopt;
  return value;
}

// The upper bound of a newest-first page: ids below `before_id`, or all.
int64_t PageBound(int64_t before_id) {
  return before_id > 0 ? before_id : std::numeric_limits<int64_t>::max();
}

// --- JSON columns ----------------------------------------------------------

Json AddressJson(const Address& a) {
  return {{"lines", a.lines}, {"town", a.town}, {"postcode", a.postcode}};
}

Address ParseAddress(const Json& j) {
  Address a;
  a.lines = j.value("lines", std::vector<std::string>());
  a.town = j.value("town", "");
  a.postcode = j.value("postcode", "");
  return a;
}

std::string ContactsJson(const std::vector<Contact>& contacts) {
  Json j = Json::array();
  for (const Contact& c : contacts) {
    j.push_back({{"full_name", c.full_name},
                 {"email", c.email},
                 {"job_title", c.job_title},
                 {"phone", c.phone}});
  }
  return j.dump();
}

std::vector<Contact> ParseContacts(const Json& j) {
  std::vector<Contact> contacts;
  for (const Json& c : j) {
    Contact contact;
    contact.full_name = c.value("full_name", "");
    contact.email = c.value("email", "");
    contact.phone = c.value("phone", "");
    contact.job_title = c.value("job_title", "");
    contacts.push_back(std::move(contact));
  }
  return contacts;
}

std::string CriteriaJson(const std::vector<Criterion>& criteria) {
  Json j = Json::array();
  for (const Criterion& c : criteria) {
    j.push_back({{"criterion_id", c.id},
                 {"question", c.question},
                 {"weight", c.weight},
                 {"minimum_score", c.minimum_score}});
  }
  return j.dump();
}

std::vector<Criterion> ParseCriteria(const Json& j) {
  std::vector<Criterion> criteria;
  for (const Json& c : j) {
    criteria.push_back({c.value("criterion_id", ""), c.value("question", ""),
                        c.value("weight", 1), c.value("minimum_score", 0)});
  }
  return criteria;
}

std::string AnswersJson(const std::vector<Answer>& answers) {
  Json j = Json::array();
  for (const Answer& a : answers) {
    j.push_back({{"criterion_id", a.criterion_id}, {"text", a.text}});
  }
  return j.dump();
}

std::vector<Answer> ParseAnswers(const Json& j) {
  std::vector<Answer> answers;
  for (const Json& a : j) {
    answers.push_back({a.value("criterion_id", ""), a.value("text", "")});
  }
  return answers;
}

std::string ScoresJson(const std::vector<CriterionScore>& scores) {
  Json j = Json::array();
  for (const CriterionScore& s : scores) {
    j.push_back({{"criterion_id", s.criterion_id},
                 {"score", s.score},
                 {"comment", s.comment}});
  }
  return j.dump();
}

std::vector<CriterionScore> ParseScores(const Json& j) {
  std::vector<CriterionScore> scores;
  for (const Json& s : j) {
    scores.push_back({s.value("criterion_id", ""), s.value("score", 0),
                      s.value("comment", "")});
  }
  return scores;
}

// "{framework_id}/{lot_id}", as settings.lot_keys holds a lot.
std::string LotKey(const LotRef& lot) {
  return absl::StrCat(lot.framework_id, "/", lot.lot_id);
}

std::string LotKeysJson(const std::vector<LotRef>& lots) {
  Json j = Json::array();
  for (const LotRef& lot : lots) j.push_back(LotKey(lot));
  return j.dump();
}

std::vector<LotRef> ParseLotKeys(const Json& j) {
  std::vector<LotRef> lots;
  for (const Json& key : j) {
    const std::string text = key.get<std::string>();
    const size_t slash = text.find('/');
    lots.push_back({text.substr(0, slash),
                    slash == std::string::npos ? "" : text.substr(slash + 1)});
  }
  return lots;
}

// --- Rows ------------------------------------------------------------------

Provider ReadProvider(const pqxx::row& row) {
  Provider p;
  p.id = row["provider_id"].as<std::string>();
  p.legal_name = row["legal_name"].as<std::string>();
  p.kind = EnumColumn(kProviderKinds, row["kind"]);
  p.company_number = row["company_number"].as<std::string>();
  p.charity_number = row["charity_number"].as<std::string>();
  p.contacts = ParseContacts(JsonColumn(row["contacts"]));
  p.address = ParseAddress(JsonColumn(row["address"]));
  p.create_time = TimeColumn(row["create_us"]);
  return p;
}

Setting ReadSetting(const pqxx::row& row) {
  Setting s;
  s.id = row["setting_id"].as<std::string>();
  s.provider_id = row["provider_id"].as<std::string>();
  s.name = row["display_name"].as<std::string>();
  s.address = ParseAddress(JsonColumn(row["address"]));
  s.location.latitude = row["latitude"].as<double>();
  s.location.longitude = row["longitude"].as<double>();
  s.lots = ParseLotKeys(JsonColumn(row["lot_keys"]));
  s.capacity = row["capacity"].as<int>();
  s.registration_type =
      EnumColumn(kRegistrationTypes, row["registration_type"]);
  s.ofsted_urn = row["ofsted_urn"].as<std::string>();
  if (!row["judgement"].is_null()) {
    s.latest_judgement =
        OfstedJudgement{EnumColumn(kJudgements, row["judgement"]),
                        DateColumn(row["judgement_date"])};
  }
  s.service_radius_miles = row["service_radius_miles"].as<double>();
  return s;
}

VacancyRecord ReadVacancy(const pqxx::row& row) {
  VacancyRecord r;
  r.provider_id = row["provider_id"].as<std::string>();
  r.vacancy.id = IdColumn(row["vacancy_id"]);
  r.vacancy.setting_id = row["setting_id"].as<std::string>();
  r.vacancy.places = row["places"].as<int>();
  r.vacancy.available_from = DateColumn(row["available_from"]);
  r.create_time = TimeColumn(row["create_us"]);
  r.withdraw_time = OptionalTimeColumn(row["withdraw_us"]);
  return r;
}

QuestionnaireRecord ReadQuestionnaire(const pqxx::row& row) {
  QuestionnaireRecord r;
  Questionnaire& q = r.questionnaire;
  q.framework_id = row["framework_id"].as<std::string>();
  q.criteria = ParseCriteria(JsonColumn(row["criteria"]));
  q.max_score = row["max_score"].as<int>();
  q.pass_mark = row["pass_mark"].as<int>();
  q.minimum_evaluations = row["minimum_evaluations"].as<int>();
  r.update_time = TimeColumn(row["update_us"]);
  return r;
}

Application ReadApplication(const pqxx::row& row) {
  Application a;
  a.id = IdColumn(row["application_id"]);
  a.provider_id = row["provider_id"].as<std::string>();
  a.framework_id = row["framework_id"].as<std::string>();
  a.lot_ids = JsonColumn(row["lot_ids"]).get<std::vector<std::string>>();
  a.status = EnumColumn(kApplicationStatuses, row["status"]);
  a.answers = ParseAnswers(JsonColumn(row["answers"]));
  a.feedback = row["feedback"].as<std::string>();
  a.create_time = TimeColumn(row["create_us"]);
  a.submit_time = OptionalTimeColumn(row["submit_us"]);
  a.decide_time = OptionalTimeColumn(row["decide_us"]);
  a.decided_by = row["decided_by"].as<std::string>();
  return a;
}

std::vector<Application> ReadApplications(const pqxx::result& rows) {
  std::vector<Application> out;
  out.reserve(rows.size());
  for (const pqxx::row& row : rows) out.push_back(ReadApplication(row));
  return out;
}

Evaluation ReadEvaluation(const pqxx::row& row) {
  Evaluation e;
  e.application_id = IdColumn(row["application_id"]);
  e.evaluator = row["evaluator"].as<std::string>();
  e.evaluator_authority_id = row["evaluator_authority_id"].as<std::string>();
  e.scores = ParseScores(JsonColumn(row["scores"]));
  e.submit_time = TimeColumn(row["submit_us"]);
  return e;
}

Accreditation ReadAccreditation(const pqxx::row& row) {
  Accreditation a;
  a.provider_id = row["provider_id"].as<std::string>();
  a.lot.framework_id = row["framework_id"].as<std::string>();
  a.lot.lot_id = row["lot_id"].as<std::string>();
  a.status = EnumColumn(kAccreditationStatuses, row["status"]);
  a.quality_score = row["quality_score"].as<double>();
  a.application_id = IdColumn(row["application_id"]);
  a.admit_time = TimeColumn(row["admit_us"]);
  a.remove_time = OptionalTimeColumn(row["remove_us"]);
  a.removal_reason = row["removal_reason"].as<std::string>();
  return a;
}

std::vector<Accreditation> ReadAccreditations(const pqxx::result& rows) {
  std::vector<Accreditation> out;
  out.reserve(rows.size());
  for (const pqxx::row& row : rows) out.push_back(ReadAccreditation(row));
  return out;
}

Suspension ReadSuspension(const pqxx::row& row) {
  Suspension s;
  s.id = IdColumn(row["suspension_id"]);
  s.provider_id = row["provider_id"].as<std::string>();
  s.framework_id = row["framework_id"].as<std::string>();
  s.scope = EnumColumn(kSuspensionScopes, row["scope"]);
  s.authority_id = row["authority_id"].as<std::string>();
  s.reason = row["reason"].as<std::string>();
  s.status = EnumColumn(kSuspensionStatuses, row["status"]);
  s.suspend_time = TimeColumn(row["suspend_us"]);
  s.suspended_by = row["suspended_by"].as<std::string>();
  s.reinstate_time = OptionalTimeColumn(row["reinstate_us"]);
  s.reinstated_by = row["reinstated_by"].as<std::string>();
  return s;
}

ActionPlanItem ReadActionItem(const pqxx::row& row) {
  ActionPlanItem item;
  item.number = row["item_number"].as<int>();
  item.description = row["description"].as<std::string>();
  item.due = DateColumn(row["due_date"]);
  item.evidence = row["evidence"].as<std::string>();
  item.evidence_time = OptionalTimeColumn(row["evidence_us"]);
  item.accepted = row["accepted"].as<bool>();
  item.accepted_by = row["accepted_by"].as<std::string>();
  item.accept_time = OptionalTimeColumn(row["accept_us"]);
  return item;
}

// Reads suspensions and fills in their action plans with one more query.
std::vector<Suspension> ReadSuspensions(db::Tx& tx, const pqxx::result& rows) {
  std::vector<Suspension> out;
  if (rows.empty()) return out;
  std::vector<std::string> ids;
  for (const pqxx::row& row : rows) {
    out.push_back(ReadSuspension(row));
    ids.push_back(out.back().id);
  }
  const std::string id_array = absl::StrCat("{", absl::StrJoin(ids, ","), "}");
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListActionItems.name, id_array)) {
    const std::string id = IdColumn(row["suspension_id"]);
    for (Suspension& s : out) {
      if (s.id == id) s.action_plan.push_back(ReadActionItem(row));
    }
  }
  return out;
}

Concern ReadConcern(const pqxx::row& row) {
  Concern c;
  c.id = IdColumn(row["concern_id"]);
  c.provider_id = row["provider_id"].as<std::string>();
  c.framework_id = row["framework_id"].as<std::string>();
  c.raised_by_authority_id = row["raised_by_authority_id"].as<std::string>();
  c.summary = row["summary"].as<std::string>();
  c.raise_time = TimeColumn(row["raise_us"]);
  c.response = row["response"].as<std::string>();
  c.response_time = OptionalTimeColumn(row["response_us"]);
  c.status = EnumColumn(kConcernStatuses, row["status"]);
  c.close_time = OptionalTimeColumn(row["close_us"]);
  return c;
}

absl::Status NotFound(absl::string_view resource) {
  return absl::NotFoundError(absl::StrCat(resource, " not found"));
}

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

// --- Questionnaires ----------------------------------------------------------

absl::Status RegistryStore::PutQuestionnaire(db::Tx& tx, const Questionnaire& q,
                                             absl::Time at) {
  tx.exec_prepared0(q::kPutQuestionnaire.name, q.framework_id,
                    CriteriaJson(q.criteria), q.max_score, q.pass_mark,
                    q.minimum_evaluations, db::SqlTimestamp(at));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<QuestionnaireRecord>>
RegistryStore::FindQuestionnaire(db::Tx& tx, const std::string& framework_id,
                                 bool for_update) {
  pqxx::result r =
      tx.exec_prepared(for_update ? q::kFindQuestionnaireForUpdate.name
                                  : q::kFindQuestionnaire.name,
                       framework_id);
  if (r.empty()) return std::optional<QuestionnaireRecord>();
  return std::optional<QuestionnaireRecord>(ReadQuestionnaire(r[0]));
}

absl::StatusOr<bool> RegistryStore::HasEvaluations(
    db::Tx& tx, const std::string& framework_id) {
  return tx.exec_prepared1(q::kHasEvaluations.name, framework_id)[0].as<bool>();
}

// --- Applications and evaluations --------------------------------------------

absl::Status RegistryStore::InsertApplication(db::Tx& tx, Application& a) {
  pqxx::row row = tx.exec_prepared1(
      q::kInsertApplication.name, a.provider_id, a.framework_id,
      Json(a.lot_ids).dump(), Str(NameOf(kApplicationStatuses, a.status)),
      AnswersJson(a.answers), a.feedback, db::SqlTimestamp(a.create_time),
      OptionalTimestamp(a.submit_time), OptionalTimestamp(a.decide_time),
      a.decided_by);
  a.id = IdColumn(row[0]);
  return absl::OkStatus();
}

absl::Status RegistryStore::UpdateApplication(db::Tx& tx,
                                              const Application& a) {
  const std::optional<int64_t> id = ParseId(a.id);
  if (id.has_value() &&
      tx.exec_prepared(q::kUpdateApplication.name, *id,
                       Str(NameOf(kApplicationStatuses, a.status)), a.feedback,
                       OptionalTimestamp(a.submit_time),
                       OptionalTimestamp(a.decide_time), a.decided_by)
              .affected_rows() == 1) {
    return absl::OkStatus();
  }
  return NotFound(absl::StrCat("applications/", a.id));
}

absl::StatusOr<Application> RegistryStore::FindApplication(
    db::Tx& tx, const std::string& id, bool for_update) {
  const std::optional<int64_t> number = ParseId(id);
  if (!number.has_value()) return NotFound(absl::StrCat("applications/", id));
  pqxx::result r = tx.exec_prepared(
      for_update ? q::kFindApplicationForUpdate.name : q::kFindApplication.name,
      *number);
  if (r.empty()) return NotFound(absl::StrCat("applications/", id));
  return ReadApplication(r[0]);
}

absl::StatusOr<std::vector<Application>>
RegistryStore::ListProviderApplications(db::Tx& tx,
                                        const std::string& provider_id,
                                        int64_t before_id, int limit) {
  return ReadApplications(tx.exec_prepared(q::kListProviderApplications.name,
                                           provider_id, PageBound(before_id),
                                           limit));
}

absl::StatusOr<std::vector<Application>>
RegistryStore::ListFrameworkApplications(db::Tx& tx,
                                         const std::string& framework_id,
                                         int64_t before_id, int limit) {
  return ReadApplications(tx.exec_prepared(q::kListFrameworkApplications.name,
                                           framework_id, PageBound(before_id),
                                           limit));
}

absl::StatusOr<std::vector<Application>> RegistryStore::ProviderApplicationsOn(
    db::Tx& tx, const std::string& provider_id,
    const std::string& framework_id) {
  return ReadApplications(tx.exec_prepared(q::kProviderApplicationsOn.name,
                                           provider_id, framework_id));
}

absl::Status RegistryStore::InsertEvaluation(db::Tx& tx, const Evaluation& e) {
  const std::optional<int64_t> id = ParseId(e.application_id);
  if (!id.has_value()) {
    return NotFound(absl::StrCat("applications/", e.application_id));
  }
  pqxx::result r = tx.exec_prepared(
      q::kInsertEvaluation.name, *id, e.evaluator, e.evaluator_authority_id,
      ScoresJson(e.scores), db::SqlTimestamp(e.submit_time));
  if (r.affected_rows() == 0) {
    return absl::AlreadyExistsError(absl::StrCat(
        e.evaluator, " has already evaluated applications/", e.application_id));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Evaluation>> RegistryStore::ListEvaluations(
    db::Tx& tx, const std::string& application_id) {
  std::vector<Evaluation> out;
  const std::optional<int64_t> id = ParseId(application_id);
  if (!id.has_value()) return out;
  for (const pqxx::row& row : tx.exec_prepared(q::kListEvaluations.name, *id)) {
    out.push_back(ReadEvaluation(row));
  }
  return out;
}

// --- Accreditations ----------------------------------------------------------

absl::Status RegistryStore::PutAccreditation(db::Tx& tx,
                                             const Accreditation& a) {
  const std::optional<int64_t> application_id = ParseId(a.application_id);
  if (!application_id.has_value()) {
    return NotFound(absl::StrCat("applications/", a.application_id));
  }
  tx.exec_prepared0(
      q::kPutAccreditation.name, a.provider_id, a.lot.framework_id,
      a.lot.lot_id, Str(NameOf(kAccreditationStatuses, a.status)),
      a.quality_score, *application_id, db::SqlTimestamp(a.admit_time),
      OptionalTimestamp(a.remove_time), a.removal_reason);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Accreditation>>
RegistryStore::ProviderAccreditations(db::Tx& tx,
                                      const std::string& provider_id,
                                      const std::string& framework_id) {
  return ReadAccreditations(tx.exec_prepared(q::kProviderAccreditations.name,
                                             provider_id, framework_id));
}

absl::StatusOr<std::vector<Accreditation>>
RegistryStore::FrameworkAccreditations(db::Tx& tx,
                                       const std::string& framework_id,
                                       const std::string& lot_id,
                                       const std::string& after_provider_id,
                                       const std::string& after_lot_id,
                                       int limit) {
  return ReadAccreditations(
      tx.exec_prepared(q::kFrameworkAccreditations.name, framework_id, lot_id,
                       after_provider_id, after_lot_id, limit));
}

// --- Suspensions -------------------------------------------------------------

absl::Status RegistryStore::InsertSuspension(db::Tx& tx, Suspension& s) {
  pqxx::result r =
      tx.exec_prepared(q::kInsertSuspension.name, s.provider_id, s.framework_id,
                       Str(NameOf(kSuspensionScopes, s.scope)), s.authority_id,
                       s.reason, Str(NameOf(kSuspensionStatuses, s.status)),
                       db::SqlTimestamp(s.suspend_time), s.suspended_by,
                       OptionalTimestamp(s.reinstate_time), s.reinstated_by);
  if (r.empty()) {
    return absl::AlreadyExistsError(absl::StrCat(
        "providers/", s.provider_id, " already has an active ",
        NameOf(kSuspensionScopes, s.scope), " suspension on frameworks/",
        s.framework_id, " by authorities/", s.authority_id));
  }
  const int64_t id = r[0][0].as<int64_t>();
  s.id = absl::StrCat(id);
  for (const ActionPlanItem& item : s.action_plan) {
    tx.exec_prepared0(q::kInsertActionItem.name, id, item.number,
                      item.description, db::SqlDate(item.due), item.evidence,
                      OptionalTimestamp(item.evidence_time), item.accepted,
                      item.accepted_by, OptionalTimestamp(item.accept_time));
  }
  return absl::OkStatus();
}

absl::StatusOr<Suspension> RegistryStore::FindSuspension(db::Tx& tx,
                                                         const std::string& id,
                                                         bool for_update) {
  const std::optional<int64_t> number = ParseId(id);
  if (!number.has_value()) return NotFound(absl::StrCat("suspensions/", id));
  std::vector<Suspension> found = ReadSuspensions(
      tx, tx.exec_prepared(for_update ? q::kFindSuspensionForUpdate.name
                                      : q::kFindSuspension.name,
                           *number));
  if (found.empty()) return NotFound(absl::StrCat("suspensions/", id));
  return std::move(found.front());
}

absl::Status RegistryStore::UpdateSuspension(db::Tx& tx, const Suspension& s) {
  const std::optional<int64_t> id = ParseId(s.id);
  if (!id.has_value() ||
      tx.exec_prepared(q::kUpdateSuspension.name, *id,
                       Str(NameOf(kSuspensionStatuses, s.status)),
                       OptionalTimestamp(s.reinstate_time), s.reinstated_by)
              .affected_rows() == 0) {
    return NotFound(absl::StrCat("suspensions/", s.id));
  }
  for (const ActionPlanItem& item : s.action_plan) {
    pqxx::result r = tx.exec_prepared(
        q::kUpdateActionItem.name, *id, item.number, item.evidence,
        OptionalTimestamp(item.evidence_time), item.accepted, item.accepted_by,
        OptionalTimestamp(item.accept_time));
    if (r.affected_rows() == 0) {
      return NotFound(
          absl::StrCat("suspensions/", s.id, "/action_plan/", item.number));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Suspension>> RegistryStore::ProviderSuspensions(
    db::Tx& tx, const std::string& provider_id,
    const std::string& framework_id) {
  return ReadSuspensions(tx, tx.exec_prepared(q::kProviderSuspensions.name,
                                              provider_id, framework_id));
}

absl::StatusOr<std::vector<Suspension>> RegistryStore::ListSuspensions(
    db::Tx& tx, const std::string& provider_id, const std::string& framework_id,
    bool active_only, int64_t before_id, int limit) {
  return ReadSuspensions(
      tx, tx.exec_prepared(q::kListSuspensions.name, provider_id, framework_id,
                           active_only, PageBound(before_id), limit));
}

// --- Concerns ----------------------------------------------------------------

absl::Status RegistryStore::InsertConcern(db::Tx& tx, Concern& c) {
  pqxx::row row = tx.exec_prepared1(
      q::kInsertConcern.name, c.provider_id, c.framework_id,
      c.raised_by_authority_id, c.summary, db::SqlTimestamp(c.raise_time),
      c.response, OptionalTimestamp(c.response_time),
      Str(NameOf(kConcernStatuses, c.status)), OptionalTimestamp(c.close_time));
  c.id = IdColumn(row[0]);
  return absl::OkStatus();
}

absl::StatusOr<Concern> RegistryStore::FindConcern(db::Tx& tx,
                                                   const std::string& id,
                                                   bool for_update) {
  const std::optional<int64_t> number = ParseId(id);
  if (!number.has_value()) return NotFound(absl::StrCat("concerns/", id));
  pqxx::result r = tx.exec_prepared(
      for_update ? q::kFindConcernForUpdate.name : q::kFindConcern.name,
      *number);
  if (r.empty()) return NotFound(absl::StrCat("concerns/", id));
  return ReadConcern(r[0]);
}

absl::Status RegistryStore::UpdateConcern(db::Tx& tx, const Concern& c) {
  const std::optional<int64_t> id = ParseId(c.id);
  if (id.has_value() &&
      tx.exec_prepared(q::kUpdateConcern.name, *id, c.response,
                       OptionalTimestamp(c.response_time),
                       Str(NameOf(kConcernStatuses, c.status)),
                       OptionalTimestamp(c.close_time))
              .affected_rows() == 1) {
    return absl::OkStatus();
  }
  return NotFound(absl::StrCat("concerns/", c.id));
}

absl::StatusOr<std::vector<Concern>> RegistryStore::ListConcerns(
    db::Tx& tx, const std::string& framework_id, const std::string& provider_id,
    int64_t before_id, int limit) {
  std::vector<Concern> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListConcerns.name, framework_id, provider_id,
                        PageBound(before_id), limit)) {
    out.push_back(ReadConcern(row));
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
      s.latest_judgement = OfstedJudgement{EnumColumn(kJudgements, row[5]),
                                           DateColumn(row[6])};
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
