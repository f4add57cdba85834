// Suspension by the lead or one member, action plans, reinstatement and
// removal.

#include "services/registry/domain/suspension_rules.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

constexpr absl::CivilDay kToday(2026, 3, 2);
const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 3, 2, 10, 0, 0),
                                        absl::UTCTimeZone());

FrameworkAuthorities NorthWest() {
  return {"nw-16plus", "tameside", {"tameside", "sefton", "wirral"}};
}

Accreditation Admitted(const std::string& lot_id) {
  Accreditation a;
  a.provider_id = "acme-care";
  a.lot = {"nw-16plus", lot_id};
  a.status = AccreditationStatus::kAdmitted;
  a.quality_score = 72;
  return a;
}

ActionPlanItem Item(const std::string& description, absl::CivilDay due) {
  ActionPlanItem item;
  item.description = description;
  item.due = due;
  return item;
}

Suspension Request(SuspensionScope scope) {
  Suspension s;
  s.id = "s-1";
  s.provider_id = "acme-care";
  s.scope = scope;
  s.reason = "Missing-from-care notifications were late.";
  s.action_plan = {Item("Revise the missing-from-care procedure", kToday + 14),
                   Item("Train night staff", kToday + 28)};
  return s;
}

Suspension Prepared(SuspensionScope scope, const std::string& by) {
  auto s = PrepareSuspension(Request(scope), NorthWest(), by,
                             {Admitted("lot-1")}, {}, kToday);
  EXPECT_THAT(s, IsOk());
  return *s;
}

TEST(CheckMaySuspendTest, LeadFrameworkWideMembersForThemselves) {
  const FrameworkAuthorities nw = NorthWest();
  EXPECT_THAT(CheckMaySuspend(nw, "tameside", SuspensionScope::kFrameworkWide),
              IsOk());
  EXPECT_THAT(CheckMaySuspend(nw, "sefton", SuspensionScope::kFrameworkWide),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("lead")));
  EXPECT_THAT(CheckMaySuspend(nw, "sefton", SuspensionScope::kMemberOnly),
              IsOk());
  // The lead is a member too, and may act for its own placements alone.
  EXPECT_THAT(CheckMaySuspend(nw, "tameside", SuspensionScope::kMemberOnly),
              IsOk());
  EXPECT_THAT(CheckMaySuspend(nw, "halton", SuspensionScope::kMemberOnly),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("not an active member")));
}

TEST(PrepareSuspensionTest, NumbersTheItemsAndRecordsTheSuspender) {
  Suspension request = Request(SuspensionScope::kMemberOnly);
  request.authority_id = "someone-else";
  request.action_plan[0].accepted = true;
  request.action_plan[0].evidence = "forged";
  request.status = SuspensionStatus::kLifted;
  auto s = PrepareSuspension(request, NorthWest(), "sefton",
                             {Admitted("lot-1")}, {}, kToday);
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->authority_id, "sefton");
  EXPECT_EQ(s->framework_id, "nw-16plus");
  EXPECT_EQ(s->status, SuspensionStatus::kActive);
  ASSERT_EQ(s->action_plan.size(), 2u);
  EXPECT_EQ(s->action_plan[0].number, 1);
  EXPECT_EQ(s->action_plan[1].number, 2);
  EXPECT_FALSE(s->action_plan[0].accepted);
  EXPECT_TRUE(s->action_plan[0].evidence.empty());
}

TEST(PrepareSuspensionTest, RefusesABadRequest) {
  const auto prepare = [](const Suspension& s) {
    return PrepareSuspension(s, NorthWest(), "tameside", {Admitted("lot-1")},
                             {}, kToday);
  };
  Suspension s = Request(SuspensionScope::kFrameworkWide);
  s.reason.clear();
  EXPECT_THAT(prepare(s), StatusIs(absl::StatusCode::kInvalidArgument,
                                   HasSubstr("suspension.reason")));
  s = Request(SuspensionScope::kFrameworkWide);
  s.action_plan.clear();
  EXPECT_THAT(prepare(s), StatusIs(absl::StatusCode::kInvalidArgument,
                                   HasSubstr("suspension.action_plan")));
  s = Request(SuspensionScope::kFrameworkWide);
  s.action_plan[1].due = kToday - 1;
  EXPECT_THAT(prepare(s),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("suspension.action_plan[1].due_date")));
  s = Request(SuspensionScope::kFrameworkWide);
  s.action_plan[0].description.clear();
  EXPECT_THAT(prepare(s),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("suspension.action_plan[0].description")));
  s = Request(SuspensionScope::kFrameworkWide);
  s.action_plan[0].due = kToday;  // due today is fine
  EXPECT_THAT(prepare(s), IsOk());
}

