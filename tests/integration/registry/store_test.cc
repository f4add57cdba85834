// The registry's storage against a migrated PostgreSQL: every record type
// round-trips, keys and missing rows give the documented statuses, and the
// eligibility prefilter applies distance, lot, accreditation, suspension and
// vacancy as the domain expects.

#include <algorithm>
#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/migrations.h"
#include "services/registry/storage/queries.h"
#include "services/registry/storage/registry_store.h"
#include "tests/support/test_database.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::ScratchDatabase;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Microseconds included: instants must survive the trip exactly.
const absl::Time kAt = absl::FromCivil(absl::CivilSecond(2024, 6, 3, 9, 30, 0),
                                       absl::UTCTimeZone()) +
                       absl::Microseconds(123456);
const LotRef kLot{"nw-2024", "semi-independent"};
const LatLng kLiverpool{53.4084, -2.9916};
const LatLng kBootle{53.4466, -2.9929};
const LatLng kManchester{53.4808, -2.2426};
const LatLng kSouthport{53.6475, -3.0053};

Provider MakeProvider(const std::string& id) {
  Provider p;
  p.id = id;
  p.legal_name = "Acme Care Ltd";
  p.kind = ProviderKind::kCompany;
  p.company_number = "01234567";
  p.contacts = {{"Ann Lee", "ann@acme.example", "0151 000 0000", "Director"},
                {"Bob Roe", "bob@acme.example", "", ""}};
  p.address = {{"1 Dock Road", "Unit 2"}, "Liverpool", "L3 4AA"};
  p.create_time = kAt;
  return p;
}

Setting MakeSetting(const std::string& provider_id, const std::string& id,
                    LatLng location, std::vector<LotRef> lots = {kLot}) {
  Setting s;
  s.id = id;
  s.provider_id = provider_id;
  s.name = "House " + id;
  s.address = {{"3 Marsh Lane"}, "Bootle", "L20 3NJ"};
  s.location = location;
  s.lots = std::move(lots);
  s.capacity = 4;
  s.ofsted_urn = "SC123456";
  s.registration_type = RegistrationType::kSupportedAccommodation;
  return s;
}

Application MakeApplication(const std::string& provider_id,
                            ApplicationStatus status) {
  Application a;
  a.provider_id = provider_id;
  a.framework_id = kLot.framework_id;
  a.lot_ids = {kLot.lot_id, "residential"};
  a.status = status;
  a.answers = {{"safeguarding", "We train staff."}, {"outcomes", "Audits."}};
  a.create_time = kAt;
  return a;
}

Suspension MakeSuspension(const std::string& provider_id, SuspensionScope scope,
                          const std::string& authority_id) {
  Suspension s;
  s.provider_id = provider_id;
  s.framework_id = kLot.framework_id;
  s.scope = scope;
  s.authority_id = authority_id;
  s.reason = "Safeguarding concern";
  s.suspend_time = kAt;
  s.suspended_by = "officer-1";
  for (int i = 1; i <= 3; ++i) {
    ActionPlanItem item;
    item.number = i;
    item.description = "Step " + std::to_string(i);
    item.due = absl::CivilDay(2024, 7, i);
    s.action_plan.push_back(item);
  }
  return s;
}

std::vector<std::string> VacancyIds(const std::vector<VacancyRecord>& list) {
  std::vector<std::string> ids;
  for (const VacancyRecord& r : list) ids.push_back(r.vacancy.id);
  return ids;
}

template <typename T>
std::vector<std::string> Ids(const std::vector<T>& list) {
  std::vector<std::string> ids;
  for (const T& item : list) ids.push_back(item.id);
  return ids;
}

class RegistryStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_.Migrate("registry", "registry", Migrations());
    db::PoolOptions options;
    options.dsn = database_.dsn();
    options.size = 2;
    options.search_path = "registry, public";
    options.statements = RegistryStore::Statements();
    auto pool = db::Pool::Create(options);
    ASSERT_THAT(pool, IsOk());
    pool_ = *std::move(pool);
  }

  // Runs `f(tx)` in a committed transaction and returns what it returned
  // (or the transaction's own error).
  template <typename F>
  auto In(F f) {
    using Result = decltype(f(std::declval<db::Tx&>()));
    Result result = absl::UnknownError("not run");
    absl::Status status = db::Transact(*pool_, {}, [&](db::Tx& tx) {
      result = f(tx);
      return absl::OkStatus();
    });
    return status.ok() ? result : Result(status);
  }

  void AddProvider(const std::string& id) {
    ASSERT_THAT(In([&](db::Tx& tx) {
                  return store_.InsertProvider(tx, MakeProvider(id));
                }),
                IsOk());
  }

  void AddSetting(const Setting& s) {
    ASSERT_THAT(
        In([&](db::Tx& tx) { return store_.InsertSetting(tx, s, kAt); }),
        IsOk());
  }

  std::string AddVacancy(const std::string& provider_id,
                         const std::string& setting_id, absl::CivilDay from) {
    VacancyRecord record{provider_id, {"", setting_id, 2, from}, kAt, {}};
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.InsertVacancy(tx, record); }),
        IsOk());
    return record.vacancy.id;
  }

  std::string AddApplication(const std::string& provider_id,
                             ApplicationStatus status) {
    Application a = MakeApplication(provider_id, status);
    EXPECT_THAT(In([&](db::Tx& tx) { return store_.InsertApplication(tx, a); }),
                IsOk());
    return a.id;
  }

  void Accredit(const std::string& provider_id, AccreditationStatus status,
                const LotRef& lot = kLot, double score = 70) {
    Accreditation a;
    a.provider_id = provider_id;
    a.lot = lot;
    a.status = status;
    a.quality_score = score;
    a.application_id =
        AddApplication(provider_id, ApplicationStatus::kAdmitted);
    a.admit_time = kAt;
    ASSERT_THAT(In([&](db::Tx& tx) { return store_.PutAccreditation(tx, a); }),
                IsOk());
  }

  ScratchDatabase database_;
  std::unique_ptr<db::Pool> pool_;
  RegistryStore store_;
};

