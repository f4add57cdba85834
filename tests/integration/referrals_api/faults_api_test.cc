// A peer that cannot answer: the call fails UNAVAILABLE and writes nothing,
// and a retry with the same request_id, once the peer is back, applies the
// change once.
//
// "Down" is a second referrals service over the same database (and so the
// same idempotency keys) whose client of one peer points at a port nothing
// listens on; "back" is the fixture's own service.

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/integration/referrals_api/fixture.h"
#include "tests/support/child_process.h"

namespace fhub::referrals {
namespace {

using ::google::protobuf::util::MessageDifferencer;

class ReferralsFaultsTest : public ReferralsApiTest {
 protected:
  enum class Down { kFrameworks, kRegistry, kPricing };

  // Starts the second service with `down` unreachable and returns its stub.
  v1::ReferralService::Stub& With(Down down) {
    std::shared_ptr<grpc::Channel> nowhere =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", testing::FreePort()),
                            grpc::InsecureChannelCredentials());
    const PeerOptions dead{nowhere, ServiceToken("services/referrals"),
                           absl::Milliseconds(500)};
    FrameworksClient* frameworks = frameworks_client_.get();
    Registry* registry = registry_client_.get();
    Pricing* pricing = pricing_client_.get();
    switch (down) {
      case Down::kFrameworks: {
        FrameworksClientOptions options;
        options.channel = nowhere;
        options.authorization = ServiceToken("services/referrals");
        options.deadline = absl::Milliseconds(500);
        options.cache_ttl = absl::ZeroDuration();
        dead_frameworks_ = std::make_unique<FrameworksClient>(options, &clock_);
        frameworks = dead_frameworks_.get();
        break;
      }
      case Down::kRegistry:
        dead_registry_ = std::make_unique<GrpcRegistry>(dead);
        registry = dead_registry_.get();
        break;
      case Down::kPricing:
        dead_pricing_ = std::make_unique<GrpcPricing>(dead);
        pricing = dead_pricing_.get();
        break;
    }
    degraded_ = std::make_unique<ReferralsServiceImpl>(
        pool_.get(), &store_, frameworks, registry, pricing, verifier_.get(),
        &clock_);
    degraded_server_ = testing::StartLoopbackServer(degraded_.get());
    degraded_stub_ = v1::ReferralService::NewStub(
        testing::LoopbackChannel(*degraded_server_));
    return *degraded_stub_;
  }

  // Rows of idempotency keys with `request_id`.
  int Keys(const std::string& request_id) {
    return CountRows("idempotency_keys",
                     absl::StrCat("request_id = '", request_id, "'"));
  }

  ~ReferralsFaultsTest() override {
    if (degraded_server_) degraded_server_->Shutdown();
  }

