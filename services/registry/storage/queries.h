#pragma once

// Every SQL statement of the registry service, prepared once per
// connection. Names resolve in the service's schema and then public, where
// earthdistance lives (search_path "registry, public"). Instants come out as
// microseconds since the epoch (*_us columns); nullable instants and
// judgements go in as text, '' for NULL. Lists are jsonb and come out as
// JSON text; text[] columns go in as a JSON array and come out as one.

#include "common/db/pool.h"

namespace fhub::registry::queries {

using db::Query;

#define FHUB_US(column) "(extract(epoch FROM " column ") * 1000000)::bigint"

// A text[] from the JSON array in parameter `n`.
#define FHUB_TEXT_ARRAY(n) \
  "ARRAY(SELECT jsonb_array_elements_text(" n "::jsonb))"

// --- Providers ---------------------------------------------------------------

inline constexpr Query kInsertProvider{"insert_provider", R"sql(
INSERT INTO providers (provider_id, legal_name, kind, company_number,
                       charity_number, contacts, address, create_time,
                       update_time)
VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::timestamptz,
        $8::timestamptz)
ON CONFLICT DO NOTHING)sql"};

inline constexpr Query kUpdateProvider{"update_provider", R"sql(
UPDATE providers
SET legal_name = $2, kind = $3, company_number = $4, charity_number = $5,
    contacts = $6::jsonb, address = $7::jsonb, update_time = $8::timestamptz
WHERE provider_id = $1)sql"};

#define FHUB_PROVIDER_COLUMNS                                       \
  "provider_id, legal_name, kind, company_number, charity_number, " \
  "contacts, address, " FHUB_US("create_time") " AS create_us"

inline constexpr Query kFindProvider{"find_provider",
                                     "SELECT " FHUB_PROVIDER_COLUMNS
                                     " FROM providers WHERE provider_id = $1"};

inline constexpr Query kFindProviderForUpdate{
    "find_provider_for_update", "SELECT " FHUB_PROVIDER_COLUMNS
                                " FROM providers WHERE provider_id = $1"
                                " FOR UPDATE"};

inline constexpr Query kListProviders{"list_providers",
                                      "SELECT " FHUB_PROVIDER_COLUMNS
                                      " FROM providers"
                                      " WHERE provider_id > $1"
                                      " ORDER BY provider_id LIMIT $2"};

// --- Settings ----------------------------------------------------------------

// $9: the lots' keys, "{framework_id}/{lot_id}".
inline constexpr Query kInsertSetting{
    "insert_setting",
    "INSERT INTO settings (provider_id, setting_id, display_name, address,"
    "  latitude, longitude, lot_keys, capacity, registration_type,"
    "  ofsted_urn, judgement, judgement_date, service_radius_miles,"
    "  create_time, update_time)"
    " VALUES ($1, $2, $3, $4::jsonb, $5, $6, " FHUB_TEXT_ARRAY("$7") ", $8,"
    "  $9, $10, NULLIF($11, ''), NULLIF($12, '')::date, $13,"
    "  $14::timestamptz, $14::timestamptz)"
    " ON CONFLICT DO NOTHING"};

inline constexpr Query kUpdateSetting{
    "update_setting",
    "UPDATE settings"
    " SET display_name = $3, address = $4::jsonb, latitude = $5,"
    "  longitude = $6, lot_keys = " FHUB_TEXT_ARRAY("$7") ", capacity = $8,"
    "  registration_type = $9, ofsted_urn = $10,"
    "  judgement = NULLIF($11, ''), judgement_date = NULLIF($12, '')::date,"
    "  service_radius_miles = $13, update_time = $14::timestamptz"
    " WHERE provider_id = $1 AND setting_id = $2"};

#define FHUB_SETTING_COLUMNS                                               \
  "s.provider_id, s.setting_id, s.display_name, s.address, s.latitude, "   \
  "s.longitude, array_to_json(s.lot_keys)::text AS lot_keys, s.capacity, " \
  "s.registration_type, s.ofsted_urn, s.judgement, s.judgement_date, "     \
  "s.service_radius_miles"

inline constexpr Query kFindSetting{"find_setting",
                                    "SELECT " FHUB_SETTING_COLUMNS
                                    " FROM settings s"
                                    " WHERE provider_id = $1"
                                    "   AND setting_id = $2"};

