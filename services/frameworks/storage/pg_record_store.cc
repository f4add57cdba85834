#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/db/values.h"
#include "services/frameworks/storage/record_queries.h"
#include "services/frameworks/storage/record_store.h"

namespace fhub::frameworks {
namespace {

namespace q = queries;

absl::Time TimeColumn(const pqxx::field& f) {
  return db::FromEpochMicros(f.as<int64_t>());
}

template <typename E, size_t N>
E EnumColumn(const std::array<EnumName<E>, N>& table, const pqxx::field& f) {
  return ValueOf(table, f.as<std::string>()).value_or(table[0].value);
}

ExtensionBallot ReadBallot(const pqxx::row& row) {
  ExtensionBallot b;
  b.framework_id = row["framework_id"].as<std::string>();
  b.number = row["ballot_number"].as<int>();
  b.option_number = row["option_number"].as<int>();
  b.option_months = row["option_months"].as<int>();
  b.open_time = TimeColumn(row["open_us"]);
  b.close_time = TimeColumn(row["close_us"]);
  if (!row["closed_us"].is_null()) b.closed_time = TimeColumn(row["closed_us"]);
  if (!row["outcome"].is_null()) {
    b.outcome = EnumColumn(kBallotOutcomes, row["outcome"]);
  }
  if (!row["new_current_end"].is_null()) {
    b.new_current_end =
        db::ParseSqlDate(row["new_current_end"].as<std::string>());
  }
  return b;
}

void AttachElectorsAndVotes(db::Tx& tx, ExtensionBallot& b) {
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListElectors.name, b.framework_id, b.number)) {
    b.electors.push_back({row[0].as<std::string>(), row[1].as<bool>()});
  }
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListVotes.name, b.framework_id, b.number)) {
    b.votes.push_back({row["authority_id"].as<std::string>(),
                       EnumColumn(kVoteChoices, row["choice"]),
                       row["comment"].as<std::string>(),
                       TimeColumn(row["cast_us"]),
                       row["voter"].as<std::string>()});
  }
}

std::pair<AdmissionRound, bool> ReadRound(const pqxx::row& row) {
  AdmissionRound round;
  round.id = row["round_number"].as<std::string>();
  round.lot_ids =
      absl::StrSplit(row["lot_ids"].as<std::string>(), ',', absl::SkipEmpty());
  round.opens = TimeColumn(row["open_us"]);
  round.closes = TimeColumn(row["close_us"]);
  return {round, row["closed_early"].as<bool>()};
}

CostShareStatement ReadStatement(db::Tx& tx, const pqxx::row& row) {
  CostShareStatement s;
  s.framework_id = row["framework_id"].as<std::string>();
  s.number = row["statement_number"].as<int>();
  s.period_start = db::ParseSqlDate(row["period_start"].as<std::string>());
  s.period_end = db::ParseSqlDate(row["period_end"].as<std::string>());
  s.cost_pence = row["cost_pence"].as<int64_t>();
  s.method = EnumColumn(kCostSharingMethods, row["method"]);
  s.applied_method = EnumColumn(kCostSharingMethods, row["applied_method"]);
  s.count_source = EnumColumn(kPlacementCountSources, row["count_source"]);
  if (!row["corrects"].is_null()) s.corrects = row["corrects"].as<int>();
  s.note = row["note"].as<std::string>();
  s.issue_time = TimeColumn(row["issue_us"]);
  for (const pqxx::row& share :
       tx.exec_prepared(q::kListShares.name, s.framework_id, s.number)) {
    s.shares.push_back({share[0].as<std::string>(), share[1].as<int64_t>(),
                        share[2].as<int64_t>()});
  }
  return s;
}

std::string Str(absl::string_view s) { return std::string(s); }

}  // namespace

absl::StatusOr<int> PgRecordStore::InsertBallot(db::Tx& tx,
                                                const ExtensionBallot& b) {
  const int number =
      tx.exec_prepared1(q::kInsertBallot.name, b.framework_id, b.option_number,
                        b.option_months, db::SqlTimestamp(b.open_time),
                        db::SqlTimestamp(b.close_time))[0]
          .as<int>();
  for (const Elector& elector : b.electors) {
    tx.exec_prepared0(q::kInsertElector.name, b.framework_id, number,
                      elector.authority_id);
  }
  return number;
}

absl::StatusOr<ExtensionBallot> PgRecordStore::FindBallot(
    db::Tx& tx, const std::string& framework_id, int number, bool for_update) {
  pqxx::result r = tx.exec_prepared(
      for_update ? q::kFindBallotForUpdate.name : q::kFindBallot.name,
      framework_id, number);
  if (r.empty()) {
    return absl::NotFoundError(absl::StrCat("frameworks/", framework_id,
                                            "/ballots/", number, " not found"));
  }
  ExtensionBallot b = ReadBallot(r[0]);
  AttachElectorsAndVotes(tx, b);
  return b;
}

absl::StatusOr<std::vector<ExtensionBallot>> PgRecordStore::ListBallots(
    db::Tx& tx, const std::string& framework_id, int before, int limit) {
  std::vector<ExtensionBallot> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListBallots.name, framework_id, before, limit)) {
    out.push_back(ReadBallot(row));
    AttachElectorsAndVotes(tx, out.back());
  }
  return out;
}