// libpqxx prepares lazily, so a bad statement would only fail when first
// run: prepare every one explicitly.
TEST_F(RegistryStoreTest, EveryStatementPrepares) {
  pqxx::connection connection{database_.dsn()};
  pqxx::nontransaction tx(connection);
  tx.exec("SET search_path TO registry, public");
  std::set<std::string> names;
  for (const db::PreparedStatement& statement : RegistryStore::Statements()) {
    EXPECT_TRUE(names.insert(statement.name).second) << statement.name;
    EXPECT_NO_THROW(
        tx.exec("PREPARE " + statement.name + " AS " + statement.sql))
        << statement.name;
  }
  for (const db::Query& query : queries::kAll) {
    EXPECT_EQ(names.count(query.name), 1u) << query.name;
  }
}

TEST_F(RegistryStoreTest, ProviderRoundTrips) {
  AddProvider("acme-care");
  AddProvider("bright-homes");
  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.InsertProvider(tx, MakeProvider("acme-care"));
              }),
              StatusIs(absl::StatusCode::kAlreadyExists));

  auto found = In([&](db::Tx& tx) {
    return store_.FindProvider(tx, "acme-care", /*for_update=*/true);
  });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->legal_name, "Acme Care Ltd");
  EXPECT_EQ(found->kind, ProviderKind::kCompany);
  EXPECT_EQ(found->company_number, "01234567");
  ASSERT_THAT(found->contacts, SizeIs(2));
  EXPECT_EQ(found->contacts[0].email, "ann@acme.example");
  EXPECT_EQ(found->contacts[0].job_title, "Director");
  EXPECT_EQ(found->contacts[0].phone, "0151 000 0000");
  EXPECT_EQ(found->contacts[1].full_name, "Bob Roe");
  EXPECT_THAT(found->address.lines, ElementsAre("1 Dock Road", "Unit 2"));
  EXPECT_EQ(found->address.postcode, "L3 4AA");
  EXPECT_EQ(found->create_time, kAt);

  Provider changed = *found;
  changed.legal_name = "Acme Charity";
  changed.kind = ProviderKind::kCharity;
  changed.charity_number = "1100001";
  changed.contacts.pop_back();
  ASSERT_THAT(In([&](db::Tx& tx) {
                return store_.UpdateProvider(tx, changed, kAt + absl::Hours(1));
              }),
              IsOk());
  found = In(
      [&](db::Tx& tx) { return store_.FindProvider(tx, "acme-care", false); });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->legal_name, "Acme Charity");
  EXPECT_EQ(found->kind, ProviderKind::kCharity);
  EXPECT_EQ(found->charity_number, "1100001");
  EXPECT_THAT(found->contacts, SizeIs(1));
  EXPECT_EQ(found->create_time, kAt);

  auto listed =
      In([&](db::Tx& tx) { return store_.ListProviders(tx, "", 10); });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(Ids(*listed), ElementsAre("acme-care", "bright-homes"));
  listed =
      In([&](db::Tx& tx) { return store_.ListProviders(tx, "acme-care", 10); });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(Ids(*listed), ElementsAre("bright-homes"));

  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.FindProvider(tx, "nobody", false); }),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.UpdateProvider(tx, MakeProvider("nobody"), kAt);
              }),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(RegistryStoreTest, SettingRoundTrips) {
  AddProvider("acme-care");
  Setting judged = MakeSetting("acme-care", "bootle-house", kBootle,
                               {kLot, {"nw-2024", "residential"}});
  judged.latest_judgement =
      OfstedJudgement{Judgement::kOutcome1, absl::CivilDay(2023, 11, 2)};
  judged.service_radius_miles = 12.5;
  AddSetting(judged);
  AddSetting(MakeSetting("acme-care", "dock-house", kLiverpool));
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.InsertSetting(tx, judged, kAt); }),
      StatusIs(absl::StatusCode::kAlreadyExists));

  auto found = In([&](db::Tx& tx) {
    return store_.FindSetting(tx, "acme-care", "bootle-house", true);
  });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->name, "House bootle-house");
  EXPECT_EQ(found->provider_id, "acme-care");
  EXPECT_DOUBLE_EQ(found->location.latitude, kBootle.latitude);
  EXPECT_DOUBLE_EQ(found->location.longitude, kBootle.longitude);
  EXPECT_THAT(found->lots, ElementsAre(kLot, LotRef{"nw-2024", "residential"}));
  EXPECT_EQ(found->capacity, 4);
  EXPECT_EQ(found->registration_type,
            RegistrationType::kSupportedAccommodation);
  EXPECT_EQ(found->ofsted_urn, "SC123456");
  ASSERT_TRUE(found->latest_judgement.has_value());
  EXPECT_EQ(found->latest_judgement->judgement, Judgement::kOutcome1);
  EXPECT_EQ(found->latest_judgement->date, absl::CivilDay(2023, 11, 2));
  EXPECT_DOUBLE_EQ(found->service_radius_miles, 12.5);
  EXPECT_EQ(found->address.town, "Bootle");

  auto plain = In([&](db::Tx& tx) {
    return store_.FindSetting(tx, "acme-care", "dock-house", false);
  });
  ASSERT_THAT(plain, IsOk());
  EXPECT_FALSE(plain->latest_judgement.has_value());

  Setting changed = *found;
  changed.latest_judgement.reset();
  changed.capacity = 6;
  changed.lots = {kLot};
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateSetting(tx, changed, kAt); }),
      IsOk());
  found = In([&](db::Tx& tx) {
    return store_.FindSetting(tx, "acme-care", "bootle-house", false);
  });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->capacity, 6);
  EXPECT_THAT(found->lots, ElementsAre(kLot));
  EXPECT_FALSE(found->latest_judgement.has_value());

  auto listed = In(
      [&](db::Tx& tx) { return store_.ListSettings(tx, "acme-care", "", 1); });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(Ids(*listed), ElementsAre("bootle-house"));
  listed = In([&](db::Tx& tx) {
    return store_.ListSettings(tx, "acme-care", "bootle-house", 10);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(Ids(*listed), ElementsAre("dock-house"));

  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.FindSetting(tx, "acme-care", "nowhere", false);
              }),
              StatusIs(absl::StatusCode::kNotFound));
  changed.id = "nowhere";
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateSetting(tx, changed, kAt); }),
      StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(RegistryStoreTest, VacanciesOpenWithdrawAndList) {
  AddProvider("acme-care");
  AddSetting(MakeSetting("acme-care", "bootle-house", kBootle));
  AddSetting(MakeSetting("acme-care", "dock-house", kLiverpool));
  const std::string late =
      AddVacancy("acme-care", "bootle-house", absl::CivilDay(2024, 9, 1));
  const std::string early =
      AddVacancy("acme-care", "bootle-house", absl::CivilDay(2024, 7, 1));
  const std::string same_day =
      AddVacancy("acme-care", "bootle-house", absl::CivilDay(2024, 7, 1));
  const std::string withdrawn =
      AddVacancy("acme-care", "bootle-house", absl::CivilDay(2024, 6, 1));

  auto found = In([&](db::Tx& tx) {
    return store_.FindVacancy(tx, "acme-care", "bootle-house", late, true);
  });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->provider_id, "acme-care");
  EXPECT_EQ(found->vacancy.setting_id, "bootle-house");
  EXPECT_EQ(found->vacancy.places, 2);
  EXPECT_EQ(found->vacancy.available_from, absl::CivilDay(2024, 9, 1));
  EXPECT_EQ(found->create_time, kAt);
  EXPECT_FALSE(found->withdraw_time.has_value());

  const absl::Time later = kAt + absl::Minutes(5);
  ASSERT_THAT(In([&](db::Tx& tx) {
                return store_.WithdrawVacancy(tx, withdrawn, later);
              }),
              IsOk());
  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.WithdrawVacancy(tx, withdrawn, later);
              }),
              StatusIs(absl::StatusCode::kNotFound));
  found = In([&](db::Tx& tx) {
    return store_.FindVacancy(tx, "acme-care", "bootle-house", withdrawn,
                              false);
  });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->withdraw_time, later);

  auto open = In([&](db::Tx& tx) {
    return store_.ListOpenVacancies(tx, "acme-care", "bootle-house");
  });
  ASSERT_THAT(open, IsOk());
  EXPECT_THAT(VacancyIds(*open), ElementsAre(early, same_day, late));

  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.FindVacancy(tx, "acme-care", "dock-house", late,
                                          false);
              }),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(In([&](db::Tx& tx) {
                return store_.FindVacancy(tx, "acme-care", "bootle-house",
                                          "not-a-number", false);
              }),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.WithdrawVacancy(tx, "x1", later); }),
      StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(RegistryStoreTest, QuestionnairePutReplaceAndFind) {
  auto none = In([&](db::Tx& tx) {
    return store_.FindQuestionnaire(tx, "nw-2024", false);
  });
  ASSERT_THAT(none, IsOk());
  EXPECT_FALSE(none->has_value());

  Questionnaire q;
  q.framework_id = "nw-2024";
  q.criteria = {{"safeguarding", "How do you keep children safe?", 3, 2},
                {"outcomes", "What outcomes do you measure?", 1, 0}};
  q.max_score = 5;
  q.pass_mark = 60;
  q.minimum_evaluations = 2;
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.PutQuestionnaire(tx, q, kAt); }),
      IsOk());
  auto found = In([&](db::Tx& tx) {
    return store_.FindQuestionnaire(tx, "nw-2024", true);
  });
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  const Questionnaire& got = (*found)->questionnaire;
  ASSERT_THAT(got.criteria, SizeIs(2));
  EXPECT_EQ(got.criteria[0].id, "safeguarding");
  EXPECT_EQ(got.criteria[0].question, "How do you keep children safe?");
  EXPECT_EQ(got.criteria[0].weight, 3);
  EXPECT_EQ(got.criteria[0].minimum_score, 2);
  EXPECT_EQ(got.pass_mark, 60);
  EXPECT_EQ((*found)->update_time, kAt);

  q.criteria.pop_back();
  q.pass_mark = 70;
  q.minimum_evaluations = 3;
  const absl::Time later = kAt + absl::Hours(2);
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.PutQuestionnaire(tx, q, later); }),
      IsOk());
  found = In([&](db::Tx& tx) {
    return store_.FindQuestionnaire(tx, "nw-2024", false);
  });
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_THAT((*found)->questionnaire.criteria, SizeIs(1));
  EXPECT_EQ((*found)->questionnaire.pass_mark, 70);
  EXPECT_EQ((*found)->questionnaire.minimum_evaluations, 3);
  EXPECT_EQ((*found)->update_time, later);
}

