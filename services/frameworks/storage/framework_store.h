#pragma once

// What the frameworks service keeps, and how it reads and changes it. Every
// method runs inside the caller's transaction (see common/db/transaction.h),
// so a change and its audit record commit together.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"
#include "services/frameworks/domain/model.h"

namespace fhub::frameworks {

// Where a page of memberships resumes.
struct MembershipKey {
  std::string authority_id;
  int64_t membership_id = 0;
};

class FrameworkStore {
 public:
  virtual ~FrameworkStore() = default;

  // ALREADY_EXISTS if the id is taken.
  virtual absl::Status InsertAuthority(db::Tx& tx, const Authority& a) = 0;
  // NOT_FOUND if there is none.
  virtual absl::StatusOr<Authority> FindAuthority(db::Tx& tx,
                                                  const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<Authority>> ListAuthorities(
      db::Tx& tx, const std::string& after_id, int limit) = 0;

  // ALREADY_EXISTS if the id is taken. The lead authority must exist.
  virtual absl::Status InsertFramework(db::Tx& tx, const Framework& f) = 0;
  // NOT_FOUND if there is none; `for_update` locks it until commit.
  virtual absl::StatusOr<Framework> FindFramework(db::Tx& tx,
                                                  const std::string& id,
                                                  bool for_update) = 0;
  // Frameworks after `after_id`: all of them, or only those `authority_id`
  // leads or has been a member of.
  virtual absl::StatusOr<std::vector<Framework>> ListFrameworks(
      db::Tx& tx, const std::string& after_id, int limit, bool all,
      const std::string& authority_id) = 0;
  virtual absl::Status ActivateFramework(db::Tx& tx, const std::string& id,
                                         absl::Time at) = 0;

  // Has `authority_id` ever been a member of `framework_id`?
  virtual absl::StatusOr<bool> HasMembership(
      db::Tx& tx, const std::string& framework_id,
      const std::string& authority_id) = 0;
  // The authority's latest membership period, locked until commit.
  virtual absl::StatusOr<std::optional<Membership>> LatestMembership(
      db::Tx& tx, const std::string& framework_id,
      const std::string& authority_id) = 0;
  virtual absl::Status InsertMembership(db::Tx& tx, const Membership& m) = 0;
  virtual absl::Status CeaseMembership(db::Tx& tx,
                                       const std::string& framework_id,
                                       const std::string& authority_id,
                                       absl::CivilDay ceased,
                                       const std::string& reason) = 0;
  // After a passed ballot: the new current end and options taken.
  virtual absl::Status ExtendTerm(db::Tx& tx, const std::string& id,
                                  const Term& term) = 0;
  // ACTIVE -> EXPIRED or TERMINATED at `at` (`reason` for TERMINATED).
  virtual absl::Status EndFramework(db::Tx& tx, const std::string& id,
                                    FrameworkStatus status, absl::Time at,
                                    const std::string& reason) = 0;
  // ACTIVE frameworks whose current end is before `today`, locked; ones
  // another transaction holds are skipped.
  virtual absl::StatusOr<std::vector<Framework>> FrameworksDueToExpire(
      db::Tx& tx, absl::CivilDay today, int limit) = 0;
  // Authorities with a membership period overlapping [first, last].
  virtual absl::StatusOr<std::vector<std::string>> MembersDuring(
      db::Tx& tx, const std::string& framework_id, absl::CivilDay first,
      absl::CivilDay last) = 0;

  // Memberships after `after`, by authority; ceased periods only when
  // `include_ceased` (otherwise those in force on `today` or later). The
  // key of each row is returned beside it.
  virtual absl::StatusOr<std::vector<std::pair<Membership, MembershipKey>>>
  ListMemberships(db::Tx& tx, const std::string& framework_id,
                  const MembershipKey& after, int limit, bool include_ceased,
                  absl::CivilDay today) = 0;
};

// The PostgreSQL implementation.
class PgFrameworkStore : public FrameworkStore {
 public:
  // Statements to prepare on every connection of the service's pool.
  static std::vector<db::PreparedStatement> Statements();

  absl::Status InsertAuthority(db::Tx& tx, const Authority& a) override;
  absl::StatusOr<Authority> FindAuthority(db::Tx& tx,
                                          const std::string& id) override;
  absl::StatusOr<std::vector<Authority>> ListAuthorities(
      db::Tx& tx, const std::string& after_id, int limit) override;
  absl::Status InsertFramework(db::Tx& tx, const Framework& f) override;
  absl::StatusOr<Framework> FindFramework(db::Tx& tx, const std::string& id,
                                          bool for_update) override;
  absl::StatusOr<std::vector<Framework>> ListFrameworks(
      db::Tx& tx, const std::string& after_id, int limit, bool all,
      const std::string& authority_id) override;
  absl::Status ActivateFramework(db::Tx& tx, const std::string& id,
                                 absl::Time at) override;
  absl::StatusOr<bool> HasMembership(db::Tx& tx,
                                     const std::string& framework_id,
                                     const std::string& authority_id) override;
  absl::StatusOr<std::optional<Membership>> LatestMembership(
      db::Tx& tx, const std::string& framework_id,
      const std::string& authority_id) override;
  absl::Status InsertMembership(db::Tx& tx, const Membership& m) override;
  absl::Status CeaseMembership(db::Tx& tx, const std::string& framework_id,
                               const std::string& authority_id,
                               absl::CivilDay ceased,
                               const std::string& reason) override;
  absl::StatusOr<std::vector<std::pair<Membership, MembershipKey>>>
  ListMemberships(db::Tx& tx, const std::string& framework_id,
                  const MembershipKey& after, int limit, bool include_ceased,
                  absl::CivilDay today) override;
  absl::Status ExtendTerm(db::Tx& tx, const std::string& id,
                          const Term& term) override;
  absl::Status EndFramework(db::Tx& tx, const std::string& id,
                            FrameworkStatus status, absl::Time at,
                            const std::string& reason) override;
  absl::StatusOr<std::vector<Framework>> FrameworksDueToExpire(
      db::Tx& tx, absl::CivilDay today, int limit) override;
  absl::StatusOr<std::vector<std::string>> MembersDuring(
      db::Tx& tx, const std::string& framework_id, absl::CivilDay first,
      absl::CivilDay last) override;
};

}  // namespace fhub::frameworks