inline constexpr Query kFindSettingForUpdate{"find_setting_for_update",
                                             "SELECT " FHUB_SETTING_COLUMNS
                                             " FROM settings s"
                                             " WHERE provider_id = $1"
                                             "   AND setting_id = $2"
                                             " FOR UPDATE"};

inline constexpr Query kListSettings{"list_settings",
                                     "SELECT " FHUB_SETTING_COLUMNS
                                     " FROM settings s"
                                     " WHERE provider_id = $1"
                                     "   AND setting_id > $2"
                                     " ORDER BY setting_id LIMIT $3"};

// --- Vacancies ---------------------------------------------------------------

inline constexpr Query kInsertVacancy{"insert_vacancy", R"sql(
INSERT INTO vacancies (provider_id, setting_id, places, available_from,
                       create_time)
VALUES ($1, $2, $3, $4::date, $5::timestamptz)
RETURNING vacancy_id)sql"};

#define FHUB_VACANCY_COLUMNS \
  "vacancy_id, provider_id, setting_id, places, available_from, " FHUB_US( \
      "create_time") " AS create_us, " FHUB_US("withdraw_time") " AS "     \
                                                                "withdraw_us"

inline constexpr Query kFindVacancy{"find_vacancy",
                                    "SELECT " FHUB_VACANCY_COLUMNS
                                    " FROM vacancies"
                                    " WHERE vacancy_id = $1"
                                    "   AND provider_id = $2"
                                    "   AND setting_id = $3"};

inline constexpr Query kFindVacancyForUpdate{"find_vacancy_for_update",
                                             "SELECT " FHUB_VACANCY_COLUMNS
                                             " FROM vacancies"
                                             " WHERE vacancy_id = $1"
                                             "   AND provider_id = $2"
                                             "   AND setting_id = $3"
                                             " FOR UPDATE"};

inline constexpr Query kWithdrawVacancy{"withdraw_vacancy", R"sql(
UPDATE vacancies SET withdraw_time = $2::timestamptz
WHERE vacancy_id = $1 AND withdraw_time IS NULL)sql"};

inline constexpr Query kListOpenVacancies{
    "list_open_vacancies", "SELECT " FHUB_VACANCY_COLUMNS
                           " FROM vacancies"
                           " WHERE provider_id = $1 AND setting_id = $2"
                           "   AND withdraw_time IS NULL"
                           " ORDER BY available_from, vacancy_id"};

// --- Questionnaires ----------------------------------------------------------

inline constexpr Query kPutQuestionnaire{"put_questionnaire", R"sql(
INSERT INTO questionnaires (framework_id, criteria, max_score, pass_mark,
                            minimum_evaluations, update_time)
VALUES ($1, $2::jsonb, $3, $4, $5, $6::timestamptz)
ON CONFLICT (framework_id) DO UPDATE
SET criteria = EXCLUDED.criteria, max_score = EXCLUDED.max_score,
    pass_mark = EXCLUDED.pass_mark,
    minimum_evaluations = EXCLUDED.minimum_evaluations,
    update_time = EXCLUDED.update_time)sql"};

#define FHUB_QUESTIONNAIRE_COLUMNS                 \
  "framework_id, criteria, max_score, pass_mark, " \
  "minimum_evaluations, " FHUB_US("update_time") " AS update_us"

inline constexpr Query kFindQuestionnaire{"find_questionnaire",
                                          "SELECT " FHUB_QUESTIONNAIRE_COLUMNS
                                          " FROM questionnaires"
                                          " WHERE framework_id = $1"};

inline constexpr Query kFindQuestionnaireForUpdate{
    "find_questionnaire_for_update", "SELECT " FHUB_QUESTIONNAIRE_COLUMNS
                                     " FROM questionnaires"
                                     " WHERE framework_id = $1 FOR UPDATE"};

inline constexpr Query kHasEvaluations{"has_evaluations", R"sql(
SELECT EXISTS (SELECT 1 FROM evaluations e
               JOIN applications a USING (application_id)
               WHERE a.framework_id = $1))sql"};

// The framework and provider of row $2 of table $1, through a function
// that reads it whatever the caller's row scope and gives back only those.
inline constexpr Query kFindRowOwner{
    "find_row_owner",
    "SELECT framework_id, provider_id FROM registry_row_owner($1, $2)"};

