#pragma once

// What the registry keeps (migrations/V001__providers_applications_
// suspensions.sql), and how it reads and changes it. Every method runs
// inside the caller's transaction (common/db/transaction.h), so a change
// and its audit record and event commit together. Ids the database assigns
// (applications, vacancies, suspensions, concerns) are decimal strings in
// the domain model.
//
// Errors: NOT_FOUND when a Find* finds nothing, ALREADY_EXISTS when an
// Insert* meets a taken key; anything else the database raises goes through
// db::FromPqxx (UNAVAILABLE, ABORTED...).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"
#include "services/registry/domain/eligibility.h"
#include "services/registry/domain/model.h"

namespace fhub::registry {

struct VacancyRecord {
  std::string provider_id;
  Vacancy vacancy;
  absl::Time create_time;
  std::optional<absl::Time> withdraw_time;
};

struct QuestionnaireRecord {
  Questionnaire questionnaire;
  absl::Time update_time;
};

// What the eligibility search asks the database (see SearchCandidates).
struct CandidateQuery {
  EligibilityQuery query;
  // The index's box radius: the search's distance with a margin, since the
  // database's sphere is slightly larger than the domain's.
  double box_radius_miles = 0;
  // At most this many providers.
  int limit = 100;
};

// Whose a row addressed by name is, and nothing else of it.
struct RowOwner {
  std::string framework_id;
  std::string provider_id;
};

class RegistryStore {
 public:
  // Statements to prepare on every connection of the service's pool.
  static std::vector<db::PreparedStatement> Statements();

  // --- Row owners ----------------------------------------------------------
  // The framework and provider of row `id` of `table` (applications,
  // suspensions or concerns), whatever the transaction's row scope
  // (migrations/V002__row_level_security.sql); NOT_FOUND "{table}/{id}"
  // when there is no such row.
  absl::StatusOr<RowOwner> FindRowOwner(db::Tx& tx, const std::string& table,
                                        const std::string& id);

  // --- Providers -----------------------------------------------------------
  absl::Status InsertProvider(db::Tx& tx, const Provider& p);
  // Replaces everything but the id and create_time.
  absl::Status UpdateProvider(db::Tx& tx, const Provider& p, absl::Time at);
  absl::StatusOr<Provider> FindProvider(db::Tx& tx, const std::string& id,
                                        bool for_update);
  // Providers after `after_id` in id order.
  absl::StatusOr<std::vector<Provider>> ListProviders(
      db::Tx& tx, const std::string& after_id, int limit);

  // --- Settings ------------------------------------------------------------
  // ALREADY_EXISTS if the provider already has the setting id.
  absl::Status InsertSetting(db::Tx& tx, const Setting& s, absl::Time at);
  // Replaces everything but the ids.
  absl::Status UpdateSetting(db::Tx& tx, const Setting& s, absl::Time at);
  absl::StatusOr<Setting> FindSetting(db::Tx& tx,
                                      const std::string& provider_id,
                                      const std::string& setting_id,
                                      bool for_update);
  absl::StatusOr<std::vector<Setting>> ListSettings(
      db::Tx& tx, const std::string& provider_id, const std::string& after_id,
      int limit);

  // --- Vacancies -----------------------------------------------------------
  // Sets record.vacancy.id.
  absl::Status InsertVacancy(db::Tx& tx, VacancyRecord& record);
  // NOT_FOUND unless the vacancy is at that provider's setting.
  absl::StatusOr<VacancyRecord> FindVacancy(db::Tx& tx,
                                            const std::string& provider_id,
                                            const std::string& setting_id,
                                            const std::string& vacancy_id,
                                            bool for_update);
  absl::Status WithdrawVacancy(db::Tx& tx, const std::string& vacancy_id,
                               absl::Time at);
  // Not withdrawn, earliest available first, then by id.
  absl::StatusOr<std::vector<VacancyRecord>> ListOpenVacancies(
      db::Tx& tx, const std::string& provider_id,
      const std::string& setting_id);

  // --- Questionnaires ------------------------------------------------------
  // Inserts or replaces the framework's questionnaire.
  absl::Status PutQuestionnaire(db::Tx& tx, const Questionnaire& q,
                                absl::Time at);
  // std::nullopt when the framework has none; `for_update` locks it.
  absl::StatusOr<std::optional<QuestionnaireRecord>> FindQuestionnaire(
      db::Tx& tx, const std::string& framework_id, bool for_update);
  // Has any application to the framework been evaluated?
  absl::StatusOr<bool> HasEvaluations(db::Tx& tx,
                                      const std::string& framework_id);

