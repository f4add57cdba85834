#pragma once

// Extension ballots, admission rounds and cost-share statements. Methods run
// in the caller's transaction; callers that add a ballot, round or statement
// hold the framework's row lock (FrameworkStore::FindFramework for_update),
// which is what makes their numbering safe.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/transaction.h"
#include "services/frameworks/domain/admission.h"
#include "services/frameworks/domain/records.h"

namespace fhub::frameworks {

class RecordStore {
 public:
  virtual ~RecordStore() = default;

  // Stores a new ballot and its electorate; returns its number.
  virtual absl::StatusOr<int> InsertBallot(db::Tx& tx,
                                           const ExtensionBallot& ballot) = 0;
  // The ballot with its electorate and votes; NOT_FOUND if there is none.
  // `for_update` locks it, so votes on it are counted one at a time.
  virtual absl::StatusOr<ExtensionBallot> FindBallot(
      db::Tx& tx, const std::string& framework_id, int number,
      bool for_update) = 0;
  // Ballots numbered below `before`, newest first.
  virtual absl::StatusOr<std::vector<ExtensionBallot>> ListBallots(
      db::Tx& tx, const std::string& framework_id, int before, int limit) = 0;
  // The framework's open ballot, if any.
  virtual absl::StatusOr<std::optional<int>> OpenBallotOf(
      db::Tx& tx, const std::string& framework_id) = 0;
  // Open ballots whose close time is at or before `now`.
  virtual absl::StatusOr<std::vector<std::pair<std::string, int>>> BallotsDue(
      db::Tx& tx, absl::Time now, int limit) = 0;
  // ALREADY_EXISTS if the elector has voted.
  virtual absl::Status InsertVote(db::Tx& tx, const std::string& framework_id,
                                  int number, const Vote& vote) = 0;
  // Records the end of a ballot and which electors withdrew.
  virtual absl::Status CloseBallot(
      db::Tx& tx, const ExtensionBallot& ballot,
      const std::vector<std::string>& withdrawn) = 0;

  // Stores an ad-hoc round; returns its number (AdmissionRound::id).
  virtual absl::StatusOr<int> InsertRound(db::Tx& tx,
                                          const std::string& framework_id,
                                          const AdmissionRound& round) = 0;
  // NOT_FOUND if there is none; locked until commit.
  virtual absl::StatusOr<std::pair<AdmissionRound, bool>> FindRoundForUpdate(
      db::Tx& tx, const std::string& framework_id, int number) = 0;
  // Every round of the framework with whether it was closed early.
  virtual absl::StatusOr<std::vector<std::pair<AdmissionRound, bool>>>
  ListRounds(db::Tx& tx, const std::string& framework_id) = 0;
  virtual absl::Status CloseRoundEarly(db::Tx& tx,
                                       const std::string& framework_id,
                                       int number, absl::Time at) = 0;

  // Stores a statement and its shares; returns its number.
  virtual absl::StatusOr<int> InsertStatement(
      db::Tx& tx, const CostShareStatement& statement) = 0;
  virtual absl::StatusOr<CostShareStatement> FindStatement(
      db::Tx& tx, const std::string& framework_id, int number) = 0;
  // Statements numbered below `before`, newest first.
  virtual absl::StatusOr<std::vector<CostShareStatement>> ListStatements(
      db::Tx& tx, const std::string& framework_id, int before, int limit) = 0;
};

class PgRecordStore : public RecordStore {
 public:
  absl::StatusOr<int> InsertBallot(db::Tx& tx,
                                   const ExtensionBallot& ballot) override;
  absl::StatusOr<ExtensionBallot> FindBallot(db::Tx& tx,
                                             const std::string& framework_id,
                                             int number,
                                             bool for_update) override;
  absl::StatusOr<std::vector<ExtensionBallot>> ListBallots(
      db::Tx& tx, const std::string& framework_id, int before,
      int limit) override;
  absl::StatusOr<std::optional<int>> OpenBallotOf(
      db::Tx& tx, const std::string& framework_id) override;
  absl::StatusOr<std::vector<std::pair<std::string, int>>> BallotsDue(
      db::Tx& tx, absl::Time now, int limit) override;
  absl::Status InsertVote(db::Tx& tx, const std::string& framework_id,
                          int number, const Vote& vote) override;
  absl::Status CloseBallot(db::Tx& tx, const ExtensionBallot& ballot,
                           const std::vector<std::string>& withdrawn) override;
  absl::StatusOr<int> InsertRound(db::Tx& tx, const std::string& framework_id,
                                  const AdmissionRound& round) override;
  absl::StatusOr<std::pair<AdmissionRound, bool>> FindRoundForUpdate(
      db::Tx& tx, const std::string& framework_id, int number) override;
  absl::StatusOr<std::vector<std::pair<AdmissionRound, bool>>> ListRounds(
      db::Tx& tx, const std::string& framework_id) override;
  absl::Status CloseRoundEarly(db::Tx& tx, const std::string& framework_id,
                               int number, absl::Time at) override;
  absl::StatusOr<int> InsertStatement(
      db::Tx& tx, const CostShareStatement& statement) override;
  absl::StatusOr<CostShareStatement> FindStatement(
      db::Tx& tx, const std::string& framework_id, int number) override;
  absl::StatusOr<std::vector<CostShareStatement>> ListStatements(
      db::Tx& tx, const std::string& framework_id, int before,
      int limit) override;
};

}  // namespace fhub::frameworks