TEST_F(RegistryStoreTest, ApplicationsAndEvaluations) {
  AddProvider("acme-care");
  AddProvider("bright-homes");
  const std::string draft =
      AddApplication("acme-care", ApplicationStatus::kDraft);
  const std::string submitted =
      AddApplication("acme-care", ApplicationStatus::kDraft);
  const std::string other =
      AddApplication("bright-homes", ApplicationStatus::kSubmitted);

  auto found = In(
      [&](db::Tx& tx) { return store_.FindApplication(tx, submitted, true); });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->provider_id, "acme-care");
  EXPECT_EQ(found->framework_id, "nw-2024");
  EXPECT_THAT(found->lot_ids, ElementsAre("semi-independent", "residential"));
  EXPECT_EQ(found->status, ApplicationStatus::kDraft);
  ASSERT_THAT(found->answers, SizeIs(2));
  EXPECT_EQ(found->answers[1].criterion_id, "outcomes");
  EXPECT_EQ(found->answers[1].text, "Audits.");
  EXPECT_EQ(found->create_time, kAt);
  EXPECT_FALSE(found->submit_time.has_value());

  Application changed = *found;
  changed.status = ApplicationStatus::kRejected;
  changed.feedback = "Too little evidence";
  changed.submit_time = kAt + absl::Hours(1);
  changed.decide_time = kAt + absl::Hours(2);
  changed.decided_by = "lead-officer";
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateApplication(tx, changed); }),
      IsOk());
  found = In(
      [&](db::Tx& tx) { return store_.FindApplication(tx, submitted, false); });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->status, ApplicationStatus::kRejected);
  EXPECT_EQ(found->feedback, "Too little evidence");
  EXPECT_EQ(found->submit_time, kAt + absl::Hours(1));
  EXPECT_EQ(found->decide_time, kAt + absl::Hours(2));
  EXPECT_EQ(found->decided_by, "lead-officer");

  auto mine = In([&](db::Tx& tx) {
    return store_.ListProviderApplications(tx, "acme-care", 0, 10);
  });
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(Ids(*mine), ElementsAre(submitted, draft));
  mine = In([&](db::Tx& tx) {
    return store_.ListProviderApplications(tx, "acme-care",
                                           std::stoll(submitted), 10);
  });
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(Ids(*mine), ElementsAre(draft));
  mine = In([&](db::Tx& tx) {
    return store_.ListProviderApplications(tx, "acme-care", 0, 1);
  });
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(Ids(*mine), ElementsAre(submitted));

  auto framework = In([&](db::Tx& tx) {
    return store_.ListFrameworkApplications(tx, "nw-2024", 0, 10);
  });
  ASSERT_THAT(framework, IsOk());
  EXPECT_THAT(Ids(*framework), ElementsAre(other, submitted));
  framework = In([&](db::Tx& tx) {
    return store_.ListFrameworkApplications(tx, "nw-2024", std::stoll(other),
                                            10);
  });
  ASSERT_THAT(framework, IsOk());
  EXPECT_THAT(Ids(*framework), ElementsAre(submitted));

  auto on = In([&](db::Tx& tx) {
    return store_.ProviderApplicationsOn(tx, "acme-care", "nw-2024");
  });
  ASSERT_THAT(on, IsOk());
  EXPECT_THAT(Ids(*on), ElementsAre(draft, submitted));

  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.HasEvaluations(tx, "nw-2024"); }),
      ::fhub::testing::IsOkAndHolds(false));
  Evaluation e{
      other, "officer-1", "sefton", {{"safeguarding", 4, "Good"}}, kAt};
  ASSERT_THAT(In([&](db::Tx& tx) { return store_.InsertEvaluation(tx, e); }),
              IsOk());
  EXPECT_THAT(In([&](db::Tx& tx) { return store_.InsertEvaluation(tx, e); }),
              StatusIs(absl::StatusCode::kAlreadyExists));
  Evaluation second{other, "officer-2", "wirral", {}, kAt + absl::Minutes(1)};
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.InsertEvaluation(tx, second); }),
      IsOk());
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.HasEvaluations(tx, "nw-2024"); }),
      ::fhub::testing::IsOkAndHolds(true));
  auto evaluations =
      In([&](db::Tx& tx) { return store_.ListEvaluations(tx, other); });
  ASSERT_THAT(evaluations, IsOk());
  ASSERT_THAT(*evaluations, SizeIs(2));
  EXPECT_EQ((*evaluations)[0].evaluator, "officer-1");
  EXPECT_EQ((*evaluations)[0].evaluator_authority_id, "sefton");
  EXPECT_EQ((*evaluations)[0].application_id, other);
  ASSERT_THAT((*evaluations)[0].scores, SizeIs(1));
  EXPECT_EQ((*evaluations)[0].scores[0].score, 4);
  EXPECT_EQ((*evaluations)[0].scores[0].comment, "Good");
  EXPECT_EQ((*evaluations)[0].submit_time, kAt);
  EXPECT_EQ((*evaluations)[1].evaluator, "officer-2");

  for (const std::string& id : {std::string("999999"), std::string("abc")}) {
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.FindApplication(tx, id, false); }),
        StatusIs(absl::StatusCode::kNotFound));
    changed.id = id;
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.UpdateApplication(tx, changed); }),
        StatusIs(absl::StatusCode::kNotFound));
  }
}

