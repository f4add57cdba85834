#pragma once

// Every SQL statement of the frameworks service, prepared once per
// connection. Names resolve in the service's own schema (search_path).
// Instants come out as microseconds since the epoch (epoch_us columns).

#include "common/db/pool.h"

namespace fhub::frameworks::queries {

using db::Query;

inline constexpr Query kInsertAuthority{"insert_authority", R"sql(
INSERT INTO authorities (authority_id, display_name, kind, create_time)
VALUES ($1, $2, $3, $4::timestamptz)
ON CONFLICT DO NOTHING)sql"};

#define FHUB_AUTHORITY_COLUMNS         \
  "authority_id, display_name, kind, " \
  "(extract(epoch FROM create_time) * 1000000)::bigint AS create_us"

inline constexpr Query kFindAuthority{"find_authority",
                                      "SELECT " FHUB_AUTHORITY_COLUMNS
                                      " FROM authorities"
                                      " WHERE authority_id = $1"};

inline constexpr Query kListAuthorities{"list_authorities",
                                        "SELECT " FHUB_AUTHORITY_COLUMNS
                                        " FROM authorities"
                                        " WHERE authority_id > $1"
                                        " ORDER BY authority_id LIMIT $2"};

inline constexpr Query kInsertFramework{"insert_framework", R"sql(
INSERT INTO frameworks (
  framework_id, title, procurement_route, lead_authority_id, status,
  term_start, initial_end, extension_months, maximum_end, current_end,
  admission_kind, admission_interval_months, admission_window_days,
  admission_first_opens, minimum_age, maximum_age, quorum_percent,
  pass_threshold_percent, unanimous, cost_sharing_method, create_time)
VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8::integer[], $9::date,
        $10::date, $11, $12, $13, $14::date, $15, $16, $17, $18, $19, $20,
        $21::timestamptz)
ON CONFLICT DO NOTHING)sql"};

inline constexpr Query kInsertLot{"insert_lot", R"sql(
INSERT INTO lots (framework_id, lot_id, position, title, service_type,
                  ofsted_registration_required, lowest_ofsted_grade)
VALUES ($1, $2, $3, $4, $5, $6, $7))sql"};

#define FHUB_FRAMEWORK_COLUMNS                                                \
  "framework_id, title, procurement_route, lead_authority_id, status, "       \
  "term_start, initial_end, array_to_string(extension_months, ',') AS "       \
  "extension_months, maximum_end, current_end, admission_kind, "              \
  "admission_interval_months, admission_window_days, admission_first_opens, " \
  "minimum_age, maximum_age, quorum_percent, pass_threshold_percent, "        \
  "unanimous, cost_sharing_method, "                                          \
  "(extract(epoch FROM create_time) * 1000000)::bigint AS create_us, "        \
  "(extract(epoch FROM activate_time) * 1000000)::bigint AS activate_us, "    \
  "extensions_taken, termination_reason, "                                    \
  "(extract(epoch FROM end_time) * 1000000)::bigint AS end_us"

inline constexpr Query kFindFramework{"find_framework",
                                      "SELECT " FHUB_FRAMEWORK_COLUMNS
                                      " FROM frameworks"
                                      " WHERE framework_id = $1"};

// The same, locking the row for a change of state.
inline constexpr Query kFindFrameworkForUpdate{
    "find_framework_for_update", "SELECT " FHUB_FRAMEWORK_COLUMNS
                                 " FROM frameworks"
                                 " WHERE framework_id = $1 FOR UPDATE"};

// $2: the caller sees every framework; otherwise those its authority ($3)
// leads or has been a member of.
inline constexpr Query kListFrameworks{
    "list_frameworks",
    "SELECT " FHUB_FRAMEWORK_COLUMNS
    " FROM frameworks f"
    " WHERE framework_id > $1"
    "   AND ($2 OR lead_authority_id = $3 OR EXISTS ("
    "     SELECT 1 FROM memberships m"
    "     WHERE m.framework_id = f.framework_id AND m.authority_id = $3))"
    " ORDER BY framework_id LIMIT $4"};

// Lots of the frameworks whose ids are in the text array $1.
inline constexpr Query kListLots{"list_lots", R"sql(
SELECT framework_id, lot_id, title, service_type,
       ofsted_registration_required, lowest_ofsted_grade
FROM lots WHERE framework_id = ANY($1::text[])
ORDER BY framework_id, position)sql"};

