#include "services/referrals/storage/referrals_store.h"

#include <limits>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/db/change.h"
#include "common/db/outbox.h"
#include "common/db/values.h"
#include "common/status_macros.h"
#include "services/referrals/storage/queries.h"
#include "services/referrals/storage/rows.h"
#include "services/referrals/storage/webhooks_store.h"

namespace fhub::referrals {
namespace {

namespace q = queries;

}  // namespace

std::vector<db::PreparedStatement> ReferralsStore::Statements() {
  std::vector<db::PreparedStatement> statements = db::ChangeStatements();
  for (const db::PreparedStatement& s : db::OutboxStatements()) {
    statements.push_back(s);
  }
  for (const db::Query& query : q::kAll) statements.emplace_back(query);
  for (const db::PreparedStatement& s : WebhooksStore::Statements()) {
    statements.push_back(s);
  }
  return statements;
}

// --- Referrals ---------------------------------------------------------------

absl::Status ReferralsStore::InsertReferral(db::Tx& tx, Referral& r) {
  pqxx::row row = tx.exec_prepared1(
      q::kInsertReferral.name, r.authority_id, r.framework_id, r.lot_id,
      r.case_reference, r.age,
      ArrayLiteral(r.needs,
                   [](std::string* out, Need n) {
                     absl::StrAppend(out, NameOf(kNeeds, n));
                   }),
      r.support_minutes_per_week,
      Str(NameOf(kAccommodationTypes, r.accommodation_type)), r.latitude,
      r.longitude, r.max_distance_miles, db::SqlDate(r.wanted_start_date),
      OptionalTimestamp(r.response_deadline), r.weights.quality,
      r.weights.price, r.weights.distance, r.weekly_budget_pence,
      r.confidential_summary, Str(NameOf(kReferralStatuses, r.status)),
      db::SqlTimestamp(r.create_time));
  r.id = row[0].as<int64_t>();
  return absl::OkStatus();
}

absl::StatusOr<ReferralRecord> ReferralsStore::FindReferral(
    db::Tx& tx, const std::string& authority_id, int64_t id, bool for_update) {
  pqxx::result r = tx.exec_prepared(
      for_update ? q::kFindReferralForUpdate.name : q::kFindReferral.name, id,
      authority_id);
  if (r.empty()) {
    return NotFound(
        absl::StrCat("authorities/", authority_id, "/referrals/", id));
  }
  return ReadReferral(r[0]);
}

absl::Status ReferralsStore::LockReferral(db::Tx& tx,
                                          const std::string& authority_id,
                                          int64_t id) {
  if (tx.exec_prepared(q::kLockReferral.name, id, authority_id).empty()) {
    return NotFound(
        absl::StrCat("authorities/", authority_id, "/referrals/", id));
  }
  return absl::OkStatus();
}

absl::Status ReferralsStore::UpdateReferral(db::Tx& tx, const Referral& r) {
  tx.exec_prepared0(
      q::kUpdateReferral.name, r.id, Str(NameOf(kReferralStatuses, r.status)),
      OptionalTimestamp(r.response_deadline), r.max_distance_miles,
      OptionalTimestamp(r.submit_time), OptionalTimestamp(r.award_time),
      r.placement_id, r.cancel_reason);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ReferralRecord>> ReferralsStore::ListReferrals(
    db::Tx& tx, const std::string& authority_id, int64_t before_id, int limit) {
  std::vector<ReferralRecord> out;
  for (const pqxx::row& row : tx.exec_prepared(
           q::kListReferrals.name, authority_id, PageBound(before_id), limit)) {
    out.push_back(ReadReferral(row));
  }
  return out;
}

absl::StatusOr<std::vector<ReferralRecord>> ReferralsStore::DueForClosing(
    db::Tx& tx, absl::Time now, int limit) {
  std::vector<ReferralRecord> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kDueForClosing.name, db::SqlTimestamp(now), limit)) {
    out.push_back(ReadReferral(row));
  }
  return out;
}

absl::StatusOr<std::vector<ReferralRecord>> ReferralsStore::UnplacedReferrals(
    db::Tx& tx, const std::string& framework_id,
    const std::string& authority_id) {
  std::vector<ReferralRecord> out;
  for (const pqxx::row& row : tx.exec_prepared(q::kUnplacedReferrals.name,
                                               framework_id, authority_id)) {
    out.push_back(ReadReferral(row));
  }
  return out;
}

// --- Invitations -------------------------------------------------------------

