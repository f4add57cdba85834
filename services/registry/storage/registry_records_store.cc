// The records of admission and suspension: questionnaires, applications
// and their evaluations, accreditations, suspensions with their action
// plans, and concerns. The rest of RegistryStore is in registry_store.cc.

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/db/values.h"
#include "services/registry/storage/queries.h"
#include "services/registry/storage/registry_store.h"
#include "services/registry/storage/rows.h"

namespace fhub::registry {
namespace {

namespace q = queries;
using storage_internal::AnswersJson;
using storage_internal::CriteriaJson;
using storage_internal::IdColumn;
using storage_internal::Json;
using storage_internal::NotFound;
using storage_internal::OptionalTimestamp;
using storage_internal::PageBound;
using storage_internal::ParseId;
using storage_internal::ReadAccreditations;
using storage_internal::ReadApplication;
using storage_internal::ReadApplications;
using storage_internal::ReadConcern;
using storage_internal::ReadEvaluation;
using storage_internal::ReadQuestionnaire;
using storage_internal::ReadSuspensions;
using storage_internal::ScoresJson;
using storage_internal::Str;

}  // namespace

absl::StatusOr<RowOwner> RegistryStore::FindRowOwner(db::Tx& tx,
                                                     const std::string& table,
                                                     const std::string& id) {
  const std::optional<int64_t> number = ParseId(id);
  if (!number.has_value()) return NotFound(absl::StrCat(table, "/", id));
  pqxx::result r = tx.exec_prepared(q::kFindRowOwner.name, table, *number);
  if (r.empty()) return NotFound(absl::StrCat(table, "/", id));
  return RowOwner{r[0][0].as<std::string>(), r[0][1].as<std::string>()};
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

}  // namespace fhub::registry
