// fhub-gateway in front of the four services, all as processes: the Sefton
// story driven only over HTTP/JSON (refer, offers, rank, award, hours
// change, cost), a retry by Idempotency-Key, Wirral refused exactly as over
// gRPC, an event stream as Server-Sent Events resumed with Last-Event-ID,
// every error code the services give mapped to its HTTP status, and what
// the gateway itself refuses (bad JSON, unknown fields, wrong methods,
// bodies over the limit).

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "gmock/gmock.h"
#include "tests/e2e/hub/hub_processes.h"
#include "tests/support/grpc_matchers.h"
#include "tests/support/hub_story.h"

namespace fhub {
namespace {

using Json = nlohmann::json;
using testing::GrpcOk;
using ::testing::HasSubstr;
namespace v1 = ::fhub::referrals::v1;

struct Answer {
  int status = 0;
  Json body;
  std::string text;
  httplib::Headers headers;
};

std::string DateText(absl::CivilDay day) {
  return absl::FormatCivilTime(day);
}
Json DateJson(absl::CivilDay day) {
  return {{"year", day.year()}, {"month", day.month()}, {"day", day.day()}};
}

class GatewayHttpTest : public HubProcessesTest {
 protected:
  // The four services, the gateway, the NW framework, three providers near
  // Bootle with Sefton's accepted books and one in Manchester.
  void SetUpHub(std::map<std::string, std::string> gateway_env = {}) {
    StartCluster();
    Start("frameworks", "fhub.frameworks.v1.FrameworkService");
    Start("registry", "fhub.registry.v1.RegistryService");
    Start("pricing", "fhub.pricing.v1.PricingService");
    Start("referrals", "fhub.referrals.v1.ReferralService");
    Start("gateway", "", gateway_env);
    for (const char* name : {"frameworks", "registry", "pricing", "referrals"}) {
      ASSERT_TRUE(WaitServing(name)) << processes_[name].child->Output();
    }
    http_ = std::make_unique<httplib::Client>(
        absl::StrCat("http://", Address("gateway")));
    http_->set_read_timeout(30, 0);
    bool ready = false;
    for (int i = 0; i < 200 && !ready; ++i) {
      auto res = http_->Get("/readyz");
      ready = res && res->status == 200;
      if (!ready) absl::SleepFor(absl::Milliseconds(50));
    }
    ASSERT_TRUE(ready) << processes_["gateway"].child->Output();

    frameworks_ =
        frameworks::v1::FrameworkService::NewStub(Channel("frameworks"));
    registry_ = registry::v1::RegistryService::NewStub(Channel("registry"));
    pricing_ = pv1::PricingService::NewStub(Channel("pricing"));
    referrals_ = v1::ReferralService::NewStub(Channel("referrals"));
    story_ = std::make_unique<testing::HubStory>(
        frameworks_.get(), registry_.get(), pricing_.get(),
        [this](const std::string& organisation, std::vector<Role> roles) {
          return testing::TestToken(clock_, organisation, std::move(roles),
                                    absl::StrCat("user@", organisation));
        });
    ASSERT_THAT(story_->SetUpNorthWest(), GrpcOk());
    for (const testing::ProviderSpec& p : std::vector<testing::ProviderSpec>{
             {"bootle-house", testing::kBootle, 4, 1, {5, 5}, {5, 4}},
             {"mersey-living", testing::kLiverpool, 4, 1, {4, 4}, {4, 3}},
             {"crosby-care", testing::kCrosby, 4, 1, {3, 3}, {3, 3}},
             {"manchester-lodge", testing::kManchester, 4, 1, {4, 4}, {4, 4}}}) {
      ASSERT_THAT(story_->AdmitProvider(p), GrpcOk()) << p.id;
      if (p.id != "manchester-lodge") {
        ASSERT_THAT(story_->AcceptedBook("sefton", p.id, 85000, 1850),
                    GrpcOk());
      }
    }
  }

