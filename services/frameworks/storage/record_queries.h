#pragma once

// SQL of extension ballots, admission rounds and cost-share statements.
// Numbers (ballot 1, 2, ...) are taken as the next free one while the
// framework row is locked by the caller.

#include "common/db/pool.h"

namespace fhub::frameworks::queries {

using db::Query;

inline constexpr Query kInsertBallot{"insert_ballot", R"sql(
INSERT INTO extension_ballots (framework_id, ballot_number, option_number,
                               option_months, open_time, close_time)
SELECT $1, coalesce(max(ballot_number), 0) + 1, $2, $3, $4::timestamptz,
       $5::timestamptz
FROM extension_ballots WHERE framework_id = $1
RETURNING ballot_number)sql"};

inline constexpr Query kInsertElector{"insert_elector", R"sql(
INSERT INTO ballot_electors (framework_id, ballot_number, authority_id)
VALUES ($1, $2, $3))sql"};

#define FHUB_BALLOT_COLUMNS                                            \
  "framework_id, ballot_number, option_number, option_months, "        \
  "(extract(epoch FROM open_time) * 1000000)::bigint AS open_us, "     \
  "(extract(epoch FROM close_time) * 1000000)::bigint AS close_us, "   \
  "(extract(epoch FROM closed_time) * 1000000)::bigint AS closed_us, " \
  "outcome, new_current_end"

inline constexpr Query kFindBallot{"find_ballot", "SELECT " FHUB_BALLOT_COLUMNS
                                                  " FROM extension_ballots"
                                                  " WHERE framework_id = $1"
                                                  "   AND ballot_number = $2"};

// Locks the ballot so that votes on it are counted one at a time.
inline constexpr Query kFindBallotForUpdate{"find_ballot_for_update",
                                            "SELECT " FHUB_BALLOT_COLUMNS
                                            " FROM extension_ballots"
                                            " WHERE framework_id = $1"
                                            "   AND ballot_number = $2"
                                            " FOR UPDATE"};

inline constexpr Query kListBallots{"list_ballots",
                                    "SELECT " FHUB_BALLOT_COLUMNS
                                    " FROM extension_ballots"
                                    " WHERE framework_id = $1"
                                    "   AND ballot_number < $2"
                                    " ORDER BY ballot_number DESC LIMIT $3"};

inline constexpr Query kOpenBallotOf{"open_ballot_of", R"sql(
SELECT ballot_number FROM extension_ballots
WHERE framework_id = $1 AND closed_time IS NULL)sql"};

// Open ballots whose close time has come, oldest first.
inline constexpr Query kBallotsDue{"ballots_due", R"sql(
SELECT framework_id, ballot_number FROM extension_ballots
WHERE closed_time IS NULL AND close_time <= $1::timestamptz
ORDER BY close_time LIMIT $2)sql"};

inline constexpr Query kListElectors{"list_electors", R"sql(
SELECT authority_id, withdrawn FROM ballot_electors
WHERE framework_id = $1 AND ballot_number = $2 ORDER BY authority_id)sql"};

inline constexpr Query kListVotes{"list_votes", R"sql(
SELECT authority_id, choice, comment,
       (extract(epoch FROM cast_time) * 1000000)::bigint AS cast_us, voter
FROM ballot_votes
WHERE framework_id = $1 AND ballot_number = $2 ORDER BY authority_id)sql"};

inline constexpr Query kInsertVote{"insert_vote", R"sql(
INSERT INTO ballot_votes (framework_id, ballot_number, authority_id, choice,
                          comment, cast_time, voter)
VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7)
ON CONFLICT DO NOTHING)sql"};

inline constexpr Query kCloseBallot{"close_ballot", R"sql(
UPDATE extension_ballots
SET closed_time = $3::timestamptz, outcome = $4, new_current_end = $5::date
WHERE framework_id = $1 AND ballot_number = $2 AND closed_time IS NULL)sql"};

inline constexpr Query kWithdrawElector{"withdraw_elector", R"sql(
UPDATE ballot_electors SET withdrawn = true
WHERE framework_id = $1 AND ballot_number = $2 AND authority_id = $3)sql"};

