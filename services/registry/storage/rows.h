#pragma once

// Internal to the registry's storage (registry_store.cc and
// registry_records_store.cc): how columns read into the domain model, how
// list-valued fields go to and from their jsonb columns, and how each row
// becomes a record. Not for use outside services/registry/storage.

#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/transaction.h"
#include "common/enum_names.h"
#include "services/registry/domain/model.h"
#include "services/registry/storage/registry_store.h"

namespace fhub::registry::storage_internal {

using Json = nlohmann::json;

// --- Columns and parameters ----------------------------------------------

template <typename E, size_t N>
E EnumColumn(const std::array<EnumName<E>, N>& table, const pqxx::field& f) {
  // The schema's CHECK constraints keep stored names to known values.
  return ValueOf(table, f.as<std::string>()).value_or(table[0].value);
}

absl::Time TimeColumn(const pqxx::field& f);
std::optional<absl::Time> OptionalTimeColumn(const pqxx::field& f);
absl::CivilDay DateColumn(const pqxx::field& f);
Json JsonColumn(const pqxx::field& f);
std::string IdColumn(const pqxx::field& f);

std::string Str(absl::string_view s);

// A nullable instant as the statements take it: '' for NULL.
std::string OptionalTimestamp(const std::optional<absl::Time>& at);

// A database-assigned id; std::nullopt for text that cannot be one, which
// therefore names nothing.
std::optional<int64_t> ParseId(const std::string& id);

// The upper bound of a newest-first page: ids below `before_id`, or all.
int64_t PageBound(int64_t before_id);

// NOT_FOUND: "`resource` not found".
absl::Status NotFound(absl::string_view resource);

// --- JSON columns ----------------------------------------------------------

Json AddressJson(const Address& a);
Address ParseAddress(const Json& j);
std::string ContactsJson(const std::vector<Contact>& contacts);
std::vector<Contact> ParseContacts(const Json& j);
std::string CriteriaJson(const std::vector<Criterion>& criteria);
std::vector<Criterion> ParseCriteria(const Json& j);
std::string AnswersJson(const std::vector<Answer>& answers);
std::vector<Answer> ParseAnswers(const Json& j);
std::string ScoresJson(const std::vector<CriterionScore>& scores);
std::vector<CriterionScore> ParseScores(const Json& j);

// "{framework_id}/{lot_id}", as settings.lot_keys holds a lot.
std::string LotKey(const LotRef& lot);
std::string LotKeysJson(const std::vector<LotRef>& lots);
std::vector<LotRef> ParseLotKeys(const Json& j);

// --- Rows ------------------------------------------------------------------

Provider ReadProvider(const pqxx::row& row);
Setting ReadSetting(const pqxx::row& row);
VacancyRecord ReadVacancy(const pqxx::row& row);
QuestionnaireRecord ReadQuestionnaire(const pqxx::row& row);
Application ReadApplication(const pqxx::row& row);
std::vector<Application> ReadApplications(const pqxx::result& rows);
Evaluation ReadEvaluation(const pqxx::row& row);
Accreditation ReadAccreditation(const pqxx::row& row);
std::vector<Accreditation> ReadAccreditations(const pqxx::result& rows);
Suspension ReadSuspension(const pqxx::row& row);
ActionPlanItem ReadActionItem(const pqxx::row& row);
// Reads suspensions and fills in their action plans with one more query.
std::vector<Suspension> ReadSuspensions(db::Tx& tx, const pqxx::result& rows);
Concern ReadConcern(const pqxx::row& row);

}  // namespace fhub::registry::storage_internal