inline constexpr Query kActivateFramework{"activate_framework", R"sql(
UPDATE frameworks SET status = 'ACTIVE', activate_time = $2::timestamptz
WHERE framework_id = $1 AND status = 'DRAFT')sql"};

inline constexpr Query kHasMembership{"has_membership", R"sql(
SELECT EXISTS (SELECT 1 FROM memberships
               WHERE framework_id = $1 AND authority_id = $2))sql"};

#define FHUB_MEMBERSHIP_COLUMNS                                        \
  "membership_id, framework_id, authority_id, strategic_lead_name, "   \
  "strategic_lead_email, strategic_lead_title, joined_on, ceased_on, " \
  "cease_reason"

inline constexpr Query kLatestMembership{
    "latest_membership", "SELECT " FHUB_MEMBERSHIP_COLUMNS
                         " FROM memberships"
                         " WHERE framework_id = $1 AND authority_id = $2"
                         " ORDER BY joined_on DESC, membership_id DESC"
                         " LIMIT 1 FOR UPDATE"};

inline constexpr Query kInsertMembership{"insert_membership", R"sql(
INSERT INTO memberships (framework_id, authority_id, strategic_lead_name,
                         strategic_lead_email, strategic_lead_title, joined_on)
VALUES ($1, $2, $3, $4, $5, $6::date))sql"};

inline constexpr Query kCeaseMembership{"cease_membership", R"sql(
UPDATE memberships SET ceased_on = $3::date, cease_reason = $4
WHERE framework_id = $1 AND authority_id = $2 AND ceased_on IS NULL)sql"};

// Memberships after the key ($2 authority, $3 membership id); without $4
// (include ceased) only those in force on day $5 or later.
inline constexpr Query kListMemberships{
    "list_memberships",
    "SELECT " FHUB_MEMBERSHIP_COLUMNS
    " FROM memberships"
    " WHERE framework_id = $1 AND (authority_id, membership_id) > ($2, $3)"
    "   AND ($4 OR ceased_on IS NULL OR ceased_on > $5::date)"
    " ORDER BY authority_id, membership_id LIMIT $6"};

// Moves the current end after a passed ballot.
inline constexpr Query kExtendTerm{"extend_term", R"sql(
UPDATE frameworks SET current_end = $2::date, extensions_taken = $3
WHERE framework_id = $1 AND status = 'ACTIVE')sql"};

// ACTIVE -> EXPIRED or TERMINATED.
inline constexpr Query kEndFramework{"end_framework", R"sql(
UPDATE frameworks SET status = $2, end_time = $3::timestamptz,
                      termination_reason = $4
WHERE framework_id = $1 AND status = 'ACTIVE')sql"};

// ACTIVE frameworks whose current end is before day $1, locked; a second
// sweeper skips the ones the first holds.
inline constexpr Query kFrameworksDueToExpire{"frameworks_due_to_expire",
                                              "SELECT " FHUB_FRAMEWORK_COLUMNS
                                              " FROM frameworks"
                                              " WHERE status = 'ACTIVE'"
                                              "   AND current_end < $1::date"
                                              " ORDER BY framework_id"
                                              " LIMIT $2"
                                              " FOR UPDATE SKIP LOCKED"};

// Authorities whose membership period overlaps [$2, $3].
inline constexpr Query kMembersDuring{"members_during", R"sql(
SELECT DISTINCT authority_id FROM memberships
WHERE framework_id = $1 AND joined_on <= $3::date
  AND (ceased_on IS NULL OR ceased_on > $2::date)
ORDER BY authority_id)sql"};

#undef FHUB_AUTHORITY_COLUMNS
#undef FHUB_FRAMEWORK_COLUMNS
#undef FHUB_MEMBERSHIP_COLUMNS

inline constexpr Query kAll[] = {
    kInsertAuthority,
    kFindAuthority,
    kListAuthorities,
    kInsertFramework,
    kInsertLot,
    kFindFramework,
    kFindFrameworkForUpdate,
    kListFrameworks,
    kListLots,
    kActivateFramework,
    kHasMembership,
    kLatestMembership,
    kInsertMembership,
    kCeaseMembership,
    kListMemberships,
    kExtendTerm,
    kEndFramework,
    kFrameworksDueToExpire,
    kMembersDuring,
};

}  // namespace fhub::frameworks::queries