TEST(PrepareSuspensionTest, OnlyAProviderStillOnTheFramework) {
  Accreditation removed = Admitted("lot-1");
  removed.status = AccreditationStatus::kRemoved;
  Accreditation elsewhere = Admitted("lot-1");
  elsewhere.lot.framework_id = "lcr-care";
  EXPECT_THAT(
      PrepareSuspension(Request(SuspensionScope::kMemberOnly), NorthWest(),
                        "sefton", {removed, elsewhere}, {}, kToday),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("no current accreditation")));
  Accreditation suspended = Admitted("lot-2");
  suspended.status = AccreditationStatus::kSuspended;
  EXPECT_THAT(
      PrepareSuspension(Request(SuspensionScope::kMemberOnly), NorthWest(),
                        "sefton", {removed, suspended}, {}, kToday),
      IsOk());
}

TEST(PrepareSuspensionTest, OneActiveSuspensionPerSuspenderAndScope) {
  const Suspension sefton = Prepared(SuspensionScope::kMemberOnly, "sefton");
  const auto again = [&](SuspensionScope scope, const std::string& by,
                         const Suspension& existing) {
    return PrepareSuspension(Request(scope), NorthWest(), by,
                             {Admitted("lot-1")}, {existing}, kToday);
  };
  EXPECT_THAT(again(SuspensionScope::kMemberOnly, "sefton", sefton),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("sefton")));
  // Wirral decides for itself; the lead may still act framework-wide.
  EXPECT_THAT(again(SuspensionScope::kMemberOnly, "wirral", sefton), IsOk());
  EXPECT_THAT(again(SuspensionScope::kFrameworkWide, "tameside", sefton),
              IsOk());
  // Once lifted, Sefton may suspend again.
  Suspension lifted = sefton;
  lifted.status = SuspensionStatus::kLifted;
  EXPECT_THAT(again(SuspensionScope::kMemberOnly, "sefton", lifted), IsOk());
}

TEST(ActionPlanTest, EvidenceThenAcceptanceThenReinstatement) {
  Suspension s = Prepared(SuspensionScope::kMemberOnly, "sefton");
  EXPECT_THAT(Reinstate(s, "sefton", "officer-1", kNow),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("items 1, 2 are not yet accepted")));

  ASSERT_THAT(SubmitEvidence(s, 1, "New procedure attached.", kNow), IsOk());
  EXPECT_EQ(s.action_plan[0].evidence, "New procedure attached.");
  EXPECT_EQ(s.action_plan[0].evidence_time, kNow);
  // Evidence may be replaced until accepted.
  ASSERT_THAT(SubmitEvidence(s, 1, "Procedure v2 attached.", kNow), IsOk());
  EXPECT_EQ(s.action_plan[0].evidence, "Procedure v2 attached.");
  ASSERT_THAT(AcceptItem(s, 1, "sefton", "officer-1", kNow), IsOk());
  EXPECT_TRUE(s.action_plan[0].accepted);
  EXPECT_EQ(s.action_plan[0].accepted_by, "officer-1");

  EXPECT_THAT(Reinstate(s, "sefton", "officer-1", kNow),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("item 2 is not yet accepted")));
  ASSERT_THAT(SubmitEvidence(s, 2, "Training register attached.", kNow),
              IsOk());
  ASSERT_THAT(AcceptItem(s, 2, "sefton", "officer-1", kNow), IsOk());
  ASSERT_THAT(Reinstate(s, "sefton", "officer-2", kNow), IsOk());
  EXPECT_EQ(s.status, SuspensionStatus::kLifted);
  EXPECT_EQ(s.reinstated_by, "officer-2");
  EXPECT_EQ(s.reinstate_time, kNow);
}