// --- Applications and evaluations --------------------------------------------

inline constexpr Query kInsertApplication{
    "insert_application",
    "INSERT INTO applications (provider_id, framework_id, lot_ids, status,"
    "  answers, feedback, create_time, submit_time, decide_time, decided_by)"
    " VALUES ($1, $2, " FHUB_TEXT_ARRAY("$3") ", $4, $5::jsonb, $6,"
    "  $7::timestamptz, NULLIF($8, '')::timestamptz,"
    "  NULLIF($9, '')::timestamptz, $10)"
    " RETURNING application_id"};

inline constexpr Query kUpdateApplication{"update_application", R"sql(
UPDATE applications
SET status = $2, feedback = $3, submit_time = NULLIF($4, '')::timestamptz,
    decide_time = NULLIF($5, '')::timestamptz, decided_by = $6
WHERE application_id = $1)sql"};

#define FHUB_APPLICATION_COLUMNS \
  "application_id, provider_id, framework_id, "                       \
  "array_to_json(lot_ids)::text AS lot_ids, status, answers, "        \
  "feedback, " FHUB_US("create_time") " AS create_us, "               \
  FHUB_US("submit_time") " AS submit_us, "                            \
  FHUB_US("decide_time") " AS decide_us, decided_by"

inline constexpr Query kFindApplication{"find_application",
                                        "SELECT " FHUB_APPLICATION_COLUMNS
                                        " FROM applications"
                                        " WHERE application_id = $1"};

inline constexpr Query kFindApplicationForUpdate{
    "find_application_for_update", "SELECT " FHUB_APPLICATION_COLUMNS
                                   " FROM applications"
                                   " WHERE application_id = $1 FOR UPDATE"};

inline constexpr Query kListProviderApplications{
    "list_provider_applications", "SELECT " FHUB_APPLICATION_COLUMNS
                                  " FROM applications"
                                  " WHERE provider_id = $1"
                                  "   AND application_id < $2"
                                  " ORDER BY application_id DESC LIMIT $3"};

inline constexpr Query kListFrameworkApplications{
    "list_framework_applications", "SELECT " FHUB_APPLICATION_COLUMNS
                                   " FROM applications"
                                   " WHERE framework_id = $1"
                                   "   AND status <> 'DRAFT'"
                                   "   AND application_id < $2"
                                   " ORDER BY application_id DESC LIMIT $3"};

inline constexpr Query kProviderApplicationsOn{
    "provider_applications_on", "SELECT " FHUB_APPLICATION_COLUMNS
                                " FROM applications"
                                " WHERE provider_id = $1"
                                "   AND framework_id = $2"
                                " ORDER BY application_id"};

inline constexpr Query kInsertEvaluation{"insert_evaluation", R"sql(
INSERT INTO evaluations (application_id, evaluator, evaluator_authority_id,
                         scores, submit_time)
VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz)
ON CONFLICT DO NOTHING)sql"};

#define FHUB_EVALUATION_COLUMNS                                          \
  "application_id, evaluator, evaluator_authority_id, scores, " FHUB_US( \
      "submit_time") " AS submit_us"

inline constexpr Query kListEvaluations{"list_evaluations",
                                        "SELECT " FHUB_EVALUATION_COLUMNS
                                        " FROM evaluations"
                                        " WHERE application_id = $1"
                                        " ORDER BY submit_time, evaluator"};

// --- Accreditations ----------------------------------------------------------

inline constexpr Query kPutAccreditation{"put_accreditation", R"sql(
INSERT INTO accreditations (provider_id, framework_id, lot_id, status,
                            quality_score, application_id, admit_time,
                            remove_time, removal_reason)
VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz,
        NULLIF($8, '')::timestamptz, $9)
ON CONFLICT (provider_id, framework_id, lot_id) DO UPDATE
SET status = EXCLUDED.status, quality_score = EXCLUDED.quality_score,
    application_id = EXCLUDED.application_id,
    admit_time = EXCLUDED.admit_time, remove_time = EXCLUDED.remove_time,
    removal_reason = EXCLUDED.removal_reason)sql"};

#define FHUB_ACCREDITATION_COLUMNS                                       \
  "a.provider_id, a.framework_id, a.lot_id, a.status, a.quality_score, " \
  "a.application_id, " FHUB_US("a.admit_time") " AS admit_us, " FHUB_US( \
      "a.remove_time") " AS remove_us, a.removal_reason"