  Answer Call(const std::string& method, const std::string& path,
              const std::string& token, const std::string& body = "",
              httplib::Headers headers = {}) {
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Result res =
        method == "GET"    ? http_->Get(path.c_str(), headers)
        : method == "POST" ? http_->Post(path.c_str(), headers, body,
                                         "application/json")
        : method == "PATCH"
            ? http_->Patch(path.c_str(), headers, body, "application/json")
            : http_->Delete(path.c_str(), headers, body, "application/json");
    Answer answer;
    if (!res) {
      ADD_FAILURE() << method << " " << path << ": no answer ("
                    << httplib::to_string(res.error()) << ")";
      return answer;
    }
    answer.status = res->status;
    answer.text = res->body;
    answer.headers = res->headers;
    answer.body = Json::parse(res->body, nullptr, false);
    return answer;
  }
  Answer Post(const std::string& path, const std::string& token,
              const Json& body, httplib::Headers headers = {}) {
    return Call("POST", path, token, body.dump(), std::move(headers));
  }

  std::string Sefton() {
    return Token("authorities/sefton", {Role::kCommissioner});
  }
  std::string Provider(const std::string& id) {
    return Token(absl::StrCat("providers/", id), {Role::kProviderUser});
  }

  Json ReferralBody(absl::CivilDay start) {
    return {{"referral",
             {{"framework", "frameworks/nw-16plus"},
              {"lotId", "lot-1"},
              {"caseReference", "SEF-2026-0042"},
              {"age", 16},
              {"needs", {"GOING_MISSING"}},
              {"supportMinutesPerWeek", "600"},
              {"accommodationType", "SHARED_HOUSE"},
              {"homeLocation",
               {{"latitude", testing::kBootle.latitude},
                {"longitude", testing::kBootle.longitude}}},
              {"wantedStartDate", DateJson(start)},
              {"confidentialSummary", "Known to the youth offending team."}}}};
  }