absl::Status ReferralsStore::InsertInvitations(
    db::Tx& tx, const std::vector<Invitation>& invitations) {
  if (invitations.empty()) return absl::OkStatus();
  const Invitation& first = invitations.front();
  std::vector<std::string> providers, settings, distances, scores;
  for (const Invitation& i : invitations) {
    providers.push_back(i.provider_id);
    settings.push_back(i.setting_id);
    distances.push_back(absl::StrFormat("%.17g", i.distance_miles));
    scores.push_back(absl::StrFormat("%.17g", i.quality_score));
  }
  // Ids are resource ids and the numbers plain decimals: nothing to quote.
  auto array = [](const std::vector<std::string>& items) {
    return absl::StrCat("{", absl::StrJoin(items, ","), "}");
  };
  tx.exec_prepared0(q::kInsertInvitations.name, first.referral_id,
                    first.authority_id, first.framework_id,
                    db::SqlTimestamp(first.invite_time), array(providers),
                    array(settings), array(distances), array(scores));
  return absl::OkStatus();
}

absl::StatusOr<Invitation> ReferralsStore::FindInvitation(
    db::Tx& tx, int64_t referral_id, const std::string& provider_id) {
  pqxx::result r =
      tx.exec_prepared(q::kFindInvitation.name, referral_id, provider_id);
  if (r.empty()) {
    return absl::NotFoundError(absl::StrCat("providers/", provider_id,
                                            " was not invited to referral ",
                                            referral_id));
  }
  return ReadInvitation(r[0]);
}

absl::StatusOr<std::vector<Invitation>> ReferralsStore::ReferralInvitations(
    db::Tx& tx, int64_t referral_id) {
  std::vector<Invitation> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kReferralInvitations.name, referral_id)) {
    out.push_back(ReadInvitation(row));
  }
  return out;
}

absl::Status ReferralsStore::UpdateInvitation(db::Tx& tx, const Invitation& i) {
  const OfferTerms none;
  const OfferTerms& o = i.offer.has_value() ? *i.offer : none;
  const bool has_offer = i.offer.has_value();
  tx.exec_prepared0(
      q::kUpdateInvitation.name, i.referral_id, i.provider_id,
      Str(NameOf(kInvitationStatuses, i.status)),
      OptionalTimestamp(i.answer_time), has_offer ? o.setting_id : "",
      has_offer ? db::SqlDate(o.available_date) : "",
      has_offer ? std::optional<int64_t>(o.accommodation_weekly_pence)
                : std::nullopt,
      has_offer ? std::optional<int64_t>(o.support_hourly_pence) : std::nullopt,
      has_offer ? std::optional<int64_t>(o.support_minutes_per_week)
                : std::nullopt,
      has_offer ? std::optional<std::string>(o.notes) : std::nullopt,
      has_offer ? std::optional<double>(i.offer_distance_miles) : std::nullopt,
      has_offer ? std::optional<int64_t>(i.offer_weekly_pence) : std::nullopt,
      i.spot_price,
      i.decline_reason.has_value()
          ? Str(NameOf(kDeclineReasons, *i.decline_reason))
          : std::string(),
      i.decline_note);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<InvitationRecord>>
ReferralsStore::ProviderInvitations(db::Tx& tx, const std::string& provider_id,
                                    bool open_only, int64_t before_id,
                                    int limit) {
  std::vector<InvitationRecord> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kProviderInvitations.name, provider_id,
                        PageBound(before_id), open_only, limit)) {
    out.push_back({ReadInvitation(row), ReadReferral(row)});
  }
  return out;
}

absl::StatusOr<InvitationRecord> ReferralsStore::FindInvitationRecord(
    db::Tx& tx, int64_t referral_id, const std::string& provider_id) {
  pqxx::result r =
      tx.exec_prepared(q::kFindInvitationRecord.name, referral_id, provider_id);
  if (r.empty()) {
    return absl::NotFoundError(absl::StrCat("providers/", provider_id,
                                            " was not invited to referral ",
                                            referral_id));
  }
  return InvitationRecord{ReadInvitation(r[0]), ReadReferral(r[0])};
}

absl::StatusOr<std::vector<Invitation>> ReferralsStore::LiveInvitations(
    db::Tx& tx, const std::string& provider_id, const std::string& authority_id,
    const std::string& framework_id) {
  std::vector<Invitation> out;
  for (const pqxx::row& row : tx.exec_prepared(
           q::kLiveInvitations.name, provider_id, authority_id, framework_id)) {
    out.push_back(ReadInvitation(row));
  }
  return out;
}

}  // namespace fhub::referrals