TEST_F(RegistryStoreTest, AccreditationsPutReplaceAndList) {
  AddProvider("acme-care");
  AddProvider("bright-homes");
  Accredit("acme-care", AccreditationStatus::kAdmitted);
  Accredit("acme-care", AccreditationStatus::kAdmitted,
           {"nw-2024", "residential"});
  Accredit("acme-care", AccreditationStatus::kAdmitted, {"other-fw", "lot-1"});
  Accredit("bright-homes", AccreditationStatus::kAdmitted);

  Accreditation removed;
  removed.provider_id = "bright-homes";
  removed.lot = kLot;
  removed.status = AccreditationStatus::kRemoved;
  removed.quality_score = 55.5;
  removed.application_id =
      AddApplication("bright-homes", ApplicationStatus::kAdmitted);
  removed.admit_time = kAt;
  removed.remove_time = kAt + absl::Hours(3);
  removed.removal_reason = "Left the market";
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.PutAccreditation(tx, removed); }),
      IsOk());

  auto mine = In([&](db::Tx& tx) {
    return store_.ProviderAccreditations(tx, "acme-care", "");
  });
  ASSERT_THAT(mine, IsOk());
  ASSERT_THAT(*mine, SizeIs(3));
  EXPECT_EQ((*mine)[0].lot, (LotRef{"nw-2024", "residential"}));
  EXPECT_EQ((*mine)[1].lot, kLot);
  EXPECT_EQ((*mine)[2].lot, (LotRef{"other-fw", "lot-1"}));
  mine = In([&](db::Tx& tx) {
    return store_.ProviderAccreditations(tx, "acme-care", "other-fw");
  });
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(*mine, SizeIs(1));

  auto theirs = In([&](db::Tx& tx) {
    return store_.ProviderAccreditations(tx, "bright-homes", "nw-2024");
  });
  ASSERT_THAT(theirs, IsOk());
  ASSERT_THAT(*theirs, SizeIs(1));
  const Accreditation& got = (*theirs)[0];
  EXPECT_EQ(got.status, AccreditationStatus::kRemoved);
  EXPECT_DOUBLE_EQ(got.quality_score, 55.5);
  EXPECT_EQ(got.application_id, removed.application_id);
  EXPECT_EQ(got.admit_time, kAt);
  EXPECT_EQ(got.remove_time, kAt + absl::Hours(3));
  EXPECT_EQ(got.removal_reason, "Left the market");

  auto lot = In([&](db::Tx& tx) {
    return store_.FrameworkAccreditations(tx, "nw-2024", kLot.lot_id, "", "",
                                          10);
  });
  ASSERT_THAT(lot, IsOk());
  ASSERT_THAT(*lot, SizeIs(2));
  EXPECT_EQ((*lot)[0].provider_id, "acme-care");
  EXPECT_EQ((*lot)[1].provider_id, "bright-homes");

  auto all = In([&](db::Tx& tx) {
    return store_.FrameworkAccreditations(tx, "nw-2024", "", "", "", 2);
  });
  ASSERT_THAT(all, IsOk());
  ASSERT_THAT(*all, SizeIs(2));
  EXPECT_EQ((*all)[1].lot.lot_id, "semi-independent");
  all = In([&](db::Tx& tx) {
    return store_.FrameworkAccreditations(tx, "nw-2024", "", "acme-care",
                                          "semi-independent", 2);
  });
  ASSERT_THAT(all, IsOk());
  ASSERT_THAT(*all, SizeIs(1));
  EXPECT_EQ((*all)[0].provider_id, "bright-homes");
}