  std::unique_ptr<httplib::Client> http_;
  std::unique_ptr<frameworks::v1::FrameworkService::Stub> frameworks_;
  std::unique_ptr<registry::v1::RegistryService::Stub> registry_;
  std::unique_ptr<pv1::PricingService::Stub> pricing_;
  std::unique_ptr<v1::ReferralService::Stub> referrals_;
  std::unique_ptr<testing::HubStory> story_;
};

TEST_F(GatewayHttpTest, TheSeftonStoryOverHttpJson) {
  ASSERT_NO_FATAL_FAILURE(SetUpHub());
  const std::string sefton = Sefton();
  const absl::CivilDay start = clock_.Today() + 14;

  // Refer, with an Idempotency-Key; the retry returns the first answer.
  Answer created = Post("/v1/authorities/sefton/referrals", sefton,
                        ReferralBody(start), {{"Idempotency-Key", "sef-1"}});
  ASSERT_EQ(created.status, 200) << created.text;
  const std::string referral = created.body["name"];
  EXPECT_EQ(referral.rfind("authorities/sefton/referrals/", 0), 0u);
  Answer again = Post("/v1/authorities/sefton/referrals", sefton,
                      ReferralBody(start), {{"Idempotency-Key", "sef-1"}});
  ASSERT_EQ(again.status, 200) << again.text;
  EXPECT_EQ(again.body["name"], referral);
  Json other = ReferralBody(start);
  other["referral"]["age"] = 17;
  Answer reused = Post("/v1/authorities/sefton/referrals", sefton, other,
                       {{"Idempotency-Key", "sef-1"}});
  EXPECT_EQ(reused.status, 400) << reused.text;
  EXPECT_EQ(reused.body["code"], 3);

  Answer submitted =
      Post(absl::StrCat("/v1/", referral, ":submit"), sefton,
           Json::object(), {{"Idempotency-Key", "sef-submit"}});
  ASSERT_EQ(submitted.status, 200) << submitted.text;
  EXPECT_EQ(submitted.body["status"], "OPEN");
  EXPECT_EQ(submitted.body["invitationCount"], 3);

  // Ranking waits for the competition: FAILED_PRECONDITION is 400.
  Answer early =
      Call("GET", absl::StrCat("/v1/", referral, "/rankedOffers"), sefton);
  EXPECT_EQ(early.status, 400);
  EXPECT_EQ(early.body["code"], 9);
  EXPECT_THAT(early.body["message"].get<std::string>(), HasSubstr("OPEN"));

  auto offer = [&](const std::string& id, int64_t weekly) {
    Json body = {{"offer",
                  {{"setting", absl::StrCat("providers/", id, "/settings/main")},
                   {"availableDate", DateJson(start)},
                   {"accommodationWeeklyPence", weekly},
                   {"supportHourlyPence", 1850},
                   {"supportMinutesPerWeek", 600}}},
                 {"requestId", absl::StrCat("offer-", id)}};
    return Post(absl::StrCat("/v1/", referral, "/invitations/", id,
                             ":makeOffer"),
                Provider(id), body);
  };
  Answer bootle = offer("bootle-house", 85000);
  ASSERT_EQ(bootle.status, 200) << bootle.text;
  EXPECT_EQ(bootle.body["status"], "OFFERED");
  // The provider does not see the case reference.
  EXPECT_FALSE(bootle.body["referral"].contains("caseReference"));
  ASSERT_EQ(offer("mersey-living", 82000).status, 200);
  Answer declined =
      Post(absl::StrCat("/v1/", referral, "/invitations/crosby-care:decline"),
           Provider("crosby-care"),
           {{"reason", "NO_VACANCY"}, {"requestId", "decline-crosby"}});
  ASSERT_EQ(declined.status, 200) << declined.text;

  Answer ranked =
      Call("GET", absl::StrCat("/v1/", referral, "/rankedOffers"), sefton);
  ASSERT_EQ(ranked.status, 200) << ranked.text;
  ASSERT_EQ(ranked.body["offers"].size(), 2u);
  EXPECT_EQ(ranked.body["offers"][0]["provider"], "providers/bootle-house");

  Answer awarded =
      Post(absl::StrCat("/v1/", referral, ":award"), sefton,
           {{"invitation", ranked.body["offers"][0]["invitation"]},
            {"requestId", "award-1"}});
  ASSERT_EQ(awarded.status, 200) << awarded.text;
  const std::string placement = awarded.body["name"];
  EXPECT_EQ(awarded.body["caseReference"], "SEF-2026-0042");

  const absl::CivilDay drop(start.year(), start.month() + 2, start.day());
  Answer adjusted = Post(
      absl::StrCat("/v1/", placement, ":adjustSupportHours"), sefton,
      {{"change",
        {{"effectiveDate", DateJson(drop)}, {"supportMinutesPerWeek", 360}}},
       {"requestId", "hours-1"}});
  ASSERT_EQ(adjusted.status, 200) << adjusted.text;
  EXPECT_EQ(adjusted.body["hours"].size(), 2u);

  // The cost of three months, exactly as the hand formula gives it.
  const absl::CivilDay last =
      absl::CivilDay(start.year(), start.month() + 3, start.day()) - 1;
  const int64_t expected = (2 * 103500 * (drop - start) + 7) / 14 +
                           (2 * 96100 * (last - drop + 1) + 7) / 14;
  Answer cost = Call("GET",
                     absl::StrCat("/v1/", placement, "/cost?first_day=",
                                  DateText(start), "&last_day=", DateText(last)),
                     sefton);
  ASSERT_EQ(cost.status, 200) << cost.text;
  EXPECT_EQ(cost.body["totalPence"], absl::StrCat(expected));
  ASSERT_EQ(cost.body["segments"].size(), 2u);

  // Wirral is refused over HTTP exactly as over gRPC.
  const std::string wirral = Token("authorities/wirral", {Role::kCommissioner});
  v1::GetReferralRequest get;
  get.set_name(referral);
  v1::Referral seen;
  grpc::Status direct =
      referrals_->GetReferral(testing::CallContext(wirral).get(), get, &seen);
  ASSERT_EQ(direct.error_code(), grpc::StatusCode::NOT_FOUND);
  Answer refused = Call("GET", absl::StrCat("/v1/", referral), wirral);
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.body["code"], 5);
  EXPECT_EQ(refused.body["message"], direct.error_message());
  EXPECT_EQ(refused.body["details"], Json::array());
  Answer list = Call("GET", "/v1/authorities/sefton/referrals", wirral);
  EXPECT_EQ(list.status, 403);
  EXPECT_EQ(list.body["code"], 7);

