#pragma once

// Every SQL statement of the referrals service, prepared once per
// connection (search_path "referrals"). Instants come out as microseconds
// since the epoch (*_us columns) and go in as ISO text, '' for NULL; dates
// go in and come out as ISO text; needs and setting lists cross as
// PostgreSQL array literals ('{A,B}'). Rows are read by column name.

#include <array>

#include "common/db/pool.h"

namespace fhub::referrals::queries {

using db::Query;

#define FHUB_REF_US(column) "(extract(epoch FROM " column ") * 1000000)::bigint"

// --- Referrals ---------------------------------------------------------------

inline constexpr Query kInsertReferral{"insert_referral", R"sql(
INSERT INTO referrals (authority_id, framework_id, lot_id, case_reference,
  age, needs, support_minutes_per_week, accommodation_type, latitude,
  longitude, max_distance_miles, wanted_start_date, response_deadline,
  weight_quality, weight_price, weight_distance, weekly_budget_pence,
  confidential_summary, status, create_time)
VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12::date,
        NULLIF($13, '')::timestamptz, $14, $15, $16, $17, $18, $19,
        $20::timestamptz)
RETURNING referral_id)sql"};

// A referral's columns and what its invitations add up to.
#define FHUB_REFERRAL_COLUMNS \
  "r.referral_id, r.authority_id, r.framework_id, r.lot_id, "                 \
  "r.case_reference, r.age, array_to_string(r.needs, ',') AS needs, "         \
  "r.support_minutes_per_week, r.accommodation_type, r.latitude, "            \
  "r.longitude, r.max_distance_miles, r.wanted_start_date, "                  \
  FHUB_REF_US("r.response_deadline") " AS deadline_us, r.weight_quality, "    \
  "r.weight_price, r.weight_distance, r.weekly_budget_pence, "                \
  "r.confidential_summary, r.status, "                                        \
  FHUB_REF_US("r.create_time") " AS create_us, "                              \
  FHUB_REF_US("r.submit_time") " AS submit_us, "                              \
  FHUB_REF_US("r.award_time") " AS award_us, r.placement_id, "                \
  "r.cancel_reason, c.invitation_count, c.live_offers, c.declines, "          \
  "c.waiting "
#define FHUB_REFERRAL_FROM                                                     \
  " FROM referrals r LEFT JOIN LATERAL (SELECT count(*) AS invitation_count, " \
  "count(*) FILTER (WHERE i.status = 'OFFERED') AS live_offers, "              \
  "count(*) FILTER (WHERE i.status = 'DECLINED') AS declines, "                \
  "count(*) FILTER (WHERE i.status = 'INVITED') AS waiting "                   \
  "FROM invitations i WHERE i.referral_id = r.referral_id) c ON true "

inline constexpr Query kFindReferral{
    "find_referral", "SELECT " FHUB_REFERRAL_COLUMNS FHUB_REFERRAL_FROM
                     "WHERE r.referral_id = $1 AND r.authority_id = $2"};
inline constexpr Query kFindReferralForUpdate{
    "find_referral_for_update",
    "SELECT " FHUB_REFERRAL_COLUMNS FHUB_REFERRAL_FROM
    "WHERE r.referral_id = $1 AND r.authority_id = $2 FOR UPDATE OF r"};

// Only the lock: an answer then reads its own invitation and the counts
// as committed once the lock is held (a new statement, a new snapshot).
inline constexpr Query kLockReferral{
    "lock_referral",
    "SELECT referral_id FROM referrals WHERE referral_id = $1 AND "
    "authority_id = $2 FOR UPDATE"};

inline constexpr Query kUpdateReferral{"update_referral", R"sql(
UPDATE referrals
SET status = $2, response_deadline = NULLIF($3, '')::timestamptz,
    max_distance_miles = $4, submit_time = NULLIF($5, '')::timestamptz,
    award_time = NULLIF($6, '')::timestamptz,
    placement_id = NULLIF($7, 0), cancel_reason = $8
WHERE referral_id = $1)sql"};

