// Concerns raised by members about accredited providers.

#include "tests/integration/registry_api/fixture.h"

namespace fhub::registry {
namespace {

using Code = grpc::StatusCode;

class ConcernsApiTest : public RegistryApiTest {
 protected:
  void SetUp() override {
    RegistryApiTest::SetUp();
    if (HasFatalFailure()) return;
    AdmitProvider("acme-care");
  }
  grpc::Status Raise(const std::string& token, const std::string& provider,
                     v1::Concern* out = nullptr) {
    v1::RaiseConcernRequest request;
    request.mutable_concern()->set_provider("providers/" + provider);
    request.mutable_concern()->set_framework(kNw);
    request.mutable_concern()->set_summary(
        "Young person left without staff overnight on 28 November");
    request.set_request_id(NextRequestId());
    v1::Concern response;
    return stub_->RaiseConcern(testing::CallContext(token).get(), request,
                               out != nullptr ? out : &response);
  }
  grpc::Status Close(const std::string& token, const std::string& name,
                     v1::Concern* out = nullptr) {
    v1::CloseConcernRequest request;
    request.set_name(name);
    request.set_request_id(NextRequestId());
    v1::Concern response;
    return stub_->CloseConcern(testing::CallContext(token).get(), request,
                               out != nullptr ? out : &response);
  }
  grpc::Status List(const std::string& token, v1::ListConcernsResponse* out) {
    v1::ListConcernsRequest request;
    request.set_framework(kNw);
    return stub_->ListConcerns(testing::CallContext(token).get(), request, out);
  }
};

TEST_F(ConcernsApiTest, RaiseRespondListClose) {
  v1::Concern concern;
  ASSERT_THAT(Raise(Commissioner("wirral"), "acme-care", &concern), GrpcOk());
  EXPECT_EQ(concern.raised_by(), "authorities/wirral");
  EXPECT_EQ(concern.status(), v1::OPEN);

  v1::RespondToConcernRequest respond;
  respond.set_name(concern.name());
  respond.set_response(
      "The shift was covered from 23:10; we have reviewed rotas.");
  respond.set_request_id(NextRequestId());
  v1::Concern responded;
  EXPECT_THAT(stub_->RespondToConcern(
                  testing::CallContext(ProviderUser("bright-homes")).get(),
                  respond, &responded),
              GrpcIs(Code::PERMISSION_DENIED));
  respond.set_request_id(NextRequestId());
  ASSERT_THAT(stub_->RespondToConcern(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  respond, &responded),
              GrpcOk());
  EXPECT_EQ(responded.response(), respond.response());

  v1::ListConcernsResponse list;
  ASSERT_THAT(List(Commissioner("sefton"), &list), GrpcOk());
  ASSERT_EQ(list.concerns_size(), 1);
  EXPECT_EQ(list.concerns(0).name(), concern.name());
  EXPECT_EQ(list.concerns(0).response(), respond.response());
  EXPECT_THAT(List(ProviderUser("bright-homes"), &list),
              GrpcIs(Code::PERMISSION_DENIED));

  EXPECT_THAT(Close(Commissioner("sefton"), concern.name()),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::Concern closed;
  ASSERT_THAT(Close(Commissioner("wirral"), concern.name(), &closed), GrpcOk());
  EXPECT_EQ(closed.status(), v1::CLOSED);
  EXPECT_THAT(Close(Commissioner("wirral"), concern.name()),
              GrpcIs(Code::FAILED_PRECONDITION));
  respond.set_request_id(NextRequestId());
  EXPECT_THAT(stub_->RespondToConcern(
                  testing::CallContext(ProviderUser("acme-care")).get(),
                  respond, &responded),
              GrpcIs(Code::FAILED_PRECONDITION));
  // The provider lists the concerns about it.
  v1::ListConcernsRequest own_request;
  own_request.set_provider("providers/acme-care");
  v1::ListConcernsResponse own;
  ASSERT_THAT(
      stub_->ListConcerns(testing::CallContext(ProviderUser("acme-care")).get(),
                          own_request, &own),
      GrpcOk());
  ASSERT_EQ(own.concerns_size(), 1);
  EXPECT_EQ(own.concerns(0).status(), v1::CLOSED);
  EXPECT_THAT(stub_->ListConcerns(
                  testing::CallContext(ProviderUser("bright-homes")).get(),
                  own_request, &own),
              GrpcIs(Code::PERMISSION_DENIED));
}

TEST_F(ConcernsApiTest, RaiseRules) {
  ASSERT_THAT(CreateProvider(ProviderUser("bright-homes"), "bright-homes",
                             ValidProvider("Bright Homes Ltd")),
              GrpcOk());
  EXPECT_THAT(Raise(Commissioner("wirral"), "bright-homes"),
              GrpcIs(Code::FAILED_PRECONDITION, "never been admitted"));
  EXPECT_THAT(Raise(Commissioner("nottingham"), "acme-care"),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Raise(Evaluator("wirral"), "acme-care"),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(CountRows("concerns"), 0);
}

}  // namespace
}  // namespace fhub::registry
