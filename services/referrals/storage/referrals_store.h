#pragma once

// What the referrals service keeps (migrations/V001__referrals_invitations_
// placements.sql), and how it reads and changes it. Every method runs
// inside the caller's transaction (common/db/transaction.h), so a change,
// its audit record and its events commit together. Ids are assigned by the
// database.
//
// Locks. A change to a referral locks its row first (FindReferral with
// for_update, or LockReferral), so two changes of one referral (two awards, an
// offer and a cancellation) run one after the other. An award also locks the
// setting's row in setting_places, and a block placement the contract's row, so
// that the last free place is given once.
//
// Errors: NOT_FOUND when a Find* finds nothing; anything else the database
// raises goes through db::FromPqxx (UNAVAILABLE, ABORTED...).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"
#include "services/referrals/domain/model.h"

namespace fhub::referrals {

// A referral with what its invitations add up to.
struct ReferralRecord {
  Referral referral;
  int invitations = 0;
  int live_offers = 0;
  int declines = 0;
  int waiting = 0;
};

// An invitation with the referral it belongs to.
struct InvitationRecord {
  Invitation invitation;
  ReferralRecord referral;
};

// A setting's places as the registry last described them.
struct SettingPlaces {
  std::string provider_id;
  std::string setting_id;
  int capacity = 0;
  double latitude = 0;
  double longitude = 0;
};

// Figures over a period (see the Figures message in referrals.proto).
struct FigureCounts {
  int referrals = 0;
  int invitations = 0;
  int offers = 0;
  std::map<DeclineReason, int> declines;
  int awarded = 0;
  double mean_hours_to_award = 0;
  int placements_started = 0;
  int placements_ended = 0;
  int started_within_20_miles = 0;
  int64_t mean_weekly_pence = 0;
};

class ReferralsStore {
 public:
  // Statements to prepare on every connection of the service's pool.
  static std::vector<db::PreparedStatement> Statements();

  // --- Referrals -------------------------------------------------------------
  // Sets referral.id.
  absl::Status InsertReferral(db::Tx& tx, Referral& referral);
  // The referral numbered `id`; NOT_FOUND "authorities/{a}/referrals/{id}
  // not found" also when it belongs to another authority than
  // `authority_id`.
  absl::StatusOr<ReferralRecord> FindReferral(db::Tx& tx,
                                              const std::string& authority_id,
                                              int64_t id, bool for_update);
  // Locks the referral's row and reads nothing else; NOT_FOUND as
  // FindReferral's.
  absl::Status LockReferral(db::Tx& tx, const std::string& authority_id,
                            int64_t id);
  // Writes status, deadline, greatest distance, times, placement and
  // cancel reason.
  absl::Status UpdateReferral(db::Tx& tx, const Referral& referral);
  // An authority's referrals, newest first, ids below `before_id` (0: from
  // the newest), at most `limit`.
  absl::StatusOr<std::vector<ReferralRecord>> ListReferrals(
      db::Tx& tx, const std::string& authority_id, int64_t before_id,
      int limit);
  // OPEN referrals whose deadline is at or before `now`, at most `limit`,
  // locked (SKIP LOCKED: another replica's sweep takes the others).
  absl::StatusOr<std::vector<ReferralRecord>> DueForClosing(db::Tx& tx,
                                                            absl::Time now,
                                                            int limit);
  // Referrals under `framework_id` (of `authority_id`, or of every authority
  // when empty) that are not AWARDED or CANCELLED, locked.
  absl::StatusOr<std::vector<ReferralRecord>> UnplacedReferrals(
      db::Tx& tx, const std::string& framework_id,
      const std::string& authority_id);

  // --- Invitations -----------------------------------------------------------
  // Inserts the invitations of a submission (or re-opening), all of one
  // referral, in one statement; a provider already invited is skipped.
  absl::Status InsertInvitations(db::Tx& tx,
                                 const std::vector<Invitation>& invitations);
  // NOT_FOUND when the provider was not invited to the referral.
  absl::StatusOr<Invitation> FindInvitation(db::Tx& tx, int64_t referral_id,
                                            const std::string& provider_id);
  // Every invitation of a referral, in provider id order.
  absl::StatusOr<std::vector<Invitation>> ReferralInvitations(
      db::Tx& tx, int64_t referral_id);
  // Writes status, answer time, offer, decline and spot price.
  absl::Status UpdateInvitation(db::Tx& tx, const Invitation& invitation);
  // A provider's invitations with their referrals, newest first, referral
  // ids below `before_id`, at most `limit`; `open_only` keeps those INVITED
  // or OFFERED on referrals not yet placed or cancelled.
  absl::StatusOr<std::vector<InvitationRecord>> ProviderInvitations(
      db::Tx& tx, const std::string& provider_id, bool open_only,
      int64_t before_id, int limit);
  // One invitation with its referral.
  absl::StatusOr<InvitationRecord> FindInvitationRecord(
      db::Tx& tx, int64_t referral_id, const std::string& provider_id);
  // INVITED or OFFERED invitations of the provider on referrals still in
  // competition (OPEN or EVALUATING), of `authority_id` (or any when empty)
  // under `framework_id` (or any when empty), locked.
  absl::StatusOr<std::vector<Invitation>> LiveInvitations(
      db::Tx& tx, const std::string& provider_id,
      const std::string& authority_id, const std::string& framework_id);