inline constexpr Query kListReferrals{
    "list_referrals", "SELECT " FHUB_REFERRAL_COLUMNS FHUB_REFERRAL_FROM
                      "WHERE r.authority_id = $1 AND r.referral_id < $2 "
                      "ORDER BY r.referral_id DESC LIMIT $3"};

inline constexpr Query kDueForClosing{
    "referrals_due_for_closing",
    "SELECT " FHUB_REFERRAL_COLUMNS FHUB_REFERRAL_FROM
    "WHERE r.status = 'OPEN' AND r.response_deadline <= $1::timestamptz "
    "ORDER BY r.response_deadline LIMIT $2 FOR UPDATE OF r SKIP LOCKED"};

inline constexpr Query kUnplacedReferrals{
    "unplaced_referrals",
    "SELECT " FHUB_REFERRAL_COLUMNS FHUB_REFERRAL_FROM
    "WHERE r.framework_id = $1 AND ($2 = '' OR r.authority_id = $2) "
    "AND r.status NOT IN ('AWARDED', 'CANCELLED') "
    "ORDER BY r.referral_id FOR UPDATE OF r"};

// --- Invitations -------------------------------------------------------------

// The invitations of one submission: the referral's columns once, the
// providers' as parallel arrays.
inline constexpr Query kInsertInvitations{"insert_invitations", R"sql(
INSERT INTO invitations (referral_id, provider_id, authority_id, framework_id,
  setting_id, distance_miles, quality_score, status, invite_time)
SELECT $1, i.provider_id, $2, $3, i.setting_id, i.distance_miles,
       i.quality_score, 'INVITED', $4::timestamptz
FROM unnest($5::text[], $6::text[], $7::float8[], $8::float8[])
  AS i(provider_id, setting_id, distance_miles, quality_score)
ON CONFLICT (referral_id, provider_id) DO NOTHING)sql"};

#define FHUB_INVITATION_COLUMNS \
  "i.referral_id AS i_referral_id, i.provider_id, i.authority_id AS "         \
  "i_authority_id, i.framework_id AS i_framework_id, i.setting_id, i.distance_miles, i.quality_score, "         \
  "i.status AS i_status, " FHUB_REF_US("i.invite_time") " AS invite_us, "     \
  FHUB_REF_US("i.answer_time") " AS answer_us, i.offer_setting_id, "          \
  "i.offer_available_date, i.offer_accommodation_weekly_pence, "              \
  "i.offer_support_hourly_pence, i.offer_support_minutes_per_week, "          \
  "i.offer_notes, i.offer_distance_miles, i.offer_weekly_pence, "             \
  "i.spot_price, i.decline_reason, i.decline_note "

inline constexpr Query kFindInvitation{
    "find_invitation",
    "SELECT " FHUB_INVITATION_COLUMNS
    "FROM invitations i WHERE i.referral_id = $1 AND i.provider_id = $2"};

inline constexpr Query kReferralInvitations{
    "referral_invitations",
    "SELECT " FHUB_INVITATION_COLUMNS
    "FROM invitations i WHERE i.referral_id = $1 ORDER BY i.provider_id"};

inline constexpr Query kUpdateInvitation{"update_invitation", R"sql(
UPDATE invitations
SET status = $3, answer_time = NULLIF($4, '')::timestamptz,
    offer_setting_id = NULLIF($5, ''), offer_available_date = NULLIF($6, '')::date,
    offer_accommodation_weekly_pence = $7, offer_support_hourly_pence = $8,
    offer_support_minutes_per_week = $9, offer_notes = $10,
    offer_distance_miles = $11, offer_weekly_pence = $12, spot_price = $13,
    decline_reason = NULLIF($14, ''), decline_note = $15,
    offered = offered OR $3 = 'OFFERED'
WHERE referral_id = $1 AND provider_id = $2)sql"};