  // The same rpc in the Connect protocol's shape.
  httplib::Headers connect = {{"Authorization", "Bearer " + sefton},
                              {"Connect-Protocol-Version", "1"}};
  auto res = http_->Post("/fhub.referrals.v1.ReferralService/GetReferral",
                         connect, Json{{"name", referral}}.dump(),
                         "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json::parse(res->body)["status"], "AWARDED");
  connect = {{"Authorization", "Bearer " + wirral}};
  res = http_->Post("/fhub.referrals.v1.ReferralService/GetReferral", connect,
                    Json{{"name", referral}}.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(Json::parse(res->body)["code"], "not_found");
}

// Reads a Server-Sent Events stream until `count` events have come.
std::vector<std::pair<std::string, Json>> ReadEvents(
    httplib::Client& http, const std::string& path,
    const httplib::Headers& headers, size_t count, int* status) {
  std::vector<std::pair<std::string, Json>> events;
  std::string buffer;
  auto res = http.Get(
      path.c_str(), headers,
      [&](const httplib::Response& response) {
        *status = response.status;
        return response.status == 200;
      },
      [&](const char* data, size_t length) {
        buffer.append(data, length);
        size_t end;
        while ((end = buffer.find("\n\n")) != std::string::npos) {
          std::string id, data_line;
          for (absl::string_view line :
               absl::StrSplit(buffer.substr(0, end), '\n')) {
            if (absl::ConsumePrefix(&line, "id: ")) id = std::string(line);
            if (absl::ConsumePrefix(&line, "data: ")) {
              data_line = std::string(line);
            }
          }
          buffer.erase(0, end + 2);
          if (!data_line.empty()) {
            events.emplace_back(id, Json::parse(data_line, nullptr, false));
          }
        }
        return events.size() < count;
      });
  if (res) *status = res->status;
  return events;
}

TEST_F(GatewayHttpTest, AnEventStreamResumesWithLastEventId) {
  ASSERT_NO_FATAL_FAILURE(SetUpHub());
  const std::string service = Token("services/audit", {Role::kService});
  httplib::Headers headers = {{"Authorization", "Bearer " + service}};
  int status = 0;
  // The registry's events of the set-up: applications, admissions...
  auto first = ReadEvents(*http_, "/v1/events/registry?after_sequence=0",
                          headers, 6, &status);
  ASSERT_EQ(status, 200);
  ASSERT_EQ(first.size(), 6u);
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].first, first[i].second["sequence"].get<std::string>());
  }
  // A reconnecting EventSource sends the last id it saw: the stream goes on
  // from the event after it, with nothing skipped or repeated.
  headers.emplace("Last-Event-ID", first[2].first);
  auto resumed = ReadEvents(*http_, "/v1/events/registry?after_sequence=0",
                            headers, 3, &status);
  ASSERT_EQ(status, 200);
  ASSERT_EQ(resumed.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(resumed[i].first, first[i + 3].first);
    EXPECT_EQ(resumed[i].second, first[i + 3].second);
  }
  // Refused before any event: the HTTP status says so.
  int refused = 0;
  ReadEvents(*http_, "/v1/events/registry", {{"Authorization",
                                             "Bearer " + Sefton()}},
             1, &refused);
  EXPECT_EQ(refused, 403);
  headers = {{"Authorization", "Bearer " + service},
             {"Last-Event-ID", "yesterday"}};
  Answer bad_id = Call("GET", "/v1/events/registry", service, "", headers);
  EXPECT_EQ(bad_id.status, 400);
}

