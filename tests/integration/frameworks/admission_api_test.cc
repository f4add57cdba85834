// Admission windows and ad-hoc admission rounds through a real gRPC channel.
// The North West framework admits every 4 months for 28 days from 1 April
// 2025; its term ends on 31 March 2027. Times are checked in UTC, so the
// spring and summer windows open at 23:00 the evening before (BST).

#include <pqxx/pqxx>

#include "common/proto_values.h"
#include "gmock/gmock.h"
#include "tests/integration/frameworks/fixture.h"

namespace fhub::frameworks {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

constexpr char kNw[] = "frameworks/nw-16plus";
constexpr char kRound1[] = "frameworks/nw-16plus/admissionRounds/1";

absl::Time Utc(int year, int month, int day, int hour = 0) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, 0, 0),
                         absl::UTCTimeZone());
}

std::string Utc(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M", FromProto(t), absl::UTCTimeZone());
}

// "open close [round]" of a window.
std::string Span(const v1::AdmissionWindow& w) {
  std::string span = absl::StrCat(Utc(w.open_time()), " ", Utc(w.close_time()));
  if (!w.admission_round().empty()) {
    absl::StrAppend(
        &span, " ",
        w.admission_round().substr(w.admission_round().rfind('/') + 1));
  }
  return span;
}

class AdmissionApiTest : public FrameworkServiceTest {
 protected:
  void SetUp() override {
    SetUpNorthWest();
    ASSERT_TRUE(Activate(LeadAdmin(), "nw-16plus").ok());
    ASSERT_TRUE(AddMember(LeadAdmin(), "nw-16plus", "sefton").ok());
  }

  std::string Provider() {
    return Token("providers/acme-care", {Role::kProviderUser});
  }

  // GetAdmissionStatus of a lot at `at` (unset: now).
  grpc::Status Ask(const std::string& token, const std::string& lot,
                   std::optional<absl::Time> at,
                   v1::AdmissionStatus* out = nullptr,
                   const std::string& framework = kNw) {
    v1::GetAdmissionStatusRequest request;
    request.set_framework(framework);
    request.set_lot_id(lot);
    if (at.has_value()) ToProto(*at, request.mutable_time());
    v1::AdmissionStatus response;
    return stub_->GetAdmissionStatus(testing::CallContext(token).get(), request,
                                     out ? out : &response);
  }

