// Councils' own identity providers, for real: Debian's glewlwyd runs two
// issuers standing in for Sefton's and Wirral's tenants (and a third,
// Knowsley's, that the hub does not trust), with the four services and the
// gateway as processes trusting Sefton's and Wirral's. Tokens come from the
// providers' authorization code flow with PKCE. Each council works with
// its own issuer and cannot act as the other; forged, expired,
// wrong-audience, wrong-issuer and other-organisation tokens are refused;
// a key rotation at an issuer takes effect with no restart; and a person
// signs in to the console through the gateway (the browser's requests made
// here over HTTP; the console's browser tests do it in Chromium).

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "gmock/gmock.h"
#include "tests/e2e/hub/hub_processes.h"
#include "tests/support/grpc_matchers.h"
#include "tests/support/hub_story.h"
#include "tests/support/test_issuer.h"

namespace fhub {
namespace {

using Json = nlohmann::json;
using testing::GrpcIs;
using testing::GrpcOk;
using ::testing::HasSubstr;
namespace v1 = ::fhub::referrals::v1;

const std::string kGlewlwyd =
    absl::StrCat(FHUB_SOURCE_DIR, "/tests/support/oidc/glewlwyd.sh");
constexpr char kResource[] = "https://fhub";

// stdout of a shell command, which must succeed.
std::string Shell(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    out.append(buffer.data(), n);
  }
  const int rc = pclose(pipe);
  EXPECT_EQ(rc, 0) << command << "\n" << out;
  return std::string(absl::StripAsciiWhitespace(out));
}

class IdentityTest : public HubProcessesTest {
 protected:
  void SetUp() override {
    idp_dir_ = cluster_dir_ + "/idp";
    idp_port_ = testing::FreePort();
    idp_ = absl::StrCat("http://127.0.0.1:", idp_port_);
    gateway_ = Address("gateway");
    Shell(absl::StrCat("FHUB_OIDC_REDIRECT_URI=http://", gateway_,
                     "/auth/callback ", kGlewlwyd, " start ", idp_dir_, " ",
                     idp_port_, " >/dev/null"));
    // The hub trusts Sefton's and Wirral's tenants, each for its council.
    Json issuers = Json::array();
    for (const char* council : {"sefton", "wirral"}) {
      issuers.push_back(
          {{"id", council},
           {"issuer", Issuer(council)},
           {"audience", kResource},
           {"organisation", absl::StrCat("authorities/", council)},
           {"roles",
            {{"fhub-commissioner", "COMMISSIONER"},
             {"fhub-lead-admin", "LEAD_ADMIN"}}},
           {"console",
            {{"display_name", absl::StrCat(council, " council")},
             {"client_id", "fhub"},
             {"resource", kResource}}}});
    }
    trust_file_ = cluster_dir_ + "/trust.json";
    std::ofstream(trust_file_) << Json({{"issuers", issuers}}).dump(2);

    StartCluster();
    const std::map<std::string, std::string> trust = {
        {"FHUB_TRUST_FILE", trust_file_}};
    Start("frameworks", "fhub.frameworks.v1.FrameworkService", trust);
    Start("registry", "fhub.registry.v1.RegistryService", trust);
    Start("pricing", "fhub.pricing.v1.PricingService", trust);
    Start("referrals", "fhub.referrals.v1.ReferralService", trust);
    Start("gateway", "",
          {{"FHUB_TRUST_FILE", trust_file_},
           {"FHUB_PUBLIC_URL", absl::StrCat("http://", gateway_)}});
    for (const char* name : {"frameworks", "registry", "pricing", "referrals"}) {
      ASSERT_TRUE(WaitServing(name)) << processes_[name].child->Output();
    }
    frameworks_ =
        frameworks::v1::FrameworkService::NewStub(Channel("frameworks"));
    registry_ = registry::v1::RegistryService::NewStub(Channel("registry"));
    pricing_ = pv1::PricingService::NewStub(Channel("pricing"));
    referrals_ = v1::ReferralService::NewStub(Channel("referrals"));
    testing::HubStory story(
        frameworks_.get(), registry_.get(), pricing_.get(),
        [this](const std::string& organisation, std::vector<Role> roles) {
          return testing::TestToken(clock_, organisation, std::move(roles),
                                    absl::StrCat("user@", organisation));
        });
    ASSERT_THAT(story.SetUpNorthWest(), GrpcOk());
  }

