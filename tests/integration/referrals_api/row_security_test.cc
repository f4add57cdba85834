// Row-level security under the referrals service: the store called
// directly, with no rpc's checks in front of it, sees and changes only the
// rows of the transaction's row scope (common/db/row_scope.h). A referral
// and its placement are made through the rpcs first; then each scope reads
// and writes them.

#include <pqxx/pqxx>
#include <string>

#include "absl/strings/numbers.h"
#include "common/db/row_scope.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "tests/integration/referrals_api/fixture.h"
#include "tests/support/row_probe.h"

namespace fhub::referrals {
namespace {

using db::RowScope;
using db::ScopedRows;
using testing::IsOk;
using testing::StatusIs;

class ReferralsRowSecurityTest : public ReferralsApiTest {
 protected:
  void SetUp() override {
    ReferralsApiTest::SetUp();
    const v1::Placement placement = Awarded("bootle-house");
    ASSERT_FALSE(placement.name().empty());
    ASSERT_TRUE(absl::SimpleAtoi(
        placement.referral().substr(placement.referral().rfind('/') + 1),
        &referral_id_));
    ASSERT_TRUE(absl::SimpleAtoi(
        placement.name().substr(placement.name().rfind('/') + 1),
        &placement_id_));
  }

  void InTx(const std::function<void(db::Tx&)>& body) {
    testing::InTx(*pool_, body);
  }
  int Visible(const std::string& table) {
    return testing::VisibleRows(*pool_, table);
  }
  int Updated(const std::string& table, const std::string& set) {
    return testing::UpdatedRows(*pool_, table, set);
  }