  grpc::Status Windows(const std::string& token, int year,
                       const std::string& lot, std::vector<std::string>* out,
                       const std::string& framework = kNw) {
    v1::ListAdmissionWindowsRequest request;
    request.set_framework(framework);
    request.set_lot_id(lot);
    request.set_year(year);
    v1::ListAdmissionWindowsResponse response;
    grpc::Status status = stub_->ListAdmissionWindows(
        testing::CallContext(token).get(), request, &response);
    if (out != nullptr) {
      out->clear();
      for (const auto& w : response.windows()) out->push_back(Span(w));
    }
    return status;
  }
  std::vector<std::string> Windows(int year, const std::string& lot = "") {
    std::vector<std::string> out;
    grpc::Status status = Windows(LeadAdmin(), year, lot, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  v1::OpenAdmissionRoundRequest RoundRequest(
      std::vector<std::string> lots, absl::Duration closes_in,
      std::optional<absl::Duration> opens_in = std::nullopt) {
    v1::OpenAdmissionRoundRequest request;
    request.set_parent(kNw);
    for (const std::string& lot : lots) request.add_lot_ids(lot);
    if (opens_in.has_value()) {
      ToProto(clock_.Now() + *opens_in, request.mutable_open_time());
    }
    ToProto(clock_.Now() + closes_in, request.mutable_close_time());
    request.set_request_id(NextRequestId());
    return request;
  }
  grpc::Status OpenRound(const std::string& token,
                         const v1::OpenAdmissionRoundRequest& request,
                         v1::AdmissionRound* out = nullptr) {
    v1::AdmissionRound response;
    return stub_->OpenAdmissionRound(testing::CallContext(token).get(), request,
                                     out ? out : &response);
  }
  grpc::Status CloseRound(const std::string& token, const std::string& name,
                          v1::AdmissionRound* out = nullptr,
                          const std::string& request_id = "") {
    v1::CloseAdmissionRoundRequest request;
    request.set_name(name);
    request.set_request_id(request_id.empty() ? NextRequestId() : request_id);
    v1::AdmissionRound response;
    return stub_->CloseAdmissionRound(testing::CallContext(token).get(),
                                      request, out ? out : &response);
  }

  grpc::Status Terminate() {
    v1::TerminateFrameworkRequest request;
    request.set_name(kNw);
    request.set_reason("Replaced by a regional dynamic market");
    request.set_request_id(NextRequestId());
    v1::Framework out;
    return stub_->TerminateFramework(testing::CallContext(LeadAdmin()).get(),
                                     request, &out);
  }
};

TEST_F(AdmissionApiTest, PeriodicWindowsOfEachYearInUkTime) {
  EXPECT_THAT(Windows(2025, "lot-1"),
              ElementsAre("2025-03-31T23:00 2025-04-28T23:00",
                          "2025-07-31T23:00 2025-08-28T23:00",
                          "2025-12-01T00:00 2025-12-29T00:00"));
  EXPECT_THAT(Windows(2026), ElementsAre("2026-03-31T23:00 2026-04-28T23:00",
                                         "2026-07-31T23:00 2026-08-28T23:00",
                                         "2026-12-01T00:00 2026-12-29T00:00"));
  // The term ends on 31 March 2027, before the April window would open.
  EXPECT_THAT(Windows(2027), ElementsAre());
  EXPECT_THAT(Windows(2024), ElementsAre());
}

TEST_F(AdmissionApiTest, StatusBetweenAndDuringWindows) {
  v1::AdmissionStatus status;
  // Now, 22 November 2026: closed, next window 1 December.
  ASSERT_TRUE(Ask(Provider(), "lot-2", std::nullopt, &status).ok());
  EXPECT_FALSE(status.open());
  EXPECT_FALSE(status.has_current_window());
  EXPECT_EQ(Span(status.next_window()), "2026-12-01T00:00 2026-12-29T00:00");
  ASSERT_TRUE(Ask(Provider(), "lot-2", Utc(2026, 12, 10), &status).ok());
  EXPECT_TRUE(status.open());
  EXPECT_EQ(Span(status.current_window()), "2026-12-01T00:00 2026-12-29T00:00");
  EXPECT_FALSE(status.has_next_window());  // none left within the term
  // Opening is inclusive, closing exclusive.
  ASSERT_TRUE(Ask(LeadAdmin(), "lot-1", Utc(2026, 3, 31, 23), &status).ok());
  EXPECT_TRUE(status.open());
  ASSERT_TRUE(Ask(LeadAdmin(), "lot-1", Utc(2026, 4, 28, 23), &status).ok());
  EXPECT_FALSE(status.open());
  EXPECT_EQ(Span(status.next_window()), "2026-07-31T23:00 2026-08-28T23:00");
  // The clock moves into the window.
  clock_.Set(Utc(2026, 12, 1));
  ASSERT_TRUE(Ask(Provider(), "lot-3", std::nullopt, &status).ok());
  EXPECT_TRUE(status.open());
}

TEST_F(AdmissionApiTest, AnAdHocRoundOpensChosenLotsUntilClosedEarly) {
  v1::AdmissionRound round;
  ASSERT_TRUE(OpenRound(LeadAdmin(),
                        RoundRequest({"lot-3"}, absl::Hours(7 * 24)), &round)
                  .ok());
  EXPECT_EQ(round.name(), kRound1);
  EXPECT_THAT(round.lot_ids(), ElementsAre("lot-3"));
  EXPECT_EQ(FromProto(round.open_time()), clock_.Now());
  EXPECT_FALSE(round.closed_early());
  v1::AdmissionStatus status;
  ASSERT_TRUE(Ask(Provider(), "lot-3", std::nullopt, &status).ok());
  EXPECT_TRUE(status.open());
  EXPECT_EQ(status.current_window().admission_round(), kRound1);
  EXPECT_THAT(status.current_window().lot_ids(), ElementsAre("lot-3"));
  ASSERT_TRUE(Ask(Provider(), "lot-1", std::nullopt, &status).ok());
  EXPECT_FALSE(status.open());
  EXPECT_THAT(Windows(2026, "lot-3"),
              ElementsAre("2026-03-31T23:00 2026-04-28T23:00",
                          "2026-07-31T23:00 2026-08-28T23:00",
                          "2026-11-22T09:00 2026-11-29T09:00 1",
                          "2026-12-01T00:00 2026-12-29T00:00"));
  EXPECT_EQ(Windows(2026, "lot-1").size(), 3u);
  EXPECT_EQ(Windows(2026).size(), 4u);

  clock_.Advance(absl::Hours(24));
  v1::AdmissionRound closed;
  v1::AdmissionRound retried;
  ASSERT_TRUE(CloseRound(LeadAdmin(), kRound1, &closed, "close-1").ok());
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(CloseRound(LeadAdmin(), kRound1, &retried, "close-1").ok());
  EXPECT_EQ(closed.SerializeAsString(), retried.SerializeAsString());
  EXPECT_TRUE(closed.closed_early());
  EXPECT_EQ(Utc(closed.close_time()), "2026-11-23T09:00");
  ASSERT_TRUE(Ask(Provider(), "lot-3", std::nullopt, &status).ok());
  EXPECT_FALSE(status.open());
  grpc::Status again = CloseRound(LeadAdmin(), kRound1);
  EXPECT_EQ(again.error_code(), Code::FAILED_PRECONDITION);
  EXPECT_THAT(again.error_message(), HasSubstr("already closed"));
  EXPECT_EQ(CountRows("admission_rounds"), 1);
}

TEST_F(AdmissionApiTest, ARoundClosedBeforeItOpensNeverOpens) {
  v1::AdmissionRound round;
  ASSERT_TRUE(OpenRound(LeadAdmin(),
                        RoundRequest({}, absl::Hours(120), absl::Hours(48)),
                        &round)
                  .ok());
  v1::AdmissionStatus status;
  ASSERT_TRUE(Ask(LeadAdmin(), "lot-1", std::nullopt, &status).ok());
  EXPECT_FALSE(status.open());
  EXPECT_EQ(Span(status.next_window()), "2026-11-24T09:00 2026-11-27T09:00 1");
  v1::AdmissionRound closed;
  ASSERT_TRUE(CloseRound(LeadAdmin(), kRound1, &closed).ok());
  EXPECT_EQ(closed.close_time().seconds(), round.open_time().seconds());
  ASSERT_TRUE(Ask(LeadAdmin(), "lot-1", Utc(2026, 11, 25), &status).ok());
  EXPECT_FALSE(status.open());
  EXPECT_EQ(status.next_window().admission_round(), "");
}

TEST_F(AdmissionApiTest, BadRoundRequestsAreRefused) {
  struct Case {
    std::string field;
    std::function<void(v1::OpenAdmissionRoundRequest&)> mutate;
  };
  const absl::Time now = clock_.Now();
  const std::vector<Case> cases = {
      {"close_time", [](auto& r) { r.clear_close_time(); }},
      {"close_time",
       [&](auto& r) { ToProto(now - absl::Hours(1), r.mutable_close_time()); }},
      {"close_time",
       [&](auto& r) {
         ToProto(now + absl::Hours(200), r.mutable_open_time());
       }},
      {"lot_ids[1]", [](auto& r) { r.add_lot_ids("lot-9"); }},
      {"parent", [](auto& r) { r.set_parent("nw-16plus"); }},
      {"request_id", [](auto& r) { r.set_request_id(""); }},
  };
  for (const Case& c : cases) {
    v1::OpenAdmissionRoundRequest request =
        RoundRequest({"lot-1"}, absl::Hours(100));
    c.mutate(request);
    grpc::Status status = OpenRound(LeadAdmin(), request);
    EXPECT_EQ(status.error_code(), Code::INVALID_ARGUMENT) << c.field;
    EXPECT_THAT(status.error_message(), HasSubstr(c.field));
  }
  EXPECT_EQ(
      CloseRound(LeadAdmin(), "frameworks/nw-16plus/rounds/1").error_code(),
      Code::INVALID_ARGUMENT);
  EXPECT_EQ(CloseRound(LeadAdmin(), kRound1).error_code(), Code::NOT_FOUND);
  // Only an active framework opens rounds.
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest("nw-draft")).ok());
  auto draft = RoundRequest({}, absl::Hours(100));
  draft.set_parent("frameworks/nw-draft");
  EXPECT_EQ(OpenRound(LeadAdmin(), draft).error_code(),
            Code::FAILED_PRECONDITION);
  ASSERT_TRUE(Terminate().ok());
  EXPECT_EQ(
      OpenRound(LeadAdmin(), RoundRequest({}, absl::Hours(100))).error_code(),
      Code::FAILED_PRECONDITION);
  EXPECT_EQ(CountRows("admission_rounds"), 0);
}