TEST(ActionPlanTest, ItemRules) {
  Suspension s = Prepared(SuspensionScope::kFrameworkWide, "tameside");
  EXPECT_THAT(SubmitEvidence(s, 3, "x", kNow),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("item 3")));
  EXPECT_THAT(
      SubmitEvidence(s, 1, "", kNow),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("evidence")));
  EXPECT_THAT(AcceptItem(s, 1, "tameside", "officer", kNow),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("no evidence")));
  ASSERT_THAT(SubmitEvidence(s, 1, "Done.", kNow), IsOk());
  EXPECT_THAT(
      AcceptItem(s, 1, "sefton", "officer", kNow),
      StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("tameside")));
  ASSERT_THAT(AcceptItem(s, 1, "tameside", "officer", kNow), IsOk());
  EXPECT_THAT(AcceptItem(s, 1, "tameside", "officer", kNow),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already accepted")));
  EXPECT_THAT(SubmitEvidence(s, 1, "Changed my mind.", kNow),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already accepted")));
}

TEST(ActionPlanTest, OnlyTheSuspenderReinstates) {
  Suspension s = Prepared(SuspensionScope::kMemberOnly, "sefton");
  for (int item : {1, 2}) {
    ASSERT_THAT(SubmitEvidence(s, item, "Done.", kNow), IsOk());
    ASSERT_THAT(AcceptItem(s, item, "sefton", "officer", kNow), IsOk());
  }
  // Not even the lead lifts a member's own suspension.
  EXPECT_THAT(Reinstate(s, "tameside", "officer", kNow),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Reinstate(s, "wirral", "officer", kNow),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Reinstate(s, "sefton", "officer", kNow), IsOk());
}

TEST(ActionPlanTest, NothingChangesOnceLifted) {
  Suspension s = Prepared(SuspensionScope::kMemberOnly, "sefton");
  s.status = SuspensionStatus::kLifted;
  EXPECT_THAT(
      SubmitEvidence(s, 1, "late", kNow),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("LIFTED")));
  EXPECT_THAT(
      AcceptItem(s, 1, "sefton", "officer", kNow),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("LIFTED")));
  EXPECT_THAT(
      Reinstate(s, "sefton", "officer", kNow),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("LIFTED")));
}

TEST(BlocksTest, FrameworkWideBlocksEveryoneMemberOnlyItsMember) {
  const Suspension lead = Prepared(SuspensionScope::kFrameworkWide, "tameside");
  EXPECT_TRUE(Blocks(lead, "nw-16plus", "sefton"));
  EXPECT_TRUE(Blocks(lead, "nw-16plus", "wirral"));
  EXPECT_FALSE(Blocks(lead, "lcr-care", "sefton"));

  Suspension sefton = Prepared(SuspensionScope::kMemberOnly, "sefton");
  EXPECT_TRUE(Blocks(sefton, "nw-16plus", "sefton"));
  EXPECT_FALSE(Blocks(sefton, "nw-16plus", "wirral"));
  EXPECT_FALSE(Blocks(sefton, "nw-16plus", "tameside"));
  sefton.status = SuspensionStatus::kLifted;
  EXPECT_FALSE(Blocks(sefton, "nw-16plus", "sefton"));
}

TEST(StatusGivenTest, SuspendedOnlyByAnActiveFrameworkWideSuspension) {
  const Accreditation a = Admitted("lot-1");
  Suspension lead = Prepared(SuspensionScope::kFrameworkWide, "tameside");
  const Suspension sefton = Prepared(SuspensionScope::kMemberOnly, "sefton");
  EXPECT_EQ(StatusGiven(a, {}), AccreditationStatus::kAdmitted);
  EXPECT_EQ(StatusGiven(a, {sefton}), AccreditationStatus::kAdmitted);
  EXPECT_EQ(StatusGiven(a, {sefton, lead}), AccreditationStatus::kSuspended);
  lead.status = SuspensionStatus::kLifted;
  EXPECT_EQ(StatusGiven(a, {lead}), AccreditationStatus::kAdmitted);
  Accreditation removed = a;
  removed.status = AccreditationStatus::kRemoved;
  EXPECT_EQ(StatusGiven(removed, {}), AccreditationStatus::kRemoved);
}

TEST(RemoveFromFrameworkTest, TheLeadRemovesEveryLot) {
  Accreditation suspended = Admitted("lot-2");
  suspended.status = AccreditationStatus::kSuspended;
  Accreditation elsewhere = Admitted("lot-1");
  elsewhere.lot.framework_id = "lcr-care";
  auto removed = RemoveFromFramework(NorthWest(), "tameside",
                                     {Admitted("lot-1"), suspended, elsewhere},
                                     "Repeated safeguarding failures.", kNow);
  ASSERT_THAT(removed, IsOk());
  ASSERT_EQ(removed->size(), 2u);
  for (const Accreditation& a : *removed) {
    EXPECT_EQ(a.lot.framework_id, "nw-16plus");
    EXPECT_EQ(a.status, AccreditationStatus::kRemoved);
    EXPECT_EQ(a.remove_time, kNow);
    EXPECT_EQ(a.removal_reason, "Repeated safeguarding failures.");
  }
}

TEST(RemoveFromFrameworkTest, RefusesMembersAndTheAlreadyRemoved) {
  EXPECT_THAT(RemoveFromFramework(NorthWest(), "sefton", {Admitted("lot-1")},
                                  "reason", kNow),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("lead")));
  EXPECT_THAT(
      RemoveFromFramework(NorthWest(), "tameside", {Admitted("lot-1")}, "",
                          kNow),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  Accreditation removed = Admitted("lot-1");
  removed.status = AccreditationStatus::kRemoved;
  EXPECT_THAT(
      RemoveFromFramework(NorthWest(), "tameside", {removed}, "again", kNow),
      StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace fhub::registry