inline constexpr Query kProviderInvitations{
    "provider_invitations",
    "SELECT " FHUB_INVITATION_COLUMNS ", " FHUB_REFERRAL_COLUMNS
    "FROM invitations i JOIN referrals r ON r.referral_id = i.referral_id "
    "LEFT JOIN LATERAL (SELECT count(*) AS invitation_count, "
    "count(*) FILTER (WHERE x.status = 'OFFERED') AS live_offers, "
    "count(*) FILTER (WHERE x.status = 'DECLINED') AS declines, "
    "count(*) FILTER (WHERE x.status = 'INVITED') AS waiting "
    "FROM invitations x WHERE x.referral_id = r.referral_id) c ON true "
    "WHERE i.provider_id = $1 AND i.referral_id < $2 AND (NOT $3 OR "
    "(i.status IN ('INVITED', 'OFFERED') AND r.status IN ('OPEN', "
    "'EVALUATING'))) ORDER BY i.referral_id DESC LIMIT $4"};

inline constexpr Query kFindInvitationRecord{
    "find_invitation_record",
    "SELECT " FHUB_INVITATION_COLUMNS ", " FHUB_REFERRAL_COLUMNS
    "FROM invitations i JOIN referrals r ON r.referral_id = i.referral_id "
    "LEFT JOIN LATERAL (SELECT count(*) AS invitation_count, "
    "count(*) FILTER (WHERE x.status = 'OFFERED') AS live_offers, "
    "count(*) FILTER (WHERE x.status = 'DECLINED') AS declines, "
    "count(*) FILTER (WHERE x.status = 'INVITED') AS waiting "
    "FROM invitations x WHERE x.referral_id = r.referral_id) c ON true "
    "WHERE i.referral_id = $1 AND i.provider_id = $2"};

inline constexpr Query kLiveInvitations{
    "live_invitations",
    "SELECT " FHUB_INVITATION_COLUMNS
    "FROM invitations i JOIN referrals r ON r.referral_id = i.referral_id "
    "WHERE i.provider_id = $1 AND ($2 = '' OR i.authority_id = $2) "
    "AND ($3 = '' OR i.framework_id = $3) "
    "AND i.status IN ('INVITED', 'OFFERED') "
    "AND r.status IN ('OPEN', 'EVALUATING') "
    "ORDER BY i.referral_id FOR UPDATE OF i, r"};

// --- Places ------------------------------------------------------------------

inline constexpr Query kPutSettingPlaces{"put_setting_places", R"sql(
INSERT INTO setting_places (provider_id, setting_id, capacity, latitude,
                            longitude, update_time)
VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
ON CONFLICT (provider_id, setting_id) DO UPDATE
SET capacity = EXCLUDED.capacity, latitude = EXCLUDED.latitude,
    longitude = EXCLUDED.longitude, update_time = EXCLUDED.update_time
WHERE (setting_places.capacity, setting_places.latitude,
       setting_places.longitude) IS DISTINCT FROM
      (EXCLUDED.capacity, EXCLUDED.latitude, EXCLUDED.longitude))sql"};

inline constexpr Query kLockSettingPlaces{
    "lock_setting_places",
    "SELECT provider_id, setting_id, capacity, latitude, longitude "
    "FROM setting_places WHERE provider_id = $1 AND setting_id = $2 "
    "FOR UPDATE"};

// --- Placements --------------------------------------------------------------

inline constexpr Query kInsertPlacement{"insert_placement", R"sql(
INSERT INTO placements (authority_id, referral_id, framework_id, lot_id,
  provider_id, setting_id, block_contract_id, start_date,
  accommodation_weekly_pence, support_hourly_pence, distance_miles,
  award_reason, create_time)
VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, 0), $8::date, $9, $10, $11, $12,
        $13::timestamptz)
RETURNING placement_id)sql"};