TEST_F(AdmissionApiTest, OnlyTheLeadsAdminOpensAndClosesRounds) {
  const auto request = RoundRequest({}, absl::Hours(100));
  const std::vector<std::string> others = {
      LeadAdmin("sefton"),
      Commissioner("tameside"),
      LeadAdmin("nottingham"),
      Provider(),
      HubAdmin(),
      Token("services/registry", {Role::kService})};
  for (const std::string& token : others) {
    EXPECT_EQ(OpenRound(token, request).error_code(), Code::PERMISSION_DENIED);
  }
  EXPECT_EQ(OpenRound("", request).error_code(), Code::UNAUTHENTICATED);
  v1::AdmissionRound first;
  v1::AdmissionRound retried;
  ASSERT_TRUE(OpenRound(LeadAdmin(), request, &first).ok());
  ASSERT_TRUE(OpenRound(LeadAdmin(), request, &retried).ok());
  EXPECT_EQ(first.SerializeAsString(), retried.SerializeAsString());
  auto changed = request;
  changed.add_lot_ids("lot-2");
  EXPECT_EQ(OpenRound(LeadAdmin(), changed).error_code(),
            Code::INVALID_ARGUMENT);
  for (const std::string& token : others) {
    EXPECT_EQ(CloseRound(token, kRound1).error_code(), Code::PERMISSION_DENIED);
  }
  EXPECT_EQ(CloseRound("", kRound1).error_code(), Code::UNAUTHENTICATED);
  EXPECT_EQ(CountRows("admission_rounds"), 1);
  v1::AdmissionStatus status;
  ASSERT_TRUE(Ask(Provider(), "lot-1", std::nullopt, &status).ok());
  EXPECT_TRUE(status.open());
}

