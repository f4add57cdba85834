// Row-level security under the registry: the store called directly, with
// no rpc's checks in front of it, sees and changes a provider's
// applications, evaluations, suspensions and concerns only as the provider
// itself or within the framework's consortium scope, and what is public
// (providers, settings, accreditations) whatever the scope
// (common/db/row_scope.h). The rows are made through the rpcs first.

#include <string>

#include "common/db/row_scope.h"
#include "common/testing/status_matchers.h"
#include "tests/integration/registry_api/fixture.h"
#include "tests/support/row_probe.h"

namespace fhub::registry {
namespace {

using db::RowScope;
using db::ScopedRows;
using testing::AuthorityRows;
using testing::IsOk;
using testing::ProviderRows;
using testing::StatusIs;

class RegistryRowSecurityTest : public RegistryApiTest {
 protected:
  void SetUp() override {
    RegistryApiTest::SetUp();
    if (HasFatalFailure()) return;
    AdmitProvider("acme-care");
    v1::Suspension suspension;
    ASSERT_THAT(Suspend(Commissioner("sefton"), "acme-care", v1::MEMBER_ONLY,
                        {"2027-01-31"}, &suspension),
                GrpcOk());
    suspension_id_ = suspension.name().substr(suspension.name().find('/') + 1);
    v1::RaiseConcernRequest raise;
    raise.mutable_concern()->set_provider("providers/acme-care");
    raise.mutable_concern()->set_framework(kNw);
    raise.mutable_concern()->set_summary("Left without staff overnight");
    raise.set_request_id(NextRequestId());
    v1::Concern concern;
    ASSERT_THAT(
        stub_->RaiseConcern(testing::CallContext(Commissioner("wirral")).get(),
                            raise, &concern),
        GrpcOk());
    concern_id_ = concern.name().substr(concern.name().find('/') + 1);
  }

  int Visible(const std::string& table) {
    return testing::VisibleRows(*pool_, table);
  }
  int Updated(const std::string& table, const std::string& set) {
    return testing::UpdatedRows(*pool_, table, set);
  }
  static RowScope Consortium(const std::string& authority,
                             const std::string& framework = "nw-16plus") {
    RowScope scope = AuthorityRows(authority);
    scope.framework_id = framework;
    return scope;
  }

  std::string suspension_id_;
  std::string concern_id_;
};

constexpr const char* kPrivate[] = {"applications", "evaluations",
                                    "suspensions", "action_plan_items",
                                    "concerns"};
constexpr const char* kPublic[] = {"providers", "settings", "accreditations",
                                   "questionnaires"};

TEST_F(RegistryRowSecurityTest, WithoutAScopeOnlyThePublicRecordIsSeen) {
  for (const char* table : kPrivate) {
    ASSERT_GT(CountRows(table), 0) << table;
    EXPECT_EQ(Visible(table), 0) << table;
  }
  for (const char* table : kPublic) {
    EXPECT_EQ(Visible(table), CountRows(table)) << table;
  }
  EXPECT_EQ(Updated("suspensions", "reason = 'x'"), 0);
  EXPECT_EQ(Updated("concerns", "summary = 'x'"), 0);
  testing::InTx(*pool_, [&](db::Tx& tx) {
    EXPECT_THAT(store_.FindSuspension(tx, suspension_id_, false),
                StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(store_.FindConcern(tx, concern_id_, false),
                StatusIs(absl::StatusCode::kNotFound));
    // Whose a row is can be learnt, and nothing else of it.
    auto owner = store_.FindRowOwner(tx, "suspensions", suspension_id_);
    ASSERT_THAT(owner, IsOk());
    EXPECT_EQ(owner->framework_id, "nw-16plus");
    EXPECT_EQ(owner->provider_id, "acme-care");
  });
}

TEST_F(RegistryRowSecurityTest,
       AMemberOutsideTheConsortiumScopeSeesNothingPrivate) {
  // Wirral raised the concern, but its rows are the framework's: without
  // the consortium scope (which an rpc sets only after asking the
  // frameworks service) it sees nothing, nor under another framework's.
  for (const RowScope& scope :
       {AuthorityRows("wirral"), Consortium("wirral", "another-framework")}) {
    const ScopedRows rows(scope);
    for (const char* table : kPrivate) EXPECT_EQ(Visible(table), 0) << table;
  }
  const ScopedRows rows(AuthorityRows("wirral"));
  EXPECT_THAT(testing::ExecInTx(
                  *pool_,
                  "INSERT INTO suspensions (provider_id, framework_id, scope, "
                  "authority_id, reason, status, suspend_time, suspended_by) "
                  "VALUES ('acme-care', 'nw-16plus', 'MEMBER_ONLY', 'wirral', "
                  "'x', 'ACTIVE', now(), 'someone')"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RegistryRowSecurityTest,
       TheConsortiumScopeSeesAndWritesOnlyAsItsAuthority) {
  const ScopedRows rows(Consortium("wirral"));
  for (const char* table : kPrivate) {
    EXPECT_EQ(Visible(table), CountRows(table)) << table;
  }
  // A suspension in Wirral's name may be written; one in Sefton's not.
  const std::string insert =
      "INSERT INTO suspensions (provider_id, framework_id, scope, "
      "authority_id, reason, status, suspend_time, suspended_by) VALUES "
      "('acme-care', 'nw-16plus', 'FRAMEWORK_WIDE', '";
  EXPECT_THAT(testing::ExecInTx(
                  *pool_, insert + "sefton', 'x', 'ACTIVE', now(), 'someone')"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(testing::ExecInTx(
                  *pool_, insert + "wirral', 'x', 'ACTIVE', now(), 'someone')"),
              IsOk());
}

TEST_F(RegistryRowSecurityTest,
       TheProviderSeesItsOwnButCannotLiftOrAdmitItself) {
  {
    const ScopedRows rows(ProviderRows("acme-care"));
    for (const char* table : kPrivate) {
      EXPECT_EQ(Visible(table), CountRows(table)) << table;
    }
    EXPECT_EQ(Updated("action_plan_items", "evidence = 'Rota reviewed'"), 1);
    EXPECT_THAT(
        testing::ExecInTx(*pool_, "UPDATE suspensions SET status = 'LIFTED'"),
        StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(testing::ExecInTx(*pool_,
                                  "UPDATE concerns SET status = 'CLOSED', "
                                  "close_time = now()"),
                StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(testing::ExecInTx(
                    *pool_,
                    "INSERT INTO applications (provider_id, framework_id, "
                    "lot_ids, status, answers, create_time) VALUES "
                    "('acme-care', 'nw-16plus', '{lot-2}', 'ADMITTED', '[]', "
                    "now())"),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  EXPECT_EQ(CountRows("suspensions", "status = 'ACTIVE'"), 1);
  const ScopedRows rows(ProviderRows("bright-homes"));
  for (const char* table : kPrivate) EXPECT_EQ(Visible(table), 0) << table;
}

TEST_F(RegistryRowSecurityTest, EverythingIsForServices) {
  const ScopedRows rows(RowScope::Everything());
  for (const char* table : kPrivate) {
    EXPECT_EQ(Visible(table), CountRows(table)) << table;
  }
}

}  // namespace
}  // namespace fhub::registry