// A placement's columns then, one row per hours change in date order, the
// change's (a placement always has at least one).
#define FHUB_PLACEMENT_COLUMNS \
  "p.placement_id, p.authority_id, p.referral_id, p.framework_id, "           \
  "p.lot_id, p.provider_id, p.setting_id, "                                   \
  "coalesce(p.block_contract_id, 0) AS block_contract_id, p.start_date, "     \
  "p.accommodation_weekly_pence, p.support_hourly_pence, p.end_date, "        \
  "p.end_reason, p.end_note, p.distance_miles, p.award_reason, "              \
  FHUB_REF_US("p.create_time") " AS create_us, h.effective_date, "            \
  "h.support_minutes_per_week AS h_minutes, "                                 \
  FHUB_REF_US("h.record_time") " AS record_us "
#define FHUB_PLACEMENT_FROM \
  "FROM placements p LEFT JOIN hours_changes h USING (placement_id) "

inline constexpr Query kFindPlacement{
    "find_placement", "SELECT " FHUB_PLACEMENT_COLUMNS FHUB_PLACEMENT_FROM
                      "WHERE p.placement_id = $1 AND p.authority_id = $2 "
                      "ORDER BY h.effective_date"};
inline constexpr Query kLockPlacement{
    "lock_placement",
    "SELECT placement_id FROM placements WHERE placement_id = $1 AND "
    "authority_id = $2 FOR UPDATE"};

inline constexpr Query kPutHoursChange{"put_hours_change", R"sql(
INSERT INTO hours_changes (placement_id, effective_date,
                           support_minutes_per_week, record_time)
VALUES ($1, $2::date, $3, $4::timestamptz)
ON CONFLICT (placement_id, effective_date) DO UPDATE
SET support_minutes_per_week = EXCLUDED.support_minutes_per_week,
    record_time = EXCLUDED.record_time)sql"};

inline constexpr Query kUpdatePlacementEnd{"update_placement_end", R"sql(
UPDATE placements SET end_date = $2::date, end_reason = $3, end_note = $4
WHERE placement_id = $1)sql"};

inline constexpr Query kListPlacements{
    "list_placements",
    "WITH page AS (SELECT placement_id FROM placements "
    "WHERE (CASE WHEN $2 THEN provider_id ELSE authority_id END) = $1 "
    "AND placement_id < $4 AND (NOT $3 OR end_date IS NULL) "
    "ORDER BY placement_id DESC LIMIT $5) "
    "SELECT " FHUB_PLACEMENT_COLUMNS FHUB_PLACEMENT_FROM
    "WHERE p.placement_id IN (SELECT placement_id FROM page) "
    "ORDER BY p.placement_id DESC, h.effective_date"};

// The authority's placements running on any day of [$2, $3], after
// placement $4, oldest first, $5 of them.
inline constexpr Query kPlacementsInPeriod{
    "placements_in_period",
    "WITH page AS (SELECT placement_id FROM placements "
    "WHERE authority_id = $1 AND start_date <= $3::date "
    "AND (end_date IS NULL OR end_date >= $2::date) AND placement_id > $4 "
    "ORDER BY placement_id LIMIT $5) "
    "SELECT " FHUB_PLACEMENT_COLUMNS FHUB_PLACEMENT_FROM
    "WHERE p.placement_id IN (SELECT placement_id FROM page) "
    "ORDER BY p.placement_id, h.effective_date"};

inline constexpr Query kCaseReferences{
    "case_references",
    "SELECT referral_id, case_reference FROM referrals "
    "WHERE referral_id = ANY($1::bigint[])"};

// Every authority's placements count against a setting's places: read
// through setting_occupancy (V002), which gives their dates and nothing else.
inline constexpr Query kPlacesTaken{
    "places_taken",
    "SELECT start_date, end_date FROM setting_occupancy($1, $2, $3::date) "
    "ORDER BY start_date"};

inline constexpr Query kBlockPlacements{
    "block_placements",
    "SELECT " FHUB_PLACEMENT_COLUMNS FHUB_PLACEMENT_FROM
    "WHERE p.block_contract_id = $1 ORDER BY p.placement_id, h.effective_date"};

