#pragma once

// How the referrals store turns rows into domain values and values into
// statement parameters; shared by referrals_store.cc and placements_store.cc
// and by nothing else. Rows are read by column name (storage/queries.h).

#include <array>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/enum_names.h"
#include "services/referrals/domain/model.h"
#include "services/referrals/storage/referrals_store.h"

namespace fhub::referrals {

template <typename E, size_t N>
E EnumColumn(const std::array<EnumName<E>, N>& table, const pqxx::field& f) {
  // The schema's CHECK constraints keep stored names to known values.
  return ValueOf(table, f.as<std::string>()).value_or(table[0].value);
}

// '{A,B}': the names are upper-case words or resource ids, which need no
// quoting in an array literal.
template <typename T, typename Format>
std::string ArrayLiteral(const std::vector<T>& items, Format format) {
  return absl::StrCat("{", absl::StrJoin(items, ",", format), "}");
}

absl::Time TimeColumn(const pqxx::field& f);
std::optional<absl::Time> OptionalTime(const pqxx::field& f);
absl::CivilDay DateColumn(const pqxx::field& f);
std::string Str(absl::string_view s);
// A nullable instant as the statements take it: '' for NULL.
std::string OptionalTimestamp(const std::optional<absl::Time>& at);
// The upper bound of a newest-first page: ids below `before_id`, or all.
int64_t PageBound(int64_t before_id);
// A text column of comma-joined names ('' for none).
std::vector<std::string> SplitList(const pqxx::field& f);

ReferralRecord ReadReferral(const pqxx::row& row);
Invitation ReadInvitation(const pqxx::row& row);
// Placements with their hours from rows grouped by placement, hours in date
// order within a placement.
std::vector<Placement> ReadPlacements(const pqxx::result& rows);
BlockContract ReadBlock(const pqxx::row& row);

// NOT_FOUND "{what} not found".
absl::Status NotFound(absl::string_view what);

}  // namespace fhub::referrals