// $2: one framework, or '' for all.
inline constexpr Query kProviderAccreditations{
    "provider_accreditations", "SELECT " FHUB_ACCREDITATION_COLUMNS
                               " FROM accreditations a"
                               " WHERE provider_id = $1"
                               "   AND ($2 = '' OR framework_id = $2)"
                               " ORDER BY framework_id, lot_id"};

// $2: one lot, or '' for every lot; after ($3 provider, $4 lot).
inline constexpr Query kFrameworkAccreditations{
    "framework_accreditations",
    "SELECT " FHUB_ACCREDITATION_COLUMNS
    " FROM accreditations a"
    " WHERE framework_id = $1 AND ($2 = '' OR lot_id = $2)"
    "   AND (provider_id, lot_id) > ($3, $4)"
    " ORDER BY provider_id, lot_id LIMIT $5"};

// --- Suspensions -------------------------------------------------------------

// Nothing comes back when the authority already has an active suspension
// of the same scope (suspensions_one_active).
inline constexpr Query kInsertSuspension{"insert_suspension", R"sql(
INSERT INTO suspensions (provider_id, framework_id, scope, authority_id,
                         reason, status, suspend_time, suspended_by,
                         reinstate_time, reinstated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8,
        NULLIF($9, '')::timestamptz, $10)
ON CONFLICT DO NOTHING
RETURNING suspension_id)sql"};

inline constexpr Query kInsertActionItem{"insert_action_item", R"sql(
INSERT INTO action_plan_items (suspension_id, item_number, description,
                               due_date, evidence, evidence_time, accepted,
                               accepted_by, accept_time)
VALUES ($1, $2, $3, $4::date, $5, NULLIF($6, '')::timestamptz, $7, $8,
        NULLIF($9, '')::timestamptz))sql"};

inline constexpr Query kUpdateSuspension{"update_suspension", R"sql(
UPDATE suspensions
SET status = $2, reinstate_time = NULLIF($3, '')::timestamptz,
    reinstated_by = $4
WHERE suspension_id = $1)sql"};

inline constexpr Query kUpdateActionItem{"update_action_item", R"sql(
UPDATE action_plan_items
SET evidence = $3, evidence_time = NULLIF($4, '')::timestamptz,
    accepted = $5, accepted_by = $6, accept_time = NULLIF($7, '')::timestamptz
WHERE suspension_id = $1 AND item_number = $2)sql"};

#define FHUB_SUSPENSION_COLUMNS \
  "suspension_id, provider_id, framework_id, scope, authority_id, "      \
  "reason, status, " FHUB_US("suspend_time") " AS suspend_us, "          \
  "suspended_by, " FHUB_US("reinstate_time") " AS reinstate_us, "        \
  "reinstated_by"

inline constexpr Query kFindSuspension{"find_suspension",
                                       "SELECT " FHUB_SUSPENSION_COLUMNS
                                       " FROM suspensions"
                                       " WHERE suspension_id = $1"};

inline constexpr Query kFindSuspensionForUpdate{
    "find_suspension_for_update", "SELECT " FHUB_SUSPENSION_COLUMNS
                                  " FROM suspensions"
                                  " WHERE suspension_id = $1 FOR UPDATE"};

inline constexpr Query kProviderSuspensions{"provider_suspensions",
                                            "SELECT " FHUB_SUSPENSION_COLUMNS
                                            " FROM suspensions"
                                            " WHERE provider_id = $1"
                                            "   AND framework_id = $2"
                                            " ORDER BY suspension_id"};

// $1 provider and $2 framework ('' for any); $3: active ones only.
inline constexpr Query kListSuspensions{
    "list_suspensions",
    "SELECT " FHUB_SUSPENSION_COLUMNS
    " FROM suspensions"
    " WHERE ($1 = '' OR provider_id = $1) AND ($2 = '' OR framework_id = $2)"
    "   AND (NOT $3 OR status = 'ACTIVE') AND suspension_id < $4"
    " ORDER BY suspension_id DESC LIMIT $5"};

#define FHUB_ACTION_ITEM_COLUMNS \
  "suspension_id, item_number, description, due_date, evidence, " \
  FHUB_US("evidence_time") " AS evidence_us, accepted, accepted_by, " \
  FHUB_US("accept_time") " AS accept_us"

