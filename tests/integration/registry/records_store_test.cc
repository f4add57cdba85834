// The registry's records of standing against a migrated PostgreSQL:
// accreditations, suspensions with their action plans and concerns
// round-trip, list and page, with keys and missing rows giving the
// documented statuses.

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/storage/registry_store.h"
#include "tests/integration/registry/store_fixture.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::SizeIs;

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
  Concern third{
      "", "acme-care",  "other-fw",           "sefton",    "Fire safety", kAt,
      "", std::nullopt, ConcernStatus::kOpen, std::nullopt};
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

}  // namespace
}  // namespace fhub::registry