  std::unique_ptr<FrameworksClient> dead_frameworks_;
  std::unique_ptr<GrpcRegistry> dead_registry_;
  std::unique_ptr<GrpcPricing> dead_pricing_;
  std::unique_ptr<ReferralsServiceImpl> degraded_;
  std::unique_ptr<Server> degraded_server_;
  std::unique_ptr<v1::ReferralService::Stub> degraded_stub_;
};

TEST_F(ReferralsFaultsTest, RegistryDownLeavesTheReferralADraftUntilARetry) {
  v1::ReferralService::Stub& down = With(Down::kRegistry);
  v1::Referral draft;
  ASSERT_THAT(Create(Commissioner(), SampleReferral(), &draft), GrpcOk());

  v1::SubmitReferralRequest submit;
  submit.set_name(draft.name());
  submit.set_request_id("submit-nw-1");
  v1::Referral refused;
  EXPECT_THAT(down.SubmitReferral(testing::CallContext(Commissioner()).get(),
                                  submit, &refused),
              GrpcIs(grpc::StatusCode::UNAVAILABLE, "registry"));
  v1::Referral now;
  ASSERT_THAT(Get(Commissioner(), draft.name(), &now), GrpcOk());
  EXPECT_EQ(now.status(), v1::DRAFT);
  EXPECT_FALSE(now.has_submit_time());
  EXPECT_EQ(CountRows("invitations"), 0);
  EXPECT_EQ(Keys("submit-nw-1"), 0);

  // The registry is back (the fixture's service): the same request_id
  // submits once.
  v1::Referral submitted;
  ASSERT_THAT(stub_->SubmitReferral(testing::CallContext(Commissioner()).get(),
                                    submit, &submitted),
              GrpcOk());
  EXPECT_EQ(submitted.status(), v1::OPEN);
  EXPECT_EQ(submitted.invitation_count(), 4);
  EXPECT_EQ(CountRows("invitations"), 4);
  v1::Referral again;
  ASSERT_THAT(stub_->SubmitReferral(testing::CallContext(Commissioner()).get(),
                                    submit, &again),
              GrpcOk());
  EXPECT_TRUE(MessageDifferencer::Equals(again, submitted))
      << again.DebugString() << " vs " << submitted.DebugString();
  // Even where the registry is still down: a retry asks nobody.
  ASSERT_THAT(down.SubmitReferral(testing::CallContext(Commissioner()).get(),
                                  submit, &again),
              GrpcOk());
  EXPECT_TRUE(MessageDifferencer::Equals(again, submitted));
  EXPECT_EQ(CountRows("invitations"), 4);
  EXPECT_EQ(Keys("submit-nw-1"), 1);
}

TEST_F(ReferralsFaultsTest, PricingDownLeavesTheInvitationOpenUntilARetry) {
  v1::ReferralService::Stub& down = With(Down::kPricing);
  const v1::Referral referral = Submitted();
  const std::string invitation = InvitationOf(referral.name(), "bootle-house");

  v1::MakeOfferRequest offer;
  offer.set_name(invitation);
  *offer.mutable_offer() = Offer("bootle-house");
  offer.set_request_id("offer-nw-1");
  v1::Invitation refused;
  EXPECT_THAT(
      down.MakeOffer(testing::CallContext(ProviderUser("bootle-house")).get(),
                     offer, &refused),
      GrpcIs(grpc::StatusCode::UNAVAILABLE, "pricing"));
  v1::Invitation now;
  ASSERT_THAT(GetInvitation(ProviderUser("bootle-house"), invitation, &now),
              GrpcOk());
  EXPECT_EQ(now.status(), v1::INVITED);
  EXPECT_FALSE(now.has_offer());
  EXPECT_EQ(Keys("offer-nw-1"), 0);

  v1::Invitation offered;
  ASSERT_THAT(
      stub_->MakeOffer(testing::CallContext(ProviderUser("bootle-house")).get(),
                       offer, &offered),
      GrpcOk());
  EXPECT_EQ(offered.status(), v1::OFFERED);
  EXPECT_EQ(offered.offer_weekly_pence(), 85000 + 18500);
  v1::Invitation again;
  ASSERT_THAT(
      stub_->MakeOffer(testing::CallContext(ProviderUser("bootle-house")).get(),
                       offer, &again),
      GrpcOk());
  EXPECT_TRUE(MessageDifferencer::Equals(again, offered))
      << again.DebugString() << " vs " << offered.DebugString();
  EXPECT_EQ(Keys("offer-nw-1"), 1);
  v1::Referral counted;
  ASSERT_THAT(Get(Commissioner(), referral.name(), &counted), GrpcOk());
  EXPECT_EQ(counted.offer_count(), 1);
}

TEST_F(ReferralsFaultsTest, FrameworksDownStoresNoReferralUntilARetry) {
  v1::ReferralService::Stub& down = With(Down::kFrameworks);
  v1::CreateReferralRequest create;
  create.set_parent("authorities/sefton");
  *create.mutable_referral() = SampleReferral();
  create.set_request_id("create-nw-1");
  v1::Referral refused;
  EXPECT_THAT(down.CreateReferral(testing::CallContext(Commissioner()).get(),
                                  create, &refused),
              GrpcIs(grpc::StatusCode::UNAVAILABLE));
  EXPECT_EQ(CountRows("referrals"), 0);
  EXPECT_EQ(Keys("create-nw-1"), 0);

  v1::Referral created;
  ASSERT_THAT(stub_->CreateReferral(testing::CallContext(Commissioner()).get(),
                                    create, &created),
              GrpcOk());
  EXPECT_EQ(created.status(), v1::DRAFT);
  v1::Referral again;
  ASSERT_THAT(stub_->CreateReferral(testing::CallContext(Commissioner()).get(),
                                    create, &again),
              GrpcOk());
  EXPECT_EQ(again.name(), created.name());
  EXPECT_TRUE(MessageDifferencer::Equals(again, created));
  EXPECT_EQ(CountRows("referrals"), 1);

  // Submitting needs the frameworks service too.
  v1::SubmitReferralRequest submit;
  submit.set_name(created.name());
  submit.set_request_id("submit-nw-2");
  EXPECT_THAT(down.SubmitReferral(testing::CallContext(Commissioner()).get(),
                                  submit, &refused),
              GrpcIs(grpc::StatusCode::UNAVAILABLE));
  v1::Referral now;
  ASSERT_THAT(Get(Commissioner(), created.name(), &now), GrpcOk());
  EXPECT_EQ(now.status(), v1::DRAFT);
  EXPECT_EQ(CountRows("invitations"), 0);
}

}  // namespace
}  // namespace fhub::referrals
