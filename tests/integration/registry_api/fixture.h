#pragma once

// The registry and the frameworks service in process, over one fresh
// database, each on its own loopback port and sharing one FakeClock. The
// registry asks the frameworks service over gRPC, as a SERVICE, for a
// framework's lead, members, lots and admission windows.
//
// Set up: Tameside leads the ACTIVE North West 16+ framework with members
// sefton, wirral, halton, knowsley, liverpool and tameside; the fake clock
// stands at 2 December 2026 09:00 UTC, inside the admission window that
// opened on 1 December 2026 (windows every 4 months for 28 days from
// 1 April 2025). Tameside has set a two-criterion quality questionnaire.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/auth/token.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "common/server.h"
#include "common/testing/status_matchers.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/api/framework_directory.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/storage/registry_store.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/grpc_harness.h"
#include "tests/support/grpc_matchers.h"
#include "tests/support/test_database.h"

namespace fhub::registry {

using auth::Role;
namespace fv1 = ::fhub::frameworks::v1;

inline constexpr char kNw[] = "frameworks/nw-16plus";

// Coordinates used across the tests.
struct Place {
  double latitude;
  double longitude;
};
inline constexpr Place kBootle{53.4466, -2.9929};
inline constexpr Place kLiverpool{53.4084, -2.9916};
inline constexpr Place kManchester{53.4808, -2.2426};
inline constexpr Place kSouthport{53.6475, -3.0053};

using testing::GrpcIs;
using testing::GrpcOk;

class RegistryApiTest : public ::testing::Test {
 protected:
  RegistryApiTest();
  ~RegistryApiTest() override;
  void SetUp() override;

  static absl::Time Utc(int year, int month, int day, int hour = 0) {
    return absl::FromCivil(absl::CivilSecond(year, month, day, hour, 0, 0),
                           absl::UTCTimeZone());
  }

  // --- Tokens ---------------------------------------------------------------
  std::string Token(absl::string_view organisation, std::vector<Role> roles,
                    absl::string_view subject = "tester") {
    return testing::TestToken(clock_, organisation, std::move(roles), subject);
  }
  std::string HubAdmin() { return Token("services/hub", {Role::kHubAdmin}); }
  std::string ProviderUser(absl::string_view provider) {
    return Token(absl::StrCat("providers/", provider), {Role::kProviderUser},
                 absl::StrCat("user@", provider));
  }
  std::string LeadAdmin(absl::string_view authority = "tameside") {
    return Token(absl::StrCat("authorities/", authority), {Role::kLeadAdmin},
                 absl::StrCat("lead-admin@", authority));
  }
  std::string Commissioner(absl::string_view authority) {
    return Token(absl::StrCat("authorities/", authority), {Role::kCommissioner},
                 absl::StrCat("commissioner@", authority));
  }
  std::string Evaluator(absl::string_view authority,
                        absl::string_view subject = "") {
    return Token(absl::StrCat("authorities/", authority), {Role::kEvaluator},
                 subject.empty() ? absl::StrCat("evaluator@", authority)
                                 : std::string(subject));
  }
  std::string Service() {
    return Token("services/referrals", {Role::kService}, "fhub-referrals");
  }

  std::string NextRequestId() { return absl::StrCat("req-", ++requests_); }

  // --- Frameworks service ---------------------------------------------------
  static fv1::CreateFrameworkRequest NorthWestRequest(
      const std::string& id = "nw-16plus");

  // --- Builders -------------------------------------------------------------
  static v1::Provider ValidProvider(
      absl::string_view legal_name = "Acme Care Ltd");
  // A supported-accommodation setting on lot-1 of the NW framework.
  static v1::Setting ValidSetting(Place where = kBootle, int capacity = 4);
  static v1::Questionnaire ValidQuestionnaire();
  // Answers to every criterion of ValidQuestionnaire.
  static void AddAnswers(v1::Application* application);

  // --- Registry calls (each with a fresh request_id unless given) ----------
  grpc::Status CreateProvider(const std::string& token,
                              const std::string& provider_id,
                              const v1::Provider& provider,
                              v1::Provider* out = nullptr,
                              const std::string& request_id = "");
  grpc::Status CreateSetting(const std::string& token,
                             const std::string& provider_id,
                             const std::string& setting_id,
                             const v1::Setting& setting,
                             v1::Setting* out = nullptr,
                             const std::string& request_id = "");
  grpc::Status RecordVacancy(const std::string& token,
                             const std::string& setting_name, int places,
                             v1::Vacancy* out = nullptr,
                             const std::string& request_id = "",
                             const std::string& available_from = "2026-12-01");
  grpc::Status SetQuestionnaire(const std::string& token,
                                const v1::Questionnaire& questionnaire,
                                v1::Questionnaire* out = nullptr);
  grpc::Status CreateApplication(const std::string& token,
                                 const std::string& provider_id,
                                 const std::vector<std::string>& lots,
                                 v1::Application* out = nullptr);
  grpc::Status SubmitApplication(const std::string& token,
                                 const std::string& name,
                                 v1::Application* out = nullptr);
  // Scores (per criterion, in ValidQuestionnaire's order).
  grpc::Status Evaluate(const std::string& token, const std::string& name,
                        const std::vector<int>& scores,
                        v1::Evaluation* out = nullptr);
  grpc::Status Admit(const std::string& token, const std::string& name,
                     v1::Application* out = nullptr);
  grpc::Status Reject(const std::string& token, const std::string& name,
                      const std::string& feedback,
                      v1::Application* out = nullptr);
  grpc::Status Suspend(const std::string& token, const std::string& provider_id,
                       v1::SuspensionScope scope,
                       const std::vector<std::string>& due_dates,
                       v1::Suspension* out = nullptr);
  grpc::Status Search(const std::string& token, const std::string& authority,
                      Place from, double max_miles,
                      v1::SearchEligibleProvidersResponse* out = nullptr,
                      const std::string& lot_id = "lot-1");
  // Provider ids of a search's answer, in order.
  std::vector<std::string> SearchIds(const std::string& authority,
                                     Place from = kSouthport,
                                     double max_miles = 20);

  // Registers `provider_id` with a setting at `where` (id "main") with a
  // vacancy of one place, applies to `lots`, submits, has wirral and sefton
  // evaluate, and tameside admit; asserts OK at each step. Returns the
  // admitted application through `out`.
  void AdmitProvider(const std::string& provider_id,
                     const std::vector<std::string>& lots = {"lot-1"},
                     Place where = kBootle, v1::Application* out = nullptr);

  // Rows of a table in the registry's schema (those matching `where`, if
  // given), whatever row-level security would show.
  int CountRows(const std::string& table, const std::string& where = "");

  testing::ScratchDatabase db_;
  FakeClock clock_{Utc(2026, 12, 2, 9)};
  int requests_ = 0;

  // Frameworks service.
  std::unique_ptr<auth::TokenVerifier> verifier_;
  std::unique_ptr<testing::FrameworksInProcess> frameworks_service_;
  fv1::FrameworkService::Stub* frameworks_ = nullptr;

  // Registry.
  std::unique_ptr<db::Pool> pool_;
  RegistryStore store_;
  std::unique_ptr<GrpcFrameworkDirectory> directory_;
  std::unique_ptr<RegistryServiceImpl> service_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

}  // namespace fhub::registry