  // --- Places ----------------------------------------------------------------
  // Records the setting as the registry describes it now; the row is
  // rewritten (and its update_time moved to `at`) only when capacity or
  // location changed, but locked either way.
  absl::Status PutSettingPlaces(db::Tx& tx, const SettingPlaces& places,
                                absl::Time at);
  // Locks the setting's row; NOT_FOUND if nothing was ever recorded.
  absl::StatusOr<SettingPlaces> LockSettingPlaces(
      db::Tx& tx, const std::string& provider_id,
      const std::string& setting_id);
  // The places taken at the setting by placements of any authority that
  // have not ended before `day`: their start and end dates only.
  absl::StatusOr<std::vector<Placement>> PlacesTaken(
      db::Tx& tx, const std::string& provider_id, const std::string& setting_id,
      absl::CivilDay day);

  // --- Placements ------------------------------------------------------------
  // Sets placement.id; writes its hours too.
  absl::Status InsertPlacement(db::Tx& tx, Placement& placement);
  // NOT_FOUND as for referrals.
  absl::StatusOr<Placement> FindPlacement(db::Tx& tx,
                                          const std::string& authority_id,
                                          int64_t id, bool for_update);
  // Inserts or replaces the change dated change.effective_date.
  absl::Status PutHoursChange(db::Tx& tx, int64_t placement_id,
                              const HoursChange& change);
  // Writes end date, reason and note.
  absl::Status UpdatePlacementEnd(db::Tx& tx, const Placement& placement);
  // An authority's (or, with `by_provider`, a provider's) placements,
  // newest first, as ListReferrals.
  absl::StatusOr<std::vector<Placement>> ListPlacements(
      db::Tx& tx, const std::string& owner_id, bool by_provider,
      bool active_only, int64_t before_id, int limit);
  // Every placement made into the block contract.
  absl::StatusOr<std::vector<Placement>> BlockPlacements(
      db::Tx& tx, int64_t block_contract_id);
  // The case reference of a referral (for the awarded provider).
  absl::StatusOr<std::string> CaseReference(db::Tx& tx, int64_t referral_id);
  // The authority's placements running on any day from `first` to `last`,
  // numbered above `after_id`, oldest first.
  absl::StatusOr<std::vector<Placement>> PlacementsInPeriod(
      db::Tx& tx, const std::string& authority_id, absl::CivilDay first,
      absl::CivilDay last, int64_t after_id, int limit);
  // The case references of `referral_ids`, by referral id.
  absl::StatusOr<absl::flat_hash_map<int64_t, std::string>> CaseReferences(
      db::Tx& tx, const std::vector<int64_t>& referral_ids);

  // --- Block contracts -------------------------------------------------------
  absl::Status InsertBlockContract(db::Tx& tx, BlockContract& contract);
  absl::StatusOr<BlockContract> FindBlockContract(
      db::Tx& tx, const std::string& authority_id, int64_t id, bool for_update);
  absl::StatusOr<std::vector<BlockContract>> ListBlockContracts(
      db::Tx& tx, const std::string& authority_id);

  // --- What the other services said -----------------------------------------
  absl::Status PutStopped(db::Tx& tx, const std::string& framework_id,
                          const std::string& authority_id,
                          absl::CivilDay stop_date, const std::string& reason);
  // Why new referrals of the authority under the framework are stopped
  // (the framework's or the membership's stop), if they are by `day`.
  absl::StatusOr<std::optional<std::string>> StoppedReason(
      db::Tx& tx, const std::string& framework_id,
      const std::string& authority_id, absl::CivilDay day);
  // The last sequence applied from `source`, locked (0 when none yet).
  absl::StatusOr<int64_t> LockPosition(db::Tx& tx, const std::string& source);
  absl::Status SavePosition(db::Tx& tx, const std::string& source,
                            int64_t sequence, absl::Time at);

  // --- Figures ---------------------------------------------------------------
  // `authority_id` empty: every authority.
  absl::StatusOr<FigureCounts> Figures(db::Tx& tx,
                                       const std::string& framework_id,
                                       const std::string& authority_id,
                                       absl::CivilDay first,
                                       absl::CivilDay last);
  // Placements started in [first, last] under the framework, by authority.
  absl::StatusOr<std::map<std::string, int>> PlacementsStarted(
      db::Tx& tx, const std::string& framework_id, absl::CivilDay first,
      absl::CivilDay last);
};

}  // namespace fhub::referrals