TEST_F(RegistryStoreTest, SuspensionsWithActionPlans) {
  AddProvider("acme-care");
  Suspension s =
      MakeSuspension("acme-care", SuspensionScope::kMemberOnly, "sefton");
  ASSERT_THAT(In([&](db::Tx& tx) { return store_.InsertSuspension(tx, s); }),
              IsOk());
  ASSERT_FALSE(s.id.empty());
  Suspension again = s;
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.InsertSuspension(tx, again); }),
      StatusIs(absl::StatusCode::kAlreadyExists));
  Suspension by_wirral =
      MakeSuspension("acme-care", SuspensionScope::kMemberOnly, "wirral");
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.InsertSuspension(tx, by_wirral); }),
      IsOk());

  auto found =
      In([&](db::Tx& tx) { return store_.FindSuspension(tx, s.id, true); });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->scope, SuspensionScope::kMemberOnly);
  EXPECT_EQ(found->authority_id, "sefton");
  EXPECT_EQ(found->reason, "Safeguarding concern");
  EXPECT_EQ(found->status, SuspensionStatus::kActive);
  EXPECT_EQ(found->suspend_time, kAt);
  EXPECT_EQ(found->suspended_by, "officer-1");
  ASSERT_THAT(found->action_plan, SizeIs(3));
  EXPECT_EQ(found->action_plan[2].number, 3);
  EXPECT_EQ(found->action_plan[2].description, "Step 3");
  EXPECT_EQ(found->action_plan[2].due, absl::CivilDay(2024, 7, 3));
  EXPECT_FALSE(found->action_plan[0].evidence_time.has_value());

  Suspension lifted = *found;
  for (ActionPlanItem& item : lifted.action_plan) {
    item.evidence = "Done " + std::to_string(item.number);
    item.evidence_time = kAt + absl::Hours(item.number);
    item.accepted = true;
    item.accepted_by = "officer-1";
    item.accept_time = kAt + absl::Hours(10);
  }
  lifted.status = SuspensionStatus::kLifted;
  lifted.reinstate_time = kAt + absl::Hours(11);
  lifted.reinstated_by = "officer-1";
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateSuspension(tx, lifted); }),
      IsOk());
  found =
      In([&](db::Tx& tx) { return store_.FindSuspension(tx, s.id, false); });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->status, SuspensionStatus::kLifted);
  EXPECT_EQ(found->reinstate_time, kAt + absl::Hours(11));
  EXPECT_EQ(found->reinstated_by, "officer-1");
  ASSERT_THAT(found->action_plan, SizeIs(3));
  EXPECT_EQ(found->action_plan[1].evidence, "Done 2");
  EXPECT_EQ(found->action_plan[1].evidence_time, kAt + absl::Hours(2));
  EXPECT_TRUE(found->action_plan[1].accepted);
  EXPECT_EQ(found->action_plan[1].accept_time, kAt + absl::Hours(10));

  // Lifted, the same authority may suspend again.
  ASSERT_THAT(
      In([&](db::Tx& tx) { return store_.InsertSuspension(tx, again); }),
      IsOk());

  auto provider = In([&](db::Tx& tx) {
    return store_.ProviderSuspensions(tx, "acme-care", "nw-2024");
  });
  ASSERT_THAT(provider, IsOk());
  EXPECT_THAT(Ids(*provider), ElementsAre(s.id, by_wirral.id, again.id));
  EXPECT_THAT((*provider)[1].action_plan, SizeIs(3));

  auto active = In([&](db::Tx& tx) {
    return store_.ListSuspensions(tx, "", "nw-2024", true, 0, 10);
  });
  ASSERT_THAT(active, IsOk());
  EXPECT_THAT(Ids(*active), ElementsAre(again.id, by_wirral.id));
  auto page = In([&](db::Tx& tx) {
    return store_.ListSuspensions(tx, "acme-care", "", false,
                                  std::stoll(again.id), 1);
  });
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(Ids(*page), ElementsAre(by_wirral.id));
  EXPECT_THAT(page->front().action_plan, SizeIs(3));

  for (const std::string& id : {std::string("424242"), std::string("s-1")}) {
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.FindSuspension(tx, id, false); }),
        StatusIs(absl::StatusCode::kNotFound));
    lifted.id = id;
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.UpdateSuspension(tx, lifted); }),
        StatusIs(absl::StatusCode::kNotFound));
  }
}

