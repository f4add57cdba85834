#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/db/change.h"
#include "common/db/outbox.h"
#include "common/db/values.h"
#include "services/frameworks/storage/framework_store.h"
#include "services/frameworks/storage/queries.h"
#include "services/frameworks/storage/record_queries.h"

namespace fhub::frameworks {
namespace {

namespace q = queries;

template <typename E, size_t N>
E EnumColumn(const std::array<EnumName<E>, N>& table, const pqxx::field& f) {
  // The schema's CHECK constraints keep stored names to known values.
  return ValueOf(table, f.as<std::string>()).value_or(table[0].value);
}

absl::Time TimeColumn(const pqxx::field& f) {
  return db::FromEpochMicros(f.as<int64_t>());
}

absl::CivilDay DateColumn(const pqxx::field& f) {
  return db::ParseSqlDate(f.as<std::string>());
}

Authority ReadAuthority(const pqxx::row& row) {
  Authority a;
  a.id = row["authority_id"].as<std::string>();
  a.display_name = row["display_name"].as<std::string>();
  a.kind = EnumColumn(kAuthorityKinds, row["kind"]);
  a.create_time = TimeColumn(row["create_us"]);
  return a;
}

Framework ReadFramework(const pqxx::row& row) {
  Framework f;
  f.id = row["framework_id"].as<std::string>();
  f.title = row["title"].as<std::string>();
  f.procurement_route =
      EnumColumn(kProcurementRoutes, row["procurement_route"]);
  f.lead_authority_id = row["lead_authority_id"].as<std::string>();
  f.status = EnumColumn(kFrameworkStatuses, row["status"]);
  f.term.start = DateColumn(row["term_start"]);
  f.term.initial_end = DateColumn(row["initial_end"]);
  for (absl::string_view months : absl::StrSplit(
           row["extension_months"].as<std::string>(), ',', absl::SkipEmpty())) {
    int value = 0;
    if (absl::SimpleAtoi(months, &value))
      f.term.extension_months.push_back(value);
  }
  f.term.maximum_end = DateColumn(row["maximum_end"]);
  f.term.current_end = DateColumn(row["current_end"]);
  f.admission.kind = EnumColumn(kAdmissionKinds, row["admission_kind"]);
  f.admission.interval_months = row["admission_interval_months"].as<int>();
  f.admission.window_days = row["admission_window_days"].as<int>();
  if (!row["admission_first_opens"].is_null()) {
    f.admission.first_window_opens = DateColumn(row["admission_first_opens"]);
  }
  f.ages.minimum = row["minimum_age"].as<int>();
  f.ages.maximum = row["maximum_age"].as<int>();
  f.ballot.quorum_percent = row["quorum_percent"].as<int>();
  f.ballot.pass_threshold_percent = row["pass_threshold_percent"].as<int>();
  f.ballot.unanimous = row["unanimous"].as<bool>();
  f.cost_sharing = EnumColumn(kCostSharingMethods, row["cost_sharing_method"]);
  f.create_time = TimeColumn(row["create_us"]);
  if (!row["activate_us"].is_null()) {
    f.activate_time = TimeColumn(row["activate_us"]);
  }
  f.term.extensions_taken = row["extensions_taken"].as<int>();
  f.termination_reason = row["termination_reason"].as<std::string>();
  if (!row["end_us"].is_null()) f.end_time = TimeColumn(row["end_us"]);
  return f;
}

Membership ReadMembership(const pqxx::row& row) {
  Membership m;
  m.framework_id = row["framework_id"].as<std::string>();
  m.authority_id = row["authority_id"].as<std::string>();
  m.strategic_lead.full_name = row["strategic_lead_name"].as<std::string>();
  m.strategic_lead.email = row["strategic_lead_email"].as<std::string>();
  m.strategic_lead.job_title = row["strategic_lead_title"].as<std::string>();
  m.joined = DateColumn(row["joined_on"]);
  if (!row["ceased_on"].is_null()) m.ceased = DateColumn(row["ceased_on"]);
  m.cease_reason = row["cease_reason"].as<std::string>();
  return m;
}

// A PostgreSQL text[] literal of plain resource ids (no quoting needed).
std::string TextArray(const std::vector<std::string>& ids) {
  return absl::StrCat("{", absl::StrJoin(ids, ","), "}");
}

// Fills in the lots of `frameworks` with one query.
void AttachLots(db::Tx& tx, std::vector<Framework>& frameworks) {
  if (frameworks.empty()) return;
  std::vector<std::string> ids;
  ids.reserve(frameworks.size());
  for (const Framework& f : frameworks) ids.push_back(f.id);
  pqxx::result rows = tx.exec_prepared(q::kListLots.name, TextArray(ids));
  for (const pqxx::row& row : rows) {
    const std::string framework_id = row["framework_id"].as<std::string>();
    for (Framework& f : frameworks) {
      if (f.id != framework_id) continue;
      Lot lot;
      lot.id = row["lot_id"].as<std::string>();
      lot.title = row["title"].as<std::string>();
      lot.service_type = EnumColumn(kServiceTypes, row["service_type"]);
      lot.ofsted_registration_required =
          row["ofsted_registration_required"].as<bool>();
      lot.lowest_ofsted_grade =
          EnumColumn(kOfstedGrades, row["lowest_ofsted_grade"]);
      f.lots.push_back(std::move(lot));
    }
  }
}

std::string Str(absl::string_view s) { return std::string(s); }

}  // namespace

std::vector<db::PreparedStatement> PgFrameworkStore::Statements() {
  std::vector<db::PreparedStatement> statements = db::ChangeStatements();
  for (const db::PreparedStatement& s : db::OutboxStatements()) {
    statements.push_back(s);
  }
  for (const db::Query& query : q::kAll) statements.emplace_back(query);
  for (const db::Query& query : q::kAllRecords) statements.emplace_back(query);
  return statements;
}

absl::Status PgFrameworkStore::ExtendTerm(db::Tx& tx, const std::string& id,
                                          const Term& term) {
  pqxx::result r =
      tx.exec_prepared(q::kExtendTerm.name, id, db::SqlDate(term.current_end),
                       term.extensions_taken);
  if (r.affected_rows() != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("frameworks/", id, " is not ACTIVE"));
  }
  return absl::OkStatus();
}