TEST_F(AdmissionApiTest, WhoMayAskAboutAdmission) {
  for (const std::string& token :
       {LeadAdmin(), Commissioner("sefton"), Provider(), HubAdmin(),
        Token("services/registry", {Role::kService})}) {
    EXPECT_TRUE(Ask(token, "lot-1", std::nullopt).ok());
    EXPECT_TRUE(Windows(token, 2026, "", nullptr).ok());
  }
  EXPECT_EQ(Ask(Commissioner("nottingham"), "lot-1", std::nullopt).error_code(),
            Code::PERMISSION_DENIED);
  EXPECT_EQ(Windows(Commissioner("nottingham"), 2026, "", nullptr).error_code(),
            Code::PERMISSION_DENIED);
  EXPECT_EQ(Ask("", "lot-1", std::nullopt).error_code(), Code::UNAUTHENTICATED);
  // A draft does not exist for providers or outsiders.
  ASSERT_TRUE(CreateFramework(LeadAdmin(), NorthWestRequest("nw-draft")).ok());
  for (const std::string& token : {Provider(), Commissioner("nottingham")}) {
    EXPECT_EQ(Ask(token, "lot-1", std::nullopt, nullptr, "frameworks/nw-draft")
                  .error_code(),
              Code::NOT_FOUND);
    EXPECT_EQ(
        Windows(token, 2026, "", nullptr, "frameworks/nw-draft").error_code(),
        Code::NOT_FOUND);
  }
}

TEST_F(AdmissionApiTest, BadQuestionsNameTheField) {
  for (const char* lot : {"lot-9", ""}) {
    grpc::Status status = Ask(Provider(), lot, std::nullopt);
    EXPECT_EQ(status.error_code(), Code::INVALID_ARGUMENT) << lot;
    EXPECT_THAT(status.error_message(), HasSubstr("lot_id"));
  }
  grpc::Status unknown = Windows(Provider(), 2026, "lot-9", nullptr);
  EXPECT_EQ(unknown.error_code(), Code::INVALID_ARGUMENT);
  EXPECT_THAT(unknown.error_message(), HasSubstr("lot_id"));
  for (int year : {0, 1899, 10000}) {
    grpc::Status status = Windows(Provider(), year, "", nullptr);
    EXPECT_EQ(status.error_code(), Code::INVALID_ARGUMENT) << year;
    EXPECT_THAT(status.error_message(), HasSubstr("year"));
  }
  grpc::Status bad_name =
      Ask(Provider(), "lot-1", std::nullopt, nullptr, "nw-16plus");
  EXPECT_EQ(bad_name.error_code(), Code::INVALID_ARGUMENT);
  EXPECT_THAT(bad_name.error_message(), HasSubstr("framework: "));
  EXPECT_EQ(
      Ask(Provider(), "lot-1", std::nullopt, nullptr, "frameworks/unknown")
          .error_code(),
      Code::NOT_FOUND);
}

TEST_F(AdmissionApiTest, AnEndedFrameworkAdmitsNoOne) {
  ASSERT_TRUE(Terminate().ok());
  v1::AdmissionStatus status;
  ASSERT_TRUE(Ask(LeadAdmin(), "lot-1", Utc(2026, 12, 10), &status).ok());
  EXPECT_FALSE(status.open());
  EXPECT_FALSE(status.has_next_window());
  // The calendar itself is unchanged.
  EXPECT_EQ(Windows(2026).size(), 3u);
  // Providers may ask only about active frameworks.
  EXPECT_EQ(Ask(Provider(), "lot-1", std::nullopt).error_code(),
            Code::PERMISSION_DENIED);
  EXPECT_EQ(Windows(Provider(), 2026, "", nullptr).error_code(),
            Code::PERMISSION_DENIED);
}

}  // namespace
}  // namespace fhub::frameworks