TEST_F(RegistryStoreTest, ConcernsInsertUpdateAndList) {
  AddProvider("acme-care");
  AddProvider("bright-homes");
  Concern first{"",          "acme-care",    "nw-2024",
                "sefton",    "Late reports", kAt,
                "",          std::nullopt,   ConcernStatus::kOpen,
                std::nullopt};
  Concern second{"",          "bright-homes", "nw-2024",
                 "wirral",    "Staffing",     kAt,
                 "",          std::nullopt,   ConcernStatus::kOpen,
                 std::nullopt};
  Concern third{"",   "acme-care", "other-fw", "sefton", "Fire safety",
                kAt, "",          std::nullopt, ConcernStatus::kOpen,
                std::nullopt};
  for (Concern* c : {&first, &second, &third}) {
    ASSERT_THAT(In([&](db::Tx& tx) { return store_.InsertConcern(tx, *c); }),
                IsOk());
  }

  auto found =
      In([&](db::Tx& tx) { return store_.FindConcern(tx, first.id, true); });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->provider_id, "acme-care");
  EXPECT_EQ(found->raised_by_authority_id, "sefton");
  EXPECT_EQ(found->summary, "Late reports");
  EXPECT_EQ(found->raise_time, kAt);
  EXPECT_EQ(found->status, ConcernStatus::kOpen);
  EXPECT_FALSE(found->response_time.has_value());

  Concern closed = *found;
  closed.response = "Reports now weekly";
  closed.response_time = kAt + absl::Hours(1);
  closed.status = ConcernStatus::kClosed;
  closed.close_time = kAt + absl::Hours(2);
  ASSERT_THAT(In([&](db::Tx& tx) { return store_.UpdateConcern(tx, closed); }),
              IsOk());
  found =
      In([&](db::Tx& tx) { return store_.FindConcern(tx, first.id, false); });
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->response, "Reports now weekly");
  EXPECT_EQ(found->response_time, kAt + absl::Hours(1));
  EXPECT_EQ(found->status, ConcernStatus::kClosed);
  EXPECT_EQ(found->close_time, kAt + absl::Hours(2));

  auto listed = In([&](db::Tx& tx) {
    return store_.ListConcerns(tx, "nw-2024", "", 0, 10);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(Ids(*listed), ElementsAre(second.id, first.id));
  listed = In([&](db::Tx& tx) {
    return store_.ListConcerns(tx, "", "acme-care", 0, 10);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(Ids(*listed), ElementsAre(third.id, first.id));
  listed = In([&](db::Tx& tx) {
    return store_.ListConcerns(tx, "", "", std::stoll(third.id), 1);
  });
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(Ids(*listed), ElementsAre(second.id));

  for (const std::string& id : {std::string("77"), std::string("")}) {
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.FindConcern(tx, id, false); }),
        StatusIs(absl::StatusCode::kNotFound));
    closed.id = id;
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.UpdateConcern(tx, closed); }),
        StatusIs(absl::StatusCode::kNotFound));
  }
}