// The action plans of the suspensions whose ids are in the bigint[] $1.
inline constexpr Query kListActionItems{
    "list_action_items", "SELECT " FHUB_ACTION_ITEM_COLUMNS
                         " FROM action_plan_items"
                         " WHERE suspension_id = ANY($1::bigint[])"
                         " ORDER BY suspension_id, item_number"};

// --- Concerns ----------------------------------------------------------------

inline constexpr Query kInsertConcern{"insert_concern", R"sql(
INSERT INTO concerns (provider_id, framework_id, raised_by_authority_id,
                      summary, raise_time, response, response_time, status,
                      close_time)
VALUES ($1, $2, $3, $4, $5::timestamptz, $6, NULLIF($7, '')::timestamptz, $8,
        NULLIF($9, '')::timestamptz)
RETURNING concern_id)sql"};

inline constexpr Query kUpdateConcern{"update_concern", R"sql(
UPDATE concerns
SET response = $2, response_time = NULLIF($3, '')::timestamptz, status = $4,
    close_time = NULLIF($5, '')::timestamptz
WHERE concern_id = $1)sql"};

#define FHUB_CONCERN_COLUMNS \
  "concern_id, provider_id, framework_id, raised_by_authority_id, "      \
  "summary, " FHUB_US("raise_time") " AS raise_us, response, "           \
  FHUB_US("response_time") " AS response_us, status, "                   \
  FHUB_US("close_time") " AS close_us"

inline constexpr Query kFindConcern{"find_concern",
                                    "SELECT " FHUB_CONCERN_COLUMNS
                                    " FROM concerns WHERE concern_id = $1"};

inline constexpr Query kFindConcernForUpdate{
    "find_concern_for_update", "SELECT " FHUB_CONCERN_COLUMNS
                               " FROM concerns WHERE concern_id = $1"
                               " FOR UPDATE"};

// $1 framework and $2 provider ('' for any).
inline constexpr Query kListConcerns{
    "list_concerns",
    "SELECT " FHUB_CONCERN_COLUMNS
    " FROM concerns"
    " WHERE ($1 = '' OR framework_id = $1) AND ($2 = '' OR provider_id = $2)"
    "   AND concern_id < $3"
    " ORDER BY concern_id DESC LIMIT $4"};

// --- Eligibility -------------------------------------------------------------