inline constexpr Query kInsertRound{"insert_round", R"sql(
INSERT INTO admission_rounds (framework_id, round_number, lot_ids, open_time,
                              close_time)
SELECT $1, coalesce(max(round_number), 0) + 1, $2::text[], $3::timestamptz,
       $4::timestamptz
FROM admission_rounds WHERE framework_id = $1
RETURNING round_number)sql"};

#define FHUB_ROUND_COLUMNS                                           \
  "round_number, array_to_string(lot_ids, ',') AS lot_ids, "         \
  "(extract(epoch FROM open_time) * 1000000)::bigint AS open_us, "   \
  "(extract(epoch FROM close_time) * 1000000)::bigint AS close_us, " \
  "closed_early"

inline constexpr Query kFindRoundForUpdate{"find_round_for_update",
                                           "SELECT " FHUB_ROUND_COLUMNS
                                           " FROM admission_rounds"
                                           " WHERE framework_id = $1"
                                           "   AND round_number = $2"
                                           " FOR UPDATE"};

inline constexpr Query kListRounds{"list_rounds", "SELECT " FHUB_ROUND_COLUMNS
                                                  " FROM admission_rounds"
                                                  " WHERE framework_id = $1"
                                                  " ORDER BY round_number"};

inline constexpr Query kCloseRoundEarly{"close_round_early", R"sql(
UPDATE admission_rounds SET close_time = $3::timestamptz, closed_early = true
WHERE framework_id = $1 AND round_number = $2)sql"};

inline constexpr Query kInsertStatement{"insert_statement", R"sql(
INSERT INTO cost_share_statements (
  framework_id, statement_number, period_start, period_end, cost_pence,
  method, applied_method, count_source, corrects, note, issue_time)
SELECT $1, coalesce(max(statement_number), 0) + 1, $2::date, $3::date, $4,
       $5, $6, $7, $8::integer, $9, $10::timestamptz
FROM cost_share_statements WHERE framework_id = $1
RETURNING statement_number)sql"};

inline constexpr Query kInsertShare{"insert_share", R"sql(
INSERT INTO cost_shares (framework_id, statement_number, authority_id, basis,
                         amount_pence)
VALUES ($1, $2, $3, $4, $5))sql"};

#define FHUB_STATEMENT_COLUMNS                                             \
  "framework_id, statement_number, period_start, period_end, cost_pence, " \
  "method, applied_method, count_source, corrects, note, "                 \
  "(extract(epoch FROM issue_time) * 1000000)::bigint AS issue_us"

inline constexpr Query kFindStatement{"find_statement",
                                      "SELECT " FHUB_STATEMENT_COLUMNS
                                      " FROM cost_share_statements"
                                      " WHERE framework_id = $1"
                                      "   AND statement_number = $2"};

inline constexpr Query kListStatements{"list_statements",
                                       "SELECT " FHUB_STATEMENT_COLUMNS
                                       " FROM cost_share_statements"
                                       " WHERE framework_id = $1"
                                       "   AND statement_number < $2"
                                       " ORDER BY statement_number DESC"
                                       " LIMIT $3"};

inline constexpr Query kListShares{"list_shares", R"sql(
SELECT authority_id, basis, amount_pence FROM cost_shares
WHERE framework_id = $1 AND statement_number = $2 ORDER BY authority_id)sql"};

#undef FHUB_BALLOT_COLUMNS
#undef FHUB_ROUND_COLUMNS
#undef FHUB_STATEMENT_COLUMNS

inline constexpr Query kAllRecords[] = {
    kInsertBallot,    kInsertElector,      kFindBallot,    kFindBallotForUpdate,
    kListBallots,     kOpenBallotOf,       kBallotsDue,    kListElectors,
    kListVotes,       kInsertVote,         kCloseBallot,   kWithdrawElector,
    kInsertRound,     kFindRoundForUpdate, kListRounds,    kCloseRoundEarly,
    kInsertStatement, kInsertShare,        kFindStatement, kListStatements,
    kListShares,
};

}  // namespace fhub::frameworks::queries