inline constexpr Query kCaseReference{
    "case_reference",
    "SELECT case_reference FROM referrals WHERE referral_id = $1"};

// --- Block contracts ---------------------------------------------------------

inline constexpr Query kInsertBlockContract{"insert_block_contract", R"sql(
INSERT INTO block_contracts (authority_id, provider_id, framework_id, lot_id,
  setting_ids, places, start_date, end_date, weekly_pence_per_place,
  support_hourly_pence, create_time)
VALUES ($1, $2, $3, $4, $5::text[], $6, $7::date, $8::date, $9, $10,
        $11::timestamptz)
RETURNING block_contract_id)sql"};

#define FHUB_BLOCK_COLUMNS                                                 \
  "block_contract_id, authority_id, provider_id, framework_id, lot_id, "   \
  "array_to_string(setting_ids, ',') AS setting_ids, places, start_date, " \
  "end_date, weekly_pence_per_place, support_hourly_pence, " FHUB_REF_US(  \
      "create_time") " AS create_us "

inline constexpr Query kFindBlockContract{
    "find_block_contract",
    "SELECT " FHUB_BLOCK_COLUMNS
    "FROM block_contracts "
    "WHERE block_contract_id = $1 AND authority_id = $2"};
inline constexpr Query kFindBlockContractForUpdate{
    "find_block_contract_for_update",
    "SELECT " FHUB_BLOCK_COLUMNS
    "FROM block_contracts "
    "WHERE block_contract_id = $1 AND authority_id = $2 FOR UPDATE"};
inline constexpr Query kListBlockContracts{
    "list_block_contracts",
    "SELECT " FHUB_BLOCK_COLUMNS
    "FROM block_contracts "
    "WHERE authority_id = $1 ORDER BY block_contract_id DESC"};

// --- What the other services said --------------------------------------------

inline constexpr Query kPutStopped{"put_stopped", R"sql(
INSERT INTO stopped_memberships (framework_id, authority_id, stop_date, reason)
VALUES ($1, $2, $3::date, $4)
ON CONFLICT (framework_id, authority_id) DO UPDATE
SET stop_date = LEAST(stopped_memberships.stop_date, EXCLUDED.stop_date),
    reason = EXCLUDED.reason)sql"};

inline constexpr Query kStoppedReason{
    "stopped_reason",
    "SELECT reason FROM stopped_memberships WHERE framework_id = $1 "
    "AND authority_id IN ('', $2) AND stop_date <= $3::date "
    "ORDER BY authority_id LIMIT 1"};

inline constexpr Query kEnsurePosition{"ensure_stream_position", R"sql(
INSERT INTO stream_positions (source, after_sequence, update_time)
VALUES ($1, 0, now()) ON CONFLICT (source) DO NOTHING)sql"};
inline constexpr Query kLockPosition{
    "lock_stream_position",
    "SELECT after_sequence FROM stream_positions WHERE source = $1 FOR UPDATE"};
inline constexpr Query kSavePosition{
    "save_stream_position",
    "UPDATE stream_positions SET after_sequence = $2, "
    "update_time = $3::timestamptz WHERE source = $1"};

// --- Figures -----------------------------------------------------------------

// Referrals submitted in the period and what became of them.
inline constexpr Query kReferralFigures{"referral_figures", R"sql(
SELECT count(*) AS referrals,
       coalesce(sum(c.invitations), 0) AS invitations,
       coalesce(sum(c.offers), 0) AS offers,
       count(*) FILTER (WHERE r.status = 'AWARDED') AS awarded,
       coalesce(avg(extract(epoch FROM r.award_time - r.submit_time) / 3600)
         FILTER (WHERE r.status = 'AWARDED'), 0)::double precision
         AS mean_hours_to_award
FROM referrals r
LEFT JOIN LATERAL (
  SELECT count(*) AS invitations, count(*) FILTER (WHERE i.offered) AS offers
  FROM invitations i WHERE i.referral_id = r.referral_id) c ON true
WHERE r.framework_id = $1 AND ($2 = '' OR r.authority_id = $2)
  AND r.submit_time IS NOT NULL
  AND (r.submit_time AT TIME ZONE 'Europe/London')::date BETWEEN $3::date
                                                             AND $4::date)sql"};