absl::Status PgFrameworkStore::EndFramework(db::Tx& tx, const std::string& id,
                                            FrameworkStatus status,
                                            absl::Time at,
                                            const std::string& reason) {
  pqxx::result r = tx.exec_prepared(q::kEndFramework.name, id,
                                    Str(NameOf(kFrameworkStatuses, status)),
                                    db::SqlTimestamp(at), reason);
  if (r.affected_rows() != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("frameworks/", id, " is not ACTIVE"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Framework>> PgFrameworkStore::FrameworksDueToExpire(
    db::Tx& tx, absl::CivilDay today, int limit) {
  std::vector<Framework> out;
  for (const pqxx::row& row : tx.exec_prepared(q::kFrameworksDueToExpire.name,
                                               db::SqlDate(today), limit)) {
    out.push_back(ReadFramework(row));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> PgFrameworkStore::MembersDuring(
    db::Tx& tx, const std::string& framework_id, absl::CivilDay first,
    absl::CivilDay last) {
  std::vector<std::string> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kMembersDuring.name, framework_id,
                        db::SqlDate(first), db::SqlDate(last))) {
    out.push_back(row[0].as<std::string>());
  }
  return out;
}

absl::Status PgFrameworkStore::InsertAuthority(db::Tx& tx, const Authority& a) {
  pqxx::result r = tx.exec_prepared(
      q::kInsertAuthority.name, a.id, a.display_name,
      Str(NameOf(kAuthorityKinds, a.kind)), db::SqlTimestamp(a.create_time));
  if (r.affected_rows() == 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("authorities/", a.id, " already exists"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Authority> PgFrameworkStore::FindAuthority(
    db::Tx& tx, const std::string& id) {
  pqxx::result r = tx.exec_prepared(q::kFindAuthority.name, id);
  if (r.empty()) {
    return absl::NotFoundError(absl::StrCat("authorities/", id, " not found"));
  }
  return ReadAuthority(r[0]);
}

absl::StatusOr<std::vector<Authority>> PgFrameworkStore::ListAuthorities(
    db::Tx& tx, const std::string& after_id, int limit) {
  std::vector<Authority> out;
  for (const pqxx::row& row :
       tx.exec_prepared(q::kListAuthorities.name, after_id, limit)) {
    out.push_back(ReadAuthority(row));
  }
  return out;
}

absl::Status PgFrameworkStore::InsertFramework(db::Tx& tx, const Framework& f) {
  std::vector<std::string> months;
  months.reserve(f.term.extension_months.size());
  for (int m : f.term.extension_months) months.push_back(absl::StrCat(m));
  const bool periodic = f.admission.kind == AdmissionKind::kPeriodic;
  const std::string first_opens =
      periodic ? db::SqlDate(f.admission.first_window_opens) : "";
  pqxx::result r = tx.exec_prepared(
      q::kInsertFramework.name, f.id, f.title,
      Str(NameOf(kProcurementRoutes, f.procurement_route)), f.lead_authority_id,
      Str(NameOf(kFrameworkStatuses, f.status)), db::SqlDate(f.term.start),
      db::SqlDate(f.term.initial_end), TextArray(months),
      db::SqlDate(f.term.maximum_end), db::SqlDate(f.term.current_end),
      Str(NameOf(kAdmissionKinds, f.admission.kind)),
      f.admission.interval_months, f.admission.window_days,
      periodic ? first_opens.c_str() : nullptr, f.ages.minimum, f.ages.maximum,
      f.ballot.quorum_percent, f.ballot.pass_threshold_percent,
      f.ballot.unanimous, Str(NameOf(kCostSharingMethods, f.cost_sharing)),
      db::SqlTimestamp(f.create_time));
  if (r.affected_rows() == 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("frameworks/", f.id, " already exists"));
  }
  for (size_t i = 0; i < f.lots.size(); ++i) {
    const Lot& lot = f.lots[i];
    tx.exec_prepared0(q::kInsertLot.name, f.id, lot.id, static_cast<int>(i),
                      lot.title, Str(NameOf(kServiceTypes, lot.service_type)),
                      lot.ofsted_registration_required,
                      Str(NameOf(kOfstedGrades, lot.lowest_ofsted_grade)));
  }
  return absl::OkStatus();
}

absl::StatusOr<Framework> PgFrameworkStore::FindFramework(db::Tx& tx,
                                                          const std::string& id,
                                                          bool for_update) {
  pqxx::result r = tx.exec_prepared(
      for_update ? q::kFindFrameworkForUpdate.name : q::kFindFramework.name,
      id);
  if (r.empty()) {
    return absl::NotFoundError(absl::StrCat("frameworks/", id, " not found"));
  }
  std::vector<Framework> found = {ReadFramework(r[0])};
  AttachLots(tx, found);
  return std::move(found.front());
}

absl::StatusOr<std::vector<Framework>> PgFrameworkStore::ListFrameworks(
    db::Tx& tx, const std::string& after_id, int limit, bool all,
    const std::string& authority_id) {
  std::vector<Framework> out;
  for (const pqxx::row& row : tx.exec_prepared(
           q::kListFrameworks.name, after_id, all, authority_id, limit)) {
    out.push_back(ReadFramework(row));
  }
  AttachLots(tx, out);
  return out;
}

absl::Status PgFrameworkStore::ActivateFramework(db::Tx& tx,
                                                 const std::string& id,
                                                 absl::Time at) {
  pqxx::result r =
      tx.exec_prepared(q::kActivateFramework.name, id, db::SqlTimestamp(at));
  if (r.affected_rows() != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("frameworks/", id, " is no longer in DRAFT"));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> PgFrameworkStore::HasMembership(
    db::Tx& tx, const std::string& framework_id,
    const std::string& authority_id) {
  return tx
      .exec_prepared1(q::kHasMembership.name, framework_id, authority_id)[0]
      .as<bool>();
}

absl::StatusOr<std::optional<Membership>> PgFrameworkStore::LatestMembership(
    db::Tx& tx, const std::string& framework_id,
    const std::string& authority_id) {
  pqxx::result r =
      tx.exec_prepared(q::kLatestMembership.name, framework_id, authority_id);
  if (r.empty()) return std::optional<Membership>();
  return std::optional<Membership>(ReadMembership(r[0]));
}

absl::Status PgFrameworkStore::InsertMembership(db::Tx& tx,
                                                const Membership& m) {
  tx.exec_prepared0(q::kInsertMembership.name, m.framework_id, m.authority_id,
                    m.strategic_lead.full_name, m.strategic_lead.email,
                    m.strategic_lead.job_title, db::SqlDate(m.joined));
  return absl::OkStatus();
}

absl::Status PgFrameworkStore::CeaseMembership(db::Tx& tx,
                                               const std::string& framework_id,
                                               const std::string& authority_id,
                                               absl::CivilDay ceased,
                                               const std::string& reason) {
  pqxx::result r = tx.exec_prepared(q::kCeaseMembership.name, framework_id,
                                    authority_id, db::SqlDate(ceased), reason);
  if (r.affected_rows() != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("frameworks/", framework_id, "/members/", authority_id,
                     " has no membership in force"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::pair<Membership, MembershipKey>>>
PgFrameworkStore::ListMemberships(db::Tx& tx, const std::string& framework_id,
                                  const MembershipKey& after, int limit,
                                  bool include_ceased, absl::CivilDay today) {
  std::vector<std::pair<Membership, MembershipKey>> out;
  for (const pqxx::row& row : tx.exec_prepared(
           q::kListMemberships.name, framework_id, after.authority_id,
           after.membership_id, include_ceased, db::SqlDate(today), limit)) {
    MembershipKey key{row["authority_id"].as<std::string>(),
                      row["membership_id"].as<int64_t>()};
    out.emplace_back(ReadMembership(row), std::move(key));
  }
  return out;
}

}  // namespace fhub::frameworks