// Merseyside providers searched from Southport within 20 miles.
class SearchCandidatesTest : public RegistryStoreTest {
 protected:
  void SetUp() override {
    RegistryStoreTest::SetUp();
    // Admitted, in range, with two open vacancies by the day.
    Add("liverpool-care", kLiverpool, AccreditationStatus::kAdmitted);
    AddVacancy("liverpool-care", "liverpool-care-1",
               absl::CivilDay(2024, 6, 15));
    // In range: its only vacancy by the day is withdrawn, the other comes
    // too late; its annex does not serve the lot.
    Add("bootle-homes", kBootle, AccreditationStatus::kAdmitted,
        /*vacancy=*/false);
    const std::string withdrawn = AddVacancy("bootle-homes", "bootle-homes-1",
                                             absl::CivilDay(2024, 5, 1));
    EXPECT_THAT(In([&](db::Tx& tx) {
                  return store_.WithdrawVacancy(tx, withdrawn, kAt);
                }),
                IsOk());
    AddVacancy("bootle-homes", "bootle-homes-1", absl::CivilDay(2024, 9, 1));
    AddSetting(MakeSetting("bootle-homes", "bootle-annex", kBootle,
                           {{"nw-2024", "residential"}}));
    Add("manchester-living", kManchester, AccreditationStatus::kAdmitted);
    Add("suspended-accreditation", kLiverpool, AccreditationStatus::kSuspended);
    Add("removed-accreditation", kLiverpool, AccreditationStatus::kRemoved);
    Add("wide-suspended", kLiverpool, AccreditationStatus::kAdmitted);
    Suspend("wide-suspended", SuspensionScope::kFrameworkWide, "lead");
    Add("sefton-suspended", kBootle, AccreditationStatus::kAdmitted);
    Suspend("sefton-suspended", SuspensionScope::kMemberOnly, "sefton");
    Add("lifted", kLiverpool, AccreditationStatus::kAdmitted);
    Suspension lifted =
        Suspend("lifted", SuspensionScope::kFrameworkWide, "lead");
    lifted.status = SuspensionStatus::kLifted;
    lifted.reinstate_time = kAt;
    EXPECT_THAT(
        In([&](db::Tx& tx) { return store_.UpdateSuspension(tx, lifted); }),
        IsOk());
    // Admitted on another lot only.
    AddProvider("other-lot");
    AddSetting(MakeSetting("other-lot", "other-lot-1", kLiverpool));
    Accredit("other-lot", AccreditationStatus::kAdmitted,
             {"nw-2024", "residential"});
  }

  // A provider with one setting serving kLot, accredited with `status`, and
  // unless told otherwise a vacancy of 2 places from 2024-06-01.
  void Add(const std::string& id, LatLng location, AccreditationStatus status,
           bool vacancy = true) {
    AddProvider(id);
    AddSetting(MakeSetting(id, id + "-1", location));
    Accredit(id, status);
    if (vacancy) AddVacancy(id, id + "-1", absl::CivilDay(2024, 6, 1));
  }

  Suspension Suspend(const std::string& provider_id, SuspensionScope scope,
                     const std::string& authority_id) {
    Suspension s = MakeSuspension(provider_id, scope, authority_id);
    EXPECT_THAT(In([&](db::Tx& tx) { return store_.InsertSuspension(tx, s); }),
                IsOk());
    return s;
  }