inline constexpr Query kDeclineFigures{"decline_figures", R"sql(
SELECT i.decline_reason, count(*) AS declines
FROM invitations i JOIN referrals r ON r.referral_id = i.referral_id
WHERE r.framework_id = $1 AND ($2 = '' OR r.authority_id = $2)
  AND r.submit_time IS NOT NULL
  AND (r.submit_time AT TIME ZONE 'Europe/London')::date BETWEEN $3::date
                                                             AND $4::date
  AND i.decline_reason IS NOT NULL
GROUP BY i.decline_reason ORDER BY i.decline_reason)sql"};

// Weekly cost at the start: accommodation + support for the first hours,
// rounded to the penny halves up, as the domain's WeeklyCost.
inline constexpr Query kPlacementFigures{"placement_figures", R"sql(
SELECT count(*) FILTER (WHERE p.start_date BETWEEN $3::date AND $4::date)
         AS started,
       count(*) FILTER (WHERE p.end_date BETWEEN $3::date AND $4::date)
         AS ended,
       count(*) FILTER (WHERE p.start_date BETWEEN $3::date AND $4::date
                          AND p.distance_miles <= 20) AS within_20,
       coalesce(round(avg(p.accommodation_weekly_pence +
         floor((2 * p.support_hourly_pence * h.support_minutes_per_week + 60)
               / 120.0))
         FILTER (WHERE p.start_date BETWEEN $3::date AND $4::date)), 0)::bigint
         AS mean_weekly
FROM placements p
JOIN hours_changes h ON h.placement_id = p.placement_id
                    AND h.effective_date = p.start_date
WHERE p.framework_id = $1 AND ($2 = '' OR p.authority_id = $2)
  AND (p.start_date BETWEEN $3::date AND $4::date
       OR p.end_date BETWEEN $3::date AND $4::date))sql"};

inline constexpr Query kPlacementsStarted{"placements_started", R"sql(
SELECT authority_id, count(*) AS placements FROM placements
WHERE framework_id = $1 AND start_date BETWEEN $2::date AND $3::date
GROUP BY authority_id ORDER BY authority_id)sql"};

inline constexpr std::array kAll = {
    kInsertReferral,
    kFindReferral,
    kFindReferralForUpdate,
    kLockReferral,
    kUpdateReferral,
    kListReferrals,
    kDueForClosing,
    kUnplacedReferrals,
    kInsertInvitations,
    kFindInvitation,
    kReferralInvitations,
    kUpdateInvitation,
    kProviderInvitations,
    kFindInvitationRecord,
    kLiveInvitations,
    kPutSettingPlaces,
    kLockSettingPlaces,
    kInsertPlacement,
    kFindPlacement,
    kLockPlacement,
    kPutHoursChange,
    kUpdatePlacementEnd,
    kListPlacements,
    kPlacesTaken,
    kBlockPlacements,
    kCaseReference,
    kPlacementsInPeriod,
    kCaseReferences,
    kInsertBlockContract,
    kFindBlockContract,
    kFindBlockContractForUpdate,
    kListBlockContracts,
    kPutStopped,
    kStoppedReason,
    kEnsurePosition,
    kLockPosition,
    kSavePosition,
    kReferralFigures,
    kDeclineFigures,
    kPlacementFigures,
    kPlacementsStarted,
};

#undef FHUB_REFERRAL_COLUMNS
#undef FHUB_REFERRAL_FROM
#undef FHUB_INVITATION_COLUMNS
#undef FHUB_PLACEMENT_COLUMNS
#undef FHUB_PLACEMENT_FROM
#undef FHUB_BLOCK_COLUMNS
#undef FHUB_REF_US

}  // namespace fhub::referrals::queries