  // --- Applications and evaluations ----------------------------------------
  // Sets a.id.
  absl::Status InsertApplication(db::Tx& tx, Application& a);
  // Writes status, feedback, submit/decide times and decided_by.
  absl::Status UpdateApplication(db::Tx& tx, const Application& a);
  absl::StatusOr<Application> FindApplication(db::Tx& tx, const std::string& id,
                                              bool for_update);
  // A provider's applications (any status), newest first, ids below
  // `before_id` (0: from the newest).
  absl::StatusOr<std::vector<Application>> ListProviderApplications(
      db::Tx& tx, const std::string& provider_id, int64_t before_id, int limit);
  // A framework's applications other than drafts, newest first.
  absl::StatusOr<std::vector<Application>> ListFrameworkApplications(
      db::Tx& tx, const std::string& framework_id, int64_t before_id,
      int limit);
  // Every application of a provider to a framework, for CheckSubmit.
  absl::StatusOr<std::vector<Application>> ProviderApplicationsOn(
      db::Tx& tx, const std::string& provider_id,
      const std::string& framework_id);
  // ALREADY_EXISTS if the evaluator has already scored the application.
  absl::Status InsertEvaluation(db::Tx& tx, const Evaluation& e);
  // In submission order.
  absl::StatusOr<std::vector<Evaluation>> ListEvaluations(
      db::Tx& tx, const std::string& application_id);

  // --- Accreditations ------------------------------------------------------
  // Inserts, or replaces the provider's row for the lot (re-admission).
  absl::Status PutAccreditation(db::Tx& tx, const Accreditation& a);
  // A provider's accreditations, on one framework or (empty) all, by
  // framework and lot.
  absl::StatusOr<std::vector<Accreditation>> ProviderAccreditations(
      db::Tx& tx, const std::string& provider_id,
      const std::string& framework_id);
  // A framework's accreditations (one lot, or every lot when `lot_id` is
  // empty) by provider and lot, after (`after_provider_id`,
  // `after_lot_id`).
  absl::StatusOr<std::vector<Accreditation>> FrameworkAccreditations(
      db::Tx& tx, const std::string& framework_id, const std::string& lot_id,
      const std::string& after_provider_id, const std::string& after_lot_id,
      int limit);

  // --- Suspensions ---------------------------------------------------------
  // Sets s.id; stores the action plan with it. ALREADY_EXISTS if the same
  // authority already has an active suspension of the same scope.
  absl::Status InsertSuspension(db::Tx& tx, Suspension& s);
  // With its action plan in item order.
  absl::StatusOr<Suspension> FindSuspension(db::Tx& tx, const std::string& id,
                                            bool for_update);
  // Writes status and reinstatement, and every item's evidence and
  // acceptance.
  absl::Status UpdateSuspension(db::Tx& tx, const Suspension& s);
  // A provider's suspensions on a framework (any status), with plans.
  absl::StatusOr<std::vector<Suspension>> ProviderSuspensions(
      db::Tx& tx, const std::string& provider_id,
      const std::string& framework_id);
  // Suspensions of a provider and/or a framework (empty: any), newest
  // first, ids below `before_id` (0: from the newest), with plans.
  absl::StatusOr<std::vector<Suspension>> ListSuspensions(
      db::Tx& tx, const std::string& provider_id,
      const std::string& framework_id, bool active_only, int64_t before_id,
      int limit);

  // --- Concerns ------------------------------------------------------------
  // Sets c.id.
  absl::Status InsertConcern(db::Tx& tx, Concern& c);
  absl::StatusOr<Concern> FindConcern(db::Tx& tx, const std::string& id,
                                      bool for_update);
  // Writes response, status and times.
  absl::Status UpdateConcern(db::Tx& tx, const Concern& c);
  // Concerns about a provider and/or on a framework (empty: any), newest
  // first.
  absl::StatusOr<std::vector<Concern>> ListConcerns(
      db::Tx& tx, const std::string& framework_id,
      const std::string& provider_id, int64_t before_id, int limit);

  // --- Eligibility ---------------------------------------------------------
  // The eligibility search (domain/eligibility.h) done by the database with
  // the lot-and-position index: the providers ADMITTED on the lot and not
  // blocked for the authority, each with its nearest qualifying setting
  // (serving the lot, within the distance, meeting the lot's Ofsted rule,
  // with an open vacancy by the wanted day, which comes with it), nearest
  // first, at most `limit`. Each candidate carries its accreditation (lot,
  // status, score) and that one setting with what the
  // decision reads (position, the searched lot, Ofsted details, service
  // radius); suspensions are left empty, as the query has applied them. The
  // caller confirms each with DecideEligibility.
  absl::StatusOr<std::vector<EligibilityCandidate>> SearchCandidates(
      db::Tx& tx, const CandidateQuery& query);
};

}  // namespace fhub::registry