TEST_F(GatewayHttpTest, EveryErrorCodeHasItsHttpStatus) {
  ASSERT_NO_FATAL_FAILURE(SetUpHub({{"FHUB_MAX_BODY_BYTES", "8388608"}}));
  const std::string sefton = Sefton();
  const absl::CivilDay start = clock_.Today() + 14;
  auto code_of = [](const Answer& a) { return a.body.value("code", -1); };

  // INVALID_ARGUMENT 400, from the service (an age out of range) ...
  Json too_old = ReferralBody(start);
  too_old["referral"]["age"] = 99;
  too_old["requestId"] = "too-old";
  Answer invalid = Post("/v1/authorities/sefton/referrals", sefton, too_old);
  EXPECT_EQ(invalid.status, 400) << invalid.text;
  EXPECT_EQ(code_of(invalid), 3);
  EXPECT_THAT(invalid.body["message"].get<std::string>(), HasSubstr("age"));
  // UNAUTHENTICATED 401: no token.
  Answer anonymous = Call("GET", "/v1/frameworks/nw-16plus", "");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(code_of(anonymous), 16);
  // PERMISSION_DENIED 403 and NOT_FOUND 404.
  EXPECT_EQ(Call("GET", "/v1/authorities/sefton/referrals",
                 Token("authorities/wirral", {Role::kCommissioner}))
                .status,
            403);
  Answer missing = Call("GET", "/v1/authorities/sefton/referrals/999", sefton);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(code_of(missing), 5);
  // ALREADY_EXISTS 409: an authority that is there.
  Answer exists = Post("/v1/authorities", Token("services/hub", {Role::kHubAdmin}),
                       {{"authorityId", "sefton"},
                        {"authority",
                         {{"displayName", "Sefton Council"},
                          {"kind", "LOCAL_AUTHORITY"}}},
                        {"requestId", "again-sefton"}});
  EXPECT_EQ(exists.status, 409) << exists.text;
  EXPECT_EQ(code_of(exists), 6);
  // FAILED_PRECONDITION 400: ranking a draft.
  Answer draft = Post("/v1/authorities/sefton/referrals", sefton,
                      ReferralBody(start), {{"Idempotency-Key", "draft-1"}});
  ASSERT_EQ(draft.status, 200) << draft.text;
  Answer precondition = Call(
      "GET",
      absl::StrCat("/v1/", draft.body["name"].get<std::string>(),
                   "/rankedOffers"),
      sefton);
  EXPECT_EQ(precondition.status, 400);
  EXPECT_EQ(code_of(precondition), 9);
  // RESOURCE_EXHAUSTED 429: a request larger than a service takes (gRPC's
  // 4 MiB message limit; the gateway here admits bodies up to 8 MiB).
  Json huge = ReferralBody(start);
  huge["referral"]["confidentialSummary"] = std::string(5 << 20, 'x');
  huge["requestId"] = "huge";
  Answer exhausted = Post("/v1/authorities/sefton/referrals", sefton, huge);
  EXPECT_EQ(exhausted.status, 429) << exhausted.text.substr(0, 300);
  EXPECT_EQ(code_of(exhausted), 8);
  // DEADLINE_EXCEEDED 504: a deadline of 1 ms.
  Answer late = Call("GET",
                     absl::StrCat("/v1/frameworks/nw-16plus/figures?first_day=",
                                  DateText(clock_.Today()), "&last_day=",
                                  DateText(clock_.Today() + 30)),
                     Token("authorities/tameside", {Role::kLeadAdmin}), "",
                     {{"Connect-Timeout-Ms", "1"}});
  EXPECT_EQ(late.status, 504) << late.text;
  EXPECT_EQ(code_of(late), 4);
  // UNAVAILABLE 503: pricing stopped.
  processes_["pricing"].child->Signal(SIGTERM);
  ASSERT_EQ(processes_["pricing"].child->Wait(absl::Seconds(10)), 0);
  const absl::Time before = absl::Now();
  Answer down = Call("GET", "/v1/priceBooks", sefton);
  EXPECT_EQ(down.status, 503) << down.text;
  EXPECT_EQ(code_of(down), 14);
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));
}