  void TearDown() override {
    std::system(absl::StrCat(kGlewlwyd, " stop ", idp_dir_,
                             " >/dev/null 2>&1").c_str());
  }

  std::string Issuer(const std::string& council) const {
    return absl::StrCat(idp_, "/api/oidc-", council);
  }
  // An access token from `council`'s issuer for `user`, by the code flow.
  std::string TokenFor(const std::string& council, const std::string& user,
                       const std::string& password,
                       const std::string& audience = kResource) {
    return Shell(absl::StrCat("FHUB_OIDC_REDIRECT_URI=http://", gateway_,
                            "/auth/callback ", kGlewlwyd, " token ",
                            Issuer(council), " ", user, " ", password, " ",
                            audience));
  }

  grpc::Status ListReferrals(const std::string& token,
                             const std::string& authority) {
    v1::ListReferralsRequest request;
    request.set_parent(absl::StrCat("authorities/", authority));
    v1::ListReferralsResponse response;
    return referrals_->ListReferrals(testing::CallContext(token).get(),
                                     request, &response);
  }

  grpc::Status CreateReferral(const std::string& token,
                              const std::string& authority,
                              v1::Referral* out) {
    v1::CreateReferralRequest create;
    create.set_parent(absl::StrCat("authorities/", authority));
    v1::Referral* r = create.mutable_referral();
    r->set_framework("frameworks/nw-16plus");
    r->set_lot_id("lot-1");
    r->set_case_reference(absl::StrCat(authority, "-0001"));
    r->set_age(16);
    r->add_needs(v1::GOING_MISSING);
    r->set_support_minutes_per_week(600);
    r->set_accommodation_type(v1::SHARED_HOUSE);
    r->mutable_home_location()->set_latitude(testing::kBootle.latitude);
    r->mutable_home_location()->set_longitude(testing::kBootle.longitude);
    ToProto(clock_.Today() + 14, r->mutable_wanted_start_date());
    create.set_request_id(absl::StrCat("create-", authority));
    return referrals_->CreateReferral(testing::CallContext(token).get(),
                                      create, out);
  }