  int64_t referral_id_ = 0;
  int64_t placement_id_ = 0;
};

constexpr const char* kTables[] = {"referrals",          "invitations",
                                   "referral_providers", "placements",
                                   "hours_changes",      "block_contracts"};

TEST_F(ReferralsRowSecurityTest, WithoutAScopeNothingIsSeenOrChanged) {
  // The rows are there (as the admin sees them) ...
  EXPECT_EQ(CountRows("referrals"), 1);
  EXPECT_GE(CountRows("invitations"), 1);
  EXPECT_EQ(CountRows("placements"), 1);
  // ... but a transaction outside any scope sees none of them.
  for (const char* table : kTables) {
    EXPECT_EQ(Visible(table), 0) << table;
  }
  EXPECT_EQ(Updated("referrals", "cancel_reason = 'x'"), 0);
  EXPECT_EQ(Updated("placements", "end_note = 'x'"), 0);
  InTx([&](db::Tx& tx) {
    EXPECT_THAT(store_.FindReferral(tx, "sefton", referral_id_, false),
                StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(store_.FindPlacement(tx, "sefton", placement_id_, false),
                StatusIs(absl::StatusCode::kNotFound));
  });
  EXPECT_EQ(CountRows("referrals", "cancel_reason = 'x'"), 0);
}

TEST_F(ReferralsRowSecurityTest,
       AnotherAuthorityNeitherSeesNorChangesNorWritesAsSefton) {
  const ScopedRows rows(testing::AuthorityRows("wirral"));
  for (const char* table : kTables) {
    EXPECT_EQ(Visible(table), 0) << table;
  }
  InTx([&](db::Tx& tx) {
    // The store's own authority check skipped: asked as Sefton.
    EXPECT_THAT(store_.FindReferral(tx, "sefton", referral_id_, true),
                StatusIs(absl::StatusCode::kNotFound));
    auto listed = store_.ListPlacements(tx, "sefton", false, false, 0, 10);
    ASSERT_THAT(listed, IsOk());
    EXPECT_TRUE(listed->empty());
    auto invitations = store_.ReferralInvitations(tx, referral_id_);
    ASSERT_THAT(invitations, IsOk());
    EXPECT_TRUE(invitations->empty());
  });
  EXPECT_EQ(Updated("referrals", "cancel_reason = 'wirral'"), 0);
  EXPECT_EQ(Updated("hours_changes", "support_minutes_per_week = 0"), 0);
  // Nor may it write a row as Sefton's.
  EXPECT_THAT(testing::ExecInTx(
                  *pool_,
                  "INSERT INTO block_contracts (authority_id, provider_id, "
                  "framework_id, lot_id, setting_ids, places, start_date, "
                  "end_date, weekly_pence_per_place, support_hourly_pence, "
                  "create_time) VALUES ('sefton', 'bootle-house', "
                  "'nw-16plus', 'lot-1', '{main}', 1, '2027-01-01', "
                  "'2027-12-31', 1, 1, now())"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(CountRows("block_contracts"), 0);
  EXPECT_EQ(CountRows("referrals", "cancel_reason = 'wirral'"), 0);
}

TEST_F(ReferralsRowSecurityTest, TheReferringAuthoritySeesAndChangesItsOwn) {
  const ScopedRows rows(testing::AuthorityRows("sefton"));
  EXPECT_EQ(Visible("referrals"), 1);
  EXPECT_EQ(Visible("invitations"), CountRows("invitations"));
  EXPECT_EQ(Visible("placements"), 1);
  EXPECT_EQ(Visible("hours_changes"), CountRows("hours_changes"));
  InTx([&](db::Tx& tx) {
    EXPECT_THAT(store_.FindReferral(tx, "sefton", referral_id_, true), IsOk());
    EXPECT_THAT(store_.FindPlacement(tx, "sefton", placement_id_, true),
                IsOk());
  });
  EXPECT_EQ(Updated("placements", "end_note = 'sefton'"), 1);
}

TEST_F(ReferralsRowSecurityTest,
       AProviderSeesWhatItWasInvitedToAndNothingElse) {
  {
    const ScopedRows rows(testing::ProviderRows("bootle-house"));
    EXPECT_EQ(Visible("referrals"), 1);
    EXPECT_EQ(Visible("placements"), 1);
    InTx([&](db::Tx& tx) {
      EXPECT_THAT(store_.FindInvitationRecord(tx, referral_id_, "bootle-house"),
                  IsOk());
      auto reference = store_.CaseReference(tx, referral_id_);
      ASSERT_THAT(reference, IsOk());
      EXPECT_FALSE(reference->empty());
    });
  }
  // Manchester Lodge is too far away to have been invited.
  ASSERT_EQ(CountRows("invitations", "provider_id = 'manchester-lodge'"), 0);
  const ScopedRows rows(testing::ProviderRows("manchester-lodge"));
  for (const char* table : kTables) {
    EXPECT_EQ(Visible(table), 0) << table;
  }
  EXPECT_EQ(Updated("invitations", "offer_notes = 'x'"), 0);
}

TEST_F(ReferralsRowSecurityTest,
       TheConsortiumScopeReadsAFrameworksRowsButChangesNone) {
  RowScope scope = testing::AuthorityRows("tameside");
  scope.framework_id = "nw-16plus";
  {
    const ScopedRows rows(scope);
    EXPECT_EQ(Visible("referrals"), 1);
    EXPECT_EQ(Visible("placements"), 1);
    EXPECT_EQ(Updated("referrals", "cancel_reason = 'lead'"), 0);
    EXPECT_EQ(Updated("placements", "end_note = 'lead'"), 0);
  }
  scope.framework_id = "another-framework";
  const ScopedRows rows(scope);
  EXPECT_EQ(Visible("referrals"), 0);
}

TEST_F(ReferralsRowSecurityTest,
       EverythingIsForServicesAndPlacesCountAcrossAuthorities) {
  {
    const ScopedRows rows(RowScope::Everything());
    for (const char* table : {"referrals", "invitations", "placements"}) {
      EXPECT_EQ(Visible(table), CountRows(table)) << table;
    }
  }
  // An award by Wirral counts Sefton's placement against the setting's
  // places without seeing it.
  const ScopedRows rows(testing::AuthorityRows("wirral"));
  InTx([&](db::Tx& tx) {
    auto taken = store_.PlacesTaken(tx, "bootle-house", "main",
                                    absl::CivilDay(2026, 12, 1));
    ASSERT_THAT(taken, IsOk());
    EXPECT_EQ(taken->size(), 1u);
  });
  EXPECT_EQ(Visible("placements"), 0);
}

}  // namespace
}  // namespace fhub::referrals