  static CandidateQuery Query(const std::string& authority_id) {
    CandidateQuery query;
    query.query.lot.lot = kLot;
    query.query.lot.ofsted_registration_required = true;
    query.query.authority_id = authority_id;
    query.query.location = kSouthport;
    query.query.max_distance_miles = 20;
    query.query.wanted_by = absl::CivilDay(2024, 7, 1);
    query.box_radius_miles = 20.5;
    return query;
  }

  absl::StatusOr<std::vector<EligibilityCandidate>> Search(
      const CandidateQuery& query) {
    return In([&](db::Tx& tx) { return store_.SearchCandidates(tx, query); });
  }
  absl::StatusOr<std::vector<EligibilityCandidate>> Search(
      const std::string& authority_id) {
    return Search(Query(authority_id));
  }

  static std::vector<std::string> ProviderIds(
      const std::vector<EligibilityCandidate>& candidates) {
    std::vector<std::string> ids;
    for (const EligibilityCandidate& c : candidates)
      ids.push_back(c.provider_id);
    return ids;
  }
};

TEST_F(SearchCandidatesTest, FindsAdmittedUnblockedProvidersWithAVacancy) {
  auto found = Search("sefton");
  ASSERT_THAT(found, IsOk());
  // Liverpool is 16.5 miles away; equal distances go by provider id.
  EXPECT_THAT(ProviderIds(*found), ElementsAre("lifted", "liverpool-care"));
}

TEST_F(SearchCandidatesTest, MemberOnlySuspensionBlocksOnlyItsMember) {
  auto found = Search("wirral");
  ASSERT_THAT(found, IsOk());
  // Bootle (13.9 miles) comes before Liverpool (16.5).
  EXPECT_THAT(ProviderIds(*found),
              ElementsAre("sefton-suspended", "lifted", "liverpool-care"));
}

TEST_F(SearchCandidatesTest, LongerDistanceReachesManchester) {
  CandidateQuery query = Query("sefton");
  query.query.max_distance_miles = 40;
  query.box_radius_miles = 40.5;
  auto found = Search(query);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(ProviderIds(*found),
              ElementsAre("lifted", "liverpool-care", "manchester-living"));
}

TEST_F(SearchCandidatesTest, AppliesTheLotsOfstedRule) {
  // Inadequate at Liverpool: out when the lot allows GOOD at worst.
  Setting judged =
      MakeSetting("liverpool-care", "liverpool-care-1", kLiverpool);
  judged.latest_judgement =
      OfstedJudgement{Judgement::kOutcome3, absl::CivilDay(2024, 3, 1)};
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateSetting(tx, judged, kAt); }),
      IsOk());
  CandidateQuery query = Query("sefton");
  query.query.lot.lowest_ofsted_grade = OfstedGrade::kGood;
  auto found = Search(query);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(ProviderIds(*found), ElementsAre("lifted"));

  // A children's home lot needs a CHILDRENS_HOME registration.
  query.query.lot.service_type = ServiceType::kResidentialChildrensHome;
  found = Search(query);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(*found, IsEmpty());
}

TEST_F(SearchCandidatesTest, StopsAtTheLimit) {
  CandidateQuery query = Query("wirral");
  query.limit = 1;
  auto found = Search(query);
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(ProviderIds(*found), ElementsAre("sefton-suspended"));
}

TEST_F(SearchCandidatesTest, CarriesAccreditationSettingAndEarliestVacancy) {
  auto found = Search("sefton");
  ASSERT_THAT(found, IsOk());
  ASSERT_THAT(*found, SizeIs(2));
  const EligibilityCandidate& liverpool = (*found)[1];
  ASSERT_TRUE(liverpool.accreditation.has_value());
  EXPECT_EQ(liverpool.accreditation->lot, kLot);
  EXPECT_EQ(liverpool.accreditation->status, AccreditationStatus::kAdmitted);
  EXPECT_DOUBLE_EQ(liverpool.accreditation->quality_score, 70);
  EXPECT_THAT(liverpool.suspensions, IsEmpty());
  ASSERT_THAT(liverpool.settings, SizeIs(1));
  const Setting& setting = liverpool.settings[0].setting;
  EXPECT_EQ(setting.provider_id, "liverpool-care");
  EXPECT_EQ(setting.id, "liverpool-care-1");
  EXPECT_DOUBLE_EQ(setting.location.latitude, kLiverpool.latitude);
  EXPECT_THAT(setting.lots, ElementsAre(kLot));
  EXPECT_EQ(setting.registration_type,
            RegistrationType::kSupportedAccommodation);
  ASSERT_THAT(liverpool.settings[0].vacancies, SizeIs(1));
  const Vacancy& v = liverpool.settings[0].vacancies[0];
  EXPECT_EQ(v.setting_id, "liverpool-care-1");
  EXPECT_EQ(v.places, 2);
  EXPECT_EQ(v.available_from, absl::CivilDay(2024, 6, 1));
}

TEST_F(SearchCandidatesTest, MovingASettingMovesItInTheSearch) {
  Setting moved =
      MakeSetting("liverpool-care", "liverpool-care-1", kManchester);
  EXPECT_THAT(
      In([&](db::Tx& tx) { return store_.UpdateSetting(tx, moved, kAt); }),
      IsOk());
  auto found = Search("sefton");
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(ProviderIds(*found), ElementsAre("lifted"));
}

}  // namespace
}  // namespace fhub::registry
