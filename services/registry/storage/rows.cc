#include "services/registry/storage/rows.h"

#include <limits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/values.h"
#include "services/registry/storage/queries.h"

namespace fhub::registry::storage_internal {

namespace q = queries;

// --- Columns and parameters ----------------------------------------------

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

absl::Status NotFound(absl::string_view resource) {
  return absl::NotFoundError(absl::StrCat(resource, " not found"));
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

}  // namespace fhub::registry::storage_internal
