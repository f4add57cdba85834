// Authorities through a real gRPC channel: right caller, wrong caller, no
// token, bad input, retried request_id, paging.

#include "gmock/gmock.h"
#include "tests/integration/frameworks/fixture.h"

namespace fhub::frameworks {
namespace {

using ::testing::HasSubstr;

TEST_F(FrameworkServiceTest, HubAdminRegistersAnAuthority) {
  v1::Authority created;
  ASSERT_TRUE(CreateAuthority(HubAdmin(), "sefton", &created).ok());
  EXPECT_EQ(created.name(), "authorities/sefton");
  EXPECT_EQ(created.kind(), v1::LOCAL_AUTHORITY);
  EXPECT_EQ(created.create_time().seconds(), absl::ToUnixSeconds(clock_.Now()));

  v1::GetAuthorityRequest get;
  get.set_name("authorities/sefton");
  v1::Authority fetched;
  ASSERT_TRUE(
      stub_
          ->GetAuthority(testing::CallContext(Commissioner("wirral")).get(),
                         get, &fetched)
          .ok());
  EXPECT_EQ(fetched.display_name(), created.display_name());
  EXPECT_EQ(CountRows("audit_log"), 1);
}

TEST_F(FrameworkServiceTest, LeadAdminMayRegisterAnAuthority) {
  EXPECT_TRUE(CreateAuthority(LeadAdmin("tameside"), "wirral").ok());
}

TEST_F(FrameworkServiceTest, OtherRolesMayNotRegisterAuthorities) {
  EXPECT_EQ(CreateAuthority(Commissioner("sefton"), "wirral").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CreateAuthority(Token("providers/acme-care", {Role::kProviderUser}),
                            "wirral")
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // A LEAD_ADMIN role held by a provider organisation counts for nothing.
  EXPECT_EQ(CreateAuthority(Token("providers/acme-care", {Role::kLeadAdmin}),
                            "wirral")
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CountRows("authorities"), 0);
}

TEST_F(FrameworkServiceTest, CallsWithoutAValidTokenAreUnauthenticated) {
  v1::ListAuthoritiesRequest list;
  v1::ListAuthoritiesResponse listed;
  EXPECT_EQ(
      stub_->ListAuthorities(testing::CallContext("").get(), list, &listed)
          .error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_
                ->ListAuthorities(testing::CallContext("not.a.jwt").get(), list,
                                  &listed)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CreateAuthority("", "sefton").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // Signed with another key.
  auth::TokenClaims claims{"mallory",
                           "services/hub",
                           {Role::kHubAdmin},
                           "fhub-test",
                           "fhub",
                           clock_.Now(),
                           clock_.Now() + absl::Hours(1)};
  auto forged =
      auth::IssueToken(claims, "some-other-key-0123456789abcdef0123456789");
  ASSERT_TRUE(forged.ok());
  EXPECT_EQ(CreateAuthority(*forged, "sefton").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // Expired.
  const std::string token = HubAdmin();
  clock_.Advance(absl::Hours(2));
  EXPECT_EQ(CreateAuthority(token, "sefton").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CountRows("authorities"), 0);
}

TEST_F(FrameworkServiceTest, BadAuthorityRequestsNameTheField) {
  struct Case {
    std::string id;
    std::string display_name;
    int kind;
    std::string request_id;
    std::string field;
  };
  const std::string long_name(201, 'x');
  for (const Case& c : std::vector<Case>{
           {"", "Sefton Council", v1::LOCAL_AUTHORITY, "r1", "authority_id"},
           {"Sefton", "Sefton Council", v1::LOCAL_AUTHORITY, "r2",
            "authority_id"},
           {"sefton", "", v1::LOCAL_AUTHORITY, "r3", "display_name"},
           {"sefton", "   ", v1::LOCAL_AUTHORITY, "r4", "display_name"},
           {"sefton", long_name, v1::LOCAL_AUTHORITY, "r5", "display_name"},
           {"sefton", "Sefton Council", v1::AUTHORITY_KIND_UNSPECIFIED, "r6",
            "authority.kind"},
           {"sefton", "Sefton Council", 42, "r7", "authority.kind"},
           {"sefton", "Sefton Council", v1::LOCAL_AUTHORITY, "", "request_id"},
       }) {
    v1::CreateAuthorityRequest request;
    request.set_authority_id(c.id);
    request.mutable_authority()->set_display_name(c.display_name);
    request.mutable_authority()->set_kind(
        static_cast<v1::AuthorityKind>(c.kind));
    request.set_request_id(c.request_id);
    v1::Authority out;
    grpc::Status status = stub_->CreateAuthority(
        testing::CallContext(HubAdmin()).get(), request, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field;
    EXPECT_THAT(status.error_message(), HasSubstr(c.field));
  }
  EXPECT_EQ(CountRows("authorities"), 0);
  EXPECT_EQ(CountRows("audit_log"), 0);
}

TEST_F(FrameworkServiceTest, RetriedCreateAuthorityReturnsTheFirstResult) {
  v1::Authority first;
  v1::Authority second;
  ASSERT_TRUE(CreateAuthority(HubAdmin(), "halton", &first, "same-id").ok());
  clock_.Advance(absl::Minutes(5));
  ASSERT_TRUE(CreateAuthority(HubAdmin(), "halton", &second, "same-id").ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(CountRows("authorities"), 1);
  EXPECT_EQ(CountRows("audit_log"), 1);

  // The same request_id for a different request is refused...
  grpc::Status reused =
      CreateAuthority(HubAdmin(), "knowsley", nullptr, "same-id");
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(reused.error_message(), HasSubstr("request_id"));
  // ...and a new request_id for an existing authority is ALREADY_EXISTS.
  EXPECT_EQ(CreateAuthority(HubAdmin(), "halton").error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(CountRows("authorities"), 1);
}

TEST_F(FrameworkServiceTest, ListAuthoritiesPagesInIdOrder) {
  for (const char* id :
       {"wirral", "halton", "sefton", "knowsley", "liverpool"}) {
    ASSERT_TRUE(CreateAuthority(HubAdmin(), id).ok());
  }
  std::vector<std::string> names;
  v1::ListAuthoritiesRequest request;
  request.set_page_size(2);
  int pages = 0;
  do {
    v1::ListAuthoritiesResponse page;
    ASSERT_TRUE(stub_
                    ->ListAuthorities(
                        testing::CallContext(Commissioner("sefton")).get(),
                        request, &page)
                    .ok());
    EXPECT_LE(page.authorities_size(), 2);
    for (const auto& a : page.authorities()) names.push_back(a.name());
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(names, ::testing::ElementsAre(
                         "authorities/halton", "authorities/knowsley",
                         "authorities/liverpool", "authorities/sefton",
                         "authorities/wirral"));

  v1::ListAuthoritiesResponse ignored;
  request.set_page_token("garbage");
  EXPECT_EQ(stub_
                ->ListAuthorities(testing::CallContext(HubAdmin()).get(),
                                  request, &ignored)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_page_token("");
  request.set_page_size(-1);
  EXPECT_EQ(stub_
                ->ListAuthorities(testing::CallContext(HubAdmin()).get(),
                                  request, &ignored)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // Above 200 is refused, not quietly cut to 200.
  request.set_page_size(201);
  grpc::Status too_many = stub_->ListAuthorities(
      testing::CallContext(HubAdmin()).get(), request, &ignored);
  EXPECT_EQ(too_many.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(too_many.error_message(), ::testing::HasSubstr("page_size"));
}

TEST_F(FrameworkServiceTest, GetAuthorityChecksTheName) {
  v1::GetAuthorityRequest request;
  v1::Authority out;
  request.set_name("frameworks/sefton");
  EXPECT_EQ(
      stub_->GetAuthority(testing::CallContext(HubAdmin()).get(), request, &out)
          .error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  request.set_name("authorities/nowhere");
  EXPECT_EQ(
      stub_->GetAuthority(testing::CallContext(HubAdmin()).get(), request, &out)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace fhub::frameworks