  std::string idp_dir_, idp_, gateway_, trust_file_;
  int idp_port_ = 0;
  std::unique_ptr<frameworks::v1::FrameworkService::Stub> frameworks_;
  std::unique_ptr<registry::v1::RegistryService::Stub> registry_;
  std::unique_ptr<pv1::PricingService::Stub> pricing_;
  std::unique_ptr<v1::ReferralService::Stub> referrals_;
};

TEST_F(IdentityTest, EachCouncilWorksWithItsOwnIssuerAndRefusesTheRest) {
  // An expired token takes time: a token made to last 1 s is fetched first
  // and tried last, when it has passed its expiry and the leeway.
  Shell(absl::StrCat(kGlewlwyd, " ttl ", idp_dir_, " sefton 1 >/dev/null"));
  const std::string short_lived =
      TokenFor("sefton", "sefton-commissioner", "correct-horse-1");
  const absl::Time short_lived_at = absl::Now();
  Shell(absl::StrCat(kGlewlwyd, " ttl ", idp_dir_, " sefton 3600 >/dev/null"));

  const std::string sefton =
      TokenFor("sefton", "sefton-commissioner", "correct-horse-1");
  const std::string wirral =
      TokenFor("wirral", "wirral-commissioner", "correct-horse-3");
  v1::Referral seftons, wirrals;
  ASSERT_THAT(CreateReferral(sefton, "sefton", &seftons), GrpcOk())
      << processes_["referrals"].child->Output();
  ASSERT_THAT(CreateReferral(wirral, "wirral", &wirrals), GrpcOk());
  EXPECT_THAT(ListReferrals(sefton, "sefton"), GrpcOk());
  EXPECT_THAT(ListReferrals(wirral, "wirral"), GrpcOk());
  // One cannot act as the other.
  EXPECT_THAT(ListReferrals(wirral, "sefton"),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(CreateReferral(wirral, "sefton", &wirrals),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  v1::GetReferralRequest get;
  get.set_name(seftons.name());
  v1::Referral seen;
  EXPECT_THAT(
      referrals_->GetReferral(testing::CallContext(wirral).get(), get, &seen),
      GrpcIs(grpc::StatusCode::NOT_FOUND));
  // Over HTTP through the gateway, the same tokens.
  httplib::Client http(absl::StrCat("http://", gateway_));
  auto res = http.Get(absl::StrCat("/v1/", seftons.name()).c_str(),
                      {{"Authorization", "Bearer " + sefton}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  res = http.Get(absl::StrCat("/v1/", seftons.name()).c_str(),
                 {{"Authorization", "Bearer " + wirral}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);

  const auto refused = [&](const std::string& token, const std::string& why) {
    EXPECT_THAT(ListReferrals(token, "sefton"),
                GrpcIs(grpc::StatusCode::UNAUTHENTICATED, why));
    auto answer = http.Get("/v1/authorities/sefton/referrals",
                           {{"Authorization", "Bearer " + token}});
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 401) << why << ": " << answer->body;
  };
  // Forged: Sefton's claims, signed by a key that is not Sefton's but
  // names Sefton's kid.
  {
    const std::vector<std::string> parts = absl::StrSplit(sefton, '.');
    std::string header, payload;
    ASSERT_TRUE(absl::WebSafeBase64Unescape(parts[0], &header));
    ASSERT_TRUE(absl::WebSafeBase64Unescape(parts[1], &payload));
    const std::string kid = Json::parse(header)["kid"];
    const testing::TestSigningKey impostor = testing::TestSigningKey::Rsa(kid);
    refused(impostor.Sign(payload), "bad signature");
  }
  // Wrong audience: a token asked for without the hub as its resource.
  refused(TokenFor("sefton", "sefton-commissioner", "correct-horse-1", ""),
          "wrong audience");
  // Wrong issuer: Knowsley's tenant, which the hub does not trust.
  refused(TokenFor("knowsley", "knowsley-commissioner", "correct-horse-5"),
          "not trusted");
  // Another organisation: Sefton's tenant sending an org claim for Wirral.
  refused(TokenFor("sefton", "sefton-impostor", "correct-horse-6"),
          "may not speak for authorities/wirral");

  // A key rotation at Sefton's issuer: a token signed with the new key is
  // accepted by services that were never restarted, and the old key's
  // tokens still verify while it is published.
  absl::SleepFor(absl::Seconds(1));
  const std::string rotated_kid = Json::parse(Shell(absl::StrCat(
      kGlewlwyd, " rotate ", idp_dir_, " sefton")))["signing_kid"];
  const std::string after =
      TokenFor("sefton", "sefton-lead", "correct-horse-2");
  std::string header;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(after.substr(0, after.find('.')),
                                          &header));
  EXPECT_EQ(Json::parse(header)["kid"], rotated_kid);
  EXPECT_THAT(ListReferrals(after, "sefton"), GrpcOk())
      << processes_["referrals"].child->Output();
  frameworks::v1::GetFrameworkRequest framework;
  framework.set_name("frameworks/nw-16plus");
  frameworks::v1::Framework nw;
  EXPECT_THAT(frameworks_->GetFramework(testing::CallContext(after).get(),
                                        framework, &nw),
              GrpcOk());
  EXPECT_THAT(ListReferrals(sefton, "sefton"), GrpcOk());

  // The short-lived token, now past its second and the 30 s leeway.
  absl::SleepFor(std::max(absl::ZeroDuration(),
                          short_lived_at + absl::Seconds(33) - absl::Now()));
  refused(short_lived, "expired");
  for (const char* name : {"referrals", "frameworks", "gateway"}) {
    EXPECT_TRUE(processes_[name].child->Running()) << name;
  }
}

// The console's sign-in through the gateway, request by request as a
// browser makes them: the gateway sends the person to Sefton's issuer with
// a PKCE challenge; they sign in there; the issuer sends them back with a
// code; the gateway exchanges it, checks the tokens and sets the session
// cookie, with which the API then answers as Sefton's commissioner.
TEST_F(IdentityTest, APersonSignsInToTheConsoleThroughTheirCouncilsIssuer) {
  httplib::Client gateway(absl::StrCat("http://", gateway_));
  auto providers = gateway.Get("/auth/providers");
  ASSERT_TRUE(providers);
  EXPECT_THAT(providers->body, HasSubstr("/auth/login?issuer=sefton"));

  auto login = gateway.Get("/auth/login?issuer=sefton&return=/referrals");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 302) << login->body;
  const std::string authorize = login->get_header_value("Location");
  EXPECT_THAT(authorize, HasSubstr("code_challenge_method=S256"));
  std::string login_cookie = login->get_header_value("Set-Cookie");
  login_cookie = login_cookie.substr(0, login_cookie.find(';'));

  // At the issuer: sign in (as its login page does), then the authorization
  // request comes back to the gateway with a code.
  httplib::Client idp(idp_);
  auto signed_in = idp.Post(
      "/api/auth", Json({{"username", "sefton-lead"},
                         {"password", "correct-horse-2"}})
                       .dump(),
      "application/json");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  std::string idp_cookie = signed_in->get_header_value("Set-Cookie");
  idp_cookie = idp_cookie.substr(0, idp_cookie.find(';'));
  const std::string path = authorize.substr(idp_.size());
  auto authorized = idp.Get(absl::StrCat(path, "&g_continue").c_str(),
                            {{"Cookie", idp_cookie}});
  ASSERT_TRUE(authorized);
  ASSERT_EQ(authorized->status, 302) << authorized->body;
  const std::string back = authorized->get_header_value("Location");
  ASSERT_THAT(back, HasSubstr(absl::StrCat("http://", gateway_,
                                           "/auth/callback?")));

  auto callback = gateway.Get(
      back.substr(absl::StrCat("http://", gateway_).size()).c_str(),
      {{"Cookie", login_cookie}});
  ASSERT_TRUE(callback);
  ASSERT_EQ(callback->status, 302) << callback->body << "\n"
                                   << processes_["gateway"].child->Output();
  EXPECT_EQ(callback->get_header_value("Location"), "/referrals");
  std::string session;
  for (const auto& [key, value] : callback->headers) {
    if (key == "Set-Cookie" && absl::StartsWith(value, "fhub_session=")) {
      session = value.substr(0, value.find(';'));
      EXPECT_THAT(value, HasSubstr("HttpOnly"));
      EXPECT_THAT(value, HasSubstr("Secure"));
      EXPECT_THAT(value, HasSubstr("SameSite=Lax"));
    }
  }
  ASSERT_FALSE(session.empty());

  auto who = gateway.Get("/auth/session", {{"Cookie", session}});
  ASSERT_TRUE(who);
  ASSERT_EQ(who->status, 200);
  const Json me = Json::parse(who->body);
  EXPECT_EQ(me["organisation"], "authorities/sefton");
  EXPECT_EQ(me["via"], "sefton");
  EXPECT_THAT(me["roles"].dump(), HasSubstr("LEAD_ADMIN"));

  // The API with the session: reads, and changes only from the console.
  auto list = gateway.Get("/v1/authorities/sefton/referrals",
                          {{"Cookie", session}});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200) << list->body;
  const std::string body =
      R"({"name": "frameworks/nw-16plus/members/wirral", "reason": "test"})";
  auto cross_site = gateway.Post(
      "/v1/frameworks/nw-16plus/members/wirral:cease", {{"Cookie", session}},
      body, "application/json");
  ASSERT_TRUE(cross_site);
  EXPECT_EQ(cross_site->status, 403);
  EXPECT_THAT(cross_site->body, HasSubstr("X-Requested-With"));

  // A tampered cookie is nobody; signing out clears it.
  std::string tampered = session;
  tampered[tampered.size() - 3] ^= 1;
  auto nobody = gateway.Get("/auth/session", {{"Cookie", tampered}});
  ASSERT_TRUE(nobody);
  EXPECT_EQ(nobody->status, 401);
  auto out = gateway.Post("/auth/sign-out", {{"Cookie", session}}, "",
                          "application/json");
  ASSERT_TRUE(out);
  EXPECT_THAT(out->body, HasSubstr("/end_session"));
  EXPECT_THAT(out->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
}

}  // namespace
}  // namespace fhub