absl::StatusOr<std::optional<int>> PgRecordStore::OpenBallotOf(
    db::Tx& tx, const std::string& framework_id) {
  pqxx::result r = tx.exec_prepared(q::kOpenBallotOf.name, framework_id);
  if (r.empty()) return std::optional<int>();
  return std::optional<int>(r[0][0].as<int>());
}

absl::StatusOr<std::vector<std::pair<std::string, int>>>
PgRecordStore::BallotsDue(db::Tx& tx, absl::Time now, int limit) {
  std::vector<std::pair<std::string, int>> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kBallotsDue.name, db::SqlTimestamp(now), limit)) {
    out.emplace_back(row[0].as<std::string>(), row[1].as<int>());
  }
  return out;
}

absl::Status PgRecordStore::InsertVote(db::Tx& tx,
                                       const std::string& framework_id,
                                       int number, const Vote& vote) {
  pqxx::result r = tx.exec_prepared(
      q::kInsertVote.name, framework_id, number, vote.authority_id,
      Str(NameOf(kVoteChoices, vote.choice)), vote.comment,
      db::SqlTimestamp(vote.cast_time), vote.voter);
  if (r.affected_rows() == 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("authorities/", vote.authority_id,
                     " has already voted in this ballot"));
  }
  return absl::OkStatus();
}

absl::Status PgRecordStore::CloseBallot(
    db::Tx& tx, const ExtensionBallot& b,
    const std::vector<std::string>& withdrawn) {
  const std::string new_end =
      b.new_current_end ? db::SqlDate(*b.new_current_end) : "";
  pqxx::result r =
      tx.exec_prepared(q::kCloseBallot.name, b.framework_id, b.number,
                       db::SqlTimestamp(*b.closed_time),
                       Str(NameOf(kBallotOutcomes, *b.outcome)),
                       b.new_current_end ? new_end.c_str() : nullptr);
  if (r.affected_rows() != 1) {
    return absl::FailedPreconditionError("the ballot has already closed");
  }
  for (const std::string& authority_id : withdrawn) {
    tx.exec_prepared0(q::kWithdrawElector.name, b.framework_id, b.number,
                      authority_id);
  }
  return absl::OkStatus();
}

absl::StatusOr<int> PgRecordStore::InsertRound(db::Tx& tx,
                                               const std::string& framework_id,
                                               const AdmissionRound& round) {
  return tx
      .exec_prepared1(q::kInsertRound.name, framework_id,
                      absl::StrCat("{", absl::StrJoin(round.lot_ids, ","), "}"),
                      db::SqlTimestamp(round.opens),
                      db::SqlTimestamp(round.closes))[0]
      .as<int>();
}

absl::StatusOr<std::pair<AdmissionRound, bool>>
PgRecordStore::FindRoundForUpdate(db::Tx& tx, const std::string& framework_id,
                                  int number) {
  pqxx::result r =
      tx.exec_prepared(q::kFindRoundForUpdate.name, framework_id, number);
  if (r.empty()) {
    return absl::NotFoundError(absl::StrCat("frameworks/", framework_id,
                                            "/admissionRounds/", number,
                                            " not found"));
  }
  return ReadRound(r[0]);
}

absl::StatusOr<std::vector<std::pair<AdmissionRound, bool>>>
PgRecordStore::ListRounds(db::Tx& tx, const std::string& framework_id) {
  std::vector<std::pair<AdmissionRound, bool>> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListRounds.name, framework_id)) {
    out.push_back(ReadRound(row));
  }
  return out;
}

absl::Status PgRecordStore::CloseRoundEarly(db::Tx& tx,
                                            const std::string& framework_id,
                                            int number, absl::Time at) {
  tx.exec_prepared0(q::kCloseRoundEarly.name, framework_id, number,
                    db::SqlTimestamp(at));
  return absl::OkStatus();
}

absl::StatusOr<int> PgRecordStore::InsertStatement(
    db::Tx& tx, const CostShareStatement& s) {
  const std::string corrects = s.corrects ? absl::StrCat(*s.corrects) : "";
  const int number =
      tx.exec_prepared1(q::kInsertStatement.name, s.framework_id,
                        db::SqlDate(s.period_start), db::SqlDate(s.period_end),
                        s.cost_pence,
                        Str(NameOf(kCostSharingMethods, s.method)),
                        Str(NameOf(kCostSharingMethods, s.applied_method)),
                        Str(NameOf(kPlacementCountSources, s.count_source)),
                        s.corrects ? corrects.c_str() : nullptr, s.note,
                        db::SqlTimestamp(s.issue_time))[0]
          .as<int>();
  for (const Share& share : s.shares) {
    tx.exec_prepared0(q::kInsertShare.name, s.framework_id, number,
                      share.authority_id, share.basis, share.pence);
  }
  return number;
}

absl::StatusOr<CostShareStatement> PgRecordStore::FindStatement(
    db::Tx& tx, const std::string& framework_id, int number) {
  pqxx::result r =
      tx.exec_prepared(q::kFindStatement.name, framework_id, number);
  if (r.empty()) {
    return absl::NotFoundError(absl::StrCat("frameworks/", framework_id,
                                            "/costShareStatements/", number,
                                            " not found"));
  }
  return ReadStatement(tx, r[0]);
}

absl::StatusOr<std::vector<CostShareStatement>> PgRecordStore::ListStatements(
    db::Tx& tx, const std::string& framework_id, int before, int limit) {
  std::vector<CostShareStatement> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListStatements.name, framework_id, before, limit)) {
    out.push_back(ReadStatement(tx, row));
  }
  return out;
}

}  // namespace fhub::frameworks