TEST_F(GatewayHttpTest, WhatTheGatewayRefusesItself) {
  ASSERT_NO_FATAL_FAILURE(SetUpHub());
  const std::string sefton = Sefton();
  // Malformed JSON and unknown fields: 400 naming the problem.
  Answer malformed = Call("POST", "/v1/authorities/sefton/referrals", sefton,
                          R"({"referral": {"age": 16,)");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_THAT(malformed.body["message"].get<std::string>(),
              HasSubstr("not valid JSON"));
  Answer unknown = Post("/v1/authorities/sefton/referrals", sefton,
                        {{"referral", {{"colour", "red"}}}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_THAT(unknown.body["message"].get<std::string>(), HasSubstr("colour"));
  Answer query = Call("GET", "/v1/authorities/sefton/referrals?colour=red",
                      sefton);
  EXPECT_EQ(query.status, 400);
  EXPECT_THAT(query.body["message"].get<std::string>(),
              HasSubstr("query parameter colour"));
  Answer page = Call("GET", "/v1/authorities/sefton/referrals?page_size=500",
                     sefton);
  EXPECT_EQ(page.status, 400);
  EXPECT_THAT(page.body["message"].get<std::string>(), HasSubstr("page_size"));
  // A wrong method on a served path: 405 with Allow.
  Answer wrong = Call("DELETE", "/v1/frameworks/nw-16plus", sefton);
  EXPECT_EQ(wrong.status, 405);
  auto allow = wrong.headers.find("Allow");
  ASSERT_NE(allow, wrong.headers.end());
  EXPECT_EQ(allow->second, "GET");
  // No such path: 404.
  Answer nowhere = Call("GET", "/v1/nowhere", sefton);
  EXPECT_EQ(nowhere.status, 404);
  EXPECT_EQ(nowhere.body["code"], 5);
  // A body over 1 MiB: 413, in the same error shape.
  Answer big = Call("POST", "/v1/authorities/sefton/referrals", sefton,
                    std::string(2 << 20, ' '));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.body["code"], 3);
  // Not JSON: 415.
  auto res = http_->Post("/v1/authorities/sefton/referrals",
                         {{"Authorization", "Bearer " + sefton}}, "age=16",
                         "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 415);
  // The OpenAPI document describes the REST paths.
  Answer openapi = Call("GET", "/openapi.json", "");
  ASSERT_EQ(openapi.status, 200);
  EXPECT_TRUE(openapi.body["paths"].contains(
      "/v1/{name=authorities/*/referrals/*}:award") ||
              openapi.text.find(":award") != std::string::npos);
}

// HTTPS on the gateway, and TLS with client certificates to a service that
// requires them: a self-signed certificate for localhost is the gateway's
// and the service's certificate, the clients' trust root and the client CA.
TEST_F(GatewayHttpTest, ServesHttpsAndCallsServicesOverMutualTls) {
  StartCluster();
  const std::string cert = cluster_dir_ + "/tls-cert.pem";
  const std::string key = cluster_dir_ + "/tls-key.pem";
  ASSERT_EQ(
      std::system(
          absl::StrCat("openssl req -x509 -newkey rsa:2048 -nodes -days 1 "
                       "-subj /CN=localhost -addext "
                       "subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout ",
                       key, " -out ", cert, " >/dev/null 2>&1")
              .c_str()),
      0);
  const std::string frameworks = Address("frameworks");
  processes_["frameworks"].address =
      absl::StrCat("localhost:", frameworks.substr(frameworks.rfind(':') + 1));
  Start("frameworks", "fhub.frameworks.v1.FrameworkService",
        {{"FHUB_TLS_CERT_FILE", cert},
         {"FHUB_TLS_KEY_FILE", key},
         {"FHUB_TLS_CLIENT_CA_FILE", cert}});
  Start("gateway", "",
        {{"FHUB_TLS_CERT_FILE", cert},
         {"FHUB_TLS_KEY_FILE", key},
         {"FHUB_FRAMEWORKS_CA_FILE", cert}});
  const std::string gateway = Address("gateway");
  httplib::SSLClient https("localhost",
                           std::stoi(gateway.substr(gateway.rfind(':') + 1)));
  https.set_ca_cert_path(cert.c_str());
  https.enable_server_certificate_verification(true);
  const httplib::Headers hub = {
      {"Authorization",
       "Bearer " + Token("services/hub", {Role::kHubAdmin})}};
  httplib::Result res = https.Get("/v1/authorities", hub);
  for (int i = 0; i < 200 && !(res && res->status == 200); ++i) {
    absl::SleepFor(absl::Milliseconds(50));
    res = https.Get("/v1/authorities", hub);
  }
  ASSERT_TRUE(res) << httplib::to_string(res.error()) << "\n"
                   << processes_["gateway"].child->Output();
  EXPECT_EQ(res->status, 200) << res->body << "\n"
                              << processes_["frameworks"].child->Output();
  // Plain HTTP is not served on the HTTPS port.
  httplib::Client plain(absl::StrCat("http://", gateway));
  auto refused = plain.Get("/healthz");
  EXPECT_TRUE(!refused || refused->status != 200);
}

}  // namespace
}  // namespace fhub