// The eligibility prefilter, one row per setting, by provider and setting:
// $1 framework, $2 lot, $3 "{framework}/{lot}", $4 the asking authority,
// $5/$6 latitude/longitude, $7 radius in metres, $8 the wanted-by day.
// Only the box test (settings_location) bounds the distance: its corners
// reach beyond the radius, but the domain measures every setting anyway,
// and checking here too costs more than the extra rows. The blocked
// providers are few and read once into a hash (NOT IN; provider_id is never
// NULL), which keeps the plan cheap whatever the estimate of the box's
// rows. The earliest open vacancy available by $8 comes with each setting
// (NULL columns when there is none).
// The eligibility search in one statement, on setting_lots (see the
// migration): for each provider ADMITTED on the lot ($1, $2) and not blocked
// for the authority ($3) by an active suspension, its nearest setting
// serving the lot within $6 miles of ($4, $5) that meets the lot's Ofsted
// rule ($9 registration required, $10 children's homes only, $11 the worst
// judgement rank allowed, 5 for any) and has an open vacancy available by
// $12; nearest first, then higher quality, then provider, at most $13; and
// only for those, what DecideEligibility needs of the setting and the
// earliest vacancy (columns read by position). setting_lots holds only
// ADMITTED providers in its index, with their quality score.
// $8: the lot serves an area (floating support), so a base's own service
// radius applies too. $7 is the index's box radius in metres. Distances are
// haversine miles on the domain's sphere (radius 3958.8 miles), so SQL and
// C++ agree; the box only narrows the index scan.
inline constexpr Query kSearchCandidates{"search_candidates", R"sql(
WITH found AS (
  SELECT DISTINCT ON (sl.provider_id)
         sl.provider_id, sl.setting_id, sl.latitude, sl.longitude,
         sl.registration_type, sl.judgement, sl.judgement_date,
         sl.service_radius_miles, sl.quality_score, d.miles
  FROM setting_lots sl
  CROSS JOIN LATERAL (
    SELECT 2 * 3958.8 * asin(sqrt(
             power(sin(radians(sl.latitude - $4::float8) / 2), 2) +
             cos(radians($4::float8)) * cos(radians(sl.latitude)) *
             power(sin(radians(sl.longitude - $5::float8) / 2), 2))) AS miles) d
  WHERE sl.framework_id = $1 AND sl.lot_id = $2
    AND sl.admitted AND sl.earliest_vacancy IS NOT NULL
    AND earth_box(ll_to_earth($4::float8, $5::float8), $7::float8)
        @> ll_to_earth(sl.latitude, sl.longitude)
    AND sl.earliest_vacancy <= $12::date
    AND sl.provider_id NOT IN (
      SELECT x.provider_id FROM suspensions x
      WHERE x.framework_id = $1 AND x.status = 'ACTIVE'
        AND (x.scope = 'FRAMEWORK_WIDE' OR x.authority_id = $3))
    AND d.miles <= $6::float8
    AND (NOT $8::boolean OR sl.service_radius_miles = 0
         OR d.miles <= sl.service_radius_miles)
    AND (NOT $9::boolean OR sl.registration_type <> 'NONE')
    AND (NOT $10::boolean OR sl.registration_type = 'CHILDRENS_HOME')
    AND sl.judgement_rank <= $11::integer
  ORDER BY sl.provider_id, d.miles, sl.setting_id),
nearest AS (
  SELECT * FROM found
  ORDER BY miles, quality_score DESC, provider_id
  LIMIT $13)
SELECT n.provider_id, n.setting_id, n.latitude, n.longitude,
       n.registration_type, n.judgement, n.judgement_date,
       n.service_radius_miles, n.quality_score,
       v.vacancy_id, v.places, v.available_from
FROM nearest n
JOIN LATERAL (
  SELECT vacancy_id, places, available_from FROM vacancies
  WHERE provider_id = n.provider_id AND setting_id = n.setting_id
    AND withdraw_time IS NULL AND available_from <= $12::date
  ORDER BY available_from, vacancy_id LIMIT 1) v ON true
ORDER BY n.miles, n.quality_score DESC, n.provider_id)sql"};

#undef FHUB_US
#undef FHUB_TEXT_ARRAY
#undef FHUB_PROVIDER_COLUMNS
#undef FHUB_SETTING_COLUMNS
#undef FHUB_VACANCY_COLUMNS
#undef FHUB_QUESTIONNAIRE_COLUMNS
#undef FHUB_EVALUATION_COLUMNS
#undef FHUB_ACTION_ITEM_COLUMNS
#undef FHUB_APPLICATION_COLUMNS
#undef FHUB_ACCREDITATION_COLUMNS
#undef FHUB_SUSPENSION_COLUMNS
#undef FHUB_CONCERN_COLUMNS

inline constexpr Query kAll[] = {
    kInsertProvider,
    kUpdateProvider,
    kFindProvider,
    kFindProviderForUpdate,
    kListProviders,
    kInsertSetting,
    kUpdateSetting,
    kFindSetting,
    kFindSettingForUpdate,
    kListSettings,
    kInsertVacancy,
    kFindVacancy,
    kFindVacancyForUpdate,
    kWithdrawVacancy,
    kListOpenVacancies,
    kPutQuestionnaire,
    kFindQuestionnaire,
    kFindQuestionnaireForUpdate,
    kHasEvaluations,
    kFindRowOwner,
    kInsertApplication,
    kUpdateApplication,
    kFindApplication,
    kFindApplicationForUpdate,
    kListProviderApplications,
    kListFrameworkApplications,
    kProviderApplicationsOn,
    kInsertEvaluation,
    kListEvaluations,
    kPutAccreditation,
    kProviderAccreditations,
    kFrameworkAccreditations,
    kInsertSuspension,
    kInsertActionItem,
    kUpdateSuspension,
    kUpdateActionItem,
    kFindSuspension,
    kFindSuspensionForUpdate,
    kProviderSuspensions,
    kListSuspensions,
    kListActionItems,
    kInsertConcern,
    kUpdateConcern,
    kFindConcern,
    kFindConcernForUpdate,
    kListConcerns,
    kSearchCandidates,
};

}  // namespace fhub::registry::queries
