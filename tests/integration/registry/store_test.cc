// The registry's storage against a migrated PostgreSQL: every statement
// prepares, and providers, settings, vacancies, questionnaires, applications
// and evaluations round-trip, with keys and missing rows giving the
// documented statuses. Accreditations, suspensions and concerns are in
// records_store_test.cc, the eligibility prefilter in search_store_test.cc.

#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/storage/queries.h"
#include "services/registry/storage/registry_store.h"
#include "tests/integration/registry/store_fixture.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::SizeIs;

// libpqxx prepares lazily, so a bad statement would only fail when first
// run: prepare every one explicitly.
TEST_F(RegistryStoreTest, EveryStatementPrepares) {
  pqxx::connection connection{::fhub::testing::AsAdmin(database_.dsn())};
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

}  // namespace
}  // namespace fhub::registry
